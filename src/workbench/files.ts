/** File names and messages of the workbench's open and download actions. Pure. */
import { PartLostError, UnsupportedFormatError } from "../sim/errors";

/** What the file picker proposes (.xls is listed so that choosing one explains the refusal). */
export const ACCEPTED_FILES = ".xlsx,.xlsm,.csv,.txt,.xls";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The downloaded file keeps the opened file's name; a CSV comes back as a workbook. */
export function downloadName(fileName: string): string {
  const base = fileName.replace(/[\\/:*?"<>|]/g, "_").trim() || "classeur";
  if (/\.xlsx$/i.test(base)) return base;
  const stem = base.replace(/\.(csv|txt|xlsm|xls)$/i, "");
  return `${stem || "classeur"}.xlsx`;
}

/** The French message to show when opening a file fails. */
export function openFailureMessage(error: unknown, fileName: string): string {
  if (error instanceof UnsupportedFormatError) return error.message;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
  return `Le fichier « ${fileName} » n'a pas pu être ouvert : il est peut-être endommagé${detail}.`;
}

/** The French message to show when a download fails. */
export function saveFailureMessage(error: unknown): string {
  if (error instanceof PartLostError) return error.message;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
  return `Le classeur n'a pas pu être enregistré${detail}.`;
}
