/**
 * What the add-in owns in a workbook (DESIGN §5): its sheets, its columns (headers starting with
 * "SPASER · ") and its names. Everything else belongs to the user and is never written.
 */
export const OWNED_COLUMN_PREFIX = "SPASER · ";

export const OWNED_SHEETS = {
  policy: "SPASER Paramètres",
  cotations: "SPASER Cotations",
  dashboard: "SPASER Tableau de bord",
  committee: "SPASER CAD",
  /** Created only when the workbook has no contracts table ("start a SPASER in this workbook"). */
  contracts: "SPASER Marchés",
} as const;

export const OWNED_SHEET_NAMES: readonly string[] = Object.values(OWNED_SHEETS);

/** Defined names the add-in maintains (the functions' `policy` argument points at the first). */
export const NAMES = {
  policy: "SPASER_PARAMETRES",
  mapping: "SPASER_CORRESPONDANCE",
} as const;

export const TABLE_NAMES = {
  policy: "SPASER_Parametres",
  mapping: "SPASER_Correspondance",
  cotations: "SPASER_Cotations",
  contracts: "SPASER_Marches",
} as const;

/** Rows read from the top of each sheet to find a header row. */
export const HEADER_SCAN_ROWS = 60;
/** Columns read at most per sheet (wider used ranges are exports with empty columns). */
export const MAX_SCAN_COLUMNS = 200;
/** Rows read at most for one contracts table (declared used ranges can reach a million rows). */
export const MAX_TABLE_ROWS = 100_000;
/** Office refuses requests over 5 MB; writes are split to stay under it with room for the request's envelope. */
export const WRITE_CHUNK_BYTES = 4.5 * 1024 * 1024;

export function isOwnedHeader(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(OWNED_COLUMN_PREFIX);
}
