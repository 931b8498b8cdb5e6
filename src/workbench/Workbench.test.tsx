import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { XLS_REFUSAL } from "../sim";
import { FORMULA_NOTICE, Workbench } from "./Workbench";

const SAMPLE_NAME = "programmation-achats-ville-exemple.xlsx";
const sampleBytes = () => new Uint8Array(readFileSync(join(__dirname, "..", "..", "assets", "samples", SAMPLE_NAME)));

const withSample = () => Promise.resolve({ bytes: sampleBytes(), name: SAMPLE_NAME });

async function renderWithSample(saveFile = vi.fn()) {
  render(<Workbench initialFile={withSample} saveFile={saveFile} today="2026-06-01" />);
  const grid = await screen.findByRole("grid", { name: "Feuille Programmation 2027-2028" }, { timeout: 20_000 });
  return { grid, saveFile };
}

function chooseFile(name: string, bytes: Uint8Array) {
  const input = screen.getByLabelText("Classeur à ouvrir (.xlsx ou .csv)");
  fireEvent.change(input, { target: { files: [new File([bytes as BlobPart], name)] } });
}

describe("Workbench", () => {
  it("opens the sample: its headers in the grid, its sheets as tabs, the notice about Excel formulas", async () => {
    const { grid } = await renderWithSample();
    for (const header of ["N° marché", "Objet du marché", "Montant € HT", "Date d'attribution prévue"])
      expect(within(grid).getByText(header)).toBeInTheDocument();
    const tabs = screen.getByRole("tablist", { name: "Feuilles du classeur" });
    expect(within(tabs).getAllByRole("tab")).toHaveLength(2);
    expect(within(tabs).getByRole("tab", { name: "Programmation 2027-2028", selected: true })).toBeInTheDocument();
    expect(within(tabs).getByRole("tab", { name: "Notes", selected: false })).toBeInTheDocument();
    expect(screen.getByText(FORMULA_NOTICE)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("154 lignes × 17 colonnes");
  });

  it("shows the other sheet when its tab is chosen", async () => {
    await renderWithSample();
    fireEvent.click(screen.getByRole("tab", { name: "Notes" }));
    const notes = await screen.findByRole("grid", { name: "Feuille Notes" });
    expect(within(notes).getByText("À propos de ce classeur")).toBeInTheDocument();
  });

  it("reports the selection of a contract cell", async () => {
    const { grid } = await renderWithSample();
    fireEvent.mouseDown(within(grid).getByText("SEM-27-002"));
    expect(screen.getByRole("status")).toHaveTextContent("sélection A6");
  });

  it("refuses an .xls file with the simulator's French message and keeps the open workbook", async () => {
    const { grid } = await renderWithSample();
    chooseFile("ancien.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await screen.findByText(XLS_REFUSAL)).toBeInTheDocument();
    expect(screen.getByText("Ouverture impossible")).toBeInTheDocument();
    expect(grid).toBeInTheDocument();
  });

  it("opens a CSV file as a one-sheet workbook", async () => {
    await renderWithSample();
    chooseFile(
      "export.csv",
      new TextEncoder().encode("N° marché;Objet;Montant\n2027-001;Nettoyage des locaux;45000\n"),
    );
    const grid = await screen.findByRole("grid", { name: /^Feuille / }, { timeout: 10_000 });
    await waitFor(() => expect(within(grid).getByText("Nettoyage des locaux")).toBeInTheDocument());
    expect(screen.getByText("export.csv")).toBeInTheDocument();
  });
  // Downloading is checked in Chromium (test/e2e/workbench.spec.ts): under jsdom, excelts' zip writer
  // does not recognise the test realm's Uint8Array ("Unsupported archive source").
});
