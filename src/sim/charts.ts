/**
 * Charts of the simulated workbook, host side: the model the Office proxies of api.ts read and change
 * (`worksheet.charts`), how it is read from a loaded file, and how a save writes it with excelts' own chart
 * API (`worksheet.addChart`, `removeChart`, `chart.title`).
 *
 * A chart added through the API keeps its source rectangle; its series are written as references to the
 * sheet cells (`'Feuille'!$B$5:$B$10`), never as copied values, so Excel redraws it when the cells change.
 * Source rule (a fixed reading of what Office infers): by columns, the first row names the series and the
 * first column holds the categories; by rows, the same transposed. "Auto" means by columns unless the
 * rectangle is wider than tall.
 *
 * Chart names: Office reads and writes them as the drawing's `xdr:cNvPr/@name`. excelts 10.2 names every
 * chart it adds "Chart N" and has no API for it, but keeps the name of each anchor of a loaded drawing
 * (the sheet's internal `_drawing`). A save therefore puts the anchor of each chart it adds in that
 * drawing itself, named, which also gives new drawings a part name no other sheet uses (excelts numbers
 * new drawings from 1 and overwrites a loaded `drawing1.xml` of a later sheet).
 * Loaded charts are exposed by that name, with their type and title; their series stay as in the file.
 */
import type { Worksheet as XWorksheet } from "@cj-tech-master/excelts";
import type {
  AddChartOptions,
  AddChartSeriesOptions,
  Chart as XChart,
  ChartTypeGroup,
} from "@cj-tech-master/excelts/chart";
import { type CellRect, columnLetters, formatAbsoluteAddress } from "./address";
import { SimError } from "./errors";
import type { SimWorkbook } from "./workbook";

export type ChartSeriesBy = "Columns" | "Rows";

/** Cells a chart covers: from the top-left corner of `from` to the bottom-right corner of `to` (0-based). */
export interface ChartAnchor {
  from: { row: number; column: number };
  to: { row: number; column: number };
}

export interface ChartSource {
  sheet: XWorksheet;
  rect: CellRect;
  seriesBy: ChartSeriesBy;
}

export interface SimChart {
  readonly id: string;
  /** The sheet the chart sits on. */
  readonly sheet: XWorksheet;
  name: string;
  /** Office's chart type, e.g. "ColumnClustered". */
  readonly chartType: string;
  /** Data of a chart added through the API; a loaded chart keeps the series of its file. */
  readonly source?: ChartSource;
  /** Title text; undefined leaves Excel's automatic title. */
  title: string | undefined;
  anchor: ChartAnchor;
  /** The excelts chart that holds it in the file: loaded, or added by a save. */
  written?: XChart;
  /** Parts of the original file that belong to this chart alone (a deletion frees them). */
  readonly parts?: readonly string[];
}

/** The Office chart types the simulator writes, as excelts options. */
const CHART_TYPES: Record<string, Pick<AddChartOptions, "type" | "barDir" | "grouping">> = {
  ColumnClustered: { type: "bar", barDir: "col", grouping: "clustered" },
  ColumnStacked: { type: "bar", barDir: "col", grouping: "stacked" },
  ColumnStacked100: { type: "bar", barDir: "col", grouping: "percentStacked" },
  BarClustered: { type: "bar", barDir: "bar", grouping: "clustered" },
  BarStacked: { type: "bar", barDir: "bar", grouping: "stacked" },
  BarStacked100: { type: "bar", barDir: "bar", grouping: "percentStacked" },
  Line: { type: "line", grouping: "standard" },
  LineStacked: { type: "line", grouping: "stacked" },
  Area: { type: "area", grouping: "standard" },
  AreaStacked: { type: "area", grouping: "stacked" },
  Pie: { type: "pie" },
  Doughnut: { type: "doughnut" },
};

export const SIMULATED_CHART_TYPES: readonly string[] = Object.keys(CHART_TYPES);

export function checkChartType(type: string): void {
  if (!(type in CHART_TYPES))
    throw new SimError(
      "InvalidArgument",
      `Chart type '${type}' is not simulated (simulated: ${SIMULATED_CHART_TYPES.join(", ")}).`,
    );
}

/** Office's name for the type of a loaded chart (its first group); "Invalid" when none fits. */
export function officeChartType(group: ChartTypeGroup | undefined): string {
  if (!group) return "Invalid";
  const found = Object.entries(CHART_TYPES).find(
    ([, o]) =>
      o.type === group.type &&
      (o.barDir === undefined || ("barDir" in group && o.barDir === group.barDir)) &&
      (o.grouping === undefined || ("grouping" in group && o.grouping === group.grouping)),
  );
  return found?.[0] ?? "Invalid";
}

export function resolveSeriesBy(rect: CellRect, seriesBy: string | undefined): ChartSeriesBy {
  if (seriesBy === "Columns" || seriesBy === "Rows") return seriesBy;
  if (seriesBy === undefined || seriesBy === "Auto") return rect.columnCount > rect.rowCount ? "Rows" : "Columns";
  throw new SimError("InvalidArgument", `Invalid seriesBy '${seriesBy}'.`);
}

/** Where Office-like defaults put a new chart: right of its data, 8 columns by 15 rows. */
export function defaultAnchor(rect: CellRect): ChartAnchor {
  const from = { row: rect.row, column: rect.column + rect.columnCount + 1 };
  return { from, to: { row: from.row + 14, column: from.column + 7 } };
}

/** Series of a chart, each a reference into the source sheet: name (header cell), categories, values. */
export function chartSeries(source: ChartSource): AddChartSeriesOptions[] {
  const { sheet, rect, seriesBy } = source;
  const byColumns = seriesBy === "Columns";
  // Work in (line, position): a line is one series (a column when by columns), positions are its points.
  const lines = byColumns ? rect.columnCount : rect.rowCount;
  const positions = byColumns ? rect.rowCount : rect.columnCount;
  const named = positions > 1;
  const labelled = lines > 1;
  const cells = (line: number, first: number, count: number): CellRect =>
    byColumns
      ? { row: rect.row + first, column: rect.column + line, rowCount: count, columnCount: 1 }
      : { row: rect.row + line, column: rect.column + first, rowCount: 1, columnCount: count };
  const ref = (r: CellRect) => formatAbsoluteAddress(sheet.name, r);
  const firstPoint = named ? 1 : 0;
  const points = positions - firstPoint;
  const categories = labelled ? ref(cells(0, firstPoint, points)) : undefined;
  const series: AddChartSeriesOptions[] = [];
  for (let line = labelled ? 1 : 0; line < lines; line++) {
    series.push({
      ...(named ? { name: { formula: ref(cells(line, 0, 1)) } } : {}),
      ...(categories ? { categories } : {}),
      values: ref(cells(line, firstPoint, points)),
    });
  }
  return series;
}

// ── excelts internals (the drawing that carries chart names) ────────────────────────────────
interface AnchorPoint {
  nativeCol: number;
  nativeColOff: number;
  nativeRow: number;
  nativeRowOff: number;
}

interface DrawingAnchor {
  chartNumber?: number;
  chartExNumber?: number;
  range: { tl: AnchorPoint; br?: AnchorPoint; editAs?: string; [k: string]: unknown };
  graphicFrame?: { name?: string; [k: string]: unknown };
}

interface Drawing {
  name?: string;
  anchors: DrawingAnchor[];
  rels?: unknown[];
}

/** The drawing excelts keeps for a sheet (loaded, or made by a save): chart anchors with their names. */
function drawingOf(ws: XWorksheet): Drawing | undefined {
  return (ws as unknown as { _drawing?: Drawing })._drawing;
}

function setDrawing(ws: XWorksheet, drawing: Drawing | undefined): void {
  (ws as unknown as { _drawing?: Drawing })._drawing = drawing;
}

function anchorOf(ws: XWorksheet, chart: XChart): DrawingAnchor | undefined {
  return drawingOf(ws)?.anchors.find((a) =>
    chart.chartNumber > 0 ? a.chartNumber === chart.chartNumber : a.chartExNumber === chart.chartExNumber,
  );
}

const point = (row: number, column: number): AnchorPoint => ({
  nativeCol: column,
  nativeColOff: 0,
  nativeRow: row,
  nativeRowOff: 0,
});

function anchorRange(anchor: ChartAnchor): DrawingAnchor["range"] {
  return {
    tl: point(anchor.from.row, anchor.from.column),
    br: point(anchor.to.row + 1, anchor.to.column + 1),
    editAs: "twoCell",
  };
}

function anchorFromRange(range: DrawingAnchor["range"] | undefined): ChartAnchor {
  const tl = range?.tl ?? point(0, 0);
  const from = { row: tl.nativeRow, column: tl.nativeCol };
  const br = range?.br;
  if (!br) return { from, to: { row: from.row + 14, column: from.column + 7 } };
  // A corner inside a cell covers that cell; one on its top-left edge ends on the cell before.
  return {
    from,
    to: {
      row: Math.max(from.row, br.nativeRowOff > 0 ? br.nativeRow : br.nativeRow - 1),
      column: Math.max(from.column, br.nativeColOff > 0 ? br.nativeCol : br.nativeCol - 1),
    },
  };
}

const sameAnchor = (a: ChartAnchor, b: ChartAnchor) =>
  a.from.row === b.from.row && a.from.column === b.from.column && a.to.row === b.to.row && a.to.column === b.to.column;

/** A drawing part name no sheet uses, above any excelts would number by itself (1 per sheet at most). */
function freeDrawingName(wb: SimWorkbook): string {
  let highest = wb.excel.worksheets.length;
  for (const ws of wb.excel.worksheets) {
    const n = /^drawing(\d+)$/.exec(drawingOf(ws)?.name ?? "")?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return `drawing${highest + 1}`;
}

// ── load ─────────────────────────────────────────────────────────────────────────────────────
function relTargets(files: Record<string, Uint8Array>, part: string): string[] {
  const slash = part.lastIndexOf("/");
  const dir = part.slice(0, slash);
  const rels = files[`${dir}/_rels/${part.slice(slash + 1)}.rels`];
  if (!rels) return [];
  const xml = new TextDecoder().decode(rels);
  const out: string[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (/TargetMode="External"/.test(m[0])) continue;
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (!target) continue;
    const segments = target.startsWith("/") ? [] : dir.split("/");
    for (const s of target.replace(/^\//, "").split("/")) {
      if (s === "..") segments.pop();
      else if (s !== ".") segments.push(s);
    }
    out.push(segments.join("/"));
  }
  return out;
}

/** The charts of a loaded workbook, by the name their drawing gives them. */
export function readCharts(wb: SimWorkbook, files: Record<string, Uint8Array>): SimChart[] {
  const charts: SimChart[] = [];
  for (const ws of wb.excel.worksheets) {
    for (const x of ws.getCharts()) {
      const number = x.chartNumber > 0 ? x.chartNumber : x.chartExNumber;
      const part = x.chartNumber > 0 ? `xl/charts/chart${number}.xml` : `xl/charts/chartEx${number}.xml`;
      const anchor = anchorOf(ws, x);
      let title: string | undefined;
      try {
        title = x.title;
      } catch {
        title = undefined;
      }
      charts.push({
        id: wb.nextChartId(),
        sheet: ws,
        name: anchor?.graphicFrame?.name ?? `Graphique ${number}`,
        chartType: x.chartNumber > 0 ? officeChartType(x.chartTypes[0]) : "Invalid",
        title,
        anchor: anchorFromRange(anchor?.range),
        written: x,
        parts: [part, ...relTargets(files, part)], // its style, colours, user shapes, embedded data
      });
    }
  }
  return charts;
}

// ── save ─────────────────────────────────────────────────────────────────────────────────────
function addToExcel(wb: SimWorkbook, chart: SimChart, source: ChartSource): void {
  const ws = chart.sheet;
  const { from, to } = chart.anchor;
  const options: AddChartOptions = {
    ...CHART_TYPES[chart.chartType]!,
    series: chartSeries(source),
    showLegend: true,
    legendPosition: "b",
    ...(chart.title !== undefined ? { title: chart.title } : {}),
  } as AddChartOptions;
  const at = `${columnLetters(from.column)}${from.row + 1}:${columnLetters(to.column)}${to.row + 1}`;
  const number = ws.addChart(options, at);
  const written = ws.getCharts().find((c) => c.chartNumber === number);
  if (!written) throw new SimError("GeneralException", `excelts did not add chart ${number}.`);
  let drawing = drawingOf(ws);
  if (!drawing) {
    drawing = { name: freeDrawingName(wb), anchors: [], rels: [] };
    setDrawing(ws, drawing);
  }
  drawing.anchors.push({ chartNumber: number, range: anchorRange(chart.anchor), graphicFrame: { name: chart.name } });
  chart.written = written;
}

function updateInExcel(chart: SimChart, written: XChart): void {
  const anchor = anchorOf(chart.sheet, written);
  if (anchor) {
    anchor.graphicFrame = { ...anchor.graphicFrame, name: chart.name };
    if (!sameAnchor(anchorFromRange(anchor.range), chart.anchor))
      anchor.range = { ...anchor.range, ...anchorRange(chart.anchor) };
  }
  let current: string | undefined;
  try {
    current = written.title;
  } catch {
    current = undefined;
  }
  if ((current ?? "") !== (chart.title ?? "")) written.title = chart.title;
}

/**
 * Brings the excelts workbook in line with the chart model before a save: deleted charts removed (with a
 * drawing the save made, once empty), new charts added, names, titles and positions of the others applied.
 */
export function writeChartsToExcel(wb: SimWorkbook): void {
  const live = new Set(wb.excel.worksheets);
  for (const chart of wb.deletedCharts.splice(0)) {
    const written = chart.written;
    if (!written || !live.has(chart.sheet)) continue;
    chart.sheet.removeChart(written);
    const drawing = drawingOf(chart.sheet);
    if (drawing && drawing.anchors.length === 0 && !wb.source.parts.includes(`xl/drawings/${drawing.name}.xml`))
      setDrawing(chart.sheet, undefined);
  }
  for (const chart of wb.charts) {
    if (!live.has(chart.sheet)) continue;
    if (chart.written) updateInExcel(chart, chart.written);
    else if (chart.source) addToExcel(wb, chart, chart.source);
  }
}

/** Parts of the original file that a sheet's drawing holds (freed with the sheet). */
export function drawingPartsOf(ws: XWorksheet): string[] {
  const name = drawingOf(ws)?.name;
  return name ? [`xl/drawings/${name}.xml`] : [];
}
