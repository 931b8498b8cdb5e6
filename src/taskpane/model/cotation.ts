/** What the questionnaire view derives from a contract: its facts, its stage, its live score. */
import type { ContractSummary } from "../../excel/operations";
import type { AnswerValue } from "../../spaser/answers";
import type { Policy } from "../../spaser/policy";
import { factsOfRecord, QUESTIONNAIRE_VERSION } from "../../spaser/questionnaire";
import type { ContractRecord, ProcedureKind } from "../../spaser/records";
import { currentStage, milestones, STAGE_LABELS } from "../../spaser/rules/milestones";
import { scoreContract, type ContractScore } from "../../spaser/scoring";
import type { IsoDate } from "../../spaser/types";

export type Answers = Readonly<Record<string, AnswerValue>>;

export const PROCEDURE_NAMES: Readonly<Record<ProcedureKind, string>> = {
  mapa: "Procédure adaptée (MAPA)",
  formalisee: "Procédure formalisée",
  sans_publicite: "Sans publicité ni mise en concurrence",
  autre: "Autre procédure",
};

export const contractFacts = factsOfRecord;

/** The contract's place in the governance calendar (J-24, J-14, J-12 before award), in French. */
export function stageText(
  awardDate: IsoDate | undefined,
  today: IsoDate,
): { stage: string; dates: string } | undefined {
  if (!awardDate) return undefined;
  const stage = currentStage(awardDate, today);
  const dates = milestones(awardDate);
  if (!stage.ok) return { stage: stage.message, dates: "" };
  return { stage: STAGE_LABELS[stage.value], dates: dates.ok ? dates.explanation : "" };
}

/** The live score of the answers being typed, with the organisation's weights and thresholds. */
export function liveScore(
  answers: Answers,
  record: ContractRecord,
  policy: Policy,
  today: IsoDate,
): { ok: true; score: ContractScore } | { ok: false; message: string } {
  const outcome = scoreContract(
    { version: QUESTIONNAIRE_VERSION, values: answers, errors: [] },
    contractFacts(record),
    policy.weights,
    { ...policy.rules, today },
  );
  return outcome.ok ? { ok: true, score: outcome.value } : { ok: false, message: outcome.message };
}

function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Question ids whose answer differs between two sets (for "modifications non enregistrées"). */
export function changedAnswers(before: Answers, after: Answers): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => !sameAnswer(before[id], after[id]));
}

/** The contracts the navigator walks through: all, or those without saved answers. */
export function contractsToShow(contracts: readonly ContractSummary[], toDoOnly: boolean): readonly ContractSummary[] {
  return toDoOnly ? contracts.filter((c) => !c.saved) : contracts;
}
