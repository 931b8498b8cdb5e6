import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadWorkbook, SimExcel } from "../sim/index";
import {
  type DetectedTable,
  type DetectionResult,
  type SheetInput,
  columnLetters,
  detectContractsTable,
  detectInWorkbook,
} from "./detect";

type Row = (string | number | boolean)[];

function table(result: DetectionResult): DetectedTable {
  if (result.kind !== "table") throw new Error(`pas de tableau : ${result.reason}`);
  return result;
}

function rowsWith(result: DetectedTable, reason: string): number[] {
  return result.skipped.filter((s) => s.reason === reason).map((s) => s.row);
}

/** A Villemomble-like list: column A empty, title rows, nested headings, lot parent, totals, trailing `;;;;`. */
function villemombleLike(): Row[] {
  const e: Row = ["", "", "", "", "", ""];
  return [
    e,
    ["", "LISTE DES MARCHES CONCLUS EN 2010 - ARTICLE 133", "", "", "", ""], // row 2
    ["", "(en application de l'arrêté du 26/12/2007)", "", "", "", ""], // row 3
    ["", "OBJET", "DATE", "TITULAIRE", "CODE POSTAL", "MONTANT € HT"], // row 4
    ["", "Tranche 1 : 0 à 19 999,99 € HT", "", "", "", ""], // 5 section
    ["", "SERVICES", "", "", "", ""], // 6 section
    ["", "Audit DSP Marchés Forains", "26/03/2010", "COLLECTIVITES CONSEILS", "75014", "14 237.50"], // 7
    ["", "Mission géotechnique", "30/04/2010", "SAINTE ROC SOL", "92120", "11 000.00"], // 8
    e, // 9 vide
    ["", "TRAVAUX", "", "", "", ""], // 10 section
    ["", "Création d'espaces verts de voirie", "", "", "", "TOTAL : 117 372,56"], // 11 lot parent = total
    ["", "Lot 1: jardinières", "22/10/2010", "OSCARALET", "91 160", "89 948.57"], // 12
    ["", "Lot 2: espaces verts", "22/10/2010", "FALLEAU", "94 520", "27 423.99"], // 13
    ["", "Travaux d'extension du centre Marcel Hanra TOTAL", "", "", "", 669562.66], // 14 total in the object
    ["", "Extension - Lot 1: gros œuvre", "13/07/2010", "SOJEC", "77410", "400 000.00"], // 15
    ["", "Sous-total travaux", "", "", "", 400000], // 16
    ["", "TOTAL GENERAL", "", "", "", 1000000], // 17
    e, // 18
    ["", "Tranche 8 : 4 845 000  et plus", "", "", "", ""], // 19 heading of an empty bracket
    ...Array.from({ length: 1200 }, () => [...e]),
  ];
}

describe("detectContractsTable on generated layouts", () => {
  it("finds the header under the titles and sorts contracts from headings, totals and empty rows", () => {
    const result = table(detectContractsTable("Liste", villemombleLike()));
    expect(result.headerRow).toBe(4);
    expect(result.firstColumn).toBe(1);
    expect(result.lastColumn).toBe(5);
    expect(result.address).toBe("B4:F15");
    expect(result.contractRows).toEqual([7, 8, 12, 13, 15]);
    expect(result.rows).toBe(5);
    expect(rowsWith(result, "titre")).toEqual([2, 3]);
    expect(rowsWith(result, "section")).toEqual([5, 6, 10, 19]);
    expect(rowsWith(result, "total")).toEqual([11, 14, 16, 17]);
    expect(rowsWith(result, "vide")).toEqual([9]); // the 1 200 trailing rows are past the end, not listed
    expect(result.mapping).toEqual({
      object: { column: 1, header: "OBJET", score: "exact" },
      notificationDate: { column: 2, header: "DATE", score: "exact" },
      supplier: { column: 3, header: "TITULAIRE", score: "exact" },
      postcode: { column: 4, header: "CODE POSTAL", score: "exact" },
      amountHT: { column: 5, header: "MONTANT € HT", score: "exact" },
    });
    expect(result.problems).toEqual([]);
  });

  it("gives sheet coordinates when the used range does not start at A1", () => {
    const values: Row[] = [
      ["Marchés 2025", "", ""],
      ["N° marché", "Objet", "Montant HT"],
      ["25001", "Nettoyage des locaux", 45000],
      ["25002", "Fournitures de bureau", 12000],
    ];
    const result = table(detectContractsTable("Feuil1", values, { row: 4, column: 2 })); // values[0][0] is C5
    expect(result.headerRow).toBe(6);
    expect(result.contractRows).toEqual([7, 8]);
    expect(result.skipped).toEqual([{ row: 5, reason: "titre" }]);
    expect(result.mapping.id?.column).toBe(2);
    expect(result.mapping.amountHT?.column).toBe(4);
    expect(result.address).toBe("C6:E8");
  });

  it("reports repeated headers, an empty header over values and a missing supplier (the PLACE export)", () => {
    const header: Row = [
      "Année de notification",
      "Entité Publique",
      "Entité d'Achat",
      "Attributaire est une PME",
      "Date de notification",
      "Code Postal Attributaire",
      "Nature du Marché",
      "Objet du Marché",
      "Tranche Budgétaire",
      "",
      "Montant du marché si renseigné",
      "Attributaire est une PME",
    ];
    const row = (supplier: string, object: string): Row => [
      "2012",
      "CCI de la Drôme",
      "CCI",
      supplier,
      41000,
      26000,
      "Services",
      object,
      4000,
      19999.99,
      "",
      "Non",
    ];
    const result = table(
      detectContractsTable("PLACE", [header, row("ALPHA SARL", "Maintenance"), row("BETA SA", "Nettoyage")]),
    );
    expect(result.mapping.smeSupplier).toEqual({ column: 3, header: "Attributaire est une PME", score: "exact" });
    expect(result.mapping.amountHT?.column).toBe(10);
    expect(result.mapping.postcode?.column).toBe(5);
    expect(result.mapping.supplier).toBeUndefined();
    const messages = result.problems.map((p) => p.message).join("\n");
    expect(messages).toContain("« Attributaire est une PME » en double (colonnes D et L)");
    expect(messages).toContain("La colonne J n'a pas d'en-tête mais contient des valeurs (2 lignes)");
    expect(messages).toContain("Aucune colonne « Attributaire » reconnue");
    expect(result.problems.find((p) => p.message.includes("Attributaire » reconnue"))?.severity).toBe("avertissement");
  });

  it("keeps the leftmost of two columns that both name the amount, and says so", () => {
    const values: Row[] = [
      ["Objet", "Montant HT", "Montant du marché", "Titulaire"],
      ["Travaux de voirie", 900000, 900000, "COLAS"],
    ];
    const result = table(detectContractsTable("Feuil1", values));
    expect(result.mapping.amountHT?.column).toBe(1);
    expect(result.problems).toContainEqual({
      severity: "avertissement",
      message: expect.stringMatching(
        /Plusieurs colonnes peuvent être « Montant HT » : B .* et C .*la colonne B est retenue/,
      ),
    });
  });

  it("flags missing essential fields: no amount is an error, no supplier a warning", () => {
    const values: Row[] = [
      ["N° marché", "Objet", "Date de notification"],
      ["25001", "Nettoyage des locaux", 45700],
    ];
    const result = table(detectContractsTable("Feuil1", values));
    expect(result.problems).toContainEqual({ severity: "erreur", message: expect.stringContaining("« Montant HT »") });
    expect(result.problems).toContainEqual({
      severity: "avertissement",
      message: expect.stringContaining("« Attributaire »"),
    });
    expect(result.problems.some((p) => p.message.includes("Date de notification"))).toBe(false);
  });

  it("skips a legend block under a gap even when its labels sit in the object column", () => {
    const values: Row[] = [
      ["Objet", "Montant HT", "Titulaire"],
      ["Repas du centre de loisirs", 1200, "AUCHAN"],
      ["Sortie au zoo", 800, "LOSAY VOYAGES"],
      ["TOTAL GENERAL", 2000, ""],
      ["", "", ""],
      ["", "", ""],
      ["Légende", "", ""],
      ["Alimentation", "vert", ""],
      ["Sorties", "bleu", ""],
    ];
    const result = table(detectContractsTable("Feuil1", values));
    expect(result.contractRows).toEqual([2, 3]);
    expect(rowsWith(result, "total")).toEqual([4]);
    expect(rowsWith(result, "legende")).toEqual([7, 8, 9]);
  });

  it("says no when there is no header row of a contracts list, naming the best attempt", () => {
    const values: Row[] = [
      ["Site", "Compteur", "Montant HT"],
      ["Mairie", "C5", 4161.55],
    ];
    const result = detectContractsTable("CONSO", values);
    expect(result).toMatchObject({ kind: "none", sheet: "CONSO" });
    expect(result.kind === "none" && result.reason).toMatch(
      /au moins deux colonnes.*meilleure ligne : 1.*« Montant HT »/,
    );
  });

  it("says the sheet is empty", () => {
    expect(
      detectContractsTable("Vide", [
        ["", ""],
        ["", ""],
      ]),
    ).toEqual({ kind: "none", sheet: "Vide", reason: "La feuille est vide." });
    expect(detectContractsTable("Vide", [])).toMatchObject({ kind: "none" });
  });

  it("refuses a form (labels stacked in one column, an input cell beside each), merged cells read as in Excel", () => {
    const blank = (): Row => Array.from({ length: 8 }, () => "");
    const line = (cells: Record<number, string>): Row => {
      const row = blank();
      for (const [column, text] of Object.entries(cells)) row[Number(column)] = text;
      return row;
    };
    const values: Row[] = [
      line({ 0: "SERVICE DU COMMISSARIAT DES ARMEES\nPlate-Forme Commissariat Brest" }),
      blank(),
      line({ 0: "Type de marché", 3: "MAPA", 5: "N° marché" }),
      line({ 0: "Titulaire", 6: "PME / PMI" }),
      line({ 0: "Objet", 5: "Date de livraison" }),
      line({ 0: "Montant HT", 4: "TVA", 6: "Montant TTC" }),
      line({ 0: "Codes CPV" }),
      line({ 0: "Titulaire", 3: "Objet" }), // even a row with two labels side by side is not a header here
    ];
    const result = detectContractsTable("MAPA > 20 K€", values);
    expect(result).toEqual({
      kind: "none",
      sheet: "MAPA > 20 K€",
      reason: expect.stringContaining("formulaire, pas à une liste de marchés"),
    });
  });

  it("refuses a transposed layout (labels in column A, one column per item)", () => {
    const values: Row[] = [
      ["Objet", "Nettoyage", "Voirie", "Papier", "Cantine"],
      ["Montant HT", 45000, 900000, 16722.41, 79431.44],
      ["Date de notification", 45700, 45710, 45720, 45730],
      ["Titulaire", "ONET", "COLAS", "INAPA", "AVENANCE"],
    ];
    const result = detectContractsTable("Transposé", values);
    expect(result).toMatchObject({ kind: "none", reason: expect.stringContaining("une colonne par élément") });
  });

  it("stays fast on a huge, mostly empty used range and stops after the data", () => {
    const width = 25;
    const values: Row[] = [
      ["Numéro", "Libellé", "Montant HT", "Tiers (Nom)", "Marché", ...Array.from({ length: width - 5 }, () => "")],
    ];
    for (let i = 0; i < 90; i++)
      values.push([
        `${i}`,
        `Repas ${i}`,
        100 + i,
        "SCOLAREST",
        "23003PA",
        ...Array.from({ length: width - 5 }, () => ""),
      ]);
    const emptyRow: Row = Array.from({ length: width }, () => "");
    for (let i = 0; i < 300_000; i++) values.push(emptyRow);
    const started = performance.now();
    const result = table(detectContractsTable("Depenses restau 2025", values));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.rows).toBe(90);
    expect(result.address).toBe("A1:E91");
  });

  it("gives column letters as Excel does", () => {
    expect([0, 25, 26, 68, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "BQ", "ZZ", "AAA"]);
  });
});

describe("detectInWorkbook", () => {
  const list: Row[] = [
    ["Objet", "Montant HT", "Titulaire", "Date de notification"],
    ["Nettoyage", 45000, "ONET", 45700],
    ["Voirie", 900000, "COLAS", 45710],
  ];

  it("puts an Excel table with recognised headers before a list found in plain cells, and sheets without a list last", () => {
    const sheets: SheetInput[] = [
      { name: "Notes", values: [["Réunion du 3 mars", ""]] },
      { name: "Brouillon", values: list },
      {
        name: "Marchés",
        values: [["Suivi 2025", "", "", ""], ["", "", "", ""], ...list.slice(0, 2)],
        tables: [{ name: "TableMarches", address: "A3:D4", headerRow: 3 }],
      },
    ];
    const results = detectInWorkbook(sheets);
    expect(results.map((r) => r.sheet)).toEqual(["Marchés", "Brouillon", "Notes"]);
    expect(results[0]).toMatchObject({
      kind: "table",
      source: "tableau",
      tableName: "TableMarches",
      headerRow: 3,
      contractRows: [4],
    });
    expect(results[1]).toMatchObject({ kind: "table", source: "plage", rows: 2 });
    expect(results[2]?.kind).toBe("none");
  });

  it("falls back to the cells when the Excel table's headers are not a contracts list", () => {
    const values: Row[] = [
      ["Site", "kWh", "", "", ""],
      ["Mairie", 1200, "", "", ""],
      ["", "", "", "", ""],
      ...list.map((r) => ["", ...r]),
    ];
    const [result] = detectInWorkbook([
      { name: "Feuil1", values, tables: [{ name: "Conso", address: "Feuil1!A1:B2" }] },
    ]);
    expect(result).toMatchObject({ kind: "table", source: "plage", headerRow: 4, firstColumn: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Real workbooks (shared/data/workbooks, beside the repository)
// ---------------------------------------------------------------------------------------------------------

const WORKBOOKS = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/workbooks");
const VILLEMOMBLE = join(WORKBOOKS, "villemomble_liste-marches-conclus-2010_art133.csv");
const CROSNE = join(WORKBOOKS, "crosne_depenses-centre-de-loisirs-2025.xlsx");
const SCA_BREST = join(WORKBOOKS, "sca-brest_pochette-suivi-achats.xlsx");

/** Every sheet's used range, loaded as the Excel-API code will: one `values` read per sheet. */
async function readSheets(path: string): Promise<SheetInput[]> {
  const workbook = await loadWorkbook(new Uint8Array(readFileSync(path)), path);
  const sheets: SheetInput[] = [];
  await SimExcel.run(workbook, async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const ranges = worksheets.items.map((sheet) => {
      const range = sheet.getUsedRange(true);
      range.load(["values", "rowIndex", "columnIndex"]);
      return { name: sheet.name, range };
    });
    await context.sync();
    for (const { name, range } of ranges)
      sheets.push({ name, values: range.values, origin: { row: range.rowIndex, column: range.columnIndex } });
  });
  return sheets;
}

describe("real workbooks", () => {
  it.skipIf(!existsSync(VILLEMOMBLE))(`Villemomble 2010 list: 63 contracts (needs ${VILLEMOMBLE})`, async () => {
    const [sheet] = await readSheets(VILLEMOMBLE);
    const result = table(detectContractsTable(sheet!.name, sheet!.values, sheet!.origin));
    expect(result.headerRow).toBe(4);
    expect(result.rows).toBe(63);
    expect(result.mapping).toMatchObject({
      object: { column: 1, header: "OBJET" },
      notificationDate: { column: 2, header: "DATE" },
      supplier: { column: 3, header: "TITULAIRE" },
      postcode: { column: 4, header: "CODE POSTAL" },
      amountHT: { column: 5, header: "MONTANT € HT" },
    });
    // Every contract row has a date; every row holding one is a contract (the README's count of 63).
    const { values, origin } = sheet!;
    const cell = (row: number, column: number): string =>
      String(values[row - 1 - origin!.row]?.[column - origin!.column] ?? "");
    const rowsWithDate = values.flatMap((_, i) => {
      const row = i + 1 + origin!.row;
      return /^\d\d\/\d\d\/2010$/.test(cell(row, 2)) ? [row] : [];
    });
    expect(rowsWithDate).toHaveLength(63);
    expect(result.contractRows).toEqual(rowsWithDate);
    const text = (row: number): string => cell(row, 1);
    const amount = (row: number): string => cell(row, 5);
    expect(rowsWith(result, "titre").map(text)).toEqual([
      "LISTE DES MARCHES CONCLUS EN 2010 - ARTICLE 133 DU CODE DES MARCHES PUBLICS",
      expect.stringContaining("en application de l'arrêté"),
    ]);
    expect(rowsWith(result, "total").map(amount)).toEqual([
      "Total : 73 243,56",
      "TOTAL : 117 372,56",
      "TOTAL : 176 585,29",
      "TOTAL: 669 562,66",
    ]);
    const sections = rowsWith(result, "section").map(text);
    expect(sections).toContain("SERVICES");
    expect(sections).toContain("FOURNITURE");
    expect(sections.filter((s) => s.startsWith("Tranche"))).toHaveLength(8); // two "Tranche 1", no Tranche 6
  });

  it.skipIf(!existsSync(CROSNE))(
    `Crosne leisure-centre spending: 333 rows, TOTAL GENERAL and legend skipped (needs ${CROSNE})`,
    async () => {
      const [sheet] = await readSheets(CROSNE);
      const result = table(detectContractsTable(sheet!.name, sheet!.values, sheet!.origin));
      expect(result.headerRow).toBe(1);
      expect(result.mapping.object).toMatchObject({ column: 10, header: "Libellé" });
      expect(result.mapping.amountHT).toMatchObject({ column: 11, header: "Montant HT" });
      expect(result.mapping.supplier).toMatchObject({ header: "Libellé tiers" });
      expect(result.rows).toBe(333);
      expect(result.contractRows[0]).toBe(2);
      expect(result.contractRows.at(-1)).toBe(334);
      expect(result.address).toBe("A1:BQ334");
      expect(rowsWith(result, "total")).toEqual([335]);
      expect(rowsWith(result, "legende")[0]).toBe(340); // "Clé des Elements"
      expect(rowsWith(result, "legende")).toHaveLength(11);
      const messages = result.problems.map((p) => p.message);
      expect(messages).toContainEqual(expect.stringContaining("« Lot » en double (colonnes J et V)"));
      expect(messages).toContainEqual(expect.stringContaining("« Taux minimum » en double (colonnes AY et BA)"));
      expect(result.problems).toContainEqual({
        severity: "erreur",
        message: expect.stringContaining("« Date de notification »"),
      });
    },
  );

  it.skipIf(!existsSync(SCA_BREST))(
    `SCA Brest purchase cover: every sheet is a form (needs ${SCA_BREST})`,
    async () => {
      const sheets = await readSheets(SCA_BREST);
      expect(sheets.map((s) => s.name)).toEqual(["MABC", "MAPA < 2 K€", "MAPA > 20 K€"]);
      for (const result of detectInWorkbook(sheets)) {
        expect(result).toMatchObject({
          kind: "none",
          reason: expect.stringContaining("formulaire, pas à une liste de marchés"),
        });
      }
    },
  );
});
