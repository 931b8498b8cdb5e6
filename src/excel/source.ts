/**
 * Where the user's contracts are and which column holds which field: found by inspection, confirmed by the
 * user, stored in the workbook (SPASER Paramètres, name SPASER_CORRESPONDANCE) so a colleague opening the
 * shared workbook gets the same mapping.
 */
import { RECORD_FIELDS, type RecordField } from "../spaser/records";
import { columnIndexOf, columnLetters } from "./a1";
import { OWNED_SHEETS, TABLE_NAMES } from "./constants";
import { matchHeader } from "./headers";
import type { InspectedTable } from "./inspect";

export interface MappedColumn {
  /** 0-based sheet column. */
  readonly column: number;
  /** Header text when the mapping was confirmed (checked again before every read). */
  readonly header: string;
}

export interface ContractsSource {
  readonly sheet: string;
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
  /** 0-based first and last columns of the user's table. */
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly tableName?: string;
  readonly mapping: Readonly<Partial<Record<RecordField, MappedColumn>>>;
}

export function sourceFromInspection(table: InspectedTable): ContractsSource {
  const mapping: Partial<Record<RecordField, MappedColumn>> = {};
  for (const [field, mapped] of Object.entries(table.detection.mapping)) {
    if ((RECORD_FIELDS as readonly string[]).includes(field) && mapped) {
      mapping[field as RecordField] = { column: mapped.column, header: mapped.header };
    }
  }
  return {
    sheet: table.sheet,
    headerRow: table.detection.headerRow,
    firstColumn: table.detection.firstColumn,
    lastColumn: table.detection.lastColumn,
    tableName: table.tableName,
    mapping,
  };
}

/**
 * The source of a table the add-in creates itself in SPASER Marchés (blank table, DECP import), mapped from its
 * own headers with the same recognition as any user table. Pure.
 */
export function ownTableSource(headers: readonly string[]): ContractsSource {
  const mapping: Partial<Record<RecordField, MappedColumn>> = {};
  headers.forEach((header, column) => {
    const field = matchHeader(header)?.field;
    if (field && (RECORD_FIELDS as readonly string[]).includes(field) && !mapping[field as RecordField]) {
      mapping[field as RecordField] = { column, header };
    }
  });
  return {
    sheet: OWNED_SHEETS.contracts,
    headerRow: 1,
    firstColumn: 0,
    lastColumn: headers.length - 1,
    tableName: TABLE_NAMES.contracts,
    mapping,
  };
}

const KEYS = {
  sheet: "source.feuille",
  headerRow: "source.ligne_entete",
  columns: "source.colonnes",
  table: "source.tableau",
  field: "champ.",
} as const;

export const MAPPING_HEADER = ["Correspondance", "Valeur", "Colonne"] as const;

/** The mapping as rows of the SPASER Paramètres sheet (three columns, header first). */
export function sourceToRows(source: ContractsSource): (string | number)[][] {
  const rows: (string | number)[][] = [
    [...MAPPING_HEADER],
    [KEYS.sheet, source.sheet, ""],
    [KEYS.headerRow, source.headerRow, ""],
    [KEYS.columns, `${columnLetters(source.firstColumn)}:${columnLetters(source.lastColumn)}`, ""],
    [KEYS.table, source.tableName ?? "", ""],
  ];
  for (const field of RECORD_FIELDS) {
    const mapped = source.mapping[field];
    rows.push([`${KEYS.field}${field}`, mapped?.header ?? "", mapped ? columnLetters(mapped.column) : ""]);
  }
  return rows;
}

export type SourceReading = { ok: true; source: ContractsSource } | { ok: false; message: string };

/** Reads the stored mapping back; any inconsistency is reported, never guessed. */
export function sourceFromRows(rows: readonly (readonly unknown[])[]): SourceReading {
  const byKey = new Map<string, readonly unknown[]>();
  for (const row of rows) if (typeof row[0] === "string") byKey.set(row[0].trim(), row);
  const sheet = byKey.get(KEYS.sheet)?.[1];
  const headerRow = Number(byKey.get(KEYS.headerRow)?.[1]);
  const columns = String(byKey.get(KEYS.columns)?.[1] ?? "");
  const columnMatch = /^([A-Z]+):([A-Z]+)$/i.exec(columns.trim());
  if (typeof sheet !== "string" || sheet === "" || !Number.isInteger(headerRow) || headerRow < 1 || !columnMatch) {
    return {
      ok: false,
      message: "La correspondance des colonnes enregistrée est incomplète : confirmez-la de nouveau.",
    };
  }
  const mapping: Partial<Record<RecordField, MappedColumn>> = {};
  for (const field of RECORD_FIELDS) {
    const row = byKey.get(`${KEYS.field}${field}`);
    const header = row?.[1];
    const letters = row?.[2];
    if (typeof letters === "string" && /^[A-Z]+$/i.test(letters.trim())) {
      mapping[field] = { column: columnIndexOf(letters.trim()), header: String(header ?? "") };
    }
  }
  const table = byKey.get(KEYS.table)?.[1];
  return {
    ok: true,
    source: {
      sheet,
      headerRow,
      firstColumn: columnIndexOf(columnMatch[1]!),
      lastColumn: columnIndexOf(columnMatch[2]!),
      tableName: typeof table === "string" && table !== "" ? table : undefined,
      mapping,
    },
  };
}
