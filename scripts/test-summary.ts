/**
 * Reads the runners' JSON reports and prints the closing line CI reads: "N passed, N failed".
 * A missing or unreadable report counts as one failure (a runner that crashed has not passed).
 */
import { existsSync, readFileSync } from "node:fs";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function checks(report: unknown): Counts | undefined {
  const r = report as { passed?: number; failed?: number } | undefined;
  return r && typeof r.passed === "number" ? { passed: r.passed, failed: r.failed ?? 0, skipped: 0 } : undefined;
}

function vitest(report: unknown): Counts | undefined {
  const r = report as
    { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | undefined;
  if (!r || typeof r.numPassedTests !== "number") return undefined;
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

function playwright(report: unknown): Counts | undefined {
  const r = report as
    { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | undefined;
  if (!r?.stats) return undefined;
  return {
    passed: (r.stats.expected ?? 0) + (r.stats.flaky ?? 0),
    failed: r.stats.unexpected ?? 0,
    skipped: r.stats.skipped ?? 0,
  };
}

const [checksPath, vitestPath, playwrightPath] = process.argv.slice(2) as [string, string, string];
const parts: [string, Counts | undefined][] = [
  ["checks", checks(readJson(checksPath))],
  ["vitest", vitest(readJson(vitestPath))],
  ["playwright", playwright(readJson(playwrightPath))],
];
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const [name, counts] of parts) {
  if (!counts) {
    console.log(`${name}: pas de rapport lisible (compté comme un échec)`);
    total.failed += 1;
    continue;
  }
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
