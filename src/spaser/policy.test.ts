import { describe, expect, it } from "vitest";
import { phaseOfYear, targetFor, validatePolicy, type Policy } from "./policy";
import { PRESETS } from "./presets";

const reference = PRESETS.reference;

const withChanges = (changes: Partial<Policy>): Policy => ({ ...reference, ...changes });

describe("targetFor", () => {
  const policy = withChanges({
    targets: { ...reference.targets, env_criterion: { phase1: 0.3, phase2: 0.7, byYear: { "2026": 0.5 } } },
  });

  it("gives the phase's target for a year of that phase (reference: phase 1 = 2025–2026)", () => {
    expect(targetFor(policy, "env_criterion", 2025)).toBe(0.3);
    expect(targetFor(policy, "env_criterion", 2028)).toBe(0.7);
  });

  it("prefers the year's explicit target", () => {
    expect(targetFor(policy, "env_criterion", 2026)).toBe(0.5);
  });

  it("has no target outside the phases or for an indicator without target", () => {
    expect(targetFor(policy, "env_criterion", 2030)).toBeUndefined();
    expect(targetFor(policy, "reserved_share", 2025)).toBeUndefined();
  });

  it("follows phase years the organisation changed", () => {
    const shifted = withChanges({
      phases: { phase1: { startYear: 2026, endYear: 2028 }, phase2: { startYear: 2029, endYear: 2031 } },
    });
    expect(phaseOfYear(shifted, 2028)).toBe("phase1");
    expect(targetFor(shifted, "sme_share", 2028)).toBe(0.5);
    expect(targetFor(shifted, "sme_share", 2031)).toBe(0.8);
  });
});

describe("validatePolicy", () => {
  const keys = (policy: Policy) => validatePolicy(policy).map((e) => e.key);

  it("refuses targets outside 0–100 %", () => {
    const errors = validatePolicy(withChanges({ targets: { env_criterion: { phase1: 30, phase2: -0.1 } } }));
    expect(errors.map((e) => e.key)).toEqual(["cible.env_criterion.phase1", "cible.env_criterion.phase2"]);
    expect(errors[0]?.message).toMatch(/entre 0 et 100 %/);
  });

  it("refuses a yearly target out of range or with a bad year", () => {
    const errors = validatePolicy(withChanges({ targets: { sme_share: { byYear: { "2026": 2, "26": 0.5 } } } }));
    expect(errors).toHaveLength(2);
    expect(errors.find((e) => e.year === 2026)?.key).toBe("cible.sme_share");
  });

  it("refuses phases out of order", () => {
    expect(
      keys(
        withChanges({
          phases: { phase1: { startYear: 2027, endYear: 2025 }, phase2: { startYear: 2028, endYear: 2029 } },
        }),
      ),
    ).toEqual(["phase.1.fin"]);
    expect(
      keys(
        withChanges({
          phases: { phase1: { startYear: 2025, endYear: 2027 }, phase2: { startYear: 2027, endYear: 2029 } },
        }),
      ),
    ).toEqual(["phase.2.debut"]);
  });

  it("refuses non-positive caps, a reversed tracking band and rates above 100 %", () => {
    const rules = { ...reference.rules, reservationCapHT: 0, trackingBandLowHT: 50_000, smallFirmAdvanceRate: 30 };
    expect(keys(withChanges({ rules }))).toEqual([
      "regle.reservationCapHT",
      "regle.smallFirmAdvanceRate",
      "regle.trackingBandHighHT",
    ]);
  });

  it("refuses negative weights and all-zero axis weights", () => {
    const zero = { social: 0, economique: 0, equilibre: 0, ecologique: 0 };
    expect(keys(withChanges({ weights: { ...reference.weights, axisWeights: zero } }))).toHaveLength(1);
    expect(
      keys(
        withChanges({
          weights: { ...reference.weights, axisWeights: { ...zero, social: 1 }, questionWeights: { q1: -1 } },
        }),
      ),
    ).toEqual(["poids.question.q1"]);
  });

  it("refuses priority actions that are not among the 26 actions, or repeated", () => {
    expect(keys(withChanges({ weights: { ...reference.weights, priorityActions: [8, 27, 8] } }))).toEqual([
      "priorite.action",
      "priorite.action",
    ]);
  });

  it("gives French messages", () => {
    const [error] = validatePolicy(withChanges({ name: " " }));
    expect(error).toEqual({ key: "nom", message: "La politique doit avoir un nom" });
  });
});
