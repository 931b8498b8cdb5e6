/**
 * The dashboard's chart and the committee's print layout, built by the real operations on the sample workbook
 * through the simulator, then read back from the saved .xlsx as Excel would open it.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { unzip } from "@cj-tech-master/excelts/archive";
import { SimExcel, loadWorkbook, saveWorkbook, type SimWorkbook } from "../sim";
import { loadWorkbookFromPath } from "../sim/node";
import { OWNED_SHEETS } from "./constants";
import { committeeTitle } from "./committee";
import { DASHBOARD_CHART_NAME } from "./dashboard";
import { createExcelOperations } from "./excel-operations";

const SAMPLE = join(__dirname, "..", "..", "assets", "samples", "programmation-achats-ville-exemple.xlsx");
const DASHBOARD = "'SPASER Tableau de bord'";

function operationsOn(workbook: SimWorkbook) {
  return createExcelOperations(
    (batch) => SimExcel.run(workbook, (context) => batch(context as unknown as Excel.RequestContext)),
    { today: () => "2026-01-15" },
  );
}

async function confirmed(workbook: SimWorkbook) {
  const ops = operationsOn(workbook);
  const source = (await ops.start()).found[0]!.source;
  await ops.confirmMapping(source);
  return { ops, source };
}

async function partsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for await (const e of unzip(bytes).entries())
    if (!e.path.endsWith("/")) parts.set(e.path, new TextDecoder().decode(await e.bytes()));
  return parts;
}

const unescape = (xml: string) =>
  xml
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const chartParts = (parts: Map<string, string>) =>
  [...parts.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));

/** The XML of a sheet by its name, through workbook.xml and its relationships. */
function sheetXml(parts: Map<string, string>, name: string): { xml: string; index: number } {
  const sheets = [...(parts.get("xl/workbook.xml") ?? "").matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
  const index = sheets.findIndex((s) => unescape(/name="([^"]*)"/.exec(s)?.[1] ?? "") === name);
  const rId = /r:id="([^"]*)"/.exec(sheets[index] ?? "")?.[1];
  const rels = parts.get("xl/_rels/workbook.xml.rels") ?? "";
  const target = new RegExp(`<Relationship [^>]*Id="${rId}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? "";
  return { xml: parts.get(`xl/${target.replace(/^\/?xl\//, "")}`) ?? "", index };
}

describe("the dashboard chart in the saved file", () => {
  it("is a clustered column chart of the actual and target columns, titled with the year, beside the table", async () => {
    const workbook = await loadWorkbookFromPath(SAMPLE);
    const { ops, source } = await confirmed(workbook);
    const confirmation = await ops.buildDashboard(source, 2027);
    expect(confirmation.message).toMatch(/6 indicateurs.* Graphique réalisé \/ cible ajouté\.$/);

    const parts = await partsOf(await saveWorkbook(workbook));
    expect(chartParts(parts)).toEqual(["xl/charts/chart1.xml"]);
    const chart = unescape(parts.get("xl/charts/chart1.xml")!);
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain("<a:t>Réalisé et cible 2027</a:t>");
    const series = [...chart.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) =>
      [...m[1]!.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((f) => f[1]),
    );
    // One series per value column (Réalisé, Cible 2027), each named by its header cell, over the 6 indicators.
    expect(series).toEqual([
      [`${DASHBOARD}!$B$4`, `${DASHBOARD}!$A$5:$A$10`, `${DASHBOARD}!$B$5:$B$10`],
      [`${DASHBOARD}!$C$4`, `${DASHBOARD}!$A$5:$A$10`, `${DASHBOARD}!$C$5:$C$10`],
    ]);
    expect(chart).toMatch(/<c:legend><c:legendPos val="b"\/>/);

    const { xml: dashboardSheet } = sheetXml(parts, OWNED_SHEETS.dashboard);
    const drawingRel = /<drawing r:id="[^"]+"\/>/.exec(dashboardSheet);
    expect(drawingRel).not.toBeNull();
    const drawing = [...parts.entries()].find(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))![1];
    expect(drawing).toContain(`name="${DASHBOARD_CHART_NAME}"`);
    // J4 to the bottom-right of Q22.
    expect(drawing).toMatch(/<xdr:from><xdr:col>9<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>3<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>17<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>22<\/xdr:row>/);
  });

  it("stays one chart when the dashboard is rebuilt, in the same session and after reopening the file", async () => {
    const workbook = await loadWorkbookFromPath(SAMPLE);
    const first = await confirmed(workbook);
    await first.ops.buildDashboard(first.source, 2027);
    await first.ops.buildDashboard(first.source, 2027);
    expect(workbook.charts.map((c) => c.name)).toEqual([DASHBOARD_CHART_NAME]);
    expect(chartParts(await partsOf(await saveWorkbook(workbook)))).toHaveLength(1);

    const reopened = await loadWorkbook(await saveWorkbook(workbook), "programmation.xlsx");
    expect(reopened.charts.map((c) => c.name)).toEqual([DASHBOARD_CHART_NAME]);
    const again = await confirmed(reopened);
    await again.ops.buildDashboard(again.source, 2028);
    const parts = await partsOf(await saveWorkbook(reopened));
    expect(chartParts(parts)).toHaveLength(1);
    const chart = unescape(parts.get(chartParts(parts)[0]!)!);
    expect(chart).toContain("<a:t>Réalisé et cible 2028</a:t>");
    expect(chart).not.toContain("2027</a:t>");
  });
});

describe("the committee list's print layout in the saved file", () => {
  it("prints SPASER CAD in landscape, one page wide, with the title as centre header and the header row repeated", async () => {
    const workbook = await loadWorkbookFromPath(SAMPLE);
    const { ops, source } = await confirmed(workbook);
    const confirmation = await ops.buildCommitteeList(source, 2027);
    expect(confirmation.message).toMatch(/ Mise en page paysage, ajustée à la largeur\.$/);
    await ops.buildCommitteeList(source, 2027); // a rebuild sets the same layout, once

    const parts = await partsOf(await saveWorkbook(workbook));
    const { xml, index } = sheetXml(parts, OWNED_SHEETS.committee);
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    const pageSetup = /<pageSetup [^>]*\/>/.exec(xml)?.[0] ?? "";
    expect(pageSetup).toContain('orientation="landscape"');
    expect(pageSetup).toContain('fitToHeight="0"');
    // fitToWidth defaults to 1 in OOXML: absent or 1.
    expect(/fitToWidth="(\d+)"/.exec(pageSetup)?.[1] ?? "1").toBe("1");
    expect(unescape(/<oddHeader>([^<]*)<\/oddHeader>/.exec(xml)?.[1] ?? "")).toBe(`&C${committeeTitle(2027)}`);
    const printTitles = [
      ...unescape(parts.get("xl/workbook.xml") ?? "").matchAll(
        /<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g,
      ),
    ].map((m) => [Number(m[1]), m[2]]);
    expect(printTitles).toEqual([[index, "'SPASER CAD'!$4:$4"]]);
  });
});
