/** Gzip sizes of the production bundles (budgets: functions ≤ 40 KB, task pane initial ≤ 300 KB). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export function measureBundles(root: string): Record<string, number> {
  const out = mkdtempSync(join(tmpdir(), "spaser-bench-"));
  execFileSync("npx", ["webpack", "--mode", "production", "--env", `outputPath=${out}`], { cwd: root, stdio: "pipe" });
  return {
    bundle_functions_gz_bytes: gzipBytes(join(out, "functions.js")),
    bundle_taskpane_gz_bytes: gzipBytes(join(out, "taskpane.js")),
  };
}
