/**
 * Default local rules of a SPASER, each with its source. A policy preset may override any of them; the
 * uncertain legal values (LEGAL-FACTS.md) live here too so that an organisation can correct them without
 * a code change.
 */
import type { LocalRules } from "./types";

/** SPASER action 11: reserve contracts below this amount when an ESS / SIAE / EA-ESAT offer exists. Local choice, no legal cap. */
export const RESERVATION_CAP_HT = 90_000;
/** SPASER action 8: study an insertion clause for every contract above this amount. */
export const INSERTION_STUDY_THRESHOLD_HT = 90_000;
/** SPASER action 11: contracts between these amounts are tracked for reservation. */
export const TRACKING_BAND_LOW_HT = 10_000;
export const TRACKING_BAND_HIGH_HT = 40_000;
/** SPASER action 17: avance bonifiée for small firms (policy, not law). */
export const SMALL_FIRM_ADVANCE_RATE = 0.3;
/** SPASER action 17: a small firm has fewer employees than this. */
export const SMALL_FIRM_MAX_EMPLOYEES = 50;
/** SPASER action 19: recommend price revision for contracts of at least this many months. */
export const PRICE_REVISION_MIN_MONTHS = 12;
/** CCP R2112-14 "part importante" of raw materials: uncertain, a policy reading of the text. */
export const RAW_MATERIAL_SHARE_FOR_MANDATORY_REVISION = 0.3;
/** Insertion sizing, standard method: share of labour hours reserved for insertion. */
export const DEFAULT_INSERTION_RATE = 0.05;
/** Insertion sizing, standard method: loaded hourly cost (25–30 €/h in the sources). */
export const DEFAULT_HOURLY_COST = 30;
/** CCP R2191-7 ff.: minimum avance for SMEs in central State contracts. Uncertain (one source says 30 %). */
export const STATE_SME_ADVANCE_MIN_RATE = 0.2;
/** CCP L2113-15: ESS reservation lasts at most this many years. Uncertain wording. */
export const ESS_RESERVATION_MAX_YEARS = 3;

export const DEFAULT_LOCAL_RULES: LocalRules = {
  reservationCapHT: RESERVATION_CAP_HT,
  insertionStudyThresholdHT: INSERTION_STUDY_THRESHOLD_HT,
  trackingBandLowHT: TRACKING_BAND_LOW_HT,
  trackingBandHighHT: TRACKING_BAND_HIGH_HT,
  smallFirmAdvanceRate: SMALL_FIRM_ADVANCE_RATE,
  smallFirmMaxEmployees: SMALL_FIRM_MAX_EMPLOYEES,
  priceRevisionMinMonths: PRICE_REVISION_MIN_MONTHS,
  rawMaterialShareForMandatoryRevision: RAW_MATERIAL_SHARE_FOR_MANDATORY_REVISION,
  defaultInsertionRate: DEFAULT_INSERTION_RATE,
  defaultHourlyCost: DEFAULT_HOURLY_COST,
  stateSmeAdvanceMinRate: STATE_SME_ADVANCE_MIN_RATE,
  essReservationMaxYears: ESS_RESERVATION_MAX_YEARS,
};

/** Which rules are fractions (0–1); the others are amounts, counts or durations (≥ 0). */
const FRACTION_RULES: ReadonlySet<keyof LocalRules> = new Set<keyof LocalRules>([
  "smallFirmAdvanceRate",
  "rawMaterialShareForMandatoryRevision",
  "defaultInsertionRate",
  "stateSmeAdvanceMinRate",
]);

/**
 * Merge an organisation's (possibly partial) rules over the defaults and check every value.
 * Returns the French message of the first bad value, or the merged rules.
 */
export function resolveLocalRules(rules: unknown): LocalRules | { readonly error: string } {
  if (rules === undefined || rules === null) return DEFAULT_LOCAL_RULES;
  if (typeof rules !== "object" || Array.isArray(rules)) {
    return { error: "Les règles locales doivent être un objet de paramètres." };
  }
  const merged: Record<string, number> = { ...DEFAULT_LOCAL_RULES };
  for (const key of Object.keys(DEFAULT_LOCAL_RULES) as Array<keyof LocalRules>) {
    const value: unknown = (rules as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      return { error: `Paramètre local « ${key} » invalide : un nombre positif ou nul est attendu.` };
    }
    if (FRACTION_RULES.has(key) && value > 1) {
      return { error: `Paramètre local « ${key} » invalide : une fraction entre 0 et 1 est attendue (0,3 pour 30 %).` };
    }
    merged[key] = value;
  }
  if (merged.trackingBandLowHT! > merged.trackingBandHighHT!) {
    return { error: "Paramètres locaux invalides : la borne basse de la tranche suivie dépasse la borne haute." };
  }
  return merged as unknown as LocalRules;
}
