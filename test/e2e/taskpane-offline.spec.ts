import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const OFFICE_CDN = "https://appsforoffice.microsoft.com/**";

test.describe("task pane page outside Excel", () => {
  test("renders its 'open in Excel' state without Microsoft's CDN, accessibly and without errors", async ({
    page,
  }, testInfo) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    // Offline: the CDN is unreachable. The pane must not depend on it.
    await page.route(OFFICE_CDN, (route) => route.abort("internetdisconnected"));

    await page.goto("/taskpane.html");

    await expect(page.getByRole("heading", { name: "SPASER pour Excel" })).toBeVisible();
    await expect(page.getByText("Ouvrez ce complément dans Excel")).toBeVisible();
    await expect(page.getByText("npm run workbench")).toBeVisible();

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page.screenshot({ path: testInfo.outputPath("taskpane-offline.png"), fullPage: true });
    // The only failure allowed is the blocked office.js itself.
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("office.js"))).toEqual([]);
  });

  test("the custom functions bundle loads outside Excel without throwing", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route(OFFICE_CDN, (route) => route.abort("internetdisconnected"));
    await page.goto("/taskpane.html");
    await expect(page.getByText("Ouvrez ce complément dans Excel")).toBeVisible();
    expect(errors).toEqual([]);
  });
});
