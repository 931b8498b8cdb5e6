/**
 * Shared steps of the workbench end-to-end tests: open the workbench, watch for errors, run axe, and take
 * screenshots of the task pane (the 350 px column beside the grid).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export const SAMPLE_NAME = "programmation-achats-ville-exemple.xlsx";
export const CONTRACTS_SHEET = "Programmation 2027-2028";
/** The workbench at a laptop size: the pane keeps its own task-pane width beside the grid. */
export const WORKBENCH_VIEWPORT = { width: 1400, height: 900 } as const;
export const PANE_WIDTH_PX = 350;

/** Where the pane views' screenshots go for the issue note, and where the lead looks at them. */
export const VIEW_SHOTS_DIR = join(__dirname, "..", "..", "test-results", "views");
export const LEAD_SHOTS_DIR = "/tmp/spaser-shots";

/** Console errors, page errors and any request that leaves the local server. */
export function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["localhost", "127.0.0.1"].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol))
      problems.push(`outside request: ${request.url()}`);
  });
  return { problems };
}

/** Opens `/` and waits for the sample's contracts sheet in the grid. */
export async function openWorkbench(page: Page): Promise<Locator> {
  await page.goto("/");
  const grid = page.getByRole("grid", { name: `Feuille ${CONTRACTS_SHEET}` });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  return grid;
}

/** The task pane's own page (`<main>` of the add-in). */
export const pane = (page: Page): Locator => page.locator("main");

/** The scrolling column that holds the pane: what a user sees of the add-in. */
export const paneColumn = (page: Page): Locator => pane(page).locator("xpath=..");

/** The workbench's own status line (the pane has status regions too). */
export const statusLine = (page: Page): Locator => page.getByRole("region", { name: "Classeur" }).getByRole("status");

/** The hidden file input behind "Ouvrir un classeur…". */
export const fileInput = (page: Page): Locator => page.getByLabel("Classeur à ouvrir (.xlsx ou .csv)");

/** A tab of the pane's view list (Démarrer, Cotation, …). */
export const paneTab = (page: Page, name: string): Locator =>
  pane(page).getByRole("tablist", { name: "Vues du complément" }).getByRole("tab", { name, exact: true });

/** A sheet tab of the workbench grid. */
export const sheetTab = (page: Page, name: string): Locator =>
  page.getByRole("tablist", { name: "Feuilles du classeur" }).getByRole("tab", { name, exact: true });

/** The first reason axe gives for a node ("Element has insufficient color contrast of 3.1 …"). */
const firstLine = (summary: string | undefined) =>
  summary
    ?.split("\n")
    .map((l) => l.trim())
    .filter(Boolean)[1] ?? "";

/**
 * Serious and critical axe violations of the page, one line each (empty when accessible).
 * Fluent's focus library (tabster) puts focusable aria-hidden <i data-tabster-dummy> guards in tab lists:
 * a known false positive by design (microsoft/tabster#288, microsoft/fluentui#27517).
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")}: ${firstLine(n.failureSummary)}`).join(", ")})`,
    );
}

/**
 * A screenshot of the whole pane view, however long: the viewport grows for the shot so the pane's column
 * shows the view from its header to its last control, at its real width, then gets its size back.
 */
export async function paneScreenshot(page: Page, path: string): Promise<void> {
  const size = page.viewportSize() ?? WORKBENCH_VIEWPORT;
  const column = paneColumn(page);
  // Clicks scroll the column and its (overflow: hidden) ancestors: all back to the top.
  const scrollAllToTop = () =>
    column.evaluate((element) => {
      for (let node: Element | null = element; node; node = node.parentElement) node.scrollTop = 0;
    });
  await scrollAllToTop();
  const height = await column.evaluate((element) => element.scrollHeight);
  const top = (await column.boundingBox())?.y ?? 0;
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(top + height)) });
  await scrollAllToTop();
  // Let the browser lay out and paint the taller page before the shot (else part of it can come out blank).
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForTimeout(300);
  try {
    await column.screenshot({ path, animations: "disabled", caret: "hide" });
  } finally {
    await page.setViewportSize(size);
  }
}

/**
 * The screenshot of one pane view for the issue note: test-results/views/<name>.png, copied to
 * /tmp/spaser-shots/<name>.png for the lead, and attached to the test's report.
 */
export async function saveViewScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const path = join(VIEW_SHOTS_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await paneScreenshot(page, path);
  mkdirSync(LEAD_SHOTS_DIR, { recursive: true });
  copyFileSync(path, join(LEAD_SHOTS_DIR, `${name}.png`));
  await testInfo.attach(`vue-${name}`, { path, contentType: "image/png" });
  return path;
}
