/**
 * Reads the user's contracts table in one load and one sync, checks that the confirmed mapping still
 * matches the headers, and normalises each row through the domain. Each row carries its key and a
 * fingerprint so a later write can check it still holds the same contract.
 */
import { foldText, isEmptyCell } from "../spaser/normalize";
import { normaliseRecord, type ContractRecord, type RecordField, type RecordProblem } from "../spaser/records";
import { MAX_TABLE_ROWS } from "./constants";
import { detectContractsTable } from "./detect";
import { WorkbookRefusal } from "./errors";
import { fingerprintCells } from "./fingerprint";
import type { ContractsSource } from "./source";

export interface ContractRow {
  /** 1-based sheet row. */
  readonly sheetRow: number;
  /** The contract number when mapped and filled, else "ligne N". */
  readonly key: string;
  readonly fingerprint: string;
  readonly raw: Readonly<Partial<Record<RecordField, unknown>>>;
  readonly record: ContractRecord;
  readonly problems: readonly RecordProblem[];
}

export interface ContractsRead {
  readonly source: ContractsSource;
  readonly rows: readonly ContractRow[];
  /** Last sheet row of the table block read (contracts, sections and totals included). */
  readonly lastRow: number;
}

/** The block the add-in reads: the user's columns, from the header down to the used range's end. */
export function tableBlock(sheet: Excel.Worksheet, source: ContractsSource): Excel.Range {
  const columns = source.lastColumn - source.firstColumn + 1;
  return sheet
    .getRangeByIndexes(source.headerRow - 1, source.firstColumn, MAX_TABLE_ROWS + 1, columns)
    .getUsedRange(true);
}

function sameHeader(a: unknown, b: string): boolean {
  return foldText(String(a ?? "")) === foldText(b);
}

/** Checks the stored mapping against the header row as it is now. */
export function checkHeaders(source: ContractsSource, headerCells: readonly unknown[]): void {
  for (const [field, mapped] of Object.entries(source.mapping)) {
    if (!mapped) continue;
    const cell = headerCells[mapped.column - source.firstColumn];
    if (!sameHeader(cell, mapped.header)) {
      throw new WorkbookRefusal(
        "mapping",
        `La colonne « ${mapped.header} » (champ ${field}) n'est plus à sa place dans « ${source.sheet} » : confirmez de nouveau la correspondance des colonnes.`,
      );
    }
  }
}

export function rowKey(record: ContractRecord, sheetRow: number): string {
  return record.id && record.id.trim() !== "" ? record.id.trim() : `ligne ${sheetRow}`;
}

/** Turns the values of the table block (header first) into contract rows. Pure. */
export function rowsFromBlock(source: ContractsSource, values: readonly (readonly unknown[])[]): ContractRow[] {
  const header = values[0] ?? [];
  checkHeaders(source, header);
  const detection = detectContractsTable(
    source.sheet,
    values as unknown[][],
    { row: source.headerRow - 1, column: source.firstColumn },
    { headerRow: source.headerRow },
  );
  const contractRows =
    detection.kind === "table" && detection.headerRow === source.headerRow
      ? new Set(detection.contractRows)
      : undefined;
  const rows: ContractRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const sheetRow = source.headerRow + i;
    const cells = values[i]!;
    if (contractRows ? !contractRows.has(sheetRow) : cells.every(isEmptyCell)) continue;
    const raw: Partial<Record<RecordField, unknown>> = {};
    for (const [field, mapped] of Object.entries(source.mapping)) {
      if (mapped) raw[field as RecordField] = cells[mapped.column - source.firstColumn];
    }
    const { record, problems } = normaliseRecord(raw);
    rows.push({ sheetRow, key: rowKey(record, sheetRow), fingerprint: fingerprintCells(cells), raw, record, problems });
  }
  return rows;
}

export function isItemNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ItemNotFound";
}

/** One load, one sync. */
export async function readContracts(context: Excel.RequestContext, source: ContractsSource): Promise<ContractsRead> {
  const block = tableBlock(context.workbook.worksheets.getItem(source.sheet), source);
  block.load("values,rowIndex,rowCount");
  try {
    await context.sync();
  } catch (error) {
    if (!isItemNotFound(error)) throw error;
    throw new WorkbookRefusal("not-found", `La feuille « ${source.sheet} » des marchés est introuvable ou vide.`);
  }
  if (block.rowIndex !== source.headerRow - 1) {
    throw new WorkbookRefusal(
      "mapping",
      `La ligne d'en-tête ${source.headerRow} de « ${source.sheet} » est vide : confirmez de nouveau la correspondance.`,
    );
  }
  return { source, rows: rowsFromBlock(source, block.values), lastRow: block.rowIndex + block.rowCount };
}
