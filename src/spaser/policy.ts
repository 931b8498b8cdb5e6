/**
 * The local SPASER policy of an organisation: its phases, its targets per indicator, its local rules,
 * its scoring weights and its priorities. Every SPASER is local (DESIGN §2): all of this is editable and
 * stored in the workbook (sheet "SPASER Paramètres", see policy-table.ts).
 */
import { INDICATOR_IDS, type IndicatorId } from "./indicators";
import { AXIS_IDS, type AxisId, type LocalRules, type ScoringWeights } from "./types";

/** The plan has 26 numbered actions (DESIGN §2); priority actions must name one of them. */
export const SPASER_ACTION_COUNT = 26;
/** Plausible years for a plan; outside, a typo (202 or 20255) is more likely than a plan. */
export const MIN_PLAN_YEAR = 2000;
export const MAX_PLAN_YEAR = 2100;

export type PhaseId = "phase1" | "phase2";
export const PHASE_IDS: readonly PhaseId[] = ["phase1", "phase2"];

/** A phase runs from January of `startYear` to December of `endYear`, both included. */
export interface PhaseYears {
  readonly startYear: number;
  readonly endYear: number;
}

export interface IndicatorTargets {
  readonly phase1?: number;
  readonly phase2?: number;
  /** Explicit targets for single years (key = the year as text, "2026"), overriding the phase's target. */
  readonly byYear?: Readonly<Record<string, number>>;
}

export interface Policy {
  readonly name: string;
  /** The preset this policy started from; missing parameters of a policy table fall back to it. */
  readonly presetId: string;
  readonly phases: Readonly<Record<PhaseId, PhaseYears>>;
  /** Targets as fractions (0.7 = 70 %). An indicator absent here has no target. */
  readonly targets: Readonly<Partial<Record<IndicatorId, IndicatorTargets>>>;
  readonly rules: LocalRules;
  readonly weights: ScoringWeights;
  /** Free themes the organisation puts first ("eau", "apprentissage", "économie locale"). */
  readonly priorities: readonly string[];
}

/** The phase a year belongs to, if any. */
export function phaseOfYear(policy: Policy, year: number): PhaseId | undefined {
  return PHASE_IDS.find((id) => year >= policy.phases[id].startYear && year <= policy.phases[id].endYear);
}

/** The target of an indicator for a year: the year's explicit target, else its phase's, else none. */
export function targetFor(policy: Policy, indicatorId: IndicatorId, year: number): number | undefined {
  const targets = policy.targets[indicatorId];
  if (targets === undefined) return undefined;
  const byYear = targets.byYear;
  if (byYear !== undefined && Object.hasOwn(byYear, String(year))) return byYear[String(year)];
  const phase = phaseOfYear(policy, year);
  return phase === undefined ? undefined : targets[phase];
}

// ---------------------------------------------------------------------------------------------------------
// Keys: one name per parameter, shared by validation messages and the policy table
// ---------------------------------------------------------------------------------------------------------

export const policyKeys = {
  name: "nom",
  preset: "preset",
  phaseStart: (phase: PhaseId) => `phase.${phase === "phase1" ? 1 : 2}.debut`,
  phaseEnd: (phase: PhaseId) => `phase.${phase === "phase1" ? 1 : 2}.fin`,
  /** Phase target: `cible.env_criterion.phase1`; yearly target: `cible.env_criterion` with the year beside. */
  target: (id: string, phase?: PhaseId) => (phase === undefined ? `cible.${id}` : `cible.${id}.${phase}`),
  rule: (key: keyof LocalRules) => `regle.${key}`,
  axisWeight: (axis: AxisId) => `poids.axe.${axis}`,
  questionWeight: (questionId: string) => `poids.question.${questionId}`,
  priorityAction: "priorite.action",
  priorityTheme: "priorite.theme",
} as const;

// ---------------------------------------------------------------------------------------------------------
// Local rules: what each value is, for checks and labels
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

export const PHASE_LABELS: Readonly<Record<PhaseId, string>> = { phase1: "phase 1", phase2: "phase 2" };

export const AXIS_LABELS: Readonly<Record<AxisId, string>> = {
  social: "Axe social",
  economique: "Axe économique",
  equilibre: "Axe équilibre territorial",
  ecologique: "Axe écologique",
};

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

export interface PolicyError {
  /** The policy-table key of the faulty parameter (see `policyKeys`). */
  readonly key: string;
  /** For a yearly target, its year. */
  readonly year?: number;
  readonly message: string;
}

const isFiniteNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isFraction = (x: unknown): boolean => isFiniteNumber(x) && x >= 0 && x <= 1;
const isPlanYear = (x: unknown): boolean =>
  isFiniteNumber(x) && Number.isInteger(x) && x >= MIN_PLAN_YEAR && x <= MAX_PLAN_YEAR;

/** French message for a target that is not a fraction; shared with the policy table. */
export function targetRangeMessage(indicatorId: string): string {
  return `la cible « ${indicatorId} » doit être un pourcentage entre 0 et 100 % (écrivez 30 % ou 0,3)`;
}

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

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** All the problems of a policy, in French, each tied to its policy-table key. Empty list = valid. */
export function validatePolicy(policy: Policy): PolicyError[] {
  const errors: PolicyError[] = [];
  const add = (key: string, message: string, year?: number) =>
    errors.push(
      year === undefined ? { key, message: capitalise(message) } : { key, year, message: capitalise(message) },
    );

  if (typeof policy.name !== "string" || policy.name.trim() === "")
    add(policyKeys.name, "la politique doit avoir un nom");
  if (typeof policy.presetId !== "string" || policy.presetId.trim() === "") {
    add(policyKeys.preset, "le modèle de départ (preset) doit être indiqué");
  }

  for (const phase of PHASE_IDS) {
    const { startYear, endYear } = policy.phases[phase];
    const label = PHASE_LABELS[phase];
    if (!isPlanYear(startYear))
      add(
        policyKeys.phaseStart(phase),
        `le début de la ${label} doit être une année entre ${MIN_PLAN_YEAR} et ${MAX_PLAN_YEAR}`,
      );
    if (!isPlanYear(endYear))
      add(
        policyKeys.phaseEnd(phase),
        `la fin de la ${label} doit être une année entre ${MIN_PLAN_YEAR} et ${MAX_PLAN_YEAR}`,
      );
    if (isPlanYear(startYear) && isPlanYear(endYear) && startYear > endYear) {
      add(policyKeys.phaseEnd(phase), `la ${label} finit (${endYear}) avant de commencer (${startYear})`);
    }
  }
  const phase1End = policy.phases.phase1.endYear;
  const phase2Start = policy.phases.phase2.startYear;
  if (isPlanYear(phase1End) && isPlanYear(phase2Start) && phase2Start <= phase1End) {
    add(
      policyKeys.phaseStart("phase2"),
      `la phase 2 (${phase2Start}) doit commencer après la fin de la phase 1 (${phase1End})`,
    );
  }

  for (const [id, targets] of Object.entries(policy.targets)) {
    if (!(INDICATOR_IDS as readonly string[]).includes(id)) {
      add(policyKeys.target(id), `l'indicateur « ${id} » n'existe pas`);
      continue;
    }
    if (targets === undefined) continue;
    for (const phase of PHASE_IDS) {
      const value = targets[phase];
      if (value !== undefined && !isFraction(value)) add(policyKeys.target(id, phase), targetRangeMessage(id));
    }
    for (const [yearText, value] of Object.entries(targets.byYear ?? {})) {
      const year = Number(yearText);
      if (!isPlanYear(year) || String(year) !== yearText) {
        add(policyKeys.target(id), `l'année « ${yearText} » de la cible « ${id} » n'est pas valide`);
      } else if (!isFraction(value)) {
        add(policyKeys.target(id), targetRangeMessage(id), year);
      }
    }
  }

  for (const key of RULE_KEYS) {
    const message = checkRuleValue(key, policy.rules[key]);
    if (message !== undefined) add(policyKeys.rule(key), message);
  }
  const { trackingBandLowHT: low, trackingBandHighHT: high } = policy.rules;
  if (isFiniteNumber(low) && isFiniteNumber(high) && low >= high) {
    add(
      policyKeys.rule("trackingBandHighHT"),
      `la borne haute de la tranche suivie (${high} €) doit dépasser la borne basse (${low} €)`,
    );
  }

  let axisTotal = 0;
  for (const axis of AXIS_IDS) {
    const weight = policy.weights.axisWeights[axis];
    if (!isFiniteNumber(weight) || weight < 0)
      add(policyKeys.axisWeight(axis), `le poids de l'axe « ${axis} » doit être un nombre positif ou nul`);
    else axisTotal += weight;
  }
  if (axisTotal === 0 && errors.every((e) => !e.key.startsWith("poids.axe."))) {
    add(policyKeys.axisWeight(AXIS_IDS[0] as AxisId), "les poids des axes ne peuvent pas être tous nuls");
  }
  for (const [questionId, weight] of Object.entries(policy.weights.questionWeights)) {
    if (!isFiniteNumber(weight) || weight < 0) {
      add(
        policyKeys.questionWeight(questionId),
        `le poids de la question « ${questionId} » doit être un nombre positif ou nul`,
      );
    }
  }
  const seen = new Set<number>();
  for (const action of policy.weights.priorityActions) {
    if (!Number.isInteger(action) || action < 1 || action > SPASER_ACTION_COUNT) {
      add(
        policyKeys.priorityAction,
        `l'action prioritaire « ${action} » doit être un numéro d'action entre 1 et ${SPASER_ACTION_COUNT}`,
      );
    } else if (seen.has(action)) {
      add(policyKeys.priorityAction, `l'action ${action} est citée deux fois parmi les priorités`);
    }
    seen.add(action);
  }
  for (const theme of policy.priorities) {
    if (typeof theme !== "string" || theme.trim() === "")
      add(policyKeys.priorityTheme, "une priorité ne peut pas être vide");
  }
  return errors;
}
