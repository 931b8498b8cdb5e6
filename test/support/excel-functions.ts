/**
 * Calls the SPASER custom functions the way Excel does: by id, through the associations that
 * custom-functions-metadata generates from the JSDoc (the same list the webpack plugin turns into
 * `CustomFunctions.associate(id, fn)` calls), with the parameter list of the generated metadata.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { join } from "node:path";
import * as functionsModule from "../../src/functions/functions";
import { CellError } from "../../src/functions/runtime";

export interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  parameters: { name: string; type: string; optional?: boolean; dimensionality?: string; description: string }[];
  result: { type?: string; dimensionality?: string };
}

export interface ExcelFunctions {
  metadata: FunctionMetadata[];
  call(id: string, ...args: unknown[]): unknown;
  /** The cell's outcome: a value, or `{ error: "#VALUE!", message }` like Excel shows it. */
  cell(id: string, ...args: unknown[]): unknown;
}

export const FUNCTIONS_SOURCE = join(__dirname, "..", "..", "src", "functions", "functions.ts");

export async function loadExcelFunctions(): Promise<ExcelFunctions> {
  const generated = await generateCustomFunctionsMetadata([FUNCTIONS_SOURCE], true);
  if (generated.errors.length > 0) throw new Error(generated.errors.join("\n"));
  const metadata = (JSON.parse(generated.metadataJson) as { functions: FunctionMetadata[] }).functions;
  const byId = new Map<string, (...args: unknown[]) => unknown>();
  for (const association of generated.associate) {
    const fn = (functionsModule as Record<string, unknown>)[association.functionName];
    if (typeof fn !== "function") throw new Error(`${association.id}: ${association.functionName} is not exported`);
    byId.set(association.id, fn as (...args: unknown[]) => unknown);
  }
  const call = (id: string, ...args: unknown[]) => {
    const fn = byId.get(id);
    if (!fn) throw new Error(`Unknown function ${id}`);
    // Excel passes every declared parameter, null for the omitted optional ones.
    const parameters = metadata.find((m) => m.id === id)?.parameters ?? [];
    const padded = parameters.map((_, i) => (i < args.length ? args[i] : null));
    return fn(...padded);
  };
  const cell = (id: string, ...args: unknown[]) => {
    try {
      return call(id, ...args);
    } catch (error) {
      if (error instanceof CellError) return { error: error.code, message: error.message };
      throw error;
    }
  };
  return { metadata, call, cell };
}

/** Excel serial number of an ISO date (what a date cell holds). */
export function serial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** A column range of cells, as Excel hands it: one row per cell. */
export function column(...cells: unknown[]): unknown[][] {
  return cells.map((cell) => [cell]);
}
