import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DOC_PATH, renderFunctionsDoc } from "../../scripts/functions-doc";
import { loadExcelFunctions, type ExcelFunctions } from "../../test/support/excel-functions";
import { FUNCTION_DOCS } from "./examples";

let excel: ExcelFunctions;
beforeAll(async () => {
  excel = await loadExcelFunctions();
}, 60_000);

describe("documented examples (docs/functions.md)", () => {
  it("every function is documented with its legal basis and at least one example or usage", () => {
    for (const fn of excel.metadata) {
      const doc = FUNCTION_DOCS[fn.id];
      expect(doc?.basis, fn.id).toBeTruthy();
      expect((doc?.examples.length ?? 0) > 0 || Boolean(doc?.usage), fn.id).toBe(true);
    }
  });

  it("every example gives the documented result when Excel calls the function", () => {
    for (const [id, doc] of Object.entries(FUNCTION_DOCS)) {
      for (const example of doc.examples) {
        const actual = excel.call(id, ...example.args);
        const expected = example.result;
        if (typeof expected === "string" && expected.endsWith("…")) {
          expect(actual, example.formula).toEqual(
            expect.stringMatching(`^${expected.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
          );
        } else if (typeof expected === "number" && !Number.isInteger(expected)) {
          expect(actual as number, example.formula).toBeCloseTo(expected, 4);
        } else {
          expect(actual, example.formula).toEqual(expected);
        }
      }
    }
  });

  it("the committed reference page is up to date (regenerate: npx tsx scripts/functions-doc.ts)", async () => {
    expect(readFileSync(DOC_PATH, "utf8")).toBe(await renderFunctionsDoc());
  });
});
