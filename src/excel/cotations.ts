/**
 * The saved cotations (sheet SPASER Cotations: one row per contract key) and the reads the task pane's
 * operations share: the contracts table, the policy, the cotations and the committee list, in two requests
 * whatever the number of rows (one to learn which sheets exist, one to load them).
 *
 * Saving a cotation writes one row of SPASER Cotations (updated in place when the key is there, else
 * appended), with a live SPASER.POTENTIAL formula, and the contract's "SPASER · Potentiel" and
 * "SPASER · Priorité" cells in the user's table — after checking that the row still holds the contract
 * the pane showed, and that the target cells are the add-in's own.
 */
import { answerLabel, answerRowIds, answersFromRow, type AnswerSet, type AnswerValue } from "../spaser/answers";
import { excelSerialFromIso, isoFromExcelSerial } from "../spaser/dates";
import { parseDate } from "../spaser/normalize";
import type { Policy } from "../spaser/policy";
import { policyFromTable } from "../spaser/policy-table";
import { factsOfRecord, getQuestionnaire, QUESTIONNAIRE_VERSION } from "../spaser/questionnaire";
import type { ContractRecord } from "../spaser/records";
import { scoreContract, type ContractScore } from "../spaser/scoring";
import type { IsoDate } from "../spaser/types";
import { columnLetters, parseRect, rectAddress } from "./a1";
import { NAMES, OWNED_COLUMN_PREFIX, OWNED_SHEETS } from "./constants";
import { isItemNotFound, rowsFromBlock, tableBlock, type ContractRow, type ContractsRead } from "./contracts";
import { WorkbookRefusal } from "./errors";
import { placeColumns } from "./owned-columns";
import { COTATION_ANSWERS_FIRST_COLUMN, cotationHeaders, ensureCotationsSheet, type PolicyState } from "./sheets";
import type { ContractsSource } from "./source";
import type { ContractSummary, LongOperationOptions, SavedCotation } from "./operations";

// ── layout of SPASER Cotations ────────────────────────────────────────────────────────────────
/** Identification columns (0-based) before the answers; the answers start at COTATION_ANSWERS_FIRST_COLUMN. */
export const COTATION_COLUMNS = { key: 0, object: 1, date: 2, author: 3, version: 4 } as const;
export const COTATION_DATE_FORMAT = "dd/mm/yyyy";
/** Column (0-based) of the live potential: after the current questionnaire's answers. */
export const COTATION_POTENTIAL_COLUMN = COTATION_ANSWERS_FIRST_COLUMN + answerRowIds(QUESTIONNAIRE_VERSION).length;

/** The owned columns of the user's table that a saved cotation fills. */
export const POTENTIAL_HEADER = "Potentiel";
export const PRIORITY_HEADER = "Priorité";
/** Columns looked at right of the user's table to find the owned columns (the rule columns take 8). */
export const OWNED_ZONE_WIDTH = 30;

/** A row of SPASER Cotations, read. */
export interface CotationRow {
  /** 1-based sheet row. */
  readonly sheetRow: number;
  readonly key: string;
  readonly saved: SavedCotation;
  readonly answerSet: AnswerSet;
}

function text(cell: unknown): string {
  return cell === null || cell === undefined ? "" : String(cell).trim();
}

function dateOfCell(cell: unknown): IsoDate | undefined {
  if (typeof cell === "number") return isoFromExcelSerial(cell);
  const parsed = parseDate(cell);
  return parsed?.ok ? parsed.value : undefined;
}

/**
 * The saved cotations, keyed by contract key (the first row of a key wins: saving updates that one).
 * Each row's answers are read under the questionnaire version stored in the row. Pure.
 */
export function cotationsFromValues(values: readonly (readonly unknown[])[], firstRow = 1): Map<string, CotationRow> {
  const byKey = new Map<string, CotationRow>();
  values.forEach((cells, i) => {
    const sheetRow = firstRow + i;
    if (sheetRow === 1) return; // header
    const key = text(cells[COTATION_COLUMNS.key]);
    if (key === "" || byKey.has(key)) return;
    const version = text(cells[COTATION_COLUMNS.version]) || QUESTIONNAIRE_VERSION;
    const count = getQuestionnaire(version)?.questions.length ?? 0;
    const answerCells = cells.slice(COTATION_ANSWERS_FIRST_COLUMN, COTATION_ANSWERS_FIRST_COLUMN + count);
    const answerSet = answersFromRow([answerCells], version);
    const date = dateOfCell(cells[COTATION_COLUMNS.date]);
    const author = text(cells[COTATION_COLUMNS.author]);
    const saved: SavedCotation = {
      version,
      answers: answerSet.values,
      ...(date ? { date } : {}),
      ...(author ? { author } : {}),
    };
    byKey.set(key, { sheetRow, key, saved, answerSet });
  });
  return byKey;
}

export const factsOf = factsOfRecord;

/** Scores answers with the policy's weights and thresholds; a French refusal when they cannot be scored. */
export function scoreAnswers(
  answers: AnswerSet,
  record: ContractRecord,
  policy: Policy,
  today: IsoDate,
): { ok: true; score: ContractScore } | { ok: false; message: string } {
  const outcome = scoreContract(answers, factsOf(record), policy.weights, { ...policy.rules, today });
  return outcome.ok ? { ok: true, score: outcome.value } : { ok: false, message: outcome.message };
}

export const PRIORITY_LABELS: Readonly<Record<ContractScore["priority"]["level"], string>> = {
  haute: "Haute",
  moyenne: "Moyenne",
  basse: "Basse",
};

// ── the shared read ───────────────────────────────────────────────────────────────────────────
export interface SheetBlock {
  /** 1-based first row and 0-based first column of `values`. */
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly lastRow: number;
  readonly lastColumn: number;
  readonly values: readonly (readonly unknown[])[];
  readonly formulas: readonly (readonly unknown[])[];
}

/**
 * One of the add-in's own sheets, ready to be written again: added when the snapshot did not find it, its
 * previous block cleared otherwise (with the block's drop-down lists when `withValidation`).
 */
export function ownedSheetToRewrite(
  context: Excel.RequestContext,
  name: string,
  block: SheetBlock | "empty" | undefined,
  withValidation = false,
): Excel.Worksheet {
  const sheet = block === undefined ? context.workbook.worksheets.add(name) : context.workbook.worksheets.getItem(name);
  if (block !== undefined && block !== "empty") {
    const old = sheet.getRange(rectAddress(block.firstRow, block.firstColumn, block.lastRow, block.lastColumn));
    if (withValidation) old.dataValidation.clear();
    old.clear();
  }
  return sheet;
}

export interface WorkbookSnapshot {
  readonly contracts: ContractsRead;
  /** Sheet rows of the table block as read (header first), for the conflict checks. */
  readonly contractCells: readonly (readonly unknown[])[];
  readonly policy: PolicyState;
  /** undefined when the sheet does not exist; an empty block when it is empty. */
  readonly cotations?: SheetBlock | "empty";
  readonly committee?: SheetBlock | "empty";
  readonly dashboard?: SheetBlock | "empty";
  /** Names of the charts of SPASER Tableau de bord (when the host has charts). */
  readonly dashboardCharts: readonly string[];
}

export interface SnapshotParts {
  readonly committee?: boolean;
  readonly dashboard?: boolean;
}

type LoadedRange = Excel.Range;

function blockOf(range: LoadedRange | undefined): SheetBlock | "empty" | undefined {
  if (range === undefined) return undefined;
  if (range.isNullObject) return "empty";
  const rect = parseRect(range.address);
  if (!rect) return "empty";
  return { ...rect, values: range.values, formulas: range.formulas };
}

/** Charts collection of a worksheet, when the host has one (Excel does, and so does the simulator). */
export function chartsOf(sheet: Excel.Worksheet): Excel.ChartCollection | undefined {
  const charts = (sheet as unknown as { charts?: Excel.ChartCollection }).charts;
  return charts ?? undefined;
}

/**
 * Reads the contracts table, the policy and the add-in's sheets. Two syncs: which sheets and names exist,
 * then every block in one load. Refuses when the contracts sheet is gone or its header moved.
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  source: ContractsSource,
  parts: SnapshotParts = {},
): Promise<WorkbookSnapshot> {
  const sheets = context.workbook.worksheets;
  const userSheet = sheets.getItemOrNullObject(source.sheet);
  const cotationsSheet = sheets.getItemOrNullObject(OWNED_SHEETS.cotations);
  const committeeSheet = parts.committee ? sheets.getItemOrNullObject(OWNED_SHEETS.committee) : undefined;
  const dashboardSheet = parts.dashboard ? sheets.getItemOrNullObject(OWNED_SHEETS.dashboard) : undefined;
  const policyName = context.workbook.names.getItemOrNullObject(NAMES.policy);
  await context.sync();

  if (userSheet.isNullObject) {
    throw new WorkbookRefusal("not-found", `La feuille «\u00a0${source.sheet}\u00a0» des marchés est introuvable.`);
  }
  const block = tableBlock(userSheet, source);
  block.load("values,rowIndex,rowCount");
  const policyRange = policyName.isNullObject ? undefined : policyName.getRange();
  policyRange?.load("values");
  // Values only for the cotations (rows to read); values and formats for the sheets rebuilt (cells to clear).
  const used = (sheet: Excel.Worksheet | undefined, valuesOnly: boolean) => {
    if (!sheet || sheet.isNullObject) return undefined;
    const range = sheet.getUsedRangeOrNullObject(valuesOnly);
    range.load("address,values,formulas");
    return range;
  };
  const cotationsRange = used(cotationsSheet, true);
  const committeeRange = used(committeeSheet, false);
  const dashboardRange = used(dashboardSheet, false);
  const charts = dashboardSheet && !dashboardSheet.isNullObject ? chartsOf(dashboardSheet) : undefined;
  charts?.load("items/name");
  try {
    await context.sync();
  } catch (error) {
    if (!isItemNotFound(error)) throw error;
    throw new WorkbookRefusal("not-found", `Le tableau des marchés de «\u00a0${source.sheet}\u00a0» est vide.`);
  }
  if (block.rowIndex !== source.headerRow - 1) {
    throw new WorkbookRefusal(
      "mapping",
      `La ligne d'en-tête ${source.headerRow} de «\u00a0${source.sheet}\u00a0» est vide : confirmez de nouveau la correspondance.`,
    );
  }
  const rows = rowsFromBlock(source, block.values);
  let policy: PolicyState = { kind: "absent" };
  if (policyRange) {
    const result = policyFromTable(policyRange.values);
    const first = result.ok ? undefined : result.errors[0];
    policy = result.ok
      ? { kind: "present", policy: result.policy }
      : {
          kind: "invalid",
          message: `Paramètres invalides${first && first.row > 0 ? `, ligne ${first.row}` : ""} : ${first?.message ?? "table illisible"}`,
        };
  }
  return {
    contracts: { source, rows, lastRow: block.rowIndex + block.rowCount },
    contractCells: block.values,
    policy,
    cotations: blockOf(cotationsRange),
    committee: blockOf(committeeRange),
    dashboard: blockOf(dashboardRange),
    dashboardCharts: charts ? charts.items.map((c) => c.name) : [],
  };
}

/** The saved cotations of a snapshot, keyed by contract key. */
export function savedCotations(snapshot: WorkbookSnapshot): Map<string, CotationRow> {
  const block = snapshot.cotations;
  if (block === undefined || block === "empty") return new Map();
  if (block.firstColumn !== 0) return new Map(); // the key column is empty: nothing saved
  return cotationsFromValues(block.values, block.firstRow);
}

/** The policy a write needs; refuses when it is missing or invalid (never scores with a guess). */
export function requirePolicy(state: PolicyState): Policy {
  if (state.kind === "present") return state.policy;
  if (state.kind === "invalid") {
    throw new WorkbookRefusal(
      "mapping",
      `${state.message}. Corrigez la feuille «\u00a0${OWNED_SHEETS.policy}\u00a0» : rien n'a été écrit.`,
    );
  }
  throw new WorkbookRefusal(
    "not-found",
    `Les paramètres du SPASER (nom ${NAMES.policy}) sont absents : confirmez la correspondance des colonnes pour les créer.`,
  );
}

export function toSummary(row: ContractRow, saved: CotationRow | undefined): ContractSummary {
  return {
    key: row.key,
    sheetRow: row.sheetRow,
    record: row.record,
    problems: row.problems.map((p) => ({ field: p.field, message: p.message })),
    ...(saved ? { saved: saved.saved } : {}),
  };
}

// ── saving one cotation ───────────────────────────────────────────────────────────────────────
/** Stable text of a record, to notice that a row changed between the list and the save. */
function recordText(record: ContractRecord): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return JSON.stringify(sorted(record));
}

/** Refuses unless the table's row still holds the contract the pane listed (co-authoring). Pure. */
export function checkContractRow(read: ContractsRead, contract: ContractSummary): ContractRow {
  const row = read.rows.find((r) => r.sheetRow === contract.sheetRow);
  const where = `la ligne ${contract.sheetRow} de «\u00a0${read.source.sheet}\u00a0»`;
  if (!row || row.key !== contract.key) {
    const moved = read.rows.find((r) => r.key === contract.key);
    throw new WorkbookRefusal(
      "conflict",
      `Le marché ${contract.key} n'est plus sur ${where}${moved ? ` (il est maintenant ligne ${moved.sheetRow})` : ""} : le tableau a changé depuis son affichage. Rien n'a été écrit ; rechargez la liste des marchés.`,
    );
  }
  if (recordText(row.record) !== recordText(contract.record)) {
    throw new WorkbookRefusal(
      "conflict",
      `Le marché ${contract.key} (${where}) a été modifié depuis son affichage. Rien n'a été écrit ; rechargez la liste des marchés pour coter les données actuelles.`,
    );
  }
  return row;
}

/** The row of SPASER Cotations for one contract: identification, answer labels, live potential. Pure. */
export function cotationRowCells(
  contract: { key: string; record: ContractRecord },
  answers: Readonly<Record<string, AnswerValue>>,
  author: string,
  date: IsoDate,
  sheetRow: number,
): { values: (string | number)[]; formula: string } {
  const questions = getQuestionnaire(QUESTIONNAIRE_VERSION)?.questions ?? [];
  const labels = questions.map((q) => {
    const answer = answers[q.id];
    return answer === undefined ? "" : answerLabel(q, answer);
  });
  const first = columnLetters(COTATION_ANSWERS_FIRST_COLUMN);
  const last = columnLetters(COTATION_ANSWERS_FIRST_COLUMN + questions.length - 1);
  return {
    values: [
      contract.key,
      contract.record.object ?? "",
      excelSerialFromIso(date),
      author.trim(),
      QUESTIONNAIRE_VERSION,
      ...labels,
    ],
    formula: `=SPASER.POTENTIAL(${first}${sheetRow}:${last}${sheetRow},${NAMES.policy})`,
  };
}

/** The answers as the questionnaire reads them, refusing those that name no question of the version. */
export function answerSetOf(answers: Readonly<Record<string, AnswerValue>>): AnswerSet {
  const ids = new Set(answerRowIds(QUESTIONNAIRE_VERSION));
  const unknown = Object.keys(answers).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new WorkbookRefusal(
      "mapping",
      `Réponse(s) à des questions inconnues du questionnaire ${QUESTIONNAIRE_VERSION} : ${unknown.join(", ")}. Rien n'a été écrit.`,
    );
  }
  return { version: QUESTIONNAIRE_VERSION, values: answers, errors: [] };
}

function sameHeaders(actual: readonly unknown[], expected: readonly string[]): boolean {
  return expected.every((h, i) => text(actual[i]) === h);
}

function isEmptyCell(cell: unknown): boolean {
  return cell === "" || cell === null || cell === undefined;
}

export interface SavedCotationReport {
  readonly cotationRow: number;
  readonly updated: boolean;
  readonly score: ContractScore;
  readonly addresses: readonly string[];
}

/**
 * Saves one contract's cotation. Syncs: 2 (snapshot) + 1 (cells right of the table) + 1 (write), plus one
 * when SPASER Cotations has to be created — never one per row.
 */
export async function saveCotationInContext(
  context: Excel.RequestContext,
  source: ContractsSource,
  contract: ContractSummary,
  answers: Readonly<Record<string, AnswerValue>>,
  author: string,
  today: IsoDate,
): Promise<SavedCotationReport> {
  if (author.trim() === "") {
    throw new WorkbookRefusal("mapping", "Indiquez l'auteur de la cotation : rien n'a été écrit.");
  }
  const answerSet = answerSetOf(answers);
  const snapshot = await readSnapshot(context, source);
  const policy = requirePolicy(snapshot.policy);
  const row = checkContractRow(snapshot.contracts, contract);
  const scored = scoreAnswers(answerSet, row.record, policy, today);
  if (!scored.ok) throw new WorkbookRefusal("mapping", `${scored.message} Rien n'a été écrit.`);

  // Where the cotation goes: the key's row, else below the last row. The header must be the add-in's.
  const expected = cotationHeaders();
  const block = snapshot.cotations;
  let cotationRow: number;
  let updated = false;
  if (block === undefined || block === "empty") {
    cotationRow = 2;
  } else {
    const header = block.firstRow === 1 && block.firstColumn === 0 ? (block.values[0] ?? []) : [];
    if (!sameHeaders(header, expected)) {
      throw new WorkbookRefusal(
        "occupied",
        `L'en-tête de «\u00a0${OWNED_SHEETS.cotations}\u00a0» n'est plus celui du questionnaire ${QUESTIONNAIRE_VERSION} : renommez cette feuille pour la conserver, elle sera recréée. Rien n'a été écrit.`,
      );
    }
    const existing = cotationsFromValues(block.values, block.firstRow).get(contract.key);
    updated = existing !== undefined;
    cotationRow = existing?.sheetRow ?? block.lastRow + 1;
  }

  // The owned cells of the contract's row: "SPASER · Potentiel" and "SPASER · Priorité".
  const userSheet = context.workbook.worksheets.getItem(source.sheet);
  const zoneFirstColumn = source.lastColumn + 1;
  const lastRow = Math.max(snapshot.contracts.lastRow, source.headerRow + 1);
  const zone = userSheet.getRangeByIndexes(
    source.headerRow - 1,
    zoneFirstColumn,
    lastRow - source.headerRow + 1,
    OWNED_ZONE_WIDTH,
  );
  zone.load("values,formulas");
  const cotationsSheet = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.cotations);
  await context.sync();
  const zoneValues = zone.values;
  const zoneFormulas = zone.formulas;
  const { offsets } = placeColumns([POTENTIAL_HEADER, PRIORITY_HEADER], zoneValues[0] ?? [], (offset) =>
    zoneValues.every((cells, r) => r === 0 || (isEmptyCell(cells[offset]) && isEmptyCell(zoneFormulas[r]![offset]))),
  );

  // All checks passed: write. A missing SPASER Cotations is created first, with its answer lists.
  const addresses: string[] = [];
  if (cotationsSheet.isNullObject) {
    await ensureCotationsSheet(context);
    addresses.push(`${OWNED_SHEETS.cotations}!${rectAddress(1, 0, 1, expected.length - 1)}`);
  }
  const sheet = context.workbook.worksheets.getItem(OWNED_SHEETS.cotations);
  if (block === "empty") {
    const header = sheet.getRange(rectAddress(1, 0, 1, expected.length - 1));
    header.values = [expected];
    header.format.font.bold = true;
    sheet.freezePanes.freezeRows(1);
    addresses.push(`${OWNED_SHEETS.cotations}!${rectAddress(1, 0, 1, expected.length - 1)}`);
  }
  const cells = cotationRowCells(contract, answers, author, today, cotationRow);
  const valuesAddress = rectAddress(cotationRow, 0, cotationRow, cells.values.length - 1);
  const textCells = sheet.getRange(rectAddress(cotationRow, 0, cotationRow, COTATION_COLUMNS.object));
  textCells.numberFormat = [["@", "@"]];
  sheet.getRange(rectAddress(cotationRow, COTATION_COLUMNS.author, cotationRow, COTATION_COLUMNS.author)).numberFormat =
    [["@"]];
  sheet.getRange(rectAddress(cotationRow, COTATION_COLUMNS.date, cotationRow, COTATION_COLUMNS.date)).numberFormat = [
    [COTATION_DATE_FORMAT],
  ];
  sheet.getRange(valuesAddress).values = [cells.values];
  const potentialCell = rectAddress(cotationRow, COTATION_POTENTIAL_COLUMN, cotationRow, COTATION_POTENTIAL_COLUMN);
  const potential = sheet.getRange(potentialCell);
  potential.formulas = [[cells.formula]];
  potential.numberFormat = [["0"]];
  addresses.push(`${OWNED_SHEETS.cotations}!${rectAddress(cotationRow, 0, cotationRow, COTATION_POTENTIAL_COLUMN)}`);

  const values: Record<string, string | number> = {
    [POTENTIAL_HEADER]: Math.round(scored.score.overall * 10) / 10,
    [PRIORITY_HEADER]: PRIORITY_LABELS[scored.score.priority.level],
  };
  [POTENTIAL_HEADER, PRIORITY_HEADER].forEach((header, i) => {
    const column = zoneFirstColumn + offsets[i]!;
    const headerCell = userSheet.getRangeByIndexes(source.headerRow - 1, column, 1, 1);
    if (zoneValues[0]?.[offsets[i]!] !== `${OWNED_COLUMN_PREFIX}${header}`) {
      headerCell.values = [[`${OWNED_COLUMN_PREFIX}${header}`]];
      headerCell.format.font.bold = true;
      addresses.push(`${source.sheet}!${rectAddress(source.headerRow, column, source.headerRow, column)}`);
    }
    const cell = userSheet.getRangeByIndexes(row.sheetRow - 1, column, 1, 1);
    if (header === POTENTIAL_HEADER) cell.numberFormat = [["0"]];
    cell.values = [[values[header]!]];
    addresses.push(`${source.sheet}!${rectAddress(row.sheetRow, column, row.sheetRow, column)}`);
  });
  await context.sync();
  return { cotationRow, updated, score: scored.score, addresses };
}

// ── long operations: progress and cancelling ──────────────────────────────────────────────────
/** Reports steps 1…total of a long operation to the pane. */
export function reporter(options: LongOperationOptions, total: number): (label: string) => void {
  let done = 0;
  return (label) => {
    options.onProgress?.({ done, total, label });
    done = Math.min(done + 1, total);
  };
}

/** Stops before the next write when the user cancelled: nothing has been written yet. */
export function abortIfCancelled(options: LongOperationOptions): void {
  if (options.signal?.aborted) {
    throw new DOMException("Opération annulée : rien n'a été écrit.", "AbortError");
  }
}
