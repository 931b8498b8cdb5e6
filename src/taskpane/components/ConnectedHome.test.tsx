import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { OperationsProvider } from "../OperationsContext";
import { fakeOperations } from "../test-fakes";
import { TEST_TODAY } from "../test-render";
import { ConnectedHome } from "./ConnectedHome";

function renderHome(operations = fakeOperations()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <OperationsProvider operations={operations}>
        <ConnectedHome today={TEST_TODAY} />
      </OperationsProvider>
    </FluentProvider>,
  );
  return operations;
}

describe("ConnectedHome", () => {
  it("opens on the questionnaire when the workbook has a confirmed table", async () => {
    renderHome();
    expect(await screen.findByRole("tab", { name: "Cotation", selected: true })).toBeInTheDocument();
  });

  it("opens on Démarrer when no mapping is stored, and the other views say so", async () => {
    const user = userEvent.setup();
    renderHome(fakeOperations({ stored: undefined }));
    expect(await screen.findByRole("tab", { name: "Démarrer", selected: true })).toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: "Comité" }));
    expect(screen.getByText(/Confirmez d'abord la correspondance des colonnes/)).toBeInTheDocument();
  });

  // Arrow keys between tabs are Fluent's own (tabster), which needs a layout engine: jsdom has none, so the
  // arrow keys are checked in the browser end-to-end tests; here the keyboard reaches and opens each view.
  it("opens each view from the keyboard", async () => {
    const user = userEvent.setup();
    renderHome();
    const cotation = await screen.findByRole("tab", { name: "Cotation", selected: true });
    cotation.focus();
    screen.getByRole("tab", { name: "Tableau de bord" }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("tab", { name: "Tableau de bord", selected: true })).toBeInTheDocument();
    expect(
      await screen.findByRole("button", { name: "Construire / actualiser le tableau de bord" }),
    ).toBeInTheDocument();
    screen.getByRole("tab", { name: "Paramètres" }).focus();
    await user.keyboard(" ");
    expect(screen.getByRole("tab", { name: "Paramètres", selected: true })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Enregistrer les paramètres" })).toBeInTheDocument();
  });

  it("explains when the workbook cannot be read, and reads it again on demand", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.start.mockRejectedValueOnce(new Error("Le classeur est en cours de modification ailleurs."));
    renderHome(operations);
    expect(await screen.findByText("Le classeur est en cours de modification ailleurs.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("tab", { name: "Cotation", selected: true })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Marché 2027-001" })).toBeInTheDocument();
  });
});
