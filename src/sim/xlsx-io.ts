/**
 * Opening and saving files, in Node and in the browser (no `fs` here).
 *
 * Two workarounds around excelts, both checked on the real Crosne workbook:
 * - defined names are taken out of workbook.xml before excelts sees them and written back after
 *   the save: excelts expands each name into one entry per cell, and the hidden
 *   `_xlnm._FilterDatabase` of `'DEP ALIM MODIF'!$A$1:$AQ$1036127` alone (44 M cells) exhausts a 4 GB heap;
 * - trailing empty `<row/>` elements that only repeat the style every column already has are
 *   dropped (the `DEP ALIM` sheet declares 1 036 132 of them, 65 MB of XML). What Excel shows is unchanged.
 * After the save, the part list of the new zip is compared with the original: any part lost
 * (pivot, chart, drawing, external link…) makes `saveWorkbook` throw `PartLostError`, except the parts of a
 * chart or a sheet deleted through the API.
 * Charts (charts.ts) are written with excelts' chart API at save; page setup is already in the excelts sheet.
 */
import { Workbook } from "@cj-tech-master/excelts";
import { unzip, zip } from "@cj-tech-master/excelts/archive";
import { installChartSupport } from "@cj-tech-master/excelts/chart";
import { readCharts, writeChartsToExcel } from "./charts";
import { decodeText, parseCsv } from "./csv";
import { PartLostError, UnsupportedFormatError } from "./errors";
import { type SimDefinedName, SimWorkbook } from "./workbook";

installChartSupport();

export const XLS_REFUSAL =
  "Le format .xls (Excel 97-2003) n'est pas pris en charge : ouvrez le fichier dans Excel et enregistrez-le au format .xlsx.";

/**
 * Parts Excel rebuilds by itself, so a save may drop them: the calculation chain (stale once
 * cells change) and printer-driver blobs (the page setup itself is kept in the sheet XML).
 */
const REGENERATED_PART = [/^xl\/calcChain\.xml$/, /^xl\/printerSettings\/printerSettings\d+\.bin$/];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Opens .xlsx (and .xlsm), or .csv as a one-sheet workbook of text cells. Refuses .xls and SpreadsheetML 2003 in French. */
export async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<SimWorkbook> {
  if (startsWith(bytes, OLE_MAGIC)) throw new UnsupportedFormatError(XLS_REFUSAL);
  if (startsWith(bytes, ZIP_MAGIC)) return loadXlsx(bytes, fileName);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  if (/^\s*(\uFEFF|ï»¿)?<\?xml/.test(head) || /urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
    if (/urn:schemas-microsoft-com:office:spreadsheet|<Workbook/.test(head))
      throw new UnsupportedFormatError(XLS_REFUSAL);
    throw new UnsupportedFormatError(
      `Le fichier « ${fileName} » n'est pas un classeur Excel (.xlsx) ni un fichier CSV.`,
    );
  }
  if (/\.(csv|txt)$/i.test(fileName)) return loadCsv(bytes, fileName);
  if (/\.xls$/i.test(fileName)) throw new UnsupportedFormatError(XLS_REFUSAL);
  throw new UnsupportedFormatError(
    `Le fichier « ${fileName} » n'est pas dans un format reconnu : seuls les classeurs .xlsx et les fichiers .csv sont pris en charge.`,
  );
}

/** A new empty workbook with one sheet (Excel's French default name). */
export function createWorkbook(sheetName = "Feuil1"): SimWorkbook {
  const excel = new Workbook();
  excel.addWorksheet(sheetName);
  return new SimWorkbook(excel, [], { fileName: "Classeur1.xlsx", format: "new", parts: [], droppedEmptyRows: {} });
}

async function unzipAll(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for await (const entry of unzip(bytes).entries()) {
    if (!entry.path.endsWith("/")) files[entry.path] = await entry.bytes();
  }
  return files;
}

async function loadXlsx(bytes: Uint8Array, fileName: string): Promise<SimWorkbook> {
  const files = await unzipAll(bytes);
  const parts = Object.keys(files);
  const workbookXml = files["xl/workbook.xml"];
  if (!workbookXml)
    throw new UnsupportedFormatError(
      `Le fichier « ${fileName} » n'est pas un classeur Excel valide (xl/workbook.xml absent).`,
    );
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const { xml: strippedWorkbook, names: rawNames } = extractDefinedNames(decoder.decode(workbookXml));
  files["xl/workbook.xml"] = encoder.encode(strippedWorkbook);
  const droppedEmptyRows: Record<string, number> = {};
  for (const path of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
    const data = files[path]!;
    const { xml, dropped } = dropRedundantTrailingRows(decoder.decode(data));
    if (dropped > 0) {
      files[path] = encoder.encode(xml);
      droppedEmptyRows[path] = dropped;
    }
  }
  const excel = new Workbook();
  await excel.xlsx.loadFromFiles(files);
  const sheetNames = excel.worksheets.map((ws) => ws.name);
  const names = rawNames.map(({ localSheetId, ...rest }) => {
    const scopeSheet = localSheetId === undefined ? undefined : sheetNames[localSheetId];
    return scopeSheet === undefined ? rest : { ...rest, scopeSheet };
  });
  const wb = new SimWorkbook(excel, names, { fileName, format: "xlsx", parts, droppedEmptyRows });
  wb.charts.push(...readCharts(wb, files));
  return wb;
}

async function loadCsv(bytes: Uint8Array, fileName: string): Promise<SimWorkbook> {
  const { text } = decodeText(bytes);
  const rows = parseCsv(text);
  const excel = new Workbook();
  const ws = excel.addWorksheet(csvSheetName(fileName));
  rows.forEach((cells, r) =>
    cells.forEach((value, c) => {
      // Text stays text, even "=…" or "0123": the domain decides what it means.
      if (value !== "") ws.getCell(r + 1, c + 1).value = value;
    }),
  );
  return new SimWorkbook(excel, [], { fileName, format: "csv", parts: [], droppedEmptyRows: {} });
}

/** Excel names a CSV's sheet after the file, cut to 31 characters, without `[]:*?/\`. */
function csvSheetName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, "")
    .replace(/\.[^.]*$/, "")
    .replace(/[[\]:*?/\\]/g, "_");
  return (base || "Feuil1").slice(0, 31);
}

// ── defined names ────────────────────────────────────────────────────────────────────────────
interface RawName extends SimDefinedName {
  localSheetId?: number;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function extractDefinedNames(workbookXml: string): { xml: string; names: RawName[] } {
  const block = /<definedNames>([\s\S]*?)<\/definedNames>|<definedNames\/>/.exec(workbookXml);
  if (!block) return { xml: workbookXml, names: [] };
  const names: RawName[] = [];
  for (const m of (block[1] ?? "").matchAll(/<definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/definedName>)/g)) {
    const attrs = m[1] ?? "";
    const attr = (key: string) => new RegExp(`\\b${key}="([^"]*)"`).exec(attrs)?.[1];
    const name = attr("name");
    if (name === undefined) continue;
    const localSheetId = attr("localSheetId");
    const comment = attr("comment");
    const rawAttributes = attrs.replace(/\s*\b(name|localSheetId|hidden|comment)="[^"]*"/g, "").trim();
    names.push({
      name: xmlUnescape(name),
      reference: xmlUnescape(m[2] ?? ""),
      hidden: attr("hidden") === "1" || attr("hidden") === "true",
      ...(localSheetId === undefined ? {} : { localSheetId: Number(localSheetId) }),
      ...(comment === undefined ? {} : { comment: xmlUnescape(comment) }),
      ...(rawAttributes ? { rawAttributes } : {}),
    });
  }
  return { xml: workbookXml.replace(block[0], ""), names };
}

function definedNamesXml(names: readonly SimDefinedName[], sheetNames: readonly string[]): string {
  const items = names.map((n) => {
    const index =
      n.scopeSheet === undefined ? -1 : sheetNames.findIndex((s) => s.toLowerCase() === n.scopeSheet!.toLowerCase());
    const attrs = [`name="${xmlEscape(n.name)}"`];
    if (n.comment !== undefined) attrs.push(`comment="${xmlEscape(n.comment)}"`);
    if (index >= 0) attrs.push(`localSheetId="${index}"`);
    if (n.hidden) attrs.push(`hidden="1"`);
    if (n.rawAttributes) attrs.push(n.rawAttributes);
    return `<definedName ${attrs.join(" ")}>${xmlEscape(n.reference)}</definedName>`;
  });
  return items.length ? `<definedNames>${items.join("")}</definedNames>` : "";
}

/** Puts our names in the saved workbook.xml (merging those excelts wrote, e.g. print areas), at their schema position. */
function injectDefinedNames(
  workbookXml: string,
  names: readonly SimDefinedName[],
  sheetNames: readonly string[],
): string {
  const { xml, names: written } = extractDefinedNames(workbookXml);
  const key = (n: { name: string; scopeSheet?: string }) =>
    `${n.name.toLowerCase()}|${(n.scopeSheet ?? "").toLowerCase()}`;
  const ours = new Set(names.map(key));
  const extra = written
    .map(({ localSheetId, ...rest }) => {
      const scopeSheet = localSheetId === undefined ? undefined : sheetNames[localSheetId];
      return scopeSheet === undefined ? rest : { ...rest, scopeSheet };
    })
    .filter((n) => !ours.has(key(n)));
  const block = definedNamesXml([...names, ...extra], sheetNames);
  if (!block) return xml;
  // CT_Workbook order: … sheets, functionGroups, externalReferences, definedNames, calcPr …
  for (const anchor of ["</externalReferences>", "</functionGroups>", "</sheets>"]) {
    const at = xml.indexOf(anchor);
    if (at >= 0) return xml.slice(0, at + anchor.length) + block + xml.slice(at + anchor.length);
  }
  return xml.replace("</workbook>", `${block}</workbook>`);
}

// ── redundant empty rows ─────────────────────────────────────────────────────────────────────
const ROW_ATTRIBUTES_THAT_MATTER = /\b(ht|hidden|outlineLevel|collapsed|customHeight|thickTop|thickBot)=/;

/** The single style of `<cols>` when they cover every column with the same style, else undefined. */
function uniformColumnStyle(sheetXml: string): string | undefined {
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(sheetXml.slice(0, 200_000));
  if (!cols) return undefined;
  let next = 1;
  let style: string | undefined;
  for (const m of (cols[1] ?? "").matchAll(/<col\b([^>]*)\/>/g)) {
    const a = m[1] ?? "";
    const min = Number(/\bmin="(\d+)"/.exec(a)?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(a)?.[1]);
    const s = /\bstyle="(\d+)"/.exec(a)?.[1] ?? "0";
    if (min !== next || (style !== undefined && s !== style)) return undefined;
    style = s;
    next = max + 1;
  }
  return next > 16_384 ? style : undefined;
}

/** Drops the run of empty `<row …/>` elements just before `</sheetData>` that change nothing Excel shows. */
export function dropRedundantTrailingRows(sheetXml: string): { xml: string; dropped: number } {
  const end = sheetXml.lastIndexOf("</sheetData>");
  if (end < 0 || !sheetXml.startsWith("/>", end - 2)) return { xml: sheetXml, dropped: 0 };
  const columnStyle = uniformColumnStyle(sheetXml);
  let cut = end;
  let dropped = 0;
  for (;;) {
    const start = sheetXml.lastIndexOf("<row ", cut - 1);
    if (start < 0 || !sheetXml.startsWith("/>", cut - 2)) break;
    const element = sheetXml.slice(start, cut);
    if (element.indexOf(">") !== element.length - 1 || ROW_ATTRIBUTES_THAT_MATTER.test(element)) break;
    const customFormat = /\bcustomFormat="(1|true)"/.test(element);
    const style = /\bs="(\d+)"/.exec(element)?.[1] ?? "0";
    if (customFormat && style !== (columnStyle ?? "0")) break;
    cut = start;
    dropped++;
  }
  return dropped === 0 ? { xml: sheetXml, dropped } : { xml: sheetXml.slice(0, cut) + sheetXml.slice(end), dropped };
}

// ── save ─────────────────────────────────────────────────────────────────────────────────────
/** Part name without numbers, so a renumbered pivotTable2.xml still counts as a pivot table. */
function partKind(path: string): string {
  return path.replace(/\d+/g, "#");
}

/** Writes the workbook as .xlsx bytes. Throws PartLostError (nothing returned) if a part of the original would be lost. */
/**
 * excelts 10.2 writes a conditional-format fill that has no pattern type as `patternType="undefined"`, which
 * Excel reports as damaged content (seen on crosne_CALC-DEP-3, sheet Simulation). Excel draws such a fill as
 * solid, so writing "solid" keeps the rendering and gives valid XML. Returns how many fills were set.
 */
export function fillConditionalFormatPatterns(wb: SimWorkbook): number {
  let fixed = 0;
  for (const sheet of wb.excel.worksheets) {
    for (const format of sheet.conditionalFormattings ?? []) {
      const rules = (format as { rules?: { style?: { fill?: { type?: string; pattern?: string } } }[] }).rules ?? [];
      for (const rule of rules) {
        const fill = rule.style?.fill;
        if (fill && fill.type === "pattern" && fill.pattern === undefined) {
          fill.pattern = "solid";
          fixed++;
        }
      }
    }
  }
  return fixed;
}

export async function saveWorkbook(wb: SimWorkbook): Promise<Uint8Array> {
  fillConditionalFormatPatterns(wb);
  writeChartsToExcel(wb);
  const written = await wb.excel.xlsx.writeBuffer();
  const files = await unzipAll(written);
  const sheetNames = wb.excel.worksheets.map((ws) => ws.name);
  const workbookXml = files["xl/workbook.xml"];
  if (workbookXml)
    files["xl/workbook.xml"] = new TextEncoder().encode(
      injectDefinedNames(new TextDecoder().decode(workbookXml), wb.names, sheetNames),
    );

  const lost: string[] = [];
  const regenerated: string[] = [];
  // A part renamed by the writer (pivotTable3.xml → pivotTable1.xml) is kept if its kind still has a spare part.
  const spare = new Map<string, number>();
  for (const p of Object.keys(files)) spare.set(partKind(p), (spare.get(partKind(p)) ?? 0) + 1);
  for (const part of wb.source.parts)
    if (part in files) spare.set(partKind(part), (spare.get(partKind(part)) ?? 0) - 1);
  for (const part of wb.source.parts) {
    if (part in files || part.includes("/_rels/") || wb.releasedParts.has(part)) continue;
    if (REGENERATED_PART.some((re) => re.test(part))) {
      regenerated.push(part);
      continue;
    }
    const left = spare.get(partKind(part)) ?? 0;
    if (left > 0) spare.set(partKind(part), left - 1);
    else lost.push(part);
  }
  if (lost.length) throw new PartLostError(lost);
  wb.lastSave = { regeneratedParts: regenerated };

  const archive = zip();
  for (const [path, data] of Object.entries(files)) archive.add(path, data);
  return archive.bytes();
}
