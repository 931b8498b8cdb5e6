/**
 * Generates the bundled sample workbook `assets/samples/programmation-achats-ville-exemple.xlsx`: a fictional
 * French *programmation des achats 2027-2028* (Ville de Saint-Exemple and its métropole), with an Excel table
 * named `Programmation`, French number formats, Oui/Non validation lists and a few messy cells on purpose.
 *
 * Deterministic: a hand-written seeded generator (no Math.random) and constant story dates (no clock), so each
 * run gives the same cell values. Run `npx tsx scripts/make-sample.ts [output.xlsx]`; the file is committed.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Workbook } from "@cj-tech-master/excelts";
import {
  BUYER_CODE,
  DIRECTIONS,
  EU_THRESHOLD_SUPPLIES_SERVICES_HT,
  EU_THRESHOLD_WORKS_HT,
  FIRST_AWARD_DATE,
  FLAG_HEADERS,
  HEADER_ROW,
  HEADERS,
  INSERTION_HOURLY_COST,
  INSERTION_RATE,
  LAST_AWARD_DATE,
  MESSY_CELLS,
  NO_PUBLICITY_SUPPLIES_SERVICES_HT,
  NO_PUBLICITY_WORKS_HT,
  NOTES,
  NOTES_SHEET,
  OBSERVATIONS,
  PROCEDURES,
  PROGRAMME_SHEET,
  SAMPLE_SEED,
  SME_SUPPLIERS,
  SUBTITLE,
  TABLE_NAME,
  TEMPLATES,
  TITLE,
  VERSION_DATE,
  type ContractTemplate,
  type Header,
  type Nature,
} from "./sample-data";

export const SAMPLE_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "assets",
  "samples",
  "programmation-achats-ville-exemple.xlsx",
);

/** French Excel shows this code as `# ##0 €` (the thousands separator follows the user's locale). */
const AMOUNT_FORMAT = '#,##0\\ "€"';
const DATE_FORMAT = "dd/mm/yyyy";
const MS_PER_DAY = 86_400_000;

/** mulberry32: a small, well-known 32-bit generator; good enough for plausible sample data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick: empty list");
  return item;
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Estimates are round numbers: 500 € steps under 100 k€, 5 000 € under 1 M€, 50 000 € above. */
function roundEstimate(amount: number): number {
  const step = amount < 100_000 ? 500 : amount < 1_000_000 ? 5_000 : 50_000;
  return Math.round(amount / step) * step;
}

function drawAmount(random: Random, [low, high]: readonly [number, number]): number {
  const amount = roundEstimate(Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low))));
  return Math.min(high, Math.max(low, amount));
}

function drawWorkingDay(random: Random): Date {
  const first = utcDate(FIRST_AWARD_DATE).getTime();
  const days = Math.round((utcDate(LAST_AWARD_DATE).getTime() - first) / MS_PER_DAY);
  const date = new Date(first + Math.floor(random() * (days + 1)) * MS_PER_DAY);
  const weekDay = date.getUTCDay(); // Saturday and Sunday move to the next Monday
  const shift = weekDay === 6 ? 2 : weekDay === 0 ? 1 : 0;
  return new Date(date.getTime() + shift * MS_PER_DAY);
}

/** Procedure consistent with the amount and the 2026-27 thresholds (sans publicité R2122-8, formal above EU). */
function procedureFor(random: Random, nature: Nature, amountHT: number, template: ContractTemplate): string {
  if (template.special === "competitiveDialogue") return PROCEDURES.competitiveDialogue;
  if (template.special === "exclusiveRights") return PROCEDURES.noPublicity; // R2122-3: only one supplier can do it
  const works = nature === "Travaux";
  const noPublicityCap = works ? NO_PUBLICITY_WORKS_HT : NO_PUBLICITY_SUPPLIES_SERVICES_HT;
  const euThreshold = works ? EU_THRESHOLD_WORKS_HT : EU_THRESHOLD_SUPPLIES_SERVICES_HT;
  if (amountHT < noPublicityCap) return random() < 0.5 ? PROCEDURES.noPublicity : PROCEDURES.adapted;
  if (amountHT < euThreshold) return PROCEDURES.adapted;
  const draw = random();
  if (draw < 0.75) return PROCEDURES.openTender;
  if (draw < 0.9) return PROCEDURES.negotiated;
  return PROCEDURES.restrictedTender;
}

/** Standard method (LEGAL-FACTS.md): amount × labour share × 5 % ÷ 30 €/h, in steps of 5 hours. */
function insertionHours(amountHT: number, labourShare: number): number {
  return Math.max(35, Math.round((amountHT * labourShare * INSERTION_RATE) / INSERTION_HOURLY_COST / 5) * 5);
}

interface Draft {
  readonly template: ContractTemplate;
  readonly object: string;
  amountHT: number;
  durationMonths: number;
  awardDate: Date;
  readonly recurrent: boolean;
  readonly supplier: string | null;
  readonly socialClause: boolean;
  readonly environmentalClause: boolean;
  readonly environmentalCriterion: boolean;
}

function draftsOf(random: Random): Draft[] {
  const drafts: Draft[] = [];
  for (const template of TEMPLATES) {
    (template.lots ?? [null]).forEach((lot, lotIndex) => {
      const recurrent = random() < template.recurrent;
      const incumbents = template.incumbents ?? [];
      const environmentalClause = random() < template.environmentalClause;
      drafts.push({
        template,
        object: lot === null ? template.object : `${template.object} — ${lot}`,
        amountHT: drawAmount(random, template.amountHT),
        durationMonths: pick(random, template.durationsMonths),
        awardDate: drawWorkingDay(random),
        recurrent,
        supplier: recurrent ? (incumbents[lotIndex % incumbents.length] ?? null) : null,
        socialClause: random() < template.socialClause,
        environmentalClause,
        environmentalCriterion: random() < (environmentalClause ? 0.55 : 0.1),
      });
    });
  }
  const directionOrder = Object.keys(DIRECTIONS);
  return drafts.sort(
    (a, b) =>
      directionOrder.indexOf(a.template.direction) - directionOrder.indexOf(b.template.direction) ||
      a.awardDate.getTime() - b.awardDate.getTime(),
  );
}

/** What the buyer meant in the messy cells: the rest of the row (procedure, hours) follows from it. */
function applyMeantValues(drafts: Draft[]): void {
  for (const messy of MESSY_CELLS) {
    const draft = drafts[messy.row - 1];
    if (draft === undefined) throw new Error(`Messy cell on row ${messy.row}: no such row`);
    if (messy.header === "Montant € HT" && typeof messy.meant === "number") draft.amountHT = messy.meant;
    if (messy.header === "Durée (mois)" && typeof messy.meant === "number") draft.durationMonths = messy.meant;
    if (messy.header === "Date d'attribution prévue" && typeof messy.meant === "string")
      draft.awardDate = utcDate(messy.meant);
    if (messy.header === "Titulaire actuel" && draft.supplier !== messy.meant)
      throw new Error(`Messy cell on row ${messy.row}: the current supplier is ${draft.supplier ?? "none"}`);
    if (messy.header === "Clause environnementale" && messy.meant === true && !draft.environmentalClause)
      throw new Error(`Messy cell on row ${messy.row}: "X" stands for a clause the row does not have`);
  }
}

type CellValue = string | number | Date | null;

/** The rows of the `Programmation` table, messy cells included, in header order. */
export function programmeRows(): CellValue[][] {
  const random = seededRandom(SAMPLE_SEED);
  const drafts = draftsOf(random);
  applyMeantValues(drafts);
  const sequence = new Map<string, number>();
  const rows = drafts.map((draft) => {
    const { template } = draft;
    const buyer = BUYER_CODE[DIRECTIONS[template.direction].buyer];
    const year = String(draft.awardDate.getUTCFullYear()).slice(2);
    const key = `${buyer}-${year}`;
    sequence.set(key, (sequence.get(key) ?? 0) + 1);
    const observationDraw = random();
    const facts = { ...draft, nature: template.nature };
    const fitting = OBSERVATIONS.filter((o) => o.fits(facts));
    const observation = observationDraw < 0.45 && fitting.length > 0 ? pick(random, fitting).text : null;
    const cells: Record<Header, CellValue> = {
      "N° marché": `${key}-${String(sequence.get(key)).padStart(3, "0")}`,
      "Objet du marché": draft.object,
      Direction: DIRECTIONS[template.direction].label,
      Nature: template.nature,
      Procédure: procedureFor(random, template.nature, draft.amountHT, template),
      "Montant € HT": draft.amountHT,
      "Durée (mois)": draft.durationMonths,
      "Date d'attribution prévue": draft.awardDate,
      "Titulaire actuel": draft.supplier,
      "Code CPV": template.cpv,
      Récurrent: yesNo(draft.recurrent),
      "Clause sociale": yesNo(draft.socialClause),
      "Clause environnementale": yesNo(draft.environmentalClause),
      "Critère environnemental": yesNo(draft.environmentalCriterion),
      "TPE-PME": draft.supplier === null ? null : yesNo(SME_SUPPLIERS.has(draft.supplier)),
      "Heures d'insertion prévues": draft.socialClause ? insertionHours(draft.amountHT, template.labourShare) : null,
      Observations: observation,
    };
    return cells;
  });
  for (const messy of MESSY_CELLS) {
    const cells = rows[messy.row - 1];
    if (cells === undefined) continue;
    cells[messy.header] = messy.written;
    if (messy.header === "Clause sociale") cells["Heures d'insertion prévues"] = null; // unknown clause, unknown hours
  }
  return rows.map((cells) => HEADERS.map((header) => cells[header]));
}

function yesNo(flag: boolean): "Oui" | "Non" {
  return flag ? "Oui" : "Non";
}

function columnLetter(index1: number): string {
  let n = index1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Sheet address of a table column's cell, e.g. ("Montant € HT", 1) → "F5". */
export function cellAddress(header: Header, dataRow: number): string {
  return `${columnLetter(HEADERS.indexOf(header) + 1)}${HEADER_ROW + dataRow}`;
}

const COLUMN_WIDTHS: Readonly<Record<Header, number>> = {
  "N° marché": 14,
  "Objet du marché": 62,
  Direction: 40,
  Nature: 13,
  Procédure: 30,
  "Montant € HT": 15,
  "Durée (mois)": 10,
  "Date d'attribution prévue": 14,
  "Titulaire actuel": 34,
  "Code CPV": 13,
  Récurrent: 11,
  "Clause sociale": 11,
  "Clause environnementale": 15,
  "Critère environnemental": 15,
  "TPE-PME": 10,
  "Heures d'insertion prévues": 13,
  Observations: 60,
};

function addProgrammeSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(PROGRAMME_SHEET, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 2, topLeftCell: `C${HEADER_ROW + 1}` }],
    properties: { tabColor: { argb: "FF1B6E4A" } },
  });
  sheet.getCell("A1").value = TITLE;
  sheet.getCell("A1").font = { bold: true, size: 14, color: { argb: "FF1B6E4A" } };
  sheet.getCell("A2").value = SUBTITLE;
  sheet.getCell("A2").font = { italic: true, size: 11 };

  const rows = programmeRows();
  sheet.addTable({
    name: TABLE_NAME,
    displayName: TABLE_NAME,
    ref: `A${HEADER_ROW}`,
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: HEADERS.map((name) => ({ name, filterButton: true })),
    rows,
  });

  HEADERS.forEach((header, i) => {
    sheet.getColumn(i + 1).width = COLUMN_WIDTHS[header];
  });
  const headerRow = sheet.getRow(HEADER_ROW);
  headerRow.height = 32;
  headerRow.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1B6E4A" } };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });

  const lastRow = HEADER_ROW + rows.length;
  for (let r = HEADER_ROW + 1; r <= lastRow; r++) {
    sheet.getCell(cellAddress("Montant € HT", r - HEADER_ROW)).numFmt = AMOUNT_FORMAT;
    sheet.getCell(cellAddress("Date d'attribution prévue", r - HEADER_ROW)).numFmt = DATE_FORMAT;
    sheet.getCell(cellAddress("Heures d'insertion prévues", r - HEADER_ROW)).numFmt = "#,##0";
  }

  const range = (header: Header): string => `${cellAddress(header, 1)}:${cellAddress(header, rows.length)}`;
  for (const header of FLAG_HEADERS) {
    sheet.dataValidations.add(range(header), {
      type: "list",
      allowBlank: true,
      formulae: ['"Oui,Non"'],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Valeur non prévue",
      error: "Choisissez Oui ou Non (laissez vide si l'information est inconnue).",
    });
  }
  sheet.dataValidations.add(range("Nature"), {
    type: "list",
    allowBlank: true,
    formulae: ['"Travaux,Fournitures,Services"'],
    showErrorMessage: true,
    errorStyle: "stop",
    error: "Choisissez Travaux, Fournitures ou Services.",
  });
}

function addNotesSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET);
  sheet.getColumn(1).width = 110;
  NOTES.forEach((text, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 14, color: { argb: "FF1B6E4A" } };
  });
}

/** The whole sample workbook, in memory. */
export function buildSampleWorkbook(): Workbook {
  const workbook = new Workbook();
  workbook.creator = "Ville de Saint-Exemple — Direction de la commande publique";
  workbook.lastModifiedBy = "Ville de Saint-Exemple — Direction de la commande publique";
  workbook.created = utcDate(VERSION_DATE);
  workbook.modified = utcDate(VERSION_DATE);
  workbook.title = TITLE;
  addProgrammeSheet(workbook);
  addNotesSheet(workbook);
  return workbook;
}

export async function writeSample(path: string = SAMPLE_PATH): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await buildSampleWorkbook().xlsx.writeFile(path);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const target = process.argv[2] ? resolve(process.argv[2]) : SAMPLE_PATH;
  writeSample(target)
    .then(() => console.log(`Classeur d'exemple écrit : ${target}`))
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
