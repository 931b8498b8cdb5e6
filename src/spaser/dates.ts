/**
 * Civil-date helpers shared by rules, normalisation and functions. Dates are ISO "YYYY-MM-DD" strings.
 * The common cases are plain arithmetic on the digits (no RegExp, no Date object): Excel recalculates
 * these on every cell, thousands of times. Anything unusual takes the general path, which defines the
 * result.
 */
import type { IsoDate } from "./types";

/** Excel's serial 0 is 1899-12-30 in the 1900 date system (the 1900 leap-year bug is absorbed). */
const EXCEL_EPOCH_UTC_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's serial 0) to 1970-01-01 (day 0 of daysFromCivil). */
const EXCEL_SERIAL_OF_UNIX_EPOCH = 25_569;
const LAST_EXCEL_SERIAL = 2_958_465; // 9999-12-31
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const CODE_0 = 48;
const CODE_DASH = 45;

/** Value of the ASCII digits text[from..to), or -1 when one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - CODE_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Year, month and day of text shaped exactly "dddd-dd-dd" (/^\d{4}-\d{2}-\d{2}$/), else undefined. */
function isoParts(text: string): [number, number, number] | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== CODE_DASH || text.charCodeAt(7) !== CODE_DASH) return undefined;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  return y < 0 || m < 0 || d < 0 ? undefined : [y, m, d];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); d may overflow. */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isValidIsoDate(text: string): boolean {
  if (typeof text !== "string") return isValidIsoDate(String(text)); // as RegExp.exec would read it
  // Exactly the texts /^\d{4}-\d{2}-\d{2}$/ matches (read in place: this runs on every dated cell).
  if (text.length !== 10 || text.charCodeAt(4) !== CODE_DASH || text.charCodeAt(7) !== CODE_DASH) return false;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month1to12: number): number {
  // Date.UTC reads years 0–99 as 1900–1999: those, and odd arguments, keep the Date path.
  if (Number.isInteger(year) && year >= 100 && Number.isInteger(month1to12) && month1to12 >= 1 && month1to12 <= 12) {
    return month1to12 === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month1to12 - 1] ?? 31);
  }
  return new Date(Date.UTC(year, month1to12, 0)).getUTCDate();
}

export function isoFromParts(year: number, month1to12: number, day: number): IsoDate {
  if (year >= 1000 && year <= 9999 && month1to12 >= 1 && month1to12 <= 12 && day >= 1 && day <= 31) {
    if (Number.isInteger(year) && Number.isInteger(month1to12) && Number.isInteger(day)) {
      return `${year}-${twoDigits(month1to12)}-${twoDigits(day)}`;
    }
  }
  return `${String(year).padStart(4, "0")}-${String(month1to12).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The same text as one flat string. A template literal gives V8 a rope of pieces, and every character
 * read or comparison of a rope goes through it again: a date kept for reuse is worth flattening once
 * (a property name is stored flat).
 */
export function flatText(text: string): string {
  for (const key in { [text]: true }) return key;
  return text;
}

/** Whole serials of 2000-01-01 … 2099-12-31 have their text remembered once written. */
const FIRST_REMEMBERED_SERIAL = 36_526;
const REMEMBERED_SERIALS = 36_525;
/** Dense from the start (a growing array of far-apart indexes would turn into a slow dictionary). */
const isoOfSerial: (IsoDate | undefined)[] = Array.from({ length: REMEMBERED_SERIALS }, () => undefined);

export function isoFromExcelSerial(serial: number): IsoDate | undefined {
  // A column of dates asks the same few hundred days again and again.
  const index = serial - FIRST_REMEMBERED_SERIAL;
  if (index >= 0 && index < REMEMBERED_SERIALS && Number.isInteger(index)) {
    return (isoOfSerial[index] ??= flatText(isoFromWholeSerial(serial)));
  }
  if (!Number.isFinite(serial) || serial < 1 || serial > LAST_EXCEL_SERIAL) return undefined;
  return isoFromWholeSerial(serial);
}

function isoFromWholeSerial(serial: number): IsoDate {
  // Serials 1 … 2 958 465 are 1899-12-31 … 9999-12-31, four-digit years.
  const [year, month, day] = civilFromDay(Math.floor(serial));
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** Year, month, day of a whole day number (Excel serial): H. Hinnant's civil_from_days. */
function civilFromDay(serial: number): [number, number, number] {
  const z = serial - EXCEL_SERIAL_OF_UNIX_EPOCH + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function excelSerialFromIso(date: IsoDate): number {
  // "dddd-dd-dd" read in place (no parts array): every dated rule compares days.
  if (date.length === 10 && date.charCodeAt(4) === CODE_DASH && date.charCodeAt(7) === CODE_DASH) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 7);
    const d = digits(date, 8, 10);
    if (y >= 100 && m >= 1 && m <= 12 && d >= 0) return daysFromCivil(y, m, d) + EXCEL_SERIAL_OF_UNIX_EPOCH;
  }
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC_MS) / MS_PER_DAY);
}

/** Add (or subtract) whole months, clamping the day to the target month's length (31/03 − 1 month = 28/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = isoParts(date) ?? (date.split("-").map(Number) as [number, number, number]);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return isoFromParts(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/**
 * addMonths on day numbers (Excel serials, whole days from 1900-03-01 on): the same calendar rule, the
 * same day, without writing or reading a date text.
 */
export function addMonthsToDay(day: number, months: number): number {
  const [y, m, d] = civilFromDay(day);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm))) + EXCEL_SERIAL_OF_UNIX_EPOCH;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whole months from `from` to `to` (negative when `to` is past). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = from.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split("-").map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}
