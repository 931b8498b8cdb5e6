import { describe, expect, it } from "vitest";
import { targetFor, validatePolicy } from "./policy";
import { getPreset, PRESET_IDS, PRESETS } from "./presets";

const reference = PRESETS.reference;

describe("presets", () => {
  it("encode the reference plan's deployment targets (phase 1 → phase 2)", () => {
    expect(reference.targets).toEqual({
      env_criterion: { phase1: 0.3, phase2: 0.7 },
      env_consideration: { phase1: 0.5, phase2: 1 },
      insertion_formal: { phase1: 0.5, phase2: 0.8 },
      social_consideration: { phase1: 0.3, phase2: 0.6 },
      circular_economy: { phase1: 0.5, phase2: 0.8 },
      sme_share: { phase1: 0.5, phase2: 0.8 },
    });
    expect(reference.phases).toEqual({
      phase1: { startYear: 2025, endYear: 2026 },
      phase2: { startYear: 2027, endYear: 2028 },
    });
  });

  it("encode the métropole's, the PNAD's and the legal floor's targets", () => {
    expect(targetFor(PRESETS.metropole, "env_clause", 2025)).toBe(1);
    expect(targetFor(PRESETS.metropole, "social_clause", 2027)).toBe(0.3);
    expect(targetFor(PRESETS.metropole, "solidarity_value_share", 2025)).toBe(0.05);
    expect(targetFor(PRESETS.pnad_2025, "env_consideration", 2025)).toBe(1);
    expect(targetFor(PRESETS.pnad_2025, "social_consideration", 2025)).toBe(0.3);
    expect(targetFor(PRESETS.legal_floor, "env_consideration", 2025)).toBeUndefined(); // before the Loi Climat date
    expect(targetFor(PRESETS.legal_floor, "env_consideration", 2026)).toBe(1);
    expect(targetFor(PRESETS.legal_floor, "social_consideration", 2027)).toBeUndefined();
  });

  it.each(PRESET_IDS)("%s is a valid policy", (id) => {
    expect(validatePolicy(PRESETS[id])).toEqual([]);
    expect(getPreset(id)).toBe(PRESETS[id]);
  });

  it("getPreset refuses unknown ids", () => {
    expect(getPreset("toString")).toBeUndefined();
  });
});
