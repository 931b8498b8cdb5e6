import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { insertionHours, insertionStudy, labourSegment, LABOUR_SEGMENTS } from "./insertion";
import { anyValue, expectTotal } from "./test-support";

describe("insertionStudy", () => {
  const supplies = (amountHT: number, launchDate = "2026-09-01") =>
    insertionStudy({ amountHT, launchDate, buyerKind: "collectivite", nature: "fournitures" });

  it("does not make the social consideration mandatory for 150 000 € of supplies of a local authority in September 2026 (EU threshold 216 000 €)", () => {
    const outcome = supplies(150_000);
    expect(outcome.ok && outcome.value).toBe("a_etudier");
    expect(outcome.ok && outcome.explanation).toContain("216 000");
  });

  it("makes it mandatory for 230 000 € of supplies launched after 2026-08-21, and names the exceptions", () => {
    const outcome = supplies(230_000);
    expect(outcome.ok && outcome.value).toBe("obligatoire");
    expect(outcome.ok && outcome.basis).toContain("CCP L2112-2-1");
    expect(outcome.ok && outcome.explanation).toContain("exceptions");
  });

  it("applies L2112-2-1 only to consultations launched from 2026-08-21", () => {
    const outcome = supplies(230_000, "2026-08-20");
    expect(outcome.ok && outcome.value).toBe("a_etudier");
    expect(outcome.ok && outcome.explanation).toContain("avant le 21/08/2026");
    expect(supplies(230_000, "2026-08-21")).toMatchObject({ value: "obligatoire" });
  });

  it("uses the lower central-State threshold for State buyers", () => {
    const outcome = insertionStudy({
      amountHT: 141_000,
      launchDate: "2026-09-01",
      buyerKind: "etat",
      nature: "services",
    });
    expect(outcome.ok && outcome.value).toBe("obligatoire");
  });

  it("excludes defence contracts", () => {
    const outcome = insertionStudy({
      amountHT: 900_000,
      launchDate: "2026-09-01",
      buyerKind: "etat",
      nature: "services",
      defence: true,
    });
    expect(outcome.ok && outcome.value).toBe("a_etudier");
    expect(outcome.ok && outcome.explanation).toContain("défense");
  });

  it("follows SPASER action 8 below the EU threshold: study above 90 000 €, optional otherwise", () => {
    expect(supplies(90_000)).toMatchObject({ value: "facultative" });
    expect(supplies(90_001)).toMatchObject({ value: "a_etudier" });
    expect(insertionStudy({ amountHT: 95_000, rules: { insertionStudyThresholdHT: 100_000 } })).toMatchObject({
      value: "facultative",
    });
  });

  it("says when the obligation depends on the buyer kind or the nature, and decides when it does not", () => {
    const depends = insertionStudy({ amountHT: 300_000, launchDate: "2026-09-01" });
    expect(depends.ok && depends.value).toBe("a_etudier");
    expect(depends.ok && depends.explanation).toContain("précisez");
    expect(insertionStudy({ amountHT: 6_000_000, launchDate: "2026-09-01" })).toMatchObject({ value: "obligatoire" });
  });

  it("says the obligation was not checked without a launch date", () => {
    const outcome = insertionStudy({ amountHT: 300_000 });
    expect(outcome.ok && outcome.explanation).toContain("non renseignée");
  });

  it("rejects bad input with the field name", () => {
    expect(insertionStudy({ amountHT: -1 })).toMatchObject({ ok: false, field: "amountHT" });
    expect(insertionStudy({ amountHT: 1, launchDate: "2018-12-01" })).toMatchObject({ ok: false, field: "launchDate" });
    expect(insertionStudy({ amountHT: 1, nature: "logiciel" as never })).toMatchObject({ ok: false, field: "nature" });
  });

  it("is total: never throws", () => {
    expectTotal(insertionStudy, {
      amountHT: anyValue,
      launchDate: anyValue,
      buyerKind: anyValue,
      nature: anyValue,
      defence: anyValue,
      rules: anyValue,
    });
  });
});

describe("insertionHours", () => {
  it("sizes 1 000 000 € of works at 50 % labour, 5 % insertion and 30 €/h to about 833 hours", () => {
    const outcome = insertionHours({ amountHT: 1_000_000, labourShare: 0.5 });
    expect(outcome.ok && outcome.value).toBe(833);
    expect(outcome.ok && outcome.explanation).toContain("833");
  });

  it("uses the rate and the hourly cost given", () => {
    // 200 000 × 0.7 × 0.1 ÷ 25 = 560
    expect(insertionHours({ amountHT: 200_000, labourShare: 0.7, insertionRate: 0.1, hourlyCost: 25 })).toMatchObject({
      value: 560,
    });
  });

  it("takes the labour share of a segment: interior painting 70 %", () => {
    // 100 000 × 0.7 × 0.05 ÷ 30 = 116.7
    expect(insertionHours({ amountHT: 100_000, segment: "Peinture intérieure" })).toMatchObject({ value: 117 });
  });

  it("applies the Inserpropre coefficient 25 to cleaning and warns below 150 hours", () => {
    // coefficient 25: 100 000 × 5 % ÷ 25 = 200 h
    expect(insertionHours({ amountHT: 100_000, segment: "nettoyage" })).toMatchObject({ value: 200 });
    const small = insertionHours({ amountHT: 50_000, segment: "propreté" });
    expect(small.ok && small.value).toBe(100);
    expect(small.ok && small.explanation).toContain("150 h");
  });

  it("refuses shares outside 0–1 (50 must be typed 50 % or 0,5)", () => {
    expect(insertionHours({ amountHT: 1_000, labourShare: 1.5 })).toMatchObject({ ok: false, field: "labourShare" });
    expect(insertionHours({ amountHT: 1_000, labourShare: 50 })).toMatchObject({ ok: false, field: "labourShare" });
    expect(insertionHours({ amountHT: 1_000, labourShare: 0.5, insertionRate: 5 })).toMatchObject({
      ok: false,
      field: "insertionRate",
    });
    expect(insertionHours({ amountHT: 1_000, labourShare: 0.5, hourlyCost: 0 })).toMatchObject({
      ok: false,
      field: "hourlyCost",
    });
    expect(insertionHours({ amountHT: 1_000 })).toMatchObject({ ok: false, field: "labourShare" });
  });

  it("is total: never throws", () => {
    expectTotal(insertionHours, {
      amountHT: anyValue,
      labourShare: anyValue,
      segment: anyValue,
      insertionRate: anyValue,
      hourlyCost: anyValue,
      rules: anyValue,
    });
  });
});

describe("labourSegment", () => {
  it("finds segments by id or label, without case or accents", () => {
    expect(labourSegment("MAÇONNERIE")).toMatchObject({ ok: true, value: { labourShare: 0.5 } });
    expect(labourSegment("charpente métallique")).toMatchObject({ ok: true, value: { labourShare: 0.2 } });
    expect(labourSegment("plomberie")).toMatchObject({ ok: false, field: "segment" });
  });

  it("keeps every segment share a fraction", () => {
    for (const segment of LABOUR_SEGMENTS) {
      expect(segment.labourShare).toBeGreaterThan(0);
      expect(segment.labourShare).toBeLessThanOrEqual(1);
    }
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.anything(), (segment) => void labourSegment(segment as string)));
  });
});

describe("insertionHours on absurd inputs", () => {
  it("refuses an hourly cost so small the hours overflow, instead of answering Infinity", () => {
    const outcome = insertionHours({ amountHT: 1, labourShare: 0.3, hourlyCost: 5e-324 });
    expect(outcome).toMatchObject({ ok: false, field: "hourlyCost" });
  });
});
