/**
 * What a buyer does with the add-in, in order, in the workbench: confirm the recognised columns, score three
 * contracts, build the 2027 dashboard and committee list, download the workbook and open it again to find the
 * three cotations. Each view is checked with axe at the pane's 350 px width and photographed.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  CONTRACTS_SHEET,
  fileInput,
  openWorkbench,
  pane,
  PANE_WIDTH_PX,
  paneColumn,
  paneTab,
  SAMPLE_NAME,
  saveViewScreenshot,
  seriousAxeViolations,
  sheetTab,
  statusLine,
  watch,
  WORKBENCH_VIEWPORT,
} from "./helpers";

const AUTHOR = "Camille Exemple";
const CONTRACT_COUNT = 150;
const YEAR = 2027;

test.use({ viewport: WORKBENCH_VIEWPORT });

/** The heading of the contract shown in Cotation: "Marché VSE-27-003". */
const contractHeading = (page: Page): Locator =>
  pane(page).getByRole("region", { name: "Le marché" }).getByRole("heading", { level: 3 });

async function shownContractKey(page: Page): Promise<string> {
  const text = (await contractHeading(page).textContent()) ?? "";
  const key = /^Marché (\S+)$/.exec(text.trim())?.[1];
  expect(key, `contract heading « ${text} »`).toBeDefined();
  return key!;
}

/** The questions of the axis open in the questionnaire (the first axis is open by default). */
const yesNoQuestions = (page: Page): Locator => pane(page).getByRole("radiogroup");

async function setYear(page: Page, year: number): Promise<void> {
  const spin = pane(page).getByRole("spinbutton", { name: "Année" });
  await spin.fill(String(year));
  await spin.press("Enter");
  await expect(spin).toHaveValue(String(year));
}

/** The pane's success message: "C'est fait" with the operation's confirmation sentence. */
const confirmation = (page: Page, text: string | RegExp): Locator =>
  pane(page).locator(".fui-MessageBar").filter({ hasText: "C'est fait" }).filter({ hasText: text });

test.describe.serial("buyer journey", () => {
  test("maps the sample, scores three contracts, builds the 2027 dashboard and committee list, downloads, reopens and finds the cotations", async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000);
    const watched = watch(page);
    let shot = 0;
    /** axe on the page as it is (failures collected, not stopping the journey), then a screenshot. */
    const checkpoint = async (name: string, view?: string) => {
      expect.soft(await seriousAxeViolations(page), `axe, étape « ${name} »`).toEqual([]);
      shot += 1;
      await page.screenshot({ path: testInfo.outputPath(`${String(shot).padStart(2, "0")}-${name}.png`) });
      if (view) await saveViewScreenshot(page, testInfo, view);
    };

    // ── Démarrer: the sample is open, its contracts table recognised.
    const grid = await test.step("open the workbench with the sample", async () => {
      const contracts = await openWorkbench(page);
      await expect(page.getByText(SAMPLE_NAME, { exact: true })).toBeVisible();
      expect((await paneColumn(page).boundingBox())?.width).toBeCloseTo(PANE_WIDTH_PX, 0);
      return contracts;
    });

    await test.step("Démarrer: check the recognised mapping and confirm it", async () => {
      await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
      const start = pane(page).getByRole("region", { name: "Démarrer" });
      await expect(start.getByRole("heading", { name: "Correspondance des colonnes" })).toBeVisible({
        timeout: 20_000,
      });
      await expect(start.getByText(`feuille « ${CONTRACTS_SHEET} »`)).toContainText(`${CONTRACT_COUNT} ligne(s)`);
      // Each field shows the sample's column it was recognised in.
      await expect(start.getByRole("combobox", { name: "N° de marché" })).toHaveText(/^N° marché \([A-Z]+\)$/);
      await expect(start.getByRole("combobox", { name: "Objet", exact: true })).toHaveText(
        /^Objet du marché \([A-Z]+\)$/,
      );
      await expect(start.getByRole("combobox", { name: "Montant HT", exact: true })).toHaveText(
        /^Montant € HT \([A-Z]+\)$/,
      );
      await expect(start.getByRole("combobox", { name: "Date d'attribution" })).toHaveText(
        /^Date d'attribution prévue \([A-Z]+\)$/,
      );
      await checkpoint("demarrer", "demarrer");

      await start.getByRole("button", { name: "Confirmer la correspondance" }).click();
      // Once the mapping is stored, Démarrer shows what was stored and offers the next step, focused.
      await expect(
        confirmation(page, `Correspondance des colonnes de «\u00a0${CONTRACTS_SHEET}\u00a0» enregistrée`),
      ).toContainText(/En-têtes en ligne \d+ ; \d+ champs sur \d+ reliés à une colonne\./, { timeout: 20_000 });
      const begin = start.getByRole("button", { name: "Commencer la cotation" });
      await expect(begin).toBeFocused();
      await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
      // The add-in's sheets are now in the workbook.
      await expect(sheetTab(page, "SPASER Paramètres")).toBeVisible();
      await expect(sheetTab(page, "SPASER Cotations")).toBeVisible();
      await checkpoint("correspondance-confirmee");

      await begin.click();
      await expect(paneTab(page, "Cotation")).toHaveAttribute("aria-selected", "true");
      await expect(pane(page).getByText(`0 sur ${CONTRACT_COUNT} cotés`)).toBeVisible({ timeout: 20_000 });
    });

    // ── Cotation: three contracts, each with several answers, the second answer given with the keyboard only.
    const scored: string[] = [];
    const scoreShownContract = async (n: number, answers: { first: string; third: string }) => {
      const key = await shownContractKey(page);
      const questions = yesNoQuestions(page);
      await expect(questions.nth(2)).toBeVisible();

      await questions.nth(0).getByRole("radio", { name: answers.first, exact: true }).check();
      // Keyboard only: Tab to the next question, Space checks its first option, → moves the answer to "Non".
      await page.keyboard.press("Tab");
      await expect(questions.nth(1).getByRole("radio", { name: "Oui", exact: true })).toBeFocused();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowRight");
      await expect(questions.nth(1).getByRole("radio", { name: "Non", exact: true })).toBeChecked();
      await expect(questions.nth(1).getByRole("radio", { name: "Non", exact: true })).toBeFocused();

      await questions.nth(2).getByRole("radio", { name: answers.third, exact: true }).check();
      await expect(pane(page).getByText("Modifications non enregistrées (3)")).toBeVisible();

      const author = pane(page).getByLabel("Votre nom (auteur de la cotation)");
      if (n === 1) await author.fill(AUTHOR);
      await expect(author).toHaveValue(AUTHOR); // typed once, kept for the next contracts

      await pane(page).getByRole("button", { name: "Enregistrer", exact: true }).click();
      await expect(confirmation(page, `Cotation du marché ${key}`)).toBeVisible({ timeout: 20_000 });
      await expect(pane(page).getByText(/^Réponses modifiées : .+\.$/)).toBeVisible();
      await expect(pane(page).getByText(`${n} sur ${CONTRACT_COUNT} cotés`)).toBeVisible();
      await expect(pane(page).getByText(new RegExp(`^Cotation enregistrée le .+ par ${AUTHOR}\\.$`))).toBeVisible();
      scored.push(key);
    };

    await test.step("Cotation 1: select a contract row in the grid, answer, sign, save", async () => {
      await grid.getByRole("gridcell", { name: "VSE-27-003", exact: true }).click();
      await expect(paneTab(page, "Cotation")).toHaveAttribute("aria-selected", "true");
      await expect(contractHeading(page)).toHaveText("Marché VSE-27-003");
      await scoreShownContract(1, { first: "Oui", third: "À étudier" });
      await checkpoint("cotation-1");
    });

    await test.step("Cotation 2: the next contract with « Marché suivant »", async () => {
      await pane(page).getByRole("button", { name: "Marché suivant" }).click();
      await expect(contractHeading(page)).not.toHaveText(`Marché ${scored[0]}`);
      await scoreShownContract(2, { first: "Oui", third: "Oui" });
      await checkpoint("cotation-2");
    });

    await test.step("Cotation 3: another row selected in the grid", async () => {
      await sheetTab(page, CONTRACTS_SHEET).click();
      const contracts = page.getByRole("grid", { name: `Feuille ${CONTRACTS_SHEET}` });
      await contracts.getByRole("gridcell", { name: "VSE-27-010", exact: true }).click();
      await expect(contractHeading(page)).toHaveText("Marché VSE-27-010");
      await scoreShownContract(3, { first: "À étudier", third: "Oui" });
      expect(new Set(scored).size).toBe(3);
      await checkpoint("cotation-3", "cotation");
    });

    // ── Tableau de bord for 2027.
    await test.step("Tableau de bord: build it for 2027 and see the figures", async () => {
      await paneTab(page, "Tableau de bord").click();
      await setYear(page, YEAR);
      const dashboard = pane(page).getByRole("region", { name: "Tableau de bord" });
      await dashboard.getByRole("button", { name: "Construire / actualiser le tableau de bord" }).click();
      await expect(confirmation(page, `Tableau de bord ${YEAR} construit`)).toBeVisible({ timeout: 60_000 });
      await expect(dashboard.getByRole("heading", { name: `Indicateurs de l'année ${YEAR}` })).toBeVisible();
      await expect(
        dashboard.getByText(new RegExp(`^[1-9]\\d* marché\\(s\\) notifié\\(s\\) en ${YEAR}$`)),
      ).toBeVisible();
      await expect(dashboard.getByText(/^\d+ objectif\(s\) atteint\(s\) sur [1-9]\d*$/)).toBeVisible();
      const charts = dashboard.getByRole("img");
      expect(await charts.count()).toBeGreaterThan(0);
      await expect(charts.first()).toHaveAttribute("aria-label", /cible \d/);
      await expect(sheetTab(page, "SPASER Tableau de bord")).toBeVisible();
      await checkpoint("tableau-de-bord", "tableau-de-bord");
    });

    // ── Comité: the committee list for 2027.
    await test.step("Comité: build the 2027 committee list", async () => {
      await paneTab(page, "Comité").click();
      const committee = pane(page).getByRole("region", { name: "Comité" });
      await expect(committee.getByText(`3 marché(s) coté(s) sur ${CONTRACT_COUNT}`)).toBeVisible();
      await setYear(page, YEAR);
      await committee.getByRole("button", { name: "Construire la liste du comité" }).click();
      await expect(confirmation(page, new RegExp(`Liste du comité ${YEAR} : \\d+ marchés? classés?`))).toBeVisible({
        timeout: 60_000,
      });
      await expect(sheetTab(page, "SPASER CAD")).toBeVisible();
      await checkpoint("comite", "comite");
    });

    await test.step("Paramètres: the policy editor (looked at, not changed)", async () => {
      await paneTab(page, "Paramètres").click();
      const settings = pane(page).getByRole("region", { name: "Paramètres" });
      await expect(settings.getByRole("button", { name: "Enregistrer les paramètres" })).toBeEnabled();
      await checkpoint("parametres", "parametres");
    });

    // ── Télécharger, then open the downloaded file again.
    const downloaded = await test.step("Télécharger: the workbook comes down as a file", async () => {
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Télécharger" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(SAMPLE_NAME);
      const path = testInfo.outputPath(download.suggestedFilename());
      await download.saveAs(path);
      await expect(statusLine(page)).toContainText("Classeur téléchargé");
      await checkpoint("telecharge");
      return path;
    });

    await test.step("Ouvrir un classeur…: the downloaded file has the three cotations", async () => {
      await fileInput(page).setInputFiles(downloaded);
      await expect(statusLine(page)).toContainText(`Classeur « ${SAMPLE_NAME} » ouvert`, { timeout: 30_000 });
      // The stored mapping takes the pane straight to Cotation, with the progress of the saved file.
      await expect(paneTab(page, "Cotation")).toHaveAttribute("aria-selected", "true", { timeout: 20_000 });
      await expect(pane(page).getByText(`3 sur ${CONTRACT_COUNT} cotés`)).toBeVisible({ timeout: 20_000 });

      // The first contract's saved answers come back in the questionnaire.
      await sheetTab(page, CONTRACTS_SHEET).click();
      const contracts = page.getByRole("grid", { name: `Feuille ${CONTRACTS_SHEET}` });
      await contracts.getByRole("gridcell", { name: "VSE-27-003", exact: true }).click();
      await expect(contractHeading(page)).toHaveText("Marché VSE-27-003");
      await expect(pane(page).getByText(new RegExp(`^Cotation enregistrée le .+ par ${AUTHOR}\\.$`))).toBeVisible();
      const questions = yesNoQuestions(page);
      await expect(questions.nth(0).getByRole("radio", { name: "Oui", exact: true })).toBeChecked();
      await expect(questions.nth(1).getByRole("radio", { name: "Non", exact: true })).toBeChecked();
      await expect(questions.nth(2).getByRole("radio", { name: "À étudier", exact: true })).toBeChecked();
      await checkpoint("rouvert-cotation");

      // The grid: SPASER Cotations holds the three contracts, each with a computed POTENTIAL.
      await sheetTab(page, "SPASER Cotations").click();
      const cotations = page.getByRole("grid", { name: "Feuille SPASER Cotations" });
      const rows = cotations.getByRole("row").filter({ hasText: /VSE-27-\d+/ });
      await expect(rows).toHaveCount(3);
      for (const key of scored) {
        const row = cotations.getByRole("row").filter({ hasText: key });
        await expect(row).toHaveCount(1);
        await expect(row.getByRole("gridcell").last()).toHaveText(/^\d+([,.]\d+)?$/);
      }
      await checkpoint("rouvert-grille-cotations");
    });

    expect(watched.problems).toEqual([]);
  });
});
