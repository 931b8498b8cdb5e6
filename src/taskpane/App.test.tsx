import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import type { HostInfo } from "./office-host";
import { fakeOperations } from "./test-fakes";
import { TEST_TODAY } from "./test-render";

function renderWithHost(host: HostInfo, props: Partial<Parameters<typeof App>[0]> = {}) {
  return render(<App detectHost={() => Promise.resolve(host)} today={TEST_TODAY} {...props} />);
}

describe("App", () => {
  it("shows a loading state, then explains how to open the add-in in Excel when Office is absent", async () => {
    renderWithHost({ inExcel: false });
    expect(screen.getByText("Chargement du volet…")).toBeInTheDocument();
    expect(await screen.findByText("Ouvrez ce complément dans Excel")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER pour Excel" })).toBeInTheDocument();
  });

  it("inside Excel, builds the Excel operations and shows the views, in French by default", async () => {
    const operations = fakeOperations();
    renderWithHost({ inExcel: true, displayLanguage: "fr-FR" }, { excelOperations: () => operations });
    expect(await screen.findByRole("tab", { name: "Démarrer" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Paramètres" })).toBeInTheDocument();
    expect(operations.start).toHaveBeenCalled();
    expect(screen.queryByText("Ouvrez ce complément dans Excel")).not.toBeInTheDocument();
  });

  it("switches to English when Office's display language is English", async () => {
    renderWithHost({ inExcel: true, displayLanguage: "en-GB" }, { excelOperations: () => fakeOperations() });
    expect(await screen.findByRole("tab", { name: "Dashboard" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER for Excel" })).toBeInTheDocument();
  });

  it("after « Confirmer la correspondance », stays on Démarrer with the confirmation; « Commencer la cotation » opens the questionnaire", async () => {
    const user = userEvent.setup();
    renderWithHost({ inExcel: false }, { operations: fakeOperations({ stored: undefined }) });
    expect(await screen.findByRole("tab", { name: "Démarrer", selected: true })).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Confirmer la correspondance" }));

    // The workbook now has its mapping: the pane does not leave before the user has read what was stored.
    const next = await screen.findByRole("button", { name: "Commencer la cotation" });
    await waitFor(() => expect(next).toHaveFocus());
    expect(screen.getByText("Correspondance des colonnes enregistrée dans SPASER Paramètres.")).toBeVisible();
    expect(screen.getByRole("tab", { name: "Démarrer", selected: true })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Cotation", selected: false })).toBeInTheDocument();

    await user.keyboard("{Enter}");
    const cotation = screen.getByRole("tab", { name: "Cotation", selected: true });
    expect(cotation).toHaveFocus();
    expect(await screen.findByRole("region", { name: "Cotation" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Marché 2027-001" })).toBeInTheDocument();
  });

  it("uses operations given from outside (workbench) even without Office", async () => {
    renderWithHost({ inExcel: false }, { operations: fakeOperations() });
    expect(await screen.findByRole("tab", { name: "Cotation" })).toBeInTheDocument();
  });
});
