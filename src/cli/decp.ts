/**
 * `spaser decp import` and `spaser decp export`: the workbook side lives in src/excel/decp-workbook.ts, shared
 * with the task pane. Import builds a new workbook whose contracts table (SPASER Marchés) has one row per DECP
 * contract or lot, with the hidden « SPASER DECP » store, the policy and the mapping; export lays the table's
 * current values over the stored records.
 */
import { OWNED_SHEETS, type ContractsSource } from "../excel";
import { writeDecpImport } from "../excel/decp-workbook";
import type { DecpRow } from "../decp";
import { createWorkbook, type SimWorkbook } from "../sim";
import type { Policy } from "../spaser/policy";
import type { Context } from "./workbook";

export {
  DECP_SHEET,
  DECP_SHEET_HEADERS,
  DECP_TABLE_COLUMNS,
  exportRowOf,
  readDecpStore,
  readUids,
} from "../excel/decp-workbook";

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
  const { source } = await run(workbook, (context) => writeDecpImport(context, rows, policy));
  return { workbook, source };
}
