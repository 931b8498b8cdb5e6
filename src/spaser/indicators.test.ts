import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cellsOfRange, parseYesNo } from "./normalize";
import {
  computeIndicator,
  contractsMissing,
  findIndicator,
  gapToTarget,
  getIndicator,
  INDICATOR_IDS,
  INDICATORS,
  rateOfFlags,
} from "./indicators";
import type { ContractRecord } from "./records";

const value = <T>(outcome: { ok: true; value: T } | { ok: false }): T => {
  if (!outcome.ok) throw new Error("expected a verdict");
  return outcome.value;
};

describe("catalogue", () => {
  it("holds the indicators of the plans", () => {
    for (const id of [
      "env_criterion",
      "env_consideration",
      "insertion_formal",
      "social_consideration",
      "circular_economy",
      "sme_share",
      "env_clause",
      "social_clause",
      "solidarity_value_share",
      "reserved_share",
    ]) {
      expect(INDICATOR_IDS).toContain(id);
    }
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATORS.length);
  });

  it("measures each on its population", () => {
    expect(getIndicator("insertion_formal").population).toBe("formal");
    expect(getIndicator("circular_economy").population).toBe("targeted");
    expect(getIndicator("sme_share").population).toBe("targeted");
    expect(getIndicator("solidarity_value_share").measure).toBe("value");
  });

  it.each([
    ["Critère environnemental", "env_criterion"],
    ["CRITERE ENVIRONNEMENTAL", "env_criterion"],
    ["env_criterion", "env_criterion"],
    ["Environmental criterion", "env_criterion"],
    ["clauses sociales", "social_clause"],
    ["TPE/PME", "sme_share"],
    ["% TPE-PME", "sme_share"],
    ["Taux de clauses environnementales", "env_clause"],
    ["économie circulaire", "circular_economy"],
    ["Clause d'insertion en procédure formalisée", "insertion_formal"],
  ])("finds %j", (text, id) => {
    expect(findIndicator(text)?.id).toBe(id);
  });

  it("does not guess", () => {
    expect(findIndicator("constructor")).toBeUndefined();
    expect(findIndicator("clause")).toBeUndefined();
  });
});

describe("computeIndicator", () => {
  const contract = (flags: ContractRecord["flags"], extra: Partial<ContractRecord> = {}): ContractRecord => ({
    ...extra,
    flags,
  });

  it("counts missing flags apart, never as no", () => {
    const records = [
      contract({ envCriterion: true }),
      contract({ envCriterion: false }),
      contract({ envCriterion: true }),
      contract({}),
      contract({}),
    ];
    const result = computeIndicator(getIndicator("env_criterion"), records);
    expect(result).toMatchObject({ numerator: 2, denominator: 3, missing: 2 });
    expect(result.rate).toBeCloseTo(2 / 3);
  });

  it("measures the insertion clause on formal procedures only", () => {
    const records = [
      contract({ insertionClause: true }, { procedure: "formalisee" }),
      contract({ insertionClause: false }, { procedure: "formalisee" }),
      contract({ insertionClause: false }, { procedure: "mapa" }),
      contract({ insertionClause: true }), // procedure unknown
    ];
    const result = computeIndicator(getIndicator("insertion_formal"), records);
    expect(result).toMatchObject({ numerator: 1, denominator: 2, missing: 0, unknownPopulation: 1, rate: 0.5 });
  });

  it("measures circular economy among targeted contracts", () => {
    const records = [
      contract({ targeted: true, circularEconomy: true }),
      contract({ targeted: true, circularEconomy: false }),
      contract({ targeted: true }),
      contract({ targeted: false, circularEconomy: false }),
    ];
    expect(computeIndicator(getIndicator("circular_economy"), records)).toMatchObject({
      numerator: 1,
      denominator: 2,
      missing: 1,
    });
  });

  it("measures the solidarity share in value: 5 000 of 100 000 € is 5 %", () => {
    const records = [
      contract({ solidaritySupplier: true }, { amountHT: 5_000 }),
      contract({ solidaritySupplier: false }, { amountHT: 95_000 }),
      contract({ solidaritySupplier: true }), // no amount: cannot weigh it
    ];
    expect(computeIndicator(getIndicator("solidarity_value_share"), records)).toEqual({
      numerator: 5_000,
      denominator: 100_000,
      missing: 1,
      unknownPopulation: 0,
      rate: 0.05,
    });
  });

  it("has no rate when nothing is known", () => {
    expect(computeIndicator(getIndicator("env_clause"), [contract({})]).rate).toBeUndefined();
  });
});

describe("rateOfFlags (RATE)", () => {
  it("takes the share of yes among non-empty rows", () => {
    const result = value(rateOfFlags(["Oui", "Non", "", "oui", null, "X"]));
    expect(result).toMatchObject({ yes: 3, denominator: 4, missing: 0, rate: 0.75 });
  });

  it("counts only targeted rows when a second range is given, empty flags there being missing", () => {
    const flags = ["Oui", "Non", "", "Oui", "Oui"];
    const targeted = ["Oui", "Oui", "Oui", "Non", ""];
    expect(value(rateOfFlags(flags, targeted))).toMatchObject({ yes: 1, denominator: 2, missing: 1, rate: 0.5 });
  });

  it("reports unreadable cells and counts them as missing", () => {
    const result = value(rateOfFlags([["Oui"], ["peut-être"], ["Non"]]));
    expect(result).toMatchObject({ yes: 1, denominator: 2, missing: 1 });
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]?.index).toBe(1);
  });

  it("refuses ranges of different sizes", () => {
    expect(rateOfFlags(["Oui", "Non"], ["Oui"]).ok).toBe(false);
  });

  it("counts a range as Excel hands it (rows of cells, holes included) as the cell parser reads each cell", () => {
    const cell = fc.oneof(
      fc.constantFrom("Oui", "Non", "", null, undefined, "X", "non ", "peut-être", true, false, 1, 0, 2, "VRAI"),
      fc.string({ maxLength: 3 }),
    );
    const row = fc.array(cell, { maxLength: 4 }).map((cells) => {
      const holed = [...cells];
      if (holed.length > 2) delete holed[1]; // a sparse row: its hole is no cell
      return holed;
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        let [yes, denominator, missing] = [0, 0, 0];
        const invalid: number[] = [];
        cellsOfRange(rows).forEach((cell, index) => {
          const flag = parseYesNo(cell);
          if (flag === undefined) return;
          if (!flag.ok) {
            invalid.push(index);
            missing += 1;
            return;
          }
          denominator += 1;
          if (flag.value) yes += 1;
        });
        const outcome = rateOfFlags(rows);
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect([outcome.value.yes, outcome.value.denominator, outcome.value.missing]).toEqual([
          yes,
          denominator,
          missing,
        ]);
        expect(outcome.value.invalid.map((c) => c.index)).toEqual(invalid);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never throws", () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()));
    fc.assert(
      fc.property(fc.array(cell), fc.option(fc.array(cell), { nil: undefined }), (flags, targeted) => {
        const outcome = rateOfFlags(flags, targeted);
        return !outcome.ok || outcome.value.rate === undefined || (outcome.value.rate >= 0 && outcome.value.rate <= 1);
      }),
    );
  });
});

describe("gap to target and contracts missing", () => {
  it("7 of 20 with a 70 % target: 35 points behind, 7 contracts missing", () => {
    expect(value(gapToTarget(7 / 20, 0.7))).toBe(35);
    expect(value(contractsMissing(7, 20, 0.7))).toBe(7);
  });

  it("rounds the number of contracts up: 3 of 10 towards 55 % needs 3 (6 of 10), not 2.5", () => {
    expect(value(contractsMissing(3, 10, 0.55))).toBe(3);
  });

  it("is negative ahead of the target and needs no contract", () => {
    expect(value(gapToTarget(0.8, 0.7))).toBe(-10);
    expect(value(contractsMissing(16, 20, 0.7))).toBe(0);
  });

  it("does not overshoot because of float noise: 7 of 100 towards 7 %", () => {
    expect(value(contractsMissing(0, 100, 0.07))).toBe(7);
    expect(value(contractsMissing(7, 100, 0.07))).toBe(0);
  });

  it("refuses impossible inputs", () => {
    expect(gapToTarget(0.5, 70).ok).toBe(false);
    expect(contractsMissing(21, 20, 0.7).ok).toBe(false);
    expect(contractsMissing(1.5, 20, 0.7).ok).toBe(false);
  });

  it("gives the smallest n that reaches the target, never more than the contracts left", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        (a, b, pct) => {
          const denominator = Math.max(a, b);
          const numerator = Math.min(a, b);
          const target = pct / 100;
          const n = value(contractsMissing(numerator, denominator, target));
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(denominator - numerator);
          if (denominator > 0) {
            // (numerator + n) / d reaches the target (in whole percentages, to stay clear of float noise) …
            expect((numerator + n) * 100).toBeGreaterThanOrEqual(pct * denominator);
            // … and n − 1 would not.
            if (n > 0) expect((numerator + n - 1) * 100).toBeLessThan(pct * denominator);
          }
        },
      ),
    );
  });
});
