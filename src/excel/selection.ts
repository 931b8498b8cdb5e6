/**
 * The contract row the user selected in Excel: the active cell's row when it lies on the contracts
 * table's sheet, below its header and within its rows. Two syncs (the selection and whether the sheet
 * exists, then the table's extent), whatever the size of the table.
 */
import { parseRect } from "./a1";
import { tableBlock } from "./contracts";
import type { ContractsSource } from "./source";

/** Sheet name of an address returned by Excel ("'Marchés 2027'!C7" → "Marchés 2027"). Pure. */
export function sheetOfAddress(address: string): string | undefined {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return undefined;
  const name = address.slice(0, bang);
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** The selected sheet row when it is a data row of the table (header excluded, up to `lastRow`). Pure. */
export function rowInTable(
  source: ContractsSource,
  selection: { sheet: string | undefined; row: number },
  lastRow: number,
): number | undefined {
  if (selection.sheet !== source.sheet) return undefined;
  return selection.row > source.headerRow && selection.row <= lastRow ? selection.row : undefined;
}

export async function selectedSheetRow(
  context: Excel.RequestContext,
  source: ContractsSource,
): Promise<number | undefined> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address");
  const sheet = context.workbook.worksheets.getItemOrNullObject(source.sheet);
  try {
    await context.sync();
  } catch {
    return undefined; // several areas selected, or a chart: no contract row
  }
  const rect = parseRect(selected.address);
  const selection = { sheet: sheetOfAddress(selected.address), row: rect?.firstRow ?? 0 };
  if (sheet.isNullObject || rowInTable(source, selection, Number.MAX_SAFE_INTEGER) === undefined) return undefined;
  const block = tableBlock(sheet, source);
  block.load("rowIndex,rowCount");
  try {
    await context.sync();
  } catch {
    return undefined; // empty table
  }
  return rowInTable(source, selection, block.rowIndex + block.rowCount);
}
