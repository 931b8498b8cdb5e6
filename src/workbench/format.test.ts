import { describe, expect, it } from "vitest";
import { displayValue, isDateFormat, NBSP } from "./format";

const s = (text: string) => text.replace(/ /g, NBSP);

describe("displayValue", () => {
  it("shows the sample's amounts with spaces between thousands and the euro sign", () => {
    expect(displayValue(110_000, '#,##0 "€"')).toBe(s("110 000 €"));
    expect(displayValue(6_250_000, "#,##0")).toBe(s("6 250 000"));
    expect(displayValue(1_234.5, "#,##0.00 [$€-40C]")).toBe(s("1 234,50 €"));
    expect(displayValue(-1_500, "#,##0")).toBe(s("-1 500"));
  });

  it("shows dates as dd/mm/yyyy whatever the date format", () => {
    // Serial 46412 is 25 January 2027 (the sample's first award date).
    expect(displayValue(46_412, "dd/mm/yyyy")).toBe("25/01/2027");
    expect(displayValue(46_412, "m/d/yy")).toBe("25/01/2027");
    expect(displayValue(46_412, "[$-40C]d mmmm yyyy")).toBe("25/01/2027");
    expect(displayValue(46_412.5, "dd/mm/yyyy hh:mm")).toBe("25/01/2027 12:00");
  });

  it("shows percentages with their decimals", () => {
    expect(displayValue(0.35, "0%")).toBe(s("35 %"));
    expect(displayValue(0.125, "0.0%")).toBe(s("12,5 %"));
  });

  it("shows General numbers with a decimal comma, texts and booleans as Excel does in French", () => {
    expect(displayValue(48, "General")).toBe("48");
    expect(displayValue(2 / 3, "General")).toBe("0,6666666667");
    expect(displayValue("Oui")).toBe("Oui");
    expect(displayValue(true)).toBe("VRAI");
    expect(displayValue("")).toBe("");
  });

  it("does not take a number format with an m for minutes or a quoted word for a date", () => {
    expect(isDateFormat('0 "jours"')).toBe(false);
    expect(isDateFormat("#,##0")).toBe(false);
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(displayValue(12, '0 "mois"')).toBe(s("12 mois"));
  });
});
