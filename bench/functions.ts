/**
 * Custom-function speed, measured on the production bundle (dist/functions.js, what Excel loads), its functions
 * registered through the same `CustomFunctions.associate` calls Excel receives.
 * fn_scalar_ns_per_call: median, over the contract-level functions, of the time per call (10^6 calls in all),
 * called the way Excel calls them (by id, all parameters passed, inputs changing from call to call).
 * fn_scalar_baseline_ratio: median over the functions of (function time ÷ baseline time), the baseline being a
 * hand-inlined computation of the same result from the same cells (same number, same French text: checked on
 * every input before timing); fn_scalar_baseline_ratio_max the worst function; fn_scalar_vs_decision_only_ratio
 * against the bare decision without the text the function writes (reported, not a goal).
 * fn_rate_cells_per_s: RATE over 10^6 cells; fn_rate_baseline_ratio against a plain loop over the same cells;
 * fn_rate_vs_uint8_ratio against a loop over the decisions pre-typed in a byte array (reported, not a goal).
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
/** Argument lists per function: the inputs change from call to call, as they do down a column. */
const VARIANTS = 1_024;

/**
 * One contract-level function: the arguments of variant k as Excel hands them (cells: numbers, texts,
 * booleans, null), the hand-inlined baseline that computes the very same result from the same cells (the
 * bench refuses to run if any variant differs), and the bare decision (what the rule decides, without the
 * text it writes), reported separately.
 */
type Case = {
  id: string;
  args: (k: number) => unknown[];
  baseline: (k: number) => unknown;
  decision: (k: number) => unknown;
};

const LAUNCH = serial("2026-09-01");
const CAP = 90_000;
const EU_LOCAL_FS_2026 = 216_000;
const EU_LOCAL_FS_2024 = 221_000;
const EU_2026_START = serial("2026-01-01");
const LOI_CLIMAT_START = serial("2026-08-21");

// Hand-written French formatting, as a by-hand implementation of the functions would have to write it.
function groupedDigits(n: number): string {
  const text = String(Math.trunc(n));
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && (text.length - i) % 3 === 0) out += " ";
    out += text[i];
  }
  return out;
}
function eurosText(n: number): string {
  const cents = Math.round((n - Math.trunc(n)) * 100);
  if (cents === 0) return `${groupedDigits(n)} €`;
  return `${groupedDigits(n)},${cents % 10 === 0 ? cents / 10 : cents < 10 ? `0${cents}` : cents} €`;
}
function percentText(fraction: number): string {
  return `${String(Math.round(fraction * 1000) / 10).replace(".", ",")} %`;
}
/** Civil date of an Excel serial (H. Hinnant's civil_from_days), as [year, month, day]. */
function civil(serialDay: number): [number, number, number] {
  const z = serialDay - 25_569 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}
function serialOf(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468 + 25_569;
}
function monthsBefore(serialDay: number, months: number): number {
  const [y, m, d] = civil(serialDay);
  const index = y * 12 + m - 1 - months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
  const last = tm === 2 ? (leap ? 29 : 28) : tm === 4 || tm === 6 || tm === 9 || tm === 11 ? 30 : 31;
  return serialOf(ty, tm, Math.min(d, last));
}
function frenchDateText(serialDay: number): string {
  const [y, m, d] = civil(serialDay);
  return `${d < 10 ? "0" : ""}${d}/${m < 10 ? "0" : ""}${m}/${y}`;
}

const L2112_2_1_EXCEPTIONS =
  "sauf exceptions à vérifier (solution immédiatement disponible, absence de lien suffisant avec l'objet, risque pour la concurrence ou l'exécution)";
const R2112_13_NOTE =
  "Le prix doit aussi être révisable si les parties sont exposées à des aléas majeurs prévisibles, notamment sur les matières premières agricoles et alimentaires (R2112-13).";
const POTENTIEL_INCLUSIF_RULE =
  "Règle du potentiel inclusif : plus de 30 fournisseurs et poids < 30 % → réservation totale ; plus de 10 → lot réservé ; plus de 1 → clause sociale ; 1 → critère social ; aucun → pas de mesure.";

const EU_PERIODS_BY_NAME = new Map<string, [number, number][]>([
  [
    "eu_fs_local",
    [
      [EU_2026_START, EU_LOCAL_FS_2026],
      [serial("2024-01-01"), EU_LOCAL_FS_2024],
    ],
  ],
]);

/** Inputs vary with k (amounts, dates, durations) so nothing is one repeated call. */
function cases(): Case[] {
  const reserveAmount = (k: number) => 50_000 + k * 49; // both sides of the 90 000 € cap
  const studyAmount = (k: number) => EU_LOCAL_FS_2026 + k * 37.5;
  const rateAmount = (k: number) => 100_000 + k * 97;
  const months = (k: number) => 12 + (k % 25);
  const [jan2024, jan2027] = [serial("2024-01-01"), serial("2027-01-01")];
  const thresholdDate = (k: number) => jan2024 + ((k * 7) % 1_461);
  const awardDate = (k: number) => jan2027 + k;
  const suppliers = (k: number) => 31 + (k % 30);
  const adviceAmount = (k: number) => 100_000 + k * 391;
  return [
    {
      id: "ELIGIBLE_RESERVE",
      args: (k) => [reserveAmount(k), [["SIAE;EA"]]],
      baseline: (k) => {
        const offers = "SIAE;EA".split(";");
        return reserveAmount(k) < CAP && (offers.includes("SIAE") || offers.includes("EA") || offers.includes("ESAT"));
      },
      decision: (k) => reserveAmount(k) < CAP,
    },
    {
      id: "INSERTION_HOURS",
      args: (k) => [1_000_000 + k * 1_000, 0.5, 0.05, 30],
      baseline: (k) => Math.round(((1_000_000 + k * 1_000) * 0.5 * 0.05) / 30),
      decision: (k) => Math.round(((1_000_000 + k * 1_000) * 0.5 * 0.05) / 30),
    },
    {
      id: "INSERTION_STUDY",
      args: (k) => [studyAmount(k), LAUNCH, "collectivite", "fournitures"],
      baseline: (k) => {
        const amount = studyAmount(k);
        if (LAUNCH < LOI_CLIMAT_START || amount < EU_LOCAL_FS_2026) return "";
        return `Considération sociale obligatoire : Consultation lancée le ${frenchDateText(LAUNCH)}, montant de ${eurosText(amount)} HT supérieur ou égal au seuil européen de ${eurosText(EU_LOCAL_FS_2026)} HT : les conditions d'exécution doivent comporter une considération sociale ou d'emploi (L2112-2-1), ${L2112_2_1_EXCEPTIONS}.`;
      },
      decision: (k) => (studyAmount(k) >= EU_LOCAL_FS_2026 ? 2 : studyAmount(k) > CAP ? 1 : 0),
    },
    {
      id: "ADVANCE_RATE",
      args: (k) => [rateAmount(k), 6 + (k & 1), true, 20 + (k & 7), "collectivite", LAUNCH],
      baseline: (k) => {
        const [amount, duration, employees] = [rateAmount(k), 6 + (k & 1), 20 + (k & 7)];
        if (amount <= 50_000 || duration <= 2) return 0;
        return employees < 50 && amount < EU_LOCAL_FS_2026 ? 0.3 : 0.05;
      },
      decision: (k) => (rateAmount(k) > 50_000 && rateAmount(k) < EU_LOCAL_FS_2026 ? 0.3 : 0.05),
    },
    {
      id: "ADVANCE_AMOUNT",
      args: (k) => [120_000 + k * 10, 24, 0.05],
      baseline: (k) => Math.round((((120_000 + k * 10) * 1.2 * 12) / 24) * 0.05 * 100) / 100,
      decision: (k) => Math.round((((120_000 + k * 10) * 1.2 * 12) / 24) * 0.05 * 100) / 100,
    },
    {
      id: "PRICE_REVISION",
      args: (k) => [months(k), 0.1],
      baseline: (k) => {
        const duration = months(k);
        if (duration > 3 && 0.1 >= 0.3) return "";
        if (duration < 12) return "";
        return `Révision des prix recommandée : Durée de ${duration} mois, au moins 12 mois : révision des prix recommandée (SPASER action 19, orientation et non règle du code). ${R2112_13_NOTE}`;
      },
      decision: (k) => (months(k) > 3 && 0.1 >= 0.3 ? 2 : months(k) >= 12 ? 1 : 0),
    },
    {
      id: "THRESHOLD",
      args: (k) => ["eu_fs_local", thresholdDate(k)],
      baseline: (k) => {
        // A hand-written table: the threshold's periods by name, latest first.
        const periods = EU_PERIODS_BY_NAME.get("eu_fs_local") ?? [];
        const date = thresholdDate(k);
        for (const [from, value] of periods) if (date >= from) return value;
        return 0;
      },
      decision: (k) => (thresholdDate(k) >= EU_2026_START ? EU_LOCAL_FS_2026 : EU_LOCAL_FS_2024),
    },
    {
      id: "COMPLIANCE",
      args: (k) => [LAUNCH + (k % 90), 150_000 + k * 50, true, true, null, "collectivite", "fournitures"],
      baseline: (k) => (LAUNCH + (k % 90) >= LOI_CLIMAT_START && 150_000 + k * 50 < EU_LOCAL_FS_2026 ? "Conforme" : ""),
      decision: (k) => (LAUNCH + (k % 90) >= LOI_CLIMAT_START ? (150_000 + k * 50 >= EU_LOCAL_FS_2026 ? 0 : 1) : 2),
    },
    {
      id: "MILESTONES",
      args: (k) => [awardDate(k)],
      baseline: (k) => [
        [monthsBefore(awardDate(k), 24), monthsBefore(awardDate(k), 14), monthsBefore(awardDate(k), 12)],
      ],
      decision: (k) => [[awardDate(k) - 730, awardDate(k) - 426, awardDate(k) - 365]],
    },
    {
      id: "RESERVE_ADVICE",
      args: (k) => [adviceAmount(k), suppliers(k), 2_000_000],
      baseline: (k) => {
        const [amount, count] = [adviceAmount(k), suppliers(k)];
        const weight = amount / 2_000_000;
        if (count <= 30 || weight >= 0.3) return "";
        const cap =
          amount < CAP
            ? ""
            : ` Le montant dépasse le plafond SPASER de ${eurosText(CAP)} HT, choix local : la loi ne fixe aucun plafond.`;
        return `Réservation totale du marché : Conseil : réservation totale du marché (${count} fournisseurs inclusifs, poids économique de l'acheteur ${percentText(weight)} du chiffre d'affaires moyen). ${POTENTIEL_INCLUSIF_RULE}${cap}`;
      },
      decision: (k) => (suppliers(k) > 30 && adviceAmount(k) / 2_000_000 < 0.3 ? 0 : suppliers(k) > 10 ? 1 : 2),
    },
  ];
}

const ROUNDS = 50;
const WARM_UP_CALLS = 30_000; // steady state, as in a workbook that recalculates

/**
 * Nanoseconds per call of each runner, measured in alternating batches (one batch of each runner per round,
 * `calls` calls per runner in all), each runner's figure being its median batch: a busy machine slows the
 * runners of a round alike, so their ratios hold.
 */
function nsPerCallInterleaved(runners: ((i: number) => unknown)[], calls: number): number[] {
  let sink = 0;
  for (const run of runners) for (let i = 0; i < WARM_UP_CALLS; i++) if (run(i)) sink++;
  const batch = Math.max(1, Math.floor(calls / ROUNDS));
  const times = runners.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [r, run] of runners.entries()) {
      const start = process.hrtime.bigint();
      for (let i = round * batch; i < (round + 1) * batch; i++) if (run(i)) sink++;
      times[r]!.push(Number(process.hrtime.bigint() - start) / batch);
    }
  }
  if (sink < 0) console.log(sink);
  return times.map(median);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sameResult(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function measureFunctions(root: string): Promise<Record<string, number>> {
  const excel = loadBundledFunctions(root);
  const all = cases();
  const perFunction = Math.floor(TOTAL_SCALAR_CALLS / all.length);
  const mask = VARIANTS - 1;
  const rows = all.map((c) => {
    const calls = Array.from({ length: VARIANTS }, (_, k) => excel.prepare(c.id, c.args(k)));
    for (let k = 0; k < VARIANTS; k++) {
      const [got, expected] = [calls[k]!(), c.baseline(k)];
      if (!sameResult(got, expected)) {
        throw new Error(
          `${c.id}, variante ${k} : la fonction donne ${JSON.stringify(got)}, la référence ${JSON.stringify(expected)}`,
        );
      }
    }
    const [fn, base, decision] = nsPerCallInterleaved(
      [(i) => calls[i & mask]!(), (i) => c.baseline(i & mask), (i) => c.decision(i & mask)],
      perFunction,
    ) as [number, number, number];
    if (process.env.BENCH_DETAIL) {
      console.error(
        `${c.id.padEnd(18)} ${fn.toFixed(0).padStart(6)} ns  same-output baseline ${base.toFixed(0).padStart(5)} ns (×${(fn / base).toFixed(1)})  decision only ${decision.toFixed(0)} ns`,
      );
    }
    return { fn, base, decision };
  });

  const flags: unknown[][] = Array.from({ length: RATE_CELLS }, (_, i) => [
    i % 3 === 0 ? "Oui" : i % 3 === 1 ? "Non" : "",
  ]);
  const expectedRate = Math.ceil(RATE_CELLS / 3) / (RATE_CELLS - Math.floor(RATE_CELLS / 3));
  const rateSeconds = bestOf(3, () => excel.call("RATE", flags) as number);
  if (Math.abs((excel.call("RATE", flags) as number) - expectedRate) > 1e-12) throw new Error("RATE : résultat faux");
  // The same cells, read by a plain loop that knows they hold exactly "Oui", "Non" or "".
  const plainSeconds = bestOf(3, () => {
    let yes = 0;
    let filled = 0;
    for (let i = 0; i < flags.length; i++) {
      const cell = flags[i]![0];
      if (cell === "Oui") yes++;
      if (cell !== "") filled++;
    }
    return yes / filled;
  });
  // The decisions alone, already typed (0 = yes, 1 = no, 2 = empty) in a byte array.
  const typed = new Uint8Array(RATE_CELLS).map((_, i) => i % 3);
  const typedSeconds = bestOf(3, () => {
    let yes = 0;
    let filled = 0;
    for (let i = 0; i < typed.length; i++) {
      if (typed[i] === 0) yes++;
      if (typed[i] !== 2) filled++;
    }
    return yes / filled;
  });

  const ratios = rows.map((r) => r.fn / Math.max(r.base, 1));
  return {
    fn_scalar_ns_per_call: Math.round(median(rows.map((r) => r.fn))),
    fn_scalar_baseline_ratio: Number(median(ratios).toFixed(1)),
    fn_scalar_baseline_ratio_max: Number(Math.max(...ratios).toFixed(1)),
    fn_scalar_vs_decision_only_ratio: Number(median(rows.map((r) => r.fn / Math.max(r.decision, 1))).toFixed(1)),
    fn_rate_cells_per_s: Math.round(RATE_CELLS / rateSeconds),
    fn_rate_baseline_ratio: Number((rateSeconds / plainSeconds).toFixed(1)),
    fn_rate_vs_uint8_ratio: Number((rateSeconds / typedSeconds).toFixed(1)),
  };
}

/** Best time of `runs` runs, in seconds; every run must give the same result as the first. */
function bestOf(runs: number, run: () => number): number {
  let best = Infinity;
  let first: number | undefined;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    const result = run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
    if (first === undefined) first = result;
    else if (Math.abs(result - first) > 1e-12) throw new Error("RATE : résultats différents d'une exécution à l'autre");
  }
  return best;
}
