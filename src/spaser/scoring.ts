/**
 * Cotation of a contract for the Comité des Achats Durables (SPASER action 2): its *potentiel durable*.
 *
 * What the number means. The potentiel durable is the room for improvement of a contract, weighted by how
 * feasible that improvement is. 100 = no lever is in place and the service is ready to study all of them;
 * 0 = every applicable lever is already in place. The committee picks the contracts with the most to gain.
 *
 * Formula (documented here, tested in scoring.test.ts):
 * - For each question that applies to the contract (its condition on the facts holds) and is answered,
 *   other than "Sans objet":
 *     achievement a ∈ [0, 1]: "Oui" = 1 (already done), "Non" = "À étudier" = 0; a number counts linearly from
 *       the question's min to its `fullAt` value; a choice uses its option's achievement;
 *     feasibility f: "À étudier" = 1 (the service agrees to study the lever), "Non" = REFUSED_LEVER_FEASIBILITY
 *       (0.5: the room is there but the service has not agreed); numbers = 1; choices use their option's f;
 *     potential p = (1 − a) × f.
 * - "Sans objet" answers leave the denominators (and the applicable count); unanswered questions do not
 *   count in the score but lower the completeness.
 * - Axis score S = 100 × Σ w·p ÷ Σ w over the axis' answered questions, with w = weights.questionWeights[id]
 *   when given, else the question's default weight. S is undefined when no applicable question is answered.
 * - Overall = Σ W·S ÷ Σ W over the axes that have a score, with W = weights.axisWeights[axis]; 0 when no axis
 *   has one. So one answer of weight w in axis X moving p by Δp moves the overall by
 *   100 × (W_X ÷ ΣW) × (w ÷ Σw_X) × Δp, as long as the set of scored axes does not change.
 * - Completeness = answered ÷ applicable (1 when nothing applies).
 *
 * Feasibility of the contract (for the committee, not part of the number): from the time left before the
 * award (the plan works with the service between J-24 and J-14, cotation at J-12) and from the mean
 * feasibility of the remaining room (mostly "À étudier" = the service is engaged).
 * Priority for the committee: points for a high potential, a recommended action the policy puts first
 * (weights.priorityActions), an amount above the insertion study threshold and a recurring contract.
 */
import { ACTIONS } from "./actions";
import { answerLabel, answersFromRow, type AnswerSet, type AnswerValue } from "./answers";
import { isValidIsoDate, monthsBetween } from "./dates";
import { decimalComma, euros } from "./format";
import {
  evaluateCondition,
  getQuestionnaire,
  resolveThresholds,
  YES_NO_OPTIONS,
  type ContractFacts,
  type Question,
  type QuestionnaireOptions,
} from "./questionnaire";
import { COTATION_MONTHS, SERVICE_WORK_END_MONTHS } from "./rules/milestones";
import {
  AXIS_IDS,
  inputError,
  verdict,
  type AxisId,
  type InputError,
  type IsoDate,
  type RuleOutcome,
  type ScoringWeights,
} from "./types";

export interface ScoringOptions extends QuestionnaireOptions {
  /** Today's date, to judge the time left before the award (feasibility). Absent = timing not judged. */
  readonly today?: IsoDate;
}

export interface AxisScore {
  /** 0–100, undefined when no applicable question of the axis is answered. */
  readonly score: number | undefined;
  readonly answered: number;
  readonly applicable: number;
}

export type FeasibilityLevel = "forte" | "moyenne" | "faible";
export type PriorityLevel = "haute" | "moyenne" | "basse";

export interface RecommendedAction {
  readonly action: number;
  readonly title: string;
  /** French, e.g. "Montant 250 000 € HT > 90 000 € : étudier une clause d'insertion (action 8)". */
  readonly reason: string;
  readonly questionId: string;
}

export interface ContractScore {
  readonly version: string;
  readonly byAxis: Readonly<Record<AxisId, AxisScore>>;
  /** Potentiel durable, 0–100 (not rounded). */
  readonly overall: number;
  readonly feasibility: { readonly level: FeasibilityLevel; readonly why: string };
  readonly recommendedActions: readonly RecommendedAction[];
  readonly priority: { readonly rank: 1 | 2 | 3; readonly level: PriorityLevel; readonly reasons: readonly string[] };
  /** Answered ÷ applicable, 0–1. */
  readonly completeness: number;
  readonly answered: number;
  readonly applicable: number;
}

/** Mean feasibility of the remaining room from which the service counts as engaged. */
export const ENGAGED_FEASIBILITY = 0.75;
/** Overall potential from which a contract gets priority points. */
export const HIGH_POTENTIAL = 50;
export const MEDIUM_POTENTIAL = 25;
/** Committee priority: points (potential 0–2, policy priority action 1, significant amount 1, recurring 1). */
export const PRIORITY_HIGH_POINTS = 3;
export const PRIORITY_MEDIUM_POINTS = 2;

interface ScoredQuestion {
  readonly question: Question;
  readonly weight: number;
  readonly achievement: number;
  readonly feasibility: number;
  readonly answer: AnswerValue;
}

function questionWeight(question: Question, weights: ScoringWeights): number {
  const override = weights.questionWeights?.[question.id];
  return override === undefined ? question.defaultWeight : override;
}

function isWeight(w: unknown): w is number {
  return typeof w === "number" && Number.isFinite(w) && w >= 0;
}

function checkWeights(weights: ScoringWeights): InputError | undefined {
  if (typeof weights !== "object" || weights === null) return inputError("weights", "Pondérations absentes.");
  for (const axis of AXIS_IDS) {
    if (!isWeight(weights.axisWeights?.[axis])) {
      return inputError("weights", `Poids de l'axe « ${axis} » invalide : un nombre positif ou nul est attendu.`);
    }
  }
  for (const [id, w] of Object.entries(weights.questionWeights ?? {})) {
    if (!isWeight(w))
      return inputError("weights", `Poids de la question « ${id} » invalide : un nombre positif ou nul est attendu.`);
  }
  return undefined;
}

/** Achievement and feasibility of an answer, or undefined when it does not fit the question. */
function rateAnswer(question: Question, answer: AnswerValue): { achievement: number; feasibility: number } | undefined {
  const spec = question.answer;
  if (answer.kind === "number") {
    if (spec.type !== "nombre" || !Number.isFinite(answer.value)) return undefined;
    const span = spec.fullAt - spec.min;
    const achievement = span <= 0 ? 1 : Math.min(1, Math.max(0, (answer.value - spec.min) / span));
    return { achievement, feasibility: 1 };
  }
  if (answer.kind !== "option") return undefined;
  const options = spec.type === "choix" ? spec.options : spec.type === "oui_non_na_etudier" ? YES_NO_OPTIONS : [];
  const option = options.find((o) => o.id === answer.option);
  return option ? { achievement: option.achievement, feasibility: option.feasibility } : undefined;
}

function weightedMean(items: readonly { w: number; v: number }[]): number | undefined {
  const largest = items.reduce((m, i) => Math.max(m, i.w), 0);
  if (!(largest > 0)) return undefined;
  // Huge policy weights would overflow to Infinity: then scale them by the largest one.
  const scale = Number.isFinite(items.reduce((s, i) => s + i.w * Math.max(1, Math.abs(i.v)), 0)) ? 1 : largest;
  const total = items.reduce((s, i) => s + i.w / scale, 0);
  return items.reduce((s, i) => s + (i.w / scale) * i.v, 0) / total;
}

function judgeFeasibility(
  scored: readonly ScoredQuestion[],
  facts: ContractFacts,
  today: IsoDate | undefined,
): ContractScore["feasibility"] {
  const why: string[] = [];
  let timing: "ok" | "tight" | "late" | "unknown" = "unknown";
  if (today && facts.awardDate && isValidIsoDate(today) && isValidIsoDate(facts.awardDate)) {
    const months = monthsBetween(today, facts.awardDate);
    if (months >= SERVICE_WORK_END_MONTHS) {
      timing = "ok";
      why.push(`Attribution dans ${months} mois : le travail avec le service (J-24 à J-14) est encore possible.`);
    } else if (months >= COTATION_MONTHS) {
      timing = "tight";
      why.push(
        `Attribution dans ${months} mois : cotation à J-12, peu de temps pour revoir le contrat avec le service.`,
      );
    } else {
      timing = "late";
      why.push(
        months < 0
          ? "Contrat déjà attribué : les améliorations porteront sur le prochain renouvellement."
          : `Attribution dans ${months} mois, moins de ${COTATION_MONTHS} : trop tard pour revoir ce contrat en profondeur.`,
      );
    }
  } else {
    why.push("Date d'attribution inconnue : délai non évalué.");
  }
  const room = scored.map((s) => ({ w: s.weight * (1 - s.achievement), v: s.feasibility }));
  const engagement = weightedMean(room);
  if (scored.length === 0) {
    return { level: "faible", why: [...why, "Aucune réponse au questionnaire."].join(" ") };
  }
  if (engagement === undefined) {
    return { level: "faible", why: [...why, "Les leviers étudiés sont déjà en place."].join(" ") };
  }
  const engaged = engagement >= ENGAGED_FEASIBILITY;
  why.push(
    engaged
      ? "Le service est prêt à étudier l'essentiel des leviers restants."
      : "Le service n'a pas retenu l'essentiel des leviers restants (réponses « Non »).",
  );
  const level: FeasibilityLevel = timing === "late" ? "faible" : engaged && timing !== "tight" ? "forte" : "moyenne";
  return { level, why: why.join(" ") };
}

function describeAnswer(question: Question, answer: AnswerValue): string {
  const label = answerLabel(question, answer);
  const unit = question.answer.type === "nombre" ? ` ${question.answer.unit}` : "";
  return `Réponse « ${typeof label === "number" ? decimalComma(label) : label}${unit} » à « ${question.short} »`;
}

interface Candidate extends RecommendedAction {
  readonly gain: number;
}

/**
 * Scores one contract's answers. Returns an InputError (never throws) for an unknown questionnaire version,
 * invalid weights or an answer that does not fit its question.
 */
export function scoreContract(
  answers: AnswerSet,
  facts: ContractFacts,
  weights: ScoringWeights,
  options: ScoringOptions = {},
): RuleOutcome<ContractScore> {
  const questionnaire = getQuestionnaire(answers?.version);
  if (!questionnaire)
    return inputError("answers", `Version de questionnaire inconnue : « ${String(answers?.version)} ».`);
  const weightError = checkWeights(weights);
  if (weightError) return weightError;
  const thresholds = resolveThresholds(options);

  const scored: ScoredQuestion[] = [];
  const candidates: Candidate[] = [];
  const counts = Object.fromEntries(AXIS_IDS.map((a) => [a, { answered: 0, applicable: 0 }])) as Record<
    AxisId,
    { answered: number; applicable: number }
  >;

  for (const question of questionnaire.questions) {
    const applicability = evaluateCondition(question.condition, facts, thresholds);
    if (!applicability.applicable) continue;
    const answer = answers.values?.[question.id];
    if (answer?.kind === "not_applicable") continue;
    counts[question.axis].applicable += 1;
    const weight = questionWeight(question, weights);
    const primaryAction = question.actions[0]!;
    const recommend = (reasonHead: string, gain: number): void => {
      const title = ACTIONS.find((a) => a.number === primaryAction)?.title ?? "";
      candidates.push({
        action: primaryAction,
        title,
        reason: `${reasonHead} : ${question.advice} (action ${primaryAction})`,
        questionId: question.id,
        gain,
      });
    };
    if (answer === undefined) {
      // The plan's own rules (amount, duration, procedure) recommend the action even before the answer.
      if (question.planRule && applicability.reason !== "") recommend(applicability.reason, weight);
      continue;
    }
    const rating = rateAnswer(question, answer);
    if (!rating) return inputError("answers", `Réponse invalide pour « ${question.short} ».`);
    counts[question.axis].answered += 1;
    scored.push({ question, weight, answer, ...rating });
    const potential = (1 - rating.achievement) * rating.feasibility;
    if (rating.achievement < 1) {
      recommend(
        applicability.reason !== "" ? applicability.reason : describeAnswer(question, answer),
        weight * potential,
      );
    }
  }

  const byAxis = Object.fromEntries(
    AXIS_IDS.map((axis) => {
      const inAxis = scored.filter((s) => s.question.axis === axis);
      const mean = weightedMean(inAxis.map((s) => ({ w: s.weight, v: (1 - s.achievement) * s.feasibility })));
      const score: AxisScore = { score: mean === undefined ? undefined : 100 * mean, ...counts[axis] };
      return [axis, score];
    }),
  ) as Record<AxisId, AxisScore>;

  const overall =
    weightedMean(
      AXIS_IDS.flatMap((axis) => {
        const s = byAxis[axis].score;
        return s === undefined ? [] : [{ w: weights.axisWeights[axis], v: s }];
      }),
    ) ?? 0;

  const priorityActions = new Set(Array.isArray(weights.priorityActions) ? weights.priorityActions : []);
  const seen = new Set<number>();
  const recommendedActions: RecommendedAction[] = candidates
    .slice()
    .sort(
      (x, y) =>
        Number(priorityActions.has(y.action)) - Number(priorityActions.has(x.action)) ||
        y.gain - x.gain ||
        x.action - y.action,
    )
    .filter((c) => (seen.has(c.action) ? false : (seen.add(c.action), true)))
    .map(({ action, title, reason, questionId }) => ({ action, title, reason, questionId }));

  const answered = AXIS_IDS.reduce((s, a) => s + byAxis[a].answered, 0);
  const applicable = AXIS_IDS.reduce((s, a) => s + byAxis[a].applicable, 0);
  const feasibility = judgeFeasibility(scored, facts, options.today);
  const priority = committeePriority(
    overall,
    recommendedActions,
    priorityActions,
    facts,
    thresholds.insertionStudyThresholdHT,
  );

  const result: ContractScore = {
    version: questionnaire.version,
    byAxis,
    overall,
    feasibility,
    recommendedActions,
    priority,
    completeness: applicable === 0 ? 1 : answered / applicable,
    answered,
    applicable,
  };
  return verdict(
    result,
    `Potentiel durable ${Math.round(overall)}/100, faisabilité ${feasibility.level}, priorité ${priority.level} ; ${answered} réponse(s) sur ${applicable} question(s) applicable(s).`,
    ["SPASER action 2", ...recommendedActions.map((a) => `SPASER action ${a.action}`)],
  );
}

function committeePriority(
  overall: number,
  recommended: readonly RecommendedAction[],
  priorityActions: ReadonlySet<number>,
  facts: ContractFacts,
  significantAmountHT: number,
): ContractScore["priority"] {
  let points = 0;
  const reasons: string[] = [];
  if (overall >= HIGH_POTENTIAL) {
    points += 2;
    reasons.push(`Potentiel durable élevé (${Math.round(overall)}/100).`);
  } else if (overall >= MEDIUM_POTENTIAL) {
    points += 1;
    reasons.push(`Potentiel durable moyen (${Math.round(overall)}/100).`);
  }
  const prioritized = recommended.filter((r) => priorityActions.has(r.action)).map((r) => r.action);
  if (prioritized.length > 0) {
    points += 1;
    reasons.push(`Action(s) prioritaire(s) de la politique : ${prioritized.join(", ")}.`);
  }
  const amount = facts.amountHT;
  if (typeof amount === "number" && Number.isFinite(amount) && amount > significantAmountHT) {
    points += 1;
    reasons.push(`Montant ${euros(amount, "fixed")} HT supérieur à ${euros(significantAmountHT, "fixed")} HT.`);
  }
  if (facts.recurring === true) {
    points += 1;
    reasons.push("Contrat récurrent.");
  }
  if (points >= PRIORITY_HIGH_POINTS) return { rank: 1, level: "haute", reasons };
  if (points >= PRIORITY_MEDIUM_POINTS) return { rank: 2, level: "moyenne", reasons };
  return { rank: 3, level: "basse", reasons };
}

/**
 * SPASER.POTENTIAL(answers_row): the potentiel durable of a row of answers in the questionnaire's column
 * order, for a contract whose facts are unknown (every question applies; answer "Sans objet" to leave one
 * out). A French InputError when a cell cannot be read or nothing is answered. Never throws.
 */
export function potentialFromRow(
  values: unknown,
  weights: ScoringWeights,
  version?: string,
  facts: ContractFacts = {},
  options: ScoringOptions = {},
): number | InputError {
  const answers = answersFromRow(values, version);
  const firstError = answers.errors[0];
  if (firstError) return inputError("answers_row", firstError.message);
  const outcome = scoreContract(answers, facts, weights, options);
  if (!outcome.ok) return outcome;
  if (outcome.value.answered === 0) {
    return inputError("answers_row", "Aucune réponse applicable : le potentiel durable ne peut pas être calculé.");
  }
  return outcome.value.overall;
}
