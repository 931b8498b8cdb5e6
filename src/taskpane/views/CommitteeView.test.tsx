import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { WorkbookRefusal } from "../../excel/errors";
import { fakeOperations, SAMPLE_SOURCE } from "../test-fakes";
import { renderView } from "../test-render";
import { CommitteeView } from "./CommitteeView";

describe("CommitteeView", () => {
  it("builds the list of the coming year and confirms", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<CommitteeView />, operations);
    expect(await screen.findByText("1 marché(s) coté(s) sur 3")).toBeInTheDocument();
    expect(screen.getByRole("spinbutton", { name: "Année" })).toHaveValue("2027");
    await user.click(screen.getByRole("button", { name: "Construire la liste du comité" }));
    expect(await screen.findByText("Liste du comité 2027 construite : 2 marchés.")).toBeInTheDocument();
    expect(operations.buildCommitteeList).toHaveBeenCalledWith(SAMPLE_SOURCE, 2027, expect.objectContaining({}));
  });

  it("shows the conflict refusal", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.buildCommitteeList.mockRejectedValueOnce(
      new WorkbookRefusal("conflict", "Le tableau des marchés a changé pendant la lecture : rien n'a été écrit."),
    );
    renderView(<CommitteeView />, operations);
    await user.click(await screen.findByRole("button", { name: "Construire la liste du comité" }));
    expect(await screen.findByText("Opération refusée")).toBeInTheDocument();
    expect(screen.getByText(/a changé pendant la lecture/)).toBeInTheDocument();
  });
});
