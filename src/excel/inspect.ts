/**
 * Finds the contracts table(s) of a workbook: loads each sheet's used range (bounded), runs the pure
 * detection of detect.ts on it, and reports the tables found with their mapping and problems.
 *
 * Syncs: 3, plus one per sheet that holds a candidate table (never one per row). Reads are bounded so no
 * request exceeds Office's 5 MB limit, whatever the sheet's declared used range.
 */
import { parseRect } from "./a1";
import { HEADER_SCAN_ROWS, MAX_SCAN_COLUMNS, OWNED_SHEET_NAMES } from "./constants";
import { detectContractsTable, type DetectionResult } from "./detect";

/** Cells read at most for one sheet in one request (≈ 3 MB at 8 bytes a cell). */
export const MAX_CELLS_PER_READ = 400_000;

export interface SheetRect {
  readonly firstRow: number; // 1-based
  readonly firstColumn: number; // 0-based
  readonly lastRow: number;
  readonly lastColumn: number;
}

export interface SheetSummary {
  readonly name: string;
  readonly visibility: string;
  readonly used?: SheetRect;
  /** Excel tables of this sheet (name and A1 address without the sheet). */
  readonly tables: readonly { name: string; address: string }[];
}

export interface InspectedTable {
  readonly sheet: string;
  readonly detection: Extract<DetectionResult, { kind: "table" }>;
  /** The Excel table holding the contracts, when they are in one. */
  readonly tableName?: string;
  /** True when the sheet's used range was cut to stay under Office's request limit. */
  readonly truncated: boolean;
}

export interface InspectionReport {
  readonly sheets: readonly SheetSummary[];
  /** Tables found, best first. */
  readonly tables: readonly InspectedTable[];
  /** Sheets without a contracts table, with the reason (French). */
  readonly rejected: readonly { sheet: string; reason: string }[];
}

function rectOf(address: string): SheetRect | undefined {
  return parseRect(address);
}

/** Inspects every sheet the user owns (the add-in's own sheets are skipped). */
export async function inspectWorkbook(context: Excel.RequestContext): Promise<InspectionReport> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();

  const userSheets = worksheets.items.filter((sheet) => !OWNED_SHEET_NAMES.includes(sheet.name));
  const usedRanges = userSheets.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address");
    return used;
  });
  const tableRanges = tables.items.map((table) => {
    const range = table.getRange();
    range.load("address");
    return { name: table.name, range };
  });
  await context.sync();

  const summaries: SheetSummary[] = userSheets.map((sheet, i) => {
    const used = usedRanges[i]!;
    const ownTables = tableRanges
      .filter(
        (t) =>
          t.range.address.startsWith(`${sheet.name}!`) ||
          t.range.address.startsWith(`'${sheet.name.replace(/'/g, "''")}'!`),
      )
      .map((t) => ({ name: t.name, address: t.range.address.slice(t.range.address.lastIndexOf("!") + 1) }));
    return {
      name: sheet.name,
      visibility: String(sheet.visibility),
      used: used.isNullObject ? undefined : rectOf(used.address),
      tables: ownTables,
    };
  });

  // Top of each sheet, to find a header row.
  const tops = summaries.map((summary, i) => {
    if (!summary.used) return undefined;
    const { firstRow, firstColumn, lastRow, lastColumn } = summary.used;
    const rows = Math.min(lastRow - firstRow + 1, HEADER_SCAN_ROWS);
    const columns = Math.min(lastColumn - firstColumn + 1, MAX_SCAN_COLUMNS);
    const range = userSheets[i]!.getRangeByIndexes(firstRow - 1, firstColumn, rows, columns);
    range.load("values");
    return range;
  });
  await context.sync();

  const found: InspectedTable[] = [];
  const rejected: { sheet: string; reason: string }[] = [];
  for (let i = 0; i < summaries.length; i++) {
    const summary = summaries[i]!;
    const top = tops[i];
    if (!summary.used || !top) {
      rejected.push({ sheet: summary.name, reason: "Feuille vide." });
      continue;
    }
    const origin = { row: summary.used.firstRow - 1, column: summary.used.firstColumn };
    const first = detectContractsTable(summary.name, top.values, origin);
    if (first.kind === "none") {
      rejected.push({ sheet: summary.name, reason: first.reason });
      continue;
    }
    // The whole table: from the used range's first row (titles included, so row numbers stay right) down to
    // its end, on the detected columns only, bounded to stay under the request limit.
    const columns = first.lastColumn - first.firstColumn + 1;
    const maxRows = Math.max(HEADER_SCAN_ROWS, Math.floor(MAX_CELLS_PER_READ / columns));
    const totalRows = summary.used.lastRow - summary.used.firstRow + 1;
    const rows = Math.min(totalRows, maxRows);
    const block = userSheets[i]!.getRangeByIndexes(summary.used.firstRow - 1, first.firstColumn, rows, columns);
    block.load("values");
    // One request per candidate sheet: the count grows with sheets, never with rows.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    const detection = detectContractsTable(summary.name, block.values, {
      row: summary.used.firstRow - 1,
      column: first.firstColumn,
    });
    if (detection.kind === "none") {
      rejected.push({ sheet: summary.name, reason: detection.reason });
      continue;
    }
    const table = summary.tables.find((t) => {
      const rect = parseRect(t.address);
      return rect !== undefined && rect.firstRow === detection.headerRow;
    });
    found.push({ sheet: summary.name, detection, tableName: table?.name, truncated: rows < totalRows });
  }
  // An Excel table first, then the table with the most contract rows.
  found.sort(
    (a, b) => Number(Boolean(b.tableName)) - Number(Boolean(a.tableName)) || b.detection.rows - a.detection.rows,
  );
  return { sheets: summaries, tables: found, rejected };
}

/** "Feuil1!B4:G120"-style label of a found table, for messages. */
export function describeTable(table: InspectedTable): string {
  return `${table.sheet}!${table.detection.address}${table.tableName ? ` (tableau ${table.tableName})` : ""}`;
}
