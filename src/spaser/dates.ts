/**
 * Civil-date helpers shared by rules, normalisation and functions. Dates are ISO "YYYY-MM-DD" strings.
 */
import type { IsoDate } from "./types";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Excel's serial 0 is 1899-12-30 in the 1900 date system (the 1900 leap-year bug is absorbed). */
const EXCEL_EPOCH_UTC_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month1to12: number): number {
  return new Date(Date.UTC(year, month1to12, 0)).getUTCDate();
}

export function isoFromParts(year: number, month1to12: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month1to12).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isoFromExcelSerial(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const d = new Date(EXCEL_EPOCH_UTC_MS + Math.floor(serial) * MS_PER_DAY);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function excelSerialFromIso(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC_MS) / MS_PER_DAY);
}

/** Add (or subtract) whole months, clamping the day to the target month's length (31/03 − 1 month = 28/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return isoFromParts(ty, tm, Math.min(d, daysInMonth(ty, tm)));
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
