import { beforeAll, describe, expect, it } from "vitest";
import frenchTexts from "../functions/functions.fr-text.json";
import { FUNCTION_DOCS } from "../functions/examples";
import { createExcelOperations } from "../excel/excel-operations";
import { createWorkbook, SimExcel, type SimWorkbook } from "../sim";
import { getPreset } from "../spaser/presets";
import { targetFor } from "../spaser/policy";
import { loadExcelFunctions } from "../../test/support/excel-functions";
import { getValues, putValues } from "../../test/support/sim-run";
import { buildCatalog, recalculateSpaser, spaserEvaluator, type FunctionCatalog } from "./sim-evaluator";

let catalog: FunctionCatalog;

beforeAll(async () => {
  // The functions by their Excel id, as the custom-functions runtime associates them in the bundle.
  const functions = await loadExcelFunctions();
  const implementations = new Map(
    functions.metadata.map((m) => [m.id, (...args: never[]) => functions.call(m.id, ...args)] as const),
  );
  catalog = buildCatalog(functions.metadata, implementations, frenchTexts);
});

function workbenchWorkbook(): SimWorkbook {
  const workbook = createWorkbook("Marchés");
  workbook.setFormulaEvaluator(spaserEvaluator(workbook, catalog));
  return workbook;
}

async function formulaResult(workbook: SimWorkbook, sheet: string, address: string, formula: string) {
  await putValues(workbook, sheet, address, [[formula]]);
  return (await getValues(workbook, sheet, address))[0]?.[0];
}

describe("SPASER formulas in the workbench", () => {
  // The user documentation's examples, typed as a French user types them (French names, ";"), must give the
  // documented results. Examples needing Excel's own DATE() or a described range are left to Excel.
  const typed = Object.entries(FUNCTION_DOCS).flatMap(([id, doc]) =>
    doc.examples.filter((e) => !/DATE\(|avec/.test(e.formula)).map((e) => ({ id, ...e })),
  );

  it.each(typed)("$formula", async ({ formula, result }) => {
    const value = await formulaResult(workbenchWorkbook(), "Marchés", "A1", formula);
    if (typeof result === "string" && result.endsWith("…")) expect(String(value)).toContain(result.slice(0, -1));
    else expect(value).toEqual(result);
  });

  it("has examples of most functions to check", () => {
    expect(new Set(typed.map((e) => e.id)).size).toBeGreaterThanOrEqual(6);
  });

  it("computes a rate over a range of flags, and follows the flags on recalculation", async () => {
    const workbook = workbenchWorkbook();
    await putValues(workbook, "Marchés", "B2:B5", [["Oui"], ["Non"], ["X"], [""]]);
    // Oui and X count as yes, Non as no, the empty cell is a blank row: 2 of 3.
    expect(await formulaResult(workbook, "Marchés", "D1", "=SPASER.TAUX(B2:B5)")).toBeCloseTo(2 / 3);

    // A user edit in the grid does not go through the API: the evaluator runs again on recalculation.
    workbook.sheet("Marchés")!.getCell("B3").value = "Oui";
    expect(recalculateSpaser(workbook)).toBe(1);
    expect((await getValues(workbook, "Marchés", "D1"))[0]?.[0]).toBe(1);
  });

  it("reads the policy through the SPASER_PARAMETRES name the pane writes", async () => {
    const workbook = workbenchWorkbook();
    const policy = getPreset("reference")!;
    const operations = createExcelOperations((batch) => SimExcel.run(workbook, batch as never));
    await operations.writePolicy(policy);
    const value = await formulaResult(
      workbook,
      "Marchés",
      "A1",
      '=SPASER.TARGET("env_criterion",2027,SPASER_PARAMETRES)',
    );
    expect(value).toBe(targetFor(policy, "env_criterion", 2027));
  });

  it("shows the function's refusal as an Excel error value", async () => {
    const workbook = workbenchWorkbook();
    expect(await formulaResult(workbook, "Marchés", "A1", '=SPASER.CIBLE("indicateur inconnu"; 2027)')).toBe("#N/A");
    expect(await formulaResult(workbook, "Marchés", "A2", "=SPASER.MONTANT_AVANCE(-5; 24; 5%)")).toBe("#VALUE!");
  });

  it("keeps the last computed value of Excel's own formulas", async () => {
    const workbook = workbenchWorkbook();
    const cell = workbook.sheet("Marchés")!.getCell("C1");
    cell.value = { formula: "SUM(A1:A3)", result: 123 } as never;
    recalculateSpaser(workbook);
    expect((await getValues(workbook, "Marchés", "C1"))[0]?.[0]).toBe(123);
  });
});
