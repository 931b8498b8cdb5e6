/** Answers typed on a contract and not saved yet: kept for the session, per contract, until saved or abandoned. */
import type { AnswerValue } from "../../spaser/answers";
import { changedAnswers, type Answers } from "./cotation";

/** A number typed that cannot be read: kept as typed, with the domain's message (it blocks saving). */
export interface InvalidText {
  readonly text: string;
  readonly message: string;
}

export interface Draft {
  /** Every answer of the contract as the user left it (the last good one for a number that cannot be read). */
  readonly answers: Answers;
  readonly invalid: Readonly<Record<string, InvalidText>>;
  /** The workbook's answers when the draft began: different ones now mean someone saved in between. */
  readonly base: Answers;
}

/**
 * The draft after one answer (undefined = not answered), or after a number that cannot be read (`invalid`: the
 * last good answer stays). No draft when nothing differs from the workbook any more: then nothing hides a
 * colleague's later work.
 */
export function draftWithAnswer(
  draft: Draft | undefined,
  saved: Answers,
  questionId: string,
  answer: AnswerValue | undefined,
  invalid?: InvalidText,
): Draft | undefined {
  const current: Draft = draft ?? { answers: saved, invalid: {}, base: saved };
  const { [questionId]: _previousText, ...otherInvalid } = current.invalid;
  const nextInvalid = invalid ? { ...otherInvalid, [questionId]: invalid } : otherInvalid;
  let answers = current.answers;
  if (!invalid) {
    const { [questionId]: _previous, ...rest } = current.answers;
    answers = answer === undefined ? rest : { ...rest, [questionId]: answer };
  }
  if (Object.keys(nextInvalid).length === 0 && changedAnswers(saved, answers).length === 0) return undefined;
  return { answers, invalid: nextInvalid, base: current.base };
}

/** True when the workbook's answers changed since the draft began (a colleague saved): the draft still wins. */
export function savedSinceDraft(draft: Draft, saved: Answers): boolean {
  return changedAnswers(draft.base, saved).length > 0;
}
