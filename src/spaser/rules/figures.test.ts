/**
 * The custom functions compute some values with a rule's figure (the value without its explanation). A
 * figure must give exactly what the full rule gives: the same value, or a refusal with the same message.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_RULES } from "../local-rules";
import type { InputError, RuleOutcome } from "../types";
import { advanceAmount, advanceAmountFigure, advanceRate, advanceRateFigure } from "./advance";
import { BUYER_KINDS } from "./input";
import { PRICE_REVISION_LABELS, priceRevision, priceRevisionSentence } from "./price-revision";
import { insertionHours, insertionHoursFigure } from "./insertion";
import { excelSerialFromIso, isoFromExcelSerial } from "../dates";
import { milestoneDays, milestones } from "./milestones";
import { euThresholdFigure, euThresholdFor, thresholdAt, thresholdFigure, thresholdFigureOnDay } from "../thresholds";
import {
  RESERVATION_ADVICE_LABELS,
  reservableFigure,
  reservableUnderPolicy,
  reservationAdvice,
  reservationAdviceSentence,
  type ServiceCategory,
} from "./reserve";

function sameAnswer<T>(figure: T | InputError, outcome: RuleOutcome<T>): void {
  if (outcome.ok) expect(figure).toBe(outcome.value);
  else expect(figure).toEqual({ ok: false, field: outcome.field, message: outcome.message });
}

const amount = fc.oneof(
  fc.double({ min: -1e6, max: 1e7, noNaN: true }),
  fc.constantFrom(0, 89_999.99, 90_000, 1e308, Infinity, Number.NaN),
);
const fraction = fc.oneof(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.constantFrom(0, 1, Number.NaN));
const RUNS = { numRuns: 3_000 };

describe("rule figures answer as their rules do", () => {
  it("insertion hours: value or refusal, for any numbers", () => {
    fc.assert(
      fc.property(
        amount,
        fraction,
        fraction,
        fc.double({ min: -10, max: 100, noNaN: true }),
        (a, share, rate, cost) => {
          sameAnswer(
            insertionHoursFigure(a, share, rate, cost),
            insertionHours({ amountHT: a, labourShare: share, insertionRate: rate, hourlyCost: cost }),
          );
        },
      ),
      RUNS,
    );
    // The worked example of the method: 1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h.
    expect(
      insertionHoursFigure(
        1_000_000,
        0.5,
        DEFAULT_LOCAL_RULES.defaultInsertionRate,
        DEFAULT_LOCAL_RULES.defaultHourlyCost,
      ),
    ).toBe(833);
  });

  it("avance amount: value or refusal, for any numbers", () => {
    fc.assert(
      fc.property(amount, fc.double({ min: -5, max: 60, noNaN: true }), fraction, fraction, (a, months, rate, vat) => {
        sameAnswer(
          advanceAmountFigure(a, months, rate, vat),
          advanceAmount({ amountHT: a, durationMonths: months, rate, vatRate: vat }),
        );
      }),
      RUNS,
    );
    expect(advanceAmountFigure(120_000, 24, 0.05)).toBe(3_600); // 12 × 144 000 ÷ 24 × 5 %
  });

  it("reservable under the policy: value or refusal, for any offers, category, date and cap", () => {
    const offers = fc.array(fc.constantFrom("ESS", "SIAE", "EA", "ESAT", " siae ", "esat", "ONG", ""), {
      maxLength: 4,
    });
    const category = fc.constantFrom<ServiceCategory | undefined>("social_specific", "other", undefined);
    const date = fc.constantFrom(undefined, "2026-09-01", "2018-12-31", "2026-02-30");
    const rules = fc.constantFrom(undefined, Object.freeze({ ...DEFAULT_LOCAL_RULES, reservationCapHT: 40_000 }));
    fc.assert(
      fc.property(amount, offers, category, date, rules, (a, types, cat, asOf, local) => {
        sameAnswer(
          reservableFigure(a, types, cat, asOf, local),
          reservableUnderPolicy({ amountHT: a, offerTypes: types, serviceCategory: cat, asOf, rules: local }),
        );
      }),
      RUNS,
    );
  });
});

describe("threshold figure", () => {
  it("answers as thresholdAt for any name (id, French alias, unknown) and date", () => {
    const names = fc.constantFrom(
      "eu_fs_local",
      "Seuil européen collectivités",
      "dispense_fs",
      "EU_FS_LOCAL",
      "nope",
      "",
    );
    const dates = fc.oneof(
      fc
        .integer({ min: 2017, max: 2031 })
        .chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, "0")}-01`)),
      fc.constantFrom("2026-02-30", "01/09/2026", "2026-03-31", "2026-04-01"),
    );
    fc.assert(
      fc.property(names, dates, (name, date) => sameAnswer(thresholdFigure(name, date), thresholdAt(name, date))),
      RUNS,
    );
    expect(thresholdFigure("eu_fs_local", "2026-09-01")).toBe(216_000);
    expect(thresholdFigure("eu_fs_local", "2025-12-31")).toBe(221_000);
  });
});

describe("avance rate figure", () => {
  it("answers as advanceRate for any amount, duration, firm, buyer, date and rules", () => {
    const buyers = fc.constantFrom<string | undefined>(undefined, ...BUYER_KINDS, "mairie");
    const employees = fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 300 }), fc.constant(12.5));
    const dates = fc.constantFrom(undefined, "2025-06-01", "2026-09-01", "2018-01-01", "2026-13-01");
    const rules = fc.constantFrom(
      undefined,
      Object.freeze({ ...DEFAULT_LOCAL_RULES, smallFirmAdvanceRate: 0.2, stateSmeAdvanceMinRate: 0.3 }),
    );
    const sme = fc.oneof(fc.boolean(), fc.constant("oui" as unknown as boolean));
    fc.assert(
      fc.property(
        amount,
        fc.double({ min: -1, max: 40, noNaN: true }),
        sme,
        employees,
        buyers,
        dates,
        rules,
        (a, months, isSme, staff, buyer, asOf, local) => {
          sameAnswer(
            advanceRateFigure(a, months, isSme, staff, buyer as never, asOf, local),
            advanceRate({
              amountHT: a,
              durationMonths: months,
              isSme,
              employees: staff,
              buyerKind: buyer as never,
              asOf,
              rules: local,
            }),
          );
        },
      ),
      RUNS,
    );
    // SPASER action 17: a firm of 20 on a 100 000 € contract of a local authority gets 30 %, not the legal 5 %.
    expect(advanceRateFigure(100_000, 6, true, 20, "collectivite", "2026-09-01", undefined)).toBe(0.3);
  });
});

describe("EU threshold figure", () => {
  it("answers as euThresholdFor for every buyer kind, nature and date", () => {
    const buyers = fc.constantFrom<string>(...BUYER_KINDS, "mairie");
    const natures = fc.constantFrom<string>("travaux", "fournitures", "services", "conseil");
    const dates = fc.constantFrom("2019-06-01", "2023-12-31", "2024-01-01", "2025-12-31", "2026-01-01", "2018-05-05");
    fc.assert(
      fc.property(buyers, natures, dates, (buyer, nature, date) =>
        sameAnswer(
          euThresholdFigure(buyer as never, nature as never, date),
          euThresholdFor(buyer as never, nature as never, date),
        ),
      ),
      RUNS,
    );
  });
});

describe("price revision sentence", () => {
  it("writes « Label : explanation » exactly as the verdict reads, or refuses with its message", () => {
    const months = fc.oneof(fc.integer({ min: -2, max: 60 }), fc.double({ min: 0, max: 40, noNaN: true }));
    const share = fc.oneof(fc.constant(undefined), fraction);
    const rules = fc.constantFrom(
      undefined,
      Object.freeze({ ...DEFAULT_LOCAL_RULES, priceRevisionMinMonths: 6, rawMaterialShareForMandatoryRevision: 0.2 }),
    );
    fc.assert(
      fc.property(months, share, rules, (duration, raw, local) => {
        const outcome = priceRevision({ durationMonths: duration, rawMaterialShare: raw, rules: local });
        const sentence = priceRevisionSentence(duration, raw, local);
        if (!outcome.ok) expect(sentence).toEqual({ ok: false, field: outcome.field, message: outcome.message });
        else expect(sentence).toBe(`${PRICE_REVISION_LABELS[outcome.value]} : ${outcome.explanation}`);
      }),
      RUNS,
    );
  });
});

describe("reservation advice sentence", () => {
  it("writes « Label : explanation » exactly as the verdict reads, or refuses with its message", () => {
    const suppliers = fc.oneof(fc.integer({ min: -1, max: 60 }), fc.constant(2.5));
    const turnover = fc.oneof(fc.constant(undefined), fc.double({ min: -10, max: 5e6, noNaN: true }));
    const offers = fc.option(fc.array(fc.constantFrom("ESS", "SIAE", "EA", "ONG"), { maxLength: 3 }), {
      nil: undefined,
    });
    const rules = fc.constantFrom(undefined, Object.freeze({ ...DEFAULT_LOCAL_RULES, reservationCapHT: 40_000 }));
    fc.assert(
      fc.property(amount, suppliers, turnover, offers, rules, (a, count, ca, types, local) => {
        const outcome = reservationAdvice({
          amountHT: a,
          inclusiveSuppliers: count,
          avgSupplierTurnover: ca,
          offerTypes: types,
          rules: local,
        });
        const sentence = reservationAdviceSentence(a, count, ca, types, local);
        if (!outcome.ok) expect(sentence).toEqual({ ok: false, field: outcome.field, message: outcome.message });
        else expect(sentence).toBe(`${RESERVATION_ADVICE_LABELS[outcome.value]} : ${outcome.explanation}`);
      }),
      RUNS,
    );
  });
});

describe("threshold figure on a day number", () => {
  it("answers as thresholdAt on the same date, for any day a cell may hold", () => {
    const names = fc.constantFrom("eu_fs_local", "Seuil européen collectivités", "dispense_fs", "nope");
    const days = fc.oneof(
      fc.integer({ min: 42_000, max: 48_000 }), // 2014 … 2031, across 2019-01-01
      fc.constantFrom(0, -5, 43_465.5, 3_000_000, Number.NaN),
    );
    fc.assert(
      fc.property(names, days, (name, day) => {
        const iso = isoFromExcelSerial(day);
        const figure = thresholdFigureOnDay(name, day);
        if (iso === undefined) expect(typeof figure).toBe("object");
        else sameAnswer(figure, thresholdAt(name, iso));
      }),
      RUNS,
    );
  });
});

describe("milestone days", () => {
  it("gives the days of milestones() for any award day a cell may hold", () => {
    const days = fc.oneof(
      fc.integer({ min: 40_000, max: 80_000 }),
      fc.double({ min: 43_000, max: 50_000, noNaN: true }),
    );
    fc.assert(
      fc.property(days, (day) => {
        const outcome = milestones(isoFromExcelSerial(day)!);
        const figure = milestoneDays(day);
        if (!outcome.ok) expect(figure).toEqual({ ok: false, field: outcome.field, message: outcome.message });
        else expect(figure).toEqual([outcome.value.j24, outcome.value.j14, outcome.value.j12].map(excelSerialFromIso));
      }),
      RUNS,
    );
    // Award planned 31/03/2028: J-24 31/03/2026, J-14 31/01/2027, J-12 31/03/2027.
    expect(milestoneDays(46_843)).toEqual([46_112, 46_418, 46_477]);
  });
});

describe("avance rate figure on a day number", () => {
  it("answers as advanceRate on the same date", () => {
    const days = fc.oneof(
      fc.integer({ min: 42_000, max: 48_000 }),
      fc.double({ min: 43_000, max: 47_000, noNaN: true }),
    );
    const buyers = fc.constantFrom<string | undefined>(undefined, ...BUYER_KINDS);
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 249 }),
        buyers,
        days,
        (a, months, isSme, staff, buyer, day) => {
          sameAnswer(
            advanceRateFigure(a, months, isSme, staff, buyer as never, day, undefined),
            advanceRate({
              amountHT: a,
              durationMonths: months,
              isSme,
              employees: staff,
              buyerKind: buyer as never,
              asOf: isoFromExcelSerial(day),
            }),
          );
        },
      ),
      RUNS,
    );
  });
});
