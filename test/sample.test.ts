/**
 * The bundled sample workbook: committed, up to date with its generator, and shaped like a real French
 * programmation des achats (a table named `Programmation`, every nature, MAPA and formal procedures, amounts
 * from 5 000 € to 6 M€, award dates in 2027-2028, the documented messy cells).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import { SAMPLE_PATH, cellAddress, writeSample } from "../scripts/make-sample";
import {
  EU_THRESHOLD_SUPPLIES_SERVICES_HT,
  EU_THRESHOLD_WORKS_HT,
  FLAG_HEADERS,
  HEADER_ROW,
  HEADERS,
  MESSY_CELLS,
  NOTES_SHEET,
  PROCEDURES,
  PROGRAMME_SHEET,
  TABLE_NAME,
  type Header,
} from "../scripts/sample-data";

const FORMAL = new Set<string>([
  PROCEDURES.openTender,
  PROCEDURES.restrictedTender,
  PROCEDURES.negotiated,
  PROCEDURES.competitiveDialogue,
]);

async function readWorkbook(path: string): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Every non-empty cell of every sheet as "Sheet!A1" → comparable value (dates as ISO text). */
function cellValues(workbook: Workbook): Map<string, unknown> {
  const values = new Map<string, unknown>();
  workbook.eachSheet((sheet: Worksheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
        values.set(`${sheet.name}!${cell.address}`, value);
      });
    });
  });
  return values;
}

let committed: Workbook;
let sheet: Worksheet;
let rows: Record<Header, unknown>[];
const column = (header: Header): unknown[] => rows.map((row) => row[header]);

beforeAll(async () => {
  committed = await readWorkbook(SAMPLE_PATH);
  sheet = committed.getWorksheet(PROGRAMME_SHEET)!;
  const table = sheet.getTable(TABLE_NAME);
  const [firstCell = "", lastCell = ""] = table.ref.split(":");
  expect(firstCell).toBe(`A${HEADER_ROW}`);
  const lastRow = Number(/\d+$/.exec(lastCell)?.[0]);
  rows = [];
  for (let r = HEADER_ROW + 1; r <= lastRow; r++) {
    const record = {} as Record<Header, unknown>;
    HEADERS.forEach((header, i) => {
      record[header] = sheet.getRow(r).getCell(i + 1).value ?? null;
    });
    rows.push(record);
  }
});

describe("the committed sample workbook", () => {
  let tempDir: string;
  afterAll(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it("exists and is up to date with scripts/make-sample.ts (same cell values on every sheet)", async () => {
    expect(existsSync(SAMPLE_PATH)).toBe(true);
    tempDir = mkdtempSync(join(tmpdir(), "spaser-sample-"));
    const regenerated = join(tempDir, "sample.xlsx");
    await writeSample(regenerated);
    const fresh = await readWorkbook(regenerated);
    expect(fresh.worksheets.map((s) => s.name)).toEqual(committed.worksheets.map((s) => s.name));
    // A difference here means the generator changed: run `npx tsx scripts/make-sample.ts` and commit the file.
    expect(Object.fromEntries(cellValues(fresh))).toEqual(Object.fromEntries(cellValues(committed)));
    expect(statSync(SAMPLE_PATH).size).toBeLessThan(200_000);
  });

  it("has the two title rows, an empty row, then the table `Programmation` with the French headers", () => {
    expect(sheet.getCell("A1").value).toBe("PROGRAMMATION DES ACHATS 2027-2028");
    expect(String(sheet.getCell("A2").value)).toContain("Ville de Saint-Exemple — Direction de la commande publique");
    expect(sheet.getRow(3).cellCount).toBe(0);
    const table = sheet.getTable(TABLE_NAME);
    expect(table.name).toBe(TABLE_NAME);
    expect(HEADERS.map((_, i) => sheet.getRow(HEADER_ROW).getCell(i + 1).value)).toEqual([...HEADERS]);
  });

  it("holds about 150 contracts, each with a number and an object", () => {
    expect(rows.length).toBeGreaterThanOrEqual(140);
    expect(rows.length).toBeLessThanOrEqual(160);
    for (const row of rows) {
      expect(row["N° marché"]).toMatch(/^(VSE|SEM)-2[78]-\d{3}$/);
      expect(typeof row["Objet du marché"]).toBe("string");
    }
    expect(new Set(column("N° marché")).size).toBe(rows.length);
    expect(new Set(column("Direction")).size).toBeGreaterThanOrEqual(10);
  });

  it("has every nature and both MAPA and formal procedures", () => {
    expect(new Set(column("Nature"))).toEqual(new Set(["Travaux", "Fournitures", "Services"]));
    const procedures = new Set(column("Procédure"));
    expect(procedures).toContain(PROCEDURES.adapted);
    expect(procedures).toContain(PROCEDURES.noPublicity);
    expect([...procedures].some((p) => FORMAL.has(String(p)))).toBe(true);
  });

  it("chooses procedures consistent with the amount: formal above the EU thresholds, MAPA below", () => {
    for (const row of rows) {
      const amount = row["Montant € HT"];
      if (typeof amount !== "number") continue;
      const threshold = row.Nature === "Travaux" ? EU_THRESHOLD_WORKS_HT : EU_THRESHOLD_SUPPLIES_SERVICES_HT;
      if (row.Procédure === PROCEDURES.adapted) expect(amount, String(row["N° marché"])).toBeLessThan(threshold);
      if (amount >= threshold) expect(FORMAL.has(String(row.Procédure)), String(row["N° marché"])).toBe(true);
    }
  });

  it("has amounts from 5 000 € to 6 M€, formatted in euros", () => {
    const amounts = column("Montant € HT").filter((a): a is number => typeof a === "number");
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(5_000);
    expect(Math.min(...amounts)).toBeLessThan(10_000);
    expect(Math.max(...amounts)).toBeGreaterThan(EU_THRESHOLD_WORKS_HT);
    expect(Math.max(...amounts)).toBeLessThanOrEqual(6_000_000);
    expect(sheet.getCell(cellAddress("Montant € HT", 1)).numFmt).toContain("€");
  });

  it("has real Excel award dates spread over 2027 and 2028, shown as dd/mm/yyyy", () => {
    const dates = column("Date d'attribution prévue").filter((d): d is Date => d instanceof Date);
    expect(dates.length).toBeGreaterThan(rows.length - 3);
    for (const date of dates) expect([2027, 2028]).toContain(date.getUTCFullYear());
    expect(dates.filter((d) => d.getUTCFullYear() === 2027).length).toBeGreaterThan(40);
    expect(dates.filter((d) => d.getUTCFullYear() === 2028).length).toBeGreaterThan(40);
    expect(sheet.getCell(cellAddress("Date d'attribution prévue", 1)).numFmt).toBe("dd/mm/yyyy");
  });

  it("has durations of 6 to 48 months and plausible CPV codes", () => {
    for (const duration of column("Durée (mois)").filter((d) => typeof d === "number")) {
      expect(duration).toBeGreaterThanOrEqual(6);
      expect(duration).toBeLessThanOrEqual(48);
    }
    for (const cpv of column("Code CPV")) expect(cpv).toMatch(/^\d{8}-\d$/);
  });

  it("has some clauses already: about a third environmental, about a fifth social", () => {
    const share = (header: Header) => column(header).filter((v) => v === "Oui").length / rows.length;
    expect(share("Clause environnementale")).toBeGreaterThan(0.25);
    expect(share("Clause environnementale")).toBeLessThan(0.42);
    expect(share("Clause sociale")).toBeGreaterThan(0.12);
    expect(share("Clause sociale")).toBeLessThan(0.28);
    for (const row of rows) {
      if (row["Clause sociale"] === "Oui") expect(row["Heures d'insertion prévues"]).toBeGreaterThan(0);
      else expect(row["Heures d'insertion prévues"]).toBeNull();
    }
  });

  it("offers an Oui/Non list on every flag column and freezes the header row", () => {
    for (const header of FLAG_HEADERS) {
      const validation = sheet.getCell(cellAddress(header, 10)).dataValidation;
      expect(validation?.type, header).toBe("list");
      expect(validation && "formulae" in validation ? validation.formulae : [], header).toEqual(['"Oui,Non"']);
    }
    const view = sheet.views[0];
    expect(view?.state).toBe("frozen");
    expect(view && "ySplit" in view ? view.ySplit : undefined).toBe(HEADER_ROW);
  });

  it("contains the messy cells documented in sample-data.ts, and nowhere else", () => {
    for (const messy of MESSY_CELLS) {
      expect(rows[messy.row - 1]![messy.header], `${messy.header} ligne ${messy.row}`).toBe(messy.written);
      expect(sheet.getCell(cellAddress(messy.header, messy.row)).value ?? null).toBe(messy.written);
    }
    const isMessy = (header: Header, index: number) =>
      MESSY_CELLS.some((m) => m.header === header && m.row === index + 1);
    rows.forEach((row, index) => {
      if (!isMessy("Montant € HT", index)) expect(typeof row["Montant € HT"]).toBe("number");
      if (!isMessy("Date d'attribution prévue", index)) expect(row["Date d'attribution prévue"]).toBeInstanceOf(Date);
      if (!isMessy("Durée (mois)", index)) expect(typeof row["Durée (mois)"]).toBe("number");
      if (!isMessy("Clause sociale", index)) expect(["Oui", "Non"]).toContain(row["Clause sociale"]);
      if (!isMessy("Clause environnementale", index)) expect(["Oui", "Non"]).toContain(row["Clause environnementale"]);
      const supplier = row["Titulaire actuel"];
      if (!isMessy("Titulaire actuel", index) && typeof supplier === "string") expect(supplier).toBe(supplier.trim());
    });
    expect(MESSY_CELLS.filter((m) => m.header === "Clause sociale").length).toBeGreaterThanOrEqual(3);
  });

  it("has a Notes sheet explaining, in French, that the workbook is fictional", () => {
    const notes = committed.getWorksheet(NOTES_SHEET)!;
    const text = notes
      .getColumn(1)
      .values.filter((v) => typeof v === "string")
      .join(" ");
    expect(text).toContain("fictif");
    expect(text).toContain("Saint-Exemple");
  });
});
