/**
 * The SPASER domain engine: pure TypeScript, no Office, no React, no I/O. Import from "../spaser".
 *
 * - types: shared vocabulary (IsoDate, ContractNature, BuyerKind, axes, LocalRules, Verdict / InputError).
 * - dates: civil-date helpers on ISO dates (Excel serials, addMonths, monthsBetween).
 * - format: how texts write amounts, percentages, numbers and dates in French.
 * - normalize: raw cells to values (amounts, dates, yes/no, percentages, texts) and the lookup folds.
 * - records: a contract row of the buyer's table, normalised (procedure, nature, CPV, flags).
 * - indicators: the effect indicators, their rates, the gap to a target and the contracts missing.
 * - local-rules: the local rules' defaults, kinds, labels and the one check of their values.
 * - policy: the organisation's policy (phases, targets, rules, weights, priorities) and its validation.
 * - presets: ready-made policies (reference plan, métropole, PNAD 2025, legal floor).
 * - policy-table: the policy as the rows of the sheet "SPASER Paramètres", both ways.
 * - actions: the plan's catalogue: axes, objectives and the 26 actions.
 * - questionnaire: the versioned durability questionnaire and when each question applies.
 * - answers: questionnaire answers read from cells.
 * - scoring: the potentiel durable of a contract, its feasibility and committee priority.
 * - thresholds: legal thresholds by period (dispenses, publicity, DECP, EU thresholds).
 * - rules: the date-aware legal and SPASER rules (reservation, insertion, avances, price revision, Loi
 *   Climat, governance milestones).
 */
export * from "./types";
export * from "./dates";
export * from "./format";
export * from "./normalize";
export * from "./records";
export * from "./indicators";
export * from "./local-rules";
export * from "./policy";
export * from "./presets";
export * from "./policy-table";
export * from "./actions";
export * from "./questionnaire";
export * from "./answers";
export * from "./scoring";
export * from "./thresholds";
export * from "./rules";
