/**
 * `spaser indicators`: each SPASER indicator over the contracts table, against the policy's target for the
 * year, with the gap and the contracts missing to reach it; and, for a workbook imported from DECP, the
 * DECP shares per buyer and year (in number and in value).
 */
import type { ContractRecord } from "../spaser/records";
import {
  computeIndicator,
  contractsMissing,
  gapToTarget,
  INDICATORS,
  type IndicatorId,
  type IndicatorMeasure,
  type IndicatorPopulation,
} from "../spaser/indicators";
import { targetFor, type Policy } from "../spaser/policy";

export interface IndicatorLine {
  readonly id: IndicatorId;
  readonly label: string;
  readonly measure: IndicatorMeasure;
  readonly population: IndicatorPopulation;
  readonly year: number;
  /** Contracts (or euros HT for a value measure) with the flag. */
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator, null when the denominator is 0. */
  readonly rate: number | null;
  readonly target: number | null;
  /** Percentage points behind the target (negative: ahead); null without a rate or a target. */
  readonly gap: number | null;
  /** Contracts that must get the flag to reach the target (count measures only). */
  readonly contractsMissing: number | null;
  /** Contracts of the population whose flag (or amount) is empty: left out, not counted as "no". */
  readonly notFilled: number;
}

/** The year a contract belongs to: its planned award date, else its notification date. */
export function contractYear(record: ContractRecord): number | undefined {
  const date = record.awardDate ?? record.notificationDate;
  return date === undefined ? undefined : Number(date.slice(0, 4));
}

export function indicatorLines(records: readonly ContractRecord[], policy: Policy, year: number): IndicatorLine[] {
  return INDICATORS.map((definition) => {
    const result = computeIndicator(definition, records);
    const rate = result.rate ?? null;
    const target = targetFor(policy, definition.id, year) ?? null;
    const gap = rate !== null && target !== null ? gapToTarget(rate, target) : undefined;
    const missing =
      definition.measure === "count" && target !== null
        ? contractsMissing(result.numerator, result.denominator, target)
        : undefined;
    return {
      id: definition.id,
      label: definition.labelFr,
      measure: definition.measure,
      population: definition.population,
      year,
      numerator: result.numerator,
      denominator: result.denominator,
      rate,
      target,
      gap: gap?.ok ? gap.value : null,
      contractsMissing: missing?.ok ? missing.value : null,
      notFilled: result.missing,
    };
  });
}
