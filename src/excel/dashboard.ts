/**
 * SPASER Tableau de bord: one row per indicator of the policy, as live formulas over the flag columns of
 * the user's contracts table (SPASER.RATE, SPASER.TARGET, SPASER.TARGET_GAP, SPASER.CONTRACTS_MISSING), so
 * the dashboard follows the table without the add-in; then the deployment of the SPASER (committee held,
 * contracts scored at J-12, actions decided and completed, share of objectives reached).
 *
 * The layout is fixed (the deployment block always starts on the same row) so users can point at its cells.
 */
import { addMonths, yearOf } from "../spaser/dates";
import { INDICATORS, type IndicatorDefinition } from "../spaser/indicators";
import { targetFor, type Policy } from "../spaser/policy";
import { COTATION_MONTHS } from "../spaser/rules/milestones";
import type { IsoDate } from "../spaser/types";
import { RECORD_FIELD_LABELS } from "../spaser/records";
import { absoluteReference, columnLetters, quoteSheet, rectAddress } from "./a1";
import { NAMES, OWNED_SHEETS } from "./constants";
import type { ContractsRead } from "./contracts";
import { readPreviousCommittee, type PreviousCommittee } from "./committee";
import {
  abortIfCancelled,
  chartsOf,
  readSnapshot,
  reporter,
  requirePolicy,
  savedCotations,
  type CotationRow,
  ownedSheetToRewrite,
} from "./cotations";
import type { LongOperationOptions, WriteConfirmation } from "./operations";
import type { ContractsSource } from "./source";

export const DASHBOARD_HEADERS = [
  "Indicateur",
  "Réalisé",
  "Cible",
  "Écart (points)",
  "Marchés manquants",
  "Identifiant",
  "Colonne source",
  "Remarque",
] as const;

export const DASHBOARD_LAYOUT = {
  headerRow: 4,
  firstIndicatorRow: 5,
  /** Rows kept for indicators: the whole catalogue, so the deployment block never moves. */
  indicatorRows: INDICATORS.length,
  rate: 1,
  target: 2,
  gap: 3,
  missing: 4,
} as const;

export const DEPLOYMENT_FIRST_ROW = DASHBOARD_LAYOUT.firstIndicatorRow + DASHBOARD_LAYOUT.indicatorRows + 1;
export const DASHBOARD_CHART_NAME = "SPASER_Realise_Cible";
export const NOT_MAPPED = "Colonne non renseignée";
/** What the « Réalisé » cell of an indicator without its column says (short: the column is narrow). */
export const NOT_MEASURED = "n.d.";

const GAP_GREEN = { fill: "#C6EFCE", font: "#006100" };
const GAP_RED = { fill: "#FFC7CE", font: "#9C0006" };

export type DashboardCell = string | number;

/** The indicators of the policy: those it gives a target for (in any phase or year), catalogue order. */
export function policyIndicators(policy: Policy): IndicatorDefinition[] {
  return INDICATORS.filter((def) => policy.targets[def.id] !== undefined);
}

/** The range of a mapped column over the contract rows, "'Sheet'!$K$5:$K$154". */
function columnRange(source: ContractsSource, column: number, firstRow: number, lastRow: number): string {
  return absoluteReference(source.sheet, firstRow, column, lastRow, column);
}

function remarkOf(def: IndicatorDefinition, targetedMapped: boolean): string {
  const notes: string[] = [];
  if (def.population === "targeted") {
    notes.push(
      targetedMapped
        ? "Mesuré sur les marchés ciblés par le SPASER."
        : "Colonne «\u00a0Marché ciblé\u00a0» non renseignée : mesuré sur tous les marchés renseignés.",
    );
  }
  if (def.population === "formal")
    notes.push("Mesuré sur tous les marchés renseignés (procédures formalisées non isolées).");
  if (def.measure === "value") notes.push("En nombre de marchés, non en valeur.");
  return notes.join(" ");
}

/** One row of the indicators block: formulas when the flag column is mapped, a clear text otherwise. Pure. */
export function indicatorRow(
  def: IndicatorDefinition,
  source: ContractsSource,
  rows: { first: number; last: number },
  policy: Policy,
  year: number,
): DashboardCell[] {
  const flag = source.mapping[def.flag];
  const targeted = def.population === "targeted" ? source.mapping.targeted : undefined;
  const hasTarget = targetFor(policy, def.id, year) !== undefined;
  const id = `"${def.id}"`;
  const target = hasTarget ? `=SPASER.TARGET(${id},${year},${NAMES.policy})` : `Pas de cible en ${year}`;
  const columnText = (mapped: { column: number; header: string }) =>
    `${mapped.header} (${columnLetters(mapped.column)})`;
  if (!flag) {
    const label = `${NOT_MAPPED} («\u00a0${RECORD_FIELD_LABELS[def.flag]}\u00a0»)`;
    return [
      def.labelFr,
      NOT_MEASURED,
      target,
      "",
      "",
      def.id,
      label,
      "Associez la colonne dans la correspondance pour mesurer cet indicateur.",
    ];
  }
  const flags = columnRange(source, flag.column, rows.first, rows.last);
  const targetedRange = targeted ? columnRange(source, targeted.column, rows.first, rows.last) : "";
  const rate = targeted ? `=SPASER.RATE(${flags},${targetedRange})` : `=SPASER.RATE(${flags})`;
  const args = `${id},${flags},${targetedRange},${year},${NAMES.policy}`;
  return [
    def.labelFr,
    rate,
    target,
    hasTarget ? `=SPASER.TARGET_GAP(${args})` : "",
    hasTarget ? `=SPASER.CONTRACTS_MISSING(${args})` : "",
    def.id,
    targeted ? `${columnText(flag)}, ciblés : ${columnText(targeted)}` : columnText(flag),
    remarkOf(def, targeted !== undefined),
  ];
}

/** Cotations of contracts awarded in `year`, and those made at least J-12 (12 months before the award). Pure. */
export function scoredAtJ12(
  read: ContractsRead,
  cotations: ReadonlyMap<string, CotationRow>,
  year: number,
): { scored: number; atJ12: number } {
  let scored = 0;
  let atJ12 = 0;
  for (const row of read.rows) {
    const award = row.record.awardDate;
    const date = cotations.get(row.key)?.saved.date;
    if (award === undefined || yearOf(award) !== year || date === undefined) continue;
    scored++;
    if (addMonths(date, COTATION_MONTHS) <= award) atJ12++;
  }
  return { scored, atJ12 };
}

/** The deployment block: committee, cotations at J-12, decisions, objectives reached. Pure. */
export function deploymentRows(
  year: number,
  committee: PreviousCommittee | undefined,
  j12: { scored: number; atJ12: number },
): DashboardCell[][] {
  const gaps = rectAddress(
    DASHBOARD_LAYOUT.firstIndicatorRow,
    DASHBOARD_LAYOUT.gap,
    DASHBOARD_LAYOUT.firstIndicatorRow + DASHBOARD_LAYOUT.indicatorRows - 1,
    DASHBOARD_LAYOUT.gap,
  );
  const cad = quoteSheet(OWNED_SHEETS.committee);
  const wholeColumn = (column: number) => `${cad}!$${columnLetters(column)}:$${columnLetters(column)}`;
  const committeeOfYear = committee !== undefined && (committee.year === undefined || committee.year === year);
  const noList =
    committee === undefined ? "Liste du CAD pas encore construite" : `Liste du CAD construite pour ${committee.year}`;
  const decisions = committeeOfYear ? wholeColumn(committee.decisionColumn) : undefined;
  const realised =
    committeeOfYear && committee.realisedColumn !== undefined ? wholeColumn(committee.realisedColumn) : undefined;
  const decided = decisions ? `COUNTIF(${decisions},"Retenu")` : undefined;
  return [
    ["Déploiement du SPASER", "Valeur", "Précision"],
    [
      `Comité des achats durables ${year} tenu`,
      decisions
        ? `=IF(${decided}+COUNTIF(${decisions},"Reporté")+COUNTIF(${decisions},"Non retenu")>0,"Oui","Non")`
        : "Non",
      decisions ? "Oui dès qu'une décision est saisie dans la feuille SPASER CAD." : noList,
    ],
    [
      `Marchés attribués en ${year} cotés à J-${COTATION_MONTHS}`,
      j12.atJ12,
      `sur ${j12.scored} marché${j12.scored > 1 ? "s" : ""} coté${j12.scored > 1 ? "s" : ""} : cotation au moins ${COTATION_MONTHS} mois avant l'attribution prévue (valeur calculée à la construction).`,
    ],
    [
      "Actions décidées par le comité (Retenu)",
      decided ? `=${decided}` : 0,
      decisions ? "Colonne «\u00a0Décision du comité\u00a0» de SPASER CAD." : noList,
    ],
    [
      "Actions réalisées",
      realised ? `=COUNTIF(${realised},"Oui")` : 0,
      realised ? "Colonne «\u00a0Action réalisée\u00a0» de SPASER CAD." : noList,
    ],
    [
      "Objectifs atteints",
      `=IF(COUNT(${gaps})=0,"",COUNTIF(${gaps},"<=0")/COUNT(${gaps}))`,
      "Part des indicateurs dont l'écart à la cible est nul ou négatif.",
    ],
  ];
}

/** Today's date as "dd/mm/yyyy". */
function frenchDate(iso: IsoDate): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * Builds or refreshes SPASER Tableau de bord. Syncs: 2 (read) + 1 (write) — the same for 20 or 20 000
 * contracts. The chart is added where the host has charts (Excel, and the simulator).
 */
export async function buildDashboardInContext(
  context: Excel.RequestContext,
  source: ContractsSource,
  year: number,
  today: IsoDate,
  options: LongOperationOptions = {},
): Promise<WriteConfirmation> {
  const progress = reporter(options, 3);
  progress("Lecture du tableau des marchés");
  const snapshot = await readSnapshot(context, source, { committee: true, dashboard: true });
  abortIfCancelled(options);
  progress("Calcul des indicateurs");
  const policy = requirePolicy(snapshot.policy);
  const { rows } = snapshot.contracts;
  const first = source.headerRow + 1;
  const last = Math.max(first, ...rows.map((r) => r.sheetRow));
  const indicators = policyIndicators(policy);
  const indicatorRows = indicators.map((def) => indicatorRow(def, source, { first, last }, policy, year));
  let committee: PreviousCommittee | undefined;
  try {
    committee = readPreviousCommittee(snapshot.committee);
  } catch {
    committee = undefined; // a sheet that is no committee list is not counted
  }
  const deployment = deploymentRows(year, committee, scoredAtJ12(snapshot.contracts, savedCotations(snapshot), year));
  const width = DASHBOARD_HEADERS.length;
  const pad = (cells: DashboardCell[]) => [...cells, ...Array<DashboardCell>(width - cells.length).fill("")];
  const unmapped = indicators.filter((def) => !source.mapping[def.flag]).length;
  const top: DashboardCell[][] = [
    pad([`Tableau de bord du SPASER — ${year}`]),
    pad([
      `Politique «\u00a0${policy.name}\u00a0» ; ${rows.length} marchés de «\u00a0${source.sheet}\u00a0» (lignes ${first} à ${last}) ; construit le ${frenchDate(today)}. Les indicateurs sont des formules : ils suivent le tableau des marchés.`,
    ]),
    pad([]),
    DASHBOARD_HEADERS.map((h) => (h === "Cible" ? `Cible ${year}` : h)),
  ];
  const blank = Array.from({ length: DASHBOARD_LAYOUT.indicatorRows - indicatorRows.length }, () => pad([]));
  const cells = [...top, ...indicatorRows, ...blank, pad([]), ...deployment.map(pad)];
  abortIfCancelled(options);
  progress("Écriture du tableau de bord");

  // Every block in one request: nothing is half-written.
  const sheet = ownedSheetToRewrite(context, OWNED_SHEETS.dashboard, snapshot.dashboard);
  const lastColumn = width - 1;
  const address = rectAddress(1, 0, cells.length, lastColumn);
  sheet.getRange(address).formulas = cells;
  const firstIndicator = DASHBOARD_LAYOUT.firstIndicatorRow;
  const lastIndicator = firstIndicator + DASHBOARD_LAYOUT.indicatorRows - 1;
  const indicatorColumn = (column: number) =>
    sheet.getRange(rectAddress(firstIndicator, column, lastIndicator, column));
  const formats = (format: string) => Array.from({ length: DASHBOARD_LAYOUT.indicatorRows }, () => [format]);
  indicatorColumn(DASHBOARD_LAYOUT.rate).numberFormat = formats("0%");
  indicatorColumn(DASHBOARD_LAYOUT.target).numberFormat = formats("0%");
  indicatorColumn(DASHBOARD_LAYOUT.gap).numberFormat = formats('+0.0" pts";-0.0" pts";0" pt"');
  indicatorColumn(DASHBOARD_LAYOUT.missing).numberFormat = formats("0");
  const objectivesRow = DEPLOYMENT_FIRST_ROW + deployment.length - 1;
  sheet.getRange(rectAddress(objectivesRow, 1, objectivesRow, 1)).numberFormat = [["0%"]];

  // Gap: green when the target is met (≤ 0), red when behind. Same range at every build, so clearing works.
  const gapRange = indicatorColumn(DASHBOARD_LAYOUT.gap);
  gapRange.conditionalFormats.clearAll();
  const gapCell = `${columnLetters(DASHBOARD_LAYOUT.gap)}${firstIndicator}`;
  for (const [test, colours] of [
    [`=AND(ISNUMBER(${gapCell}),${gapCell}<=0)`, GAP_GREEN],
    [`=AND(ISNUMBER(${gapCell}),${gapCell}>0)`, GAP_RED],
  ] as const) {
    const format = gapRange.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    format.custom.rule.formula = test;
    format.custom.format.fill.color = colours.fill;
    format.custom.format.font.color = colours.font;
  }

  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  for (const row of [DASHBOARD_LAYOUT.headerRow, DEPLOYMENT_FIRST_ROW]) {
    const header = sheet.getRange(rectAddress(row, 0, row, row === DEPLOYMENT_FIRST_ROW ? 2 : lastColumn));
    header.format.font.bold = true;
    header.format.fill.color = "#DDEBF7";
  }
  sheet.getRange(rectAddress(1, 0, 1, 0)).format.columnWidth = 330;
  sheet.getRange(rectAddress(1, 1, 1, 5)).format.columnWidth = 80; // Réalisé … Identifiant, headers readable
  sheet.getRange(rectAddress(1, 6, 1, 7)).format.columnWidth = 220;
  sheet.freezePanes.freezeRows(DASHBOARD_LAYOUT.headerRow);

  // Actual vs target, where the host has charts.
  const charts = chartsOf(sheet);
  let charted = false;
  if (charts && indicatorRows.length > 0) {
    for (const name of snapshot.dashboardCharts.filter((n) => n === DASHBOARD_CHART_NAME))
      charts.getItem(name).delete();
    const data = sheet.getRange(
      rectAddress(
        DASHBOARD_LAYOUT.headerRow,
        0,
        DASHBOARD_LAYOUT.headerRow + indicatorRows.length,
        DASHBOARD_LAYOUT.target,
      ),
    );
    const chart = charts.add("ColumnClustered" as Excel.ChartType, data, "Columns" as Excel.ChartSeriesBy);
    chart.name = DASHBOARD_CHART_NAME;
    chart.title.text = `Réalisé et cible ${year}`;
    chart.setPosition(`J${DASHBOARD_LAYOUT.headerRow}`, `Q${DASHBOARD_LAYOUT.headerRow + 18}`);
    charted = true;
  }
  await context.sync();
  progress("Tableau de bord écrit");

  const unmappedText = unmapped > 0 ? ` (${unmapped} sans colonne renseignée)` : "";
  const chartText = charted ? " Graphique réalisé / cible ajouté." : " Graphique non disponible ici.";
  return {
    message: `Tableau de bord ${year} construit dans «\u00a0${OWNED_SHEETS.dashboard}\u00a0» : ${indicators.length} indicateur${indicators.length > 1 ? "s" : ""}${unmappedText}, formules recalculées avec le tableau des marchés.${chartText}`,
    addresses: [`${OWNED_SHEETS.dashboard}!${address}`],
  };
}
