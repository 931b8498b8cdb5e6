/**
 * What the grid needs of a worksheet, read from the simulator's in-memory workbook (the workbench is the
 * host, like Excel's own grid, so it reads cells directly rather than through the API): the extent from A1
 * to the last used cell, the sheet's frozen panes, column widths, and each cell's shown text. Cells are read
 * on demand, so a 20 000-row sheet costs only the rows on screen.
 */
import type { Worksheet as XWorksheet } from "@cj-tech-master/excelts";
import { columnLetters, type CellRect } from "../sim/address";
import { numberFormatOf, officeValueType, toOfficeValue, usedRect } from "../sim/workbook";
import { displayValue } from "./format";

/** Beyond this many columns the grid stops (exports sometimes declare thousands of empty ones). */
export const MAX_GRID_COLUMNS = 256;
/** Frozen panes larger than this would leave no room to scroll in the workbench. */
const MAX_FROZEN_ROWS = 8;
const MAX_FROZEN_COLUMNS = 3;
/** Excel's default column width, in characters of the default font. */
const DEFAULT_COLUMN_CHARS = 8.43;
const MIN_COLUMN_PX = 32;
const MAX_COLUMN_PX = 480;

export type CellAlign = "start" | "end" | "center";

export interface GridCell {
  readonly text: string;
  readonly align: CellAlign;
  /** Text that may spill over the empty cell at its right, as in Excel. */
  readonly overflows: boolean;
}

export interface SheetModel {
  readonly name: string;
  /** Rows and columns shown, from A1 to the last used cell (at least one of each). */
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  /** Column widths in CSS pixels. */
  readonly columnWidths: readonly number[];
  /** True when the sheet has columns beyond MAX_GRID_COLUMNS that are not shown. */
  readonly truncatedColumns: boolean;
  cell(row: number, column: number): GridCell;
}

/** Excel stores widths in characters of the default font: about 7 px each plus 5 px of padding. */
export function columnWidthPx(chars: number | undefined): number {
  const px = Math.round((chars ?? DEFAULT_COLUMN_CHARS) * 7 + 5);
  return Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px));
}

function frozenPanes(ws: XWorksheet): { rows: number; columns: number } {
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state !== "frozen") return { rows: 0, columns: 0 };
  return {
    rows: Math.min(MAX_FROZEN_ROWS, Math.max(0, Math.trunc(view.ySplit ?? 0))),
    columns: Math.min(MAX_FROZEN_COLUMNS, Math.max(0, Math.trunc(view.xSplit ?? 0))),
  };
}

export function sheetModel(ws: XWorksheet): SheetModel {
  const used: CellRect | undefined = usedRect(ws, true);
  const rowCount = used ? used.row + used.rowCount : 1;
  const fullColumns = used ? used.column + used.columnCount : 1;
  const columnCount = Math.min(fullColumns, MAX_GRID_COLUMNS);
  const frozen = frozenPanes(ws);
  const columnWidths = Array.from({ length: columnCount }, (_, c) => {
    const column = ws.getColumn(c + 1) as { width?: number; hidden?: boolean };
    return columnWidthPx(column.width);
  });
  const rawValue = (row: number, column: number) => ws.findCell(row + 1, column + 1);
  return {
    name: ws.name,
    rowCount,
    columnCount,
    frozenRows: Math.min(frozen.rows, Math.max(0, rowCount - 1)),
    frozenColumns: Math.min(frozen.columns, Math.max(0, columnCount - 1)),
    columnWidths,
    truncatedColumns: fullColumns > columnCount,
    cell(row, column) {
      const cell = rawValue(row, column);
      const value = toOfficeValue(cell?.value);
      const type = officeValueType(cell);
      const text = displayValue(value, numberFormatOf(cell));
      const align: CellAlign = type === "Double" ? "end" : type === "Boolean" || type === "Error" ? "center" : "start";
      const overflows =
        type === "String" && column + 1 < columnCount && toOfficeValue(rawValue(row, column + 1)?.value) === "";
      return { text, align, overflows };
    },
  };
}

/** "A1", "B2:D4": the local address of a selection. */
export function rectAddress(rect: CellRect): string {
  const first = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${columnLetters(rect.column + rect.columnCount - 1)}${rect.row + rect.rowCount}`;
}
