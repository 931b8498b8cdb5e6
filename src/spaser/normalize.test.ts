import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cellsOfRange,
  foldKey,
  foldText,
  isEmptyCell,
  NO_VARIANTS,
  parseAmount,
  parseDate,
  parseNumber,
  parsePercent,
  parseText,
  parseYesNo,
  YES_VARIANTS,
} from "./normalize";

const valueOf = <T>(result: { ok: true; value: T } | { ok: false; message: string } | undefined): T | undefined =>
  result?.ok ? result.value : undefined;

/** Any cell Excel or an xlsx library can hand over, plus oddities. */
const anyCell = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
  fc.constantFrom("", " ", "\u00A0", "1.234", "Total : 1", "-", "12 500,50 €", "31/02/2025", "−3", "1e999"),
  fc.array(fc.integer()),
  fc.object(),
);

describe("parseAmount — amounts of real workbooks", () => {
  it.each([
    ["12 500,50 €", 12500.5],
    ["14 237.50", 14237.5], // Villemomble: space thousands, dot decimals
    ["64 000", 64000], // Villemomble: no decimals
    ["10869,56", 10869.56],
    ["1.234.567,89", 1234567.89],
    ["1\u00A0234\u00A0567,89 €", 1234567.89], // Excel's French format uses NBSP
    ["215\u202F000 € HT", 215000], // narrow NBSP
    ["90000 EUR", 90000],
    ["90 000 € H.T.", 90000],
    ["1 200 € (HT)", 1200],
    ["1,234,567.89", 1234567.89],
    ["0,5", 0.5],
  ])("reads %j as %d", (cell, expected) => {
    expect(parseAmount(cell)).toEqual({ ok: true, value: expected });
  });

  it("passes numbers through", () => {
    expect(parseAmount(1441.99)).toEqual({ ok: true, value: 1441.99 });
  });

  it.each(["Total : 73 243,56", "TOTAL : 117 372,56", "TOTAL: 669 562,66", "Sous-total 12 000"])(
    "refuses the totals row %j",
    (cell) => {
      const result = parseAmount(cell);
      expect(result?.ok).toBe(false);
      expect(result?.ok === false && result.message).toMatch(/ligne de total/);
    },
  );

  it("refuses a cell holding the amounts of two lots", () => {
    expect(parseAmount("Lot 2: 10869,56\nLot 4: 13377,13")?.ok).toBe(false);
  });

  it("refuses the ambiguous 1.234 (1 234 in French, 1.234 in English)", () => {
    const result = parseAmount("1.234");
    expect(result?.ok).toBe(false);
  });

  it("refuses words, badly grouped digits and a city name", () => {
    for (const cell of ["Londres", "12 50", "1 2345", "environ 5000", "5 k€", "NaN", true]) {
      expect(parseAmount(cell)?.ok, String(cell)).toBe(false);
    }
  });

  it("refuses negatives unless the caller allows them (cancellations in a spending export)", () => {
    expect(parseAmount("-1 200,00")?.ok).toBe(false);
    expect(parseAmount(-1200)?.ok).toBe(false);
    expect(parseAmount("-1 200,00", { allowNegative: true })).toEqual({ ok: true, value: -1200 });
    expect(parseAmount("−350,5 €", { allowNegative: true })).toEqual({ ok: true, value: -350.5 });
  });

  it("treats empty and blank cells as missing, not zero", () => {
    for (const cell of [null, undefined, "", " ", "\u00A0 "]) expect(parseAmount(cell)).toBeUndefined();
  });

  it("reads a postal code such as 91 160 as a number: only the column mapping tells it is not an amount", () => {
    expect(valueOf(parseAmount("91 160"))).toBe(91160);
  });

  it("is total: any cell gives undefined, a finite number or a message", () => {
    fc.assert(
      fc.property(anyCell, fc.boolean(), (cell, allowNegative) => {
        const result = parseAmount(cell, { allowNegative });
        if (result === undefined) return isEmptyCell(cell);
        if (result.ok) return Number.isFinite(result.value) && (allowNegative || result.value >= 0);
        return typeof result.message === "string" && result.message.length > 0;
      }),
    );
  });

  it("reads back any amount written in the French style", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (euros, cents) => {
        const text = `${euros.toLocaleString("fr-FR")},${String(cents).padStart(2, "0")} €`;
        expect(parseAmount(text)).toEqual({ ok: true, value: Number(`${euros}.${String(cents).padStart(2, "0")}`) });
      }),
    );
  });
});

describe("parseDate", () => {
  it.each([
    [45658, "2025-01-01"], // Excel serial
    [45658.75, "2025-01-01"], // a time of day does not change the day
    ["26/03/2010", "2010-03-26"],
    ["5/8/2010", "2010-08-05"],
    ["26/03/10", "2010-03-26"],
    ["2024-07-09", "2024-07-09"],
    ["2019-01-15+01:00", "2019-01-15"], // DECP 2019 exports
    ["2024-07-09T00:00:00Z", "2024-07-09"],
    ["21-08-2026", "2026-08-21"],
    ["29/02/2024", "2024-02-29"],
  ])("reads %j as %s", (cell, expected) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: expected });
  });

  it("reads a JS Date as created by xlsx libraries (UTC midnight)", () => {
    expect(valueOf(parseDate(new Date(Date.UTC(2026, 7, 21))))).toBe("2026-08-21");
  });

  it("refuses impossible dates instead of rolling them over", () => {
    for (const cell of ["31/02/2025", "29/02/2025", "2025-13-01", "00/01/2025", "32/01/2025"]) {
      expect(parseDate(cell)?.ok, cell).toBe(false);
    }
  });

  it("refuses text that is not a date", () => {
    for (const cell of ["mars 2025", "2025", "Tranche 1", true, -5, new Date(Number.NaN)]) {
      expect(parseDate(cell)?.ok, String(cell)).toBe(false);
    }
  });

  it("is total and always gives a real ISO date", () => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        const result = parseDate(cell);
        if (result?.ok) return /^\d{4}-\d{2}-\d{2}$/.test(result.value);
        return true;
      }),
    );
  });
});

describe("parseYesNo", () => {
  it.each(["Oui", "OUI", "oui", "O", "Yes", "Y", "X", "x", "1", "true", "TRUE", "Vrai", "✓", " oui ", 1, true])(
    "reads %j as yes",
    (cell) => {
      expect(parseYesNo(cell)).toEqual({ ok: true, value: true });
    },
  );

  it.each(["Non", "NON", "N", "No", "0", "false", "Faux", "-", 0, false])("reads %j as no", (cell) => {
    expect(parseYesNo(cell)).toEqual({ ok: true, value: false });
  });

  it("reads an empty cell as missing, not as no", () => {
    expect(parseYesNo("")).toBeUndefined();
    expect(parseYesNo(null)).toBeUndefined();
    expect(parseYesNo(undefined)).toBeUndefined();
  });

  it("refuses anything else with a message", () => {
    for (const cell of ["peut-être", "Pas de considération sociale", 2, "oui/non"]) {
      const result = parseYesNo(cell);
      expect(result?.ok, String(cell)).toBe(false);
    }
  });

  it("accepts every documented variant", () => {
    for (const v of YES_VARIANTS) expect(valueOf(parseYesNo(v))).toBe(true);
    for (const v of NO_VARIANTS) expect(valueOf(parseYesNo(v))).toBe(false);
  });

  it("is total", () => {
    fc.assert(fc.property(anyCell, (cell) => parseYesNo(cell) === undefined || "ok" in parseYesNo(cell)!));
  });
});

describe("parsePercent", () => {
  it.each([
    [0.3, 0.3],
    ["30 %", 0.3],
    ["30%", 0.3],
    ["0,3", 0.3],
    ["0.3", 0.3],
    ["12,5 %", 0.125],
    ["100 %", 1],
  ])("reads %j as %d", (cell, expected) => {
    expect(parsePercent(cell)).toEqual({ ok: true, value: expected });
  });

  it("refuses words", () => {
    expect(parsePercent("trente pour cent")?.ok).toBe(false);
    expect(parsePercent("%")?.ok).toBe(false);
  });

  it("is total", () => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        const result = parsePercent(cell);
        return result === undefined || !result.ok || Number.isFinite(result.value);
      }),
    );
  });
});

describe("parseNumber and parseText", () => {
  it("strips a unit word", () => {
    expect(parseNumber("12 mois", /mois/g)).toEqual({ ok: true, value: 12 });
  });

  it("trims the trailing spaces of exports and keeps numbers as text", () => {
    expect(parseText("AUCHAN HYPERMARCHE ")).toEqual({ ok: true, value: "AUCHAN HYPERMARCHE" });
    expect(parseText(2025001)).toEqual({ ok: true, value: "2025001" });
    expect(parseText(" ")).toBeUndefined();
  });
});

describe("foldText and foldKey, the folds of every lookup", () => {
  it("foldText ignores case, accents, punctuation and spacing", () => {
    expect(foldText("Appel d'offres ouvert")).toBe(foldText("APPEL D OFFRES  OUVERT"));
    expect(foldText("Seuil européen")).toBe(foldText("seuil_europeen"));
    expect(foldText("  À  Étudier. ")).toBe("a etudier");
    expect(foldText("S/O")).toBe(foldText("s.o."));
  });

  it("foldKey keeps the punctuation that means something, where foldText would merge it", () => {
    expect(foldKey("Priorité . Action")).toBe("priorite.action");
    expect(foldKey("cible.env_criterion")).not.toBe(foldKey("cible.env.criterion"));
    expect(foldKey("✓")).not.toBe(foldKey("-"));
    expect(foldText("✓")).toBe(foldText("-"));
  });
});

describe("cellsOfRange", () => {
  it("reads an Excel range row by row, and a single value as one cell", () => {
    expect(cellsOfRange([["Oui", "Non"], ["X"]])).toEqual(["Oui", "Non", "X"]);
    expect(cellsOfRange(["Oui", "Non"])).toEqual(["Oui", "Non"]);
    expect(cellsOfRange("Oui")).toEqual(["Oui"]);
  });
});
