import { describe, expect, it } from "vitest";
import { loiClimatCompliance } from "./loi-climat";
import { anyValue, expectTotal } from "./test-support";

const local = { buyerKind: "collectivite", nature: "fournitures" } as const;

describe("loiClimatCompliance", () => {
  it("does not apply to consultations launched before 2026-08-21", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-08-20",
      amountHT: 500_000,
      envClause: false,
      envCriterion: false,
      socialConsideration: false,
      ...local,
    });
    expect(outcome.ok && outcome.value).toMatchObject({ applicable: false, missing: [] });
    expect(outcome.ok && outcome.explanation).toContain("ne s'appliquent pas");
  });

  it("is compliant with environmental clause and criterion below the EU threshold, without social consideration", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 150_000,
      envClause: true,
      envCriterion: true,
      socialConsideration: false,
      ...local,
    });
    expect(outcome.ok && outcome.value).toMatchObject({ applicable: true, compliant: true, summary: "Conforme" });
  });

  it("requires a social consideration from the EU threshold (L2112-2-1)", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 230_000,
      envClause: true,
      envCriterion: true,
      socialConsideration: false,
      ...local,
    });
    expect(outcome.ok && outcome.value.compliant).toBe(false);
    expect(outcome.ok && outcome.value.missing.map((m) => m.code)).toEqual(["consideration_sociale"]);
    expect(outcome.ok && outcome.value.missing[0]?.article).toBe("CCP L2112-2-1");
  });

  it("accepts a single cost criterion in a life-cycle approach instead of an environmental criterion", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 50_000,
      envClause: true,
      envCriterion: false,
      socialConsideration: false,
      singleCostCriterionWithLifecycle: true,
      ...local,
    });
    expect(outcome.ok && outcome.value.compliant).toBe(true);
  });

  it("lists what is missing and, separately, what was not filled in", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 50_000,
      envClause: false,
      envCriterion: undefined,
      socialConsideration: undefined,
      ...local,
    });
    expect(outcome.ok && outcome.value.missing.map((m) => m.code)).toEqual(["clause_environnementale"]);
    expect(outcome.ok && outcome.value.unknown.map((m) => m.code)).toEqual(["critere_environnemental"]);
    expect(outcome.ok && outcome.value.summary).toContain("Manque : Condition d'exécution environnementale");
    expect(outcome.ok && outcome.value.summary).toContain("Non renseigné");
  });

  it("does not call a contract compliant when only the flags are empty", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 50_000,
      envClause: true,
      envCriterion: true,
      socialConsideration: undefined,
      ...local,
    });
    expect(outcome.ok && outcome.value.compliant).toBe(true);
    const empty = loiClimatCompliance({ launchDate: "2026-09-01", amountHT: 50_000, ...local } as never);
    expect(empty.ok && empty.value).toMatchObject({ compliant: false, missing: [] });
    expect(empty.ok && empty.explanation).toContain("Conformité non établie");
  });

  it("asks for the buyer kind and nature when the EU threshold is undecided", () => {
    const outcome = loiClimatCompliance({
      launchDate: "2026-09-01",
      amountHT: 300_000,
      envClause: true,
      envCriterion: true,
      socialConsideration: false,
    });
    expect(outcome.ok && outcome.value.unknown.map((m) => m.code)).toEqual(["consideration_sociale"]);
    expect(outcome.ok && outcome.explanation).toContain("précisez");
  });

  it("rejects flags that are not yes/no and dates before 2019", () => {
    expect(
      loiClimatCompliance({
        launchDate: "2026-09-01",
        amountHT: 1,
        envClause: "oui" as never,
        envCriterion: true,
        socialConsideration: true,
      }),
    ).toMatchObject({ ok: false, field: "envClause" });
    expect(
      loiClimatCompliance({
        launchDate: "2018-09-01",
        amountHT: 1,
        envClause: true,
        envCriterion: true,
        socialConsideration: true,
      }),
    ).toMatchObject({ ok: false, field: "launchDate" });
  });

  it("is total: never throws", () => {
    expectTotal(loiClimatCompliance, {
      launchDate: anyValue,
      amountHT: anyValue,
      envClause: anyValue,
      envCriterion: anyValue,
      socialConsideration: anyValue,
      buyerKind: anyValue,
      nature: anyValue,
      singleCostCriterionWithLifecycle: anyValue,
    });
  });
});
