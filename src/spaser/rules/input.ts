/**
 * Input checks shared by the rules. Each returns the clean value or an InputError with a French message,
 * so that a rule reads `const amount = readAmount(...); if (isInputError(amount)) return amount;`.
 * Rules are called from Excel cells with anything in them: nothing here throws.
 */
import { isValidIsoDate } from "../dates";
import { resolveLocalRules } from "../local-rules";
import { isFiniteNumber } from "../normalize";
import {
  inputError,
  type BuyerKind,
  type ContractNature,
  type InputError,
  type IsoDate,
  type LocalRules,
} from "../types";

/** The rules encode the law from 2019 on; older dates are refused rather than judged with later texts. */
export const EARLIEST_RULE_DATE: IsoDate = "2019-01-01";

export const BUYER_KINDS: readonly BuyerKind[] = [
  "etat",
  "etablissement_etat",
  "collectivite",
  "collectivite_60m",
  "entite_adjudicatrice",
  "defense",
  "autre",
];
export const CONTRACT_NATURES: readonly ContractNature[] = ["travaux", "fournitures", "services"];
const BUYER_KIND_SET: ReadonlySet<unknown> = new Set(BUYER_KINDS);
const NATURE_SET: ReadonlySet<unknown> = new Set(CONTRACT_NATURES);

export function isInputError(value: unknown): value is InputError {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/** The input object of a rule: anything that is not an object is refused. */
export function readInput(input: unknown): Record<string, unknown> | InputError {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return inputError("input", "Paramètres manquants : un objet de paramètres est attendu.");
  }
  return input as Record<string, unknown>;
}

/** An amount in euros HT: a finite number ≥ 0. */
export function readAmount(field: string, value: unknown): number | InputError {
  // The accepted value first, the refusals apart: a short reader is inlined where it is called.
  if (typeof value === "number" && value >= 0 && value < Infinity) return value;
  return amountRefusal(field, value);
}

function amountRefusal(field: string, value: unknown): InputError {
  if (!isFiniteNumber(value)) return inputError(field, "Le montant doit être un nombre (en euros HT).");
  return inputError(field, "Le montant ne peut pas être négatif.");
}

/** A strictly positive finite number (durations, hourly costs). */
export function readPositive(field: string, value: unknown, what: string): number | InputError {
  if (typeof value === "number" && value > 0 && value < Infinity) return value;
  return positiveRefusal(field, value, what);
}

function positiveRefusal(field: string, value: unknown, what: string): InputError {
  if (!isFiniteNumber(value)) return inputError(field, `${what} doit être un nombre.`);
  return inputError(field, `${what} doit être strictement positif.`);
}

/** A count: a whole number ≥ 0. */
export function readCount(field: string, value: unknown, what: string): number | InputError {
  if (!isFiniteNumber(value) || !Number.isInteger(value) || value < 0) {
    return inputError(field, `${what} doit être un nombre entier positif ou nul.`);
  }
  return value;
}

/**
 * A share or rate as a fraction 0–1. Excel stores 50 % as 0.5, so a percent-formatted cell arrives as a
 * fraction; accepting 0–100 too would make 1 ambiguous (100 % or 1 %), hence values above 1 are refused.
 */
export function readFraction(field: string, value: unknown, what: string): number | InputError {
  if (typeof value === "number" && value >= 0 && value <= 1) return value;
  return fractionRefusal(field, value, what);
}

function fractionRefusal(field: string, value: unknown, what: string): InputError {
  if (!isFiniteNumber(value)) return inputError(field, `${what} doit être un nombre entre 0 et 1 (0,5 pour 50 %).`);
  return inputError(field, `${what} doit être comprise entre 0 et 1 (saisir 0,5 ou 50 % pour 50 %).`);
}

/** An ISO date from 2019-01-01 on. */
export function readDate(field: string, value: unknown): IsoDate | InputError {
  if (typeof value !== "string" || !isValidIsoDate(value)) {
    return inputError(field, "Date invalide : format attendu AAAA-MM-JJ (par exemple 2026-09-01).");
  }
  if (value < EARLIEST_RULE_DATE) {
    return inputError(
      field,
      "Date antérieure au 1er janvier 2019 : les règles de l'outil ne couvrent pas cette période.",
    );
  }
  return value;
}

/** Day number (Excel serial) of EARLIEST_RULE_DATE, 2019-01-01. */
export const EARLIEST_RULE_DAY = 43_466;
/** Excel's last day, 9999-12-31. */
const LAST_EXCEL_DAY = 2_958_465;

/**
 * A date given as a day number (what a date cell holds): readDate's answer for the same day, the whole
 * day number kept as it is (a time of day is dropped, as the text would drop it).
 */
export function readDay(field: string, value: number): number | InputError {
  if (!(value >= 1 && value <= LAST_EXCEL_DAY)) {
    return inputError(field, "Date invalide : format attendu AAAA-MM-JJ (par exemple 2026-09-01).");
  }
  const day = Math.floor(value);
  if (day < EARLIEST_RULE_DAY) {
    return inputError(
      field,
      "Date antérieure au 1er janvier 2019 : les règles de l'outil ne couvrent pas cette période.",
    );
  }
  return day;
}

/** An optional argument: undefined or null (an empty cell) means "not given". */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** An optional argument read with `read` when given; `fallback` when absent. */
export function readOptional<T, F>(
  value: unknown,
  read: (value: unknown) => T | InputError,
  fallback: F,
): T | F | InputError {
  return isAbsent(value) ? fallback : read(value);
}

/** An optional date: undefined or null (an empty cell) means "not given". */
export function readOptionalDate(field: string, value: unknown): IsoDate | undefined | InputError {
  return readOptional(value, (given) => readDate(field, given), undefined);
}

/** An optional yes/no: undefined or null means "not given" (unknown), never "no". */
export function readOptionalBoolean(field: string, value: unknown): boolean | undefined | InputError {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "boolean") return inputError(field, "Valeur attendue : VRAI ou FAUX (ou vide si inconnu).");
  return value;
}

export function readOptionalBuyerKind(field: string, value: unknown): BuyerKind | undefined | InputError {
  if (isAbsent(value)) return undefined;
  if (BUYER_KIND_SET.has(value)) return value as BuyerKind;
  return inputError(field, `Type d'acheteur inconnu : valeurs admises ${BUYER_KINDS.join(", ")}.`);
}

export function readOptionalNature(field: string, value: unknown): ContractNature | undefined | InputError {
  if (isAbsent(value)) return undefined;
  if (NATURE_SET.has(value)) return value as ContractNature;
  return inputError(field, "Nature du marché inconnue : valeurs admises travaux, fournitures, services.");
}

/** Checked frozen rules objects: a frozen object cannot change, so its check holds for good. */
const checkedFrozenRules = new WeakMap<object, LocalRules | InputError>();
let lastFrozenRules: unknown = {};
let lastCheckedRules: LocalRules | InputError | undefined;

/**
 * The organisation's rules, merged over the defaults. The custom functions hand the same frozen rules of
 * a policy to every cell; they are checked once.
 */
export function readRules(value: unknown): LocalRules | InputError {
  if (value === lastFrozenRules) return lastCheckedRules as LocalRules | InputError;
  const frozen = typeof value === "object" && value !== null && Object.isFrozen(value);
  if (frozen) {
    const known = checkedFrozenRules.get(value);
    if (known) {
      lastFrozenRules = value;
      lastCheckedRules = known;
      return known;
    }
  }
  const resolved = resolveLocalRules(value);
  const rules = "error" in resolved ? inputError("rules", resolved.error) : resolved;
  if (frozen) {
    checkedFrozenRules.set(value, rules);
    // Every cell of a sheet passes the same rules object: one comparison instead of a WeakMap lookup.
    lastFrozenRules = value;
    lastCheckedRules = rules;
  }
  return rules;
}

/**
 * A pure function of a few primitive arguments over constant tables (thresholds at a date), remembering
 * its recent answers: every row of a sheet asks the same few dates. The memory is bounded. Answers are
 * kept in one map per argument (no key text to build and hash on every call).
 */
export function memoised<A extends readonly (string | number | undefined)[], R>(
  fn: (...args: A) => R,
  limit = 1_024,
): (...args: A) => R {
  let root = new Map<unknown, unknown>();
  let size = 0;
  const leafOf = (args: A, create: boolean): Map<unknown, unknown> | undefined => {
    let node = root;
    for (let i = 0; i < args.length - 1; i++) {
      let next = node.get(args[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        if (!create) return undefined;
        next = new Map();
        node.set(args[i], next);
      }
      node = next;
    }
    return node;
  };
  return (...args: A): R => {
    const last = args.length === 0 ? undefined : args[args.length - 1];
    const known = leafOf(args, false);
    if (known !== undefined && known.has(last)) return known.get(last) as R;
    const answer = fn(...args);
    if (size >= limit) {
      root = new Map();
      size = 0;
    }
    (leafOf(args, true) as Map<unknown, unknown>).set(last, answer);
    size++;
    return answer;
  };
}

/**
 * A text to write only if it is read (explanations are read far less often than verdicts are computed).
 * Passing the function through here keeps it anonymous: under tsx (esbuild keepNames) a closure bound to
 * a name is renamed with Object.defineProperty on every call, which costs more than the rule itself.
 */
export function later(write: () => string): () => string {
  return write;
}
