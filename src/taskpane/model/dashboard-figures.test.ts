import { describe, expect, it } from "vitest";
import { PRESETS } from "../../spaser/presets";
import type { ContractRecord } from "../../spaser/records";
import { indicatorFigures, recordsOfYear } from "./dashboard-figures";

const contract = (notificationDate: string, envCriterion: boolean | undefined): ContractRecord => ({
  notificationDate,
  flags: { envCriterion },
});

describe("indicator figures of the pane's dashboard", () => {
  it("counts a contract in its notification year, else its award year", () => {
    const records: ContractRecord[] = [
      contract("2026-02-01", true),
      { awardDate: "2026-07-01", flags: {} },
      contract("2025-12-31", true),
    ];
    expect(recordsOfYear(records, 2026)).toHaveLength(2);
  });

  it("compares the rate of 2026 with the reference plan's phase-1 target of 30 % for the environmental criterion", () => {
    // 1 contract of 4 with a criterion = 25 % < 30 %; the unfilled one is left out of the rate.
    const records = [
      contract("2026-01-10", true),
      contract("2026-02-10", false),
      contract("2026-03-10", false),
      contract("2026-04-10", false),
      contract("2026-05-10", undefined),
    ];
    const figure = indicatorFigures(records, PRESETS.reference, 2026).find((f) => f.definition.id === "env_criterion");
    expect(figure?.target).toBe(0.3);
    expect(figure?.result.rate).toBe(0.25);
    expect(figure?.result.missing).toBe(1);
    expect(figure?.reached).toBe(false);
  });

  it("shows only the indicators that have a target that year", () => {
    const ids = indicatorFigures([], PRESETS.metropole, 2026).map((f) => f.definition.id);
    expect(ids).toEqual(["env_clause", "social_clause", "solidarity_value_share"]);
    expect(indicatorFigures([], PRESETS.reference, 2040)).toEqual([]);
  });
});
