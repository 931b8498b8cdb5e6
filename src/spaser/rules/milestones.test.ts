import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { committeePackDate, currentStage, milestones, STAGE_LABELS } from "./milestones";

const anyDate = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom("2028-03-31", "2019-01-01", "2018-12-31", "2027-02-29", "9999-12-31", "", undefined),
);

describe("milestones", () => {
  it("places J-24, J-14 and J-12 of an award on 2028-03-31", () => {
    const outcome = milestones("2028-03-31");
    expect(outcome.ok && outcome.value).toEqual({ j24: "2026-03-31", j14: "2027-01-31", j12: "2027-03-31" });
  });

  it("clamps to the end of shorter months", () => {
    const outcome = milestones("2028-12-31");
    expect(outcome.ok && outcome.value.j14).toBe("2027-10-31");
    const feb = milestones("2027-04-30");
    expect(feb.ok && feb.value.j14).toBe("2026-02-28");
  });

  it("rejects bad and pre-2019 dates", () => {
    expect(milestones("2028-02-30")).toMatchObject({ ok: false, field: "awardDate" });
    expect(milestones("2018-12-31")).toMatchObject({ ok: false, field: "awardDate" });
  });
});

describe("currentStage", () => {
  it.each([
    ["2026-03-30", "avant_j24"],
    ["2026-03-31", "travail_service"],
    ["2027-01-30", "travail_service"],
    ["2027-01-31", "preparation"],
    ["2027-03-31", "cotation_presentee"],
    ["2028-03-30", "cotation_presentee"],
    ["2028-03-31", "attribue"],
  ])("on %s an award of 2028-03-31 is at stage %s", (today, stage) => {
    expect(currentStage("2028-03-31", today)).toMatchObject({ ok: true, value: stage });
  });

  it("labels every stage in French", () => {
    expect(STAGE_LABELS.travail_service).toContain("J-24 à J-14");
  });

  it("rejects a bad today", () => {
    expect(currentStage("2028-03-31", "demain")).toMatchObject({ ok: false, field: "today" });
  });
});

describe("committeePackDate", () => {
  it("sends the pack one week before the meeting, across month ends", () => {
    expect(committeePackDate("2026-03-03")).toMatchObject({ value: "2026-02-24" });
    expect(committeePackDate("2027-01-05")).toMatchObject({ value: "2026-12-29" });
  });
});

describe("totality", () => {
  it("never throws", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (award, today) => {
        expect(typeof milestones(award as string).ok).toBe("boolean");
        expect(typeof currentStage(award as string, today as string).ok).toBe("boolean");
        expect(typeof committeePackDate(award as string).ok).toBe("boolean");
      }),
    );
  });
});
