/**
 * Evidence that the add-in's dashboard chart and committee print layout land in a real .xlsx: builds SPASER
 * CAD and SPASER Tableau de bord on the sample workbook through the simulator (the add-in's own operations,
 * SPASER formulas computed by the workbench evaluator), saves it, and — when LibreOffice is installed —
 * prints each of the two sheets to PNG:
 *   docs/screenshots/excel-tableau-de-bord.png   the indicators and the actual/target chart
 *   docs/screenshots/excel-cad-impression.png    page 1 of the committee list as it prints
 *
 * LibreOffice prints every visible sheet, so each sheet is printed from a copy where it is the only visible
 * one. The committee list keeps its own print layout (that is what is shown); the dashboard copy alone is
 * set to one landscape page so the table and its chart appear together.
 *
 * Run: `npx tsx scripts/render-owned-sheets.ts [dossier-de-sortie]` (default docs/screenshots).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import frenchTexts from "../src/functions/functions.fr-text.json";
import { OWNED_SHEETS } from "../src/excel/constants";
import { createExcelOperations } from "../src/excel/excel-operations";
import { SimExcel, loadWorkbook, saveWorkbook, type SimWorkbook } from "../src/sim";
import { loadWorkbookFromPath } from "../src/sim/node";
import { buildCatalog, recalculateSpaser, spaserEvaluator } from "../src/workbench/sim-evaluator";
import { loadExcelFunctions } from "../test/support/excel-functions";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLE = join(ROOT, "assets", "samples", "programmation-achats-ville-exemple.xlsx");
const YEAR = 2027;
const TODAY = "2026-01-15";

/** Pixels per inch: the dashboard page is shrunk to fit, so it needs more of them for its text to be legible. */
const RENDERS = [
  { sheet: OWNED_SHEETS.dashboard, png: "excel-tableau-de-bord.png", onePage: true, dpi: 120 },
  { sheet: OWNED_SHEETS.committee, png: "excel-cad-impression.png", onePage: false, dpi: 90 },
] as const;

/** The sample with the committee list and the dashboard built, formulas computed. */
async function buildOwnedSheets(): Promise<SimWorkbook> {
  const workbook = await loadWorkbookFromPath(SAMPLE);
  const functions = await loadExcelFunctions();
  const implementations = new Map(
    functions.metadata.map((m) => [m.id, (...args: never[]) => functions.call(m.id, ...args)] as const),
  );
  workbook.setFormulaEvaluator(
    spaserEvaluator(workbook, buildCatalog(functions.metadata, implementations, frenchTexts)),
  );
  const ops = createExcelOperations(
    (batch) => SimExcel.run(workbook, (context) => batch(context as unknown as Excel.RequestContext)),
    { today: () => TODAY },
  );
  const source = (await ops.start()).found[0]?.source;
  if (!source) throw new Error("Aucun tableau des marchés trouvé dans le classeur d'exemple.");
  await ops.confirmMapping(source);
  console.log((await ops.buildCommitteeList(source, YEAR)).message);
  console.log((await ops.buildDashboard(source, YEAR)).message);
  recalculateSpaser(workbook);
  return workbook;
}

/** A copy of the saved workbook where only `sheet` is visible (and active). */
async function onlySheet(saved: Uint8Array, sheet: string, onePage: boolean): Promise<Uint8Array> {
  const copy = await loadWorkbook(saved, "rendu.xlsx");
  await SimExcel.run(copy, async (context) => {
    const target = context.workbook.worksheets.getItem(sheet);
    target.visibility = "Visible";
    target.activate();
    const all = context.workbook.worksheets.load("items/name");
    await context.sync();
    for (const ws of all.items) if (ws.name !== sheet) ws.visibility = "Hidden";
    if (onePage) {
      target.pageLayout.orientation = "Landscape";
      target.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
    }
  });
  return saveWorkbook(copy);
}

function hasLibreOffice(): boolean {
  const probe = spawnSync("soffice", ["--version"], { encoding: "utf8" });
  return !probe.error && probe.status === 0;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0)
    throw new Error(`${command} a échoué : ${result.error?.message ?? result.stderr ?? `code ${result.status}`}`);
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(ROOT, "docs", "screenshots"));
  const work = mkdtempSync(join(tmpdir(), "spaser-rendu-"));
  const workbook = await buildOwnedSheets();
  const saved = await saveWorkbook(workbook);
  const full = join(work, "programmation-avec-feuilles-spaser.xlsx");
  writeFileSync(full, saved);
  console.log(`Classeur enregistré : ${full}`);
  if (!hasLibreOffice()) {
    console.log("LibreOffice (soffice) est absent de cette machine : aucune capture produite.");
    return;
  }
  mkdirSync(out, { recursive: true });
  // A profile of our own, so a LibreOffice already open elsewhere does not block the conversion.
  const profile = `-env:UserInstallation=file://${join(work, "profil-libreoffice")}`;
  for (const { sheet, png, onePage, dpi } of RENDERS) {
    const base = png.replace(/\.png$/, "");
    const xlsx = join(work, `${base}.xlsx`);
    writeFileSync(xlsx, await onlySheet(saved, sheet, onePage));
    run("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", work, xlsx]);
    const pdf = join(work, `${base}.pdf`);
    run("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, join(work, base)]);
    copyFileSync(join(work, png), join(out, png));
    console.log(`« ${sheet} » imprimée : ${join(out, png)}`);
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
