import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  RESERVATION_ADVICE_LABELS,
  reservationAdvice,
  reservationEligibility,
  type ReservationAdvice,
} from "./reserve";
import { anyValue, expectTotal } from "./test-support";

describe("reservationEligibility", () => {
  it("allows a joint reservation to EA/ESAT and SIAE (L2113-14)", () => {
    const outcome = reservationEligibility({ amountHT: 50_000, offerTypes: ["EA", "SIAE"] });
    expect(outcome.ok && outcome.value).toBe(true);
    expect(outcome.ok && outcome.basis).toEqual(
      expect.arrayContaining(["CCP L2113-12", "CCP L2113-13", "CCP L2113-14", "CCP R2113-7"]),
    );
  });

  it("reads offer types in any case", () => {
    const outcome = reservationEligibility({ amountHT: 50_000, offerTypes: ["esat"] });
    expect(outcome.ok && outcome.value).toBe(true);
    expect(outcome.ok && outcome.basis).toContain("CCP L2113-12");
    expect(outcome.ok && outcome.basis).not.toContain("CCP L2113-13");
  });

  it("refuses an ESS reservation for a service that is not social or specific", () => {
    const outcome = reservationEligibility({ amountHT: 50_000, offerTypes: ["ESS"], serviceCategory: "other" });
    expect(outcome.ok && outcome.value).toBe(false);
    expect(outcome.ok && outcome.explanation).toContain("services sociaux et autres services spécifiques");
  });

  it("allows an ESS reservation for social and specific services, for 3 years at most", () => {
    const outcome = reservationEligibility({
      amountHT: 50_000,
      offerTypes: ["ESS"],
      serviceCategory: "social_specific",
    });
    expect(outcome.ok && outcome.value).toBe(true);
    expect(outcome.ok && outcome.basis).toEqual(expect.arrayContaining(["CCP L2113-15", "CCP L2113-16"]));
    expect(outcome.ok && outcome.explanation).toContain("3 ans");
  });

  it("does not confirm an ESS reservation when the service category is not given", () => {
    const outcome = reservationEligibility({ amountHT: 50_000, offerTypes: ["ESS"] });
    expect(outcome.ok && outcome.value).toBe(false);
    expect(outcome.ok && outcome.explanation).toContain("précisez");
  });

  it("keeps a reservation legal above the SPASER cap and says the cap is a local choice", () => {
    const outcome = reservationEligibility({ amountHT: 150_000, offerTypes: ["SIAE"] });
    expect(outcome.ok && outcome.value).toBe(true);
    expect(outcome.ok && outcome.explanation).toContain("aucun plafond");
    expect(outcome.ok && outcome.basis).toContain("SPASER action 11");
  });

  it("uses the organisation's own cap", () => {
    const outcome = reservationEligibility({
      amountHT: 50_000,
      offerTypes: ["SIAE"],
      rules: { reservationCapHT: 40_000 },
    });
    expect(outcome.ok && outcome.explanation).toContain("au-delà du plafond SPASER de 40 000 €");
  });

  it("notes contracts of the tracked 10 000–40 000 € band", () => {
    const tracked = reservationEligibility({ amountHT: 25_000, offerTypes: ["SIAE"] });
    const untracked = reservationEligibility({ amountHT: 60_000, offerTypes: ["SIAE"] });
    expect(tracked.ok && tracked.explanation).toContain("tranche suivie");
    expect(untracked.ok && untracked.explanation).not.toContain("tranche suivie");
  });

  it("refuses without any inclusive offer", () => {
    const outcome = reservationEligibility({ amountHT: 25_000, offerTypes: [] });
    expect(outcome.ok && outcome.value).toBe(false);
  });

  it("rejects unknown offer types, bad amounts and old dates", () => {
    expect(reservationEligibility({ amountHT: 25_000, offerTypes: ["PME"] })).toMatchObject({
      ok: false,
      field: "offerTypes",
    });
    expect(reservationEligibility({ amountHT: -5, offerTypes: ["EA"] })).toMatchObject({
      ok: false,
      field: "amountHT",
    });
    expect(reservationEligibility({ amountHT: Number.NaN, offerTypes: ["EA"] })).toMatchObject({
      ok: false,
      field: "amountHT",
    });
    expect(reservationEligibility({ amountHT: 1, offerTypes: ["EA"], asOf: "2018-06-01" })).toMatchObject({
      ok: false,
      field: "asOf",
    });
  });

  it("is total: never throws", () => {
    expectTotal(reservationEligibility, {
      amountHT: anyValue,
      offerTypes: fc.oneof(anyValue, fc.array(anyValue)),
      serviceCategory: anyValue,
      asOf: anyValue,
      rules: anyValue,
    });
  });
});

describe("reservationAdvice (potentiel inclusif)", () => {
  const advise = (inclusiveSuppliers: number, avgSupplierTurnover?: number): ReservationAdvice | undefined => {
    const outcome = reservationAdvice({ amountHT: 100_000, inclusiveSuppliers, avgSupplierTurnover });
    return outcome.ok ? outcome.value : undefined;
  };

  it("advises a full reservation with more than 30 suppliers and a weight under 30 %", () => {
    expect(advise(31, 1_000_000)).toBe("reservation_totale");
    expect(advise(30, 1_000_000)).toBe("lot_reserve");
  });

  it("advises a reserved lot when the buyer would weigh 30 % or more of the suppliers' turnover", () => {
    expect(advise(40, 300_000)).toBe("lot_reserve");
  });

  it("never advises a full reservation without the suppliers' turnover, and says what is missing", () => {
    const outcome = reservationAdvice({ amountHT: 100_000, inclusiveSuppliers: 40 });
    expect(outcome.ok && outcome.value).toBe("lot_reserve");
    expect(outcome.ok && outcome.explanation).toContain("chiffre d'affaires moyen");
  });

  it("steps down to a clause, a criterion, or nothing as the inclusive offer shrinks", () => {
    expect(advise(11)).toBe("lot_reserve");
    expect(advise(10)).toBe("clause_sociale");
    expect(advise(2)).toBe("clause_sociale");
    expect(advise(1)).toBe("critere_social");
    expect(advise(0)).toBe("aucun");
  });

  it("has a French label for every advice", () => {
    expect(RESERVATION_ADVICE_LABELS.lot_reserve).toBe("Lot réservé");
    expect(Object.keys(RESERVATION_ADVICE_LABELS)).toHaveLength(5);
  });

  it("rejects a fractional supplier count, a zero turnover and unknown offer types", () => {
    expect(reservationAdvice({ amountHT: 1, inclusiveSuppliers: 2.5 })).toMatchObject({
      ok: false,
      field: "inclusiveSuppliers",
    });
    expect(reservationAdvice({ amountHT: 1, inclusiveSuppliers: 2, avgSupplierTurnover: 0 })).toMatchObject({
      ok: false,
      field: "avgSupplierTurnover",
    });
    expect(reservationAdvice({ amountHT: 1, inclusiveSuppliers: 2, offerTypes: ["XYZ"] })).toMatchObject({
      ok: false,
      field: "offerTypes",
    });
  });

  it("is total: never throws", () => {
    expectTotal(reservationAdvice, {
      amountHT: anyValue,
      inclusiveSuppliers: fc.oneof(anyValue, fc.nat()),
      avgSupplierTurnover: anyValue,
      offerTypes: fc.oneof(anyValue, fc.array(anyValue)),
      rules: anyValue,
    });
  });
});
