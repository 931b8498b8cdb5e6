import { describe, expect, it } from "vitest";
import { RECORD_FIELDS } from "../spaser/records";
import { DETECTED_FIELD_LABELS, HEADER_VARIANTS, headerKey, matchHeader } from "./headers";

describe("matchHeader: the variants buyers write", () => {
  it.each([
    // Object
    ["Objet", "object"],
    ["Objet du marché", "object"],
    ["OBJET", "object"], // Villemomble 2010
    ["Objet du Marché", "object"], // PLACE export
    ["Libellé", "object"], // Crosne finance software
    ["Intitulé", "object"],
    // Amount
    ["Montant HT", "amountHT"],
    ["Montant € HT", "amountHT"],
    ["MONTANT € HT", "amountHT"], // Villemomble 2010
    ["Montant du marché", "amountHT"],
    ["Montant du marché si renseigné", "amountHT"], // PLACE export
    ["Montant initial", "amountHT"],
    ["Montant H.T.", "amountHT"],
    ["Montant (EUR HT)", "amountHT"],
    // Dates
    ["Date de notification", "notificationDate"],
    ["DATE", "notificationDate"], // Villemomble 2010
    ["Date notification", "notificationDate"],
    ["Date d'attribution", "awardDate"],
    // Supplier
    ["Titulaire", "supplier"],
    ["TITULAIRE", "supplier"],
    ["Attributaire", "supplier"],
    ["Libellé tiers", "supplier"], // Crosne
    ["Fournisseur", "supplier"],
    ["Tiers (Nom)", "supplier"], // Crosne CALC DEP
    // Contract number
    ["N° marché", "id"],
    ["No marché", "id"],
    ["Nº de marché", "id"],
    ["Numéro de marché", "id"],
    ["Marché", "id"],
    ["Référence", "id"],
    // Procedure, nature, CPV, duration
    ["Procédure", "procedure"],
    ["Type de procédure", "procedure"],
    ["Nature", "nature"],
    ["Nature du marché", "nature"],
    ["Type de marché", "nature"],
    ["CPV", "cpv"],
    ["Code CPV", "cpv"],
    ["Codes CPV", "cpv"], // SCA Brest form
    ["Durée", "durationMonths"],
    ["Durée (mois)", "durationMonths"],
    ["Durée en mois", "durationMonths"],
    // Flags
    ["Clause sociale", "socialClause"],
    ["Clause environnementale", "envClause"],
    ["Critère environnemental", "envCriterion"],
    ["Critère social", "socialCriterion"],
    ["Marché réservé", "reserved"],
    ["TPE-PME", "smeSupplier"],
    ["PME", "smeSupplier"],
    ["Attributaire est une PME", "smeSupplier"], // PLACE export, not the supplier
    ["Récurrent", "recurring"],
    ["Ciblé", "targeted"],
    // Columns of their own
    ["Code postal", "postcode"],
    ["CODE POSTAL", "postcode"],
    ["Code Postal Attributaire", "postcode"], // PLACE export
    ["Heures d'insertion prévues", "insertionHoursPlanned"],
    ["Heures d'insertion réalisées", "insertionHoursDone"],
  ])("%j is %s, exactly", (header, field) => {
    expect(matchHeader(header)).toMatchObject({ field, score: "exact" });
  });

  it("folds line breaks, extra spaces, case, accents and punctuation", () => {
    expect(matchHeader("Date de\nnotification")).toMatchObject({ field: "notificationDate", score: "exact" });
    expect(matchHeader("  MONTANT   €  HT ")).toMatchObject({ field: "amountHT", score: "exact" });
    expect(matchHeader("Code\nCPV")).toMatchObject({ field: "cpv", score: "exact" });
    expect(matchHeader("DUREE (MOIS)")).toMatchObject({ field: "durationMonths", score: "exact" });
    expect(headerKey("N° de marché")).toBe(headerKey("Numéro marché"));
    expect(headerKey("Code\nsubvention")).toBe("code subvention"); // Crosne CALC DEP header
  });

  it.each([
    ["Date de notification du marché public", "notificationDate"],
    ["Date notification cde", "notificationDate"], // SCA Brest form
    ["Objet Prestation", "object"], // Crosne
    ["Montant total du marché HT", "amountHT"],
    ["Titulaire (raison sociale)", "supplier"],
    ["Nombre d'heures d'insertion prévues au marché", "insertionHoursPlanned"],
    ["Clauses sociales (oui/non)", "socialClause"],
  ])("%j is %s, partially", (header, field) => {
    expect(matchHeader(header)).toMatchObject({ field, score: "partial" });
  });

  it.each([
    "Montant TTC", // Crosne: tax included, not the contract amount
    "Montant TVA",
    "Mt révision HT",
    "Montant réemploi ou réutilisation",
    "Date pièce", // an invoice date is not a notification date
    "Date règlement",
    "Libellé chapitre", // budget chapter, not the contract object
    "Code tiers",
    "Lot",
    "Taux minimum",
    "Année de notification", // PLACE: a year, not a date
    "Entité Publique",
  ])("%j is not a contract field", (header) => {
    expect(matchHeader(header)).toBeUndefined();
  });

  it("never reads a postal code column as an amount", () => {
    for (const header of ["Code postal", "CP", "Code postal du titulaire", "Code postal (montant)"]) {
      expect(matchHeader(header)?.field).toBe("postcode");
    }
  });

  it("ignores cells that cannot be headers", () => {
    for (const cell of [42, 45698, true, null, undefined, "", "   ", "—"]) expect(matchHeader(cell)).toBeUndefined();
  });
});

describe("HEADER_VARIANTS", () => {
  it("covers every field of a contract record and labels each field in French", () => {
    const fields = new Set(HEADER_VARIANTS.map((v) => v.field));
    for (const field of RECORD_FIELDS) expect(fields, field).toContain(field);
    for (const { field } of HEADER_VARIANTS) expect(DETECTED_FIELD_LABELS[field]).toMatch(/\S/);
  });

  it("reads each exact variant back as its own field (no variant is shadowed by another field)", () => {
    for (const { field, exact } of HEADER_VARIANTS) {
      for (const variant of exact) expect(matchHeader(variant), variant).toMatchObject({ field, score: "exact" });
    }
  });
});
