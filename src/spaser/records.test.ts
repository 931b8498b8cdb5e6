import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FLAG_NAMES, normaliseRecord, parseCpv, parseNature, parseProcedure, RECORD_FIELDS } from "./records";

describe("parseProcedure", () => {
  it.each([
    ["Procédure adaptée", "mapa"],
    ["MAPA", "mapa"],
    ["Marché à procédure adaptée", "mapa"],
    ["Appel d'offres ouvert", "formalisee"],
    ["Appel d offres ouvert", "formalisee"], // DECP 2019 export lost the apostrophe
    ["AOO", "formalisee"],
    ["Appel d'offres restreint", "formalisee"],
    ["Procédure avec négociation", "formalisee"],
    ["Procédure concurrentielle avec négociation", "formalisee"],
    ["Dialogue compétitif", "formalisee"],
    ["Marché passé sans publicité ni mise en concurrence préalable", "sans_publicite"],
    // "négocié" must not make it a formal procedure:
    ["Marché négocié sans publicité ni mise en concurrence préalable", "sans_publicite"],
    ["Concours", "autre"],
  ])("classes %j as %s", (label, kind) => {
    expect(parseProcedure(label)).toEqual({ ok: true, value: kind });
  });

  it("refuses an unknown label so that a typo is seen", () => {
    expect(parseProcedure("Procédure inconnue")?.ok).toBe(false);
    expect(parseProcedure("")).toBeUndefined();
  });
});

describe("parseNature and parseCpv", () => {
  it("reads the headings of the Villemomble list", () => {
    expect(parseNature("SERVICES")).toEqual({ ok: true, value: "services" });
    expect(parseNature("FOURNITURE")).toEqual({ ok: true, value: "fournitures" });
    expect(parseNature("Travaux")).toEqual({ ok: true, value: "travaux" });
    expect(parseNature("Accord-cadre")?.ok).toBe(false); // DECP "nature" is the contract form, not this
  });

  it("restores the leading zero a numeric CPV lost", () => {
    expect(parseCpv(3000000)).toEqual({ ok: true, value: "03000000" });
    expect(parseCpv("45210000-2")).toEqual({ ok: true, value: "45210000-2" });
    expect(parseCpv("4521")?.ok).toBe(false);
  });
});

describe("normaliseRecord", () => {
  it("normalises a messy Villemomble row", () => {
    const { record, problems } = normaliseRecord({
      object: "Audit DSP Marchés Forains ",
      notificationDate: "26/03/2010",
      supplier: "COLLECTIVITES CONSEILS",
      amountHT: "14 237.50",
      nature: "SERVICES",
      procedure: "MAPA",
      envCriterion: "Oui",
      socialClause: "non",
      smeSupplier: "",
    });
    expect(problems).toEqual([]);
    expect(record).toEqual({
      object: "Audit DSP Marchés Forains",
      notificationDate: "2010-03-26",
      supplier: "COLLECTIVITES CONSEILS",
      amountHT: 14237.5,
      nature: "services",
      procedure: "mapa",
      flags: { envCriterion: true, socialClause: false },
    });
    expect(record.flags.smeSupplier).toBeUndefined(); // empty is missing, not "no"
  });

  it("lists every unreadable cell and leaves it out of the record", () => {
    const { record, problems } = normaliseRecord({
      amountHT: "Total : 73 243,56",
      notificationDate: "31/02/2010",
      envClause: "peut-être",
      durationMonths: "12 mois",
    });
    expect(problems.map((p) => p.field)).toEqual(["amountHT", "notificationDate", "envClause"]);
    expect(problems[0]?.message).toMatch(/^Montant HT : .*ligne de total/);
    expect(record.amountHT).toBeUndefined();
    expect(record.flags.envClause).toBeUndefined();
    expect(record.durationMonths).toBe(12);
  });

  it("refuses a negative contract amount", () => {
    expect(normaliseRecord({ amountHT: -500 }).problems).toHaveLength(1);
  });

  it("exposes every mappable field, flags included", () => {
    for (const flag of FLAG_NAMES) expect(RECORD_FIELDS).toContain(flag);
    expect(RECORD_FIELDS).toContain("amountHT");
  });

  it("never throws, whatever the cells", () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.date(), fc.object());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...RECORD_FIELDS), cell), (raw) => {
        const { record, problems } = normaliseRecord(raw);
        return typeof record.flags === "object" && Array.isArray(problems);
      }),
    );
  });
});
