/**
 * The indicator figures the pane shows beside the dashboard sheet: each indicator of the policy with a target
 * for the year, its rate over the contracts of that year, and whether the target is reached.
 */
import type { ContractRecord } from "../../spaser/records";
import { computeIndicator, INDICATORS, type IndicatorDefinition, type IndicatorResult } from "../../spaser/indicators";
import { targetFor, type Policy } from "../../spaser/policy";

export interface IndicatorFigure {
  readonly definition: IndicatorDefinition;
  readonly result: IndicatorResult;
  readonly target: number;
  /** undefined when the rate cannot be computed (no contract with the flag filled in). */
  readonly reached: boolean | undefined;
}

/** A contract counts in the year it was notified (award date when the notification is not filled in). */
export function contractYear(record: ContractRecord): number | undefined {
  const date = record.notificationDate ?? record.awardDate;
  return date ? Number(date.slice(0, 4)) : undefined;
}

export function recordsOfYear(records: readonly ContractRecord[], year: number): ContractRecord[] {
  return records.filter((record) => contractYear(record) === year);
}

export function indicatorFigures(records: readonly ContractRecord[], policy: Policy, year: number): IndicatorFigure[] {
  const ofYear = recordsOfYear(records, year);
  return INDICATORS.flatMap((definition) => {
    const target = targetFor(policy, definition.id, year);
    if (target === undefined) return [];
    const result = computeIndicator(definition, ofYear);
    return [{ definition, result, target, reached: result.rate === undefined ? undefined : result.rate >= target }];
  });
}
