import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_LOCAL_RULES, resolveLocalRules } from "./local-rules";

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
});
