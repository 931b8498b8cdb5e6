/**
 * SPASER CAD: the list the Comité des Achats Durables works on (SPASER action 2) — the recurring contracts
 * whose award is planned in the year, ranked by committee priority then potentiel durable, with the actions
 * the cotation recommends and the committee's decision.
 *
 * The decision, "Action réalisée" and comment columns are typed by people: a rebuild keeps them (matched by
 * contract key), and keeps the decisions of contracts that left the list below it. A list of another year
 * that holds decisions is never overwritten.
 */
import { excelSerialFromIso, yearOf } from "../spaser/dates";
import type { Policy } from "../spaser/policy";
import { QUESTIONNAIRE_VERSION } from "../spaser/questionnaire";
import type { ContractScore } from "../spaser/scoring";
import type { IsoDate } from "../spaser/types";
import { rectAddress } from "./a1";
import { OWNED_SHEETS } from "./constants";
import type { ContractRow } from "./contracts";
import {
  abortIfCancelled,
  PRIORITY_LABELS,
  readSnapshot,
  reporter,
  requirePolicy,
  savedCotations,
  scoreAnswers,
  type CotationRow,
  type SheetBlock,
  ownedSheetToRewrite,
} from "./cotations";
import { WorkbookRefusal } from "./errors";
import type { LongOperationOptions, WriteConfirmation } from "./operations";
import type { ContractsSource } from "./source";

export const COMMITTEE_HEADERS = [
  "Rang",
  "Clé du marché",
  "Objet",
  "Montant € HT",
  "Attribution prévue",
  "Priorité",
  "Potentiel durable",
  "Cotation",
  "Actions recommandées",
  "Décision du comité",
  "Action réalisée",
  "Commentaire du comité",
] as const;

/** Where things are in SPASER CAD (1-based rows, 0-based columns). */
export const COMMITTEE_LAYOUT = {
  titleRow: 1,
  yearRow: 2,
  yearLabel: "Année du comité",
  noteRow: 3,
  headerRow: 4,
  key: 1,
  decision: 9,
  realised: 10,
  comment: 11,
} as const;

export const DECISION_OPTIONS = ["Retenu", "Reporté", "Non retenu"] as const;
export const REALISED_OPTIONS = ["Oui", "En cours", "Non"] as const;
/** Recommended actions shown per contract (the committee reads the first ones). */
const ACTIONS_SHOWN = 3;

export function committeeTitle(year: number): string {
  return `Comité des achats durables — ${year}`;
}

/** What people typed in a previous list, per contract key. */
export interface CommitteeInput {
  readonly decision: string;
  readonly realised: string;
  readonly comment: string;
  /** Object as the previous list showed it (for decisions of contracts that left the list). */
  readonly object: string;
}

export interface PreviousCommittee {
  readonly year?: number;
  readonly inputs: ReadonlyMap<string, CommitteeInput>;
  /** Sheet columns (0-based) of the decision and "Action réalisée" columns, for the dashboard's formulas. */
  readonly decisionColumn: number;
  readonly realisedColumn?: number;
}

const cellText = (cell: unknown) => (cell === null || cell === undefined ? "" : String(cell).trim());

/**
 * Reads a previous SPASER CAD: its year and the inputs typed per contract key. `undefined` for an empty
 * sheet; a refusal when the sheet holds something else than a committee list (it is never guessed). Pure.
 */
export function readPreviousCommittee(block: SheetBlock | "empty" | undefined): PreviousCommittee | undefined {
  if (block === undefined || block === "empty") return undefined;
  const at = (row: number, column: number) =>
    cellText(block.values[row - block.firstRow]?.[column - block.firstColumn]);
  const rowCount = block.values.length;
  let headerRow: number | undefined;
  const columns = new Map<string, number>();
  for (let i = 0; i < rowCount && headerRow === undefined; i++) {
    const cells = block.values[i]!;
    if (
      cells.some((c) => cellText(c) === COMMITTEE_HEADERS[COMMITTEE_LAYOUT.key]) &&
      cells.some((c) => cellText(c) === "Décision du comité")
    ) {
      headerRow = block.firstRow + i;
      cells.forEach((c, j) => columns.set(cellText(c), block.firstColumn + j));
    }
  }
  const keyColumn = columns.get(COMMITTEE_HEADERS[COMMITTEE_LAYOUT.key]);
  const decisionColumn = columns.get("Décision du comité");
  if (headerRow === undefined || keyColumn === undefined || decisionColumn === undefined) {
    throw new WorkbookRefusal(
      "occupied",
      `La feuille «\u00a0${OWNED_SHEETS.committee}\u00a0» ne contient plus la liste du comité (en-tête «\u00a0Décision du comité\u00a0» introuvable) : renommez-la pour la conserver, puis reconstruisez la liste.`,
    );
  }
  const realisedColumn = columns.get("Action réalisée");
  const commentColumn = columns.get("Commentaire du comité");
  const objectColumn = columns.get("Objet");
  let year: number | undefined;
  for (let i = 0; i < Math.min(rowCount, headerRow - block.firstRow); i++) {
    const cells = block.values[i]!;
    const label = cells.findIndex((c) => cellText(c) === COMMITTEE_LAYOUT.yearLabel);
    const value = label >= 0 ? Number(cells[label + 1]) : NaN;
    if (Number.isInteger(value)) year = value;
  }
  const inputs = new Map<string, CommitteeInput>();
  for (let row = headerRow + 1; row < block.firstRow + rowCount; row++) {
    const key = at(row, keyColumn);
    if (key === "" || inputs.has(key)) continue;
    const input: CommitteeInput = {
      decision: at(row, decisionColumn),
      realised: realisedColumn === undefined ? "" : at(row, realisedColumn),
      comment: commentColumn === undefined ? "" : at(row, commentColumn),
      object: objectColumn === undefined ? "" : at(row, objectColumn),
    };
    if (input.decision !== "" || input.realised !== "" || input.comment !== "") inputs.set(key, input);
  }
  return {
    ...(year === undefined ? {} : { year }),
    inputs,
    decisionColumn,
    ...(realisedColumn === undefined ? {} : { realisedColumn }),
  };
}

export interface CommitteeEntry {
  readonly key: string;
  readonly row: ContractRow;
  readonly score: ContractScore;
  /** Present when the contract has a saved cotation that could be scored. */
  readonly cotation?: CotationRow;
}

const NO_ANSWERS = { version: QUESTIONNAIRE_VERSION, values: {}, errors: [] } as const;

/**
 * The contracts of the list: recurring (when the table says so), award planned in `year`, each scored from
 * its saved answers (or from its facts alone when not scored yet), ranked by priority, then potential,
 * then award date. Pure.
 */
export function committeeEntries(
  rows: readonly ContractRow[],
  cotations: ReadonlyMap<string, CotationRow>,
  policy: Policy,
  year: number,
  today: IsoDate,
  recurringKnown: boolean,
): CommitteeEntry[] {
  const entries: CommitteeEntry[] = [];
  for (const row of rows) {
    const award = row.record.awardDate;
    if (award === undefined || yearOf(award) !== year) continue;
    if (recurringKnown && row.record.flags.recurring !== true) continue;
    const cotation = cotations.get(row.key);
    const fromAnswers = cotation ? scoreAnswers(cotation.answerSet, row.record, policy, today) : undefined;
    if (fromAnswers?.ok) {
      entries.push({ key: row.key, row, score: fromAnswers.score, cotation: cotation! });
      continue;
    }
    const fromFacts = scoreAnswers(NO_ANSWERS, row.record, policy, today);
    if (fromFacts.ok) entries.push({ key: row.key, row, score: fromFacts.score });
  }
  const potential = (e: CommitteeEntry) => (e.cotation ? e.score.overall : -1);
  return entries.sort(
    (a, b) =>
      a.score.priority.rank - b.score.priority.rank ||
      potential(b) - potential(a) ||
      (a.row.record.awardDate ?? "").localeCompare(b.row.record.awardDate ?? "") ||
      a.key.localeCompare(b.key),
  );
}

function frenchDate(iso: IsoDate): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

function cotationText(entry: CommitteeEntry): string {
  const saved = entry.cotation?.saved;
  if (!saved) return "Non coté";
  const when = saved.date ? ` le ${frenchDate(saved.date)}` : "";
  const who = saved.author ? ` par ${saved.author}` : "";
  return `Coté${when}${who} (${Math.round(entry.score.completeness * 100)} % des questions)`;
}

function actionsText(score: ContractScore): string {
  const shown = score.recommendedActions.slice(0, ACTIONS_SHOWN).map((a) => `• ${a.reason}`);
  const more = score.recommendedActions.length - ACTIONS_SHOWN;
  return more > 0 ? `${shown.join("\n")}\n(+ ${more} autre${more > 1 ? "s" : ""})` : shown.join("\n");
}

export type CommitteeCell = string | number;

/** The rows of the list (below the header), previous inputs included. Pure. */
export function committeeMatrix(
  entries: readonly CommitteeEntry[],
  previous: PreviousCommittee | undefined,
  year: number,
): { rows: CommitteeCell[][]; kept: number; outside: number } {
  const inputs = previous?.inputs ?? new Map<string, CommitteeInput>();
  let kept = 0;
  const rows: CommitteeCell[][] = entries.map((entry, i) => {
    const input = inputs.get(entry.key);
    if (input) kept++;
    const { record } = entry.row;
    return [
      i + 1,
      entry.key,
      record.object ?? "",
      record.amountHT ?? "",
      record.awardDate ? excelSerialFromIso(record.awardDate) : "",
      PRIORITY_LABELS[entry.score.priority.level],
      entry.cotation ? Math.round(entry.score.overall) : "Non coté",
      cotationText(entry),
      actionsText(entry.score),
      input?.decision ?? "",
      input?.realised ?? "",
      input?.comment ?? "",
    ];
  });
  const listed = new Set(entries.map((e) => e.key));
  let outside = 0;
  for (const [key, input] of inputs) {
    if (listed.has(key)) continue;
    outside++;
    rows.push([
      "—",
      key,
      input.object,
      "",
      "",
      "",
      "",
      `Hors de la liste ${year}`,
      "",
      input.decision,
      input.realised,
      input.comment,
    ]);
  }
  return { rows, kept: kept + outside, outside };
}

/** The header block above the list. Pure. */
export function committeeHeaderRows(
  year: number,
  today: IsoDate,
  count: number,
  recurringKnown: boolean,
): CommitteeCell[][] {
  const width = COMMITTEE_HEADERS.length;
  const pad = (cells: CommitteeCell[]) => [...cells, ...Array<CommitteeCell>(width - cells.length).fill("")];
  const which = recurringKnown
    ? "Marchés récurrents"
    : "Marchés (colonne «\u00a0Récurrent\u00a0» non renseignée : tous)";
  return [
    pad([committeeTitle(year)]),
    pad([COMMITTEE_LAYOUT.yearLabel, year]),
    pad([
      `${which} dont l'attribution est prévue en ${year} : ${count}, classés par priorité puis potentiel durable. Liste établie le ${frenchDate(today)} ; décisions à saisir dans la colonne «\u00a0Décision du comité\u00a0».`,
    ]),
    [...COMMITTEE_HEADERS],
  ];
}

/** Page setup of a worksheet when the host has one (ExcelApi 1.9; the simulator has it too). */
function pageLayoutOf(sheet: Excel.Worksheet): Excel.PageLayout | undefined {
  return (sheet as unknown as { pageLayout?: Excel.PageLayout }).pageLayout ?? undefined;
}

/**
 * Builds or refreshes SPASER CAD. Syncs: 2 (read) + 1 (write), + 1 for the print layout in Excel — the
 * same for 20 or 20 000 contracts.
 */
export async function buildCommitteeInContext(
  context: Excel.RequestContext,
  source: ContractsSource,
  year: number,
  today: IsoDate,
  options: LongOperationOptions = {},
): Promise<WriteConfirmation> {
  const progress = reporter(options, 3);
  progress("Lecture du tableau des marchés et des cotations");
  const snapshot = await readSnapshot(context, source, { committee: true });
  abortIfCancelled(options);
  progress("Classement des marchés");
  const policy = requirePolicy(snapshot.policy);
  const previous = readPreviousCommittee(snapshot.committee);
  if (previous && previous.year !== undefined && previous.year !== year && previous.inputs.size > 0) {
    throw new WorkbookRefusal(
      "occupied",
      `La feuille «\u00a0${OWNED_SHEETS.committee}\u00a0» contient ${previous.inputs.size} décision(s) du comité ${previous.year} : renommez-la pour les conserver avant de construire la liste ${year}. Rien n'a été écrit.`,
    );
  }
  const recurringKnown = source.mapping.recurring !== undefined;
  const entries = committeeEntries(
    snapshot.contracts.rows,
    savedCotations(snapshot),
    policy,
    year,
    today,
    recurringKnown,
  );
  const { rows, kept, outside } = committeeMatrix(entries, previous, year);
  const header = committeeHeaderRows(year, today, entries.length, recurringKnown);
  abortIfCancelled(options);
  progress("Écriture de la liste du comité");

  const sheet = ownedSheetToRewrite(context, OWNED_SHEETS.committee, snapshot.committee, true);
  const width = COMMITTEE_HEADERS.length;
  const lastColumn = width - 1;
  const firstDataRow = COMMITTEE_LAYOUT.headerRow + 1;
  const lastRow = COMMITTEE_LAYOUT.headerRow + Math.max(rows.length, 1);
  const column = (c: number, first = firstDataRow) => sheet.getRange(rectAddress(first, c, lastRow, c));
  if (rows.length > 0) {
    const count = rows.length;
    column(1).numberFormat = Array.from({ length: count }, () => ["@"]);
    column(3).numberFormat = Array.from({ length: count }, () => ['#,##0 "€"']);
    column(4).numberFormat = Array.from({ length: count }, () => ["dd/mm/yyyy"]);
    column(6).numberFormat = Array.from({ length: count }, () => ["0"]);
  }
  const all = [...header, ...rows];
  sheet.getRange(rectAddress(1, 0, all.length, lastColumn)).values = all;
  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  const headerCells = sheet.getRange(
    rectAddress(COMMITTEE_LAYOUT.headerRow, 0, COMMITTEE_LAYOUT.headerRow, lastColumn),
  );
  headerCells.format.font.bold = true;
  headerCells.format.fill.color = "#DDEBF7";
  headerCells.format.wrapText = true;
  column(COMMITTEE_LAYOUT.decision).dataValidation.rule = {
    list: { inCellDropDown: true, source: DECISION_OPTIONS.join(",") },
  };
  column(COMMITTEE_LAYOUT.realised).dataValidation.rule = {
    list: { inCellDropDown: true, source: REALISED_OPTIONS.join(",") },
  };
  column(2).format.wrapText = true;
  column(8).format.wrapText = true;
  column(COMMITTEE_LAYOUT.comment).format.wrapText = true;
  sheet.getRange(rectAddress(1, 2, 1, 2)).format.columnWidth = 260;
  sheet.getRange(rectAddress(1, 8, 1, 8)).format.columnWidth = 380;
  sheet.getRange(rectAddress(1, COMMITTEE_LAYOUT.comment, 1, COMMITTEE_LAYOUT.comment)).format.columnWidth = 200;
  sheet.getRange(rectAddress(1, 1, 1, 1)).format.columnWidth = 95; // the contract key, whole
  sheet.getRange(rectAddress(1, 3, 1, 3)).format.columnWidth = 80; // 12 345 678 € in full
  sheet.getRange(rectAddress(1, 4, 1, 4)).format.columnWidth = 70; // dd/mm/yyyy, never « ### » on paper
  // Wrapped objects and actions need their rows heightened, or the printed lines overlap.
  sheet.getRange(rectAddress(COMMITTEE_LAYOUT.headerRow, 0, lastRow, lastColumn)).format.autofitRows();
  sheet.freezePanes.freezeRows(COMMITTEE_LAYOUT.headerRow);
  await context.sync();

  // Print layout for the committee pack, where the host has it (a failure here leaves the list intact).
  const layout = pageLayoutOf(sheet);
  let printable = false;
  if (layout) {
    try {
      layout.orientation = "Landscape" as Excel.PageOrientation;
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.headersFooters.defaultForAllPages.centerHeader = committeeTitle(year);
      layout.setPrintTitleRows(`$${COMMITTEE_LAYOUT.headerRow}:$${COMMITTEE_LAYOUT.headerRow}`);
      await context.sync();
      printable = true;
    } catch {
      printable = false;
    }
  }
  progress("Liste du comité écrite");

  const keptText =
    kept > 0
      ? ` ; ${kept} saisie(s) du comité conservée(s)${outside > 0 ? `, dont ${outside} de marchés sortis de la liste (en bas)` : ""}`
      : "";
  const layoutText = printable
    ? " Mise en page paysage, ajustée à la largeur."
    : " Mise en page d'impression non disponible ici.";
  return {
    message: `Liste du comité ${year} : ${entries.length} marché${entries.length > 1 ? "s" : ""} classé${entries.length > 1 ? "s" : ""} dans «\u00a0${OWNED_SHEETS.committee}\u00a0»${keptText}.${layoutText}`,
    addresses: [`${OWNED_SHEETS.committee}!${rectAddress(1, 0, all.length, lastColumn)}`],
  };
}
