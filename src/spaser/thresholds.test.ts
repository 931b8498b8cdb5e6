import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { euThresholdFor, possibleEuThresholds, THRESHOLD_NAMES, THRESHOLD_PERIODS, thresholdAt } from "./thresholds";
import type { BuyerKind, ContractNature } from "./types";

function valueOf(name: string, date: string): number | undefined {
  const outcome = thresholdAt(name, date);
  return outcome.ok ? outcome.value : undefined;
}

describe("thresholdAt", () => {
  it("raises the supplies and services dispense from 40 000 to 60 000 € for consultations launched from 2026-04-01", () => {
    expect(valueOf("dispense_fs", "2026-03-31")).toBe(40_000);
    expect(valueOf("dispense_fs", "2026-04-01")).toBe(60_000);
  });

  it("keeps the works dispense at 100 000 €, temporary until 2025 and permanent from 2026", () => {
    expect(valueOf("dispense_works", "2025-12-31")).toBe(100_000);
    const outcome = thresholdAt("dispense_works", "2026-01-01");
    expect(outcome.ok && outcome.value).toBe(100_000);
    expect(outcome.ok && outcome.explanation).toContain("pérenne");
  });

  it("gives the EU threshold of local authorities by period: 221 000 € in 2025, 216 000 € in 2026, 215 000 € in 2023", () => {
    expect(valueOf("eu_fs_local", "2025-12-31")).toBe(221_000);
    expect(valueOf("eu_fs_local", "2026-01-01")).toBe(216_000);
    expect(valueOf("eu_fs_local", "2023-06-30")).toBe(215_000);
    expect(valueOf("eu_works", "2022-03-01")).toBe(5_382_000);
    expect(valueOf("eu_works", "2024-03-01")).toBe(5_538_000);
    expect(valueOf("eu_works", "2026-03-01")).toBe(5_404_000);
    expect(valueOf("eu_fs_state", "2024-03-01")).toBe(143_000);
    expect(valueOf("eu_fs_state", "2026-03-01")).toBe(140_000);
    expect(valueOf("eu_utilities", "2025-03-01")).toBe(443_000);
    expect(valueOf("eu_utilities", "2027-12-31")).toBe(432_000);
  });

  it("keeps MAPA publicity at 90 000 € and DECP publication at 40 000 €, the latter flagged as uncertain for old data", () => {
    expect(valueOf("mapa_publicity", "2019-05-01")).toBe(90_000);
    expect(valueOf("mapa_publicity", "2027-05-01")).toBe(90_000);
    expect(valueOf("decp_publication", "2024-01-01")).toBe(40_000);
    const old = thresholdAt("decp_publication", "2021-01-01");
    expect(old.ok && old.explanation).toContain("à confirmer");
  });

  it("accepts French aliases whatever the case and accents", () => {
    expect(valueOf("Seuil européen collectivités", "2026-09-01")).toBe(216_000);
    expect(valueOf("SEUIL_EUROPEEN_COLLECTIVITES", "2026-09-01")).toBe(216_000);
    expect(valueOf("dispense fournitures-services", "2026-09-01")).toBe(60_000);
    expect(valueOf("Dispense travaux", "2026-09-01")).toBe(100_000);
    expect(valueOf("données essentielles", "2026-09-01")).toBe(40_000);
  });

  it("accepts a name written with punctuation, as buyers type it in a cell", () => {
    expect(valueOf("Seuil européen (collectivités)", "2026-09-01")).toBe(216_000);
    expect(valueOf("seuil-europeen-travaux", "2026-09-01")).toBe(5_404_000);
  });

  it("says the value after 2027 is the last known one, not a confirmed one", () => {
    const outcome = thresholdAt("eu_fs_local", "2028-06-01");
    expect(outcome.ok && outcome.value).toBe(216_000);
    expect(outcome.ok && outcome.explanation).toContain("pas encore connue");
  });

  it("refuses dates before 2019, malformed dates and unknown names with a French message", () => {
    const old = thresholdAt("eu_fs_local", "2018-12-31");
    expect(old).toMatchObject({ ok: false, field: "date" });
    expect(!old.ok && old.message).toContain("2019");
    expect(thresholdAt("eu_fs_local", "2026-02-30")).toMatchObject({ ok: false, field: "date" });
    expect(thresholdAt("eu_fs_local", "01/09/2026")).toMatchObject({ ok: false, field: "date" });
    expect(thresholdAt("seuil_inconnu", "2026-09-01")).toMatchObject({ ok: false, field: "name" });
  });

  it("covers every threshold on every day from 2019 with no overlapping periods", () => {
    for (const { id } of THRESHOLD_NAMES) {
      const periods = THRESHOLD_PERIODS.filter((p) => p.id === id).sort((a, b) => a.from.localeCompare(b.from));
      expect(periods[0]?.from).toBe("2019-01-01");
      expect(periods[periods.length - 1]?.to).toBeUndefined();
      for (let i = 1; i < periods.length; i++) {
        const previousEnd = periods[i - 1]?.to;
        expect(previousEnd, `${id} period ${i}`).toBeDefined();
        const next = new Date(`${previousEnd}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        expect(next.toISOString().slice(0, 10)).toBe(periods[i]?.from);
      }
    }
  });

  it("documents every threshold in French and English", () => {
    for (const name of THRESHOLD_NAMES) {
      expect(name.labelFr.length).toBeGreaterThan(10);
      expect(name.labelEn.length).toBeGreaterThan(10);
      expect(valueOf(name.id, "2026-09-01")).toBeGreaterThan(0);
      for (const alias of name.aliasesFr) expect(valueOf(alias, "2026-09-01")).toBe(valueOf(name.id, "2026-09-01"));
    }
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.oneof(fc.anything(), fc.string(), fc.constantFrom("2026-09-01", "2018-12-31")),
        (name, date) => {
          const outcome = thresholdAt(name as string, date as string);
          expect(typeof outcome.ok).toBe("boolean");
        },
      ),
    );
  });
});

describe("euThresholdFor", () => {
  it.each<[BuyerKind, ContractNature, number]>([
    ["collectivite", "fournitures", 216_000],
    ["collectivite_60m", "services", 216_000],
    ["autre", "services", 216_000],
    ["etat", "services", 140_000],
    ["entite_adjudicatrice", "fournitures", 432_000],
    ["defense", "services", 432_000],
    ["collectivite", "travaux", 5_404_000],
    ["etat", "travaux", 5_404_000],
  ])("%s, %s in September 2026: %d €", (buyer, nature, expected) => {
    const outcome = euThresholdFor(buyer, nature, "2026-09-01");
    expect(outcome.ok && outcome.value).toBe(expected);
  });

  it("refuses an unknown buyer kind or nature", () => {
    expect(euThresholdFor("mairie" as BuyerKind, "services", "2026-09-01")).toMatchObject({
      ok: false,
      field: "buyerKind",
    });
    expect(euThresholdFor("etat", "logiciel" as ContractNature, "2026-09-01")).toMatchObject({
      ok: false,
      field: "nature",
    });
  });

  it("lists the thresholds that may apply when the buyer or nature is unknown", () => {
    const outcome = possibleEuThresholds(undefined, "services", "2026-09-01");
    expect(outcome.ok && outcome.value).toEqual([140_000, 216_000, 432_000]);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (buyer, nature, date) => {
        const outcome = euThresholdFor(buyer as BuyerKind, nature as ContractNature, date as string);
        expect(typeof outcome.ok).toBe("boolean");
      }),
    );
  });
});
