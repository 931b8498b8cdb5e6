import { describe, expect, it } from "vitest";
import { advanceAmount, advanceRate, advanceRequirement } from "./advance";
import { anyValue, expectTotal } from "./test-support";

describe("advanceRequirement (R2191-3)", () => {
  it("is mandatory above 50 000 € HT and 2 months, both strictly", () => {
    expect(advanceRequirement({ amountHT: 60_000, durationMonths: 3 })).toMatchObject({ value: true });
    expect(advanceRequirement({ amountHT: 50_000, durationMonths: 6 })).toMatchObject({ value: false });
    expect(advanceRequirement({ amountHT: 60_000, durationMonths: 2 })).toMatchObject({ value: false });
  });

  it("looks at the minimum of a framework with purchase orders, or else at each order", () => {
    expect(
      advanceRequirement({ amountHT: 500_000, durationMonths: 24, isFrameworkWithOrders: true, minOrderHT: 60_000 }),
    ).toMatchObject({ value: true });
    const noMinimum = advanceRequirement({ amountHT: 500_000, durationMonths: 24, isFrameworkWithOrders: true });
    expect(noMinimum.ok && noMinimum.value).toBe(false);
    expect(noMinimum.ok && noMinimum.explanation).toContain("chaque bon de commande");
  });

  it("rejects a zero duration and a negative minimum", () => {
    expect(advanceRequirement({ amountHT: 60_000, durationMonths: 0 })).toMatchObject({
      ok: false,
      field: "durationMonths",
    });
    expect(
      advanceRequirement({ amountHT: 60_000, durationMonths: 6, isFrameworkWithOrders: true, minOrderHT: -1 }),
    ).toMatchObject({ ok: false, field: "minOrderHT" });
  });

  it("is total: never throws", () => {
    expectTotal(advanceRequirement, {
      amountHT: anyValue,
      durationMonths: anyValue,
      isFrameworkWithOrders: anyValue,
      minOrderHT: anyValue,
    });
  });
});

describe("advanceRate", () => {
  const base = { amountHT: 100_000, durationMonths: 6, asOf: "2026-09-01" } as const;

  it("is 0 when the avance is not due", () => {
    const outcome = advanceRate({ ...base, amountHT: 40_000, isSme: true, employees: 10 });
    expect(outcome.ok && outcome.value).toBe(0);
  });

  it("grants the SPASER 30 % to a firm under 50 employees below the EU threshold, as policy", () => {
    const outcome = advanceRate({ ...base, isSme: true, employees: 20, buyerKind: "collectivite" });
    expect(outcome.ok && outcome.value).toBe(0.3);
    expect(outcome.ok && outcome.explanation).toContain("politique locale");
    expect(outcome.ok && outcome.basis).toContain("SPASER action 17");
  });

  it("checks the EU threshold in force at the date: 218 000 € is under 221 000 € in 2025, over 216 000 € in 2026", () => {
    const small = {
      amountHT: 218_000,
      durationMonths: 6,
      isSme: true,
      employees: 20,
      buyerKind: "collectivite",
    } as const;
    expect(advanceRate({ ...small, asOf: "2025-06-01" })).toMatchObject({ value: 0.3 });
    expect(advanceRate({ ...small, asOf: "2026-06-01" })).toMatchObject({ value: 0.05 });
  });

  it("applies the legal SME minimum of the buyer kind", () => {
    expect(advanceRate({ ...base, isSme: true, employees: 100, buyerKind: "etat" })).toMatchObject({ value: 0.2 });
    expect(advanceRate({ ...base, isSme: true, employees: 100, buyerKind: "etablissement_etat" })).toMatchObject({
      value: 0.1,
    });
    expect(advanceRate({ ...base, isSme: true, employees: 100, buyerKind: "collectivite_60m" })).toMatchObject({
      value: 0.1,
    });
    expect(advanceRate({ ...base, isSme: true, employees: 100, buyerKind: "collectivite" })).toMatchObject({
      value: 0.05,
    });
    expect(advanceRate({ ...base, isSme: false, buyerKind: "etat" })).toMatchObject({ value: 0.05 });
  });

  it("takes the uncertain State SME minimum from the local rules", () => {
    expect(
      advanceRate({ ...base, isSme: true, employees: 100, buyerKind: "etat", rules: { stateSmeAdvanceMinRate: 0.3 } }),
    ).toMatchObject({ value: 0.3 });
  });

  it("says the bonus was not checked without the headcount", () => {
    const outcome = advanceRate({ ...base, isSme: true, buyerKind: "collectivite" });
    expect(outcome.ok && outcome.value).toBe(0.05);
    expect(outcome.ok && outcome.explanation).toContain("Effectif non renseigné");
  });

  it("warns that a guarantee may be asked above 30 %", () => {
    const outcome = advanceRate({
      ...base,
      isSme: true,
      employees: 10,
      buyerKind: "collectivite",
      rules: { smallFirmAdvanceRate: 0.4 },
    });
    expect(outcome.ok && outcome.value).toBe(0.4);
    expect(outcome.ok && outcome.explanation).toContain("garantie à première demande peut être exigée");
  });

  it("rejects an SME with 250 employees or more and a missing SME flag", () => {
    expect(advanceRate({ ...base, isSme: true, employees: 300 })).toMatchObject({ ok: false, field: "employees" });
    expect(advanceRate({ ...base } as never)).toMatchObject({ ok: false, field: "isSme" });
  });

  it("is total: never throws", () => {
    expectTotal(advanceRate, {
      amountHT: anyValue,
      durationMonths: anyValue,
      isSme: anyValue,
      employees: anyValue,
      buyerKind: anyValue,
      asOf: anyValue,
      rules: anyValue,
    });
  });
});

describe("advanceAmount (R2191-7)", () => {
  it("takes 12/duration of the TTC amount over 12 months: 120 000 € HT over 24 months at 5 % → 3 600 €", () => {
    const outcome = advanceAmount({ amountHT: 120_000, durationMonths: 24, rate: 0.05 });
    expect(outcome.ok && outcome.value).toBe(3_600);
    expect(outcome.ok && outcome.explanation).toContain("72 000");
  });

  it("takes the whole TTC amount up to 12 months", () => {
    expect(advanceAmount({ amountHT: 120_000, durationMonths: 12, rate: 0.05 })).toMatchObject({ value: 7_200 });
    expect(advanceAmount({ amountHT: 100_000, durationMonths: 6, rate: 0.3, vatRate: 0.1 })).toMatchObject({
      value: 33_000,
    });
  });

  it("rejects a rate above 100 %", () => {
    expect(advanceAmount({ amountHT: 100_000, durationMonths: 6, rate: 5 })).toMatchObject({
      ok: false,
      field: "rate",
    });
  });

  it("is total: never throws", () => {
    expectTotal(advanceAmount, { amountHT: anyValue, durationMonths: anyValue, rate: anyValue, vatRate: anyValue });
  });
});

describe("advanceAmount on absurd inputs", () => {
  it("refuses an amount that overflows once VAT and the 12-month base apply", () => {
    expect(advanceAmount({ amountHT: 1e308, durationMonths: 1e-300, rate: 0.3 })).toMatchObject({ ok: false });
  });
});
