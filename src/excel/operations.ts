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
}
