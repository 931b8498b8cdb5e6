/**
 * The figures a SPASER yearly report publishes from DECP (CCP L2111-3: "indicateurs précis, en nombre de
 * contrats ou en valeur"), per buyer SIRET and per year of notification. A row whose fact is unknown (the
 * DECP field is missing) is left out of that share's numerator and denominator and counted apart, so that
 * a missing field never lowers a rate (LEGAL-FACTS.md, DECP 2024: missing is not "Pas de considération").
 */
import type { DecpRow } from "./types";

export interface DecpShare {
  /** Rows where the fact is true. */
  readonly count: number;
  /** Rows where the fact is known (true or false): the denominator in number. */
  readonly known: number;
  /** Rows where the fact is unknown, excluded from both denominators. */
  readonly unknown: number;
  /** count / known, undefined when nothing is known. */
  readonly shareInNumber: number | undefined;
  /** Amount of the true rows. */
  readonly value: number;
  /** Amount of the known rows with an amount: the denominator in value. */
  readonly knownValue: number;
  /** value / knownValue, undefined when no known row has an amount. */
  readonly shareInValue: number | undefined;
}

export interface DecpIndicatorGroup {
  readonly buyerSiret: string | undefined;
  readonly buyerName: string | undefined;
  /** Year of notification; undefined for rows without a notification date. */
  readonly year: number | undefined;
  readonly count: number;
  /** Sum of the current amounts HT of the rows that have one. */
  readonly value: number;
  /** Rows without an amount (counted in number, not in value). */
  readonly withoutAmount: number;
  /** Environmental clause or criterion. */
  readonly environmental: DecpShare;
  /** Social clause, social criterion or reserved contract. */
  readonly social: DecpShare;
  /** An avance was granted (attributionAvance). */
  readonly advance: DecpShare;
  /** Revisable price (SPASER action 19). */
  readonly revisablePrice: DecpShare;
  /** Mean number of offers received over the rows that give it. */
  readonly meanOffers: number | undefined;
  readonly offersKnown: number;
  readonly offersUnknown: number;
}

/** Is the fact true, false, or unknown for this row? */
type Fact = (row: DecpRow) => boolean | undefined;

/** Environmental consideration: a clause or a criterion; false only when the DECP field says so. */
export const hasEnvironmentalConsideration: Fact = (row) => row.flags.envConsideration;
/** Social consideration: a clause, a criterion or a reserved contract (DECP `considerationsSociales`). */
export const hasSocialConsideration: Fact = (row) => row.flags.socialConsideration;
export const hasAdvance: Fact = (row) => row.attributionAvance;
export const hasRevisablePrice: Fact = (row) => row.revisablePrice;

/** Indicators per buyer and year of notification, sorted by buyer SIRET then year. */
export function decpIndicators(rows: readonly DecpRow[]): DecpIndicatorGroup[] {
  const groups = new Map<string, DecpRow[]>();
  for (const row of rows) {
    const key = `${row.buyerSiret ?? ""}|${yearOf(row) ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const result = [...groups.values()].map(indicatorsOf);
  return result.sort(
    (a, b) =>
      (a.buyerSiret ?? "~").localeCompare(b.buyerSiret ?? "~") ||
      (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER),
  );
}

function indicatorsOf(rows: readonly DecpRow[]): DecpIndicatorGroup {
  const first = rows[0];
  const offers = rows.map((r) => r.offresRecues).filter((n): n is number => n !== undefined);
  return {
    buyerSiret: first?.buyerSiret,
    buyerName: rows.find((r) => r.buyerName !== undefined)?.buyerName,
    year: first ? yearOf(first) : undefined,
    count: rows.length,
    value: sumAmounts(rows),
    withoutAmount: rows.filter((r) => r.amount === undefined).length,
    environmental: share(rows, hasEnvironmentalConsideration),
    social: share(rows, hasSocialConsideration),
    advance: share(rows, hasAdvance),
    revisablePrice: share(rows, hasRevisablePrice),
    meanOffers: offers.length === 0 ? undefined : offers.reduce((a, b) => a + b, 0) / offers.length,
    offersKnown: offers.length,
    offersUnknown: rows.length - offers.length,
  };
}

export function share(rows: readonly DecpRow[], fact: Fact): DecpShare {
  const known = rows.filter((row) => fact(row) !== undefined);
  const positive = known.filter((row) => fact(row) === true);
  const knownValue = sumAmounts(known);
  const value = sumAmounts(positive);
  const withAmount = known.some((row) => row.amount !== undefined);
  return {
    count: positive.length,
    known: known.length,
    unknown: rows.length - known.length,
    shareInNumber: known.length === 0 ? undefined : positive.length / known.length,
    value,
    knownValue,
    shareInValue: withAmount && knownValue > 0 ? value / knownValue : undefined,
  };
}

/** Sum in euros, rounded to the cent (binary floating point adds noise to sums of cents). */
function sumAmounts(rows: readonly DecpRow[]): number {
  return Math.round(rows.reduce((sum, row) => sum + (row.amount ?? 0), 0) * 100) / 100;
}

function yearOf(row: DecpRow): number | undefined {
  return row.notificationDate === undefined ? undefined : Number(row.notificationDate.slice(0, 4));
}
