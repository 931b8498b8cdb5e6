/**
 * The policy as a plain table of rows `[Clé, Valeur, Année]` (plus an optional French `Libellé`), as it
 * lives in the sheet "SPASER Paramètres" and as custom functions receive it (a 2-D range of values).
 *
 * Keys (see `policyKeys`): `nom`, `preset`, `phase.1.debut` … `phase.2.fin`, `cible.<indicateur>.phase1`,
 * `cible.<indicateur>.phase2`, `cible.<indicateur>` with a year in the Année column, `regle.<paramètre>`,
 * `poids.axe.<axe>`, `poids.question.<id>`, `priorite.action` and `priorite.theme` (one row each).
 *
 * Parsing never throws. A key the table does not give falls back to the preset named on the `preset`
 * row (default: reference). An empty target value means "no target" (it removes the preset's); the
 * serialiser writes every indicator's two phase rows, empty ones included, so a round trip is exact.
 * Yearly targets and priority lists come from the table as a whole when it has any such row.
 */
import { findIndicator, INDICATORS, type IndicatorId } from "./indicators";
import { AXIS_LABELS } from "./actions";
import { checkRuleValue, RULE_KEYS, RULE_SPECS } from "./local-rules";
import {
  foldKey,
  isEmptyCell,
  quoteCell,
  parseAmount,
  parseNumber,
  parsePercent,
  parseText,
  type CellResult,
} from "./normalize";
import {
  MAX_PLAN_YEAR,
  MIN_PLAN_YEAR,
  PHASE_IDS,
  PHASE_LABELS,
  policyKeys,
  SPASER_ACTION_COUNT,
  targetRangeMessage,
  validatePolicy,
  type IndicatorTargets,
  type PhaseId,
  type Policy,
} from "./policy";
import { DEFAULT_PRESET_ID, getPreset, PRESET_IDS, PRESETS } from "./presets";
import { AXIS_IDS, type AxisId, type LocalRules } from "./types";

export type PolicyTableCell = string | number;
export const POLICY_TABLE_HEADER: readonly string[] = ["Clé", "Valeur", "Année"];
export const POLICY_TABLE_LABEL_HEADER = "Libellé";

export interface PolicyTableOptions {
  /** Add a fourth column with a French label for each key (ignored when the table is read back). */
  readonly labels?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Policy → rows
// ---------------------------------------------------------------------------------------------------------

/** The policy as rows, header first. Values are numbers or text; the year is "" when not year-specific. */
export function policyToTable(policy: Policy, options: PolicyTableOptions = {}): PolicyTableCell[][] {
  const rows: [string, PolicyTableCell, PolicyTableCell, string][] = [];
  const push = (key: string, value: PolicyTableCell | undefined, label: string, year: PolicyTableCell = "") =>
    rows.push([key, value ?? "", year, label]);

  push(policyKeys.name, policy.name, "Nom de la politique");
  push(policyKeys.preset, policy.presetId, `Modèle de départ (${PRESET_IDS.join(", ")})`);
  for (const phase of PHASE_IDS) {
    push(policyKeys.phaseStart(phase), policy.phases[phase].startYear, `Début de la ${PHASE_LABELS[phase]} (année)`);
    push(policyKeys.phaseEnd(phase), policy.phases[phase].endYear, `Fin de la ${PHASE_LABELS[phase]} (année)`);
  }
  for (const def of INDICATORS) {
    const targets = policy.targets[def.id];
    for (const phase of PHASE_IDS) {
      push(policyKeys.target(def.id, phase), targets?.[phase], `Cible ${PHASE_LABELS[phase]} : ${def.labelFr}`);
    }
    for (const [year, value] of Object.entries(targets?.byYear ?? {})) {
      push(policyKeys.target(def.id), value, `Cible de l'année : ${def.labelFr}`, Number(year));
    }
  }
  for (const key of RULE_KEYS) push(policyKeys.rule(key), policy.rules[key], RULE_SPECS[key].labelFr);
  for (const axis of AXIS_IDS)
    push(policyKeys.axisWeight(axis), policy.weights.axisWeights[axis], `Poids : ${AXIS_LABELS[axis]}`);
  for (const [questionId, weight] of Object.entries(policy.weights.questionWeights)) {
    push(policyKeys.questionWeight(questionId), weight, `Poids de la question ${questionId}`);
  }
  const actionLabel = "Action prioritaire du SPASER (numéro, une ligne par action)";
  if (policy.weights.priorityActions.length === 0) push(policyKeys.priorityAction, "", actionLabel);
  for (const action of policy.weights.priorityActions) push(policyKeys.priorityAction, action, actionLabel);
  const themeLabel = "Priorité locale (thème libre, une ligne par thème)";
  if (policy.priorities.length === 0) push(policyKeys.priorityTheme, "", themeLabel);
  for (const theme of policy.priorities) push(policyKeys.priorityTheme, theme, themeLabel);

  const header = options.labels ? [...POLICY_TABLE_HEADER, POLICY_TABLE_LABEL_HEADER] : [...POLICY_TABLE_HEADER];
  return [
    header,
    ...rows.map(([key, value, year, label]) => (options.labels ? [key, value, year, label] : [key, value, year])),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Rows → policy
// ---------------------------------------------------------------------------------------------------------

export interface PolicyTableError {
  /** Row number as the user sees it (the first row of the range, the header, is row 1); 0 = not in the table. */
  readonly row: number;
  readonly key: string;
  readonly message: string;
}

export type PolicyTableResult =
  { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly errors: readonly PolicyTableError[] };

const RULE_BY_FOLDED_KEY: ReadonlyMap<string, keyof LocalRules> = new Map(
  RULE_KEYS.map((key) => [key.toLowerCase(), key]),
);
const AXIS_BY_FOLDED_KEY: ReadonlyMap<string, AxisId> = new Map(AXIS_IDS.map((axis) => [axis, axis]));
const PHASE_BY_FOLDED_KEY: ReadonlyMap<string, PhaseId> = new Map([
  ["phase1", "phase1"],
  ["phase2", "phase2"],
]);
const HEADER_KEYS: ReadonlySet<string> = new Set(["cle", "key"]);

interface Row {
  readonly number: number;
  readonly rawKey: string;
  readonly value: unknown;
  readonly year: unknown;
}

/** Mutable state while reading: what the table gives, to lay over the preset. */
interface Overrides {
  name?: string;
  phases: Partial<Record<PhaseId, { startYear?: number; endYear?: number }>>;
  phaseTargets: Map<IndicatorId, Partial<Record<PhaseId, number | null>>>;
  yearTargets: Map<IndicatorId, Map<number, number>>;
  rules: Partial<Record<keyof LocalRules, number>>;
  axisWeights: Partial<Record<AxisId, number>>;
  questionWeights: Map<string, number>;
  priorityActions?: number[];
  priorities?: string[];
}

/**
 * Read a policy from table rows (header optional). Total: any 2-D array of cells gives a policy or a
 * list of errors, each with the row number the user sees and a French message.
 */
export function policyFromTable(rows: unknown): PolicyTableResult {
  if (!Array.isArray(rows)) {
    return {
      ok: false,
      errors: [{ row: 0, key: "", message: "La table des paramètres doit être une plage de cellules." }],
    };
  }
  const errors: PolicyTableError[] = [];
  const tableRows = readRows(rows, errors);

  const presetRow = tableRows.find((row) => foldKey(row.rawKey) === policyKeys.preset);
  let base = PRESETS[DEFAULT_PRESET_ID];
  if (presetRow !== undefined) {
    const presetText = parseText(presetRow.value);
    const preset = presetText?.ok ? getPreset(presetText.value.trim().toLowerCase()) : undefined;
    if (preset !== undefined) base = preset;
    else {
      errors.push(
        rowError(presetRow, `le modèle ${quoteCell(presetRow.value)} n'existe pas (${PRESET_IDS.join(", ")})`),
      );
    }
  }

  const overrides: Overrides = {
    phases: {},
    phaseTargets: new Map(),
    yearTargets: new Map(),
    rules: {},
    axisWeights: {},
    questionWeights: new Map(),
  };
  /** Canonical key (+ year) → row that gave it: detects duplicates and places validation errors. */
  const rowOfKey = new Map<string, number>();
  for (const row of tableRows) readRow(row, base, overrides, rowOfKey, errors);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };

  const policy = applyOverrides(base, overrides);
  for (const error of validatePolicy(policy)) {
    const row = rowOfKey.get(error.year === undefined ? error.key : `${error.key}@${error.year}`) ?? 0;
    const message = row > 0 ? `Ligne ${row} : ${lowerFirst(error.message)}` : error.message;
    errors.push({ row, key: error.key, message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy };
}

function readRows(rows: readonly unknown[], errors: PolicyTableError[]): Row[] {
  const result: Row[] = [];
  rows.forEach((cells, index) => {
    const number = index + 1;
    const [keyCell, value, year] = Array.isArray(cells) ? cells : [cells];
    if (isEmptyCell(keyCell) && isEmptyCell(value) && isEmptyCell(year)) return;
    if (typeof keyCell !== "string" || keyCell.trim() === "") {
      errors.push({
        row: number,
        key: "",
        message: `Ligne ${number} : la colonne Clé doit contenir le nom d'un paramètre.`,
      });
      return;
    }
    const rawKey = keyCell.trim();
    if (index === 0 && HEADER_KEYS.has(foldKey(rawKey))) return;
    result.push({ number, rawKey, value, year });
  });
  return result;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

function rowError(row: Row, message: string): PolicyTableError {
  return { row: row.number, key: row.rawKey, message: `Ligne ${row.number} : ${message}.` };
}

/** Interpret one row; errors are appended. */
function readRow(
  row: Row,
  base: Policy,
  o: Overrides,
  rowOfKey: Map<string, number>,
  errors: PolicyTableError[],
): void {
  const fail = (message: string) => errors.push(rowError(row, message));
  const key = foldKey(row.rawKey);
  const claim = (canonical: string): boolean => {
    const previous = rowOfKey.get(canonical);
    if (previous !== undefined) {
      fail(`« ${row.rawKey} » est déjà donné ligne ${previous}`);
      return false;
    }
    rowOfKey.set(canonical, row.number);
    return true;
  };
  const takesYear = /^cible\.[^.]+$/.test(key);
  if (!takesYear && !isEmptyCell(row.year)) {
    fail(`le paramètre « ${row.rawKey} » ne dépend pas de l'année : laissez la colonne Année vide`);
    return;
  }

  if (key === policyKeys.preset) {
    claim(policyKeys.preset);
    return; // already read
  }
  if (key === policyKeys.name) {
    if (!claim(policyKeys.name)) return;
    const name = parseText(row.value);
    if (name?.ok && name.value !== "") o.name = name.value;
    else fail("le nom de la politique doit être un texte non vide");
    return;
  }

  const phaseYear = /^phase\.([12])\.(debut|fin)$/.exec(key);
  if (phaseYear) {
    const phase: PhaseId = phaseYear[1] === "1" ? "phase1" : "phase2";
    const end = phaseYear[2] === "fin";
    const canonical = end ? policyKeys.phaseEnd(phase) : policyKeys.phaseStart(phase);
    if (!claim(canonical)) return;
    const year = readYear(row.value);
    if (year === undefined) {
      fail(
        `${end ? "la fin" : "le début"} de la ${PHASE_LABELS[phase]} doit être une année entre ${MIN_PLAN_YEAR} et ${MAX_PLAN_YEAR}`,
      );
      return;
    }
    const span = (o.phases[phase] ??= {});
    if (end) span.endYear = year;
    else span.startYear = year;
    return;
  }

  const target = /^cible\.([^.]+)(?:\.([^.]+))?$/.exec(key);
  if (target) {
    const rawName = row.rawKey.split(".")[1] ?? "";
    const def = findIndicator(rawName);
    if (def === undefined) {
      fail(`l'indicateur « ${rawName} » n'existe pas (${INDICATORS.map((d) => d.id).join(", ")})`);
      return;
    }
    if (target[2] !== undefined) {
      const phase = PHASE_BY_FOLDED_KEY.get(target[2]);
      if (phase === undefined) {
        fail(`« ${row.rawKey} » : la cible se termine par .phase1 ou .phase2, ou laisse l'année dans la colonne Année`);
        return;
      }
      if (!claim(policyKeys.target(def.id, phase))) return;
      const value = readFraction(row.value);
      if (value === "invalid") return void fail(targetRangeMessage(def.id));
      const phases = o.phaseTargets.get(def.id) ?? {};
      phases[phase] = value ?? null;
      o.phaseTargets.set(def.id, phases);
      return;
    }
    const year = readYear(row.year);
    if (year === undefined) {
      fail(
        `la cible annuelle « ${def.id} » demande une année (${MIN_PLAN_YEAR}–${MAX_PLAN_YEAR}) dans la colonne Année, ou la clé ${policyKeys.target(def.id, "phase1")}`,
      );
      return;
    }
    if (!claim(`${policyKeys.target(def.id)}@${year}`)) return;
    const years = o.yearTargets.get(def.id) ?? new Map<number, number>();
    o.yearTargets.set(def.id, years); // a year row, even empty, makes the table the source of yearly targets
    const value = readFraction(row.value);
    if (value === "invalid") return void fail(targetRangeMessage(def.id));
    if (value !== undefined) years.set(year, value);
    return;
  }

  const rule = /^regle\.(.+)$/.exec(key);
  if (rule) {
    const ruleKey = RULE_BY_FOLDED_KEY.get(rule[1] ?? "");
    if (ruleKey === undefined) {
      fail(`le paramètre « ${row.rawKey} » n'existe pas (${RULE_KEYS.map((k) => policyKeys.rule(k)).join(", ")})`);
      return;
    }
    if (!claim(policyKeys.rule(ruleKey))) return;
    const spec = RULE_SPECS[ruleKey];
    const result: CellResult<number> =
      spec.kind === "fraction"
        ? parsePercent(row.value)
        : spec.kind === "amount" || spec.kind === "hourlyCost"
          ? parseAmount(row.value)
          : parseNumber(row.value);
    if (result === undefined) return void fail(`la valeur de « ${policyKeys.rule(ruleKey)} » est vide`);
    const message = result.ok
      ? checkRuleValue(ruleKey, result.value)
      : `« ${policyKeys.rule(ruleKey)} » : ${lowerFirst(result.message)}`;
    if (message !== undefined) return void fail(message);
    if (result.ok) o.rules[ruleKey] = result.value;
    return;
  }

  const axis = /^poids\.axe\.(.+)$/.exec(key);
  if (axis) {
    const axisId = AXIS_BY_FOLDED_KEY.get(axis[1] ?? "");
    if (axisId === undefined) return void fail(`l'axe « ${axis[1]} » n'existe pas (${AXIS_IDS.join(", ")})`);
    if (!claim(policyKeys.axisWeight(axisId))) return;
    const weight = readWeight(row.value);
    if (weight === undefined) return void fail(`le poids de l'axe « ${axisId} » doit être un nombre positif ou nul`);
    o.axisWeights[axisId] = weight;
    return;
  }

  const question = /^poids\.question\.(.+)$/.exec(key);
  if (question) {
    const questionId = row.rawKey.slice(row.rawKey.indexOf(".", "poids.".length) + 1).trim();
    if (!claim(policyKeys.questionWeight(questionId))) return;
    if (isEmptyCell(row.value)) return; // empty = the question's default weight
    const weight = readWeight(row.value);
    if (weight === undefined)
      return void fail(`le poids de la question « ${questionId} » doit être un nombre positif ou nul`);
    o.questionWeights.set(questionId, weight);
    return;
  }

  if (key === policyKeys.priorityAction) {
    if (!rowOfKey.has(policyKeys.priorityAction)) rowOfKey.set(policyKeys.priorityAction, row.number);
    o.priorityActions ??= [];
    for (const item of splitList(row.value)) {
      const action = parseNumber(item);
      if (action?.ok && Number.isInteger(action.value) && action.value >= 1 && action.value <= SPASER_ACTION_COUNT) {
        o.priorityActions.push(action.value);
      } else {
        fail(`${quoteCell(item)} n'est pas un numéro d'action du SPASER (1 à ${SPASER_ACTION_COUNT})`);
      }
    }
    return;
  }
  if (key === policyKeys.priorityTheme) {
    o.priorities ??= [];
    const theme = parseText(row.value);
    if (theme?.ok && theme.value !== "") o.priorities.push(theme.value);
    else if (theme !== undefined) fail("une priorité doit être un texte");
    return;
  }

  fail(`la clé « ${row.rawKey} » est inconnue`);
}

/** An empty cell gives no items; "8; 11, 17" gives three (one row per action is the written form). */
function splitList(cell: unknown): unknown[] {
  if (isEmptyCell(cell)) return [];
  if (typeof cell === "string") return cell.split(/[;,]/).filter((item) => item.trim() !== "");
  return [cell];
}

function readYear(cell: unknown): number | undefined {
  const result = parseNumber(cell);
  if (!result?.ok) return undefined;
  const year = result.value;
  return Number.isInteger(year) && year >= MIN_PLAN_YEAR && year <= MAX_PLAN_YEAR ? year : undefined;
}

/** A target: undefined when empty, "invalid" when not a fraction 0–1 ("30 %", "0,3", 0.3 accepted). */
function readFraction(cell: unknown): number | undefined | "invalid" {
  const result = parsePercent(cell);
  if (result === undefined) return undefined;
  return result.ok && result.value >= 0 && result.value <= 1 ? result.value : "invalid";
}

function readWeight(cell: unknown): number | undefined {
  const result = parseNumber(cell);
  return result?.ok && result.value >= 0 ? result.value : undefined;
}

function applyOverrides(base: Policy, o: Overrides): Policy {
  const targets: Partial<Record<IndicatorId, IndicatorTargets>> = {};
  for (const def of INDICATORS) {
    const fromBase = base.targets[def.id];
    const phases = o.phaseTargets.get(def.id) ?? {};
    const merged: { phase1?: number; phase2?: number; byYear?: Record<string, number> } = {};
    for (const phase of PHASE_IDS) {
      const value = Object.hasOwn(phases, phase) ? phases[phase] : fromBase?.[phase];
      if (value !== undefined && value !== null) merged[phase] = value;
    }
    const years = o.yearTargets.get(def.id);
    const byYear =
      years !== undefined ? Object.fromEntries([...years].map(([y, v]) => [String(y), v])) : fromBase?.byYear;
    if (byYear !== undefined && Object.keys(byYear).length > 0) merged.byYear = byYear;
    if (Object.keys(merged).length > 0) targets[def.id] = merged;
  }
  return {
    name: o.name ?? base.name,
    presetId: base.presetId,
    phases: {
      phase1: { ...base.phases.phase1, ...o.phases.phase1 },
      phase2: { ...base.phases.phase2, ...o.phases.phase2 },
    },
    targets,
    rules: { ...base.rules, ...o.rules },
    weights: {
      axisWeights: { ...base.weights.axisWeights, ...o.axisWeights },
      questionWeights: { ...base.weights.questionWeights, ...Object.fromEntries(o.questionWeights) },
      priorityActions: o.priorityActions ?? base.weights.priorityActions,
    },
    priorities: o.priorities ?? base.priorities,
  };
}
