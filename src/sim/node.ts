/** Node-only helpers: open and save simulated workbooks by path (the CLI and tests use them). */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { loadWorkbook, saveWorkbook } from "./xlsx-io";
import type { SimWorkbook } from "./workbook";

export async function loadWorkbookFromPath(path: string): Promise<SimWorkbook> {
  return loadWorkbook(new Uint8Array(await readFile(path)), basename(path));
}

export async function saveWorkbookToPath(wb: SimWorkbook, path: string): Promise<void> {
  await writeFile(path, await saveWorkbook(wb));
}
