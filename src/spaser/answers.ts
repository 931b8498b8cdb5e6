/**
 * Reading questionnaire answers from cells. Buyers type answers in French or English, with or without
 * accents, or Excel gives booleans and numbers; an empty cell is "not answered yet". Parsing is total:
 * it never throws, and a cell it cannot read becomes a French error attached to its question.
 */
import { decimalComma } from "./format";
import { cellsOfRange, foldText, isEmptyCell, parseNumber } from "./normalize";
import {
  getQuestionnaire,
  QUESTIONNAIRE_VERSION,
  YES_NO_OPTIONS,
  type AnswerOption,
  type Question,
} from "./questionnaire";

/** A readable answer: an option (yes/no/to study, or a choice), a number, or "Sans objet". */
export type AnswerValue =
  | { readonly kind: "option"; readonly option: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "not_applicable" };

export interface AnswerError {
  readonly questionId: string;
  /** 0-based position of the cell in the row (the question's column). */
  readonly column: number;
  readonly message: string;
}

/** The answers given for one contract under one questionnaire version. Absent id = not answered. */
export interface AnswerSet {
  readonly version: string;
  readonly values: Readonly<Record<string, AnswerValue>>;
  readonly errors: readonly AnswerError[];
}

export type ParsedCell =
  { readonly ok: true; readonly value: AnswerValue | undefined } | { readonly ok: false; readonly message: string };

/** Spellings of "Sans objet", compared folded (foldText: "S/O" = "s.o." = "s o"). */
const NOT_APPLICABLE_WORDS: ReadonlySet<string> = new Set(
  [
    "sans objet",
    "so",
    "s/o",
    "s.o",
    "n/a",
    "na",
    "n.a",
    "non applicable",
    "not applicable",
    "ne s'applique pas",
    "hors champ",
  ].map(foldText),
);

/** Spellings of the yes / no / to study options, compared folded. */
const YES_NO_SPELLINGS: Readonly<Record<string, string>> = {
  oui: "oui",
  o: "oui",
  yes: "oui",
  y: "oui",
  vrai: "oui",
  true: "oui",
  x: "oui",
  fait: "oui",
  done: "oui",
  non: "non",
  n: "non",
  no: "non",
  faux: "non",
  false: "non",
  "a etudier": "a_etudier",
  "a l'etude": "a_etudier",
  etudier: "a_etudier",
  "to study": "a_etudier",
  "to be studied": "a_etudier",
  "en cours d'etude": "a_etudier",
  ae: "a_etudier",
};
const YES_NO_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries(YES_NO_SPELLINGS).map(([spelling, id]) => [foldText(spelling), id]),
);

const EMPTY = { ok: true, value: undefined } as const;
const NOT_APPLICABLE: ParsedCell = { ok: true, value: { kind: "not_applicable" } };

function option(id: string): ParsedCell {
  return { ok: true, value: { kind: "option", option: id } };
}

/** Units a buyer may type after a number answer: "30 %", "1 200 €", "600 h". */
const ANSWER_UNIT = /\s*(?:%|€|eur|euros|h|heures)\s*$/i;

/**
 * A number answer from a cell: Excel numbers as they are, French text "1 234,5", "12,5 %", "1 200 €" read
 * like every other number of the workbook (normalize.ts). Returns the number and whether a percent sign
 * was written.
 */
export function readAnswerNumber(cell: unknown): { value: number; percent: boolean } | undefined {
  const percent = typeof cell === "string" && /%\s*$/.test(cell);
  const result = parseNumber(cell, ANSWER_UNIT);
  return result?.ok ? { value: result.value, percent } : undefined;
}

function readOption(options: readonly AnswerOption[], cell: unknown, yesNo: boolean): AnswerOption | undefined {
  if (typeof cell === "boolean") return yesNo ? options.find((o) => o.id === (cell ? "oui" : "non")) : undefined;
  if (typeof cell === "number") {
    if (!yesNo || (cell !== 1 && cell !== 0)) return undefined;
    return options.find((o) => o.id === (cell === 1 ? "oui" : "non"));
  }
  if (typeof cell !== "string") return undefined;
  const folded = foldText(cell);
  const byWord = yesNo ? YES_NO_WORDS.get(folded) : undefined;
  if (byWord) return options.find((o) => o.id === byWord);
  if (yesNo && (folded === "1" || folded === "0"))
    return options.find((o) => o.id === (folded === "1" ? "oui" : "non"));
  return options.find(
    (o) => foldText(o.id) === folded || foldText(o.label) === folded || foldText(o.labelEn) === folded,
  );
}

function expectedOptions(options: readonly AnswerOption[]): string {
  return [...options.map((o) => o.label), "Sans objet"].join(", ");
}

function describeCell(cell: unknown): string {
  if (typeof cell === "string") return `« ${cell.trim().slice(0, 40)} »`;
  if (typeof cell === "number" || typeof cell === "boolean") return `« ${String(cell)} »`;
  return "de ce type";
}

/** Reads one cell as the answer to one question. Empty = not answered (value undefined). Never throws. */
export function parseAnswer(question: Question, cell: unknown): ParsedCell {
  if (isEmptyCell(cell)) return EMPTY;
  if (typeof cell === "string" && NOT_APPLICABLE_WORDS.has(foldText(cell))) return NOT_APPLICABLE;
  const spec = question.answer;
  switch (spec.type) {
    case "oui_non_na_etudier":
    case "choix": {
      const options = spec.type === "choix" ? spec.options : YES_NO_OPTIONS;
      const found = readOption(options, cell, spec.type === "oui_non_na_etudier");
      if (found) return option(found.id);
      return {
        ok: false,
        message: `Réponse ${describeCell(cell)} non reconnue pour « ${question.short} » : attendu ${expectedOptions(options)}.`,
      };
    }
    case "nombre": {
      const parsed = readAnswerNumber(cell);
      if (!parsed) {
        return {
          ok: false,
          message: `Réponse ${describeCell(cell)} pour « ${question.short} » : un nombre est attendu (${spec.unit}), ou Sans objet.`,
        };
      }
      // Excel stores a cell formatted as a percentage as a fraction: 0,3 displayed 30 %.
      const value =
        spec.unit === "%" && !parsed.percent && typeof cell === "number" && cell > 0 && cell < 1
          ? parsed.value * 100
          : parsed.value;
      if (value < spec.min || value > spec.max) {
        return {
          ok: false,
          message: `Réponse ${decimalComma(value)} ${spec.unit} pour « ${question.short} » : attendu entre ${decimalComma(spec.min)} et ${decimalComma(spec.max)} ${spec.unit}.`,
        };
      }
      return { ok: true, value: { kind: "number", value } };
    }
  }
}

/**
 * The answers in a row of cells, one cell per question in the questionnaire's order (how SPASER.POTENTIAL
 * receives them). Extra non-empty cells and an unknown version are reported as errors, never thrown.
 */
export function answersFromRow(values: unknown, version: string = QUESTIONNAIRE_VERSION): AnswerSet {
  const questionnaire = getQuestionnaire(version);
  if (!questionnaire) {
    return {
      version,
      values: {},
      errors: [{ questionId: "", column: -1, message: `Version de questionnaire inconnue : « ${String(version)} ».` }],
    };
  }
  const cells = cellsOfRange(values);
  const answers: Record<string, AnswerValue> = {};
  const errors: AnswerError[] = [];
  questionnaire.questions.forEach((question, column) => {
    const parsed = parseAnswer(question, cells[column]);
    if (!parsed.ok)
      errors.push({ questionId: question.id, column, message: `Colonne ${column + 1} : ${parsed.message}` });
    else if (parsed.value !== undefined) answers[question.id] = parsed.value;
  });
  const extra = cells.slice(questionnaire.questions.length).filter((c) => !isEmptyCell(c)).length;
  if (extra > 0) {
    errors.push({
      questionId: "",
      column: questionnaire.questions.length,
      message: `La ligne contient ${extra} réponse(s) de trop : le questionnaire ${version} compte ${questionnaire.questions.length} questions.`,
    });
  }
  return { version, values: answers, errors };
}

/** Column headers of an answer row: the short French label of each question, in order. */
export function answerRowHeaders(version: string = QUESTIONNAIRE_VERSION): readonly string[] {
  return getQuestionnaire(version)?.questions.map((q) => q.short) ?? [];
}

/** Question ids of an answer row, in order (to store answers under their stable ids). */
export function answerRowIds(version: string = QUESTIONNAIRE_VERSION): readonly string[] {
  return getQuestionnaire(version)?.questions.map((q) => q.id) ?? [];
}

/** The French label to write back in a cell for an answer ("Oui", "À étudier", "Sans objet", "30"). */
export function answerLabel(question: Question, answer: AnswerValue): string | number {
  if (answer.kind === "not_applicable") return "Sans objet";
  if (answer.kind === "number") return answer.value;
  const options = question.answer.type === "choix" ? question.answer.options : YES_NO_OPTIONS;
  return options.find((o) => o.id === answer.option)?.label ?? answer.option;
}
