/** Test helper: the mapping stored in a workbook file. */
import { readFileSync } from "node:fs";
import { loadWorkbook } from "../sim";
import type { ContractsSource } from "../excel";
import { onWorkbook, readStoredSource } from "./workbook";

export async function readStoredSourceOf(path: string): Promise<ContractsSource | undefined> {
  const workbook = await loadWorkbook(new Uint8Array(readFileSync(path)), "x.xlsx");
  const { result } = await onWorkbook(workbook, readStoredSource);
  return result?.ok ? result.source : undefined;
}
