/**
 * The operations the task pane uses, with no Office type in their signatures: the pane receives an
 * implementation through React context (Excel.run in Excel, the simulator in the workbench and the tests,
 * a plain fake in component tests). Every write returns what it changed, for the pane to confirm.
 */
import type { AnswerValue } from "../spaser/answers";
import type { Policy } from "../spaser/policy";
import type { ContractRecord, RecordField } from "../spaser/records";
import type { IsoDate } from "../spaser/types";
import type { PolicyState } from "./sheets";
import type { ContractsSource } from "./source";

/** A contracts table found in the workbook, as the Start view shows it. */
export interface FoundTable {
  readonly sheet: string;
  readonly address: string;
  readonly tableName?: string;
  readonly rows: number;
  /** Headers of the table's columns, left to right, with their 0-based sheet column. */
  readonly columns: readonly { readonly column: number; readonly header: string }[];
  readonly source: ContractsSource;
  readonly problems: readonly { readonly severity: "erreur" | "avertissement"; readonly message: string }[];
}

export interface StartState {
  /** The mapping confirmed earlier and stored in the workbook, if any. */
  readonly stored?: ContractsSource;
  /** Why the stored mapping cannot be used any more (headers moved…). */
  readonly storedProblem?: string;
  readonly found: readonly FoundTable[];
  /** Sheets without a contracts table and why. */
  readonly rejected: readonly { readonly sheet: string; readonly reason: string }[];
  readonly policy: PolicyState;
}

/** One contract of the confirmed table, for the questionnaire. */
export interface ContractSummary {
  readonly key: string;
  readonly sheetRow: number;
  readonly record: ContractRecord;
  readonly problems: readonly { readonly field: RecordField; readonly message: string }[];
  /** Answers already saved in SPASER Cotations (a colleague's work shows up). */
  readonly saved?: SavedCotation;
}

export interface SavedCotation {
  readonly version: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly date?: IsoDate;
  readonly author?: string;
}

export interface WriteConfirmation {
  /** French sentence for the pane, e.g. "Cotation du marché 2027-012 enregistrée (ligne 14 de SPASER Cotations)". */
  readonly message: string;
  /** Sheet!A1 addresses written. */
  readonly addresses: readonly string[];
}

export interface ProgressReport {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface LongOperationOptions {
  readonly onProgress?: (progress: ProgressReport) => void;
  /** Cancels before the next block is written; nothing is left half-written. */
  readonly signal?: AbortSignal;
}

/** What a DECP import wrote and left out (SPASER action 15: publish the données essentielles). */
export interface DecpImportConfirmation extends WriteConfirmation {
  /** "decp-2024", "decp-2019" or "tabulaire". */
  readonly format: string;
  readonly counts: {
    /** Records read in the file (tabular file: distinct uid). */
    readonly records: number;
    /** Contracts (or lots) written to SPASER Marchés. */
    readonly rows: number;
    readonly duplicates: number;
    readonly rejected: number;
    /** Concessions, left out. */
    readonly skipped: number;
  };
  /** Same buyer and same id: the first record is kept. */
  readonly duplicates: readonly { readonly key: string; readonly count: number; readonly identical: boolean }[];
  /** Records not imported, with the reason in French; `index` is 0-based in the file. */
  readonly rejected: readonly { readonly index: number; readonly id?: string | undefined; readonly reason: string }[];
}

export interface DecpExportProblemSummary {
  /** Contract id ("" when the row has none). */
  readonly contract: string;
  /** DECP field name, or a JSON path below the contract. */
  readonly field: string;
  /** French sentence, e.g. "Marché 2027-001 : champ obligatoire « objet » manquant". */
  readonly message: string;
}

export interface DecpExportResult {
  /** The DECP 2024 JSON, only when it validates against the official schema. */
  readonly json?: string;
  readonly problems: readonly DecpExportProblemSummary[];
  readonly contracts: number;
}

export interface SpaserOperations {
  /** Inspects the workbook: stored mapping, tables found, policy. */
  start(): Promise<StartState>;
  /** Stores the confirmed mapping (and creates the add-in's sheets with the policy if missing). */
  confirmMapping(source: ContractsSource, policy?: Policy): Promise<WriteConfirmation>;
  /** "Start a SPASER in this workbook": a blank contracts table and the add-in's sheets. */
  createBlankTable(): Promise<WriteConfirmation>;
  /** The contracts of the confirmed table with their saved answers. */
  listContracts(source: ContractsSource): Promise<readonly ContractSummary[]>;
  /** Saves one contract's answers to SPASER Cotations, its live POTENTIAL formula, and its SPASER · columns. */
  saveCotation(
    source: ContractsSource,
    contract: ContractSummary,
    answers: Readonly<Record<string, AnswerValue>>,
    author: string,
  ): Promise<WriteConfirmation>;
  /** The sheet row the user selected in Excel, when it lies in the contracts table. */
  selectedRow(source: ContractsSource): Promise<number | undefined>;
  /** Follows the selection; returns the function that stops following. */
  onSelectionChanged(source: ContractsSource, handler: (sheetRow: number | undefined) => void): Promise<() => void>;
  /** Writes the policy table (SPASER Paramètres) and its named range. */
  writePolicy(policy: Policy): Promise<WriteConfirmation>;
  /** Builds or refreshes SPASER Tableau de bord (live formulas, charts). */
  buildDashboard(source: ContractsSource, year: number, options?: LongOperationOptions): Promise<WriteConfirmation>;
  /** Builds or refreshes SPASER CAD, the committee list of the coming year. */
  buildCommitteeList(source: ContractsSource, year: number, options?: LongOperationOptions): Promise<WriteConfirmation>;
  /**
   * Imports a DECP file (JSON 2024 or 2019, tabular CSV) into a new SPASER Marchés table, with the DECP
   * records kept in the hidden sheet SPASER DECP, and points the mapping at it. Refuses (WorkbookRefusal)
   * a file that is not DECP, and a SPASER Marchés sheet that already holds contracts: nothing is written.
   */
  importDecp(fileName: string, text: string): Promise<DecpImportConfirmation>;
  /** The contracts table in the DECP 2024 format, validated against the official schema; writes nothing. */
  exportDecp(source: ContractsSource, siret: string): Promise<DecpExportResult>;
}
