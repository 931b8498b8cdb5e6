import { describe, expect, it } from "vitest";
import { Workbook } from "@cj-tech-master/excelts";
import { unzip } from "@cj-tech-master/excelts/archive";
import { SimExcel, createWorkbook, loadWorkbook, saveWorkbook, type SimWorkbook } from "./index";
import { joinHeader, splitHeader } from "./page-layout";

/** The XML parts of a saved file (binary parts as ""). */
async function partsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for await (const e of unzip(bytes).entries())
    if (!e.path.endsWith("/"))
      parts.set(e.path, /\.(xml|rels)$/.test(e.path) ? new TextDecoder().decode(await e.bytes()) : "");
  return parts;
}

const chartParts = (parts: Map<string, string>) =>
  [...parts.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
const cNvPrNames = (xml: string) => [...xml.matchAll(/<xdr:cNvPr [^>]*name="([^"]*)"/g)].map((m) => m[1]);

/** "Données": header on row 2 (B2:D2), three categories below; a second sheet to move things around. */
async function dataWorkbook(): Promise<SimWorkbook> {
  const wb = createWorkbook("Données");
  await SimExcel.run(wb, async (context) => {
    context.workbook.worksheets.getItem("Données").getRange("B2:D5").values = [
      ["Indicateur", "Réalisé", "Cible"],
      ["Clauses sociales", 0.2, 0.3],
      ["Critère environnemental", 0.5, 0.4],
      ["TPE-PME", 0.35, 0.3],
    ];
    context.workbook.worksheets.add("Autre").getRange("A1").values = [["autre"]];
  });
  return wb;
}

async function addChart(wb: SimWorkbook, name = "Suivi", title = "Réalisé et cible"): Promise<void> {
  await SimExcel.run(wb, async (context) => {
    const sheet = context.workbook.worksheets.getItem("Données");
    const chart = sheet.charts.add("ColumnClustered", sheet.getRange("B2:D5"), "Columns");
    chart.name = name;
    chart.title.text = title;
    chart.setPosition("F2", "M20");
  });
}

describe("worksheet.charts through the API", () => {
  it("queues like Office: nothing readable before load and sync, missing names fail at sync", async () => {
    const wb = await dataWorkbook();
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Données");
      const charts = sheet.charts;
      const chart = charts.add("ColumnClustered", sheet.getRange("B2:D5"), "Columns");
      expect(() => chart.name).toThrow(/'name' is not available/);
      expect(wb.charts).toHaveLength(0); // queued, not applied
      chart.name = "Suivi";
      chart.load("name, chartType");
      chart.title.load("text");
      charts.load("items/name, count");
      await context.sync();
      expect(chart.name).toBe("Suivi");
      expect(chart.chartType).toBe("ColumnClustered");
      expect(chart.title.text).toBe("");
      expect(charts.items.map((c) => c.name)).toEqual(["Suivi"]);
      expect(charts.count).toBe(1);

      charts.getItem("Absent");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      const maybe = charts.getItemOrNullObject("Absent");
      const found = charts.getItem("suivi").load("name"); // names are found whatever the case
      await context.sync();
      expect(maybe.isNullObject).toBe(true);
      expect(found.name).toBe("Suivi");

      charts.add("Sunburst", sheet.getRange("B2:D5"));
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("deletes a chart by name: the collection and the next save no longer have it", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    expect(chartParts(await partsOf(await saveWorkbook(wb)))).toHaveLength(1);
    await SimExcel.run(wb, async (context) => {
      const charts = context.workbook.worksheets.getItem("Données").charts;
      charts.getItem("Suivi").delete();
      charts.load("items/name");
      await context.sync();
      expect(charts.items).toEqual([]);
    });
    const parts = await partsOf(await saveWorkbook(wb));
    expect(chartParts(parts)).toEqual([]);
    expect([...parts.keys()].some((p) => p.startsWith("xl/drawings/"))).toBe(false);
  });
});

describe("charts in the saved file", () => {
  it("writes a clustered column chart whose series reference the cells, named, titled and placed", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    const parts = await partsOf(await saveWorkbook(wb));
    const chart = parts.get("xl/charts/chart1.xml") ?? "";
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(chart).toContain('<c:grouping val="clustered"/>');
    expect(chart).toContain("<a:t>Réalisé et cible</a:t>");
    const refs = [...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
    // Per series: its name (header cell), categories, values. No value copied as a literal.
    expect(refs).toEqual([
      "'Données'!$C$2",
      "'Données'!$B$3:$B$5",
      "'Données'!$C$3:$C$5",
      "'Données'!$D$2",
      "'Données'!$B$3:$B$5",
      "'Données'!$D$3:$D$5",
    ]);
    expect(chart).not.toContain("<c:numLit>");
    const drawing = parts.get("xl/drawings/drawing3.xml") ?? "";
    expect(cNvPrNames(drawing)).toEqual(["Suivi"]);
    // F2 to the bottom-right corner of M20: from (col 5, row 1) to (col 13, row 20), 0-based edges.
    expect(drawing).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>1<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>13<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>20<\/xdr:row>/);
  });

  it("follows a renamed sheet, and a second save writes the same single chart", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    await SimExcel.run(wb, async (context) => {
      context.workbook.worksheets.getItem("Données").name = "Indicateurs 2027";
    });
    await saveWorkbook(wb);
    const parts = await partsOf(await saveWorkbook(wb));
    expect(chartParts(parts)).toEqual(["xl/charts/chart1.xml"]);
    expect(parts.get("xl/charts/chart1.xml")).toContain("<c:f>&apos;Indicateurs 2027&apos;!$C$3:$C$5</c:f>");
  });

  it("reopens a saved chart by its name, type and title, and moves, renames or deletes it", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    const reopened = await loadWorkbook(await saveWorkbook(wb), "suivi.xlsx");
    await SimExcel.run(reopened, async (context) => {
      const charts = context.workbook.worksheets.getItem("Données").charts.load("items/name,items/chartType");
      const title = charts.getItem("Suivi").title.load("text");
      await context.sync();
      expect(charts.items.map((c) => [c.name, c.chartType])).toEqual([["Suivi", "ColumnClustered"]]);
      expect(title.text).toBe("Réalisé et cible");
      const chart = charts.getItem("Suivi");
      chart.name = "Suivi 2027";
      chart.title.text = "Réalisé 2027";
      chart.setPosition("F30");
    });
    const moved = await partsOf(await saveWorkbook(reopened));
    const drawing = [...moved.entries()].find(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))?.[1] ?? "";
    expect(cNvPrNames(drawing)).toEqual(["Suivi 2027"]);
    expect(drawing).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>29<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>13<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>48<\/xdr:row>/);
    expect(moved.get("xl/charts/chart1.xml")).toContain("<a:t>Réalisé 2027</a:t>");

    // A loaded chart deleted through the API may leave the file (no PartLostError); nothing else goes.
    await SimExcel.run(reopened, async (context) => {
      context.workbook.worksheets.getItem("Données").charts.getItem("Suivi 2027").delete();
    });
    const parts = await partsOf(await saveWorkbook(reopened));
    expect(chartParts(parts)).toEqual([]);
    expect(parts.has("xl/worksheets/sheet2.xml")).toBe(true);
  });

  it("keeps a file's chart on a later sheet when an earlier sheet gets a chart (distinct drawing parts)", async () => {
    // A file whose second sheet holds drawing1.xml; excelts alone would number the first sheet's new drawing 1 too.
    const other = new Workbook();
    other.addWorksheet("Données");
    const later = other.addWorksheet("Autre");
    later.addRows([
      ["Mois", "Nombre"],
      ["janvier", 3],
      ["février", 5],
    ]);
    later.addLineChart({ series: [{ categories: "Autre!$A$2:$A$3", values: "Autre!$B$2:$B$3" }] }, "D2:H12");
    const file = await loadWorkbook(await other.xlsx.writeBuffer(), "autre-outil.xlsx");
    expect(file.source.parts).toContain("xl/drawings/drawing1.xml");
    await SimExcel.run(file, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Données");
      sheet.getRange("B2:D5").values = [
        ["Indicateur", "Réalisé", "Cible"],
        ["a", 1, 2],
        ["b", 3, 4],
        ["c", 5, 6],
      ];
      await context.sync();
      const charts = context.workbook.worksheets.getItem("Autre").charts.load("items/name,items/chartType");
      await context.sync();
      expect(charts.items.map((c) => [c.name, c.chartType])).toEqual([["Chart 1", "Line"]]);
    });
    await addChart(file, "Colonnes");
    const saved = await saveWorkbook(file);
    const parts = await partsOf(saved);
    expect(chartParts(parts).sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    const names = [...parts.entries()]
      .filter(([p]) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))
      .flatMap(([, xml]) => cNvPrNames(xml))
      .sort();
    expect(names).toEqual(["Chart 1", "Colonnes"]);
    const again = await loadWorkbook(saved, "autre-outil.xlsx");
    expect(again.charts.map((c) => [c.sheet.name, c.name, c.chartType])).toEqual([
      ["Données", "Colonnes", "ColumnClustered"],
      ["Autre", "Chart 1", "Line"],
    ]);
  });

  it("lets a sheet deleted through the API take its charts with it", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    await saveWorkbook(wb); // the chart is now in the excelts workbook too
    await SimExcel.run(wb, async (context) => {
      context.workbook.worksheets.getItem("Données").delete();
    });
    expect(wb.charts).toEqual([]);
    const parts = await partsOf(await saveWorkbook(wb));
    expect(chartParts(parts)).toEqual([]);
    expect([...parts.keys()].filter((p) => p.startsWith("xl/drawings/"))).toEqual([]);
  });

  it("refuses, as before, to save when a chart part of the original would be lost without a deletion", async () => {
    const wb = await dataWorkbook();
    await addChart(wb);
    const reopened = await loadWorkbook(await saveWorkbook(wb), "suivi.xlsx");
    const x = reopened.charts[0]!.written!;
    x.worksheet.removeChart(x); // behind the API's back: not a deletion the user asked for
    await expect(saveWorkbook(reopened)).rejects.toMatchObject({ name: "PartLostError" });
  });
});

describe("worksheet.pageLayout", () => {
  it("sets orientation, fit to width, a centre header and print titles, and reads them back", async () => {
    const wb = await dataWorkbook();
    await SimExcel.run(wb, async (context) => {
      const layout = context.workbook.worksheets.getItem("Données").pageLayout;
      layout.load("orientation, zoom");
      await context.sync();
      expect(layout.orientation).toBe("Portrait");
      expect(layout.zoom).toEqual({ scale: 100 });
      layout.orientation = "Landscape";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.headersFooters.defaultForAllPages.centerHeader = "Comité & co";
      layout.headersFooters.defaultForAllPages.rightFooter = "Page &P";
      layout.setPrintTitleColumns("$B:$B");
      layout.setPrintTitleRows("$2:$2");
      const rows = layout.getPrintTitleRowsOrNullObject().load("address");
      layout.load("orientation, zoom");
      const footer = layout.headersFooters.defaultForAllPages.load("centerHeader, rightFooter, leftHeader");
      await context.sync();
      expect(layout.orientation).toBe("Landscape");
      expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
      expect([footer.centerHeader, footer.rightFooter, footer.leftHeader]).toEqual(["Comité & co", "Page &P", ""]);
      expect(rows.address).toBe("'Données'!2:2");
      layout.zoom = { scale: 5 };
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });

    const parts = await partsOf(await saveWorkbook(wb));
    const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    expect(sheet).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
    expect(sheet).toContain("<oddHeader>&amp;CComité &amp; co</oddHeader>");
    expect(sheet).toContain("<oddFooter>&amp;RPage &amp;P</oddFooter>");
    expect(parts.get("xl/workbook.xml")).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Données'!$B:$B,'Données'!$2:$2</definedName>`,
    );

    // Reopened, then the rows replaced: one print-titles name, the columns kept.
    const reopened = await loadWorkbook(await saveWorkbook(wb), "mise-en-page.xlsx");
    await SimExcel.run(reopened, async (context) => {
      const layout = context.workbook.worksheets.getItem("Données").pageLayout;
      layout.setPrintTitleRows("A3:D3");
      const columns = layout.getPrintTitleColumnsOrNullObject().load("address");
      const header = layout.headersFooters.defaultForAllPages.load("centerHeader");
      layout.load("orientation, zoom");
      await context.sync();
      expect(columns.address).toBe("'Données'!B:B");
      expect(header.centerHeader).toBe("Comité & co");
      expect(layout.orientation).toBe("Landscape");
      expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
    const workbookXml = (await partsOf(await saveWorkbook(reopened))).get("xl/workbook.xml") ?? "";
    expect(workbookXml.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(workbookXml).toContain("'Données'!$B:$B,'Données'!$3:$3</definedName>");
  });

  it("splits and joins header sections, keeping other codes", () => {
    expect(splitHeader("&L&D&CTitre && co&RPage &P sur &N")).toEqual({
      left: "&D",
      center: "Titre && co",
      right: "Page &P sur &N",
    });
    expect(splitHeader("Sans section")).toEqual({ left: "", center: "Sans section", right: "" });
    expect(joinHeader({ left: "", center: "Titre", right: "&P" })).toBe("&CTitre&R&P");
    expect(joinHeader({ left: "", center: "", right: "" })).toBeUndefined();
  });
});
