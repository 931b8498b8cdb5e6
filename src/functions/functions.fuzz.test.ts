import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExcelFunctions, type ExcelFunctions } from "../../test/support/excel-functions";
import { CellError } from "./runtime";

// FUZZ_RUNS=50000 for a longer hunt; CI runs the default.
const RUNS_PER_FUNCTION = Number(process.env.FUZZ_RUNS ?? 2_000);

let excel: ExcelFunctions;
beforeAll(async () => {
  excel = await loadExcelFunctions();
}, 60_000);

/** Anything an Excel cell can hand over, with a bias towards the texts buyers really type. */
const cellValue = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.constantFrom(0, 1, 12, 24, 0.3, 0.05, 45_000, 90_000, 216_000, 46_000, 2026, 27, 1e308, 5e-324, -0, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
  fc.constant(""),
  fc.string(),
  fc.constantFrom(
    "12 500,50 €",
    "Total : 73 243,56",
    "30 %",
    "01/09/2026",
    "2026-13-45",
    "Oui",
    "non",
    "X",
    "À étudier",
    "Sans objet",
    "SIAE;EA",
    "ESS",
    "collectivité",
    "travaux",
    "env_criterion",
    "dispense_fs",
    "#N/A",
    "=1+1",
  ),
);
const range = fc.array(fc.array(cellValue, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
const argument = fc.oneof({ weight: 4, arbitrary: cellValue }, { weight: 1, arbitrary: range });

function matchesResultType(value: unknown, result: { type?: string; dimensionality?: string }): boolean {
  if (result.dimensionality === "matrix") {
    return Array.isArray(value) && value.every((row) => Array.isArray(row) && row.every(Number.isFinite));
  }
  switch (result.type) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string" && value.length > 0;
    default:
      return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value !== "");
  }
}

describe("fuzz: every SPASER function, thousands of random arguments", () => {
  it("returns a value of its declared type or #VALUE!, #N/A or #NUM! with a French message, never anything else", () => {
    let calls = 0;
    for (const fn of excel.metadata) {
      fc.assert(
        fc.property(
          fc.array(argument, { minLength: fn.parameters.length, maxLength: fn.parameters.length }),
          (args) => {
            calls += 1;
            try {
              const value = excel.call(fn.id, ...args);
              return matchesResultType(value, fn.result);
            } catch (error) {
              return (
                error instanceof CellError &&
                (error.code === "#VALUE!" || error.code === "#N/A" || error.code === "#NUM!") &&
                error.message.length > 5 &&
                error.message.length < 400
              );
            }
          },
        ),
        { numRuns: RUNS_PER_FUNCTION },
      );
    }
    expect(calls).toBeGreaterThanOrEqual(excel.metadata.length * RUNS_PER_FUNCTION);
  }, 120_000);
});
