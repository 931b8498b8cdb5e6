/**
 * A contract row of the buyer's own table, normalised. Other code maps spreadsheet columns to the
 * fields of `RECORD_FIELDS`; `normaliseRecord` turns the raw cells into a `ContractRecord` and lists the
 * cells it could not read. A flag left empty stays `undefined`: unknown, never "no".
 */
import {
  foldText,
  parseAmount,
  parseDate,
  parseNumber,
  parseText,
  parseYesNo,
  quoteCell,
  isEmptyCell,
  type CellResult,
} from "./normalize";
import type { ContractNature, IsoDate } from "./types";

/**
 * Procedure family of a contract, for the indicators and the questionnaire: MAPA (CCP L2123-1), formal
 * procedure (L2124-1), without publicity or competition, or another one.
 */
export type ProcedureKind = "mapa" | "formalisee" | "sans_publicite" | "autre";

/** Yes/no facts about a contract that indicators count. */
export type FlagName =
  | "envClause"
  | "envCriterion"
  | "envConsideration"
  | "socialClause"
  | "socialCriterion"
  | "socialConsideration"
  | "reserved"
  | "insertionClause"
  | "circularEconomy"
  | "smeSupplier"
  | "solidaritySupplier"
  | "recurring"
  | "targeted";

export const FLAG_NAMES: readonly FlagName[] = [
  "envClause",
  "envCriterion",
  "envConsideration",
  "socialClause",
  "socialCriterion",
  "socialConsideration",
  "reserved",
  "insertionClause",
  "circularEconomy",
  "smeSupplier",
  "solidaritySupplier",
  "recurring",
  "targeted",
];

/** Each flag: true, false, or absent/undefined when the cell is empty (missing). */
export type RecordFlags = { readonly [K in FlagName]?: boolean | undefined };

export interface ContractRecord {
  readonly id?: string | undefined;
  readonly object?: string | undefined;
  readonly amountHT?: number | undefined;
  readonly notificationDate?: IsoDate | undefined;
  readonly awardDate?: IsoDate | undefined;
  readonly supplier?: string | undefined;
  readonly procedure?: ProcedureKind | undefined;
  readonly nature?: ContractNature | undefined;
  readonly durationMonths?: number | undefined;
  readonly cpv?: string | undefined;
  readonly flags: RecordFlags;
}

export type ScalarField =
  | "id"
  | "object"
  | "amountHT"
  | "notificationDate"
  | "awardDate"
  | "supplier"
  | "procedure"
  | "nature"
  | "durationMonths"
  | "cpv";

export type RecordField = ScalarField | FlagName;

export const SCALAR_FIELDS: readonly ScalarField[] = [
  "id",
  "object",
  "amountHT",
  "notificationDate",
  "awardDate",
  "supplier",
  "procedure",
  "nature",
  "durationMonths",
  "cpv",
];

/** Every field a spreadsheet column can be mapped to. */
export const RECORD_FIELDS: readonly RecordField[] = [...SCALAR_FIELDS, ...FLAG_NAMES];

/** French names of the fields, for the column-mapping dialog and messages. */
export const RECORD_FIELD_LABELS: Readonly<Record<RecordField, string>> = {
  id: "N° de marché",
  object: "Objet",
  amountHT: "Montant HT",
  notificationDate: "Date de notification",
  awardDate: "Date d'attribution",
  supplier: "Attributaire",
  procedure: "Procédure",
  nature: "Nature (travaux, fournitures, services)",
  durationMonths: "Durée (mois)",
  cpv: "Code CPV",
  envClause: "Clause environnementale",
  envCriterion: "Critère environnemental",
  envConsideration: "Considération environnementale",
  socialClause: "Clause sociale",
  socialCriterion: "Critère social",
  socialConsideration: "Considération sociale",
  reserved: "Marché réservé",
  insertionClause: "Clause d'insertion",
  circularEconomy: "Économie circulaire",
  smeSupplier: "Attributaire TPE-PME",
  solidaritySupplier: "Attributaire de l'ESS / solidaire",
  recurring: "Marché récurrent",
  targeted: "Marché ciblé par le SPASER",
};

export interface RecordProblem {
  readonly field: RecordField;
  readonly message: string;
}

export interface NormalisedRecord {
  readonly record: ContractRecord;
  readonly problems: readonly RecordProblem[];
}

// ---------------------------------------------------------------------------------------------------------
// Procedure and nature labels
// ---------------------------------------------------------------------------------------------------------

/**
 * Procedure labels, folded (lower case, no accents, punctuation as spaces), matched by inclusion in this
 * order: "sans publicité" first, because "Marché négocié sans publicité…" also contains "négocié".
 * Formal procedures are those of CCP L2124-1 (appel d'offres, procédure avec négociation, dialogue
 * compétitif); MAPA are CCP L2123-1.
 */
const PROCEDURE_PATTERNS: readonly { readonly kind: ProcedureKind; readonly pattern: RegExp }[] = [
  { kind: "sans_publicite", pattern: /\bsans publicite\b|\bsans mise en concurrence\b|\bgre a gre\b|^mnsp$|^msp$/ },
  { kind: "mapa", pattern: /\bprocedure adaptee\b|\bmapa\b|^pa$/ },
  {
    kind: "formalisee",
    pattern:
      /\bappel d offres?\b|^aoo$|^aor$|^ao$|\bnegociation\b|\bnegociee?\b|^pcn$|^pn$|\bdialogue competitif\b|^dc$|\bpartenariat d innovation\b|\bformalisee\b/,
  },
  { kind: "autre", pattern: /^autres?\b|\bconcours\b|\bmarche subsequent\b/ },
];

/**
 * Procedure family from a French label ("Procédure adaptée", "AOO", "Dialogue compétitif", the DECP
 * labels, "Appel d offres ouvert" of the 2019 exports…). Unknown labels are refused so that a typo is
 * seen; the caller may then choose "autre".
 */
export function parseProcedure(cell: unknown): CellResult<ProcedureKind> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell !== "string") return { ok: false, message: `${quoteCell(cell)} n'est pas une procédure.` };
  const folded = foldText(cell);
  for (const { kind, pattern } of PROCEDURE_PATTERNS) {
    if (pattern.test(folded)) return { ok: true, value: kind };
  }
  return {
    ok: false,
    message: `Procédure ${quoteCell(cell)} non reconnue (procédure adaptée, appel d'offres, procédure avec négociation, dialogue compétitif, sans publicité…).`,
  };
}

const NATURE_PATTERNS: readonly { readonly nature: ContractNature; readonly pattern: RegExp }[] = [
  { nature: "travaux", pattern: /^(travaux|travail|trx|t)$/ },
  { nature: "fournitures", pattern: /^(fournitures?|fourn|f)$/ },
  { nature: "services", pattern: /^(services?|prestations? de services?|pi|prestations? intellectuelles?|s)$/ },
];

/** Nature from "Travaux", "FOURNITURE", "Services"… (CCP L1111-2 to L1111-4). */
export function parseNature(cell: unknown): CellResult<ContractNature> {
  if (isEmptyCell(cell)) return undefined;
  const folded = typeof cell === "string" ? foldText(cell) : "";
  for (const { nature, pattern } of NATURE_PATTERNS) {
    if (pattern.test(folded)) return { ok: true, value: nature };
  }
  return { ok: false, message: `Nature ${quoteCell(cell)} non reconnue : travaux, fournitures ou services.` };
}

/** CPV code: 8 digits and an optional check digit ("45210000-2"); a number loses its leading zero, restored. */
export function parseCpv(cell: unknown): CellResult<string> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "number" && Number.isInteger(cell) && cell >= 0 && cell < 100_000_000) {
    return { ok: true, value: String(cell).padStart(8, "0") };
  }
  if (typeof cell === "string") {
    const text = cell.replace(/\s+/g, "");
    if (/^\d{8}(-\d)?$/.test(text)) return { ok: true, value: text };
  }
  return { ok: false, message: `${quoteCell(cell)} n'est pas un code CPV (8 chiffres, ex. 45210000-2).` };
}

/** Duration in months: a positive number, "12 mois" accepted. */
export function parseDurationMonths(cell: unknown): CellResult<number> {
  const result = parseNumber(cell, /\bmois\b/gi);
  if (result?.ok && result.value <= 0) {
    return { ok: false, message: `La durée ${quoteCell(cell)} doit être positive.` };
  }
  return result;
}

/** Contract number: text, or a number written as text (2025001 → "2025001"). */
function parseId(cell: unknown): CellResult<string> {
  return parseText(cell);
}

// ---------------------------------------------------------------------------------------------------------
// Whole record
// ---------------------------------------------------------------------------------------------------------

const SCALAR_PARSERS: { readonly [K in ScalarField]: (cell: unknown) => CellResult<NonNullable<ContractRecord[K]>> } = {
  id: parseId,
  object: parseText,
  amountHT: (cell) => parseAmount(cell),
  notificationDate: parseDate,
  awardDate: parseDate,
  supplier: parseText,
  procedure: parseProcedure,
  nature: parseNature,
  durationMonths: parseDurationMonths,
  cpv: parseCpv,
};

/**
 * Normalise the raw cells of one contract row. Never throws: unreadable cells are left out of the
 * record (unknown) and listed in `problems` with a French message.
 */
export function normaliseRecord(raw: Partial<Record<RecordField, unknown>>): NormalisedRecord {
  const problems: RecordProblem[] = [];
  const record: Record<string, unknown> = {};
  const flags: Partial<Record<FlagName, boolean>> = {};
  for (const field of SCALAR_FIELDS) {
    const result = SCALAR_PARSERS[field](raw[field]);
    if (result === undefined) continue;
    if (result.ok) record[field] = result.value;
    else problems.push({ field, message: `${RECORD_FIELD_LABELS[field]} : ${result.message}` });
  }
  for (const flag of FLAG_NAMES) {
    const result = parseYesNo(raw[flag]);
    if (result === undefined) continue;
    if (result.ok) flags[flag] = result.value;
    else problems.push({ field: flag, message: `${RECORD_FIELD_LABELS[flag]} : ${result.message}` });
  }
  return { record: { ...(record as Omit<ContractRecord, "flags">), flags }, problems };
}
