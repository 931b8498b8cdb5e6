/**
 * A1 addresses as the Excel JS API accepts and returns them.
 * Rectangles are 0-based and inclusive, like `rowIndex`/`columnIndex` in Office.js.
 */
import { SimError } from "./errors";

/** Excel's grid limits (Excel 2007+ file format). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellRect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export interface ParsedAddress {
  /** Sheet name when the address is qualified (`'Sheet name'!A1`), unquoted. */
  readonly sheet?: string;
  readonly rect: CellRect;
  readonly isEntireColumn: boolean;
  readonly isEntireRow: boolean;
}

export function columnLetters(columnIndex: number): string {
  let n = columnIndex + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndexFromLetters(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function invalid(address: string): SimError {
  return new SimError("InvalidArgument", `L'adresse « ${address} » n'est pas une adresse A1 valide.`);
}

/** Splits `'It''s here'!A1:B2` into sheet name and local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address.trim() };
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).trim() };
}

/** Parses A1, A1:C3, A:C, 2:5, optionally sheet-qualified. Throws SimError("InvalidArgument"). */
export function parseAddress(address: string): ParsedAddress {
  const { sheet, local } = splitSheet(address);
  const parts = local.split(":");
  const start = parts[0] ?? "";
  const end = parts[1] ?? start;
  if (start === "" || end === "" || parts.length > 2) throw invalid(address);
  const withSheet = (p: Omit<ParsedAddress, "sheet">): ParsedAddress => (sheet === undefined ? p : { ...p, sheet });
  const a = CELL.exec(start);
  const b = CELL.exec(end);
  if (a && b) {
    const r1 = Number(a[2]!) - 1,
      c1 = columnIndexFromLetters(a[1]!);
    const r2 = Number(b[2]!) - 1,
      c2 = columnIndexFromLetters(b[1]!);
    const rect = normalise(r1, c1, r2, c2);
    checkBounds(rect, address);
    return withSheet({ rect, isEntireColumn: false, isEntireRow: false });
  }
  const ca = COLUMN.exec(start);
  const cb = COLUMN.exec(end);
  if (ca && cb) {
    const rect = normalise(0, columnIndexFromLetters(ca[1]!), MAX_ROWS - 1, columnIndexFromLetters(cb[1]!));
    checkBounds(rect, address);
    return withSheet({ rect, isEntireColumn: true, isEntireRow: false });
  }
  const ra = ROW.exec(start);
  const rb = ROW.exec(end);
  if (ra && rb && Number(ra[1]) >= 1 && Number(rb[1]) >= 1) {
    const rect = normalise(Number(ra[1]!) - 1, 0, Number(rb[1]!) - 1, MAX_COLUMNS - 1);
    checkBounds(rect, address);
    return withSheet({ rect, isEntireColumn: false, isEntireRow: true });
  }
  throw invalid(address);
}

function normalise(r1: number, c1: number, r2: number, c2: number): CellRect {
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, rowCount: Math.abs(r2 - r1) + 1, columnCount: Math.abs(c2 - c1) + 1 };
}

function checkBounds(rect: CellRect, address: string): void {
  if (
    rect.row < 0 ||
    rect.column < 0 ||
    rect.row + rect.rowCount > MAX_ROWS ||
    rect.column + rect.columnCount > MAX_COLUMNS
  ) {
    throw invalid(address);
  }
}

/** Quotes a sheet name the way Excel does when it has spaces or punctuation. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Local A1 text of a rectangle: `A1`, `A1:C3`, `A:C` (whole columns) or `2:5` (whole rows), like Office. */
export function formatRect(rect: CellRect): string {
  const lastRow = rect.row + rect.rowCount - 1;
  const lastCol = rect.column + rect.columnCount - 1;
  if (rect.row === 0 && rect.rowCount === MAX_ROWS) return `${columnLetters(rect.column)}:${columnLetters(lastCol)}`;
  if (rect.column === 0 && rect.columnCount === MAX_COLUMNS) return `${rect.row + 1}:${lastRow + 1}`;
  const first = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${columnLetters(lastCol)}${lastRow + 1}`;
}

/** Sheet-qualified address as `range.address` returns it: `Feuil1!A1:B2`, `'Sheet name'!A1`. */
export function formatAddress(sheetName: string, rect: CellRect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect)}`;
}

/** Absolute reference for defined names: `'Sheet name'!$A$1:$B$2`. */
export function formatAbsoluteAddress(sheetName: string, rect: CellRect): string {
  const lastRow = rect.row + rect.rowCount;
  const lastCol = columnLetters(rect.column + rect.columnCount - 1);
  const first = `$${columnLetters(rect.column)}$${rect.row + 1}`;
  const local = rect.rowCount === 1 && rect.columnCount === 1 ? first : `${first}:$${lastCol}$${lastRow}`;
  return `${quoteSheetName(sheetName)}!${local}`;
}
