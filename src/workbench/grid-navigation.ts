/**
 * Keyboard moves of the grid's selection, as in Excel: arrows move the active cell, Shift extends the
 * selection from its anchor, Home/End go to the row's ends, Ctrl+Home/Ctrl+End to the sheet's, Page Up/Down
 * by a screenful. Pure.
 */
import type { CellRect } from "../sim/address";

export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

export interface GridSelection {
  /** Where a Shift-extension starts. */
  readonly anchor: CellPosition;
  /** The active cell (keyboard focus). */
  readonly active: CellPosition;
}

export function selectionRect({ anchor, active }: GridSelection): CellRect {
  const row = Math.min(anchor.row, active.row);
  const column = Math.min(anchor.column, active.column);
  return {
    row,
    column,
    rowCount: Math.abs(anchor.row - active.row) + 1,
    columnCount: Math.abs(anchor.column - active.column) + 1,
  };
}

export function cellSelection(row: number, column: number): GridSelection {
  return { anchor: { row, column }, active: { row, column } };
}

export interface KeyInput {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

/** The selection after a key, or undefined when the key is not a grid move. */
export function moveSelection(
  selection: GridSelection,
  key: KeyInput,
  extent: { rowCount: number; columnCount: number; pageRows: number },
): GridSelection | undefined {
  const { row, column } = selection.active;
  const lastRow = extent.rowCount - 1;
  const lastColumn = extent.columnCount - 1;
  const toSheetEdge = key.ctrlKey === true || key.metaKey === true;
  let next: CellPosition;
  switch (key.key) {
    case "ArrowUp":
      next = { row: toSheetEdge ? 0 : row - 1, column };
      break;
    case "ArrowDown":
      next = { row: toSheetEdge ? lastRow : row + 1, column };
      break;
    case "ArrowLeft":
      next = { row, column: toSheetEdge ? 0 : column - 1 };
      break;
    case "ArrowRight":
      next = { row, column: toSheetEdge ? lastColumn : column + 1 };
      break;
    case "Home":
      next = toSheetEdge ? { row: 0, column: 0 } : { row, column: 0 };
      break;
    case "End":
      next = toSheetEdge ? { row: lastRow, column: lastColumn } : { row, column: lastColumn };
      break;
    case "PageUp":
      next = { row: row - Math.max(1, extent.pageRows), column };
      break;
    case "PageDown":
      next = { row: row + Math.max(1, extent.pageRows), column };
      break;
    default:
      return undefined;
  }
  const clamped = {
    row: Math.min(lastRow, Math.max(0, next.row)),
    column: Math.min(lastColumn, Math.max(0, next.column)),
  };
  return key.shiftKey === true ? { anchor: selection.anchor, active: clamped } : { anchor: clamped, active: clamped };
}

/** The rows to render for a scroll position: the visible ones plus a margin, never past the sheet. */
export function visibleRowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  firstScrollableRow: number,
  rowCount: number,
  overscan = 8,
): { first: number; last: number } {
  const scrollable = Math.max(0, rowCount - firstScrollableRow);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visible = Math.ceil(viewportHeight / rowHeight) + 2 * overscan;
  const last = Math.min(scrollable, first + visible) - 1;
  return { first: firstScrollableRow + first, last: firstScrollableRow + last };
}
