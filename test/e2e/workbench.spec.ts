/**
 * The workbench (`npm run workbench`, page `/`) in Chromium: the bundled sample in a grid beside the real
 * task pane, both on the Excel simulator, with nothing fetched from outside localhost.
 */
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { loadWorkbook, XLS_REFUSAL } from "../../src/sim";
import {
  CONTRACTS_SHEET,
  fileInput,
  openWorkbench,
  SAMPLE_NAME,
  seriousAxeViolations,
  statusLine,
  watch,
  WORKBENCH_VIEWPORT,
} from "./helpers";

test.use({ viewport: WORKBENCH_VIEWPORT });

test.describe("workbench", () => {
  test("opens the sample beside the task pane, with no console error, nothing from outside, accessibly", async ({
    page,
  }, testInfo) => {
    const watched = watch(page);
    const grid = await openWorkbench(page);

    for (const header of ["N° marché", "Objet du marché", "Montant € HT", "Date d'attribution prévue"])
      await expect(grid.getByRole("gridcell", { name: header, exact: true })).toBeVisible();
    // Amounts with spaces between thousands, dates in French order.
    await expect(grid.getByRole("gridcell", { name: "110 000 €" }).first()).toBeVisible();
    await expect(grid.getByRole("gridcell", { name: "25/01/2027" }).first()).toBeVisible();
    await expect(page.getByRole("tab", { name: "Notes" })).toBeVisible();
    await expect(
      page.getByText("Les formules Excel autres que SPASER affichent leur dernière valeur calculée"),
    ).toBeVisible();
    await expect(page.getByText(SAMPLE_NAME, { exact: true })).toBeVisible();
    // The real pane, connected to the sample: it found the contracts table.
    await expect(page.getByRole("heading", { name: "SPASER pour Excel" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirmer la correspondance" })).toBeVisible({ timeout: 20_000 });

    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.screenshot({ path: testInfo.outputPath("workbench-sample.png") });
    expect(watched.problems).toEqual([]);
  });

  test("selecting a contract in the grid shows it in the pane; the pane's writes and SPASER formulas show in the grid", async ({
    page,
  }, testInfo) => {
    const watched = watch(page);
    const grid = await openWorkbench(page);
    const pane = page.locator("main");

    await page.getByRole("button", { name: "Confirmer la correspondance" }).click();
    // The pane created its sheets: they appear as tabs.
    await expect(page.getByRole("tab", { name: "SPASER Cotations" })).toBeVisible();
    // Démarrer shows the confirmation; the questionnaire is the next step.
    await pane.getByRole("button", { name: "Commencer la cotation" }).click();

    await grid.getByRole("gridcell", { name: "VSE-27-003", exact: true }).click();
    await expect(pane.getByText("Marché VSE-27-003")).toBeVisible();
    await expect(pane.getByText("Mission de maîtrise d'œuvre — extension de la médiathèque")).toBeVisible();

    // Keyboard: one row down is the next contract.
    await grid.press("ArrowDown");
    await expect(pane.getByText("Marché VSE-27-004")).toBeVisible();
    await expect(statusLine(page)).toContainText("sélection A22");

    // Scoring the contract writes a live =SPASER.POTENTIAL(…) formula, computed by the real function.
    await pane.getByRole("radio", { name: "Oui" }).first().check();
    await pane.getByLabel("Votre nom (auteur de la cotation)").fill("Camille Exemple");
    await pane.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(pane.getByText(/Cotation enregistrée/).first()).toBeVisible();
    await page.getByRole("tab", { name: "SPASER Cotations" }).click();
    const cotations = page.getByRole("grid", { name: "Feuille SPASER Cotations" });
    const row = cotations.getByRole("row").filter({ hasText: "VSE-27-004" });
    await expect(row).toBeVisible();
    const potential = row.getByRole("gridcell").last();
    await expect(potential).toHaveText(/^\d+([,.]\d+)?$/);

    await page.screenshot({ path: testInfo.outputPath("workbench-cotation.png") });
    expect(watched.problems).toEqual([]);
  });

  test("downloads the workbook as a valid .xlsx", async ({ page }, testInfo) => {
    await openWorkbench(page);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Télécharger" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(SAMPLE_NAME);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const bytes = new Uint8Array(readFileSync(path));
    const workbook = await loadWorkbook(bytes, SAMPLE_NAME);
    expect(workbook.visibleSheets().map((ws) => ws.name)).toEqual([CONTRACTS_SHEET, "Notes"]);
    expect(workbook.findTable("Programmation")?.sheet.name).toBe(CONTRACTS_SHEET);
    await expect(statusLine(page)).toContainText("Classeur téléchargé");
  });

  test("opens a CSV file", async ({ page }) => {
    const watched = watch(page);
    await openWorkbench(page);
    const csv = [
      "N° marché;Objet du marché;Montant € HT",
      "2027-901;Nettoyage des locaux;45000",
      "2027-902;Fourniture de papier;12000",
    ].join("\r\n");
    await fileInput(page).setInputFiles({
      name: "export-marches.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const grid = page.getByRole("grid").first();
    await expect(grid.getByRole("gridcell", { name: "Nettoyage des locaux" })).toBeVisible();
    await expect(grid.getByRole("gridcell", { name: "Objet du marché" })).toBeVisible();
    await expect(page.getByText("export-marches.csv", { exact: true })).toBeVisible();
    expect(watched.problems).toEqual([]);
  });

  test("refuses an .xls file in French and keeps the open workbook", async ({ page }, testInfo) => {
    await openWorkbench(page);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);
    await fileInput(page).setInputFiles({
      name: "programmation-2019.xls",
      mimeType: "application/vnd.ms-excel",
      buffer: ole,
    });
    await expect(page.getByText(XLS_REFUSAL)).toBeVisible();
    await expect(page.getByText("Ouverture impossible")).toBeVisible();
    await expect(page.getByRole("grid", { name: `Feuille ${CONTRACTS_SHEET}` })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("workbench-xls-refused.png") });
  });

  test("the bare task pane page is still served", async ({ request }) => {
    expect((await request.get("/taskpane.html")).ok()).toBe(true);
  });
});
