import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_LOCAL_RULES, resolveLocalRules, RULE_KEYS } from "./local-rules";
import { validatePolicy } from "./policy";
import { PRESETS } from "./presets";
import type { LocalRules } from "./types";

describe("DEFAULT_LOCAL_RULES", () => {
  it("carries the values written in the SPASER and LEGAL-FACTS", () => {
    expect(DEFAULT_LOCAL_RULES).toMatchObject({
      reservationCapHT: 90_000, // action 11
      insertionStudyThresholdHT: 90_000, // action 8
      trackingBandLowHT: 10_000,
      trackingBandHighHT: 40_000, // action 11
      smallFirmAdvanceRate: 0.3,
      smallFirmMaxEmployees: 50, // action 17
      priceRevisionMinMonths: 12, // action 19
      rawMaterialShareForMandatoryRevision: 0.3,
      defaultInsertionRate: 0.05,
      defaultHourlyCost: 30,
      stateSmeAdvanceMinRate: 0.2,
      essReservationMaxYears: 3,
    });
  });
});

describe("resolveLocalRules", () => {
  it("merges an organisation's partial rules over the defaults", () => {
    const rules = resolveLocalRules({ reservationCapHT: 40_000, stateSmeAdvanceMinRate: 0.3 });
    expect(rules).toMatchObject({
      reservationCapHT: 40_000,
      stateSmeAdvanceMinRate: 0.3,
      insertionStudyThresholdHT: 90_000,
    });
  });

  it("refuses negative, non-numeric or out-of-range values with a French message naming the parameter", () => {
    expect(resolveLocalRules({ reservationCapHT: -1 })).toEqual({ error: expect.stringContaining("reservationCapHT") });
    expect(resolveLocalRules({ defaultHourlyCost: Number.NaN })).toHaveProperty("error");
    expect(resolveLocalRules({ smallFirmAdvanceRate: 30 })).toEqual({ error: expect.stringContaining("entre 0 et 1") });
    expect(resolveLocalRules({ trackingBandLowHT: 50_000 })).toEqual({
      error: expect.stringContaining("tranche suivie"),
    });
    expect(resolveLocalRules("90000")).toHaveProperty("error");
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.anything(), (rules) => void resolveLocalRules(rules)));
  });

  it("refuses a zero cap, threshold, head count or duration, as the policy table does; a zero low band is fine", () => {
    expect(resolveLocalRules({ reservationCapHT: 0 })).toEqual({ error: expect.stringContaining("reservationCapHT") });
    expect(resolveLocalRules({ smallFirmMaxEmployees: 0 })).toHaveProperty("error");
    expect(resolveLocalRules({ smallFirmMaxEmployees: 10.5 })).toHaveProperty("error");
    expect(resolveLocalRules({ defaultHourlyCost: 0 })).toHaveProperty("error");
    expect(resolveLocalRules({ trackingBandLowHT: 0 })).toMatchObject({ trackingBandLowHT: 0 });
    expect(resolveLocalRules({ smallFirmAdvanceRate: 0 })).toMatchObject({ smallFirmAdvanceRate: 0 });
  });
});

describe("one check for local rules: resolveLocalRules and validatePolicy agree", () => {
  const ruleValue = fc.oneof(
    fc.constantFrom(-1, 0, 0.3, 1, 1.5, 10.5, 12, 50, 10_000, 40_000, 90_000, Number.NaN, Number.POSITIVE_INFINITY),
    fc.double(),
    fc.integer({ min: -10, max: 200_000 }),
    fc.string({ maxLength: 3 }),
    fc.constant(null),
  );
  const partialRules = fc.record(
    Object.fromEntries(RULE_KEYS.map((key) => [key, ruleValue])) as Record<keyof LocalRules, typeof ruleValue>,
    { requiredKeys: [] },
  );

  it("a rules object is refused exactly when the same values in a policy are invalid", () => {
    fc.assert(
      fc.property(partialRules, (partial) => {
        const refused = "error" in resolveLocalRules(partial);
        const policy = { ...PRESETS.reference, rules: { ...DEFAULT_LOCAL_RULES, ...partial } as LocalRules };
        const invalid = validatePolicy(policy).some((error) => error.key.startsWith("regle."));
        expect(refused).toBe(invalid);
      }),
    );
  });
});
