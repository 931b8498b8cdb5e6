import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { answersFromRow, type AnswerSet } from "./answers";
import { getQuestionnaire, REFUSED_LEVER_FEASIBILITY, type ContractFacts } from "./questionnaire";
import { potentialFromRow, scoreContract, type ContractScore, type ScoringOptions } from "./scoring";
import { AXIS_IDS, type AxisId, type ScoringWeights } from "./types";

const WEIGHTS: ScoringWeights = {
  axisWeights: { social: 3, economique: 1, equilibre: 1, ecologique: 2 },
  questionWeights: {},
  priorityActions: [],
};

/** Recurring 250 000 € HT services contract, formal procedure, 36 months. */
const FACTS: ContractFacts = {
  amountHT: 250_000,
  nature: "services",
  procedure: "formalisee",
  durationMonths: 36,
  recurring: true,
};

/** Builds the answers of a version from a map id → cell, through the same parser as the workbook. */
function answers(cells: Record<string, unknown>, version = "2026.1"): AnswerSet {
  const questionnaire = getQuestionnaire(version)!;
  const set = answersFromRow(
    questionnaire.questions.map((q) => cells[q.id] ?? ""),
    version,
  );
  expect(set.errors).toEqual([]);
  return set;
}

function score(
  set: AnswerSet,
  facts: ContractFacts = FACTS,
  weights: ScoringWeights = WEIGHTS,
  options: ScoringOptions = {},
): ContractScore {
  const outcome = scoreContract(set, facts, weights, options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
}

const BASE: Record<string, unknown> = {
  insertion_clause: "Oui",
  insertion_facilitator: "Non",
  social_criterion: "À étudier",
  anti_discrimination: "Oui",
  allotment: "Non",
  advance_bonus: "Oui",
  need_definition: "À étudier",
  price_revision: "Oui",
  environmental_criterion: "Non",
  sobriety: "Oui",
  carbon: "À étudier",
  circular_economy: "Sur une partie du besoin",
};

const defaultWeight = (id: string) => getQuestionnaire()!.questions.find((q) => q.id === id)!.defaultWeight;
const axisOf = (id: string) => getQuestionnaire()!.questions.find((q) => q.id === id)!.axis;
/** Sum of the weights of the answered (not "Sans objet") questions of one axis in a map of answers. */
const answeredWeight = (cells: Record<string, unknown>, axis: AxisId) =>
  Object.keys(cells)
    .filter((id) => axisOf(id) === axis && cells[id] !== "Sans objet")
    .reduce((s, id) => s + defaultWeight(id), 0);
const totalAxisWeight = (w: ScoringWeights) => AXIS_IDS.reduce((s, a) => s + w.axisWeights[a], 0);

describe("scoreContract, the documented formula", () => {
  it("all levers in place = 0; all to study = 100; all refused = REFUSED_LEVER_FEASIBILITY × 100", () => {
    const ids = ["insertion_clause", "allotment", "need_definition", "sobriety"];
    const all = (cell: string) => Object.fromEntries(ids.map((id) => [id, cell]));
    expect(score(answers(all("Oui"))).overall).toBe(0);
    expect(score(answers(all("À étudier"))).overall).toBe(100);
    expect(score(answers(all("Non"))).overall).toBeCloseTo(100 * REFUSED_LEVER_FEASIBILITY, 10);
  });

  it("changing ONE answer (Oui → Non on the insertion clause) moves the overall by the predicted amount and adds action 8", () => {
    const before = score(answers(BASE));
    const after = score(answers({ ...BASE, insertion_clause: "Non" }));
    // Δ = 100 × (W_social ÷ ΣW) × (w ÷ Σw_social) × Δp, with Δp = (1 − 0) × f(Non) − (1 − 1) × f(Oui)
    const deltaP = REFUSED_LEVER_FEASIBILITY - 0;
    const expected =
      100 *
      (WEIGHTS.axisWeights.social / totalAxisWeight(WEIGHTS)) *
      (defaultWeight("insertion_clause") / answeredWeight(BASE, "social")) *
      deltaP;
    expect(after.overall - before.overall).toBeCloseTo(expected, 10);
    expect(before.recommendedActions.map((a) => a.action)).not.toContain(8);
    const eight = after.recommendedActions.find((a) => a.action === 8);
    expect(eight?.reason).toBe("Montant 250 000 € HT > 90 000 € : étudier une clause d'insertion (action 8)");
    expect(eight?.title).toMatch(/clause d'insertion/);
  });

  it("changing ONE answer (Non → À étudier on the environmental criterion) moves the overall by the predicted amount", () => {
    const before = score(answers(BASE));
    const after = score(answers({ ...BASE, environmental_criterion: "À étudier" }));
    const deltaP = 1 - REFUSED_LEVER_FEASIBILITY;
    const expected =
      100 *
      (WEIGHTS.axisWeights.ecologique / totalAxisWeight(WEIGHTS)) *
      (defaultWeight("environmental_criterion") / answeredWeight(BASE, "ecologique")) *
      deltaP;
    expect(after.overall - before.overall).toBeCloseTo(expected, 10);
    expect(after.byAxis.social).toEqual(before.byAxis.social);
  });

  it("changing ONE answer (Non → Oui on allotment) removes its recommended action 16", () => {
    const before = score(answers(BASE));
    const after = score(answers({ ...BASE, allotment: "Oui" }));
    expect(before.recommendedActions.find((a) => a.action === 16)?.reason).toBe(
      "Réponse « Non » à « Allotissement TPE/PME » : revoir l'allotissement pour ouvrir le contrat aux TPE/PME (action 16)",
    );
    expect(after.recommendedActions.map((a) => a.action)).not.toContain(16);
    expect(after.overall).toBeLessThan(before.overall);
  });

  it("counts a number linearly up to its fullAt value", () => {
    const sme = getQuestionnaire()!.questions.find((q) => q.id === "sme_share")!;
    if (sme.answer.type !== "nombre") throw new Error("sme_share is a number");
    const half = (sme.answer.fullAt - sme.answer.min) / 2 + sme.answer.min;
    expect(score(answers({ sme_share: String(half) })).byAxis.economique.score).toBeCloseTo(50, 10);
    expect(score(answers({ sme_share: String(sme.answer.fullAt) })).byAxis.economique.score).toBe(0);
    expect(score(answers({ sme_share: "0" })).byAxis.economique.score).toBe(100);
  });

  it("'Sans objet' leaves the denominators: the score is the same as without the question, the applicable count drops", () => {
    const without = score(answers(BASE));
    const withNa = score(answers({ ...BASE, negotiation: "Sans objet", execution_evaluation: "Sans objet" }));
    expect(withNa.overall).toBe(without.overall);
    expect(withNa.applicable).toBe(without.applicable - 1); // negotiation does not apply to a formal procedure anyway
    expect(withNa.byAxis.equilibre.applicable).toBe(without.byAxis.equilibre.applicable - 1);
  });

  it("an axis without answers has no score and does not weigh in the overall", () => {
    const cells = { insertion_clause: "Non", sobriety: "À étudier" };
    const result = score(answers(cells));
    expect(result.byAxis.economique.score).toBeUndefined();
    expect(result.byAxis.equilibre.score).toBeUndefined();
    const s = result.byAxis.social.score!;
    const e = result.byAxis.ecologique.score!;
    expect(result.overall).toBeCloseTo(
      (WEIGHTS.axisWeights.social * s + WEIGHTS.axisWeights.ecologique * e) /
        (WEIGHTS.axisWeights.social + WEIGHTS.axisWeights.ecologique),
      10,
    );
  });

  it("ignores answers to questions that do not apply to the contract", () => {
    const base = score(answers({ allotment: "Oui" }));
    // reservation applies below 90 000 € only; this contract is 250 000 €
    const withReserved = score(answers({ allotment: "Oui", reserved_contract: "Non" }));
    expect(withReserved.overall).toBe(base.overall);
    expect(withReserved.byAxis.social.answered).toBe(0);
  });

  it("reports completeness as answered ÷ applicable", () => {
    const result = score(answers(BASE));
    expect(result.completeness).toBeCloseTo(result.answered / result.applicable, 12);
    expect(result.answered).toBe(Object.keys(BASE).length);
    expect(score(answers({}), FACTS).completeness).toBe(0);
  });
});

describe("scoreContract, weights from the policy", () => {
  it("a question weight override changes the result as the formula predicts", () => {
    const override: ScoringWeights = { ...WEIGHTS, questionWeights: { insertion_facilitator: 5 } };
    const result = score(answers(BASE), FACTS, override);
    const social = ["insertion_clause", "insertion_facilitator", "social_criterion", "anti_discrimination"];
    const w = (id: string) => override.questionWeights[id] ?? defaultWeight(id);
    const p: Record<string, number> = {
      insertion_clause: 0,
      insertion_facilitator: REFUSED_LEVER_FEASIBILITY,
      social_criterion: 1,
      anti_discrimination: 0,
    };
    const expectedSocial =
      (100 * social.reduce((s, id) => s + w(id) * p[id]!, 0)) / social.reduce((s, id) => s + w(id), 0);
    expect(result.byAxis.social.score).toBeCloseTo(expectedSocial, 10);
    expect(result.overall).not.toBeCloseTo(score(answers(BASE)).overall, 5);
  });

  it("axis weights change the overall; a zero weight removes the axis", () => {
    const noEcology: ScoringWeights = { ...WEIGHTS, axisWeights: { ...WEIGHTS.axisWeights, ecologique: 0 } };
    const result = score(answers(BASE), FACTS, noEcology);
    const b = result.byAxis;
    const expected = (3 * b.social.score! + b.economique.score! + b.equilibre.score!) / 5;
    expect(result.overall).toBeCloseTo(expected, 10);
    expect(result.overall).not.toBeCloseTo(score(answers(BASE)).overall, 5);
  });

  it("priority actions of the policy raise the committee priority and come first", () => {
    const cells = { ...BASE, insertion_clause: "Non" };
    const facts: ContractFacts = { ...FACTS, recurring: false, amountHT: 80_000 };
    const plain = score(answers(cells), facts);
    const prioritized = score(answers(cells), facts, { ...WEIGHTS, priorityActions: [26] });
    expect(prioritized.priority.rank).toBeLessThan(plain.priority.rank);
    expect(prioritized.recommendedActions[0]!.action).toBe(26);
    expect(prioritized.priority.reasons.join(" ")).toMatch(/Action\(s\) prioritaire\(s\) de la politique : 26/);
  });

  it("amount above the insertion study threshold and recurrence raise the priority", () => {
    const cells = { sobriety: "Non", allotment: "Oui", need_definition: "Oui" };
    const small = score(answers(cells), { amountHT: 20_000, recurring: false });
    const big = score(answers(cells), { amountHT: 250_000, recurring: true });
    expect(small.priority.level).toBe("basse");
    expect(big.priority.rank).toBeLessThan(small.priority.rank);
    expect(big.priority.reasons).toEqual(expect.arrayContaining(["Contrat récurrent."]));
  });

  it("keeps the overall within 0–100 with huge policy weights", () => {
    const huge: ScoringWeights = {
      ...WEIGHTS,
      axisWeights: { social: 1e308, economique: 1e308, equilibre: 1e308, ecologique: 1e308 },
    };
    const result = score(answers(BASE), FACTS, huge);
    const equal = score(answers(BASE), FACTS, {
      ...WEIGHTS,
      axisWeights: { social: 1, economique: 1, equilibre: 1, ecologique: 1 },
    });
    expect(result.overall).toBeCloseTo(equal.overall, 10);
  });

  it("refuses invalid weights and unknown versions with a French InputError", () => {
    const bad = scoreContract(answers(BASE), FACTS, {
      ...WEIGHTS,
      axisWeights: { ...WEIGHTS.axisWeights, social: -1 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/Poids de l'axe « social » invalide/);
    const badQ = scoreContract(answers(BASE), FACTS, { ...WEIGHTS, questionWeights: { carbon: Number.NaN } });
    expect(badQ.ok).toBe(false);
    const unknown = scoreContract({ version: "1990.1", values: {}, errors: [] }, FACTS, WEIGHTS);
    expect(unknown.ok).toBe(false);
    const mismatched = scoreContract(
      { version: "2026.1", values: { carbon: { kind: "number", value: 3 } }, errors: [] },
      FACTS,
      WEIGHTS,
    );
    expect(mismatched.ok).toBe(false);
  });
});

describe("scoreContract, recommendations and feasibility", () => {
  it("recommends action 8 from the plan's rule when the insertion question is not answered yet, with the policy threshold", () => {
    const result = score(answers({ sobriety: "Oui" }));
    expect(result.recommendedActions.find((a) => a.action === 8)?.reason).toBe(
      "Montant 250 000 € HT > 90 000 € : étudier une clause d'insertion (action 8)",
    );
    const higher = score(answers({ sobriety: "Oui" }), FACTS, WEIGHTS, { insertionStudyThresholdHT: 300_000 });
    expect(higher.recommendedActions.map((a) => a.action)).not.toContain(8);
  });

  it("recommends price revision (19) for a 36-month contract and negotiation (20) for a MAPA", () => {
    const result = score(answers({ price_revision: "Non", negotiation: "À étudier" }), { ...FACTS, procedure: "mapa" });
    expect(result.recommendedActions.find((a) => a.action === 19)?.reason).toBe(
      "Durée 36 mois ≥ 12 mois : prévoir une clause de révision des prix (action 19)",
    );
    expect(result.recommendedActions.find((a) => a.action === 20)?.reason).toBe(
      "Procédure adaptée (MAPA) : prévoir la négociation (action 20)",
    );
  });

  it("lists each action once", () => {
    const result = score(answers({ ...BASE, life_cycle: "Non", eco_labels: "Non" }), {
      ...FACTS,
      nature: "fournitures",
    });
    const numbers = result.recommendedActions.map((a) => a.action);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("judges feasibility from the time left before the award and the service's engagement", () => {
    const engaged = answers({ sobriety: "À étudier", allotment: "À étudier", insertion_clause: "Oui" });
    const at = (awardDate: string) =>
      score(engaged, { ...FACTS, awardDate }, WEIGHTS, { today: "2026-11-15" }).feasibility;
    expect(at("2028-09-01").level).toBe("forte");
    expect(at("2028-01-10").level).toBe("moyenne");
    expect(at("2028-01-10").why).toMatch(/J-12/);
    expect(at("2027-05-01").level).toBe("faible");
    const refused = score(
      answers({ sobriety: "Non", allotment: "Non" }),
      { ...FACTS, awardDate: "2028-09-01" },
      WEIGHTS,
      { today: "2026-11-15" },
    );
    expect(refused.feasibility.level).toBe("moyenne");
    expect(score(answers({ sobriety: "Oui" })).feasibility.level).toBe("faible");
  });
});

describe("versioned answers", () => {
  it("answers given under 2025.1 stay readable and scorable under their own version", () => {
    const old = getQuestionnaire("2025.1")!;
    expect(old.questions.map((q) => q.id)).not.toContain("carbon");
    const set = answers({ insertion_clause: "Non", reserved_contract: "Oui", sobriety: "À étudier" }, "2025.1");
    const result = score(set, { amountHT: 250_000 });
    expect(result.version).toBe("2025.1");
    expect(result.byAxis.social.answered).toBe(1); // reservation does not apply at 250 000 €
    expect(result.recommendedActions.map((a) => a.action)).toContain(8);
    expect(result.applicable).toBeLessThan(score(answers({}), { amountHT: 250_000 }).applicable);
  });
});

describe("potentialFromRow (SPASER.POTENTIAL)", () => {
  const row = (cells: Record<string, unknown>, version = "2026.1") =>
    getQuestionnaire(version)!.questions.map((q) => cells[q.id] ?? "");

  it("equals the overall of scoreContract for unknown facts", () => {
    const expected = score(answers(BASE), {}).overall;
    expect(potentialFromRow(row(BASE), WEIGHTS)).toBe(expected);
    expect(potentialFromRow([row(BASE)], WEIGHTS)).toBe(expected);
  });

  it("reads an older row with its version", () => {
    const cells = { insertion_clause: "Non", sobriety: "Oui" };
    expect(potentialFromRow(row(cells, "2025.1"), WEIGHTS, "2025.1")).toBe(score(answers(cells, "2025.1"), {}).overall);
  });

  it("gives a French InputError for an unreadable cell or an empty row", () => {
    const bad = potentialFromRow(["Oui", "peut-être"], WEIGHTS);
    expect(typeof bad).toBe("object");
    if (typeof bad === "object") {
      expect(bad.field).toBe("answers_row");
      expect(bad.message).toMatch(/^Colonne 2 : Réponse « peut-être »/);
    }
    const empty = potentialFromRow(["", null], WEIGHTS);
    expect(typeof empty === "object" && empty.message).toMatch(/Aucune réponse applicable/);
  });

  it("is total on arbitrary cells: a number in 0–100 or an InputError", () => {
    const cell = fc.oneof(
      fc.constantFrom("Oui", "Non", "À étudier", "Sans objet", "", "NA", "30 %", "Sur une partie du besoin"),
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.object(),
    );
    const weights = fc.record({
      axisWeights: fc.record({
        social: fc.double(),
        economique: fc.double(),
        equilibre: fc.double(),
        ecologique: fc.double(),
      }),
      questionWeights: fc.dictionary(fc.constantFrom("carbon", "sobriety", "allotment"), fc.double()),
      priorityActions: fc.array(fc.integer()),
    });
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 30 }),
        weights,
        fc.constantFrom(undefined, "2025.1", "zz"),
        (values, w, version) => {
          const result = potentialFromRow(values, w, version);
          if (typeof result === "number") {
            expect(result).toBeGreaterThanOrEqual(0);
            expect(result).toBeLessThanOrEqual(100 + 1e-9);
          } else {
            expect(result.ok).toBe(false);
            expect(result.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
