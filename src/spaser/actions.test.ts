import { describe, it, expect } from "vitest";
import { ACTIONS, ACTION_FIELDS, AXIS_LABELS, OBJECTIVES, actionField, getAction } from "./actions";
import { AXIS_IDS } from "./types";

describe("SPASER action catalogue", () => {
  it("has 26 actions numbered 1 to 26, on 4 axes and 8 objectives", () => {
    expect(ACTIONS.map((a) => a.number)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(new Set(ACTIONS.map((a) => a.axis))).toEqual(new Set(AXIS_IDS));
    expect(new Set(ACTIONS.map((a) => a.objective))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(OBJECTIVES).toHaveLength(8);
  });

  it("puts each action on its objective's axis, every action with a pilot, an indicator and effects", () => {
    for (const action of ACTIONS) {
      const objective = OBJECTIVES.find((o) => o.number === action.objective);
      expect(objective?.axis, `action ${action.number}`).toBe(action.axis);
      expect(action.pilot.length).toBeGreaterThan(0);
      expect(action.indicator.length).toBeGreaterThan(0);
      expect(action.effects.length).toBeGreaterThan(0);
    }
  });

  it("follows the plan's layout: governance 1–7 on the deployment dashboard, then insertion, economy, balance, ecology", () => {
    const range = (from: number, to: number) => ACTIONS.filter((a) => a.number >= from && a.number <= to);
    expect(range(1, 7).every((a) => a.deployment && a.objective === 1)).toBe(true);
    expect(ACTIONS.filter((a) => a.deployment).map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(range(8, 14).every((a) => a.axis === "social" && a.objective === 2)).toBe(true);
    expect(range(15, 18).every((a) => a.axis === "economique")).toBe(true);
    expect(range(19, 22).every((a) => a.axis === "equilibre")).toBe(true);
    expect(range(23, 26).every((a) => a.axis === "ecologique")).toBe(true);
  });

  it("keeps the seven actions the plan's text names, with their subjects and thresholds", () => {
    const text = (n: number) => {
      const a = getAction(n)!;
      return [a.title, a.indicator, ...a.effects].join(" ");
    };
    expect(text(3)).toMatch(/tableaux de bord/);
    expect(text(3)).toMatch(/déploiement/);
    expect(getAction(3)!.deployment).toBe(true);
    expect(text(8)).toMatch(/clause d'insertion/);
    expect(getAction(8)!.title).toMatch(/> 90 000 € HT/);
    expect(getAction(11)!.title).toMatch(/< 90 000 € HT/);
    expect(getAction(11)!.title).toMatch(/ESS, SIAE ou EA-ESAT/);
    expect(getAction(11)!.title).toMatch(/10 000 et 40 000 € HT/);
    expect(text(15)).toMatch(/open data/);
    expect(text(15)).toMatch(/DECP/);
    expect(getAction(17)!.title).toMatch(/avance bonifiée de 30 % sans garantie/);
    expect(getAction(17)!.title).toMatch(/moins de 50 salariés/);
    expect(getAction(17)!.title).toMatch(/seuil européen/);
    expect(getAction(19)!.title).toMatch(/révision des prix/);
    expect(getAction(19)!.title).toMatch(/supérieure à un an/);
    expect(getAction(20)!.title).toMatch(/négociation/);
    expect(getAction(20)!.title).toMatch(/MAPA/);
  });

  it("mostly measures effects as 'contracts with X / contracts targeted'", () => {
    const contractRatios = ACTIONS.filter((a) => a.effects.some((e) => /^Contrats .* \/ /.test(e)));
    expect(contractRatios.length).toBeGreaterThanOrEqual(13);
  });

  it("returns undefined for a number outside the plan", () => {
    expect(getAction(0)).toBeUndefined();
    expect(getAction(27)).toBeUndefined();
    expect(getAction(8.5)).toBeUndefined();
  });
});

describe("actionField (SPASER.ACTION)", () => {
  it("gives the title by default and accepts French and English field names, any case and accents", () => {
    const title = actionField(8);
    expect(title.ok && title.value).toBe(getAction(8)!.title);
    const pilote = actionField(17, "Pilote");
    const pilot = actionField(17, "pilot");
    expect(pilote.ok && pilote.value).toBe(getAction(17)!.pilot);
    expect(pilot).toEqual(pilote);
    const axe = actionField("24", "AXE");
    expect(axe.ok && axe.value).toBe(AXIS_LABELS.ecologique);
    const objective = actionField(20, "objectif");
    expect(objective.ok && objective.value).toBe(5);
    const effects = actionField(11, "effets");
    expect(effects.ok && effects.value).toBe(getAction(11)!.effects.join("; "));
    const indicator = actionField(3, "Indicateur");
    expect(indicator.ok && indicator.value).toBe(getAction(3)!.indicator);
  });

  it("names the action as its basis", () => {
    const r = actionField(19, "titre");
    expect(r.ok && r.basis).toEqual(["SPASER action 19"]);
  });

  it("lists each field under an English and a French name", () => {
    expect(new Set(Object.values(ACTION_FIELDS))).toEqual(
      new Set(["title", "axis", "objective", "pilot", "indicator", "effects"]),
    );
    expect(Object.keys(ACTION_FIELDS)).toHaveLength(12);
  });

  it("refuses unknown numbers and fields with a French message", () => {
    for (const bad of [0, 27, 3.5, "abc", null, undefined, true]) {
      const r = actionField(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.field).toBe("number");
        expect(r.message).toMatch(/Numéro d'action inconnu/);
      }
    }
    for (const inherited of ["constructor", "toString", "__proto__"]) expect(actionField(8, inherited).ok).toBe(false);
    const r = actionField(8, "budget");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Champ inconnu/);
  });
});
