/**
 * The real buyers' files of the shared corpus (../shared/data/workbooks/, see its README), opened in the
 * workbench with "Ouvrir un classeur…": each one either gets a column mapping in Démarrer or a clear French
 * explanation of why not.
 */
import { expect, type Page, test } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { XLS_REFUSAL } from "../../src/sim";
import {
  fileInput,
  openWorkbench,
  pane,
  paneTab,
  seriousAxeViolations,
  statusLine,
  watch,
  WORKBENCH_VIEWPORT,
} from "./helpers";

const WORKBOOKS_DIR = join(__dirname, "..", "..", "..", "shared", "data", "workbooks");

test.use({ viewport: WORKBENCH_VIEWPORT });

/** What the pane's Démarrer view says once the file is open: a mapping of n rows, or why there is none. */
type StartOutcome = { kind: "mapping"; rows: number; description: string } | { kind: "no-table"; rejected: string[] };

async function startOutcome(page: Page): Promise<StartOutcome> {
  const start = pane(page).getByRole("region", { name: "Démarrer" });
  const mapping = start.getByRole("button", { name: "Confirmer la correspondance" });
  const noTable = start.getByText("Aucun tableau des marchés trouvé");
  // Big workbooks take a while to read in the browser.
  await expect(mapping.or(noTable)).toBeVisible({ timeout: 90_000 });
  if (await mapping.isVisible()) {
    const description = (await start.getByText(/feuille « .* », .*ligne\(s\)\.$/).textContent()) ?? "";
    const rows = Number(/(\d+) ligne\(s\)\.$/.exec(description)?.[1]);
    return { kind: "mapping", rows, description };
  }
  const rejected = await start.getByRole("listitem").allTextContents();
  return { kind: "no-table", rejected };
}

async function openFile(page: Page, name: string): Promise<void> {
  await fileInput(page).setInputFiles(join(WORKBOOKS_DIR, name));
}

/** Waits for the workbench to report the file opened (the pane is then re-created on it). */
async function expectOpened(page: Page, name: string): Promise<void> {
  await expect(statusLine(page)).toContainText(`Classeur « ${name} » ouvert`, { timeout: 90_000 });
  await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
}

test.describe("real workbooks from French buyers", () => {
  test.skip(
    !existsSync(WORKBOOKS_DIR),
    `Corpus absent : ${WORKBOOKS_DIR} (les classeurs réels de ../shared/data/workbooks/ ne sont pas dans ce dépôt).`,
  );
  test.setTimeout(180_000);

  test.beforeEach(async ({ page }) => {
    await openWorkbench(page);
  });

  test("Villemomble CSV (cp1252, nested groups): a mapping of its 63 contracts", async ({ page }, testInfo) => {
    const name = "villemomble_liste-marches-conclus-2010_art133.csv";
    const watched = watch(page);
    await openFile(page, name);
    await expectOpened(page, name);
    const outcome = await startOutcome(page);
    expect(outcome).toMatchObject({ kind: "mapping", rows: 63 });
    const start = pane(page).getByRole("region", { name: "Démarrer" });
    await expect(start.getByRole("combobox", { name: "Objet", exact: true })).toHaveText(/^OBJET \([A-Z]+\)$/);
    await expect(start.getByRole("combobox", { name: "Montant HT", exact: true })).toHaveText(
      /^MONTANT € HT \([A-Z]+\)$/,
    );
    // The Windows-1252 "€" and "œ" came through.
    await expect(
      page
        .getByRole("grid")
        .first()
        .getByText(/mise en œuvre/)
        .first(),
    ).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("villemomble.png") });
    expect(watched.problems).toEqual([]);
  });

  test("PLACE .xls (Excel 97-2003): refused in French, the open workbook kept", async ({ page }, testInfo) => {
    await openFile(page, "place_art133_marches-2012_extrait-CCI.xls");
    await expect(page.getByText("Ouverture impossible")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(XLS_REFUSAL)).toBeVisible();
    await expect(statusLine(page)).toContainText("n'a pas été ouvert");
    // The sample stays open, with its pane.
    await expect(page.getByRole("grid", { name: "Feuille Programmation 2027-2028" })).toBeVisible();
    await expect(pane(page).getByRole("button", { name: "Confirmer la correspondance" })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("place-xls.png") });
  });

  test("SCA Brest form (merged cells, no list): Démarrer explains there is no contracts table", async ({
    page,
  }, testInfo) => {
    const name = "sca-brest_pochette-suivi-achats.xlsx";
    const watched = watch(page);
    await openFile(page, name);
    await expectOpened(page, name);
    const outcome = await startOutcome(page);
    expect(outcome.kind).toBe("no-table");
    const start = pane(page).getByRole("region", { name: "Démarrer" });
    await expect(start.getByText(/Le complément cherche un tableau Excel ou une ligne d'en-têtes/)).toBeVisible();
    await expect(start.getByRole("button", { name: "Créer un tableau des marchés SPASER" })).toBeEnabled();
    // Each of its three form sheets is listed with the reason it was left out.
    await expect(start.getByRole("heading", { name: "Feuilles écartées" })).toBeVisible();
    const rejected = outcome.kind === "no-table" ? outcome.rejected : [];
    for (const sheet of ["MABC", "MAPA < 2 K€", "MAPA > 20 K€"])
      expect(rejected.some((line) => line.startsWith(`${sheet} : `))).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("sca-brest.png") });
    expect(watched.problems).toEqual([]);
  });

  for (const name of [
    "crosne_depenses-centre-de-loisirs-2025.xlsx",
    "crosne_CALC-DEP-3_restauration-fluides-2025.xlsx",
  ])
    test(`Crosne finance export ${name}: a mapping or an explanation, without error`, async ({ page }, testInfo) => {
      const watched = watch(page);
      const started = Date.now();
      await openFile(page, name);
      await expectOpened(page, name);
      const outcome = await startOutcome(page);
      testInfo.annotations.push({
        type: "Démarrer",
        description: `${JSON.stringify(outcome)} en ${((Date.now() - started) / 1000).toFixed(1)} s`,
      });
      if (outcome.kind === "mapping") expect(outcome.rows).toBeGreaterThan(0);
      else expect(outcome.rejected.length).toBeGreaterThan(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
      expect(watched.problems).toEqual([]);
    });
});
