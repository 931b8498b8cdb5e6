import { beforeAll, describe, expect, it } from "vitest";
import { policyToTable } from "../spaser/policy-table";
import { getPreset } from "../spaser/presets";
import { getQuestionnaire } from "../spaser/questionnaire";
import { column, loadExcelFunctions, serial, type ExcelFunctions } from "../../test/support/excel-functions";
import frenchTexts from "./functions.fr-text.json";

let excel: ExcelFunctions;
beforeAll(async () => {
  excel = await loadExcelFunctions();
}, 60_000);

/** The public contract (issue #4): ids and arguments, in this order. Workbooks depend on it. */
const CATALOGUE: Record<string, string[]> = {
  ELIGIBLE_RESERVE: ["amount_ht", "offer_types", "service_category?", "as_of?", "policy?"],
  RESERVE_ADVICE: ["amount_ht", "inclusive_suppliers", "avg_supplier_turnover?", "offer_types?", "policy?"],
  INSERTION_STUDY: ["amount_ht", "launch_date?", "buyer_kind?", "nature?", "policy?"],
  INSERTION_HOURS: ["amount_ht", "labour_share", "insertion_rate?", "hourly_cost?"],
  ADVANCE_RATE: ["amount_ht", "duration_months", "is_sme", "employees?", "buyer_kind?", "as_of?", "policy?"],
  ADVANCE_AMOUNT: ["amount_ht", "duration_months", "rate", "vat_rate?"],
  PRICE_REVISION: ["duration_months", "raw_material_share?", "policy?"],
  THRESHOLD: ["name", "as_of?"],
  COMPLIANCE: [
    "launch_date",
    "amount_ht",
    "env_clause",
    "env_criterion",
    "social_consideration",
    "buyer_kind?",
    "nature?",
  ],
  MILESTONES: ["award_date"],
  POTENTIAL: ["answers", "policy?"],
  RATE: ["flags", "targeted?"],
  TARGET: ["indicator", "year?", "policy?"],
  TARGET_GAP: ["indicator", "flags", "targeted?", "year?", "policy?"],
  CONTRACTS_MISSING: ["indicator", "flags", "targeted?", "year?", "policy?"],
  ACTION: ["number", "field?"],
};

describe("the SPASER.* catalogue", () => {
  it("exposes exactly the catalogue's ids with their arguments in order", () => {
    const actual = Object.fromEntries(
      excel.metadata.map((fn) => [fn.id, fn.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`)]),
    );
    expect(actual).toEqual(CATALOGUE);
  });

  it("takes policy as the optional last argument, as a range, wherever it appears", () => {
    for (const fn of excel.metadata) {
      const index = fn.parameters.findIndex((p) => p.name === "policy");
      if (index < 0) continue;
      expect(index, fn.id).toBe(fn.parameters.length - 1);
      expect(fn.parameters[index]).toMatchObject({ optional: true, dimensionality: "matrix" });
    }
  });

  it("has a French name and description for every function and argument", () => {
    const texts = frenchTexts as Record<string, { name: string; parameters: Record<string, { name: string }> }>;
    for (const fn of excel.metadata) {
      expect(texts[fn.id]?.name, fn.id).toMatch(/^[A-Z_]+$/);
      for (const p of fn.parameters) expect(texts[fn.id]?.parameters[p.name]?.name, `${fn.id}.${p.name}`).toBeTruthy();
    }
    expect(Object.keys(texts).sort()).toEqual(Object.keys(CATALOGUE).sort());
  });
});

describe("contract-level functions, worked examples", () => {
  it("INSERTION_HOURS: 1 000 000 € × 50 % × 5 % ÷ 30 €/h ≈ 833 h, defaults and segment names", () => {
    expect(excel.call("INSERTION_HOURS", 1_000_000, 0.5, 0.05, 30)).toBe(833);
    expect(excel.call("INSERTION_HOURS", "1 000 000 €", "50 %")).toBe(833);
    expect(excel.call("INSERTION_HOURS", 1_000_000, "maçonnerie")).toBe(833);
  });

  it("ELIGIBLE_RESERVE: under the 90 000 € cap with an offer; not above it; ESS only for social services", () => {
    expect(excel.call("ELIGIBLE_RESERVE", 50_000, [["SIAE;EA"]])).toBe(true);
    expect(excel.call("ELIGIBLE_RESERVE", 50_000, column("SIAE", "EA"))).toBe(true);
    expect(excel.call("ELIGIBLE_RESERVE", 120_000, [["SIAE"]])).toBe(false);
    expect(excel.call("ELIGIBLE_RESERVE", 50_000, [["ESS"]], "autre")).toBe(false);
    expect(excel.call("ELIGIBLE_RESERVE", 50_000, [["ESS"]], "social")).toBe(true);
    expect(excel.call("ELIGIBLE_RESERVE", 50_000, [[""]])).toBe(false);
  });

  it("ELIGIBLE_RESERVE follows the organisation's cap from its policy range", () => {
    const table = policyToTable(getPreset("reference")!).map((row) =>
      row[0] === "regle.reservationCapHT" ? [row[0], 150_000, row[2]] : row,
    );
    expect(excel.call("ELIGIBLE_RESERVE", 120_000, [["SIAE"]], null, null, table)).toBe(true);
  });

  it("INSERTION_STUDY: a supplies contract launched 2026-09-01 by a local authority, 150 000 € vs 230 000 €", () => {
    const launch = serial("2026-09-01");
    expect(excel.call("INSERTION_STUDY", 150_000, launch, "collectivite", "fournitures")).toMatch(
      /^Clause d'insertion à étudier/,
    );
    expect(excel.call("INSERTION_STUDY", 230_000, launch, "collectivité", "Fournitures")).toMatch(
      /^Considération sociale obligatoire.*L2112-2-1/,
    );
    expect(excel.call("INSERTION_STUDY", 50_000, launch, "collectivite", "services")).toMatch(
      /^Clause d'insertion facultative/,
    );
  });

  it("ADVANCE_RATE and ADVANCE_AMOUNT: small-firm bonus, legal minimum, nothing due, 12-month base", () => {
    const asOf = serial("2026-05-01");
    expect(excel.call("ADVANCE_RATE", 100_000, 6, true, 20, "collectivite", asOf)).toBe(0.3);
    expect(excel.call("ADVANCE_RATE", 100_000, 6, "Non", null, "collectivite", asOf)).toBe(0.05);
    expect(excel.call("ADVANCE_RATE", 40_000, 6, true, 20, "collectivite", asOf)).toBe(0);
    // 24 months, 120 000 € HT: base 12 × 144 000 ÷ 24 = 72 000 € TTC; 5 % → 3 600 €.
    expect(excel.call("ADVANCE_AMOUNT", 120_000, 24, 0.05)).toBe(3600);
    expect(excel.call("ADVANCE_AMOUNT", 120_000, 24, "5 %", "20 %")).toBe(3600);
  });

  it("PRICE_REVISION: mandatory with 50 % raw materials over 3 months, recommended from 12 months", () => {
    expect(excel.call("PRICE_REVISION", 6, 0.5)).toMatch(/^Clause de révision obligatoire.*R2112-14/);
    expect(excel.call("PRICE_REVISION", 24)).toMatch(/^Révision des prix recommandée.*action 19/);
    expect(excel.call("PRICE_REVISION", 6)).toMatch(/^Révision non requise/);
  });

  it("THRESHOLD: the 40 000 → 60 000 € dispense switch on 2026-04-01, French names, EU thresholds by year", () => {
    expect(excel.call("THRESHOLD", "dispense_fs", serial("2026-03-31"))).toBe(40_000);
    expect(excel.call("THRESHOLD", "dispense_fs", "01/04/2026")).toBe(60_000);
    expect(excel.call("THRESHOLD", "seuil_europeen_collectivites", serial("2025-06-01"))).toBe(221_000);
    expect(excel.call("THRESHOLD", "eu_fs_local", serial("2026-06-01"))).toBe(216_000);
  });

  it("COMPLIANCE: compliant, missing social consideration above the EU threshold, unknown, not yet applicable", () => {
    const launch = serial("2026-09-01");
    expect(excel.call("COMPLIANCE", launch, 150_000, true, true, null, "collectivite", "fournitures")).toBe("Conforme");
    expect(excel.call("COMPLIANCE", launch, 230_000, "Oui", "Oui", "Non", "collectivite", "fournitures")).toMatch(
      /L2112-2-1/,
    );
    expect(excel.call("COMPLIANCE", launch, 150_000, false, true, null, "collectivite", "fournitures")).toMatch(
      /L2112-2/,
    );
    expect(excel.call("COMPLIANCE", serial("2026-05-01"), 150_000, false, false, false)).toMatch(/Non applicable/);
  });

  it("MILESTONES spills the J-24, J-14 and J-12 dates of an award on 2028-03-31", () => {
    expect(excel.call("MILESTONES", serial("2028-03-31"))).toEqual([
      [serial("2026-03-31"), serial("2027-01-31"), serial("2027-03-31")],
    ]);
    expect(excel.call("MILESTONES", "31/03/2028")).toEqual([
      [serial("2026-03-31"), serial("2027-01-31"), serial("2027-03-31")],
    ]);
  });

  it("RESERVE_ADVICE: full reservation with many suppliers and a small economic weight, a lot otherwise", () => {
    expect(excel.call("RESERVE_ADVICE", 200_000, 40, 2_000_000)).toMatch(/^Réservation totale/);
    expect(excel.call("RESERVE_ADVICE", 200_000, 15, 2_000_000)).toMatch(/^Lot réservé/);
    expect(excel.call("RESERVE_ADVICE", 200_000, 0)).toMatch(/^Aucune mesure/);
  });

  it("ACTION: a field of a plan action, in French or English field names", () => {
    expect(excel.call("ACTION", 8, "titre")).toMatch(/insertion/);
    expect(excel.call("ACTION", 17, "title")).toMatch(/avance/i);
    expect(excel.cell("ACTION", 27)).toMatchObject({ error: "#N/A" });
  });
});

describe("portfolio functions", () => {
  const sevenOfTwenty = column(...Array(7).fill("Oui"), ...Array(13).fill("Non"));

  it("RATE counts yes among filled rows, or among targeted rows with empty flags as missing", () => {
    expect(excel.call("RATE", column("Oui", "Non", "X", ""))).toBeCloseTo(2 / 3);
    expect(excel.call("RATE", column("Oui", "Non", "", 1), column("Oui", "Oui", "Oui", ""))).toBe(0.5);
    expect(excel.cell("RATE", column("", ""))).toMatchObject({ error: "#N/A" });
  });

  it("TARGET, TARGET_GAP, CONTRACTS_MISSING: 7 of 20 against 70 % → 35 points behind, 7 contracts", () => {
    expect(excel.call("TARGET", "critère environnemental", 2025)).toBe(0.3);
    expect(excel.call("TARGET", "env_criterion", 2027)).toBe(0.7);
    expect(excel.call("TARGET_GAP", "env_criterion", sevenOfTwenty, null, 2027)).toBe(35);
    expect(excel.call("CONTRACTS_MISSING", "env_criterion", sevenOfTwenty, null, 2027)).toBe(7);
    expect(excel.call("TARGET_GAP", "env_criterion", sevenOfTwenty, null, 2025)).toBe(-5);
  });

  it("reads targets from the organisation's policy range, and editing the range changes the result", () => {
    const metropole = policyToTable(getPreset("metropole")!);
    expect(excel.call("TARGET", "env_clause", 2026, metropole)).toBe(1);
    const edited = metropole.map((row) =>
      String(row[0]).startsWith("cible.env_clause") && row[1] !== "" ? [row[0], 0.9, row[2]] : row,
    );
    expect(excel.call("TARGET", "env_clause", 2026, edited)).toBe(0.9);
  });

  it("POTENTIAL: 100 when every lever is still to study, 0 when all are in place, in between otherwise", () => {
    const questions = getQuestionnaire()!.questions;
    const row = (pick: "done" | "todo") =>
      questions.map((q) => {
        if (q.answer.type === "oui_non_na_etudier") return pick === "done" ? "Oui" : "À étudier";
        if (q.answer.type === "nombre") return pick === "done" ? q.answer.fullAt : q.answer.min;
        const best = [...q.answer.options].sort((a, b) =>
          pick === "done"
            ? b.achievement - a.achievement
            : a.achievement - b.achievement || b.feasibility - a.feasibility,
        )[0]!;
        return best.label;
      });
    expect(excel.call("POTENTIAL", [row("todo")])).toBe(100);
    expect(excel.call("POTENTIAL", [row("done")])).toBe(0);
    const mixed = row("done");
    mixed[0] = row("todo")[0]!;
    const partial = excel.call("POTENTIAL", [mixed]) as number;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(100);
    expect(excel.cell("POTENTIAL", [questions.map(() => "Sans objet")])).toMatchObject({ error: "#VALUE!" });
    expect(excel.cell("POTENTIAL", [["peut-être"]])).toMatchObject({
      error: "#VALUE!",
      message: expect.stringMatching(/Colonne 1/),
    });
  });
});

describe("bad input gives #VALUE! or #N/A with a French message", () => {
  it.each([
    ["INSERTION_HOURS", ["beaucoup", 0.5], "#VALUE!", /montant/],
    ["INSERTION_HOURS", [-5, 0.5], "#VALUE!", /négatif/],
    ["INSERTION_HOURS", [100_000, 1.5], "#VALUE!", /entre 0 et 1/],
    ["ELIGIBLE_RESERVE", [50_000, [["Coopérative"]]], "#VALUE!", /Type d'offre inconnu/],
    ["THRESHOLD", ["seuil_inconnu"], "#N/A", /Seuil inconnu/],
    ["THRESHOLD", ["dispense_fs", "31/12/2015"], "#VALUE!", /2019/],
    ["TARGET", ["indicateur_imaginaire", 2026], "#N/A", /Indicateur inconnu/],
    ["TARGET", ["env_criterion", 2040], "#N/A", /Pas de cible/],
    ["ADVANCE_RATE", [100_000, 6, "peut-être"], "#VALUE!", /oui\/non/],
    ["COMPLIANCE", ["hier", 100_000, true, true, true], "#VALUE!", /date/],
    ["MILESTONES", [""], "#VALUE!", /date/],
    ["INSERTION_STUDY", [100_000, null, "mairie de quartier"], "#VALUE!", /type d'acheteur/],
    ["RATE", [column("Oui", "Non"), column("Oui")], "#VALUE!", /même taille/],
  ])("%s(%j) → %s", (id, args, code, message) => {
    expect(excel.cell(id, ...args)).toEqual({ error: code, message: expect.stringMatching(message) });
  });

  it("a malformed policy range names its row", () => {
    const broken = [
      ["Clé", "Valeur", "Année"],
      ["cible.env_criterion.phase1", "150 %", ""],
    ];
    expect(excel.cell("TARGET", "env_criterion", 2025, broken)).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/ligne 2/i),
    });
  });

  it("ranges with empty cells, errors and French amounts stored as text are read, not rejected", () => {
    expect(excel.call("RATE", column("OUI", " non ", "#N/A", "", "x"))).toBeCloseTo(2 / 3);
    expect(excel.call("INSERTION_HOURS", "1 000 000,00 € HT", "0,5")).toBe(833);
  });
});
