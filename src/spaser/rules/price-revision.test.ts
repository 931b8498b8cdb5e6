import { describe, expect, it } from "vitest";
import { PRICE_REVISION_LABELS, priceRevision } from "./price-revision";
import { anyValue, expectTotal } from "./test-support";

describe("priceRevision", () => {
  it("makes a revision clause mandatory over 3 months with a large share of raw materials (R2112-14)", () => {
    const outcome = priceRevision({ durationMonths: 6, rawMaterialShare: 0.4 });
    expect(outcome.ok && outcome.value).toBe("obligatoire");
    expect(outcome.ok && outcome.basis).toContain("CCP R2112-14");
    expect(priceRevision({ durationMonths: 3, rawMaterialShare: 0.4 })).toMatchObject({ value: "non_requise" });
  });

  it("reads the 'large share' from the local rules", () => {
    expect(
      priceRevision({ durationMonths: 6, rawMaterialShare: 0.4, rules: { rawMaterialShareForMandatoryRevision: 0.5 } }),
    ).toMatchObject({ value: "non_requise" });
  });

  it("recommends revision from 12 months as SPASER guidance (action 19), not as law", () => {
    const outcome = priceRevision({ durationMonths: 12, rawMaterialShare: 0.1 });
    expect(outcome.ok && outcome.value).toBe("recommandee");
    expect(outcome.ok && outcome.basis).toContain("SPASER action 19");
    expect(outcome.ok && outcome.explanation).toContain("non règle du code");
    expect(priceRevision({ durationMonths: 11 })).toMatchObject({ value: "non_requise" });
  });

  it("says R2112-14 was not checked when the raw material share is unknown, and recalls R2112-13", () => {
    const outcome = priceRevision({ durationMonths: 6 });
    expect(outcome.ok && outcome.explanation).toContain("non renseignée");
    expect(outcome.ok && outcome.explanation).toContain("R2112-13");
  });

  it("rejects a share given in percent and a zero duration", () => {
    expect(priceRevision({ durationMonths: 6, rawMaterialShare: 40 })).toMatchObject({
      ok: false,
      field: "rawMaterialShare",
    });
    expect(priceRevision({ durationMonths: 0 })).toMatchObject({ ok: false, field: "durationMonths" });
  });

  it("labels every value in French", () => {
    expect(PRICE_REVISION_LABELS.obligatoire).toContain("obligatoire");
  });

  it("is total: never throws", () => {
    expectTotal(priceRevision, { durationMonths: anyValue, rawMaterialShare: anyValue, rules: anyValue });
  });
});
