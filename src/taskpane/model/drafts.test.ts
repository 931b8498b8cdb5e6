import { describe, expect, it } from "vitest";
import type { Answers } from "./cotation";
import { draftWithAnswer, savedSinceDraft } from "./drafts";

const yes = { kind: "option", option: "oui" } as const;
const no = { kind: "option", option: "non" } as const;
const saved: Answers = { social_criterion: no };

describe("drafts", () => {
  it("starts from the workbook's answers and keeps them as its base", () => {
    const draft = draftWithAnswer(undefined, saved, "insertion_clause", yes);
    expect(draft).toEqual({ answers: { social_criterion: no, insertion_clause: yes }, invalid: {}, base: saved });
  });

  it("goes away when the answers are back to the workbook's: nothing is left to save", () => {
    const draft = draftWithAnswer(undefined, saved, "social_criterion", yes);
    expect(draftWithAnswer(draft, saved, "social_criterion", no)).toBeUndefined();
  });

  it("keeps a number that cannot be read, with the last good answer, until it is corrected", () => {
    const good = draftWithAnswer(undefined, {}, "insertion_hours", { kind: "number", value: 5 });
    const bad = draftWithAnswer(good, {}, "insertion_hours", undefined, { text: "5x", message: "un nombre" });
    expect(bad?.answers).toEqual({ insertion_hours: { kind: "number", value: 5 } });
    expect(bad?.invalid).toEqual({ insertion_hours: { text: "5x", message: "un nombre" } });
    // Even back to the workbook's answers, a text that cannot be read is still something typed.
    expect(draftWithAnswer(undefined, {}, "insertion_hours", undefined, { text: "x", message: "m" })).toBeDefined();
    expect(draftWithAnswer(bad, {}, "insertion_hours", undefined)).toBeUndefined();
  });

  it("tells when the workbook's answers changed since the draft began", () => {
    const draft = draftWithAnswer(undefined, saved, "insertion_clause", yes)!;
    expect(savedSinceDraft(draft, saved)).toBe(false);
    expect(savedSinceDraft(draft, { social_criterion: yes })).toBe(true);
  });
});
