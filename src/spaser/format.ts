/**
 * How the domain writes numbers, amounts, percentages and dates in its French texts (explanations,
 * reasons, messages). One place, so that the same value reads the same in every rule.
 */
import type { IsoDate } from "./types";

/** Excel cells show French groups with a plain space; Intl writes a (narrow) no-break space. */
const NO_BREAK_SPACES = /[\u202f\u00a0]/g;
const UP_TO_TWO_DECIMALS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const TWO_DECIMALS = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const UP_TO_ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
/** The separators Intl writes for fr-FR, read once so the fast path below writes the very same text. */
const GROUP = UP_TO_ONE_DECIMAL.formatToParts(1000).find((part) => part.type === "group")?.value ?? "\u202f";
const DECIMAL = UP_TO_ONE_DECIMAL.formatToParts(0.5).find((part) => part.type === "decimal")?.value ?? ",";
/** Below this, String(n) writes every digit of n without an exponent. */
const PLAIN_DIGITS_LIMIT = 1e15;

/**
 * Intl's text for a number that needs no rounding: String(n) has at most `maxDecimals` decimals, so
 * Intl (which rounds the shortest decimal form) would write the same digits, grouped. Intl.format costs
 * about a microsecond; this, a few dozen nanoseconds. undefined when rounding, a sign or an exponent is
 * involved: the caller then asks Intl.
 */
function plainFrench(n: number, maxDecimals: number, group: string): string | undefined {
  if (!(n >= 0 && n < PLAIN_DIGITS_LIMIT) || Object.is(n, -0)) return undefined;
  const text = String(n);
  if (text.includes("e")) return undefined; // 1e-7
  const dot = text.indexOf(".");
  if (dot >= 0 && text.length - dot - 1 > maxDecimals) return undefined;
  const integer = dot >= 0 ? text.slice(0, dot) : text;
  let grouped = integer.length <= 3 ? integer : "";
  if (grouped === "") {
    const head = integer.length % 3 || 3;
    grouped = integer.slice(0, head);
    for (let i = head; i < integer.length; i += 3) grouped += group + integer.slice(i, i + 3);
  }
  return dot >= 0 ? grouped + DECIMAL + text.slice(dot + 1) : grouped;
}

/**
 * How an amount with cents is written: "trimmed" 1 234,5 € (the rules' explanations), "fixed" 1 234,50 €
 * (the questionnaire's reasons). Whole amounts are written without cents either way: 216 000 €.
 */
export type CentsStyle = "trimmed" | "fixed";

/** "216 000 €": French grouping with plain spaces, cents as `cents` says. */
export function euros(amount: number, cents: CentsStyle = "trimmed"): string {
  if (cents === "trimmed") {
    const plain = plainFrench(amount, 2, " ");
    return `${plain ?? UP_TO_TWO_DECIMALS.format(amount).replace(NO_BREAK_SPACES, " ")} €`;
  }
  const rounded = Math.round(amount * 100) / 100;
  const digits = (Number.isInteger(rounded) ? WHOLE : TWO_DECIMALS).format(Math.abs(rounded));
  return `${rounded < 0 ? "-" : ""}${digits.replace(NO_BREAK_SPACES, " ")} €`;
}

/** Float noise guard: 0.7 − 0.35 is 0.35 in percentage points, not 34.99999999999999. */
export function withoutFloatNoise(x: number): number {
  return Number(x.toFixed(9));
}

/** "1 234,5": French grouping, at most one decimal (percentages, percentage points). */
export function oneDecimal(n: number): string {
  return plainFrench(n, 1, GROUP) ?? UP_TO_ONE_DECIMAL.format(n);
}

/** A fraction as a French percentage, at most one decimal: 0.3 → "30 %", 23 ÷ 80 → "28,8 %". */
export function percent(fraction: number): string {
  return `${percentDigits(fraction * 100)} %`;
}

/**
 * oneDecimal(withoutFloatNoise(x)) without toFixed (a few hundred nanoseconds): away from a half tenth,
 * noise of 1e-9 cannot change the rounding, so x rounded to a tenth is the same number, written the same.
 */
function percentDigits(x: number): string {
  const tenths = x * 10;
  const fromHalf = Math.abs(tenths - Math.floor(tenths) - 0.5);
  if (fromHalf > 1e-6 && x >= 0 && x < PLAIN_DIGITS_LIMIT / 10) {
    const plain = plainFrench(Math.round(tenths) / 10, 1, GROUP);
    if (plain !== undefined) return plain;
  }
  return oneDecimal(withoutFloatNoise(x));
}

/** A number as the buyer typed it, with a decimal comma and no grouping: 12.5 → "12,5". */
export function decimalComma(n: number): string {
  return String(n).replace(".", ",");
}

/** "2026-09-01" → "01/09/2026". */
export function frenchDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
