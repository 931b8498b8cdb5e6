/**
 * The task pane by keyboard only, in the workbench on the sample workbook: the view tabs (Fluent TabList, whose
 * arrow keys come from tabster and so cannot be checked in jsdom), the confirmation of the column mapping, and
 * one answer of the questionnaire with its live score. Focus stays in the pane and is visible at each step.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { openWorkbench, pane, paneTab, seriousAxeViolations, watch, WORKBENCH_VIEWPORT } from "./helpers";

test.use({ viewport: WORKBENCH_VIEWPORT });

/** What has the keyboard focus: its role and name, whether it lies in the pane, and how its focus shows. */
interface Focused {
  readonly role: string;
  readonly name: string;
  readonly inPane: boolean;
  /** The focus indicator drawn around it (Fluent: ring, outline or ::after border), "" when none shows. */
  readonly indicator: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { role: "", name: "", inPane: false, indicator: "" };
    const visible = (color: string) => !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(color);
    const indicatorOf = (node: Element): string => {
      const style = getComputedStyle(node);
      const after = getComputedStyle(node, "::after");
      // A solid ring drawn with box-shadow (tabs), a solid outline, or Fluent's ::after focus border.
      const ring = /(rgba?\([^)]*\)) 0px 0px 0px [1-9]px/.exec(style.boxShadow);
      if (ring && visible(ring[1]!)) return `anneau ${ring[0]}`;
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && visible(style.outlineColor))
        return `contour ${style.outlineWidth} ${style.outlineColor}`;
      if (after.borderTopStyle === "solid" && parseFloat(after.borderTopWidth) >= 2 && visible(after.borderTopColor))
        return `bordure ${after.borderTopWidth} ${after.borderTopColor}`;
      return "";
    };
    // Fluent draws the ring on the element when focus-visible, or, for an input it hides (radio, opacity 0),
    // on the wrapper that has the focus within.
    const hidden = getComputedStyle(element).opacity === "0";
    let indicator = !hidden && element.matches(":focus-visible") ? indicatorOf(element) : "";
    const wrapper = element.closest("[data-fui-focus-within]");
    if (!indicator && wrapper && wrapper !== element) indicator = indicatorOf(wrapper);
    const label =
      element.getAttribute("aria-label") ??
      (element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent : null) ??
      element.textContent ??
      "";
    return {
      role: element.getAttribute("role") ?? element.getAttribute("type") ?? element.tagName.toLowerCase(),
      name: label.trim(),
      inPane: element.closest("main") !== null,
      indicator,
    };
  });
}

/** The focused element is `target`, inside the pane, with a visible focus indicator. */
async function expectFocusOn(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const now = await focused(page);
  expect(now.inPane, `focus dans le volet : ${JSON.stringify(now)}`).toBe(true);
  expect(now.indicator, `focus visible : ${JSON.stringify(now)}`).not.toBe("");
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, each stop inside the pane, at most `max` times. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", max = 40): Promise<number> {
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(key);
    const now = await focused(page);
    expect(now.inPane, `${key} n° ${presses} sort du volet : ${JSON.stringify(now)}`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`Pas atteint au clavier en ${max} appuis sur ${key} : ${target.toString()}`);
}

const tabList = (page: Page): Locator => pane(page).getByRole("tablist", { name: "Vues du complément" });
const view = (page: Page, name: string): Locator => pane(page).getByRole("region", { name, exact: true });

/** The live overall score: "Potentiel durable global : 42/100". */
async function overallScore(page: Page): Promise<number> {
  const status = pane(page).getByRole("status", { name: /^Potentiel durable global : \d+\/100$/ });
  await expect(status).toBeVisible();
  const label = (await status.getAttribute("aria-label")) ?? "";
  return Number(/: (\d+)\/100$/.exec(label)?.[1]);
}

test("keyboard only: the view tabs, the mapping confirmation and one answer with its live score", async ({ page }) => {
  test.setTimeout(120_000);
  const watched = watch(page);
  await openWorkbench(page);
  await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
  await expect(view(page, "Démarrer").getByRole("heading", { name: "Correspondance des colonnes" })).toBeVisible({
    timeout: 20_000,
  });

  await test.step("Tab from the top of the pane lands on the selected view tab", async () => {
    // The pointer only places the reading point at the pane's title, as a user arriving in the pane.
    await pane(page).getByRole("heading", { name: "SPASER pour Excel" }).click();
    await page.keyboard.press("Tab");
    await expectFocusOn(page, paneTab(page, "Démarrer"));
  });

  await test.step("arrow keys, Home and End move the focus between tabs; Enter or Space opens the view", async () => {
    // Fluent TabList: the arrow keys move the focus only (manual activation), circularly.
    await page.keyboard.press("ArrowRight");
    await expectFocusOn(page, paneTab(page, "Cotation"));
    await expect(paneTab(page, "Cotation")).toHaveAttribute("aria-selected", "false");
    await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
    await expect(view(page, "Démarrer")).toBeVisible();
    await page.keyboard.press("End");
    await expectFocusOn(page, paneTab(page, "Paramètres"));
    await page.keyboard.press("Home");
    await expectFocusOn(page, paneTab(page, "Démarrer"));
    await page.keyboard.press("ArrowLeft"); // from the first tab round to the last
    await expectFocusOn(page, paneTab(page, "Paramètres"));
    await page.keyboard.press("ArrowLeft");
    await expectFocusOn(page, paneTab(page, "Données ouvertes"));
    await expect(view(page, "Démarrer")).toBeVisible();

    await page.keyboard.press("Enter");
    await expect(paneTab(page, "Données ouvertes")).toHaveAttribute("aria-selected", "true");
    await expect(view(page, "Données ouvertes")).toBeVisible();
    await expect(view(page, "Démarrer")).toHaveCount(0);
    await expectFocusOn(page, paneTab(page, "Données ouvertes"));

    // A view that needs the mapping says so.
    await page.keyboard.press("ArrowLeft");
    await expectFocusOn(page, paneTab(page, "Comité"));
    await page.keyboard.press("Space");
    await expect(paneTab(page, "Comité")).toHaveAttribute("aria-selected", "true");
    await expect(pane(page).getByText(/Confirmez d'abord la correspondance des colonnes/)).toBeVisible();

    await page.keyboard.press("Home");
    await page.keyboard.press("Space");
    await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");
    await expect(view(page, "Démarrer")).toBeVisible();
    await expectFocusOn(page, paneTab(page, "Démarrer"));
  });

  await test.step("Démarrer: confirm the mapping, read what was stored, go on to Cotation", async () => {
    const confirm = view(page, "Démarrer").getByRole("button", { name: "Confirmer la correspondance" });
    await tabTo(page, confirm);
    await expectFocusOn(page, confirm);
    await page.keyboard.press("Enter");

    const next = view(page, "Démarrer").getByRole("button", { name: "Commencer la cotation" });
    await expectFocusOn(page, next);
    const success = view(page, "Démarrer").locator(".fui-MessageBar").filter({ hasText: "C'est fait" });
    await expect(success).toContainText("Correspondance des colonnes de");
    await expect(success).toContainText(/En-têtes en ligne \d+ ; \d+ champs sur \d+ reliés à une colonne\./);
    // Both are on screen, below the long mapping: the focus brought them into view.
    await expect(success).toBeInViewport({ ratio: 1 });
    await expect(next).toBeInViewport({ ratio: 1 });
    await expect(paneTab(page, "Démarrer")).toHaveAttribute("aria-selected", "true");

    await page.keyboard.press("Enter");
    await expect(paneTab(page, "Cotation")).toHaveAttribute("aria-selected", "true");
    await expectFocusOn(page, paneTab(page, "Cotation"));
    await expect(view(page, "Cotation")).toBeVisible();
  });

  await test.step("Cotation: answer a question with the keys and see the live score change", async () => {
    const questions = view(page, "Cotation").getByRole("radiogroup");
    await expect(questions.first()).toBeVisible({ timeout: 20_000 });
    const first = questions.first();
    const option = (name: string) => first.getByRole("radio", { name, exact: true });
    const completeness = view(page, "Cotation").getByText(/^Réponses : \d+ sur \d+ questions applicables$/);
    await expect(completeness).toHaveText(/^Réponses : 0 sur/);
    const unanswered = await overallScore(page);

    // Tab enters the question on its first answer; Space gives it.
    await tabTo(page, option("Oui"));
    await expectFocusOn(page, option("Oui"));
    await page.keyboard.press("Space");
    await expect(option("Oui")).toBeChecked();
    await expect(completeness).toHaveText(/^Réponses : 1 sur/);
    // « Oui » = the lever is already in place: no room left, the potential stays where it was.
    expect(await overallScore(page)).toBe(unanswered);

    // → moves the answer: « Non » leaves room (half feasible), « À étudier » leaves room the service will study.
    await page.keyboard.press("ArrowRight");
    await expect(option("Non")).toBeChecked();
    await expectFocusOn(page, option("Non"));
    await expect.poll(() => overallScore(page)).toBeGreaterThan(unanswered);
    const refused = await overallScore(page);
    await page.keyboard.press("ArrowRight");
    await expect(option("À étudier")).toBeChecked();
    await expectFocusOn(page, option("À étudier"));
    await expect.poll(() => overallScore(page)).toBeGreaterThan(refused);
    await expect(view(page, "Cotation").getByText("Modifications non enregistrées (1)")).toBeVisible();
  });

  await test.step("back to the tab list with Shift+Tab, then each view by keyboard now that the mapping is stored", async () => {
    await tabTo(page, paneTab(page, "Cotation"), "Shift+Tab");
    await expectFocusOn(page, paneTab(page, "Cotation"));
    const open = async (keys: readonly string[], name: string) => {
      for (const key of keys) await page.keyboard.press(key);
      await expectFocusOn(page, paneTab(page, name));
      await expect(paneTab(page, name)).toHaveAttribute("aria-selected", "true");
      await expect(view(page, name)).toBeVisible({ timeout: 20_000 });
      await expect(tabList(page).getByRole("tab", { selected: true })).toHaveCount(1);
    };
    await open(["ArrowRight", "Enter"], "Tableau de bord");
    await expect(view(page, "Tableau de bord").getByRole("button", { name: /Construire/ })).toBeVisible();
    await open(["ArrowRight", "Space"], "Comité");
    await expect(view(page, "Comité").getByRole("button", { name: "Construire la liste du comité" })).toBeVisible();
    await open(["End", "Enter"], "Paramètres");
    await open(["ArrowLeft", "Enter"], "Données ouvertes");
    await open(["Home", "Enter"], "Démarrer");
    await expect(view(page, "Démarrer").getByText("Correspondance enregistrée")).toBeVisible();
  });

  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(watched.problems).toEqual([]);
});
