/**
 * Writes the add-in's columns at the right of the user's table (headers "SPASER · …"), and nothing else.
 *
 * Before writing it re-reads, in one request, the user's rows and the cells it is about to fill: every row
 * it scored must still hold the same contract (fingerprint), and every target cell must be empty or in a
 * column the add-in already owns. Otherwise it refuses and explains, and writes nothing. Re-running writes the
 * same cells with the same values (idempotent). Syncs: 2, plus one per 4 MB of values for huge tables.
 */
import { rectAddress } from "./a1";
import { OWNED_COLUMN_PREFIX, WRITE_CHUNK_BYTES } from "./constants";
import type { ContractRow, ContractsRead } from "./contracts";
import { tableBlock } from "./contracts";
import { WorkbookRefusal } from "./errors";
import { fingerprintCells } from "./fingerprint";

export type OwnedCell = string | number | boolean;

export interface OwnedColumn {
  /** Header without the prefix, e.g. "Taux d'avance". */
  readonly header: string;
  readonly numberFormat?: string;
  readonly value: (row: ContractRow) => OwnedCell;
}

export interface OwnedWriteReport {
  readonly sheet: string;
  /** A1 address of the block written (headers included). */
  readonly address: string;
  readonly headers: readonly string[];
  readonly rows: number;
  /** Columns that already existed and were refreshed, vs created. */
  readonly refreshed: number;
  readonly created: number;
  readonly syncs: number;
}

/** Columns looked at beyond the ones needed, right of the table, to find owned or free columns. */
const ZONE_EXTRA_COLUMNS = 6;
const MAX_CONFLICTS_LISTED = 5;

function isEmpty(cell: unknown): boolean {
  return cell === "" || cell === null || cell === undefined;
}

/** Where each column goes: its existing owned column, or the next column that is entirely empty. Pure. */
export function placeColumns(
  wanted: readonly string[],
  zoneHeaders: readonly unknown[],
  zoneColumnEmpty: (offset: number) => boolean,
): { offsets: number[]; created: number } {
  const offsets: number[] = [];
  const taken = new Set<number>();
  let created = 0;
  for (const header of wanted) {
    const full = `${OWNED_COLUMN_PREFIX}${header}`;
    const existing = zoneHeaders.findIndex((cell) => cell === full);
    if (existing >= 0) {
      offsets.push(existing);
      taken.add(existing);
    } else offsets.push(-1);
  }
  let next = 0;
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i]! >= 0) continue;
    while (next < zoneHeaders.length && (taken.has(next) || !isEmpty(zoneHeaders[next]) || !zoneColumnEmpty(next))) {
      next++;
    }
    if (next >= zoneHeaders.length) {
      throw new WorkbookRefusal(
        "occupied",
        "Pas de colonnes libres à droite du tableau des marchés pour les colonnes SPASER : libérez des colonnes vides à droite.",
      );
    }
    offsets[i] = next;
    taken.add(next);
    created++;
    next++;
  }
  return { offsets, created };
}

/** Rows whose cells changed since they were read, by sheet row. Pure. */
export function changedRows(read: ContractsRead, currentBlock: readonly (readonly unknown[])[]): number[] {
  const changed: number[] = [];
  for (const row of read.rows) {
    const cells = currentBlock[row.sheetRow - read.source.headerRow];
    if (!cells || fingerprintCells(cells) !== row.fingerprint) changed.push(row.sheetRow);
  }
  return changed;
}

/** Indexes of `offsets` grouped into runs of adjacent sheet columns, left to right. Pure. */
export function contiguousRuns(offsets: readonly number[]): number[][] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const runs: number[][] = [];
  for (const i of order) {
    const last = runs[runs.length - 1];
    if (last && offsets[last[last.length - 1]!]! + 1 === offsets[i]) last.push(i);
    else runs.push([i]);
  }
  return runs;
}

/** Request size of a values block as Office serialises it (JSON), with its number formats when set. */
function requestBytes(values: readonly (readonly OwnedCell[])[], formats: readonly string[] | undefined): number {
  const formatsBytes = formats ? (JSON.stringify(formats).length + 1) * values.length : 0;
  return new TextEncoder().encode(JSON.stringify(values)).length + formatsBytes;
}

export async function writeOwnedColumns(
  context: Excel.RequestContext,
  read: ContractsRead,
  columns: readonly OwnedColumn[],
): Promise<OwnedWriteReport> {
  const { source } = read;
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  const firstDataRow = source.headerRow + 1;
  const lastRow = Math.max(read.lastRow, firstDataRow);
  const zoneFirstColumn = source.lastColumn + 1;
  const zoneWidth = columns.length + ZONE_EXTRA_COLUMNS;

  // The user's block as it is now (one request), then the zone right of it (another): two requests keep
  // each under Office's limit for tables of tens of thousands of rows.
  const current = tableBlock(sheet, source);
  current.load("values,rowIndex");
  await context.sync();
  let syncs = 1;
  if (current.rowIndex !== source.headerRow - 1) {
    throw new WorkbookRefusal("conflict", `L'en-tête de « ${source.sheet} » a changé depuis la lecture : relancez.`);
  }
  const changed = changedRows(read, current.values);
  if (changed.length > 0) {
    const listed = changed.slice(0, MAX_CONFLICTS_LISTED).join(", ");
    throw new WorkbookRefusal(
      "conflict",
      `Le tableau des marchés a changé depuis sa lecture (ligne${changed.length > 1 ? "s" : ""} ${listed}${changed.length > MAX_CONFLICTS_LISTED ? "…" : ""}) : un collègue l'a peut-être modifié. Rien n'a été écrit ; relancez pour repartir des données actuelles.`,
    );
  }
  const zone = sheet.getRangeByIndexes(
    source.headerRow - 1,
    zoneFirstColumn,
    lastRow - source.headerRow + 1,
    zoneWidth,
  );
  zone.load("values,formulas");
  await context.sync();
  syncs++;

  const zoneValues = zone.values;
  const zoneFormulas = zone.formulas;
  const zoneHeaders = zoneValues[0] ?? [];
  const columnEmpty = (offset: number) => {
    for (let r = 1; r < zoneValues.length; r++) {
      if (!isEmpty(zoneValues[r]![offset]) || !isEmpty(zoneFormulas[r]![offset])) return false;
    }
    return true;
  };
  const { offsets, created } = placeColumns(
    columns.map((c) => c.header),
    zoneHeaders,
    columnEmpty,
  );

  // Contiguous owned columns are written as one block each, in row chunks under Office's request limit.
  const byRow = new Map(read.rows.map((row) => [row.sheetRow, row]));
  const dataRows = lastRow - source.headerRow;
  for (const run of contiguousRuns(offsets)) {
    const runColumns = run.map((i) => columns[i]!);
    const sheetColumn = zoneFirstColumn + offsets[run[0]!]!;
    const headerCells = sheet.getRangeByIndexes(source.headerRow - 1, sheetColumn, 1, run.length);
    headerCells.values = [runColumns.map((c) => `${OWNED_COLUMN_PREFIX}${c.header}`)];
    headerCells.format.font.bold = true;
    const values: OwnedCell[][] = [];
    for (let r = 0; r < dataRows; r++) {
      const row = byRow.get(firstDataRow + r);
      values.push(runColumns.map((c) => (row ? c.value(row) : "")));
    }
    const formats = runColumns.some((c) => c.numberFormat)
      ? runColumns.map((c) => c.numberFormat ?? "General")
      : undefined;
    const rowsPerChunk = Math.max(
      1,
      Math.floor((values.length * WRITE_CHUNK_BYTES) / Math.max(requestBytes(values, formats), 1)),
    );
    for (let start = 0; start < values.length; start += rowsPerChunk) {
      const chunk = values.slice(start, start + rowsPerChunk);
      const target = sheet.getRangeByIndexes(firstDataRow - 1 + start, sheetColumn, chunk.length, run.length);
      if (formats) target.numberFormat = chunk.map(() => formats);
      target.values = chunk;
      if (start + rowsPerChunk < values.length) {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only past 4 MB of values
        await context.sync();
        syncs++;
      }
    }
  }
  await context.sync();
  syncs++;

  return {
    sheet: source.sheet,
    address: rectAddress(
      source.headerRow,
      zoneFirstColumn + Math.min(...offsets),
      lastRow,
      zoneFirstColumn + Math.max(...offsets),
    ),
    headers: columns.map((c) => `${OWNED_COLUMN_PREFIX}${c.header}`),
    rows: read.rows.length,
    refreshed: columns.length - created,
    created,
    syncs,
  };
}
