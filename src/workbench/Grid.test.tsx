import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { createWorkbook } from "../sim";
import { Grid } from "./Grid";
import { cellSelection, type GridSelection } from "./grid-navigation";
import { sheetModel } from "./sheet-model";

function contractsSheet(rows: number) {
  const workbook = createWorkbook("Marchés 2027");
  const ws = workbook.sheet("Marchés 2027")!;
  ws.getCell("A1").value = "N° marché";
  ws.getCell("B1").value = "Montant € HT";
  ws.getCell("C1").value = "Date d'attribution prévue";
  for (let i = 0; i < rows; i++) {
    ws.getCell(i + 2, 1).value = `2027-${String(i + 1).padStart(5, "0")}`;
    ws.getCell(i + 2, 2).value = 110_000 + i;
    ws.getCell(i + 2, 2).numFmt = '#,##0 "€"';
    ws.getCell(i + 2, 3).value = 46_412; // 25/01/2027
    ws.getCell(i + 2, 3).numFmt = "dd/mm/yyyy";
  }
  return sheetModel(ws);
}

function ControlledGrid({ rows, onChange }: { rows: number; onChange?: (selection: GridSelection) => void }) {
  const [selection, setSelection] = useState(cellSelection(0, 0));
  const [sheet] = useState(() => contractsSheet(rows));
  return (
    <FluentProvider theme={webLightTheme}>
      <Grid
        sheet={sheet}
        selection={selection}
        onSelectionChange={(next) => {
          setSelection(next);
          onChange?.(next);
        }}
      />
    </FluentProvider>
  );
}

describe("Grid", () => {
  it("shows column letters, row numbers and the cells as formatted in the sheet", () => {
    render(<ControlledGrid rows={3} />);
    const grid = screen.getByRole("grid", { name: "Feuille Marchés 2027" });
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["", "A", "B", "C"]);
    expect(
      within(grid)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["1", "2", "3", "4"]);
    expect(within(grid).getByText("N° marché")).toBeInTheDocument();
    // Testing Library normalises the non-breaking spaces to plain ones.
    expect(within(grid).getByText("110 001 €")).toBeInTheDocument();
    expect(within(grid).getAllByText("25/01/2027")).toHaveLength(3);
  });

  it("renders only the rows on screen of a 20 000-row sheet", () => {
    render(<ControlledGrid rows={20_000} />);
    const grid = screen.getByRole("grid");
    expect(grid).toHaveAttribute("aria-rowcount", "20002");
    const rendered = within(grid).getAllByRole("row").length;
    expect(rendered).toBeGreaterThan(20);
    expect(rendered).toBeLessThan(100);
  });

  it("selects with a click and extends with Shift+click", () => {
    const onChange = vi.fn();
    render(<ControlledGrid rows={5} onChange={onChange} />);
    fireEvent.mouseDown(screen.getByText("2027-00002"));
    expect(onChange).toHaveBeenLastCalledWith(cellSelection(2, 0));
    fireEvent.mouseDown(screen.getAllByText("25/01/2027")[3]!, { shiftKey: true });
    expect(onChange).toHaveBeenLastCalledWith({ anchor: { row: 2, column: 0 }, active: { row: 4, column: 2 } });
    expect(screen.getAllByRole("gridcell", { selected: true })).toHaveLength(9);
  });

  it("moves the active cell with the keyboard and names it for assistive technologies", () => {
    const onChange = vi.fn();
    render(<ControlledGrid rows={5} onChange={onChange} />);
    const grid = screen.getByRole("grid");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    expect(onChange).toHaveBeenLastCalledWith(cellSelection(1, 1));
    const active = document.getElementById(grid.getAttribute("aria-activedescendant")!);
    expect(active).toHaveTextContent("110 000 €");
    expect(active).toHaveAttribute("aria-selected", "true");
  });

  it("keeps the active cell in the document when it is far below the rendered rows", () => {
    render(<ControlledGrid rows={20_000} />);
    const grid = screen.getByRole("grid");
    fireEvent.keyDown(grid, { key: "End", ctrlKey: true });
    const active = document.getElementById(grid.getAttribute("aria-activedescendant")!);
    expect(active).toHaveTextContent("25/01/2027");
    expect(active?.parentElement).toHaveAttribute("aria-rowindex", "20002");
  });

  it("selects a whole row of the sheet from its number", () => {
    const onChange = vi.fn();
    render(<ControlledGrid rows={5} onChange={onChange} />);
    fireEvent.mouseDown(screen.getByRole("rowheader", { name: "4" }));
    expect(onChange).toHaveBeenLastCalledWith({ anchor: { row: 3, column: 0 }, active: { row: 3, column: 2 } });
  });
});
