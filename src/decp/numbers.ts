/**
 * Numbers in DECP files. JSON and the national table write machine numbers ("30000.00", "36", 0.3), where
 * the dot is always the decimal mark, even in "100.500"; a tabular file re-saved by a French Excel may
 * hold "30 000,00". Machine numbers are read first, French ones by the shared amount parser.
 */
import { isEmptyCell, parseAmount, quoteCell, type CellResult } from "../spaser/normalize";

const MACHINE_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function parseDecpNumber(cell: unknown): CellResult<number> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "number") {
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, message: `${quoteCell(cell)} n'est pas un nombre.` };
  }
  if (typeof cell === "string" && MACHINE_NUMBER.test(cell.trim())) return { ok: true, value: Number(cell.trim()) };
  return parseAmount(cell, { allowNegative: false });
}
