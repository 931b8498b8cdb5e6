import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { policyFromTable, policyToTable, POLICY_TABLE_HEADER } from "./policy-table";
import { type Policy } from "./policy";
import { PRESET_IDS, PRESETS } from "./presets";

const reference = PRESETS.reference;

function parsedPolicy(rows: unknown[][]): Policy {
  const result = policyFromTable(rows);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.policy;
}

function errorsOf(rows: unknown[][]) {
  const result = policyFromTable(rows);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

const header = [...POLICY_TABLE_HEADER];

describe("policyToTable", () => {
  it("writes a header and readable keys, the year empty when not year-specific", () => {
    const rows = policyToTable(reference);
    expect(rows[0]).toEqual(["Clé", "Valeur", "Année"]);
    expect(rows).toContainEqual(["cible.env_criterion.phase1", 0.3, ""]);
    expect(rows).toContainEqual(["cible.env_criterion.phase2", 0.7, ""]);
    expect(rows).toContainEqual(["regle.reservationCapHT", 90_000, ""]);
    expect(rows).toContainEqual(["poids.axe.social", 1, ""]);
    expect(rows).toContainEqual(["phase.1.debut", 2025, ""]);
    expect(rows).toContainEqual(["phase.2.fin", 2028, ""]);
  });

  it("adds a French label column on request", () => {
    const rows = policyToTable(reference, { labels: true });
    expect(rows[0]).toEqual(["Clé", "Valeur", "Année", "Libellé"]);
    const row = rows.find((r) => r[0] === "cible.env_criterion.phase1");
    expect(row?.[3]).toMatch(/critère environnemental/);
  });
});

describe("round trip", () => {
  it.each(PRESET_IDS)("preset %s → table → policy is unchanged", (id) => {
    expect(parsedPolicy(policyToTable(PRESETS[id]))).toEqual(PRESETS[id]);
    expect(parsedPolicy(policyToTable(PRESETS[id], { labels: true }))).toEqual(PRESETS[id]);
  });

  it("keeps a local policy: yearly targets, removed targets, weights, priorities", () => {
    const local: Policy = {
      ...PRESETS.metropole,
      name: "SPASER de l'agglomération",
      phases: { phase1: { startYear: 2026, endYear: 2027 }, phase2: { startYear: 2028, endYear: 2030 } },
      targets: {
        env_clause: { phase1: 0.8, phase2: 1, byYear: { "2026": 0.6 } },
        // social_clause and solidarity_value_share of the preset removed
        reserved_share: { phase2: 0.1 },
      },
      rules: { ...PRESETS.metropole.rules, reservationCapHT: 40_000, smallFirmAdvanceRate: 0.25 },
      weights: {
        axisWeights: { social: 2, economique: 1, equilibre: 0, ecologique: 3 },
        questionWeights: { "eau.1": 2, apprentissage: 0.5 },
        priorityActions: [8, 11],
      },
      priorities: ["eau", "apprentissage", "économie locale"],
    };
    expect(parsedPolicy(policyToTable(local))).toEqual(local);
  });
});

describe("policyFromTable", () => {
  it("falls back to the reference preset for every key it does not give", () => {
    const policy = parsedPolicy([header, ["cible.env_criterion.phase2", "80 %", ""]]);
    expect(policy.targets.env_criterion).toEqual({ phase1: 0.3, phase2: 0.8 });
    expect(policy.targets.sme_share).toEqual(reference.targets.sme_share);
    expect(policy.rules).toEqual(reference.rules);
  });

  it("falls back to the preset named on the preset row, wherever that row is", () => {
    const policy = parsedPolicy([header, ["nom", "Ma politique"], ["preset", "metropole"]]);
    expect(policy.presetId).toBe("metropole");
    expect(policy.targets).toEqual(PRESETS.metropole.targets);
    expect(policy.name).toBe("Ma politique");
  });

  it("accepts targets as 0.3, « 30 % » or « 0,3 », and a yearly target with its year", () => {
    const policy = parsedPolicy([
      header,
      ["cible.env_criterion.phase1", 0.35, ""],
      ["cible.sme_share.phase1", "55 %", ""],
      ["cible.circular_economy.phase1", "0,6", ""],
      ["cible.env_criterion", "40%", 2026],
    ]);
    expect(policy.targets.env_criterion).toEqual({ phase1: 0.35, phase2: 0.7, byYear: { "2026": 0.4 } });
    expect(policy.targets.sme_share?.phase1).toBe(0.55);
    expect(policy.targets.circular_economy?.phase1).toBe(0.6);
  });

  it("reads an empty target as no target", () => {
    const policy = parsedPolicy([header, ["cible.env_criterion.phase1", ""], ["cible.env_criterion.phase2", null]]);
    expect(policy.targets.env_criterion).toBeUndefined();
  });

  it("reads amounts written the French way and actions written as a list", () => {
    const policy = parsedPolicy([
      header,
      ["regle.reservationCapHT", "40 000 € HT"],
      ["priorite.action", "8; 11"],
      ["priorite.action", 17],
      ["priorite.theme", "eau"],
    ]);
    expect(policy.rules.reservationCapHT).toBe(40_000);
    expect(policy.weights.priorityActions).toEqual([8, 11, 17]);
    expect(policy.priorities).toEqual(["eau"]);
  });

  it("names the row the user sees (header = row 1) in French", () => {
    const errors = errorsOf([
      header,
      ["nom", "Test"],
      ["phase.1.debut", 2025],
      ["phase.1.fin", 2026],
      [],
      ["regle.reservationCapHT", 90000],
      ["cible.env_criterion.phase1", 30],
    ]);
    expect(errors).toEqual([
      {
        row: 7,
        key: "cible.env_criterion.phase1",
        message:
          "Ligne 7 : la cible « env_criterion » doit être un pourcentage entre 0 et 100 % (écrivez 30 % ou 0,3).",
      },
    ]);
  });

  it("refuses unknown keys, unknown presets, duplicates and stray years", () => {
    const errors = errorsOf([
      header,
      ["cible.inconnu.phase1", 0.5],
      ["regle.plafond", 1],
      ["preset", "paris"],
      ["poids.axe.social", 2],
      ["poids.axe.social", 3],
      ["regle.reservationCapHT", 90000, 2026],
      ["xyz", 1],
    ]);
    expect(errors.map((e) => e.row).sort((a, b) => a - b)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(errors.find((e) => e.row === 6)?.message).toMatch(/déjà donné ligne 5/);
    expect(errors.find((e) => e.row === 8)?.message).toBe("Ligne 8 : la clé « xyz » est inconnue.");
  });

  it("checks the policy as a whole and points at the row of the faulty parameter", () => {
    const errors = errorsOf([header, ["phase.1.fin", 2027], ["phase.2.debut", 2027]]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.row).toBe(3);
    expect(errors[0]?.message).toMatch(/^Ligne 3 : la phase 2 \(2027\) doit commencer après/);
  });

  it("refuses rule values of the wrong kind", () => {
    const errors = errorsOf([
      header,
      ["regle.smallFirmAdvanceRate", "130 %"],
      ["regle.smallFirmMaxEmployees", 49.5],
      ["regle.defaultHourlyCost", "beaucoup"],
      ["regle.reservationCapHT", ""],
    ]);
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
  });

  it("accepts a range without header", () => {
    expect(parsedPolicy([["cible.env_criterion.phase1", 0.4]]).targets.env_criterion?.phase1).toBe(0.4);
  });

  it("is total: any 2-D array of cells gives a policy or errors, never a throw", () => {
    const keys = fc.constantFrom(
      "nom",
      "preset",
      "phase.1.debut",
      "phase.2.fin",
      "cible.env_criterion.phase1",
      "cible.env_criterion",
      "cible.sme_share.phase3",
      "regle.reservationCapHT",
      "regle.smallFirmAdvanceRate",
      "poids.axe.social",
      "poids.question.__proto__",
      "poids.question.constructor",
      "priorite.action",
      "priorite.theme",
      "Clé",
    );
    const cell = fc.oneof(
      keys,
      fc.string(),
      fc.double(),
      fc.integer({ min: 1990, max: 2110 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(""),
      fc.object(),
      fc.date(),
      fc.constantFrom("30 %", "0,3", "reference", "metropole", "8; 11"),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 }), (rows) => {
        const result = policyFromTable(rows);
        if (result.ok) return typeof result.policy.name === "string";
        return result.errors.length > 0 && result.errors.every((e) => typeof e.message === "string" && e.row >= 0);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses input that is not a range", () => {
    for (const input of [null, 42, "table"]) {
      expect(policyFromTable(input as unknown as unknown[][]).ok).toBe(false);
    }
  });

  it("any policy it accepts survives a second round trip", () => {
    const rows = [
      header,
      ["preset", "pnad_2025"],
      ["poids.question.q-eau", "2"],
      ["cible.reserved_share", 0.1, "2027"],
    ];
    const once = parsedPolicy(rows);
    expect(parsedPolicy(policyToTable(once))).toEqual(once);
  });
});
