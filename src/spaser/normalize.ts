/**
 * Normalisation of raw spreadsheet cells into domain values.
 *
 * Cells come from real procurement workbooks (see shared/data/workbooks/README.md): amounts typed as text
 * in several French and English styles, totals rows mixed with contract rows, dates as Excel serials or
 * text, yes/no answers in a dozen spellings. Every parser here is total: it never throws, it returns
 * `undefined` for an empty cell (missing, which is not the same as "no" or zero), a value, or a French
 * message saying what is wrong with the cell.
 */
import { isValidIsoDate, isoFromExcelSerial, isoFromParts } from "./dates";
import type { IsoDate } from "./types";

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Result of a cell parser: `undefined` when the cell is empty. */
export type CellResult<T> = Parsed<T> | undefined;

const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refused = (message: string): Parsed<never> => ({ ok: false, message });

/** Horizontal spaces found in French numbers: space, NBSP (Excel's French format), narrow NBSP, thin space. */
const SPACES = /[\s\u00A0\u202F\u2007\u2009]+/g;

/** Empty cell: null, undefined, "" or whitespace only (the Crosne export has `' '` amounts). */
export function isEmptyCell(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== "string") return false;
  if (isPrintableAscii(cell.charCodeAt(0))) return false; // the common case, without a RegExp
  return cell.replace(SPACES, "") === "";
}

/** A visible ASCII character: never a space, never folded or normalised away. */
function isPrintableAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/** Only visible ASCII characters: no space to trim or squeeze. */
export function isPrintableAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isPrintableAscii(text.charCodeAt(i))) return false;
  return true;
}

/** Short quotation of a cell for messages (long texts are cut). */
export function quoteCell(cell: unknown): string {
  const text = cellText(cell).replace(/\s+/g, " ").trim();
  return `« ${text.length > 40 ? `${text.slice(0, 37)}…` : text} »`;
}

/** Text of a cell for messages; never calls user-defined conversions (an object's toString may throw). */
function cellText(cell: unknown): string {
  switch (typeof cell) {
    case "string":
      return cell;
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return String(cell);
    default:
      if (cell === null) return "null";
      if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "date invalide" : cell.toISOString().slice(0, 10);
      return Array.isArray(cell) ? "plage de cellules" : "valeur non textuelle";
  }
}

/** Lower case without accents: "Priorité" → "priorite". The common ground of every lookup fold below. */
function lowerWithoutAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * Lower case, no accents, every run of punctuation or space turned into one space.
 * Used for every lookup of free French labels ("Appel d'offres ouvert" = "APPEL D OFFRES OUVERT",
 * "seuil_europeen" = "Seuil européen", "À étudier." = "a etudier"): compare folded with folded.
 */
export function foldText(text: string): string {
  const ascii = foldAsciiText(text);
  if (ascii !== undefined) return ascii;
  return lowerWithoutAccents(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const CODE_A = 97;
const CODE_Z = 122;
const CODE_0 = 48;
const CODE_9 = 57;
const CASE_OFFSET = 32; // "A" → "a"

/**
 * foldText of a text made of ASCII letters, digits and punctuation only (ids such as "eu_fs_local",
 * "collectivite"), without RegExp or Unicode normalisation; undefined for any other character.
 */
function foldAsciiText(text: string): string | undefined {
  let folded = "";
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code > 127) return undefined;
    if (code >= 65 && code <= 90) code += CASE_OFFSET;
    if ((code >= CODE_A && code <= CODE_Z) || (code >= CODE_0 && code <= CODE_9)) {
      if (pendingSpace && folded !== "") folded += " ";
      pendingSpace = false;
      folded += String.fromCharCode(code);
    } else {
      pendingSpace = true;
    }
  }
  return folded;
}

/**
 * Lower case, no accents, no spaces, punctuation kept: for keys and codes whose punctuation means something
 * ("Priorité.Action" = "priorite.action", "✓", "-").
 */
export function foldKey(text: string): string {
  return lowerWithoutAccents(text).replace(/\s+/g, "");
}

/** A range arrives from Excel as nested arrays (one array per row): its cells, row by row. */
export function cellsOfRange(values: unknown): unknown[] {
  if (!Array.isArray(values)) return [values];
  return values.flatMap((cell: unknown) => (Array.isArray(cell) ? cell : [cell]));
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A share as a fraction 0–1 (Excel stores 30 % as 0.3). */
export function isFraction(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0 && value <= 1;
}

// ---------------------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------------------

export interface AmountOptions {
  /** Accept negative amounts (credit notes, cancellations). Contract amounts are never negative. */
  readonly allowNegative?: boolean;
}

/** Currency and tax marks accepted around an amount: "€", "EUR", "euros", "HT", "H.T.", "€ HT". */
const CURRENCY_MARKS = /(\(\s*h\.?\s?t\.?\s*\)|€|\beuros?\b|\beur\b|\bh\.?\s?t\.?(?=$|\s|\))|\bhors taxes?\b)/gi;
/** Words that announce a totals or subtotals row, never a contract amount. */
const TOTAL_WORDS = /\b(total|sous[- ]?total|totaux|cumul|somme)\b/i;

/** 1 234 567,89 / 14 237.50 / 64 000 / 1234,5 (groups of three after the first). */
const SPACE_GROUPED = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/;
/** 1.234.567,89 / 1.234,5: dots for thousands, comma for decimals. */
const DOT_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
/** 1,234,567.89: English style, accepted only with a decimal point (a lone "1,234" is French 1.234). */
const COMMA_GROUPED = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/;
/** "1.234": a dot then exactly three digits is 1 234 in French and 1.234 in English: ambiguous. */
const AMBIGUOUS_DOT = /^\d{1,3}\.\d{3}$/;

/**
 * A money amount, in euros. Numbers pass through; text may be French (`12 500,50 €`, `1.234.567,89`)
 * or with a decimal point (`14 237.50`), with NBSP thousands separators, `€`, `EUR`, `HT`.
 *
 * Refused: totals rows (`Total : 73 243,56`), several amounts in one cell (`Lot 2: 10869,56 Lot 4: …`),
 * ambiguous `1.234`, any other word, and negatives unless `allowNegative`.
 *
 * Note: a postal code such as `91 160` *is* a well-formed amount (91 160 €); only the column mapping
 * can tell a postal code from an amount, so the parser does not try.
 */
export function parseAmount(cell: unknown, options: AmountOptions = {}): CellResult<number> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "number") return checkAmountSign(cell, options, cell);
  if (typeof cell !== "string") return refused(`${quoteCell(cell)} n'est pas un montant.`);
  if (TOTAL_WORDS.test(cell)) {
    return refused(`${quoteCell(cell)} est une ligne de total, pas le montant d'un marché.`);
  }
  const number = parseNumberText(cell.replace(CURRENCY_MARKS, " "));
  if (!number.ok) return refused(`${quoteCell(cell)} n'est pas un montant${number.message}.`);
  return checkAmountSign(number.value, options, cell);
}

function checkAmountSign(value: number, options: AmountOptions, cell: unknown): Parsed<number> {
  if (!Number.isFinite(value)) return refused(`${quoteCell(cell)} n'est pas un montant.`);
  if (value < 0 && !options.allowNegative) return refused(`Le montant ${quoteCell(cell)} est négatif.`);
  return parsed(value === 0 ? 0 : value); // no -0
}

/**
 * A decimal number written as text, French or English style. The message is a suffix explaining why
 * the text was refused (empty when there is nothing more to say).
 */
export function parseNumberText(text: string): Parsed<number> {
  let body = text.replace(SPACES, " ").trim();
  let sign = 1;
  if (/^[-−–]/.test(body)) {
    sign = -1;
    body = body.slice(1).trim();
  } else if (body.startsWith("+")) {
    body = body.slice(1).trim();
  }
  if (body === "") return refused("");
  if (AMBIGUOUS_DOT.test(body)) {
    return refused(" univoque (point suivi de trois chiffres : écrivez 1 234 ou 1,234)");
  }
  const match = SPACE_GROUPED.exec(body) ?? DOT_GROUPED.exec(body) ?? COMMA_GROUPED.exec(body);
  if (!match) return refused("");
  const integerPart = (match[1] ?? "").replace(/[ .,]/g, "");
  const decimals = match[2] ?? "";
  const value = Number(decimals === "" ? integerPart : `${integerPart}.${decimals}`);
  if (!Number.isFinite(value)) return refused("");
  return parsed(sign * value);
}

// ---------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
/** ISO date, optionally followed by a time and a zone as in DECP exports ("2019-01-15+01:00"). */
const ISO_FIRST = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?(?:Z|[+-]\d{2}:?\d{2})?$/;
/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (Excel's own pivot is 29; contracts are recent). */
const TWO_DIGIT_YEAR_PIVOT = 70;

/**
 * A calendar date as ISO `YYYY-MM-DD`: Excel serial numbers (1900 system), `dd/mm/yyyy`, `dd/mm/yy`,
 * `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, or a JS Date (read in UTC, as xlsx libraries create them).
 * Impossible dates (31/02/2025) are refused, never rolled over.
 */
export function parseDate(cell: unknown): CellResult<IsoDate> {
  if (isEmptyCell(cell)) return undefined;
  if (cell instanceof Date) {
    const year = cell.getUTCFullYear();
    // Excel's calendar runs from 1900 to 9999; outside, the Date is a conversion accident.
    if (Number.isNaN(year) || year < 1900 || year > 9999) return refused("Date invalide.");
    return parsed(isoFromParts(year, cell.getUTCMonth() + 1, cell.getUTCDate()));
  }
  if (typeof cell === "number") {
    const iso = isoFromExcelSerial(cell);
    return iso === undefined ? refused(`${quoteCell(cell)} n'est pas une date Excel valide.`) : parsed(iso);
  }
  if (typeof cell !== "string") return refused(`${quoteCell(cell)} n'est pas une date.`);
  const text = cell.trim();
  const iso = ISO_FIRST.exec(text);
  if (iso) return checkedDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), cell);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    let year = Number(dayFirst[3]);
    if ((dayFirst[3] ?? "").length === 2) year += year < TWO_DIGIT_YEAR_PIVOT ? 2000 : 1900;
    return checkedDate(year, Number(dayFirst[2]), Number(dayFirst[1]), cell);
  }
  return refused(`${quoteCell(cell)} n'est pas une date (formats acceptés : jj/mm/aaaa, aaaa-mm-jj).`);
}

function checkedDate(year: number, month: number, day: number, cell: string): Parsed<IsoDate> {
  const iso = isoFromParts(year, month, day);
  return isValidIsoDate(iso) ? parsed(iso) : refused(`${quoteCell(cell)} n'est pas une date qui existe.`);
}

// ---------------------------------------------------------------------------------------------------------
// Yes / no
// ---------------------------------------------------------------------------------------------------------

/** Spellings read as "yes" (compared without case or accents). Shown in the documentation. */
export const YES_VARIANTS: readonly string[] = ["Oui", "O", "Yes", "Y", "X", "1", "Vrai", "True", "✓", "✔"];
/** Spellings read as "no" (compared without case or accents). Shown in the documentation. */
export const NO_VARIANTS: readonly string[] = ["Non", "N", "No", "0", "Faux", "False", "-"];

const YES_SET: ReadonlySet<string> = new Set(YES_VARIANTS.map(foldKey));
const NO_SET: ReadonlySet<string> = new Set(NO_VARIANTS.map(foldKey));

/**
 * A yes/no answer. Empty is `undefined` (unknown), never "no": the DECP social field is empty on half
 * of the national rows, and an empty answer must not lower an indicator.
 */
export function parseYesNo(cell: unknown): CellResult<boolean> {
  const common = commonYesNo(cell);
  if (common !== UNCOMMON) return common;
  return parseAnyYesNo(cell);
}

const UNCOMMON: unique symbol = Symbol("uncommon");
const YES: Parsed<boolean> = parsed(true);
const NO: Parsed<boolean> = parsed(false);

/**
 * parseYesNo of the cells that fill most flag columns (Oui, Non, X, empty, booleans, 1, 0), without
 * folding; UNCOMMON for any other cell. RATE reads a whole column of them.
 */
export function commonYesNo(cell: unknown): CellResult<boolean> | typeof UNCOMMON {
  switch (cell) {
    case "Oui":
    case "oui":
    case "OUI":
    case "X":
    case "x":
    case true:
    case 1:
      return YES;
    case "Non":
    case "non":
    case "NON":
    case false:
    case 0:
      return NO;
    case "":
    case null:
    case undefined:
      return undefined;
    default:
      return UNCOMMON;
  }
}

function parseAnyYesNo(cell: unknown): CellResult<boolean> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "boolean") return parsed(cell);
  if (typeof cell === "number") {
    if (cell === 1) return parsed(true);
    if (cell === 0) return parsed(false);
    return refused(`${quoteCell(cell)} n'est pas une réponse oui/non (1 ou 0 attendu).`);
  }
  if (typeof cell !== "string") return refused(`${quoteCell(cell)} n'est pas une réponse oui/non.`);
  const folded = foldKey(cell);
  if (YES_SET.has(folded)) return parsed(true);
  if (NO_SET.has(folded)) return parsed(false);
  return refused(`${quoteCell(cell)} n'est pas une réponse oui/non (Oui, Non, X, 1, 0…).`);
}

// ---------------------------------------------------------------------------------------------------------
// Percentages
// ---------------------------------------------------------------------------------------------------------

/**
 * A share as a fraction: 0.3, "0,3", "30 %", "30%" all give 0.3. A number or a text without `%` is
 * already a fraction (Excel stores 30 % as 0.3), so `30` gives 30: callers check their range and can
 * suggest "30 %". No range check here: a realisation rate may exceed 100 %.
 */
export function parsePercent(cell: unknown): CellResult<number> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? parsed(cell) : refused(`${quoteCell(cell)} n'est pas un pourcentage.`);
  }
  if (typeof cell !== "string") return refused(`${quoteCell(cell)} n'est pas un pourcentage.`);
  const text = cell.replace(SPACES, " ").trim();
  const withPercent = /^(.*?)\s*%$/.exec(text);
  const number = parseNumberText(withPercent ? (withPercent[1] ?? "") : text);
  if (!number.ok) return refused(`${quoteCell(cell)} n'est pas un pourcentage (exemples : 30 %, 0,3).`);
  const value = withPercent ? number.value / 100 : number.value;
  // 30 % / 100 can carry float noise (0.30000000000000004): keep 12 significant decimals.
  return parsed(Number(value.toFixed(12)));
}

// ---------------------------------------------------------------------------------------------------------
// Plain numbers and texts
// ---------------------------------------------------------------------------------------------------------

/** A plain number (counts, months, years), French or English text accepted, optional unit word stripped. */
export function parseNumber(cell: unknown, unit?: RegExp): CellResult<number> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? parsed(cell) : refused(`${quoteCell(cell)} n'est pas un nombre.`);
  }
  if (typeof cell !== "string") return refused(`${quoteCell(cell)} n'est pas un nombre.`);
  const number = parseNumberText(unit ? cell.replace(unit, " ") : cell);
  return number.ok ? number : refused(`${quoteCell(cell)} n'est pas un nombre${number.message}.`);
}

/** A text cell, trimmed (exports carry trailing spaces: `'AUCHAN HYPERMARCHE '`). Numbers become text. */
export function parseText(cell: unknown): CellResult<string> {
  if (isEmptyCell(cell)) return undefined;
  if (typeof cell === "string") return parsed(isPrintableAsciiText(cell) ? cell : cell.replace(SPACES, " ").trim());
  if (typeof cell === "number" && Number.isFinite(cell)) return parsed(String(cell));
  return refused(`${quoteCell(cell)} n'est pas un texte.`);
}
