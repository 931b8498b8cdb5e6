/**
 * The CLI's figures. syncs_score_one / syncs_refresh_1000 / syncs_refresh_20000: context.sync() calls of the
 * score's read + write (readContracts + writeOwnedColumns) on generated tables of 1, 1 000 and 20 000
 * contracts (must not grow with rows); max_request_bytes_refresh_20000: largest request of the 20 000 run
 * (Office's limit is 5 MB). With ../shared/data present: cli_score_largest_s, the CLI's score (or init when
 * no table is found) of crosne_CALC-DEP-3 end to end, and cli_score_vs_raw_ratio against the library's own
 * read + write of the same file (goal ≤ 1.3); decp_import_records_per_s, `spaser decp import` of the
 * tabular DECP extract, records per second end to end.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contractsWorkbook } from "../test/support/sim-run";
import { inspectWorkbook, sourceFromInspection } from "../src/excel";
import { main } from "../src/cli/main";
import { onWorkbook, scoreContracts } from "../src/cli/workbook";
import { loadWorkbookFromPath } from "../src/sim/node";
import { saveWorkbook } from "../src/sim";
import { getPreset } from "../src/spaser/presets";

type Figures = Record<string, number | string>;
const silent = { stdout: () => undefined, stderr: () => undefined };

async function scoreSyncs(count: number): Promise<{ syncs: number; maxRequestBytes: number }> {
  const sample = contractsWorkbook(count);
  await sample.build();
  const { result: report } = await onWorkbook(sample.workbook, inspectWorkbook);
  const source = sourceFromInspection(report.tables[0]!);
  const { stats } = await onWorkbook(sample.workbook, (context) =>
    scoreContracts(context, source, { policy: getPreset("reference")!, today: "2026-11-22" }),
  );
  return { syncs: stats.syncs, maxRequestBytes: stats.maxRequestBytes };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

export async function measureCli(root: string): Promise<Figures> {
  const figures: Figures = {};
  figures["syncs_score_one"] = (await scoreSyncs(1)).syncs;
  figures["syncs_refresh_1000"] = (await scoreSyncs(1_000)).syncs;
  const large = await scoreSyncs(20_000);
  figures["syncs_refresh_20000"] = large.syncs;
  figures["max_request_bytes_refresh_20000"] = large.maxRequestBytes;

  const data = join(root, "..", "shared", "data");
  const largest = join(data, "workbooks", "crosne_CALC-DEP-3_restauration-fluides-2025.xlsx");
  const decp = join(data, "decp", "decp_2024H2_travaux_cpv4521_filtered.csv");
  const folder = mkdtempSync(join(tmpdir(), "spaser-bench-"));
  try {
    if (existsSync(largest)) {
      const raw = () => timed(async () => saveWorkbook(await loadWorkbookFromPath(largest)));
      const cli = () =>
        timed(async () => {
          const code = await main(["score", largest, "-o", join(folder, "score.xlsx")], silent);
          if (code === 2) await main(["init", largest, "-o", join(folder, "init.xlsx")], silent);
        });
      // Alternated and the best of two each, so that JIT warm-up and GC favour neither side.
      const rawTimes = [await raw(), 0];
      const cliTimes = [await cli(), 0];
      rawTimes[1] = await raw();
      cliTimes[1] = await cli();
      const cliBest = Math.min(...cliTimes);
      figures["cli_score_largest_s"] = Number(cliBest.toFixed(2));
      figures["cli_score_vs_raw_ratio"] = Number((cliBest / Math.min(...rawTimes)).toFixed(2));
    }
    if (existsSync(decp)) {
      let records = 0;
      const seconds = await timed(async () => {
        let out = "";
        await main(["decp", "import", decp, "-o", join(folder, "decp.xlsx")], {
          stdout: (t) => void (out += t),
          stderr: () => undefined,
        });
        records = Number(/([\d\s ]+) enregistrement/.exec(out)?.[1]?.replace(/\s/g, "") ?? 0);
      });
      figures["decp_import_records_per_s"] = Math.round(records / seconds);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return figures;
}
