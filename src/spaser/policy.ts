/**
 * The local SPASER policy of an organisation: its phases, its targets per indicator, its local rules,
 * its scoring weights and its priorities. Every SPASER is local (DESIGN §2): all of this is editable and
 * stored in the workbook (sheet "SPASER Paramètres", see policy-table.ts).
 */
import { INDICATOR_IDS, type IndicatorId } from "./indicators";
import { checkRuleValue, isTrackingBandOrdered, RULE_KEYS } from "./local-rules";
import { isFiniteNumber, isFraction } from "./normalize";
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

export const PHASE_LABELS: Readonly<Record<PhaseId, string>> = { phase1: "phase 1", phase2: "phase 2" };

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

const isPlanYear = (x: unknown): boolean =>
  isFiniteNumber(x) && Number.isInteger(x) && x >= MIN_PLAN_YEAR && x <= MAX_PLAN_YEAR;

/** French message for a target that is not a fraction; shared with the policy table. */
export function targetRangeMessage(indicatorId: string): string {
  return `la cible « ${indicatorId} » doit être un pourcentage entre 0 et 100 % (écrivez 30 % ou 0,3)`;
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
  if (isFiniteNumber(low) && isFiniteNumber(high) && !isTrackingBandOrdered(low, high)) {
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
