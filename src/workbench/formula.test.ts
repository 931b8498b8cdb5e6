import { describe, expect, it } from "vitest";
import { evaluateFormula, parseSpaserFormula, spaserFunctionName, type FormulaContext, type Matrix } from "./formula";

/** A tiny workbook: "Feuil1" and "Paramètres 2027", cells by address, one defined name. */
const CELLS: Record<string, Matrix> = {
  "Feuil1!A1": [[10]],
  "Feuil1!B2:B4": [["Oui"], ["Non"], [""]],
  "Paramètres 2027!A1:B2": [
    ["cle", "valeur"],
    ["plafond", 90_000],
  ],
};

/** Records what each function received, and answers like the real ones would. */
function fakeContext(calls: unknown[][] = []): FormulaContext {
  return {
    range: (sheet, address) => CELLS[`${sheet ?? "Feuil1"}!${address.replace(/\$/g, "")}`],
    name: (name) => (name.toUpperCase() === "SPASER_PARAMETRES" ? CELLS["Paramètres 2027!A1:B2"] : undefined),
    spaserFunction: (name) => {
      if (name === "ECHO" || name === "ECHO_FR")
        return {
          id: "ECHO",
          parameters: [{ dimensionality: "scalar" }, { dimensionality: "matrix" }, { dimensionality: "scalar" }],
          invoke: (...args) => {
            calls.push(args);
            return args[0] ?? "rien";
          },
        };
      if (name === "FAIL")
        return {
          id: "FAIL",
          parameters: [],
          invoke: () => {
            throw Object.assign(new Error("Montant négatif."), { code: "#N/A" });
          },
        };
      if (name === "SPILL") return { id: "SPILL", parameters: [], invoke: () => [[46_000, 46_300, 46_400]] };
      return undefined;
    },
  };
}

describe("parseSpaserFormula", () => {
  it("recognises SPASER calls and nothing else", () => {
    expect(parseSpaserFormula("=SPASER.POTENTIAL(A1:K1,SPASER_PARAMETRES)")?.kind).toBe("call");
    expect(parseSpaserFormula("=spaser.taux(B2:B4)")?.kind).toBe("call");
    expect(parseSpaserFormula("=_xldudf_SPASER_RATE(B2:B4)")?.kind).toBe("call");
    // Excel's own functions, operators and structured references stay Excel's business.
    expect(parseSpaserFormula("=SUM(A1:A3)")).toBeUndefined();
    expect(parseSpaserFormula("=SPASER.RATE(B2:B4)*100")).toBeUndefined();
    expect(parseSpaserFormula('=SPASER.TARGET("x",YEAR(TODAY()))')).toBeUndefined();
    expect(parseSpaserFormula("=SPASER.RATE(Programmation[Clause sociale])")).toBeUndefined();
    expect(parseSpaserFormula("=A1")).toBeUndefined();
    expect(parseSpaserFormula('="SPASER.RATE(A1)"')).toBeUndefined();
  });

  it("reads literals, references and names as arguments", () => {
    expect(
      parseSpaserFormula(
        `=SPASER.X(-1.5E3, 30%, "dit ""oui""", VRAI, FALSE, , 'It''s here'!$A$1:B2, Feuil2!C:C, 4:5, NOM_1)`,
      ),
    ).toEqual({
      kind: "call",
      name: "X",
      args: [
        { kind: "number", value: -1500 },
        { kind: "number", value: 0.3 },
        { kind: "string", value: 'dit "oui"' },
        { kind: "boolean", value: true },
        { kind: "boolean", value: false },
        { kind: "missing" },
        { kind: "reference", sheet: "It's here", address: "$A$1:B2" },
        { kind: "reference", sheet: "Feuil2", address: "C:C" },
        { kind: "reference", address: "4:5" },
        { kind: "name", name: "NOM_1" },
      ],
    });
  });

  it("takes the French list separator some tools write", () => {
    expect(parseSpaserFormula('=SPASER.CIBLE("env_criterion"; 2025)')).toEqual({
      kind: "call",
      name: "CIBLE",
      args: [
        { kind: "string", value: "env_criterion" },
        { kind: "number", value: 2025 },
      ],
    });
  });

  it("extracts the function name after the namespace", () => {
    expect(spaserFunctionName("SPASER.POTENTIEL")).toBe("POTENTIEL");
    expect(spaserFunctionName("_xll.SPASER.RATE")).toBe("RATE");
    expect(spaserFunctionName("CONTOSO.ADD")).toBeUndefined();
  });
});

describe("evaluateFormula", () => {
  it("passes every declared parameter, null for the omitted ones, ranges as 2-D arrays", () => {
    const calls: unknown[][] = [];
    expect(evaluateFormula("=SPASER.ECHO(A1)", fakeContext(calls))).toBe(10);
    expect(calls[0]).toEqual([10, null, null]);
    evaluateFormula('=SPASER.ECHO(1, B2:B4, "x")', fakeContext(calls));
    expect(calls[1]).toEqual([1, [["Oui"], ["Non"], [""]], "x"]);
  });

  it("wraps a single value given to a matrix parameter, as Excel does", () => {
    const calls: unknown[][] = [];
    evaluateFormula('=SPASER.ECHO(, "SIAE")', fakeContext(calls));
    expect(calls[0]).toEqual([null, [["SIAE"]], null]);
  });

  it("resolves sheet-qualified references and defined names", () => {
    const calls: unknown[][] = [];
    evaluateFormula("=SPASER.ECHO(2, 'Paramètres 2027'!$A$1:$B$2)", fakeContext(calls));
    evaluateFormula("=SPASER.ECHO(3, spaser_parametres)", fakeContext(calls));
    expect(calls[0]?.[1]).toEqual(CELLS["Paramètres 2027!A1:B2"]);
    expect(calls[1]?.[1]).toEqual(CELLS["Paramètres 2027!A1:B2"]);
  });

  it("evaluates nested SPASER calls", () => {
    expect(evaluateFormula("=SPASER.ECHO(SPASER.ECHO(7))", fakeContext())).toBe(7);
  });

  it("gives Excel's error values for what Excel would refuse", () => {
    expect(evaluateFormula("=SPASER.NOPE(1)", fakeContext())).toBe("#NAME?");
    expect(evaluateFormula("=SPASER.ECHO(1, INCONNU)", fakeContext())).toBe("#NAME?");
    expect(evaluateFormula("=SPASER.ECHO(1, Absente!A1)", fakeContext())).toBe("#REF!");
    // A multi-cell range for a single-value parameter (no implicit intersection here).
    expect(evaluateFormula("=SPASER.ECHO(B2:B4)", fakeContext())).toBe("#VALUE!");
    expect(evaluateFormula("=SPASER.ECHO(1, 2, 3, 4)", fakeContext())).toBe("#VALUE!");
  });

  it("shows the function's own error code, and the top-left value of an array (no spill)", () => {
    expect(evaluateFormula("=SPASER.FAIL()", fakeContext())).toBe("#N/A");
    expect(evaluateFormula("=SPASER.SPILL()", fakeContext())).toBe(46_000);
  });

  it("leaves anything else to the cached value", () => {
    expect(evaluateFormula("=VLOOKUP(A1,B:C,2,0)", fakeContext())).toBeUndefined();
    expect(evaluateFormula("=SPASER.ECHO(1)+1", fakeContext())).toBeUndefined();
    expect(evaluateFormula('=SPASER.ECHO("non fermé)', fakeContext())).toBeUndefined();
  });
});
