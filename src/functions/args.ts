/**
 * Reading Excel arguments for the SPASER functions. Cells arrive as numbers, texts (French amounts,
 * dates typed as text), booleans, null for an omitted argument, or 2-D arrays for ranges. Each reader
 * returns the domain value or throws an ArgumentError with a short French message; the function wrapper
 * turns it into #VALUE! (or #N/A) in the cell.
 */
import { parseAmount, parseDate, parseNumber, parsePercent, parseText, parseYesNo } from "../spaser/normalize";
import { policyFromTable } from "../spaser/policy-table";
import { DEFAULT_PRESET_ID, getPreset } from "../spaser/presets";
import type { Policy } from "../spaser/policy";
import { foldText } from "../spaser/normalize";
import type { BuyerKind, ContractNature, InputError, IsoDate } from "../spaser/types";
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
  const result = parseAmount(singleCell(name, value));
  if (result === undefined) return fail(`${name} : montant manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function numberArg(name: string, value: unknown): number {
  const result = parseNumber(singleCell(name, value));
  if (result === undefined) return fail(`${name} : nombre manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function optionalNumberArg(name: string, value: unknown): number | undefined {
  return isOmitted(singleCell(name, value)) ? undefined : numberArg(name, value);
}

/** A share: 0.5, 50 % (a percent-formatted cell is 0.5 already) or the text "50 %". */
export function fractionArg(name: string, value: unknown): number {
  const result = parsePercent(singleCell(name, value));
  if (result === undefined) return fail(`${name} : pourcentage manquant.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

export function optionalFractionArg(name: string, value: unknown): number | undefined {
  return isOmitted(singleCell(name, value)) ? undefined : fractionArg(name, value);
}

export function dateArg(name: string, value: unknown): IsoDate {
  const result = parseDate(singleCell(name, value));
  if (result === undefined) return fail(`${name} : date manquante.`);
  if (!result.ok) return fail(`${name} : ${result.message}`);
  return result.value;
}

/** An optional date; omitted means today (like Excel's AUJOURDHUI(), evaluated at calculation). */
export function dateOrToday(name: string, value: unknown, today: () => IsoDate = todayIso): IsoDate {
  return isOmitted(singleCell(name, value)) ? today() : dateArg(name, value);
}

export function todayIso(): IsoDate {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
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

export function textArg(name: string, value: unknown): string {
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
  return flatCells(value)
    .filter((cell) => !isOmitted(cell))
    .flatMap((cell) => String(cell).split(/[;,/+]|\bet\b|\band\b/i))
    .map((part) => part.trim())
    .filter((part) => part !== "");
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

function lookup<T extends string>(aliases: Readonly<Record<T, readonly string[]>>, text: string): T | undefined {
  const folded = foldText(text).replace(/_/g, " ");
  for (const [id, names] of Object.entries(aliases) as [T, readonly string[]][]) {
    if (foldText(id).replace(/_/g, " ") === folded || names.includes(folded)) return id;
  }
  return undefined;
}

export function optionalBuyerKindArg(name: string, value: unknown): BuyerKind | undefined {
  const cell = singleCell(name, value);
  if (isOmitted(cell)) return undefined;
  return (
    lookup(BUYER_KIND_ALIASES, String(cell)) ??
    fail(
      `${name} : type d'acheteur inconnu (etat, etablissement_etat, collectivite, collectivite_60m, entite_adjudicatrice, defense, autre).`,
    )
  );
}

export function optionalNatureArg(name: string, value: unknown): ContractNature | undefined {
  const cell = singleCell(name, value);
  if (isOmitted(cell)) return undefined;
  return lookup(NATURE_ALIASES, String(cell)) ?? fail(`${name} : nature inconnue (travaux, fournitures, services).`);
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
