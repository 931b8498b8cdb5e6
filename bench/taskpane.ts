/**
 * Task pane readiness in the workbench (production build, sample workbook, headless Chromium, 5 runs):
 * from navigation to the pane's Start view showing the detected column mapping. Reference: a page that
 * renders an empty FluentProvider, measured the same way.
 */
import { chromium } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "../scripts/serve-static";

const RUNS = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3310);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureTaskpane(root: string): Promise<Record<string, number>> {
  const out = mkdtempSync(join(tmpdir(), "spaser-bench-wb-"));
  execFileSync("npx", ["webpack", "--mode", "production", "--env", "workbench", "--env", `outputPath=${out}`], {
    cwd: root,
    stdio: "pipe",
  });
  const server = await serveStatic(out, PORT, "127.0.0.1");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const time = async (path: string, ready: (page: import("@playwright/test").Page) => Promise<void>) => {
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        const start = Date.now();
        await page.goto(`http://127.0.0.1:${PORT}/${path}`);
        await ready(page);
        samples.push(Date.now() - start);
        await context.close();
      }
      return median(samples);
    };
    const blank = await time("blank.html", (page) => page.locator("[data-ready]").waitFor({ timeout: 60_000 }));
    const pane = await time("", (page) =>
      page.getByRole("heading", { name: "Correspondance des colonnes" }).waitFor({ timeout: 120_000 }),
    );
    return {
      taskpane_ready_ms_median: pane,
      taskpane_ready_vs_blank_ratio: Number((pane / Math.max(blank, 1)).toFixed(1)),
    };
  } finally {
    await browser.close();
    server.close();
  }
}
