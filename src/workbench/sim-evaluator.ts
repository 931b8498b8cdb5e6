/**
 * Plugs the SPASER formula evaluator into the simulator: references and defined names are read from the
 * SimWorkbook, functions come from a catalog built from the generated metadata (ids, declared parameters)
 * and the implementations the custom-functions runtime associated with those ids.
 */
import type { Worksheet as XWorksheet } from "@cj-tech-master/excelts";
import { parseAddress, type CellRect } from "../sim/address";
import { type FormulaEvaluator, type SimWorkbook, toOfficeValue, usedRect } from "../sim/workbook";
import { evaluateFormula, type FormulaContext, type Matrix, type SpaserFunction } from "./formula";

/** One function of functions.json (only what the evaluator needs). */
export interface FunctionMetadataEntry {
  readonly id: string;
  readonly name?: string;
  readonly parameters: readonly { readonly name?: string; readonly dimensionality?: string }[];
}

export type FunctionCatalog = (name: string) => SpaserFunction | undefined;

/**
 * Functions by id and by French name (functions.fr-text.json), upper case, each with the implementation the
 * runtime associated with its id. Ids without an implementation are left out (they give #NAME?).
 */
export function buildCatalog(
  metadata: readonly FunctionMetadataEntry[],
  implementations: ReadonlyMap<string, (...args: never[]) => unknown>,
  frenchNames: Readonly<Record<string, { readonly name?: string }>> = {},
): FunctionCatalog {
  const byName = new Map<string, SpaserFunction>();
  for (const entry of metadata) {
    const implementation = implementations.get(entry.id);
    if (!implementation) continue;
    const fn: SpaserFunction = {
      id: entry.id,
      parameters: entry.parameters,
      invoke: (...args) => (implementation as (...a: unknown[]) => unknown)(...args),
    };
    byName.set(entry.id.toUpperCase(), fn);
    const french = frenchNames[entry.id]?.name;
    if (french) byName.set(french.toUpperCase(), fn);
  }
  return (name) => byName.get(name.toUpperCase());
}

/** Largest block a reference may read (a whole column of a 20 000-row sheet is far below). */
const MAX_REFERENCE_CELLS = 2_000_000;

function readRect(ws: XWorksheet, rect: CellRect): Matrix | undefined {
  if (rect.rowCount * rect.columnCount > MAX_REFERENCE_CELLS) return undefined;
  const values: Matrix = [];
  for (let r = 0; r < rect.rowCount; r++) {
    const row: Matrix[number] = [];
    for (let c = 0; c < rect.columnCount; c++) {
      row.push(toOfficeValue(ws.findCell(rect.row + r + 1, rect.column + c + 1)?.value));
    }
    values.push(row);
  }
  return values;
}

/** Whole columns or rows stop at the sheet's last used row or column, as Excel's functions skip the void. */
function clipToUsed(ws: XWorksheet, rect: CellRect, entireColumn: boolean, entireRow: boolean): CellRect {
  if (!entireColumn && !entireRow) return rect;
  const used = usedRect(ws, true);
  if (!used)
    return { ...rect, rowCount: entireColumn ? 1 : rect.rowCount, columnCount: entireRow ? 1 : rect.columnCount };
  return {
    ...rect,
    rowCount: entireColumn ? Math.max(1, used.row + used.rowCount) : rect.rowCount,
    columnCount: entireRow ? Math.max(1, used.column + used.columnCount) : rect.columnCount,
  };
}

function rangeValues(workbook: SimWorkbook, sheet: string, address: string): Matrix | undefined {
  const ws = workbook.sheet(sheet);
  if (!ws) return undefined;
  try {
    const parsed = parseAddress(address);
    return readRect(ws, clipToUsed(ws, parsed.rect, parsed.isEntireColumn, parsed.isEntireRow));
  } catch {
    return undefined;
  }
}

/** The workbook seen from a formula in `sheet`: unqualified references are on that sheet. */
export function workbookContext(workbook: SimWorkbook, sheet: string, catalog: FunctionCatalog): FormulaContext {
  return {
    range: (qualified, address) => rangeValues(workbook, qualified ?? sheet, address),
    name: (name) => {
      const lower = name.toLowerCase();
      const candidates = workbook.names.filter((n) => n.name.toLowerCase() === lower);
      // A name local to the formula's sheet hides the workbook-level one, as in Excel.
      const item =
        candidates.find((n) => n.scopeSheet?.toLowerCase() === sheet.toLowerCase()) ??
        candidates.find((n) => n.scopeSheet === undefined);
      if (!item) return undefined;
      const reference = item.reference.replace(/^=/, "");
      try {
        const parsed = parseAddress(reference);
        return rangeValues(
          workbook,
          parsed.sheet ?? item.scopeSheet ?? sheet,
          reference.slice(reference.lastIndexOf("!") + 1),
        );
      } catch {
        return undefined; // a name holding a constant or a formula: not a range
      }
    },
    spaserFunction: catalog,
  };
}

/** The evaluator to give `SimWorkbook.setFormulaEvaluator`: SPASER formulas computed, the rest kept. */
export function spaserEvaluator(workbook: SimWorkbook, catalog: FunctionCatalog): FormulaEvaluator {
  return (formula, where) => evaluateFormula(formula, workbookContext(workbook, where.sheet, catalog));
}

/** Passes at most: enough for SPASER formulas reading other SPASER formulas' cells. */
const MAX_RECALCULATION_PASSES = 5;

/** Recalculates until nothing changes (or the pass limit); returns the number of cell updates. */
export function recalculateSpaser(workbook: SimWorkbook): number {
  let total = 0;
  for (let pass = 0; pass < MAX_RECALCULATION_PASSES; pass++) {
    const changed = workbook.recalculate();
    total += changed;
    if (changed === 0) break;
  }
  return total;
}
