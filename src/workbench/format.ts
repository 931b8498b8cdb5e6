/**
 * How the workbench grid shows a cell value: a simple, French reading of the cell's number format —
 * dates as dd/mm/yyyy, thousands separated by spaces, percentages, decimals with a comma, a currency or
 * unit suffix. Not Excel's full format language (colours, sections, fractions are ignored). Pure.
 */
import type { OfficeCellValue } from "../sim/workbook";

/** Non-breaking space: French thousands separator and the space before %, € and units. */
export const NBSP = "\u00a0";

/** Excel's serial 0 is 1899-12-30 (with the 1900 leap-year bug already folded in). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;
/** Excel's last date, 9999-12-31. */
const MAX_DATE_SERIAL = 2_958_465;

/** The format without quoted literals, escapes and bracketed codes ([Red], [$€-40C], [h]). */
function formatSkeleton(format: string): string {
  return format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
}

/** Only the first section (positive numbers) of "pos;neg;zero;text" matters here. */
function firstSection(format: string): string {
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    if (format[i] === '"') quoted = !quoted;
    else if (format[i] === ";" && !quoted) return format.slice(0, i);
  }
  return format;
}

export function isDateFormat(format: string): boolean {
  const skeleton = formatSkeleton(firstSection(format)).toLowerCase();
  return /[dy]/.test(skeleton) || /m{3,}/.test(skeleton) || /(^|[^a-z])m{1,2}[/.-]/.test(skeleton);
}

function hasTime(format: string): boolean {
  return /[hs]/.test(formatSkeleton(firstSection(format)).toLowerCase());
}

const pad = (n: number) => String(n).padStart(2, "0");

export function formatDate(serial: number, withTime = false): string {
  const ms = EXCEL_EPOCH_UTC + Math.round(serial * MS_PER_DAY);
  const date = new Date(ms);
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  return withTime ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : day;
}

/** "1234567.891" with 2 decimals and grouping → "1 234 567,89". */
export function formatNumber(value: number, decimals: number, grouping: boolean): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [integer = "0", fraction] = fixed.split(".");
  const grouped = grouping ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) : integer;
  const sign = value < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** Decimals asked by the format: the 0/#/? placeholders after its decimal point. */
function decimalsOf(skeleton: string): number {
  const point = skeleton.indexOf(".");
  if (point < 0) return 0;
  return /^[0#?]*/.exec(skeleton.slice(point + 1))?.[0].length ?? 0;
}

/** The literal text of the format ("€", "mois", "€" of [$€-40C]) to show after the number. */
function suffixOf(section: string): string {
  const quoted = [...section.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("");
  const currency = /\[\$([^-\]]+)(?:-[^\]]*)?\]/.exec(section)?.[1] ?? "";
  const escaped = [...section.matchAll(/\\(.)/g)].map((m) => m[1]).join("");
  return (quoted + currency + escaped).trim();
}

/** General format: up to 10 significant digits, comma decimal separator, no grouping, like Excel's column. */
function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const text =
    Math.abs(value) >= 1e11 || (value !== 0 && Math.abs(value) < 1e-9)
      ? value
          .toExponential(5)
          .replace(/\.?0+e/, "E")
          .replace("e", "E")
      : String(Number(value.toPrecision(10)));
  return text.replace(".", ",");
}

/** The text a cell shows for its value and number format. */
export function displayValue(value: OfficeCellValue | null | undefined, numberFormat = "General"): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "VRAI" : "FAUX";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  const section = firstSection(numberFormat);
  if (numberFormat === "General" || numberFormat === "@" || section.trim() === "") return formatGeneral(value);
  if (isDateFormat(numberFormat)) {
    return value >= 0 && value <= MAX_DATE_SERIAL ? formatDate(value, hasTime(numberFormat)) : "#".repeat(8);
  }
  const skeleton = formatSkeleton(section);
  if (!/[0#?]/.test(skeleton)) return formatGeneral(value);
  const percent = skeleton.includes("%");
  const number = formatNumber(percent ? value * 100 : value, decimalsOf(skeleton), skeleton.includes(","));
  const suffix = suffixOf(section);
  return `${number}${percent ? `${NBSP}%` : ""}${suffix ? `${NBSP}${suffix}` : ""}`;
}
