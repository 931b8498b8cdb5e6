import { describe, expect, it } from "vitest";
import { importDecp } from "./import";
import { decpIndicators } from "./indicators";
import type { DecpRow } from "./types";

const A = "21590163800019";
const B = "21750001630066";

const env = (...labels: string[]) => ({ considerationEnvironnementale: labels });
const social = (...labels: string[]) => ({ considerationSociale: labels });
const prices = (...labels: string[]) => ({ typePrix: labels });

function marche(id: string, buyer: string, date: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { id, acheteur: { id: buyer }, dateNotification: date, ...fields };
}

/**
 * Buyer A, 2024:
 *   M1 100 000 €  env clause        social clause        avance (30 %)        révisable            3 offers
 *   M2  50 000 €  env none          reserved             avance, rate 0       ferme                1 offer
 *   M3 200 000 €  env MISSING       social none          no avance            price types MISSING  offers MISSING
 *   M4 150 000 €  env criterion     social MISSING       avance MISSING       révisable+provisoire 5 offers
 * Buyer A, 2023: M5 80 000 €, env none, social criterion, no avance, ferme, 2 offers.
 * Buyer B, 2024: M6 without amount, env clause, social none, 4 offers.
 */
const FIXTURE = JSON.stringify({
  marches: {
    marche: [
      marche("M1", A, "2024-02-01", {
        montant: 100000,
        considerationsEnvironnementales: env("Clause environnementale"),
        considerationsSociales: social("Clause sociale"),
        attributionAvance: true,
        tauxAvance: 0.3,
        typesPrix: prices("Définitif révisable"),
        offresRecues: 3,
      }),
      marche("M2", A, "2024-05-10", {
        montant: 50000,
        considerationsEnvironnementales: env("Pas de considération environnementale"),
        considerationsSociales: social("Marché réservé"),
        attributionAvance: true,
        tauxAvance: 0,
        typesPrix: prices("Définitif ferme"),
        offresRecues: 1,
      }),
      marche("M3", A, "2024-07-01", {
        montant: 200000,
        considerationsSociales: social("Pas de considération sociale"),
        attributionAvance: false,
      }),
      marche("M4", A, "2024-12-31", {
        montant: 150000,
        considerationsEnvironnementales: env("Critère environnemental"),
        typesPrix: prices("Définitif révisable", "Provisoire"),
        offresRecues: 5,
      }),
      marche("M5", A, "2023-11-20", {
        montant: 80000,
        considerationsEnvironnementales: env("Pas de considération environnementale"),
        considerationsSociales: social("Critère social"),
        attributionAvance: false,
        typesPrix: prices("Définitif ferme"),
        offresRecues: 2,
      }),
      marche("M6", B, "2024-03-03", {
        considerationsEnvironnementales: env("Clause environnementale"),
        considerationsSociales: social("Pas de considération sociale"),
        offresRecues: 4,
      }),
    ],
  },
});

function fixtureRows(): readonly DecpRow[] {
  const result = importDecp(FIXTURE, "fixture.json");
  if (!result.ok) throw new Error(result.message);
  return result.rows;
}

describe("DECP indicators per buyer and year", () => {
  const groups = decpIndicators(fixtureRows());

  it("groups by buyer SIRET and year of notification", () => {
    expect(groups.map((g) => [g.buyerSiret, g.year, g.count])).toEqual([
      [A, 2023, 1],
      [A, 2024, 4],
      [B, 2024, 1],
    ]);
  });

  it("buyer A 2024: count and value of contracts", () => {
    const a2024 = groups[1];
    // 100 000 + 50 000 + 200 000 + 150 000
    expect(a2024).toMatchObject({ count: 4, value: 500000, withoutAmount: 0 });
  });

  it("environmental share: M3 unknown, left out of both denominators", () => {
    // Known: M1 (clause), M2 (none), M4 (criterion) → 2 of 3; value (100 000 + 150 000) / 300 000 = 5/6.
    const share = groups[1]?.environmental;
    expect(share).toMatchObject({ count: 2, known: 3, unknown: 1, value: 250000, knownValue: 300000 });
    expect(share?.shareInNumber).toBeCloseTo(2 / 3, 12);
    expect(share?.shareInValue).toBeCloseTo(5 / 6, 12);
  });

  it("social share counts clause, criterion and reserved; M4 unknown", () => {
    // Known: M1 (clause), M2 (reserved), M3 (none) → 2 of 3; value 150 000 / 350 000 = 3/7.
    const share = groups[1]?.social;
    expect(share).toMatchObject({ count: 2, known: 3, unknown: 1, value: 150000, knownValue: 350000 });
    expect(share?.shareInValue).toBeCloseTo(3 / 7, 12);
    // 2023: M5 has a social criterion → 1 of 1.
    expect(groups[0]?.social.shareInNumber).toBe(1);
  });

  it("avance share: an avance with rate 0 (unknown rate) is still an avance", () => {
    // M1 yes, M2 yes (rate unknown), M3 no, M4 unknown → 2 of 3; value 150 000 / 350 000.
    const share = groups[1]?.advance;
    expect(share).toMatchObject({ count: 2, known: 3, unknown: 1 });
    expect(share?.shareInValue).toBeCloseTo(3 / 7, 12);
  });

  it("revisable price share: M3 without price types is unknown", () => {
    // M1 révisable, M2 ferme, M4 révisable + provisoire → 2 of 3; value 250 000 / 300 000.
    const share = groups[1]?.revisablePrice;
    expect(share).toMatchObject({ count: 2, known: 3, unknown: 1 });
    expect(share?.shareInValue).toBeCloseTo(5 / 6, 12);
  });

  it("mean offers over the contracts that give it", () => {
    // (3 + 1 + 5) / 3 = 3; M3 unknown.
    expect(groups[1]).toMatchObject({ meanOffers: 3, offersKnown: 3, offersUnknown: 1 });
  });

  it("a contract without amount counts in number, not in value", () => {
    const b = groups[2];
    expect(b).toMatchObject({ count: 1, value: 0, withoutAmount: 1 });
    expect(b?.environmental.shareInNumber).toBe(1);
    expect(b?.environmental.shareInValue).toBeUndefined();
    // Nothing known about the avance: no rate at all rather than 0 %.
    expect(b?.advance).toMatchObject({ known: 0, unknown: 1, shareInNumber: undefined });
  });
});
