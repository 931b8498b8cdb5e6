import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { unzip } from "@cj-tech-master/excelts/archive";
import {
  SimExcel,
  loadWorkbook,
  saveWorkbook,
  decodeText,
  detectDelimiter,
  parseCsv,
  UnsupportedFormatError,
  XLS_REFUSAL,
} from "./index";
import { dropRedundantTrailingRows, extractDefinedNames } from "./xlsx-io";
import { loadWorkbookFromPath } from "./node";

/** Windows-1252 encoding of the few non-ASCII characters the test uses. */
const CP1252: Record<string, number> = { "€": 0x80, œ: 0x9c, é: 0xe9, è: 0xe8 };
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
}

describe("CSV", () => {
  // Shape of the Villemomble export: cp1252, `;`, CRLF, a quoted amount cell with a bare LF inside.
  const csv = cp1252(
    ";OBJET;DATE;TITULAIRE;CODE POSTAL;MONTANT € HT\r\n" +
      ";Mise en œuvre d'un marché;12/03/2010;SARL Dupont;91 160;14 237.50\r\n" +
      ';Travaux d\'extension (lots);01/06/2010;"Entreprise ""Martin""";93250;"Lot 2: 10869,56\nLot 4: 13377,13"\r\n' +
      ";;;;;\r\n",
  );

  it("detects Windows-1252 when the bytes are not UTF-8 and keeps € and œ", () => {
    const { text, encoding } = decodeText(csv);
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("MONTANT € HT");
    expect(text).toContain("Mise en œuvre");
    expect(decodeText(new TextEncoder().encode("Montant € HT")).encoding).toBe("utf-8");
  });

  it("picks the delimiter by counting outside quotes", () => {
    expect(detectDelimiter('a;b;"c,d,e,f"\n1;2;3')).toBe(";");
    expect(detectDelimiter('a,b,"c;d;e"\n1,2,3')).toBe(",");
  });

  it("opens as one sheet of text cells, with a multi-line quoted cell and doubled quotes", async () => {
    const wb = await loadWorkbook(csv, "liste-marches-2010.csv");
    expect(parseCsv(decodeText(csv).text)).toHaveLength(4);
    await SimExcel.run(wb, async (context) => {
      const used = context.workbook.worksheets
        .getActiveWorksheet()
        .getUsedRange(true)
        .load("address, values, valueTypes");
      await context.sync();
      expect(used.address).toBe("'liste-marches-2010'!B1:F3");
      expect(used.values[1]).toEqual(["Mise en œuvre d'un marché", "12/03/2010", "SARL Dupont", "91 160", "14 237.50"]);
      expect(used.values[2]![2]).toBe('Entreprise "Martin"');
      expect(used.values[2]![4]).toBe("Lot 2: 10869,56\nLot 4: 13377,13");
      expect(used.valueTypes[1]!.every((t) => t === "String")).toBe(true);
    });
  });
});

describe("refused formats", () => {
  it("refuses BIFF .xls with the French message, whatever the file name", async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(loadWorkbook(ole, "export.xls")).rejects.toThrow(XLS_REFUSAL);
    await expect(loadWorkbook(ole, "renamed.xlsx")).rejects.toBeInstanceOf(UnsupportedFormatError);
  });

  it("refuses SpreadsheetML 2003 saved as .xls, and unknown formats, with a clear message", async () => {
    const xml = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>',
    );
    await expect(loadWorkbook(xml, "grdResultat (7).xls")).rejects.toThrow(/\.xls \(Excel 97-2003\)/);
    await expect(loadWorkbook(Uint8Array.from([0x25, 0x50, 0x44, 0x46]), "devis.pdf")).rejects.toThrow(
      /format reconnu/,
    );
  });
});

describe("load-time workarounds", () => {
  it("drops only trailing empty rows that repeat the style every column has", () => {
    const cols = '<cols><col min="1" max="10" style="14"/><col min="11" max="16384" style="14"/></cols>';
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="14" customFormat="1"/><row r="3" s="14" customFormat="1"/>';
    expect(dropRedundantTrailingRows(`<worksheet>${cols}<sheetData>${rows}</sheetData></worksheet>`)).toEqual({
      xml: `<worksheet>${cols}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
      dropped: 2,
    });
    const tall = '<row r="1"><c r="A1"><v>1</v></c></row><row r="9" ht="30" customHeight="1"/>';
    expect(dropRedundantTrailingRows(`<worksheet><sheetData>${tall}</sheetData></worksheet>`).dropped).toBe(0);
    const otherStyle = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="7" customFormat="1"/>';
    expect(
      dropRedundantTrailingRows(`<worksheet>${cols}<sheetData>${otherStyle}</sheetData></worksheet>`).dropped,
    ).toBe(0);
  });

  it("reads defined names, local scope and hidden flag, without expanding them", () => {
    const { names, xml } = extractDefinedNames(
      `<workbook><sheets/><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="3" hidden="1">'DEP ALIM MODIF'!$A$1:$AQ$1036127</definedName><definedName name="Data">'DEP ALIM MODIF'!$A$1:$AQ$347</definedName></definedNames><calcPr/></workbook>`,
    );
    expect(xml).toBe("<workbook><sheets/><calcPr/></workbook>");
    expect(names).toEqual([
      { name: "_xlnm._FilterDatabase", localSheetId: 3, hidden: true, reference: "'DEP ALIM MODIF'!$A$1:$AQ$1036127" },
      { name: "Data", hidden: false, reference: "'DEP ALIM MODIF'!$A$1:$AQ$347" },
    ]);
  });
});

// ── real workbooks ───────────────────────────────────────────────────────────────────────────
// shared/ sits beside the repository (on CI too): ../shared/data/workbooks from the repo root.
const DATA = join(__dirname, "..", "..", "..", "shared", "data", "workbooks");
const haveData = existsSync(DATA);
const REAL = [
  "sca-brest_pochette-suivi-achats.xlsx",
  "crosne_depenses-centre-de-loisirs-2025.xlsx",
  "crosne_CALC-DEP-3_restauration-fluides-2025.xlsx",
];

async function zipParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for await (const e of unzip(bytes).entries())
    if (!e.path.endsWith("/"))
      parts.set(e.path, e.path.endsWith(".xml") ? new TextDecoder().decode(await e.bytes()) : "");
  return parts;
}

/** Every cell's value and formula, sheet by sheet, straight from excelts. */
/** JSON with sorted keys, so that the order excelts writes attributes in does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function cellDump(wb: Awaited<ReturnType<typeof loadWorkbook>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of wb.excel.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) =>
        out.set(`${ws.name}!${cell.address}`, canonical([cell.value, cell.formula ?? null, cell.style])),
      ),
    );
  }
  return out;
}

describe.skipIf(!haveData)(
  `real workbooks round trip (${haveData ? DATA : `SKIPPED: ${DATA} is absent, the real workbooks are not in the repository`})`,
  () => {
    for (const file of REAL) {
      it(`${file}: load → edit one cell → save keeps sheets, names, merges, tables, validation, CF, pivots, charts, links and every other cell`, async () => {
        const bytes = new Uint8Array(readFileSync(`${DATA}/${file}`));
        const t0 = performance.now();
        const wb = await loadWorkbookFromPath(`${DATA}/${file}`);
        const loadSeconds = (performance.now() - t0) / 1000;
        const before = cellDump(wb);
        const sheetsBefore = wb.excel.worksheets.map((ws) => [
          ws.name,
          ws.state,
          ws.mergedRegions.length,
          ws.getTables().length,
          Object.keys(ws.dataValidations.model).length,
          ws.conditionalFormattings.length,
        ]);

        // The add-in writes into its own sheet only.
        await SimExcel.run(wb, async (context) => {
          const used = context.workbook.worksheets.getActiveWorksheet().getUsedRange().load("address");
          const own = context.workbook.worksheets.add("SPASER Paramètres");
          own.getRange("A1").values = [["SPASER"]];
          await context.sync();
          expect(used.address).not.toBe("");
        });
        const t1 = performance.now();
        const saved = await saveWorkbook(wb);
        const saveSeconds = (performance.now() - t1) / 1000;
        console.info(
          `${file}: load ${loadSeconds.toFixed(1)} s, save ${saveSeconds.toFixed(1)} s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
        );

        const [origParts, newParts] = await Promise.all([zipParts(bytes), zipParts(saved)]);
        for (const part of origParts.keys()) {
          if (/pivot|chart|drawing|externalLink|table|comments|metadata\.xml/.test(part))
            expect(newParts.has(part), part).toBe(true);
        }
        const origNames = [
          ...(origParts.get("xl/workbook.xml") ?? "").matchAll(/<definedName [^>]*>[^<]*<\/definedName>/g),
        ].map((m) => m[0]);
        const newWorkbookXml = newParts.get("xl/workbook.xml") ?? "";
        for (const n of origNames) expect(newWorkbookXml).toContain(n);
        // No attribute written from an undefined value (Excel would call the file damaged).
        for (const [part, xml] of newParts) expect(xml.includes('="undefined"'), part).toBe(false);

        const reopened = await loadWorkbook(saved, file);
        const after = cellDump(reopened);
        for (const [key, value] of before) expect(after.get(key), key).toBe(value);
        const sheetsAfter = reopened.excel.worksheets.map((ws) => [
          ws.name,
          ws.state,
          ws.mergedRegions.length,
          ws.getTables().length,
          Object.keys(ws.dataValidations.model).length,
          ws.conditionalFormattings.length,
        ]);
        expect(sheetsAfter.slice(0, -1)).toEqual(sheetsBefore);
        expect(sheetsAfter.at(-1)?.[0]).toBe("SPASER Paramètres");
      }, 180_000);
    }

    it("answers getUsedRange quickly on sheets that declare a million rows", async () => {
      const wb = await loadWorkbookFromPath(`${DATA}/crosne_CALC-DEP-3_restauration-fluides-2025.xlsx`);
      await SimExcel.run(wb, async (context) => {
        const alim = context.workbook.worksheets.getItem("DEP ALIM").getUsedRange(true).load("address");
        const restau = context.workbook.worksheets.getItem("Depenses restau 2025").getUsedRange(true).load("address");
        const names = context.workbook.names.load("items/name");
        const data = context.workbook.names.getItem("Data").getRange().load("address");
        const t0 = performance.now();
        await context.sync();
        expect(performance.now() - t0).toBeLessThan(5_000);
        expect(alim.address).toBe("'DEP ALIM'!A1:BQ360");
        expect(restau.address).toBe("'Depenses restau 2025'!A1:Y88");
        expect(names.items.map((n) => n.name)).toEqual(["Data"]); // hidden _FilterDatabase names are not listed, like Office
        expect(data.address).toBe("'DEP ALIM MODIF'!A1:AQ347");
      });
    }, 120_000);
  },
);

describe("part-loss guard", () => {
  it("refuses to save when a part of the original file would be lost, naming it", async () => {
    const { createWorkbook, PartLostError, SimWorkbook } = await import("./index");
    const base = createWorkbook();
    const pretendLoaded = new SimWorkbook(base.excel, [], {
      fileName: "avec-tcd.xlsx",
      format: "xlsx",
      parts: ["xl/workbook.xml", "xl/pivotTables/pivotTable1.xml", "xl/calcChain.xml"],
      droppedEmptyRows: {},
    });
    const attempt = saveWorkbook(pretendLoaded);
    await expect(attempt).rejects.toBeInstanceOf(PartLostError);
    await expect(attempt).rejects.toMatchObject({ parts: ["xl/pivotTables/pivotTable1.xml"] });
  });
});
