/**
 * Host side of the simulator: an in-memory workbook (an excelts Workbook) plus what excelts
 * does not keep the way Excel does — defined names (kept as text, never expanded to cells),
 * the selection and its listeners, the formula evaluator hook, and the parts of the original
 * file used to check that a save loses nothing.
 */
import type { Cell, Worksheet as XWorksheet, Table as XTable, Workbook as XWorkbook } from "@cj-tech-master/excelts";
import { dateToExcel, getCellDisplayText } from "@cj-tech-master/excelts";
import { type CellRect, formatAddress, parseAddress } from "./address";
import { type SimChart, drawingPartsOf } from "./charts";
import { SimError } from "./errors";

export type OfficeCellValue = string | number | boolean;

export interface SimDefinedName {
  name: string;
  /** Sheet name when the name is local to a sheet (localSheetId in the file). */
  scopeSheet?: string;
  /** Reference or formula without the leading `=`, e.g. `'DEP ALIM MODIF'!$A$1:$AQ$347`. */
  reference: string;
  hidden: boolean;
  comment?: string;
  /** Other attributes of the original `<definedName>` element, written back verbatim. */
  rawAttributes?: string;
}

/** Host-evaluated formulas (the workbench plugs the SPASER custom functions here). Return undefined to keep the default. */
export type FormulaEvaluator = (
  formula: string,
  where: { sheet: string; address: string },
) => OfficeCellValue | undefined;

export interface SelectionChangedArgs {
  address: string;
  worksheetId: string;
  type: "WorksheetSelectionChanged";
}

export interface SourceInfo {
  fileName: string;
  format: "xlsx" | "csv" | "new";
  /** Zip part names of the original file (xlsx only). */
  parts: readonly string[];
  /** Trailing empty rows dropped at load because they only repeated the column style (per sheet). */
  droppedEmptyRows: Record<string, number>;
}

export interface SaveReport {
  /** Parts of the original that the save did not keep but that Excel regenerates (calcChain, printer settings). */
  regeneratedParts: string[];
}

export class SimWorkbook {
  readonly excel: XWorkbook;
  readonly names: SimDefinedName[];
  readonly source: SourceInfo;
  /** Charts of every sheet (worksheet.charts), loaded or added through the API. */
  readonly charts: SimChart[] = [];
  /** Charts deleted through the API that are still in the excelts workbook (the next save takes them out). */
  readonly deletedCharts: SimChart[] = [];
  /** Parts of the original file removed on purpose (a chart or a sheet deleted through the API): a save may drop them. */
  readonly releasedParts = new Set<string>();
  lastSave: SaveReport | undefined;
  private chartCount = 0;
  private evaluator: FormulaEvaluator | undefined;
  private selection: { sheet: string; rect: CellRect };
  private readonly selectionListeners = new Set<(args: SelectionChangedArgs) => void | Promise<void>>();

  constructor(excel: XWorkbook, names: SimDefinedName[], source: SourceInfo) {
    this.excel = excel;
    this.names = names;
    this.source = source;
    const first = this.visibleSheets()[0] ?? excel.worksheets[0];
    this.selection = {
      sheet: this.activeSheet()?.name ?? first?.name ?? "",
      rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    };
  }

  visibleSheets(): XWorksheet[] {
    return this.excel.worksheets.filter((ws) => ws.state === "visible" || ws.state === undefined);
  }

  sheet(name: string): XWorksheet | undefined {
    const lower = name.toLowerCase();
    return this.excel.worksheets.find((ws) => ws.name.toLowerCase() === lower);
  }

  activeSheet(): XWorksheet | undefined {
    const view = this.excel.views?.[0] as { activeTab?: number } | undefined;
    const sheets = this.excel.worksheets;
    return sheets[view?.activeTab ?? 0] ?? sheets[0];
  }

  setActiveSheet(ws: XWorksheet): void {
    const index = this.excel.worksheets.indexOf(ws);
    const views = this.excel.views ?? [];
    const first = views[0] ?? {};
    this.excel.views = [{ ...first, activeTab: index } as (typeof views)[number], ...views.slice(1)];
    if (this.selection.sheet !== ws.name)
      this.selection = { sheet: ws.name, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
  }

  // ── formulas ──────────────────────────────────────────────────────────────────────────────
  setFormulaEvaluator(fn: FormulaEvaluator | undefined): void {
    this.evaluator = fn;
  }

  /** Re-evaluates every formula cell through the evaluator (those it answers). Returns how many changed. */
  recalculate(): number {
    if (!this.evaluator) return 0;
    let changed = 0;
    for (const ws of this.excel.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const f = cell.formula;
          if (f === undefined) return;
          const result = this.evaluator?.(`=${f}`, { sheet: ws.name, address: cell.address });
          if (result !== undefined && result !== toOfficeValue(cell.value)) {
            cell.value = { formula: f, result } as Cell["value"];
            changed++;
          }
        }),
      );
    }
    return changed;
  }

  evaluate(formula: string, sheet: string, address: string): OfficeCellValue | undefined {
    return this.evaluator?.(formula, { sheet, address });
  }

  // ── selection ─────────────────────────────────────────────────────────────────────────────
  /** Selects cells as a user would (the workbench grid calls this) and fires onSelectionChanged handlers. */
  async select(address: string, sheetName?: string): Promise<void> {
    const parsed = parseAddress(address);
    const ws = this.sheet(parsed.sheet ?? sheetName ?? this.selection.sheet);
    if (!ws) throw new SimError("ItemNotFound", `La feuille « ${parsed.sheet ?? sheetName} » n'existe pas.`);
    this.setActiveSheet(ws);
    this.selection = { sheet: ws.name, rect: parsed.rect };
    const args: SelectionChangedArgs = {
      address: formatAddress(ws.name, parsed.rect).split("!")[1]!,
      worksheetId: String(ws.id),
      type: "WorksheetSelectionChanged",
    };
    for (const listener of [...this.selectionListeners]) await listener(args);
  }

  selected(): { sheet: XWorksheet; rect: CellRect } {
    const ws = this.sheet(this.selection.sheet) ?? this.excel.worksheets[0];
    if (!ws) throw new SimError("ItemNotFound", "Le classeur ne contient aucune feuille.");
    return { sheet: ws, rect: this.selection.rect };
  }

  addSelectionListener(fn: (args: SelectionChangedArgs) => void | Promise<void>): () => void {
    this.selectionListeners.add(fn);
    return () => this.selectionListeners.delete(fn);
  }

  // ── charts ────────────────────────────────────────────────────────────────────────────────
  nextChartId(): string {
    return `{chart-${++this.chartCount}}`;
  }

  chartsOn(ws: XWorksheet): SimChart[] {
    return this.charts.filter((c) => c.sheet === ws);
  }

  deleteChart(chart: SimChart): void {
    const at = this.charts.indexOf(chart);
    if (at < 0) return;
    this.charts.splice(at, 1);
    if (chart.written) this.deletedCharts.push(chart);
    for (const part of chart.parts ?? []) this.releasedParts.add(part);
  }

  /**
   * Before a sheet is deleted: its charts and its drawing go with it. excelts' removeWorksheet keeps the
   * workbook's chart entries, which a save would write as orphan chart parts: they are removed here.
   */
  forgetSheetCharts(ws: XWorksheet): void {
    for (const chart of this.chartsOn(ws)) {
      this.charts.splice(this.charts.indexOf(chart), 1);
      for (const part of chart.parts ?? []) this.releasedParts.add(part);
    }
    for (const written of [...ws.getCharts()]) ws.removeChart(written);
    for (const part of drawingPartsOf(ws)) this.releasedParts.add(part);
  }

  // ── tables ────────────────────────────────────────────────────────────────────────────────
  allTables(): { table: XTable; sheet: XWorksheet }[] {
    return this.excel.worksheets.flatMap((sheet) => sheet.getTables().map((table) => ({ table, sheet })));
  }

  findTable(name: string): { table: XTable; sheet: XWorksheet } | undefined {
    const lower = name.toLowerCase();
    return this.allTables().find(({ table }) => table.name.toLowerCase() === lower);
  }
}

// ── cell conversion (excelts value ↔ Office.js value) ───────────────────────────────────────
export function toOfficeValue(value: unknown): OfficeCellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateToExcel(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.error === "string") return v.error;
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((run) => run.text).join("");
    if ("formula" in v || "sharedFormula" in v) return toOfficeValue(v.result);
    if ("text" in v) return toOfficeValue(v.text);
    if ("result" in v) return toOfficeValue(v.result);
  }
  return "";
}

export type OfficeValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

const ERROR_VALUES = new Set([
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
]);

export function officeValueType(cell: Cell | undefined): OfficeValueType {
  const raw = cell?.value;
  const v = toOfficeValue(raw);
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  const isError =
    typeof raw === "object" &&
    raw !== null &&
    ("error" in raw || ("result" in raw && typeof (raw as { result?: unknown }).result === "object"));
  return isError || (ERROR_VALUES.has(v) && typeof raw === "object") ? "Error" : "String";
}

export function formulaText(cell: Cell | undefined): OfficeCellValue {
  const f = cell?.formula;
  if (f !== undefined) return `=${f}`;
  return toOfficeValue(cell?.value);
}

export function displayText(cell: Cell | undefined): string {
  if (!cell) return "";
  try {
    return getCellDisplayText(cell);
  } catch {
    return String(toOfficeValue(cell.value));
  }
}

export function numberFormatOf(cell: Cell | undefined): string {
  const fmt = cell?.numFmt;
  if (typeof fmt === "string") return fmt;
  if (fmt && typeof fmt === "object" && "formatCode" in fmt) return String((fmt as { formatCode: unknown }).formatCode);
  return "General";
}

/** Rectangle of non-empty cells (values only, or values and formatted cells), from the sparse cell store. */
export function usedRect(ws: XWorksheet, valuesOnly: boolean): CellRect | undefined {
  let minRow = Infinity,
    minCol = Infinity,
    maxRow = -1,
    maxCol = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: !valuesOnly }, (cell, colNumber) => {
      const hasValue = toOfficeValue(cell.value) !== "" || cell.formula !== undefined;
      if (!hasValue && (valuesOnly || !hasOwnStyle(cell))) return;
      minRow = Math.min(minRow, rowNumber - 1);
      maxRow = Math.max(maxRow, rowNumber - 1);
      minCol = Math.min(minCol, colNumber - 1);
      maxCol = Math.max(maxCol, colNumber - 1);
    });
  });
  if (maxRow < 0) return undefined;
  return { row: minRow, column: minCol, rowCount: maxRow - minRow + 1, columnCount: maxCol - minCol + 1 };
}

function hasOwnStyle(cell: Cell): boolean {
  const style = cell.style as Record<string, unknown> | undefined;
  return !!style && Object.keys(style).some((k) => style[k] !== undefined);
}
