/**
 * An in-memory SpaserOperations for component tests: a small workbook (one contracts table, three
 * contracts, one of them already scored by a colleague) whose every operation is a vitest spy.
 */
import { vi, type Mock } from "vitest";
import type {
  ContractSummary,
  DecpImportConfirmation,
  FoundTable,
  LongOperationOptions,
  SpaserOperations,
  StartState,
  WriteConfirmation,
} from "../excel/operations";
import type { PolicyState } from "../excel/sheets";
import type { ContractsSource } from "../excel/source";

export const SAMPLE_SOURCE: ContractsSource = {
  sheet: "Marchés",
  headerRow: 1,
  firstColumn: 0,
  lastColumn: 6,
  tableName: "Marches",
  mapping: {
    id: { column: 0, header: "N° marché" },
    object: { column: 1, header: "Objet" },
    amountHT: { column: 2, header: "Montant HT" },
    procedure: { column: 3, header: "Procédure" },
    nature: { column: 4, header: "Nature" },
    awardDate: { column: 5, header: "Date d'attribution" },
  },
};

export const SAMPLE_TABLE: FoundTable = {
  sheet: "Marchés",
  address: "Marchés!A1:G4",
  tableName: "Marches",
  rows: 3,
  columns: [
    { column: 0, header: "N° marché" },
    { column: 1, header: "Objet" },
    { column: 2, header: "Montant HT" },
    { column: 3, header: "Procédure" },
    { column: 4, header: "Nature" },
    { column: 5, header: "Date d'attribution" },
    { column: 6, header: "Date de notification" },
  ],
  source: SAMPLE_SOURCE,
  problems: [{ severity: "avertissement", message: "Colonne « Date de notification » non reconnue : à associer." }],
};

/** Three contracts: a large recurring service (to score), a small supply scored by a colleague, works of 2026. */
export function sampleContracts(): ContractSummary[] {
  return [
    {
      key: "2027-001",
      sheetRow: 2,
      record: {
        id: "2027-001",
        object: "Nettoyage des locaux administratifs",
        amountHT: 250_000,
        procedure: "formalisee",
        nature: "services",
        durationMonths: 36,
        awardDate: "2027-09-01",
        notificationDate: "2026-03-15",
        flags: { recurring: true, envCriterion: true, envConsideration: true, smeSupplier: true },
      },
      problems: [],
    },
    {
      key: "2027-002",
      sheetRow: 3,
      record: {
        id: "2027-002",
        object: "Fournitures de bureau",
        amountHT: 60_000,
        procedure: "mapa",
        nature: "fournitures",
        durationMonths: 12,
        awardDate: "2027-03-01",
        notificationDate: "2026-06-01",
        flags: { recurring: true, envCriterion: false, envConsideration: true },
      },
      problems: [],
      saved: {
        version: "2026.1",
        answers: { social_criterion: { kind: "option", option: "a_etudier" } },
        date: "2026-10-02",
        author: "Claire Martin",
      },
    },
    {
      key: "2026-010",
      sheetRow: 4,
      record: {
        id: "2026-010",
        object: "Travaux de voirie",
        amountHT: 1_200_000,
        procedure: "formalisee",
        nature: "travaux",
        notificationDate: "2026-05-10",
        flags: { envCriterion: false, envConsideration: false, insertionClause: true },
      },
      problems: [],
    },
  ];
}

export interface FakeWorkbook {
  stored?: ContractsSource;
  storedProblem?: string;
  found: FoundTable[];
  rejected: { sheet: string; reason: string }[];
  policy: PolicyState;
  contracts: ContractSummary[];
  selectedRow?: number;
}

type Spied<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? Mock<T[K]> : T[K] };

export type FakeOperations = Spied<SpaserOperations> & {
  readonly workbook: FakeWorkbook;
  /** The user selects another cell in Excel. */
  select(sheetRow: number | undefined): void;
};

function confirm(message: string, ...addresses: string[]): WriteConfirmation {
  return { message, addresses };
}

/** Reports two progress steps, stopping (AbortError) when cancelled. */
async function longTask(label: string, options: LongOperationOptions | undefined): Promise<void> {
  for (let done = 0; done < 2; done += 1) {
    if (options?.signal?.aborted) throw new DOMException("Annulé", "AbortError");
    options?.onProgress?.({ done, total: 2, label });
    await Promise.resolve();
  }
}

export function fakeOperations(initial: Partial<FakeWorkbook> = {}): FakeOperations {
  const workbook: FakeWorkbook = {
    stored: SAMPLE_SOURCE,
    found: [SAMPLE_TABLE],
    rejected: [],
    policy: { kind: "absent" },
    contracts: sampleContracts(),
    ...initial,
  };
  const handlers = new Set<(row: number | undefined) => void>();
  const operations: Spied<SpaserOperations> = {
    start: vi.fn(async (): Promise<StartState> => ({
      ...(workbook.stored ? { stored: workbook.stored } : {}),
      ...(workbook.storedProblem ? { storedProblem: workbook.storedProblem } : {}),
      found: workbook.found,
      rejected: workbook.rejected,
      policy: workbook.policy,
    })),
    confirmMapping: vi.fn(async (source: ContractsSource) => {
      workbook.stored = source;
      workbook.storedProblem = undefined;
      return confirm("Correspondance des colonnes enregistrée dans SPASER Paramètres.", "'SPASER Paramètres'!F1:H28");
    }),
    createBlankTable: vi.fn(async () => {
      workbook.found = [SAMPLE_TABLE];
      workbook.contracts = [];
      return confirm("Tableau des marchés SPASER créé dans la feuille « Marchés ».", "Marchés!A1:G1");
    }),
    listContracts: vi.fn(async () => workbook.contracts),
    saveCotation: vi.fn(async (_source, contract, answers, author) => {
      workbook.contracts = workbook.contracts.map((c) =>
        c.key === contract.key ? { ...c, saved: { version: "2026.1", answers, author, date: "2026-11-20" } } : c,
      );
      return confirm(
        `Cotation du marché ${contract.key} enregistrée (ligne ${contract.sheetRow} de SPASER Cotations).`,
        `'SPASER Cotations'!A${contract.sheetRow}`,
      );
    }),
    selectedRow: vi.fn(async () => workbook.selectedRow),
    onSelectionChanged: vi.fn(async (_source, handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    }),
    writePolicy: vi.fn(async (policy) => {
      workbook.policy = { kind: "present", policy };
      return confirm(`Paramètres « ${policy.name} » écrits.`, "'SPASER Paramètres'!A1:C60");
    }),
    buildDashboard: vi.fn(async (_source, year, options) => {
      await longTask(`Tableau de bord ${year}`, options);
      return confirm(`Tableau de bord ${year} construit.`, "'SPASER Tableau de bord'!A1:F20");
    }),
    buildCommitteeList: vi.fn(async (_source, year, options) => {
      await longTask(`Liste du comité ${year}`, options);
      return confirm(`Liste du comité ${year} construite : 2 marchés.`, "'SPASER CAD'!A1:H3");
    }),
    /** Three records: two lots imported, one duplicate of the first, one rejected without an id's amount. */
    importDecp: vi.fn(async (fileName: string): Promise<DecpImportConfirmation> => {
      workbook.stored = { ...SAMPLE_SOURCE, sheet: "SPASER Marchés" };
      return {
        ...confirm(
          `2 marchés importés dans « SPASER Marchés » depuis ${fileName}.`,
          "'SPASER Marchés'!A1:U3",
          "'SPASER DECP'!A1:D3",
        ),
        format: "decp-2024",
        counts: { records: 4, rows: 2, duplicates: 1, rejected: 1, skipped: 0 },
        duplicates: [{ key: "21750001600019 / 2025-001", count: 2, identical: true }],
        rejected: [{ index: 3, id: "2025-004", reason: "montant absent ou illisible" }],
      };
    }),
    /** Valid: the JSON of the three contracts. */
    exportDecp: vi.fn(async (_source: ContractsSource, siret: string) => ({
      json: JSON.stringify({
        marches: { marche: workbook.contracts.map((c) => ({ id: c.key, acheteur: { id: siret } })) },
      }),
      problems: [],
      contracts: workbook.contracts.length,
    })),
  };
  return {
    ...operations,
    workbook,
    select(sheetRow) {
      workbook.selectedRow = sheetRow;
      for (const handler of handlers) handler(sheetRow);
    },
  };
}

/** A promise the test settles when it wants (to see a running operation). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
