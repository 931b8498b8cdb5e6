import { describe, it, expect } from "vitest";
import { SimExcel, createWorkbook, loadWorkbook, saveWorkbook, parseAddress, formatAddress, SimError } from "./index";

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

describe("proxy semantics", () => {
  it("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const range = context.workbook.worksheets.getItem("Feuil1").getRange("A1");
      expect(() => range.values).toThrow(/The property 'values' is not available/);
      range.load("values");
      expect(() => range.values).toThrow(SimError);
      await context.sync();
      expect(range.values).toEqual([[""]]);
      expect(() => range.address).toThrow(/'address'/);
    });
  });

  it("getItem on a missing sheet rejects the sync with ItemNotFound; getItemOrNullObject gives isNullObject", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      context.workbook.worksheets.getItem("Contrats");
      await expectCode(context.sync(), "ItemNotFound");
      const maybe = context.workbook.worksheets.getItemOrNullObject("Contrats");
      maybe.load("isNullObject");
      await context.sync();
      expect(maybe.isNullObject).toBe(true);
    });
  });

  it("values of the wrong shape reject with InvalidArgument and write nothing", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const range = context.workbook.worksheets.getItem("Feuil1").getRange("A1:B2");
      range.values = [[1, 2, 3]];
      await expectCode(context.sync(), "InvalidArgument");
      range.load("values");
      await context.sync();
      expect(range.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
    });
  });

  it("queued writes apply in order at sync and loads are snapshots taken in queue order", async () => {
    const wb = createWorkbook();
    let syncs = 0;
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Feuil1");
      const a1 = sheet.getRange("A1");
      a1.values = [["premier"]];
      const before = sheet.getRange("A1").load("values");
      a1.values = [["second"]];
      a1.formulas = [["=1+1"]];
      const after = sheet.getRange("A1").load("formulas, values");
      expect(() => before.values).toThrow();
      await context.sync();
      expect(before.values).toEqual([["premier"]]);
      expect(after.formulas).toEqual([["=1+1"]]);
      expect(after.values).toEqual([[""]]); // no evaluator: a new formula has no cached result
      syncs = context.stats.syncs;
    });
    expect(syncs).toBe(1);
  });

  it("the formula evaluator hook provides results for new formulas", async () => {
    const wb = createWorkbook();
    wb.setFormulaEvaluator((f) => (f === "=SPASER.SEUIL()" ? 90000 : undefined));
    await SimExcel.run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem("Feuil1").getRange("B2:C2");
      r.formulas = [["=SPASER.SEUIL()", "=A1"]];
      r.load("values, formulas");
      await context.sync();
      expect(r.values).toEqual([[90000, ""]]);
      expect(r.formulas).toEqual([["=SPASER.SEUIL()", "=A1"]]);
    });
  });

  it("counts syncs and payload; a request over 5 MB is rejected so callers must chunk", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Feuil1");
      const big = Array.from({ length: 60_000 }, (_, i) => [`ligne ${i} ${"x".repeat(80)}`]);
      sheet.getRange("A1:A60000").values = big;
      await expectCode(context.sync(), "RequestPayloadSizeLimitExceeded");
      expect(context.stats.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
      for (let start = 0; start < big.length; start += 20_000) {
        sheet.getRangeByIndexes(start, 0, 20_000, 1).values = big.slice(start, start + 20_000);
        await context.sync();
      }
      const last = sheet.getRange("A60000").load("values");
      await context.sync();
      expect(last.values[0]![0]).toMatch(/^ligne 59999/);
      expect(context.stats.syncs).toBe(5);
      // Loading whole columns is refused the same way instead of building a million-row matrix.
      sheet.getRange("A:C").load("values");
      await expectCode(context.sync(), "RequestPayloadSizeLimitExceeded");
    });
  });

  it("collections load items; getCount; worksheets.add and position", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      context.workbook.worksheets.add("SPASER Paramètres");
      const sheets = context.workbook.worksheets.load("items/name");
      const count = context.workbook.worksheets.getCount();
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Feuil1", "SPASER Paramètres"]);
      expect(() => sheets.items[1]!.position).toThrow(/PropertyNotLoaded|not available/);
      expect(count.value).toBe(2);
      context.workbook.worksheets.add("spaser paramètres");
      await expectCode(context.sync(), "ItemAlreadyExists");
    });
  });
});

describe("A1 addresses", () => {
  it("parses cells, ranges, whole columns, whole rows and quoted sheet names", () => {
    expect(parseAddress("B3").rect).toEqual({ row: 2, column: 1, rowCount: 1, columnCount: 1 });
    expect(parseAddress("$A$1:C3").rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 3 });
    expect(parseAddress("A:C")).toMatchObject({
      isEntireColumn: true,
      rect: { row: 0, rowCount: 1_048_576, columnCount: 3 },
    });
    expect(parseAddress("2:5")).toMatchObject({
      isEntireRow: true,
      rect: { row: 1, rowCount: 4, column: 0, columnCount: 16_384 },
    });
    expect(parseAddress("'MAPA > 20 K€'!A1:B2")).toMatchObject({ sheet: "MAPA > 20 K€", rect: { rowCount: 2 } });
    expect(parseAddress("'It''s'!AA10").sheet).toBe("It's");
    expect(() => parseAddress("A0")).toThrow(SimError);
    expect(() => parseAddress("XFE1")).toThrow(SimError);
    expect(formatAddress("Depenses,service,RE", parseAddress("AB12:AC13").rect)).toBe(
      "'Depenses,service,RE'!AB12:AC13",
    );
    expect(formatAddress("Feuil1", parseAddress("B:B").rect)).toBe("Feuil1!B:B");
  });

  it("range navigation returns Office's addresses", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem("Feuil1").getRange("B2:D5");
      const got = [
        r.getCell(1, 1),
        r.getRow(0),
        r.getColumn(2),
        r.getOffsetRange(1, 1),
        r.getResizedRange(1, -1),
        r.getLastRow(),
        r.getEntireColumn(),
      ].map((x) => x.load("address"));
      await context.sync();
      expect(got.map((x) => x.address)).toEqual([
        "Feuil1!C3",
        "Feuil1!B2:D2",
        "Feuil1!D2:D5",
        "Feuil1!C3:E6",
        "Feuil1!B2:C6",
        "Feuil1!B5:D5",
        "Feuil1!B:D",
      ]);
      r.getOffsetRange(-5, 0);
      await expectCode(context.sync(), "InvalidArgument");
    });
  });
});

describe("used range, tables, names, validation, conditional formats", () => {
  it("used range follows non-empty cells, not what was once written", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Feuil1");
      const empty = sheet.getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect(empty.isNullObject).toBe(true);
      sheet.getRange("C3:D4").values = [
        [1, "a"],
        [true, ""],
      ];
      sheet.getRange("F10").values = [["x"]];
      sheet.getRange("F10").values = [[""]];
      const used = sheet.getUsedRange(true).load("address, rowIndex, columnCount");
      await context.sync();
      expect(used.address).toBe("Feuil1!C3:D4");
    });
  });

  it("tables, names, data validation, conditional formats, fills and freeze panes survive save → load", async () => {
    const wb = createWorkbook("Contrats");
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Contrats");
      sheet.getRange("A1:C3").values = [
        ["Objet", "Montant HT", "SPASER · Clause sociale"],
        ["Nettoyage", 120000, "Oui"],
        ["Fournitures", 15000, "Non"],
      ];
      const table = sheet.tables.add("A1:C3", true);
      table.name = "Contrats";
      context.workbook.names.add("SPASER_Seuil", "=Contrats!$B$2");
      sheet.getRange("C2:C3").dataValidation.rule = { list: { inCellDropDown: true, source: "Oui;Non;À vérifier" } };
      const cf = sheet.getRange("B2:B3").conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      cf.custom.rule.formula = "=$B2>=90000";
      cf.custom.format.fill.color = "#FFC7CE";
      sheet.getRange("A2").format.fill.color = "#92D050";
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("B2:B3").numberFormat = [["# ##0 €"]];
      sheet.freezePanes.freezeRows(1);
    });
    const reopened = await loadWorkbook(await saveWorkbook(wb), "roundtrip.xlsx");
    await SimExcel.run(reopened, async (context) => {
      const table = context.workbook.tables.getItem("Contrats").load("name");
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("values, address, numberFormat");
      const columns = table.columns.load("items/name");
      const name = context.workbook.names.getItem("SPASER_Seuil");
      const target = name.getRange().load("values");
      const sheet = context.workbook.worksheets.getItem("Contrats");
      const dv = sheet.getRange("C3").dataValidation.load("rule");
      const fill = sheet.getRange("A2").format.fill.load("color");
      const bold = sheet.getRange("A1:C1").format.font.load("bold");
      await context.sync();
      expect(header.values).toEqual([["Objet", "Montant HT", "SPASER · Clause sociale"]]);
      expect(body.address).toBe("Contrats!A2:C3");
      expect(body.values).toEqual([
        ["Nettoyage", 120000, "Oui"],
        ["Fournitures", 15000, "Non"],
      ]);
      expect(body.numberFormat[0]![1]).toBe("# ##0 €");
      expect(columns.items.map((c) => c.name)).toEqual(["Objet", "Montant HT", "SPASER · Clause sociale"]);
      expect(target.values).toEqual([[120000]]);
      expect(dv.rule.list).toEqual({ inCellDropDown: true, source: "Oui,Non,À vérifier" });
      expect(fill.color).toBe("#92D050");
      expect(bold.bold).toBe(true);
    });
    const ws = reopened.excel.getWorksheet("Contrats")!;
    expect(ws.conditionalFormattings.map((c) => c.ref)).toEqual(["B2:B3"]);
    expect(ws.conditionalFormattings[0]!.rules[0]).toMatchObject({ type: "expression", formulae: ["$B2>=90000"] });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("table columns can be appended with their header and values", async () => {
    const wb = createWorkbook();
    await SimExcel.run(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Feuil1");
      sheet.getRange("A1:B3").values = [
        ["Objet", "Montant"],
        ["a", 1],
        ["b", 2],
      ];
      const t = sheet.tables.add("Feuil1!A1:B3", true);
      t.columns.add(null, [["SPASER · Verdict"], ["OK"], ["KO"]]);
      const range = t.getRange().load("address, values");
      await context.sync();
      expect(range.address).toBe("Feuil1!A1:C3");
      expect(range.values[2]).toEqual(["b", 2, "KO"]);
      context.workbook.tables.getItem("Inexistant");
      await expectCode(context.sync(), "ItemNotFound");
    });
  });

  it("selection changes fire onSelectionChanged handlers and getSelectedRange follows", async () => {
    const wb = createWorkbook();
    const seen: string[] = [];
    await SimExcel.run(wb, async (context) => {
      context.workbook.onSelectionChanged.add((e) => void seen.push(e.address));
      await context.sync();
    });
    await wb.select("B2:C4");
    expect(seen).toEqual(["B2:C4"]);
    await SimExcel.run(wb, async (context) => {
      const r = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect(r.address).toBe("Feuil1!B2:C4");
    });
  });
});
