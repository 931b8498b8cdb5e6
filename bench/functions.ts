/**
 * Custom-function speed, measured on the production bundle (dist/functions.js, what Excel loads), its functions
 * registered through the same `CustomFunctions.associate` calls Excel receives.
 * fn_scalar_ns_per_call: median, over the contract-level functions, of the time per call (10^6 calls in all),
 * called the way Excel calls them (by id, all parameters passed);
 * fn_scalar_baseline_ratio against a hand-inlined version of the same arithmetic on the same inputs.
 * fn_rate_cells_per_s: RATE over 10^6 cells; fn_rate_baseline_ratio against a plain typed loop.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInThisContext } from "node:vm";
import { serial } from "../test/support/excel-functions";

interface BundledFunctions {
  call(id: string, ...args: unknown[]): unknown;
  /** The registered function and the arguments Excel would pass (every declared parameter, null if omitted). */
  prepare(id: string, args: readonly unknown[]): () => unknown;
}

/** Builds the production bundle and loads it as Excel's runtime would: a CustomFunctions global receives it. */
function loadBundledFunctions(root: string): BundledFunctions {
  const out = mkdtempSync(join(tmpdir(), "spaser-bench-fn-"));
  execFileSync("npx", ["webpack", "--mode", "production", "--env", `outputPath=${out}`], { cwd: root, stdio: "pipe" });
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  class CellError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  const runtime = {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
    Error: CellError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" },
  };
  (globalThis as Record<string, unknown>).CustomFunctions = runtime;
  try {
    runInThisContext(readFileSync(join(out, "functions.js"), "utf8"), { filename: "functions.js" });
  } finally {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  }
  const metadata = JSON.parse(readFileSync(join(out, "functions.json"), "utf8")) as {
    functions: { id: string; parameters: unknown[] }[];
  };
  const arity = new Map(metadata.functions.map((f) => [f.id, f.parameters.length]));
  const prepare = (id: string, args: readonly unknown[]) => {
    const fn = registered.get(id);
    if (!fn) throw new Error(`${id} is not registered by the bundle`);
    const padded = Array.from({ length: arity.get(id) ?? args.length }, (_, i) => (i < args.length ? args[i] : null));
    return () => fn(...padded);
  };
  return { prepare, call: (id, ...args) => prepare(id, args)() };
}

const TOTAL_SCALAR_CALLS = 1_000_000;
const RATE_CELLS = 1_000_000;

type Case = { id: string; args: unknown[]; baseline: (i: number) => unknown };

const LAUNCH = serial("2026-09-01");
const CAP = 90_000;
const EU_LOCAL_FS_2026 = 216_000;

/** Inputs vary with i so nothing is constant-folded; the baselines do the bare arithmetic of each rule. */
function cases(): Case[] {
  return [
    {
      id: "ELIGIBLE_RESERVE",
      args: [50_000, [["SIAE;EA"]]],
      baseline: (i) => 50_000 + i < CAP && "SIAE;EA".includes("SIAE"),
    },
    {
      id: "INSERTION_HOURS",
      args: [1_000_000, 0.5, 0.05, 30],
      baseline: (i) => Math.round(((1_000_000 + i) * 0.5 * 0.05) / 30),
    },
    {
      id: "INSERTION_STUDY",
      args: [230_000, LAUNCH, "collectivite", "fournitures"],
      baseline: (i) => (230_000 + i >= EU_LOCAL_FS_2026 ? 2 : 230_000 + i > CAP ? 1 : 0),
    },
    {
      id: "ADVANCE_RATE",
      args: [100_000, 6, true, 20, "collectivite", LAUNCH],
      baseline: (i) => {
        const [amount, months, employees] = [100_000 + i, 6 + (i & 1), 20 + (i & 1)];
        return amount > 50_000 && months > 2 ? (employees < 50 && amount < EU_LOCAL_FS_2026 ? 0.3 : 0.05) : 0;
      },
    },
    {
      id: "ADVANCE_AMOUNT",
      args: [120_000, 24, 0.05],
      baseline: (i) => Math.round(((120_000 + i) * 1.2 * 12 * 0.05 * 100) / 24) / 100,
    },
    {
      id: "PRICE_REVISION",
      args: [24, 0.1],
      baseline: (i) => {
        const [months, share] = [24 + (i & 1), 0.1 + (i & 1) / 100];
        return months > 3 && share >= 0.3 ? 2 : months >= 12 ? 1 : 0;
      },
    },
    {
      id: "THRESHOLD",
      args: ["eu_fs_local", LAUNCH],
      baseline: (i) => (LAUNCH + (i & 1) >= 46_023 ? EU_LOCAL_FS_2026 : 221_000),
    },
    {
      id: "COMPLIANCE",
      args: [LAUNCH, 150_000, true, true, null, "collectivite", "fournitures"],
      baseline: (i) => (LAUNCH + (i & 1) >= 46_255 ? (150_000 + i >= EU_LOCAL_FS_2026 ? 0 : 1) : 2),
    },
    { id: "MILESTONES", args: [serial("2028-03-31")], baseline: (i) => [[46_112 + (i & 1), 46_418, 46_477]] },
    {
      id: "RESERVE_ADVICE",
      args: [200_000, 40, 2_000_000],
      baseline: (i) => {
        const suppliers = 40 + (i & 1);
        return suppliers > 30 && (200_000 + i) / 2_000_000 < 0.3 ? 0 : suppliers > 10 ? 1 : 2;
      },
    },
  ];
}

function nsPerCall(run: (i: number) => unknown, calls: number): number {
  let sink = 0;
  for (let i = 0; i < Math.min(calls, 2_000); i++) if (run(i)) sink++; // warm-up (JIT)
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) if (run(i)) sink++;
  const elapsed = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return elapsed / calls;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measureFunctions(root: string): Promise<Record<string, number>> {
  const excel = loadBundledFunctions(root);
  const all = cases();
  const perFunction = Math.floor(TOTAL_SCALAR_CALLS / all.length);
  const fnTimes = all.map((c) => nsPerCall(excel.prepare(c.id, c.args), perFunction));
  const baseTimes = all.map((c) => nsPerCall(c.baseline, perFunction));

  const flags: unknown[][] = Array.from({ length: RATE_CELLS }, (_, i) => [
    i % 3 === 0 ? "Oui" : i % 3 === 1 ? "Non" : "",
  ]);
  const start = process.hrtime.bigint();
  const rate = excel.call("RATE", flags) as number;
  const rateSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const typed = new Uint8Array(RATE_CELLS).map((_, i) => i % 3);
  const baseStart = process.hrtime.bigint();
  let yes = 0;
  let filled = 0;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === 0) yes++;
    if (typed[i] !== 2) filled++;
  }
  const baseSeconds = Number(process.hrtime.bigint() - baseStart) / 1e9;
  if (Math.abs(rate - yes / filled) > 1e-9) throw new Error("RATE disagrees with the baseline loop");

  const scalar = median(fnTimes);
  return {
    fn_scalar_ns_per_call: Math.round(scalar),
    fn_scalar_baseline_ratio: Number((scalar / Math.max(median(baseTimes), 1)).toFixed(1)),
    fn_rate_cells_per_s: Math.round(RATE_CELLS / rateSeconds),
    fn_rate_baseline_ratio: Number((rateSeconds / Math.max(baseSeconds, 1e-9)).toFixed(1)),
  };
}
