import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalComma, euros, frenchDate, oneDecimal, percent, withoutFloatNoise } from "./format";

describe("euros", () => {
  it("groups thousands the French way, with plain spaces fit for a cell", () => {
    expect(euros(216_000)).toBe("216 000 €");
    expect(euros(5_404_000)).toBe("5 404 000 €");
    expect(euros(900)).toBe("900 €");
  });

  it("writes cents only when there are some: trimmed in rule explanations", () => {
    expect(euros(1_234.5)).toBe("1 234,5 €");
    expect(euros(3_600.25)).toBe("3 600,25 €");
  });

  it("writes two-digit cents in the questionnaire's reasons (fixed)", () => {
    expect(euros(250_000, "fixed")).toBe("250 000 €");
    expect(euros(1_234_567.5, "fixed")).toBe("1 234 567,50 €");
    expect(euros(900, "fixed")).toBe("900 €");
    expect(euros(90_000.01, "fixed")).toBe("90 000,01 €");
    expect(euros(5.001, "fixed")).toBe("5 €");
  });
});

describe("percent", () => {
  it("writes a fraction as a percentage with at most one decimal", () => {
    expect(percent(0.3)).toBe("30 %");
    expect(percent(0.05)).toBe("5 %");
    expect(percent(0.125)).toBe("12,5 %");
  });

  it("rounds the intended decimal, not float noise: 23 of 80 contracts is 28,75 % → 28,8 %", () => {
    expect(percent(23 / 80)).toBe("28,8 %");
    expect(percent(0.0045)).toBe("0,5 %");
    expect(percent(0.7 - 0.35)).toBe("35 %");
  });

  it("writes any fraction exactly as the noise-free one-decimal rounding does (fast path included)", () => {
    const reference = (fraction: number) => `${oneDecimal(withoutFloatNoise(fraction * 100))} %`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -2, max: 2, noNaN: true }),
          fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10_000), // 0,01 % steps, half tenths included
          fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 5_000 })).map(([a, b]) => a / b),
        ),
        (fraction) => percent(fraction) === reference(fraction),
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("numbers and dates", () => {
  it("writes percentage points with French grouping and one decimal", () => {
    expect(oneDecimal(35)).toBe("35");
    expect(oneDecimal(2.25)).toBe("2,3");
  });

  it("echoes a typed number with a decimal comma", () => {
    expect(decimalComma(12.5)).toBe("12,5");
    expect(decimalComma(120)).toBe("120");
  });

  it("writes dates as dd/mm/yyyy", () => {
    expect(frenchDate("2026-08-21")).toBe("21/08/2026");
  });
});
