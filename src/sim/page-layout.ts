/**
 * Page setup of a simulated sheet, host side: header/footer sections and print titles.
 *
 * Orientation, zoom and headers live in the excelts sheet (`pageSetup`, `headerFooter`), which writes them in
 * the sheet XML. Print titles are the defined name `_xlnm.Print_Titles` local to the sheet; the simulator keeps
 * every defined name itself (excelts never sees them, see xlsx-io.ts), so they live in `SimWorkbook.names`
 * with the rest and a loaded file's print titles are read and replaced in the same place.
 */
import type { Worksheet as XWorksheet } from "@cj-tech-master/excelts";
import { type CellRect, MAX_COLUMNS, MAX_ROWS, columnLetters, parseAddress, quoteSheetName } from "./address";
import { SimError } from "./errors";
import type { SimDefinedName } from "./workbook";

export type HeaderSection = "left" | "center" | "right";
export type HeaderSections = Record<HeaderSection, string>;

const SECTION_CODES: Record<string, HeaderSection> = { L: "left", C: "center", R: "right" };

/** Splits an OOXML header or footer (`&Lleft&Ccentre&Rright`) into its sections; other `&` codes are kept. */
export function splitHeader(text: string | null | undefined): HeaderSections {
  const out: HeaderSections = { left: "", center: "", right: "" };
  if (!text) return out;
  let current: HeaderSection = "center"; // text before any section code is centred
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "&" && i + 1 < text.length) {
      const next = text[i + 1]!;
      const section = SECTION_CODES[next];
      if (section) current = section;
      else out[current] += ch + next; // "&&", "&P", "&D", "&\"Font\"", …
      i++;
      continue;
    }
    out[current] += ch;
  }
  return out;
}

/** The OOXML text of three sections; undefined when all are empty. */
export function joinHeader(sections: HeaderSections): string | undefined {
  const text =
    (sections.left ? `&L${sections.left}` : "") +
    (sections.center ? `&C${sections.center}` : "") +
    (sections.right ? `&R${sections.right}` : "");
  return text === "" ? undefined : text;
}

// ── print titles ─────────────────────────────────────────────────────────────────────────────
export const PRINT_TITLES = "_xlnm.Print_Titles";

interface PrintTitles {
  rows?: { first: number; last: number };
  columns?: { first: number; last: number };
}

function findPrintTitles(names: readonly SimDefinedName[], sheetName: string): SimDefinedName | undefined {
  const lower = sheetName.toLowerCase();
  return names.find((n) => n.name === PRINT_TITLES && n.scopeSheet?.toLowerCase() === lower);
}

/** Rows and columns of a sheet's print titles, from `'Sheet'!$A:$B,'Sheet'!$1:$2`. */
export function readPrintTitles(names: readonly SimDefinedName[], sheetName: string): PrintTitles {
  const name = findPrintTitles(names, sheetName);
  const out: PrintTitles = {};
  if (!name) return out;
  for (const m of name.reference.matchAll(/(?:'(?:[^']|'')*'|[^',!]+)!(\$?[A-Za-z]+:\$?[A-Za-z]+|\$?\d+:\$?\d+)/g)) {
    const { rect, isEntireRow } = parseAddress(m[0]);
    if (isEntireRow) out.rows = { first: rect.row, last: rect.row + rect.rowCount - 1 };
    else out.columns = { first: rect.column, last: rect.column + rect.columnCount - 1 };
  }
  return out;
}

/** Sets (or clears, with undefined) the rows or the columns of a sheet's print titles, keeping the other part. */
export function writePrintTitles(
  names: SimDefinedName[],
  sheetName: string,
  part: "rows" | "columns",
  span: { first: number; last: number } | undefined,
): void {
  const titles = { ...readPrintTitles(names, sheetName), [part]: span };
  const sheet = quoteSheetName(sheetName);
  const pieces: string[] = [];
  if (titles.columns)
    pieces.push(`${sheet}!$${columnLetters(titles.columns.first)}:$${columnLetters(titles.columns.last)}`);
  if (titles.rows) pieces.push(`${sheet}!$${titles.rows.first + 1}:$${titles.rows.last + 1}`);
  const existing = findPrintTitles(names, sheetName);
  if (pieces.length === 0) {
    if (existing) names.splice(names.indexOf(existing), 1);
    return;
  }
  if (existing) existing.reference = pieces.join(",");
  else names.push({ name: PRINT_TITLES, scopeSheet: sheetName, reference: pieces.join(","), hidden: false });
}

/** The rows of a rectangle as a print-title span (Office takes the rows of any range given). */
export function rowSpan(rect: CellRect): { first: number; last: number } {
  return { first: rect.row, last: rect.row + rect.rowCount - 1 };
}

export function columnSpan(rect: CellRect): { first: number; last: number } {
  return { first: rect.column, last: rect.column + rect.columnCount - 1 };
}

export function wholeRows(span: { first: number; last: number }): CellRect {
  return { row: span.first, rowCount: span.last - span.first + 1, column: 0, columnCount: MAX_COLUMNS };
}

export function wholeColumns(span: { first: number; last: number }): CellRect {
  return { row: 0, rowCount: MAX_ROWS, column: span.first, columnCount: span.last - span.first + 1 };
}

// ── orientation and zoom ─────────────────────────────────────────────────────────────────────
export interface PageZoom {
  scale?: number;
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
}

export function readZoom(ws: XWorksheet): PageZoom {
  const setup = ws.pageSetup;
  return setup.fitToPage
    ? { horizontalFitToPages: setup.fitToWidth ?? 1, verticalFitToPages: setup.fitToHeight ?? 1 }
    : { scale: setup.scale ?? 100 };
}

/** Office's zoom: a percentage (10–400), or a number of pages across and down (0 = as many as needed). */
export function writeZoom(ws: XWorksheet, zoom: PageZoom): void {
  const fit = zoom.horizontalFitToPages !== undefined || zoom.verticalFitToPages !== undefined;
  if (fit && zoom.scale !== undefined)
    throw new SimError("InvalidArgument", "zoom takes either scale or a number of pages, not both.");
  if (fit) {
    const pages = [zoom.horizontalFitToPages ?? 1, zoom.verticalFitToPages ?? 1];
    if (pages.some((n) => !Number.isInteger(n) || n < 0 || n > 32767))
      throw new SimError("InvalidArgument", `Invalid number of pages in zoom ${JSON.stringify(zoom)}.`);
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = pages[0]!;
    ws.pageSetup.fitToHeight = pages[1]!;
    return;
  }
  const scale = zoom.scale;
  if (scale === undefined || !Number.isInteger(scale) || scale < 10 || scale > 400)
    throw new SimError(
      "InvalidArgument",
      `Invalid zoom ${JSON.stringify(zoom)}: scale is a percentage from 10 to 400.`,
    );
  ws.pageSetup.fitToPage = false;
  ws.pageSetup.scale = scale;
}
