/**
 * Default local rules of a SPASER, each with its source. A policy preset may override any of them; the
 * uncertain legal values (LEGAL-FACTS.md) live here too so that an organisation can correct them without
 * a code change. Each rule's kind and French label (RULE_SPECS) and the check of its value live here too:
 * the policy table, validatePolicy and the rules' own `rules` argument all judge a value the same way.
 */
import { isFiniteNumber, isFraction } from "./normalize";
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

// ---------------------------------------------------------------------------------------------------------
// What each rule is, and the one check of its value (the policy table and resolveLocalRules both use it)
// ---------------------------------------------------------------------------------------------------------

/** amount: € HT; fraction: 0–1; count: whole number; months / years: a duration; hourlyCost: €/h. */
export type RuleKind = "amount" | "fraction" | "count" | "months" | "years" | "hourlyCost";

export interface RuleSpec {
  readonly kind: RuleKind;
  readonly labelFr: string;
}

/** Typed as a full Record so that a new LocalRules key cannot be forgotten here. */
export const RULE_SPECS: Readonly<Record<keyof LocalRules, RuleSpec>> = {
  reservationCapHT: { kind: "amount", labelFr: "Plafond des marchés réservés (€ HT, action 11)" },
  insertionStudyThresholdHT: { kind: "amount", labelFr: "Seuil d'étude d'une clause d'insertion (€ HT, action 8)" },
  trackingBandLowHT: { kind: "amount", labelFr: "Tranche suivie pour la réservation : borne basse (€ HT, action 11)" },
  trackingBandHighHT: { kind: "amount", labelFr: "Tranche suivie pour la réservation : borne haute (€ HT, action 11)" },
  smallFirmAdvanceRate: { kind: "fraction", labelFr: "Avance bonifiée des petites entreprises (action 17)" },
  smallFirmMaxEmployees: { kind: "count", labelFr: "Petite entreprise : effectif inférieur à (action 17)" },
  priceRevisionMinMonths: { kind: "months", labelFr: "Révision des prix au-delà de (mois, action 19)" },
  rawMaterialShareForMandatoryRevision: {
    kind: "fraction",
    labelFr: "Part importante de matières premières (R2112-14)",
  },
  defaultInsertionRate: { kind: "fraction", labelFr: "Taux d'insertion par défaut (dimensionnement)" },
  defaultHourlyCost: { kind: "hourlyCost", labelFr: "Coût horaire chargé par défaut (€/h)" },
  stateSmeAdvanceMinRate: { kind: "fraction", labelFr: "Avance minimale des PME, marchés de l'État" },
  essReservationMaxYears: { kind: "years", labelFr: "Durée maximale d'une réservation ESS (ans, L2113-15)" },
};

export const RULE_KEYS = Object.keys(RULE_SPECS) as (keyof LocalRules)[];

/** Check one local rule value; returns a French message (without subject) or undefined. */
export function checkRuleValue(key: keyof LocalRules, value: unknown): string | undefined {
  const spec = RULE_SPECS[key];
  if (!isFiniteNumber(value)) return `le paramètre « ${key} » doit être un nombre`;
  switch (spec.kind) {
    case "fraction":
      return isFraction(value) ? undefined : `le paramètre « ${key} » doit être un pourcentage entre 0 et 100 %`;
    case "count":
      return Number.isInteger(value) && value > 0 ? undefined : `le paramètre « ${key} » doit être un entier positif`;
    case "amount":
      // The low end of the tracking band may be 0; every cap or threshold must be positive.
      if (key === "trackingBandLowHT") {
        return value >= 0 ? undefined : `le paramètre « ${key} » doit être un montant positif ou nul`;
      }
      return value > 0 ? undefined : `le paramètre « ${key} » doit être un montant positif`;
    case "months":
    case "years":
    case "hourlyCost":
      return value > 0 ? undefined : `le paramètre « ${key} » doit être positif`;
  }
}

/** SPASER action 11: the tracked band runs from its low end to a strictly higher high end. */
export function isTrackingBandOrdered(low: number, high: number): boolean {
  return low < high;
}

// ---------------------------------------------------------------------------------------------------------
// An organisation's rules object
// ---------------------------------------------------------------------------------------------------------

/**
 * Merge an organisation's (possibly partial) rules over the defaults and check every value with
 * checkRuleValue, as a policy table is checked. Returns the French message of the first bad value, or the
 * merged rules.
 */
export function resolveLocalRules(rules: unknown): LocalRules | { readonly error: string } {
  if (rules === undefined || rules === null) return DEFAULT_LOCAL_RULES;
  if (typeof rules !== "object" || Array.isArray(rules)) {
    return { error: "Les règles locales doivent être un objet de paramètres." };
  }
  const merged: Record<keyof LocalRules, number> = { ...DEFAULT_LOCAL_RULES };
  for (const key of RULE_KEYS) {
    const value: unknown = (rules as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (checkRuleValue(key, value) !== undefined) return { error: localRuleMessage(key, value) };
    merged[key] = value as number;
  }
  if (!isTrackingBandOrdered(merged.trackingBandLowHT, merged.trackingBandHighHT)) {
    return { error: "Paramètres locaux invalides : la borne haute de la tranche suivie doit dépasser la borne basse." };
  }
  return merged;
}

/** What resolveLocalRules says of a refused value, in the units of a rules object (fractions, not %). */
function localRuleMessage(key: keyof LocalRules, value: unknown): string {
  const kind = RULE_SPECS[key].kind;
  let expected: string;
  if (kind === "fraction" && isFiniteNumber(value) && value > 1) {
    expected = "une fraction entre 0 et 1 est attendue (0,3 pour 30 %)";
  } else if (kind === "count") {
    expected = "un nombre entier strictement positif est attendu";
  } else if (checkRuleValue(key, 0) === undefined) {
    expected = "un nombre positif ou nul est attendu";
  } else {
    expected = "un nombre strictement positif est attendu";
  }
  return `Paramètre local « ${key} » invalide : ${expected}.`;
}
