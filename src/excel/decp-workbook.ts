/**
 * DECP (données essentielles, SPASER action 15) in a workbook, for the task pane and `spaser decp`.
 *
 * Import writes the contracts table SPASER Marchés (Excel table SPASER_Marches), one row per DECP contract or
 * lot, in headers the detection recognises, and stores the mapping. Every DECP record is also kept whole, as
 * JSON, in the hidden sheet « SPASER DECP » (keyed by its uid): the per-buyer/per-year DECP shares
 * (decpIndicators) and a lossless export need fields a contracts table does not show (avance, price types,
 * offers, modifications…). Export takes the DECP record of each row and lays the table's current values over
 * it, so that a correction made in the table is what gets exported.
 *
 * This module pulls in the DECP exporter (and so ajv): the task pane loads it with a dynamic import().
 */
import type { DecpFlags, DecpRow } from "../decp";
import { decpRowFromRecord } from "../decp/export";
import { excelSerialFromIso } from "../spaser/dates";
import type { Policy } from "../spaser/policy";
import { rectAddress } from "./a1";
import { OWNED_SHEETS, TABLE_NAMES } from "./constants";
import type { ContractRow } from "./contracts";
import { WorkbookRefusal } from "./errors";
import { BLANK_CONTRACTS_HEADERS, ensureCotationsSheet, ensurePolicySheet, writeMapping } from "./sheets";
import { ownTableSource, type ContractsSource } from "./source";

type Context = Excel.RequestContext;

export const DECP_SHEET = "SPASER DECP";
export const DECP_SHEET_HEADERS = ["Identifiant DECP (uid)", "N° marché", "SIRET acheteur", "Données DECP (JSON)"];
const UID_HEADER = "Identifiant DECP (uid)";

const NATURE_LABELS = { travaux: "Travaux", fournitures: "Fournitures", services: "Services" } as const;

type Cell = string | number;

interface TableColumn {
  readonly header: string;
  readonly numberFormat?: string;
  readonly cell: (row: DecpRow) => Cell | undefined;
}

const yesNo = (value: boolean | undefined): Cell | undefined =>
  value === undefined ? undefined : value ? "Oui" : "Non";
const flag = (name: keyof DecpFlags) => (row: DecpRow) => yesNo(row.flags[name]);

/** The contracts table of an imported DECP file. Unknown facts stay empty (missing is not "no"). */
export const DECP_TABLE_COLUMNS: readonly TableColumn[] = [
  { header: "N° marché", cell: (r) => r.id },
  { header: "Objet du marché", cell: (r) => r.object },
  { header: "Nature", cell: (r) => (r.nature ? NATURE_LABELS[r.nature] : undefined) },
  { header: "Procédure", cell: (r) => r.procedureLabel },
  { header: "Montant € HT", numberFormat: "# ##0.00 €", cell: (r) => r.amount },
  { header: "Durée (mois)", cell: (r) => r.durationMonths },
  {
    header: "Date de notification",
    numberFormat: "dd/mm/yyyy",
    cell: (r) => (r.notificationDate ? excelSerialFromIso(r.notificationDate) : undefined),
  },
  { header: "Titulaire", cell: (r) => r.titulaires || undefined },
  { header: "Code CPV", cell: (r) => r.cpv },
  { header: "Clause sociale", cell: flag("socialClause") },
  { header: "Critère social", cell: flag("socialCriterion") },
  { header: "Marché réservé", cell: flag("reserved") },
  { header: "Considération sociale", cell: flag("socialConsideration") },
  { header: "Clause environnementale", cell: flag("envClause") },
  { header: "Critère environnemental", cell: flag("envCriterion") },
  { header: "Considération environnementale", cell: flag("envConsideration") },
  { header: "Avance", cell: (r) => yesNo(r.attributionAvance) },
  { header: "Offres reçues", cell: (r) => r.offresRecues },
  { header: "SIRET acheteur", cell: (r) => r.buyerSiret },
  { header: "Acheteur", cell: (r) => r.buyerName },
  { header: UID_HEADER, cell: (r) => r.uid },
];

export const DECP_TABLE_HEADERS: readonly string[] = DECP_TABLE_COLUMNS.map((c) => c.header);

/** The mapping of the imported table, from its own headers (the same recognition as any table). Pure. */
export function decpTableSource(): ContractsSource {
  return ownTableSource(DECP_TABLE_HEADERS);
}

/** Office refuses requests over 5 MB: rows are written in blocks of at most this many bytes of JSON. */
const BLOCK_BYTES = 3.5 * 1024 * 1024;

const utf8 = new TextEncoder();

/** Writes rows from (firstRow, column A) in blocks under the request limit; one sync per block. */
async function writeInBlocks(
  context: Context,
  sheet: Excel.Worksheet,
  firstRow: number,
  rows: readonly Cell[][],
): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    let bytes = 0;
    let end = start;
    while (end < rows.length && (end === start || bytes < BLOCK_BYTES)) {
      bytes += utf8.encode(JSON.stringify(rows[end])).length;
      end++;
    }
    const block = rows.slice(start, end);
    sheet.getRangeByIndexes(firstRow - 1 + start, 0, block.length, block[0]!.length).values = block;
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per 3.5 MB block, never per row
    await context.sync();
    start = end;
  }
}

const isBlank = (cell: unknown) => cell === null || cell === undefined || String(cell).trim() === "";

/**
 * The sheet SPASER Marchés ready for an import: created when absent; when it holds only an empty header row
 * (the blank table, or a former import emptied by hand) its table and cells are cleared. Refuses when it
 * holds anything else: an import never overwrites contracts. Syncs do not depend on the rows.
 */
async function freeContractsSheet(context: Context): Promise<Excel.Worksheet> {
  const existing = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.contracts);
  await context.sync();
  if (existing.isNullObject) return context.workbook.worksheets.add(OWNED_SHEETS.contracts);
  const used = existing.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex");
  const tables = existing.tables;
  tables.load("items/name");
  await context.sync();
  if (!used.isNullObject) {
    const headerOnly = used.rowIndex === 0 && used.values.slice(1).every((cells) => cells.every(isBlank));
    const knownHeaders = new Set<string>([...BLANK_CONTRACTS_HEADERS, ...DECP_TABLE_HEADERS]);
    const ownHeaders = (used.values[0] ?? []).every((cell) => isBlank(cell) || knownHeaders.has(String(cell).trim()));
    if (!headerOnly || !ownHeaders) {
      throw new WorkbookRefusal(
        "occupied",
        `La feuille «\u00a0${OWNED_SHEETS.contracts}\u00a0» contient déjà des marchés : import DECP refusé, rien n'a été écrit. ` +
          "Importez dans un nouveau classeur, ou renommez cette feuille.",
      );
    }
  }
  for (const table of tables.items) table.delete();
  const formatted = existing.getUsedRangeOrNullObject(false);
  await context.sync();
  if (!formatted.isNullObject) formatted.clear("All");
  return existing;
}

export interface DecpImportWritten {
  readonly source: ContractsSource;
  /** Sheet!A1 addresses written. */
  readonly addresses: readonly string[];
}

/**
 * Writes the imported DECP rows into the workbook: the SPASER Marchés table (refused if that sheet already
 * holds contracts), the hidden SPASER DECP store, the policy (kept if present), the cotations sheet and the
 * mapping. The syncs grow with the megabytes written (one per 3.5 MB block), never with the rows.
 */
export async function writeDecpImport(
  context: Context,
  rows: readonly DecpRow[],
  policy: Policy,
): Promise<DecpImportWritten> {
  const sheet = await freeContractsSheet(context);
  const previousStore = context.workbook.worksheets.getItemOrNullObject(DECP_SHEET);
  await context.sync();
  // The store belongs to the table: with no contract left in the table, its records are stale.
  if (!previousStore.isNullObject) previousStore.delete();
  const source = decpTableSource();
  const headers = [...DECP_TABLE_HEADERS];
  const body = rows.map((row) => DECP_TABLE_COLUMNS.map((c) => c.cell(row) ?? ""));
  await writeInBlocks(context, sheet, 1, [headers, ...body]);
  const last = headers.length - 1;
  const tableAddress = rectAddress(1, 0, Math.max(rows.length, 1) + 1, last);
  const table = sheet.tables.add(tableAddress, true);
  table.name = TABLE_NAMES.contracts;
  DECP_TABLE_COLUMNS.forEach((column, i) => {
    if (column.numberFormat && rows.length > 0) {
      sheet.getRangeByIndexes(1, i, rows.length, 1).numberFormat = rows.map(() => [column.numberFormat!]);
    }
  });
  sheet.freezePanes.freezeRows(1);
  await context.sync();

  const store = context.workbook.worksheets.add(DECP_SHEET);
  const stored = rows.map((row) => [row.uid, row.id, row.buyerSiret ?? "", JSON.stringify(row)]);
  await writeInBlocks(context, store, 1, [DECP_SHEET_HEADERS, ...stored]);
  store.visibility = "Hidden";
  await context.sync();

  await ensurePolicySheet(context, policy);
  await ensureCotationsSheet(context);
  await writeMapping(context, source);
  return {
    source,
    addresses: [
      `'${OWNED_SHEETS.contracts}'!${tableAddress}`,
      `'${DECP_SHEET}'!${rectAddress(1, 0, rows.length + 1, DECP_SHEET_HEADERS.length - 1)}`,
    ],
  };
}

/** The DECP records kept by an import, by uid; undefined when the workbook does not come from DECP. */
export async function readDecpStore(
  context: Context,
): Promise<{ rows: Map<string, DecpRow>; unreadable: number } | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(DECP_SHEET);
  await context.sync();
  if (sheet.isNullObject) return undefined;
  const used = sheet.getUsedRange(true);
  used.load("values");
  await context.sync();
  const rows = new Map<string, DecpRow>();
  let unreadable = 0;
  for (const cells of used.values.slice(1)) {
    try {
      const row = JSON.parse(String(cells[3] ?? "")) as DecpRow;
      if (typeof row?.uid !== "string") throw new Error("uid");
      rows.set(row.uid, row);
    } catch {
      unreadable++;
    }
  }
  return { rows, unreadable };
}

/** The uid written on each sheet row of the contracts table (the column « Identifiant DECP (uid) »). */
export async function readUids(context: Context, source: ContractsSource): Promise<Map<number, string>> {
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  const used = sheet.getUsedRange(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  const values = used.values;
  const headerIndex = source.headerRow - 1 - used.rowIndex;
  const header = values[headerIndex] ?? [];
  const column = header.findIndex((cell) => cell === UID_HEADER);
  const uids = new Map<number, string>();
  if (column < 0) return uids;
  values.forEach((cells, i) => {
    const uid = cells[column];
    if (i > headerIndex && typeof uid === "string" && uid !== "") uids.set(used.rowIndex + i + 1, uid);
  });
  return uids;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The DECP row to export for a contract of the table: its imported DECP record with the table's current
 * values laid over it, or, for a buyer's own table, the row the table alone gives.
 */
export function exportRowOf(row: ContractRow, buyerSiret: string, imported: DecpRow | undefined): DecpRow {
  const fromTable = decpRowFromRecord(row.record, imported?.buyerSiret ?? buyerSiret);
  if (!imported) return fromTable;
  const amountChanged = fromTable.amount !== undefined && fromTable.amount !== imported.amount;
  const durationChanged =
    fromTable.durationMonths !== undefined && fromTable.durationMonths !== imported.durationMonths;
  const noModifications = imported.modifications.length === 0;
  return {
    ...imported,
    ...defined({
      object: fromTable.object,
      cpv: fromTable.cpv,
      notificationDate: fromTable.notificationDate,
      nature: fromTable.nature,
    }),
    ...(amountChanged
      ? { amount: fromTable.amount, ...(noModifications ? { initialAmount: fromTable.amount } : {}) }
      : {}),
    ...(durationChanged
      ? {
          durationMonths: fromTable.durationMonths,
          ...(noModifications ? { initialDurationMonths: fromTable.durationMonths } : {}),
        }
      : {}),
    flags: { ...imported.flags, ...defined(fromTable.flags) },
  };
}

/** The DECP rows to export for every contract of the table (one load per sheet, whatever the rows). */
export async function readDecpExportRows(
  context: Context,
  source: ContractsSource,
  rows: readonly ContractRow[],
  buyerSiret: string,
): Promise<DecpRow[]> {
  const decp = await readDecpStore(context);
  const uids = decp ? await readUids(context, source) : new Map<number, string>();
  return rows.map((row) => {
    const uid = uids.get(row.sheetRow);
    return exportRowOf(row, buyerSiret, uid === undefined ? undefined : decp?.rows.get(uid));
  });
}
