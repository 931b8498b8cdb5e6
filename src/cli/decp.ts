/**
 * `spaser decp import` and `spaser decp export`.
 *
 * Import builds a workbook whose contracts table (SPASER Marchés, Excel table SPASER_Marches) has one row
 * per DECP contract or lot, in headers the detection recognises, with the mapping and the policy stored.
 * Every DECP record is also kept whole, as JSON, in the hidden sheet « SPASER DECP » (keyed by its uid): the
 * per-buyer/per-year DECP shares (decpIndicators) and a lossless export need fields a contracts table does
 * not show (avance, price types, offers, modifications…). Export takes the DECP record of each row and lays
 * the table's current values over it, so that a correction made in the table is what gets exported.
 */
import {
  ensureCotationsSheet,
  ensurePolicySheet,
  OWNED_SHEETS,
  TABLE_NAMES,
  writeMapping,
  type ContractRow,
  type ContractsSource,
} from "../excel";
import { rectAddress } from "../excel/a1";
import type { DecpFlags, DecpRow } from "../decp";
import { decpRowFromRecord } from "../decp";
import { createWorkbook, type SimWorkbook } from "../sim";
import { excelSerialFromIso } from "../spaser/dates";
import type { Policy } from "../spaser/policy";
import type { Context } from "./workbook";
import { sourceFromHeaders } from "./workbook";

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

/** Office refuses requests over 5 MB: rows are written in blocks of at most this many bytes of JSON. */
const BLOCK_BYTES = 3.5 * 1024 * 1024;

/** Writes rows from (firstRow, firstColumn) in blocks under the request limit; one sync per block. */
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
      bytes += Buffer.byteLength(JSON.stringify(rows[end]), "utf8");
      end++;
    }
    const block = rows.slice(start, end);
    sheet.getRangeByIndexes(firstRow - 1 + start, 0, block.length, block[0]!.length).values = block;
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per 3.5 MB block, never per row
    await context.sync();
    start = end;
  }
}

export interface ImportedWorkbook {
  readonly workbook: SimWorkbook;
  readonly source: ContractsSource;
}

/** A new workbook holding the imported DECP rows as a SPASER contracts table, with the add-in's sheets. */
export async function decpWorkbook(
  rows: readonly DecpRow[],
  policy: Policy,
  run: <T>(workbook: SimWorkbook, operation: (context: Context) => Promise<T>) => Promise<T>,
): Promise<ImportedWorkbook> {
  const workbook = createWorkbook(OWNED_SHEETS.contracts);
  const headers = DECP_TABLE_COLUMNS.map((c) => c.header);
  const source = sourceFromHeaders(OWNED_SHEETS.contracts, 1, 0, headers, TABLE_NAMES.contracts);
  await run(workbook, async (context) => {
    const sheet = context.workbook.worksheets.getItem(OWNED_SHEETS.contracts);
    const body = rows.map((row) => DECP_TABLE_COLUMNS.map((c) => c.cell(row) ?? ""));
    await writeInBlocks(context, sheet, 1, [headers, ...body]);
    const last = headers.length - 1;
    const table = sheet.tables.add(rectAddress(1, 0, Math.max(rows.length, 1) + 1, last), true);
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
  });
  return { workbook, source };
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
