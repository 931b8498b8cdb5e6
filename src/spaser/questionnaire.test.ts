import { describe, it, expect } from "vitest";
import { getAction } from "./actions";
import {
  applicableQuestions,
  getQuestionnaire,
  questionApplicability,
  QUESTIONNAIRES,
  QUESTIONNAIRE_VERSION,
  type ContractFacts,
} from "./questionnaire";
import { AXIS_IDS } from "./types";

const current = getQuestionnaire()!;
const ids = (facts: ContractFacts, options = {}) => applicableQuestions(facts, options).map((q) => q.id);
const question = (id: string) => current.questions.find((q) => q.id === id)!;

/** A contract to which every conditional question applies. */
const EVERYTHING: ContractFacts = {
  amountHT: 50_000,
  nature: "travaux",
  procedure: "mapa",
  durationMonths: 36,
  recurring: true,
};

describe("questionnaire registry", () => {
  it("publishes the current version 2026.1 and keeps 2025.1 readable", () => {
    expect(QUESTIONNAIRE_VERSION).toBe("2026.1");
    expect(Object.keys(QUESTIONNAIRES).sort()).toEqual(["2025.1", "2026.1"]);
    expect(getQuestionnaire("2025.1")?.version).toBe("2025.1");
    expect(getQuestionnaire("1999.9")).toBeUndefined();
    expect(getQuestionnaire("toString")).toBeUndefined();
  });

  it("has 20 to 26 questions with unique ids, on the four axes, each supporting existing actions", () => {
    for (const q of Object.values(QUESTIONNAIRES)) {
      expect(q.questions.length).toBeGreaterThanOrEqual(20);
      expect(q.questions.length).toBeLessThanOrEqual(26);
      expect(new Set(q.questions.map((x) => x.id)).size).toBe(q.questions.length);
      expect(new Set(q.questions.map((x) => x.axis))).toEqual(new Set(AXIS_IDS));
    }
    for (const q of current.questions) {
      expect(q.actions.length).toBeGreaterThan(0);
      for (const n of q.actions) expect(getAction(n), `${q.id} → action ${n}`).toBeDefined();
      expect(q.defaultWeight).toBeGreaterThan(0);
      expect(q.text.length * q.help.length * q.textEn.length).toBeGreaterThan(0);
    }
  });

  it("questions of the same id keep the same axis across versions (answers stay comparable)", () => {
    const old = getQuestionnaire("2025.1")!;
    for (const q of old.questions) {
      const now = current.questions.find((x) => x.id === q.id);
      if (now) expect(now.axis).toBe(q.axis);
    }
  });
});

describe("question conditions", () => {
  it("asks every question when the facts are unknown (the service can answer Sans objet)", () => {
    expect(ids({})).toEqual(current.questions.map((q) => q.id));
  });

  it("unconditional questions apply to any contract", () => {
    const always = current.questions.filter((q) => q.condition.kind === "always").map((q) => q.id);
    expect(always).toEqual(
      expect.arrayContaining([
        "social_criterion",
        "anti_discrimination",
        "allotment",
        "environmental_criterion",
        "sobriety",
        "carbon",
      ]),
    );
    const small: ContractFacts = {
      amountHT: 5_000,
      nature: "services",
      procedure: "sans_publicite",
      durationMonths: 1,
      recurring: false,
    };
    for (const id of always) expect(ids(small)).toContain(id);
  });

  it("insertion: only strictly above the insertion study threshold (action 8)", () => {
    for (const id of ["insertion_clause", "insertion_facilitator"]) {
      expect(ids({ amountHT: 250_000 })).toContain(id);
      expect(ids({ amountHT: 90_000 })).not.toContain(id);
      expect(ids({ amountHT: 90_000.01 })).toContain(id);
    }
  });

  it("the insertion threshold is a parameter: a policy at 300 000 € drops the question for 250 000 €", () => {
    expect(ids({ amountHT: 250_000 }, { insertionStudyThresholdHT: 300_000 })).not.toContain("insertion_clause");
    expect(ids({ amountHT: 60_000 }, { insertionStudyThresholdHT: 40_000 })).toContain("insertion_clause");
  });

  it("insertion hours follow-up: above the threshold and for a recurring contract only", () => {
    expect(ids({ amountHT: 250_000, recurring: true })).toContain("insertion_hours_rate");
    expect(ids({ amountHT: 250_000, recurring: false })).not.toContain("insertion_hours_rate");
    expect(ids({ amountHT: 50_000, recurring: true })).not.toContain("insertion_hours_rate");
  });

  it("reservation: only strictly below the reservation cap (action 11), the cap being a parameter", () => {
    expect(ids({ amountHT: 60_000 })).toContain("reserved_contract");
    expect(ids({ amountHT: 90_000 })).not.toContain("reserved_contract");
    expect(ids({ amountHT: 120_000 }, { reservationCapHT: 150_000 })).toContain("reserved_contract");
  });

  it("avance bonifiée: under the EU threshold when the caller gives it, otherwise asked", () => {
    expect(ids({ amountHT: 250_000 })).toContain("advance_bonus");
    expect(ids({ amountHT: 250_000 }, { advanceBonusCapHT: 216_000 })).not.toContain("advance_bonus");
    expect(ids({ amountHT: 200_000 }, { advanceBonusCapHT: 216_000 })).toContain("advance_bonus");
  });

  it("price revision: only when the duration reaches the minimum (12 months by default, action 19)", () => {
    expect(ids({ durationMonths: 12 })).toContain("price_revision");
    expect(ids({ durationMonths: 11 })).not.toContain("price_revision");
    expect(ids({ durationMonths: 18 }, { priceRevisionMinMonths: 24 })).not.toContain("price_revision");
  });

  it("negotiation: only in MAPA (action 20)", () => {
    expect(ids({ procedure: "mapa" })).toContain("negotiation");
    for (const p of ["formalisee", "sans_publicite", "autre"] as const)
      expect(ids({ procedure: p })).not.toContain("negotiation");
  });

  it("by nature: fair trade for supplies; eco-labels for supplies and services; life cycle for supplies and works", () => {
    expect(ids({ nature: "fournitures" })).toEqual(expect.arrayContaining(["fair_trade", "eco_labels", "life_cycle"]));
    expect(ids({ nature: "services" })).toContain("eco_labels");
    expect(ids({ nature: "services" })).not.toContain("fair_trade");
    expect(ids({ nature: "services" })).not.toContain("life_cycle");
    expect(ids({ nature: "travaux" })).toContain("life_cycle");
    expect(ids({ nature: "travaux" })).not.toContain("eco_labels");
  });

  it("works only: recycled or bio-sourced materials and site waste", () => {
    for (const id of ["recycled_biosourced", "site_waste"]) {
      expect(ids({ nature: "travaux" })).toContain(id);
      expect(ids({ nature: "fournitures" })).not.toContain(id);
      expect(ids({ nature: "services" })).not.toContain(id);
    }
  });

  it("follow-up of the previous contract: only for recurring contracts", () => {
    for (const id of ["execution_evaluation", "sme_share"]) {
      expect(ids({ recurring: true })).toContain(id);
      expect(ids({ recurring: false })).not.toContain(id);
    }
  });

  it("every conditional question is excluded by some contract and included by another", () => {
    const excluders: ContractFacts[] = [
      { amountHT: 10_000, nature: "services", procedure: "formalisee", durationMonths: 6, recurring: false },
      { amountHT: 500_000, nature: "services", procedure: "formalisee", durationMonths: 6, recurring: false },
      { amountHT: 500_000, nature: "travaux", procedure: "formalisee", durationMonths: 6, recurring: false },
    ];
    for (const q of current.questions.filter((x) => x.condition.kind !== "always")) {
      expect(
        excluders.some((f) => !questionApplicability(q, f, { advanceBonusCapHT: 216_000 }).applicable),
        q.id,
      ).toBe(true);
      const includers: ContractFacts[] = [
        EVERYTHING,
        { ...EVERYTHING, nature: "fournitures" },
        { ...EVERYTHING, amountHT: 250_000 },
      ];
      expect(
        includers.some((f) => questionApplicability(q, f).applicable),
        q.id,
      ).toBe(true);
    }
  });

  it("treats impossible facts as unknown rather than hiding questions", () => {
    expect(ids({ amountHT: Number.NaN })).toContain("insertion_clause");
    expect(ids({ amountHT: -5 })).toContain("reserved_contract");
    expect(ids({ durationMonths: Number.POSITIVE_INFINITY })).toContain("price_revision");
  });

  it("explains in French why a question applies", () => {
    expect(questionApplicability(question("insertion_clause"), { amountHT: 250_000 }).reason).toBe(
      "Montant 250 000 € HT > 90 000 €",
    );
    expect(questionApplicability(question("reserved_contract"), { amountHT: 120_000 })).toEqual({
      applicable: false,
      reason: "Montant 120 000 € HT ≥ 90 000 €",
    });
    expect(questionApplicability(question("price_revision"), { durationMonths: 48 }).reason).toBe(
      "Durée 48 mois ≥ 12 mois",
    );
    expect(questionApplicability(question("negotiation"), { procedure: "mapa" }).reason).toMatch(/MAPA/);
  });

  it("returns nothing for an unknown version", () => {
    expect(applicableQuestions({}, {}, "0.0")).toEqual([]);
  });
});
