/**
 * Reading Excel arguments for the SPASER functions. Cells arrive as numbers, texts (French amounts,
 * dates typed as text), booleans, null for an omitted argument, or 2-D arrays for ranges. Each reader
 * returns the domain value or throws an ArgumentError with a short French message; the function wrapper
 * turns it into #VALUE! (or #N/A) in the cell.
 */
import { flatText, isoFromExcelSerial } from "../spaser/dates";
import {
  isPrintableAsciiText,
  parseAmount,
  parseDate,
  parseNumber,
  parsePercent,
  parseText,
  parseYesNo,
} from "../spaser/normalize";
import { policyFromTable } from "../spaser/policy-table";
import { DEFAULT_PRESET_ID, getPreset } from "../spaser/presets";
import type { Policy } from "../spaser/policy";
import { foldText } from "../spaser/normalize";
import type { BuyerKind, ContractNature, InputError, IsoDate, LocalRules } from "../spaser/types";
import type { CellErrorCode } from "./runtime";

/** Raw value of one Excel cell as the custom-functions runtime hands it over. */
export type Cell = number | string | boolean | null | undefined;
export type CellRange = Cell[][];

export class ArgumentError extends Error {
  constructor(
    message: string,
    readonly code: CellErrorCode = "#VALUE!",
  ) {
    super(message);
    this.name = "ArgumentError";
  }
}

export function fail(message: string, code: CellErrorCode = "#VALUE!"): never {
  throw new ArgumentError(message, code);
}

/** A domain InputError becomes the cell's message. */
export function failWith(error: InputError, code: CellErrorCode = "#VALUE!"): never {
  throw new ArgumentError(error.message, code);
}

/** Excel hands an omitted optional argument as null (or undefined); an empty cell as null or "". */
export function isOmitted(cell: unknown): cell is null | undefined | "" {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function singleCell(name: string, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return value[0][0];
  return fail(`${name} : une seule cellule attendue, pas une plage.`);
}

export function amountArg(name: string, value: unknown): number {
  // A number cell, the common case, without building a parse result (same answer as parseAmount); the
  // rest apart, so that this stays short enough to be inlined into every function.
  if (typeof value === "number" && value >= 0 && value < Infinity) return value === 0 ? 0 : value;
  return parsedAmountArg(name, value);
}

function parsedAmountArg(name: string, value: unknown): number {
  const result = parseAmount(singleCell(name, value));
  if (result === undefined) return fail(`${name} : montant manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function numberArg(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return parsedNumberArg(name, value);
}

function parsedNumberArg(name: string, value: unknown): number {
  const result = parseNumber(singleCell(name, value));
  if (result === undefined) return fail(`${name} : nombre manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function optionalNumberArg(name: string, value: unknown): number | undefined {
  if (typeof value === "number") return numberArg(name, value);
  return isOmitted(singleCell(name, value)) ? undefined : numberArg(name, value);
}

/** A share: 0.5, 50 % (a percent-formatted cell is 0.5 already) or the text "50 %". */
export function fractionArg(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return parsedFractionArg(name, value);
}

function parsedFractionArg(name: string, value: unknown): number {
  const result = parsePercent(singleCell(name, value));
  if (result === undefined) return fail(`${name} : pourcentage manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function optionalFractionArg(name: string, value: unknown): number | undefined {
  if (typeof value === "number") return fractionArg(name, value);
  return isOmitted(singleCell(name, value)) ? undefined : fractionArg(name, value);
}

export function dateArg(name: string, value: unknown): IsoDate {
  if (typeof value === "number") {
    const iso = isoFromExcelSerial(value);
    if (iso !== undefined) return iso;
  }
  const result = parseDate(singleCell(name, value));
  if (result === undefined) return fail(`${name} : date manquante.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

/** An optional date; omitted means today (like Excel's AUJOURDHUI(), evaluated at calculation). */
export function dateOrToday(name: string, value: unknown, today: () => IsoDate = todayIso): IsoDate {
  if (value === null || value === undefined) return today();
  return isOmitted(singleCell(name, value)) ? today() : dateArg(name, value);
}

let todayText: IsoDate = "";
let todayFrom = 0;
let todayUntil = 0;

/**
 * Today's local date. Written once per day, not per cell: a Date object costs more than most rules; the
 * clock is still read on every call, so midnight (or a clock set back) gives the new day.
 */
export function todayIso(): IsoDate {
  const now = Date.now();
  if (now >= todayFrom && now < todayUntil) return todayText;
  const date = new Date(now);
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  todayText = flatText(`${date.getFullYear()}-${month}-${day}`);
  todayFrom = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  todayUntil = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
  return todayText;
}

export function booleanArg(name: string, value: unknown): boolean {
  const result = parseYesNo(singleCell(name, value));
  if (result === undefined) return fail(`${name} : VRAI ou FAUX attendu.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

/** Yes / no / unknown: an empty cell is "not known", never "no". */
export function optionalBooleanArg(name: string, value: unknown): boolean | undefined {
  const result = parseYesNo(singleCell(name, value));
  if (result === undefined) return undefined;
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

let lastPlainText = "";

export function textArg(name: string, value: unknown): string {
  // An id typed as is ("eu_fs_local"): nothing to trim or squeeze, no parse result to build. A column
  // repeats the same name: the last one found plain is recognised at once.
  if (typeof value === "string" && value.length > 0 && (value === lastPlainText || isPrintableAsciiText(value))) {
    lastPlainText = value;
    return value;
  }
  const result = parseText(singleCell(name, value));
  if (result === undefined) return fail(`${name} : texte manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

/** Every non-empty cell of a range (row by row), or the single value. */
export function flatCells(value: unknown): unknown[] {
  if (!Array.isArray(value)) return isOmitted(value) ? [] : [value];
  const cells: unknown[] = [];
  for (const row of value) {
    if (Array.isArray(row)) for (const cell of row) cells.push(cell);
    else cells.push(row);
  }
  return cells;
}

/** "SIAE;EA", "SIAE, EA", or a range of such cells → ["SIAE", "EA"]. */
export function listArg(value: unknown): string[] {
  const parts: string[] = [];
  // One cell (the usual "SIAE;EA"): read in place, no list of cells to build.
  const single = Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1;
  if (single) {
    const cell: unknown = (value as unknown[][])[0]![0];
    if (typeof cell === "string") {
      splitList(cell, parts);
      return parts;
    }
  }
  for (const cell of flatCells(value)) {
    if (!isOmitted(cell)) splitList(String(cell), parts);
  }
  return parts;
}

/** ; , / + (the characters that separate items of a list typed in one cell). */
function isSeparatorCode(code: number): boolean {
  return code === 59 || code === 44 || code === 47 || code === 43;
}

/** An ASCII word character, as RegExp's \w and \b see it. */
function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The word `word` (lower case) at `at`, standing alone (\bword\b), in any case. */
function isLoneWordAt(text: string, at: number, word: string): boolean {
  if (at > 0 && isWordCode(text.charCodeAt(at - 1))) return false;
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    if ((text.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return at + word.length === text.length || !isWordCode(text.charCodeAt(at + word.length));
}

function pushTrimmed(part: string, parts: string[]): void {
  const trimmed = part.trim();
  if (trimmed !== "") parts.push(trimmed);
}

/**
 * Pushes the trimmed non-empty items of `text` split on ; , / + and the words "et" / "and": what
 * `text.split(/[;,/+]|\bet\b|\band\b/i)` gives, without a RegExp (the list is read on every cell).
 */
function splitList(text: string, parts: string[]): void {
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const skip = isSeparatorCode(code)
      ? 1
      : (code | 0x20) === 101 && isLoneWordAt(text, i, "et")
        ? 2
        : (code | 0x20) === 97 && isLoneWordAt(text, i, "and")
          ? 3
          : 0;
    if (skip === 0) {
      i += 1;
      continue;
    }
    pushTrimmed(text.slice(start, i), parts);
    i += skip;
    start = i;
  }
  pushTrimmed(text.slice(start), parts);
}

/** Accepted spellings (folded: lower case, no accents) of the buyer kinds, in French and English. */
const BUYER_KIND_ALIASES: Readonly<Record<BuyerKind, readonly string[]>> = {
  etat: ["etat", "state", "central state", "administration centrale"],
  etablissement_etat: ["etablissement etat", "etablissement public de l etat", "state body", "state public body"],
  collectivite: ["collectivite", "collectivite territoriale", "local authority", "commune", "departement", "region"],
  collectivite_60m: ["collectivite 60m", "grande collectivite", "large local authority", "collectivite > 60 m"],
  entite_adjudicatrice: ["entite adjudicatrice", "utility", "utilities", "reseau"],
  defense: ["defense", "defence", "defense et securite"],
  autre: ["autre", "other", "hopital", "hospital", "etablissement public"],
};

const NATURE_ALIASES: Readonly<Record<ContractNature, readonly string[]>> = {
  travaux: ["travaux", "works", "work", "t"],
  fournitures: ["fournitures", "fourniture", "supplies", "supply", "f"],
  services: ["services", "service", "prestations", "prestation", "s"],
};

/** Folded name → id; the first id that accepts a name wins, as in the order of the alias table. */
function aliasIndex<T extends string>(aliases: Readonly<Record<T, readonly string[]>>): ReadonlyMap<string, T> {
  const index = new Map<string, T>();
  for (const [id, names] of Object.entries(aliases) as [T, readonly string[]][]) {
    for (const name of [foldText(id).replace(/_/g, " "), ...names]) if (!index.has(name)) index.set(name, id);
  }
  // The ids themselves, as typed in most cells ("collectivite_60m"): found without folding.
  for (const id of Object.keys(aliases) as T[]) if (!index.has(id)) index.set(id, id);
  return index;
}

const BUYER_KIND_BY_NAME = aliasIndex(BUYER_KIND_ALIASES);
const NATURE_BY_NAME = aliasIndex(NATURE_ALIASES);

function lookup<T extends string>(index: ReadonlyMap<string, T>, text: string): T | undefined {
  return index.get(text) ?? index.get(foldText(text).replace(/_/g, " "));
}

export function optionalBuyerKindArg(name: string, value: unknown): BuyerKind | undefined {
  const cell = singleCell(name, value);
  if (isOmitted(cell)) return undefined;
  return (
    lookup(BUYER_KIND_BY_NAME, String(cell)) ??
    fail(
      `${name} : type d'acheteur inconnu (etat, etablissement_etat, collectivite, collectivite_60m, entite_adjudicatrice, defense, autre).`,
    )
  );
}

export function optionalNatureArg(name: string, value: unknown): ContractNature | undefined {
  const cell = singleCell(name, value);
  if (isOmitted(cell)) return undefined;
  return lookup(NATURE_BY_NAME, String(cell)) ?? fail(`${name} : nature inconnue (travaux, fournitures, services).`);
}

export const BUYER_KIND_NAMES = BUYER_KIND_ALIASES;
export const NATURE_NAMES = NATURE_ALIASES;

// ---------------------------------------------------------------------------------------------------------
// Policy range
// ---------------------------------------------------------------------------------------------------------

const POLICY_CACHE_MAX_CELLS = 4_000;
let lastPolicyKey: string | undefined;
let lastPolicy: Policy | undefined;

function referencePolicy(): Policy {
  return getPreset(DEFAULT_PRESET_ID) as Policy;
}

/**
 * The organisation's policy: omitted → the reference preset; a range → read with the domain's policy
 * table reader (row-level French errors). The last policy read is kept, keyed by its cells, because a
 * dashboard calls many functions on the same range and the table does not change between them.
 */
export function policyArg(value: unknown): Policy {
  if (isOmitted(value)) return referencePolicy();
  if (typeof value === "string") {
    return getPreset(value.trim()) ?? fail(`policy : préréglage inconnu « ${value.slice(0, 30)} ».`);
  }
  if (!Array.isArray(value)) return fail("policy : plage de paramètres attendue (feuille SPASER Paramètres).");
  const cells = flatCells(value);
  if (cells.every(isOmitted)) return referencePolicy();
  const key = cells.length <= POLICY_CACHE_MAX_CELLS ? JSON.stringify(value) : undefined;
  if (key !== undefined && key === lastPolicyKey && lastPolicy) return lastPolicy;
  const result = policyFromTable(value);
  if (!result.ok) {
    const first = result.errors[0];
    const more = result.errors.length > 1 ? ` (+${result.errors.length - 1} autre(s))` : "";
    return fail(
      `Paramètres invalides${first && first.row > 0 ? `, ligne ${first.row}` : ""} : ${first?.message ?? "table illisible"}${more}`,
    );
  }
  lastPolicyKey = key;
  lastPolicy = result.policy;
  return result.policy;
}

/** Frozen copies of the policies' rules: the domain checks a frozen rules object once, not on every cell. */
const frozenRules = new WeakMap<Policy, LocalRules>();
let lastRulesPolicy: Policy | undefined;
let lastRules: LocalRules | undefined;

/** The local rules of the policy argument (see policyArg), as the rules take them. */
export function rulesArg(value: unknown): LocalRules {
  const policy = policyArg(value);
  if (policy === lastRulesPolicy) return lastRules as LocalRules;
  let rules = frozenRules.get(policy);
  if (!rules) {
    rules = Object.freeze({ ...policy.rules });
    frozenRules.set(policy, rules);
  }
  lastRulesPolicy = policy;
  lastRules = rules;
  return rules;
}
