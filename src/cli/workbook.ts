/**
 * The CLI's work on a workbook, through src/excel over the simulator (the same code the task pane runs in
 * Excel): find the contracts table (a mapping file, the mapping stored in the workbook, or detection), make
 * sure the add-in's sheets are there, write the rule-based SPASER columns.
 */
import {
  BLANK_CONTRACTS_HEADERS,
  createBlankContractsTable,
  ensureCotationsSheet,
  ensurePolicySheet,
  inspectWorkbook,
  NAMES,
  OWNED_SHEETS,
  readContracts,
  readPolicy,
  ruleColumns,
  sourceFromInspection,
  sourceFromRows,
  TABLE_NAMES,
  writeMapping,
  writeOwnedColumns,
  type ContractsRead,
  type ContractsSource,
  type InspectionReport,
  type MappedColumn,
  type OwnedWriteReport,
  type SheetsReport,
} from "../excel";
import { columnIndexOf, columnLetters, parseRect } from "../excel/a1";
import { MAX_SCAN_COLUMNS } from "../excel/constants";
import { DETECTED_FIELD_LABELS, matchHeader } from "../excel/headers";
import { SimExcel, type SimWorkbook, type SyncStats } from "../sim";
import type { Policy } from "../spaser/policy";
import { getPreset } from "../spaser/presets";
import { RECORD_FIELDS, type RecordField } from "../spaser/records";
import type { BuyerKind, IsoDate } from "../spaser/types";
import { CliError } from "./io";

export type Context = Excel.RequestContext;

/** Runs an operation on the simulated workbook the way Excel.run would, with its sync statistics. */
export async function onWorkbook<T>(
  workbook: SimWorkbook,
  operation: (context: Context) => Promise<T>,
): Promise<{ result: T; stats: SyncStats }> {
  let stats: SyncStats | undefined;
  const result = await SimExcel.run(workbook, async (context) => {
    const value = await operation(context as unknown as Context);
    stats = { ...context.stats };
    return value;
  });
  return { result, stats: stats! };
}

// ── inspect ──────────────────────────────────────────────────────────────────────────────────────

export interface TableJson {
  readonly sheet: string;
  readonly range: string;
  readonly headerRow: number;
  readonly rows: number;
  /** Field → column letter, e.g. { "amountHT": "F" }. */
  readonly mapping: Record<string, string>;
  readonly problems: readonly { severity: string; message: string }[];
  readonly tableName?: string;
}

export interface InspectJson {
  readonly tables: readonly TableJson[];
  readonly rejected: readonly { sheet: string; reason: string }[];
}

export function inspectionJson(report: InspectionReport): InspectJson {
  return {
    tables: report.tables.map((table) => {
      const { detection } = table;
      const mapping: Record<string, string> = {};
      for (const [field, mapped] of Object.entries(detection.mapping)) {
        if (mapped) mapping[field] = columnLetters(mapped.column);
      }
      const problems = detection.problems.map((p) => ({ severity: p.severity, message: p.message }));
      if (table.truncated) {
        problems.push({
          severity: "avertissement",
          message: "Feuille très longue : seules les premières lignes ont été analysées.",
        });
      }
      return {
        sheet: table.sheet,
        range: detection.address,
        headerRow: detection.headerRow,
        rows: detection.rows,
        mapping,
        problems,
        ...(table.tableName ? { tableName: table.tableName } : {}),
      };
    }),
    rejected: report.rejected.map((r) => ({ sheet: r.sheet, reason: r.reason })),
  };
}

// ── where the contracts are ──────────────────────────────────────────────────────────────────────

export interface ResolvedSource {
  readonly source: ContractsSource;
  readonly origin: "fichier" | "enregistrée" | "détectée";
  /** Detection problems and warnings, in French, to print. */
  readonly notes: readonly string[];
}

/** The mapping stored in the workbook (SPASER_CORRESPONDANCE), if any. Two syncs. */
export async function readStoredSource(
  context: Context,
): Promise<{ ok: true; source: ContractsSource } | { ok: false; message: string } | undefined> {
  const name = context.workbook.names.getItemOrNullObject(NAMES.mapping);
  await context.sync();
  if (name.isNullObject) return undefined;
  const range = name.getRange();
  range.load("values");
  await context.sync();
  return sourceFromRows(range.values);
}

/** A mapping file: the JSON `spaser inspect --json` prints (its first table), or one table of it. */
export interface MappingRequest {
  readonly sheet: string;
  readonly headerRow: number;
  readonly columns?: { first: number; last: number };
  readonly mapping: Partial<Record<RecordField, number>>;
}

export function parseMappingFile(text: string, fileName: string): MappingRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`Le fichier de correspondance « ${fileName} » n'est pas un JSON valide.`);
  }
  const bad = (why: string) =>
    new CliError(`Fichier de correspondance « ${fileName} » : ${why} (format : celui de « spaser inspect --json »).`);
  const object = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  let table: unknown = json;
  if (object(json) && Array.isArray(json["tables"])) table = json["tables"][0];
  if (!object(table)) throw bad("aucun tableau décrit");
  const { sheet, headerRow, mapping, range } = table;
  if (typeof sheet !== "string" || sheet === "") throw bad("« sheet » manquant");
  if (typeof headerRow !== "number" || !Number.isInteger(headerRow) || headerRow < 1) {
    throw bad("« headerRow » doit être un numéro de ligne");
  }
  if (!object(mapping)) throw bad("« mapping » manquant");
  const fields: Partial<Record<RecordField, number>> = {};
  for (const [field, letters] of Object.entries(mapping)) {
    if (!Object.hasOwn(DETECTED_FIELD_LABELS, field)) {
      throw bad(`champ inconnu « ${field} » (champs : ${RECORD_FIELDS.join(", ")})`);
    }
    if (typeof letters !== "string" || !/^[A-Z]{1,3}$/i.test(letters.trim())) {
      throw bad(`la colonne du champ « ${field} » doit être une lettre de colonne (ex. « F »)`);
    }
    if ((RECORD_FIELDS as readonly string[]).includes(field)) {
      fields[field as RecordField] = columnIndexOf(letters.trim().toUpperCase());
    }
  }
  if (Object.keys(fields).length === 0) throw bad("aucun champ mis en correspondance");
  let columns: MappingRequest["columns"];
  if (typeof range === "string") {
    const rect = parseRect(range);
    if (!rect) throw bad(`plage « ${range} » illisible`);
    columns = { first: rect.firstColumn, last: rect.lastColumn };
  }
  return { sheet, headerRow, mapping: fields, ...(columns ? { columns } : {}) };
}

/** Reads the header row and builds the source the file describes; the headers found become the check. */
export async function sourceFromMapping(context: Context, request: MappingRequest): Promise<ContractsSource> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(request.sheet);
  await context.sync();
  if (sheet.isNullObject) throw new CliError(`La feuille « ${request.sheet} » n'existe pas dans le classeur.`);
  const header = sheet.getRangeByIndexes(request.headerRow - 1, 0, 1, MAX_SCAN_COLUMNS);
  header.load("values");
  await context.sync();
  const cells = header.values[0] ?? [];
  const filled = (column: number) => String(cells[column] ?? "").trim() !== "";
  const mapped = Object.values(request.mapping);
  let first = request.columns?.first ?? Math.min(...mapped);
  let last = request.columns?.last ?? Math.max(...mapped);
  if (!request.columns) {
    while (first > 0 && filled(first - 1)) first--;
    while (last + 1 < cells.length && filled(last + 1)) last++;
  }
  const mapping: Partial<Record<RecordField, MappedColumn>> = {};
  for (const [field, column] of Object.entries(request.mapping) as [RecordField, number][]) {
    if (column < first || column > last) {
      throw new CliError(`La colonne ${columnLetters(column)} du champ « ${field} » est hors du tableau.`);
    }
    if (!filled(column)) {
      throw new CliError(
        `La colonne ${columnLetters(column)} (champ « ${field} ») n'a pas d'en-tête en ligne ${request.headerRow} de « ${request.sheet} ».`,
      );
    }
    mapping[field] = { column, header: String(cells[column]) };
  }
  return { sheet: request.sheet, headerRow: request.headerRow, firstColumn: first, lastColumn: last, mapping };
}

function notesOf(report: InspectionReport, index: number): string[] {
  const table = report.tables[index];
  if (!table) return [];
  return table.detection.problems.map((p) => `${p.severity === "erreur" ? "Attention" : "Remarque"} : ${p.message}`);
}

/** Why there is nothing to score: each sheet's reason. */
export function noTableMessage(report: InspectionReport): string {
  const reasons = report.rejected.map((r) => `  - « ${r.sheet} » : ${r.reason}`);
  return ["Aucun tableau de marchés trouvé dans le classeur.", ...reasons].join("\n");
}

/**
 * The contracts table to work on: the mapping file when given, else the mapping stored in the workbook,
 * else the best table the detection finds. No table: bad input (exit 2) with each sheet's reason.
 */
export async function resolveSource(context: Context, mappingFile?: MappingRequest): Promise<ResolvedSource> {
  if (mappingFile) return { source: await sourceFromMapping(context, mappingFile), origin: "fichier", notes: [] };
  const stored = await readStoredSource(context);
  if (stored?.ok) return { source: stored.source, origin: "enregistrée", notes: [] };
  const report = await inspectWorkbook(context);
  const best = report.tables[0];
  if (!best) throw new CliError(noTableMessage(report));
  const notes = notesOf(report, 0);
  if (stored && !stored.ok) notes.unshift(`Remarque : ${stored.message} Correspondance détectée de nouveau.`);
  return { source: sourceFromInspection(best), origin: "détectée", notes };
}

/** "Feuil1, ligne d'en-tête 4, colonnes A à Q" */
export function describeSource(source: ContractsSource): string {
  return `« ${source.sheet} », en-tête ligne ${source.headerRow}, colonnes ${columnLetters(source.firstColumn)} à ${columnLetters(source.lastColumn)}${source.tableName ? ` (tableau ${source.tableName})` : ""}`;
}

// ── policy and the add-in's sheets ───────────────────────────────────────────────────────────────

export interface PolicyChoice {
  readonly policy: Policy;
  readonly report: SheetsReport;
}

/**
 * The policy to use and store: an explicit `--policy` replaces the workbook's (the user asked for it);
 * without it, the workbook's policy is used, or the reference preset is written when there is none.
 * An invalid stored policy is bad input: the organisation's targets are not replaced behind its back.
 */
export async function ensurePolicy(context: Context, explicit: Policy | undefined): Promise<PolicyChoice> {
  if (explicit) return { policy: explicit, report: await ensurePolicySheet(context, explicit, { overwrite: true }) };
  const state = await readPolicy(context);
  if (state.kind === "invalid") {
    throw new CliError(`${state.message}. Corrigez la feuille « ${OWNED_SHEETS.policy} » ou donnez --policy.`);
  }
  const policy = state.kind === "present" ? state.policy : getPreset("reference")!;
  return { policy, report: await ensurePolicySheet(context, policy) };
}

/** The policy to compute with, without writing: the workbook's, else the reference preset. */
export async function workbookPolicy(context: Context): Promise<{ policy: Policy; fromWorkbook: boolean }> {
  const state = await readPolicy(context);
  if (state.kind === "invalid") {
    throw new CliError(`${state.message}. Corrigez la feuille « ${OWNED_SHEETS.policy} » ou donnez --policy.`);
  }
  return state.kind === "present"
    ? { policy: state.policy, fromWorkbook: true }
    : { policy: getPreset("reference")!, fromWorkbook: false };
}

/** A source whose mapping comes from the header texts (tables the CLI creates itself). Pure. */
export function sourceFromHeaders(
  sheet: string,
  headerRow: number,
  firstColumn: number,
  headers: readonly string[],
  tableName?: string,
): ContractsSource {
  const mapping: Partial<Record<RecordField, MappedColumn>> = {};
  headers.forEach((header, i) => {
    const match = matchHeader(header);
    if (match && (RECORD_FIELDS as readonly string[]).includes(match.field) && !mapping[match.field as RecordField]) {
      mapping[match.field as RecordField] = { column: firstColumn + i, header };
    }
  });
  return {
    sheet,
    headerRow,
    firstColumn,
    lastColumn: firstColumn + headers.length - 1,
    ...(tableName ? { tableName } : {}),
    mapping,
  };
}

export const BLANK_TABLE_SOURCE: ContractsSource = sourceFromHeaders(
  OWNED_SHEETS.contracts,
  1,
  0,
  BLANK_CONTRACTS_HEADERS,
  TABLE_NAMES.contracts,
);

// ── score ────────────────────────────────────────────────────────────────────────────────────────

export interface ScoreOptions {
  readonly policy: Policy;
  readonly buyerKind?: BuyerKind;
  readonly today: IsoDate;
}

/** Reads the contracts and writes the rule-based SPASER columns: the part whose syncs must not grow with rows. */
export async function scoreContracts(
  context: Context,
  source: ContractsSource,
  options: ScoreOptions,
): Promise<{ read: ContractsRead; written: OwnedWriteReport }> {
  const read = await readContracts(context, source);
  const written = await writeOwnedColumns(
    context,
    read,
    ruleColumns({
      policy: options.policy,
      today: options.today,
      ...(options.buyerKind ? { buyerKind: options.buyerKind } : {}),
    }),
  );
  return { read, written };
}

export interface ScoreResult {
  readonly resolved: ResolvedSource;
  readonly policy: PolicyChoice;
  readonly cotations: SheetsReport;
  readonly read: ContractsRead;
  readonly written: OwnedWriteReport;
}

/** The whole `spaser score` on a workbook in memory. */
export async function scoreWorkbook(
  context: Context,
  options: { policy?: Policy; buyerKind?: BuyerKind; today: IsoDate; mapping?: MappingRequest },
): Promise<ScoreResult> {
  const resolved = await resolveSource(context, options.mapping);
  const policy = await ensurePolicy(context, options.policy);
  const cotations = await ensureCotationsSheet(context);
  await writeMapping(context, resolved.source);
  const { read, written } = await scoreContracts(context, resolved.source, {
    policy: policy.policy,
    today: options.today,
    ...(options.buyerKind ? { buyerKind: options.buyerKind } : {}),
  });
  return { resolved, policy, cotations, read, written };
}

// ── init ─────────────────────────────────────────────────────────────────────────────────────────

export interface InitResult {
  readonly policy: PolicyChoice;
  readonly cotations: SheetsReport;
  /** The contracts table: found (and its mapping stored), already stored, or the blank one created. */
  readonly table: { kind: "enregistrée" | "détectée" | "vierge"; source: ContractsSource; notes: readonly string[] };
  readonly report?: InspectionReport;
}

/** `spaser init`: the add-in's sheets, as the pane's "start a SPASER in this workbook". */
export async function initWorkbook(context: Context, explicitPolicy: Policy | undefined): Promise<InitResult> {
  const policy = await ensurePolicy(context, explicitPolicy);
  const cotations = await ensureCotationsSheet(context);
  const stored = await readStoredSource(context);
  if (stored?.ok) return { policy, cotations, table: { kind: "enregistrée", source: stored.source, notes: [] } };
  const report = await inspectWorkbook(context);
  const best = report.tables[0];
  if (best) {
    const source = sourceFromInspection(best);
    await writeMapping(context, source);
    return { policy, cotations, table: { kind: "détectée", source, notes: notesOf(report, 0) }, report };
  }
  await createBlankContractsTable(context);
  await writeMapping(context, BLANK_TABLE_SOURCE);
  return { policy, cotations, table: { kind: "vierge", source: BLANK_TABLE_SOURCE, notes: [] }, report };
}
