/**
 * Finding the contracts list in a sheet, from the cell values of its used range alone (pure: no Excel API).
 *
 * Real lists are messy (see shared/data/workbooks/README.md): title rows above the header, nature
 * headings ("SERVICES") and amount brackets ("Tranche 1 : 0 à 19 999,99 € HT") between the contracts,
 * lot parents whose amount reads "TOTAL : 117 372,56", a "TOTAL GENERAL" row, a colour legend under a
 * gap, a thousand rows of `;;;;` after the data. Forms (one label, one input cell) and transposed layouts
 * (one column per invoice) are not lists: the detector says so rather than inventing a table.
 */
import { foldText, isEmptyCell, parseAmount, parseDate } from "../spaser/normalize";
import { DETECTED_FIELD_LABELS, type DetectedField, type HeaderScore, headerKey, matchHeader } from "./headers";
import { columnLetters } from "./a1";

/** Top-left cell of `values` in the sheet, 0-based (Office.js `rowIndex` / `columnIndex`). */
export interface SheetOrigin {
  readonly row: number;
  readonly column: number;
}

export type SkipReason = "titre" | "section" | "total" | "vide" | "legende";

export interface SkippedRow {
  /** 1-based sheet row. */
  readonly row: number;
  readonly reason: SkipReason;
}

export interface DetectionProblem {
  readonly severity: "erreur" | "avertissement";
  readonly message: string;
}

export interface MappedColumn {
  /** 0-based sheet column. */
  readonly column: number;
  /** The header as written (line breaks and repeated spaces shown as one space). */
  readonly header: string;
  readonly score: HeaderScore;
}

export type ColumnMapping = Partial<Record<DetectedField, MappedColumn>>;

export interface DetectedTable {
  readonly kind: "table";
  readonly sheet: string;
  /** Where the header came from: an Excel table of the workbook, or a header row found in the cells. */
  readonly source: "tableau" | "plage";
  readonly tableName?: string;
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
  /** 0-based sheet columns of the table's first and last column. */
  readonly firstColumn: number;
  readonly lastColumn: number;
  /** A1 address of the header and the rows down to the last contract row, e.g. "B4:F120". */
  readonly address: string;
  readonly mapping: ColumnMapping;
  /** 1-based sheet rows holding contracts. */
  readonly contractRows: readonly number[];
  readonly skipped: readonly SkippedRow[];
  readonly rows: number;
  readonly problems: readonly DetectionProblem[];
}

export interface NoTable {
  readonly kind: "none";
  readonly sheet: string;
  readonly reason: string;
}

export type DetectionResult = DetectedTable | NoTable;

export interface DetectOptions {
  /** Force the header row (1-based sheet row), as for an Excel table whose header row is known. */
  readonly headerRow?: number;
  /** A run of this many empty rows ends the list (Villemomble: ~1 200 rows of `;;;;` after the data). */
  readonly endAfterEmptyRows?: number;
}

/** Non-empty rows tried as header, from the top. */
const HEADER_CANDIDATE_ROWS = 30;
/** Rows scanned from the top for header candidates and form labels, whatever their content. */
const TOP_SCAN_ROWS = 500;
const END_AFTER_EMPTY_ROWS = 30;
/** Fields that make a header row a contracts list: at least 2 of them, among which object or amount. */
const KEY_FIELDS = ["object", "amountHT", "date", "supplier", "id"] as const;
type KeyField = (typeof KEY_FIELDS)[number];
const MIN_KEY_FIELDS = 2;
/** Labels of distinct fields stacked in one column that make a sheet a form or a transposed list. */
const MIN_STACKED_LABELS = 3;
/** A header row with at most this many rows under it may still be a form's label row. */
const FORM_MAX_ROWS = 5;
/** Values to the right of a stacked label (median) from which the layout is transposed, not a form. */
const TRANSPOSED_MIN_VALUES = 3;

/** Fields a contract list should have, with what is lost without them. */
const ESSENTIAL_FIELDS: readonly {
  field: DetectedField;
  severity: DetectionProblem["severity"];
  consequence: string;
}[] = [
  {
    field: "object",
    severity: "avertissement",
    consequence: "les marchés ne seront identifiés que par leur numéro de ligne",
  },
  {
    field: "amountHT",
    severity: "erreur",
    consequence: "les seuils et les indicateurs en montant ne peuvent pas être calculés",
  },
  {
    field: "notificationDate",
    severity: "erreur",
    consequence: "les marchés ne peuvent pas être rattachés à une année ni aux textes en vigueur",
  },
  {
    field: "supplier",
    severity: "avertissement",
    consequence: "les indicateurs par attributaire (PME, ESS) ne peuvent pas être calculés",
  },
];

/** Totals and subtotals, in any text cell: "TOTAL : 117 372,56", "Sous-total", "… TOTAL", "TOTAL GENERAL". */
const TOTAL_TEXT = /^(sous )?total\b|^totaux\b|\btotal$|\btotal general\b/;
/** Headings between groups of contracts: nature of the purchase, amount bracket. */
const SECTION_TEXT =
  /^(tranche\b|services?$|fournitures?$|travaux$|prestations?( intellectuelles?| de services?)?$|marches? (de )?(services|fournitures|travaux)$)/;
/** First words of a legend or notes block under the list. */
const LEGEND_TEXT = /^(legende|cles? des?|notes?|nb|source|remarques?)\b/;

// ---------------------------------------------------------------------------------------------------------
// Grid access
// ---------------------------------------------------------------------------------------------------------

type Cells = readonly (readonly unknown[])[];

/** Read access to `values` with 0-based indexes relative to the range, plus sheet coordinates. */
class Grid {
  private readonly emptyRows = new Map<number, boolean>();
  constructor(
    readonly values: Cells,
    readonly origin: SheetOrigin,
  ) {}

  get rowCount(): number {
    return this.values.length;
  }

  cell(row: number, column: number): unknown {
    return this.values[row]?.[column];
  }

  rowLength(row: number): number {
    return this.values[row]?.length ?? 0;
  }

  isRowEmpty(row: number): boolean {
    let empty = this.emptyRows.get(row);
    if (empty === undefined) {
      empty = (this.values[row] ?? []).every(isEmptyCell);
      this.emptyRows.set(row, empty);
    }
    return empty;
  }

  /** 1-based sheet row of a range row. */
  sheetRow(row: number): number {
    return this.origin.row + row + 1;
  }

  sheetColumn(column: number): number {
    return this.origin.column + column;
  }
}

export { columnLetters };

function displayHeader(cell: unknown): string {
  return typeof cell === "string" ? cell.replace(/\s+/g, " ").trim() : String(cell ?? "");
}

/** "A", "A et B", "A, B et C". */
function frenchList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

function listColumns(columns: readonly number[]): string {
  return frenchList(columns.map(columnLetters));
}

// ---------------------------------------------------------------------------------------------------------
// Header row
// ---------------------------------------------------------------------------------------------------------

interface HeaderCandidate {
  /** Range row of the header. */
  readonly row: number;
  /** Range columns: field → column. */
  readonly mapping: ReadonlyMap<DetectedField, { column: number; score: HeaderScore }>;
  readonly keyFields: ReadonlySet<KeyField>;
  readonly score: number;
  readonly problems: readonly DetectionProblem[];
}

function keyFieldOf(field: DetectedField): KeyField | undefined {
  if (field === "notificationDate" || field === "awardDate") return "date";
  return (KEY_FIELDS as readonly string[]).includes(field) ? (field as KeyField) : undefined;
}

/**
 * Maps the header cells of one row to fields: each column to its best field, each field to its best
 * column (exact before partial, leftmost on ties). Ties and repeated headers are reported.
 */
function readHeaderRow(grid: Grid, row: number): HeaderCandidate {
  const byField = new Map<DetectedField, { column: number; score: HeaderScore }[]>();
  const byKey = new Map<string, number[]>();
  const length = grid.rowLength(row);
  for (let column = 0; column < length; column++) {
    const cell = grid.cell(row, column);
    if (typeof cell !== "string" || isEmptyCell(cell)) continue;
    const key = headerKey(cell);
    if (key !== "") byKey.set(key, [...(byKey.get(key) ?? []), column]);
    const match = matchHeader(cell);
    if (match) byField.set(match.field, [...(byField.get(match.field) ?? []), { column, score: match.score }]);
  }

  const mapping = new Map<DetectedField, { column: number; score: HeaderScore }>();
  const problems: DetectionProblem[] = [];
  const duplicateColumns = new Set<number>();
  for (const columns of byKey.values()) if (columns.length > 1) columns.forEach((c) => duplicateColumns.add(c));

  for (const [field, candidates] of byField) {
    const best = candidates.some((c) => c.score === "exact")
      ? candidates.filter((c) => c.score === "exact")
      : candidates;
    const chosen = best[0];
    if (!chosen) continue;
    mapping.set(field, chosen);
    const rivals = best.filter((c) => c.column !== chosen.column && !duplicateColumns.has(c.column));
    if (rivals.length > 0) {
      const all = [chosen, ...rivals].map(
        (c) => `${columnLetters(grid.sheetColumn(c.column))} (« ${displayHeader(grid.cell(row, c.column))} »)`,
      );
      problems.push({
        severity: "avertissement",
        message: `Plusieurs colonnes peuvent être « ${DETECTED_FIELD_LABELS[field]} » : ${frenchList(all)} ; la colonne ${columnLetters(grid.sheetColumn(chosen.column))} est retenue, vérifiez la correspondance.`,
      });
    }
  }

  for (const columns of byKey.values()) {
    if (columns.length < 2) continue;
    const first = columns[0] ?? 0;
    const header = displayHeader(grid.cell(row, first));
    const sheetColumns = columns.map((c) => grid.sheetColumn(c));
    const field = [...mapping].find(([, m]) => m.column === first)?.[0];
    const consequence = field
      ? `la colonne ${columnLetters(grid.sheetColumn(first))} est retenue pour « ${DETECTED_FIELD_LABELS[field]} », vérifiez la correspondance`
      : "ces colonnes ne sont pas utilisées";
    problems.push({
      severity: "avertissement",
      message: `En-tête « ${header} » en double (colonnes ${listColumns(sheetColumns)}) : ${consequence}.`,
    });
  }

  const keyFields = new Set<KeyField>();
  let score = 0;
  for (const [field, { score: s }] of mapping) {
    const key = keyFieldOf(field);
    if (key) keyFields.add(key);
    score += s === "exact" ? 2 : 1;
  }
  score += 3 * keyFields.size;
  return { row, mapping, keyFields, score, problems };
}

function isContractsHeader(candidate: HeaderCandidate): boolean {
  const { keyFields } = candidate;
  return keyFields.size >= MIN_KEY_FIELDS && (keyFields.has("object") || keyFields.has("amountHT"));
}

/** The best header row among the first non-empty rows, or the best attempt (for the explanation). */
function findHeaderRow(
  grid: Grid,
  forcedRow: number | undefined,
): { found?: HeaderCandidate; attempt?: HeaderCandidate } {
  const rows: number[] = [];
  if (forcedRow !== undefined) {
    rows.push(forcedRow - grid.origin.row - 1);
  } else {
    for (let row = 0; row < Math.min(grid.rowCount, TOP_SCAN_ROWS) && rows.length < HEADER_CANDIDATE_ROWS; row++) {
      if (!grid.isRowEmpty(row)) rows.push(row);
    }
  }
  let found: HeaderCandidate | undefined;
  let attempt: HeaderCandidate | undefined;
  for (const row of rows) {
    if (row < 0 || row >= grid.rowCount) continue;
    const candidate = readHeaderRow(grid, row);
    if (isContractsHeader(candidate)) {
      if (!found || candidate.score > found.score) found = candidate;
    } else if (candidate.keyFields.size > 0 && (!attempt || candidate.score > attempt.score)) {
      attempt = candidate;
    }
  }
  return found ? { found } : attempt ? { attempt } : {};
}

// ---------------------------------------------------------------------------------------------------------
// Forms and transposed layouts
// ---------------------------------------------------------------------------------------------------------

type StackedLayout = "formulaire" | "transposee";

/**
 * Labels of distinct fields stacked in one column ("Titulaire", "Objet", "Montant HT" under each other)
 * mean a form (one input cell per label) or a transposed list (one column per item).
 * Merged cells repeat their value across the merge in some readers: values are counted once.
 */
function stackedLayout(grid: Grid, fromRow: number): StackedLayout | undefined {
  const labelsByColumn = new Map<number, { fields: Set<DetectedField>; values: number[] }>();
  const lastRow = Math.min(grid.rowCount, fromRow + TOP_SCAN_ROWS);
  for (let row = fromRow; row < lastRow; row++) {
    if (grid.isRowEmpty(row)) continue;
    const length = grid.rowLength(row);
    let column = 0;
    while (column < length && isEmptyCell(grid.cell(row, column))) column++;
    const label = grid.cell(row, column);
    const match = matchHeader(label);
    if (!match) continue;
    const distinct = new Set<unknown>();
    for (let c = column + 1; c < length; c++) {
      const cell = grid.cell(row, c);
      if (isEmptyCell(cell) || cell === label || matchHeader(cell)) continue;
      distinct.add(cell);
    }
    const values = distinct.size;
    const entry = labelsByColumn.get(column) ?? { fields: new Set<DetectedField>(), values: [] };
    entry.fields.add(match.field);
    entry.values.push(values);
    labelsByColumn.set(column, entry);
  }
  for (const { fields, values } of labelsByColumn.values()) {
    if (fields.size < MIN_STACKED_LABELS) continue;
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return median >= TRANSPOSED_MIN_VALUES ? "transposee" : "formulaire";
  }
  return undefined;
}

const STACKED_REASONS: Readonly<Record<StackedLayout, string>> = {
  formulaire:
    "La feuille ressemble à un formulaire, pas à une liste de marchés : les libellés (Titulaire, Objet, Montant HT…) sont les uns sous les autres, chacun avec sa case à remplir.",
  transposee:
    "La feuille est disposée en colonnes (libellés en première colonne, une colonne par élément) : ce n'est pas une liste de marchés à une ligne par marché.",
};

// ---------------------------------------------------------------------------------------------------------
// Rows under the header
// ---------------------------------------------------------------------------------------------------------

type RowKind = "contract" | "total" | "section" | "legend" | "empty";

interface TableColumns {
  readonly first: number;
  readonly last: number;
  readonly object?: number;
  readonly amount?: number;
  readonly date?: number;
  readonly supplier?: number;
}

function foldedTextCells(grid: Grid, row: number, columns: TableColumns): { texts: string[]; cells: unknown[] } {
  const texts: string[] = [];
  const cells: unknown[] = [];
  for (let column = columns.first; column <= columns.last; column++) {
    const cell = grid.cell(row, column);
    if (isEmptyCell(cell)) continue;
    cells.push(cell);
    if (typeof cell === "string") texts.push(foldText(cell));
  }
  return { texts, cells };
}

function hasValue(grid: Grid, row: number, column: number | undefined): boolean {
  return column !== undefined && !isEmptyCell(grid.cell(row, column));
}

/** Where a totals row says so: its first cell, its object or its amount ("TOTAL : 117 372,56"). */
function totalLabels(grid: Grid, row: number, columns: TableColumns): string[] {
  let first = columns.first;
  while (first <= columns.last && isEmptyCell(grid.cell(row, first))) first++;
  return [first, columns.object, columns.amount]
    .map((column) => (column === undefined ? undefined : grid.cell(row, column)))
    .filter((cell): cell is string => typeof cell === "string")
    .map(foldText);
}

function classifyRow(grid: Grid, row: number, columns: TableColumns): RowKind {
  const { texts, cells } = foldedTextCells(grid, row, columns);
  if (cells.length === 0) return "empty";
  if (totalLabels(grid, row, columns).some((text) => TOTAL_TEXT.test(text))) return "total";
  // One heading, possibly repeated across merged cells: "SERVICES", "Tranche 2 : 50 000 € à 89 999,99 € HT".
  if (texts.length === cells.length && new Set(texts).size === 1) return "section";
  const hasObject =
    columns.object !== undefined &&
    typeof grid.cell(row, columns.object) === "string" &&
    hasValue(grid, row, columns.object);
  const hasDate = columns.date !== undefined && parseDate(grid.cell(row, columns.date))?.ok === true;
  const hasAmount =
    columns.amount !== undefined && parseAmount(grid.cell(row, columns.amount), { allowNegative: true })?.ok === true;
  const hasSupplier = hasValue(grid, row, columns.supplier);
  // Sums under a list with labels: numbers only, no object, no supplier, no date.
  const labelled = columns.object !== undefined || columns.supplier !== undefined;
  if (labelled && !hasObject && !hasSupplier && !hasDate && cells.every((cell) => typeof cell === "number"))
    return "total";
  if (hasObject || hasDate || hasAmount) return "contract";
  return "section";
}

interface RowWalk {
  readonly kinds: { row: number; kind: RowKind }[];
}

/** Classifies the rows under the header until a long run of empty rows. Legend blocks are recognised here. */
function walkRows(grid: Grid, headerRow: number, columns: TableColumns, endAfterEmptyRows: number): RowWalk {
  const kinds: { row: number; kind: RowKind }[] = [];
  let emptyRun = 0;
  let inLegend = false;
  for (let row = headerRow + 1; row < grid.rowCount; row++) {
    let kind = grid.isRowEmpty(row) ? "empty" : classifyRow(grid, row, columns);
    if (kind === "empty") {
      emptyRun++;
      kinds.push({ row, kind });
      if (emptyRun >= endAfterEmptyRows) break;
      continue;
    }
    const afterGap = emptyRun > 0;
    emptyRun = 0;
    if (!inLegend && afterGap && kind !== "contract" && kind !== "total") {
      const { texts } = foldedTextCells(grid, row, columns);
      if (texts.some((text) => LEGEND_TEXT.test(text))) inLegend = true;
    }
    if (inLegend) kind = "legend";
    kinds.push({ row, kind });
  }
  return { kinds };
}

// ---------------------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------------------

function none(sheet: string, reason: string): NoTable {
  return { kind: "none", sheet, reason };
}

function tableColumns(grid: Grid, header: HeaderCandidate): TableColumns {
  const length = grid.rowLength(header.row);
  let first = length;
  let last = -1;
  for (let column = 0; column < length; column++) {
    if (isEmptyCell(grid.cell(header.row, column))) continue;
    first = Math.min(first, column);
    last = Math.max(last, column);
  }
  const column = (field: DetectedField): number | undefined => header.mapping.get(field)?.column;
  return {
    first,
    last,
    object: column("object"),
    amount: column("amountHT"),
    date: column("notificationDate") ?? column("awardDate"),
    supplier: column("supplier"),
  };
}

/** Widens the table to columns just beside the header that hold values in contract rows (no header). */
function widenToData(grid: Grid, columns: TableColumns, contractRows: readonly number[]): TableColumns {
  const hasData = (column: number): boolean =>
    column >= 0 && contractRows.some((row) => !isEmptyCell(grid.cell(row, column)));
  let { first, last } = columns;
  while (hasData(first - 1)) first--;
  const width = Math.max(0, ...contractRows.map((row) => grid.rowLength(row)));
  while (last + 1 < width && hasData(last + 1)) last++;
  return { ...columns, first, last };
}

function headerProblems(
  grid: Grid,
  header: HeaderCandidate,
  columns: TableColumns,
  contractRows: readonly number[],
): DetectionProblem[] {
  const problems: DetectionProblem[] = [...header.problems];
  for (let column = columns.first; column <= columns.last; column++) {
    if (!isEmptyCell(grid.cell(header.row, column))) continue;
    const filled = contractRows.filter((row) => !isEmptyCell(grid.cell(row, column))).length;
    if (filled === 0) continue;
    problems.push({
      severity: "avertissement",
      message: `La colonne ${columnLetters(grid.sheetColumn(column))} n'a pas d'en-tête mais contient des valeurs (${filled} ligne${filled > 1 ? "s" : ""}) : elle n'est pas utilisée.`,
    });
  }
  for (const { field, severity, consequence } of ESSENTIAL_FIELDS) {
    const present =
      field === "notificationDate"
        ? header.mapping.has("notificationDate") || header.mapping.has("awardDate")
        : header.mapping.has(field);
    if (present) continue;
    problems.push({
      severity,
      message: `Aucune colonne « ${DETECTED_FIELD_LABELS[field]} » reconnue : ${consequence}.`,
    });
  }
  if (contractRows.length === 0)
    problems.push({ severity: "avertissement", message: "Aucune ligne de marché sous l'en-tête." });
  return problems;
}

/**
 * Finds the contracts list of one sheet from its used range values (`range.values`: numbers, strings,
 * booleans, "" for empty; dates as serial numbers). `origin` is the 0-based sheet position of
 * `values[0][0]`. Never throws.
 */
export function detectContractsTable(
  sheetName: string,
  values: readonly (readonly unknown[])[],
  origin: SheetOrigin = { row: 0, column: 0 },
  options: DetectOptions = {},
): DetectionResult {
  const grid = new Grid(values, origin);
  const firstNonEmpty = firstNonEmptyRow(grid);
  if (firstNonEmpty === undefined) return none(sheetName, "La feuille est vide.");

  const { found: header, attempt } = findHeaderRow(grid, options.headerRow);
  if (!header) {
    const layout = stackedLayout(grid, 0);
    if (layout) return none(sheetName, STACKED_REASONS[layout]);
    return none(sheetName, noHeaderReason(grid, attempt));
  }

  let columns = tableColumns(grid, header);
  const walk = walkRows(grid, header.row, columns, options.endAfterEmptyRows ?? END_AFTER_EMPTY_ROWS);
  const contractRows = walk.kinds.filter((k) => k.kind === "contract").map((k) => k.row);
  if (contractRows.length <= FORM_MAX_ROWS) {
    const layout = stackedLayout(grid, 0);
    if (layout) return none(sheetName, STACKED_REASONS[layout]);
  }
  columns = widenToData(grid, columns, contractRows);

  const lastContract = contractRows[contractRows.length - 1] ?? header.row;
  const skipped: SkippedRow[] = [];
  for (let row = 0; row < header.row; row++) {
    if (!grid.isRowEmpty(row)) skipped.push({ row: grid.sheetRow(row), reason: "titre" });
  }
  for (const { row, kind } of walk.kinds) {
    const reason = skipReason(kind, row, lastContract, grid, columns);
    if (reason) skipped.push({ row: grid.sheetRow(row), reason });
  }

  const mapping: ColumnMapping = {};
  for (const [field, { column, score }] of header.mapping) {
    mapping[field] = { column: grid.sheetColumn(column), header: displayHeader(grid.cell(header.row, column)), score };
  }
  const firstColumn = grid.sheetColumn(columns.first);
  const lastColumn = grid.sheetColumn(columns.last);
  const headerRow = grid.sheetRow(header.row);
  return {
    kind: "table",
    sheet: sheetName,
    source: "plage",
    headerRow,
    firstColumn,
    lastColumn,
    address: `${columnLetters(firstColumn)}${headerRow}:${columnLetters(lastColumn)}${grid.sheetRow(lastContract)}`,
    mapping,
    contractRows: contractRows.map((row) => grid.sheetRow(row)),
    skipped,
    rows: contractRows.length,
    problems: headerProblems(grid, header, columns, contractRows),
  };
}

function skipReason(
  kind: RowKind,
  row: number,
  lastContract: number,
  grid: Grid,
  columns: TableColumns,
): SkipReason | undefined {
  switch (kind) {
    case "contract":
      return undefined;
    case "empty":
      // Empty rows inside the list are listed; the trailing ones are simply past its end.
      return row < lastContract ? "vide" : undefined;
    case "total":
      return "total";
    case "legend":
      return "legende";
    case "section": {
      if (row < lastContract) return "section";
      // Under the last contract: headings of empty brackets stay sections, anything else is a legend or note.
      const { texts } = foldedTextCells(grid, row, columns);
      return texts.some((text) => SECTION_TEXT.test(text)) ? "section" : "legende";
    }
  }
}

function firstNonEmptyRow(grid: Grid): number | undefined {
  for (let row = 0; row < grid.rowCount; row++) if (!grid.isRowEmpty(row)) return row;
  return undefined;
}

function noHeaderReason(grid: Grid, attempt: HeaderCandidate | undefined): string {
  const base =
    "Aucune ligne d'en-tête de liste de marchés reconnue : il faut au moins deux colonnes parmi Objet, Montant HT, Date de notification, Attributaire et N° de marché, dont Objet ou Montant HT";
  if (!attempt) return `${base}.`;
  const recognised = [...attempt.mapping.keys()].map((field) => `« ${DETECTED_FIELD_LABELS[field]} »`).join(", ");
  return `${base} (meilleure ligne : ${grid.sheetRow(attempt.row)}, avec seulement ${recognised}).`;
}

// ---------------------------------------------------------------------------------------------------------
// Whole workbook
// ---------------------------------------------------------------------------------------------------------

export interface ExcelTableInfo {
  readonly name: string;
  /** A1 address of the whole table, header included (sheet prefix allowed): "A3:H120". */
  readonly address: string;
  /** 1-based sheet row of the header; the first row of `address` when absent. */
  readonly headerRow?: number;
}

export interface SheetInput {
  readonly name: string;
  readonly values: readonly (readonly unknown[])[];
  readonly origin?: SheetOrigin;
  readonly tables?: readonly ExcelTableInfo[];
}

/** Fields counted to rank detected tables against each other. */
function tableQuality(result: DetectedTable): number {
  const keys = new Set(
    Object.keys(result.mapping)
      .map((field) => keyFieldOf(field as DetectedField))
      .filter(Boolean),
  );
  return (result.source === "tableau" ? 1_000_000 : 0) + keys.size * 100_000 + Math.min(result.rows, 99_999);
}

const A1_RANGE = /^(?:.*!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The detection restricted to one Excel table of the sheet, or `undefined` when its headers are not a contracts list. */
function detectInExcelTable(sheet: SheetInput, table: ExcelTableInfo): DetectedTable | undefined {
  const match = A1_RANGE.exec(table.address.trim());
  if (!match) return undefined;
  const origin = sheet.origin ?? { row: 0, column: 0 };
  const top = Number(match[2]) - 1;
  const left = columnIndex(match[1] ?? "A");
  const bottom = match[4] ? Number(match[4]) - 1 : top;
  const right = match[3] ? columnIndex(match[3]) : left;
  const values = sheet.values
    .slice(Math.max(0, top - origin.row), bottom - origin.row + 1)
    .map((row) => row.slice(Math.max(0, left - origin.column), right - origin.column + 1));
  const tableOrigin = { row: Math.max(top, origin.row), column: Math.max(left, origin.column) };
  const result = detectContractsTable(sheet.name, values, tableOrigin, { headerRow: table.headerRow ?? top + 1 });
  return result.kind === "table" ? { ...result, source: "tableau", tableName: table.name } : undefined;
}

/**
 * Every sheet's result, best first: a sheet whose Excel table has recognised headers before a list found
 * in plain cells, more key fields before fewer, more rows before fewer; sheets without a list last.
 */
export function detectInWorkbook(sheets: readonly SheetInput[]): DetectionResult[] {
  const results = sheets.map((sheet): DetectionResult => {
    const fromTables = (sheet.tables ?? [])
      .map((table) => detectInExcelTable(sheet, table))
      .filter((result): result is DetectedTable => result !== undefined)
      .sort((a, b) => tableQuality(b) - tableQuality(a));
    return fromTables[0] ?? detectContractsTable(sheet.name, sheet.values, sheet.origin);
  });
  const rank = (result: DetectionResult): number => (result.kind === "table" ? tableQuality(result) : -1);
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank(b.result) - rank(a.result) || a.index - b.index)
    .map((x) => x.result);
}
