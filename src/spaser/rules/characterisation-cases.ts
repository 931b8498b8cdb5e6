/**
 * Deterministic inputs for the characterisation test (imported by characterisation.test.ts only): a few
 * thousand calls per rule and per custom function, drawn with a seeded generator from value lists that
 * sit on every boundary of the rules (thresholds, dates, rates), plus odd values a cell can hold. The test
 * records each call's full outcome; optimisations must leave every outcome unchanged.
 */
import * as functions from "../../functions/functions";
import { CellError } from "../../functions/runtime";
import { contractsMissing, gapToTarget, rateOfFlags } from "../indicators";
import { possibleEuThresholds, thresholdAt } from "../thresholds";
import type { RuleOutcome } from "../types";
import { advanceAmount, advanceRate, advanceRequirement } from "./advance";
import { insertionHours, insertionStudy, labourSegment } from "./insertion";
import { loiClimatCompliance } from "./loi-climat";
import { committeePackDate, currentStage, milestones } from "./milestones";
import { priceRevision } from "./price-revision";
import { reservableUnderPolicy, reservationAdvice, reservationEligibility } from "./reserve";

/** Bump when the generator changes: the fixture must then be regenerated from the code before the change. */
export const CASES_VERSION = 1;
export const CASES_PER_RULE = 3_000;

/** mulberry32: a tiny seeded generator, so the inputs do not depend on any library's version. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pick = <T>(values: readonly T[]) => T;
type Draw = { pick: Pick; random: () => number };

function draws(seed: number): Draw {
  const random = generator(seed);
  return { random, pick: (values) => values[Math.floor(random() * values.length)] as (typeof values)[number] };
}

const AMOUNTS: readonly unknown[] = [
  0,
  1,
  0.005,
  0.015,
  1_234.565,
  9_999.99,
  10_000,
  25_000,
  39_999,
  40_000,
  40_000.5,
  49_999,
  50_000,
  50_001,
  60_000,
  89_999.99,
  90_000,
  90_000.01,
  100_000,
  139_999,
  140_000,
  143_000,
  150_000,
  214_000,
  215_000,
  216_000,
  220_999,
  221_000,
  230_000,
  431_999,
  432_000,
  443_000,
  1_000_000,
  5_404_000,
  5_538_000,
  12_345_678.9,
  1e15,
  1e300,
  1.7e308,
  -1,
  -0,
  Number.NaN,
  Infinity,
  "100",
  null,
  undefined,
  true,
];
const DATES: readonly unknown[] = [
  "2018-12-31",
  "2019-01-01",
  "2019-12-31",
  "2020-01-01",
  "2020-07-24",
  "2021-12-31",
  "2022-01-01",
  "2023-12-31",
  "2024-01-01",
  "2025-12-31",
  "2026-01-01",
  "2026-03-31",
  "2026-04-01",
  "2026-08-20",
  "2026-08-21",
  "2026-09-01",
  "2027-12-31",
  "2028-01-01",
  "2028-02-29",
  "2028-03-31",
  "2099-12-31",
  "2026-02-30",
  "2026-13-01",
  "01/09/2026",
  "",
  46_000,
  null,
  undefined,
];
const BUYER_KINDS: readonly unknown[] = [
  "etat",
  "etablissement_etat",
  "collectivite",
  "collectivite_60m",
  "entite_adjudicatrice",
  "defense",
  "autre",
  undefined,
  null,
  "Etat",
  "x",
  3,
];
const NATURES: readonly unknown[] = ["travaux", "fournitures", "services", undefined, null, "Travaux", 1];
const FLAGS: readonly unknown[] = [true, false, undefined, null, "oui", 1];
const DURATIONS: readonly unknown[] = [
  0,
  0.5,
  1,
  2,
  2.5,
  3,
  3.5,
  4,
  11,
  12,
  12.5,
  13,
  24,
  36,
  120,
  -1,
  Number.NaN,
  "12",
];
const FRACTIONS: readonly unknown[] = [
  0,
  0.05,
  0.1,
  0.2,
  0.29,
  0.3,
  0.31,
  0.5,
  0.7,
  1,
  1.5,
  -0.1,
  Number.NaN,
  undefined,
  null,
  "0,3",
];
const RULES: readonly unknown[] = [
  undefined,
  undefined,
  undefined,
  null,
  {},
  { insertionStudyThresholdHT: 100_000 },
  { smallFirmAdvanceRate: 0.4, smallFirmMaxEmployees: 20 },
  { reservationCapHT: 40_000, trackingBandLowHT: 5_000, trackingBandHighHT: 30_000 },
  { priceRevisionMinMonths: 6, rawMaterialShareForMandatoryRevision: 0.2 },
  { defaultInsertionRate: 0.07, defaultHourlyCost: 25 },
  { stateSmeAdvanceMinRate: 0.3, essReservationMaxYears: 5 },
  { reservationCapHT: -1 },
  { smallFirmAdvanceRate: 30 },
  { trackingBandLowHT: 50_000 },
  "x",
  [],
];
const OFFERS: readonly unknown[] = [
  [],
  ["SIAE"],
  ["EA"],
  ["ESAT"],
  ["ESS"],
  ["SIAE", "EA"],
  ["ess", "siae"],
  [" EA ", "ESAT"],
  ["ESS", "ESS"],
  ["XYZ"],
  [3],
  "SIAE",
  undefined,
];
const CATEGORIES: readonly unknown[] = [undefined, "social_specific", "other", "x", null];
const SEGMENTS: readonly unknown[] = [
  undefined,
  "nettoyage",
  "Propreté",
  "maçonnerie",
  "peinture",
  "Charpente métallique",
  "inconnu",
  3,
  null,
];
const EMPLOYEES: readonly unknown[] = [undefined, 0, 1, 19, 20, 49, 50, 249, 250, 10.5, -1, null];
const SUPPLIERS: readonly unknown[] = [0, 1, 2, 10, 11, 30, 31, 100, -1, 2.5, "3"];
const TURNOVERS: readonly unknown[] = [undefined, 0, 1, 100_000, 666_666, 2_000_000, -5, null];

/** A random amount with cents half the time, so grouping and rounding of the French formats are exercised. */
function amount(d: Draw): unknown {
  const r = d.random();
  if (r < 0.5) return d.pick(AMOUNTS);
  const whole = Math.floor(d.random() * 10 ** Math.floor(1 + d.random() * 8));
  return r < 0.75 ? whole : whole + Math.round(d.random() * 1000) / 1000;
}

function date(d: Draw): unknown {
  if (d.random() < 0.6) return d.pick(DATES);
  const year = 2019 + Math.floor(d.random() * 12);
  const month = 1 + Math.floor(d.random() * 12);
  const day = 1 + Math.floor(d.random() * 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function fraction(d: Draw): unknown {
  return d.random() < 0.7 ? d.pick(FRACTIONS) : Math.round(d.random() * 10_000) / 10_000;
}

function duration(d: Draw): unknown {
  return d.random() < 0.7 ? d.pick(DURATIONS) : Math.round(d.random() * 600) / 10;
}

/** An input object; each key absent one time in eight; one input in fifty is not an object at all. */
function input(d: Draw, fields: Record<string, (d: Draw) => unknown>): unknown {
  if (d.random() < 0.02) return d.pick([null, undefined, "x", 3, []]);
  const result: Record<string, unknown> = {};
  for (const [key, make] of Object.entries(fields)) {
    const value = make(d);
    if (d.random() >= 0.125) result[key] = value;
  }
  return result;
}

const from =
  (values: readonly unknown[]) =>
  (d: Draw): unknown =>
    d.pick(values);

export interface RuleCase {
  readonly name: string;
  /** Arguments of each call, drawn once. */
  readonly inputs: (d: Draw) => unknown[];
  readonly call: (...args: never[]) => unknown;
}

/** The rules and the domain functions whose verdicts the custom functions show. */
export const RULE_CASES: readonly RuleCase[] = [
  {
    name: "reservationEligibility",
    call: reservationEligibility,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        offerTypes: from(OFFERS),
        serviceCategory: from(CATEGORIES),
        asOf: date,
        rules: from(RULES),
      }),
    ],
  },
  {
    name: "reservableUnderPolicy",
    call: reservableUnderPolicy,
    inputs: (d) => [
      input(d, { amountHT: amount, offerTypes: from(OFFERS), serviceCategory: from(CATEGORIES), rules: from(RULES) }),
    ],
  },
  {
    name: "reservationAdvice",
    call: reservationAdvice,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        inclusiveSuppliers: from(SUPPLIERS),
        avgSupplierTurnover: from(TURNOVERS),
        offerTypes: from(OFFERS),
        rules: from(RULES),
      }),
    ],
  },
  {
    name: "insertionStudy",
    call: insertionStudy,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        launchDate: date,
        buyerKind: from(BUYER_KINDS),
        nature: from(NATURES),
        defence: from(FLAGS),
        rules: from(RULES),
      }),
    ],
  },
  { name: "labourSegment", call: labourSegment, inputs: (d) => [d.pick(SEGMENTS)] },
  {
    name: "insertionHours",
    call: insertionHours,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        labourShare: fraction,
        segment: from(SEGMENTS),
        insertionRate: fraction,
        hourlyCost: (dd) => dd.pick([undefined, 30, 25, 20, 0.0001, 0, -3, 1e-300, 17.5]),
        rules: from(RULES),
      }),
    ],
  },
  {
    name: "advanceRequirement",
    call: advanceRequirement,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        durationMonths: duration,
        isFrameworkWithOrders: from(FLAGS),
        minOrderHT: (dd) => (dd.random() < 0.5 ? undefined : amount(dd)),
      }),
    ],
  },
  {
    name: "advanceRate",
    call: advanceRate,
    inputs: (d) => [
      input(d, {
        amountHT: amount,
        durationMonths: duration,
        isSme: from([true, true, false, undefined, "oui"]),
        employees: from(EMPLOYEES),
        buyerKind: from(BUYER_KINDS),
        asOf: date,
        rules: from(RULES),
      }),
    ],
  },
  {
    name: "advanceAmount",
    call: advanceAmount,
    inputs: (d) => [input(d, { amountHT: amount, durationMonths: duration, rate: fraction, vatRate: fraction })],
  },
  {
    name: "priceRevision",
    call: priceRevision,
    inputs: (d) => [input(d, { durationMonths: duration, rawMaterialShare: fraction, rules: from(RULES) })],
  },
  {
    name: "loiClimatCompliance",
    call: loiClimatCompliance,
    inputs: (d) => [
      input(d, {
        launchDate: date,
        amountHT: amount,
        envClause: from(FLAGS),
        envCriterion: from(FLAGS),
        socialConsideration: from(FLAGS),
        buyerKind: from(BUYER_KINDS),
        nature: from(NATURES),
        singleCostCriterionWithLifecycle: from(FLAGS),
      }),
    ],
  },
  { name: "milestones", call: milestones, inputs: (d) => [date(d)] },
  { name: "currentStage", call: currentStage, inputs: (d) => [date(d), date(d)] },
  { name: "committeePackDate", call: committeePackDate, inputs: (d) => [date(d)] },
  {
    name: "thresholdAt",
    call: thresholdAt,
    inputs: (d) => [
      d.pick([
        "dispense_fs",
        "dispense_works",
        "mapa_publicity",
        "decp_publication",
        "eu_fs_state",
        "eu_fs_local",
        "eu_utilities",
        "eu_works",
        "Seuil européen collectivités",
        "seuil_dispense",
        "x",
        3,
      ]),
      date(d),
    ],
  },
  {
    name: "possibleEuThresholds",
    call: possibleEuThresholds,
    inputs: (d) => [d.pick(BUYER_KINDS), d.pick(NATURES), date(d)],
  },
  {
    name: "rateOfFlags",
    call: rateOfFlags,
    inputs: (d) => {
      const cells = [
        "Oui",
        "Non",
        "",
        " ",
        "oui",
        "NON",
        "X",
        "x",
        "-",
        1,
        0,
        2,
        true,
        false,
        null,
        "Vrai",
        "peut-être",
        "✓",
      ];
      const rows = Math.floor(d.random() * 12);
      const width = d.random() < 0.8 ? 1 : 2;
      const range = () => Array.from({ length: rows }, () => Array.from({ length: width }, () => d.pick(cells)));
      const flags = range();
      const mode = d.random();
      const targeted = mode < 0.5 ? undefined : mode < 0.95 ? range() : [["Oui"]];
      return targeted === undefined ? [flags] : [flags, targeted];
    },
  },
  {
    name: "gapToTarget",
    call: gapToTarget,
    inputs: (d) => [fraction(d), fraction(d)],
  },
  {
    name: "contractsMissing",
    call: contractsMissing,
    inputs: (d) => [d.pick(SUPPLIERS), d.pick([0, 1, 3, 10, 80, 2.5, -1]), fraction(d)],
  },
];

// ---------------------------------------------------------------------------------------------------------
// The custom functions, called as Excel calls them: every declared parameter, null when omitted
// ---------------------------------------------------------------------------------------------------------

const CELL_AMOUNTS: readonly unknown[] = [
  ...AMOUNTS.filter((a) => typeof a === "number" && Number.isFinite(a)),
  "1 234,5 €",
  "230 000",
  "230 000 € HT",
  "12.5",
  "1.234",
  "Total 3",
  "abc",
  true,
  [[90_000]],
  [[1, 2]],
  "",
  null,
];
/** Excel serials of the boundary dates (2026-08-21 is 46255), dates typed as text, odd cells. */
const CELL_DATES: readonly unknown[] = [
  43_466,
  43_830,
  45_658,
  46_022,
  46_023,
  46_112,
  46_254,
  46_255,
  46_266,
  46_387,
  46_753,
  47_000,
  73_050,
  46_266.75,
  0,
  -5,
  3_000_000,
  "01/09/2026",
  "2026-09-01",
  "20/08/2026",
  "31/02/2026",
  "1/9/26",
  "demain",
  true,
  [[46_266]],
];
const CELL_BUYERS: readonly unknown[] = [
  null,
  "collectivite",
  "Collectivité",
  "commune",
  "state",
  "etat",
  "collectivite_60m",
  "Grande collectivité",
  "entite adjudicatrice",
  "défense",
  "hôpital",
  "etablissement_etat",
  "x",
  3,
];
const CELL_NATURES: readonly unknown[] = [null, "fournitures", "Travaux", "T", "s", "prestations", "x"];
const CELL_BOOLEANS: readonly unknown[] = [null, true, false, "Oui", "non", 1, 0, "X", "", "peut-être", 2];
const CELL_FRACTIONS: readonly unknown[] = [
  0.05,
  0.1,
  0.3,
  0.5,
  1,
  0,
  "50 %",
  "5%",
  "0,3",
  "30",
  30,
  1.5,
  -0.2,
  "x",
  null,
  "",
];
const CELL_POLICIES: readonly unknown[] = [null, null, null, "reference", "metropole", "legal_floor", "inconnu", 3];
const CELL_COUNTS: readonly unknown[] = [
  0,
  1,
  2,
  6,
  12,
  13,
  24,
  36,
  20,
  49,
  50,
  250,
  "12",
  "6 mois",
  -1,
  2.5,
  null,
  "x",
];

function cellAmount(d: Draw): unknown {
  return d.random() < 0.6 ? d.pick(CELL_AMOUNTS) : Math.floor(d.random() * 10 ** Math.floor(1 + d.random() * 7));
}

export interface FunctionCase {
  readonly id: string;
  readonly call: (...args: never[]) => unknown;
  readonly inputs: (d: Draw) => unknown[];
}

const pick =
  (values: readonly unknown[]) =>
  (d: Draw): unknown =>
    d.pick(values);
const args =
  (...makers: ((d: Draw) => unknown)[]) =>
  (d: Draw): unknown[] =>
    makers.map((make) => make(d));

/** Dates are always given: an omitted date means today, which would make the outcome depend on the day. */
export const FUNCTION_CASES: readonly FunctionCase[] = [
  {
    id: "ELIGIBLE_RESERVE",
    call: functions.eligibleReserve,
    inputs: args(
      cellAmount,
      pick(["SIAE;EA", [["SIAE"], ["EA"]], "ess", "ESS, SIAE", "EA et ESAT", "x", "", [[""]], null]),
      pick([null, "social", "autre", "x"]),
      pick(CELL_DATES),
      pick(CELL_POLICIES),
    ),
  },
  {
    id: "RESERVE_ADVICE",
    call: functions.reserveAdvice,
    inputs: args(
      cellAmount,
      pick(CELL_COUNTS),
      pick([null, 2_000_000, "1 000 000", 0, "x"]),
      pick([null, "ESS", "SIAE;EA"]),
      pick(CELL_POLICIES),
    ),
  },
  {
    id: "INSERTION_STUDY",
    call: functions.insertionStudyText,
    inputs: args(cellAmount, pick(CELL_DATES), pick(CELL_BUYERS), pick(CELL_NATURES), pick(CELL_POLICIES)),
  },
  {
    id: "INSERTION_HOURS",
    call: functions.insertionHoursCount,
    inputs: args(
      cellAmount,
      pick([...CELL_FRACTIONS, "maçonnerie", "Nettoyage", "inconnu"]),
      pick(CELL_FRACTIONS),
      pick([null, 30, "25", 0, "x"]),
    ),
  },
  {
    id: "ADVANCE_RATE",
    call: functions.advanceRateValue,
    inputs: args(
      cellAmount,
      pick(CELL_COUNTS),
      pick(CELL_BOOLEANS),
      pick(CELL_COUNTS),
      pick(CELL_BUYERS),
      pick(CELL_DATES),
      pick(CELL_POLICIES),
    ),
  },
  {
    id: "ADVANCE_AMOUNT",
    call: functions.advanceAmountValue,
    inputs: args(cellAmount, pick(CELL_COUNTS), pick(CELL_FRACTIONS), pick(CELL_FRACTIONS)),
  },
  {
    id: "PRICE_REVISION",
    call: functions.priceRevisionText,
    inputs: args(pick(CELL_COUNTS), pick(CELL_FRACTIONS), pick(CELL_POLICIES)),
  },
  {
    id: "THRESHOLD",
    call: functions.thresholdValue,
    inputs: args(pick(["eu_fs_local", "dispense", "Seuil européen travaux", "decp", "x", 3, null]), pick(CELL_DATES)),
  },
  {
    id: "COMPLIANCE",
    call: functions.complianceText,
    inputs: args(
      pick(CELL_DATES),
      cellAmount,
      pick(CELL_BOOLEANS),
      pick(CELL_BOOLEANS),
      pick(CELL_BOOLEANS),
      pick(CELL_BUYERS),
      pick(CELL_NATURES),
    ),
  },
  { id: "MILESTONES", call: functions.milestones, inputs: args(pick([...CELL_DATES, null])) },
  {
    id: "RATE",
    call: functions.rate,
    inputs: (d) => {
      const cells = ["Oui", "Non", "", "X", 1, 0, true, false, null, "peut-être", "non"];
      const rows = 1 + Math.floor(d.random() * 8);
      const range = () => Array.from({ length: rows }, () => [d.pick(cells)]);
      return [range(), d.random() < 0.5 ? null : range()];
    },
  },
  {
    id: "TARGET_GAP",
    call: functions.targetGap,
    inputs: (d) => [
      d.pick(["env_criterion", "critère environnemental", "sme_share", "x"]),
      [["Oui"], ["Non"], [d.pick(["Oui", "Non", ""])]],
      null,
      d.pick([2025, 2027, 2030, 1999, "x"]),
      d.pick(CELL_POLICIES),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Outcomes as JSON
// ---------------------------------------------------------------------------------------------------------

/** JSON with the values JSON cannot hold spelled out (undefined, NaN, ±Infinity, -0). */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return "$undefined";
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "$NaN";
      if (v === Infinity) return "$Infinity";
      if (v === -Infinity) return "$-Infinity";
      if (Object.is(v, -0)) return "$-0";
    }
    return v;
  });
}

/**
 * The full outcome of a rule: every field a caller can read, in a fixed order, and the keys of its JSON
 * form. (A verdict with a lazy explanation keeps it on its prototype, so its own keys lack "explanation";
 * its JSON form, through toJSON, has the same keys in the same order as before.)
 */
export function ruleOutcome(outcome: unknown): unknown {
  const o = outcome as RuleOutcome<unknown> & Record<string, unknown>;
  if (typeof o !== "object" || o === null) return { notAnOutcome: o };
  const keys = Object.keys(JSON.parse(encode(o)) as object);
  if (o.ok) return { ok: true, value: o.value, explanation: o.explanation, basis: o.basis, keys };
  return { ok: false, field: o.field, message: o.message, keys };
}

/** What the cell shows: the value, or the error code and message. */
export function cellOutcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof CellError) return { error: error.code, message: error.message };
    return { thrown: String(error) };
  }
}

export interface Recorded {
  readonly name: string;
  readonly inputs: string[];
  readonly outcomes: string[];
}

/** Every case of every rule and function, with its encoded inputs and outcome. */
export function record(): Recorded[] {
  const recorded: Recorded[] = [];
  RULE_CASES.forEach((rule, index) => {
    const d = draws(1_000 + index);
    const inputs: string[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < CASES_PER_RULE; i++) {
      const a = rule.inputs(d);
      inputs.push(encode(a));
      outcomes.push(encode(ruleOutcome((rule.call as (...args: unknown[]) => unknown)(...a))));
    }
    recorded.push({ name: rule.name, inputs, outcomes });
  });
  FUNCTION_CASES.forEach((fn, index) => {
    const d = draws(2_000 + index);
    const inputs: string[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < CASES_PER_RULE; i++) {
      const a = fn.inputs(d);
      inputs.push(encode(a));
      outcomes.push(encode(cellOutcome(() => (fn.call as (...args: unknown[]) => unknown)(...a))));
    }
    recorded.push({ name: fn.id, inputs, outcomes });
  });
  return recorded;
}
