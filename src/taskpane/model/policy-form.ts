/**
 * The policy editor's fields: every editable parameter as the text the user types, keyed by its policy-table
 * key (policyKeys), so that validatePolicy's messages land on the field they are about. Text that cannot be
 * read as a number becomes NaN, which validatePolicy reports in French: nothing typed is thrown away.
 */
import { decimalComma, withoutFloatNoise } from "../../spaser/format";
import { INDICATORS, type IndicatorId } from "../../spaser/indicators";
import { RULE_KEYS, RULE_SPECS } from "../../spaser/local-rules";
import { parseNumberText } from "../../spaser/normalize";
import { PHASE_IDS, policyKeys, type IndicatorTargets, type Policy } from "../../spaser/policy";
import { AXIS_IDS, type AxisId, type LocalRules } from "../../spaser/types";

export type PolicyFields = Readonly<Record<string, string>>;

const asPercent = (fraction: number | undefined): string =>
  fraction === undefined ? "" : decimalComma(withoutFloatNoise(fraction * 100));

/** "30", "30 %", "12,5" → number; "" → undefined; unreadable → NaN (reported by validatePolicy). */
function readNumber(text: string | undefined): number | undefined {
  const trimmed = (text ?? "").replace(/%\s*$/, "").trim();
  if (trimmed === "") return undefined;
  const parsed = parseNumberText(trimmed);
  return parsed.ok ? parsed.value : Number.NaN;
}

const fromPercent = (text: string | undefined): number | undefined => {
  const value = readNumber(text);
  return value === undefined ? undefined : value / 100;
};

export const isPercentRule = (key: keyof LocalRules): boolean => RULE_SPECS[key].kind === "fraction";

export function policyToFields(policy: Policy): PolicyFields {
  const fields: Record<string, string> = { [policyKeys.name]: policy.name };
  for (const phase of PHASE_IDS) {
    fields[policyKeys.phaseStart(phase)] = String(policy.phases[phase].startYear);
    fields[policyKeys.phaseEnd(phase)] = String(policy.phases[phase].endYear);
  }
  for (const { id } of INDICATORS) {
    for (const phase of PHASE_IDS) fields[policyKeys.target(id, phase)] = asPercent(policy.targets[id]?.[phase]);
  }
  for (const key of RULE_KEYS) {
    const value = policy.rules[key];
    fields[policyKeys.rule(key)] = isPercentRule(key) ? asPercent(value) : decimalComma(value);
  }
  for (const axis of AXIS_IDS) fields[policyKeys.axisWeight(axis)] = decimalComma(policy.weights.axisWeights[axis]);
  return fields;
}

/** The policy the fields describe, over `base` (which keeps what the editor does not show: yearly targets, question weights, priorities). */
export function policyFromFields(base: Policy, fields: PolicyFields): Policy {
  const year = (key: string) => readNumber(fields[key]) ?? Number.NaN;
  const phases = {
    phase1: { startYear: year(policyKeys.phaseStart("phase1")), endYear: year(policyKeys.phaseEnd("phase1")) },
    phase2: { startYear: year(policyKeys.phaseStart("phase2")), endYear: year(policyKeys.phaseEnd("phase2")) },
  };
  const targets: Partial<Record<IndicatorId, IndicatorTargets>> = {};
  for (const { id } of INDICATORS) {
    const phase1 = fromPercent(fields[policyKeys.target(id, "phase1")]);
    const phase2 = fromPercent(fields[policyKeys.target(id, "phase2")]);
    const byYear = base.targets[id]?.byYear;
    if (phase1 === undefined && phase2 === undefined && byYear === undefined) continue;
    targets[id] = {
      ...(phase1 !== undefined ? { phase1 } : {}),
      ...(phase2 !== undefined ? { phase2 } : {}),
      ...(byYear !== undefined ? { byYear } : {}),
    };
  }
  const rules = { ...base.rules };
  for (const key of RULE_KEYS) {
    const text = fields[policyKeys.rule(key)];
    rules[key] = (isPercentRule(key) ? fromPercent(text) : readNumber(text)) ?? Number.NaN;
  }
  const axisWeights = Object.fromEntries(
    AXIS_IDS.map((axis) => [axis, readNumber(fields[policyKeys.axisWeight(axis)]) ?? Number.NaN]),
  ) as Record<AxisId, number>;
  return {
    ...base,
    name: fields[policyKeys.name] ?? base.name,
    phases,
    targets,
    rules,
    weights: { ...base.weights, axisWeights },
  };
}
