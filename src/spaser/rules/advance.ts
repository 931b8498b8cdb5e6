/**
 * Avances (advance payments): when they are due (CCP R2191-3), their minimum rate (R2191-7 ff.), the SPASER
 * bonus for small firms (action 17, policy) and their amount (R2191-7).
 */
import { euThresholdFor, euThresholdOnDay, LATEST_EU_PERIOD_START } from "../thresholds";
import { excelSerialFromIso } from "../dates";
import {
  inputError,
  verdict,
  type BuyerKind,
  type InputError,
  type IsoDate,
  type LocalRules,
  type RuleOutcome,
} from "../types";
import { euros, frenchDate, percent } from "../format";
import {
  isAbsent,
  isInputError,
  later,
  memoised,
  readAmount,
  readCount,
  readDate,
  readDay,
  readFraction,
  readInput,
  readOptionalBoolean,
  readOptionalBuyerKind,
  readOptional,
  readOptionalDate,
  readPositive,
  readRules,
} from "./input";

/** R2191-3: avance due above this initial amount HT… */
export const ADVANCE_MIN_AMOUNT_HT = 50_000;
/** …and above this execution length in months. */
export const ADVANCE_MIN_DURATION_MONTHS = 2;
/** R2191-7: general minimum rate when the avance is due. */
export const ADVANCE_GENERAL_MIN_RATE = 0.05;
/** R2191-7 ff.: SME minimum for State public bodies and for local authorities spending more than 60 M€. */
export const ADVANCE_SME_MIN_RATE_STATE_BODIES = 0.1;
export const ADVANCE_SME_MIN_RATE_LARGE_LOCAL = 0.1;
/** R2191-7: the rate range of the text; above the maximum a first-demand guarantee may be asked (décret 2020-1261). */
export const ADVANCE_MAX_RATE_WITHOUT_GUARANTEE = 0.3;
/** R2191-7: over 12 months the base is 12 × amount TTC ÷ duration. */
export const ADVANCE_BASE_MONTHS = 12;
/** Standard French VAT rate, default for the TTC base. */
export const DEFAULT_VAT_RATE = 0.2;
/** EU definition of an SME: fewer than 250 employees. */
export const SME_MAX_EMPLOYEES = 250;

export interface AdvanceRequirementInput {
  readonly amountHT: number;
  readonly durationMonths: number;
  /** Framework agreement executed by purchase orders. */
  readonly isFrameworkWithOrders?: boolean;
  /** For such a framework: its minimum amount HT, if it has one. */
  readonly minOrderHT?: number;
}

/** Is an avance mandatory (R2191-3: initial amount > 50 000 € HT and execution > 2 months)? */
export function advanceRequirement(input: AdvanceRequirementInput): RuleOutcome<boolean> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const duration = readPositive("durationMonths", args.durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  const framework = readOptionalBoolean("isFrameworkWithOrders", args.isFrameworkWithOrders);
  if (isInputError(framework)) return framework;
  const minimum = readOptional(args.minOrderHT, (value) => readAmount("minOrderHT", value), undefined);
  if (isInputError(minimum)) return minimum;
  return judgeRequirement(amountHT, duration, framework === true, minimum);
}

function judgeRequirement(
  amountHT: number,
  duration: number,
  framework: boolean,
  minimum: number | undefined,
): RuleOutcome<boolean> {
  const basis = ["CCP R2191-3"];
  const longEnough = duration > ADVANCE_MIN_DURATION_MONTHS;
  const durationText = later(() =>
    longEnough
      ? `durée de ${duration} mois supérieure à ${ADVANCE_MIN_DURATION_MONTHS} mois`
      : `durée de ${duration} mois inférieure ou égale à ${ADVANCE_MIN_DURATION_MONTHS} mois`,
  );
  if (framework) {
    if (minimum !== undefined && minimum > ADVANCE_MIN_AMOUNT_HT && longEnough) {
      return verdict(
        true,
        () =>
          `Accord-cadre à bons de commande dont le minimum de ${euros(minimum)} HT dépasse ${euros(ADVANCE_MIN_AMOUNT_HT)} HT, ${durationText()} : avance obligatoire, calculée sur le minimum (R2191-3).`,
        basis,
      );
    }
    return verdict(
      false,
      () =>
        `Accord-cadre à bons de commande sans minimum supérieur à ${euros(ADVANCE_MIN_AMOUNT_HT)} HT : l'avance est due pour chaque bon de commande de plus de ${euros(ADVANCE_MIN_AMOUNT_HT)} HT et de plus de ${ADVANCE_MIN_DURATION_MONTHS} mois (R2191-3).`,
      basis,
    );
  }
  const largeEnough = amountHT > ADVANCE_MIN_AMOUNT_HT;
  const amountText = later(
    () =>
      `montant de ${euros(amountHT)} HT ${largeEnough ? "supérieur" : "inférieur ou égal"} à ${euros(ADVANCE_MIN_AMOUNT_HT)} HT`,
  );
  if (largeEnough && longEnough) {
    return verdict(true, () => `Avance obligatoire : ${amountText()} et ${durationText()} (R2191-3).`, basis);
  }
  return verdict(
    false,
    () =>
      `Avance non obligatoire : ${amountText()}, ${durationText()} ; l'acheteur peut toutefois en prévoir une (R2191-3).`,
    basis,
  );
}

export interface AdvanceRateInput {
  readonly amountHT: number;
  readonly durationMonths: number;
  /** SME in the EU sense (fewer than 250 employees, turnover and independence criteria). */
  readonly isSme: boolean;
  readonly employees?: number;
  /** Absent: the general 5 % minimum is used and the verdict says so. */
  readonly buyerKind?: BuyerKind;
  /** Date for the EU threshold of action 17; absent: the latest known threshold. */
  readonly asOf?: IsoDate;
  readonly rules?: Partial<LocalRules>;
}

function legalMinimumRate(
  isSme: boolean,
  buyerKind: BuyerKind | undefined,
  rules: LocalRules,
): { rate: number; text: () => string } {
  if (!isSme) return { rate: ADVANCE_GENERAL_MIN_RATE, text: later(() => "minimum légal de 5 % (R2191-7)") };
  switch (buyerKind) {
    case "etat":
      return {
        rate: rules.stateSmeAdvanceMinRate,
        text: later(
          () =>
            `minimum légal de ${percent(rules.stateSmeAdvanceMinRate)} pour une PME titulaire d'un marché de l'État (valeur à confirmer, paramètre local)`,
        ),
      };
    case "etablissement_etat":
      return {
        rate: ADVANCE_SME_MIN_RATE_STATE_BODIES,
        text: later(
          () => "minimum légal de 10 % pour une PME titulaire d'un marché d'un établissement public de l'État",
        ),
      };
    case "collectivite_60m":
      return {
        rate: ADVANCE_SME_MIN_RATE_LARGE_LOCAL,
        text: later(
          () =>
            "minimum légal de 10 % pour une PME titulaire d'un marché d'une collectivité dont les dépenses de fonctionnement dépassent 60 M€",
        ),
      };
    case undefined:
      return {
        rate: ADVANCE_GENERAL_MIN_RATE,
        text: later(
          () =>
            "minimum légal général de 5 % (type d'acheteur non renseigné : une PME peut avoir droit à 10 % ou plus selon l'acheteur)",
        ),
      };
    default:
      return { rate: ADVANCE_GENERAL_MIN_RATE, text: later(() => "minimum légal de 5 % (R2191-7)") };
  }
}

/** euThresholdFor, remembered: the same dates come back on every row. */
const euThresholdAt = memoised((buyerKind: BuyerKind, nature: "services", date: IsoDate) =>
  euThresholdFor(buyerKind, nature, date),
);

/** The legal minimum rate alone (legalMinimumRate without its words). */
function legalMinimumRateValue(isSme: boolean, buyerKind: BuyerKind | undefined, rules: LocalRules): number {
  if (!isSme) return ADVANCE_GENERAL_MIN_RATE;
  switch (buyerKind) {
    case "etat":
      return rules.stateSmeAdvanceMinRate;
    case "etablissement_etat":
      return ADVANCE_SME_MIN_RATE_STATE_BODIES;
    case "collectivite_60m":
      return ADVANCE_SME_MIN_RATE_LARGE_LOCAL;
    default:
      return ADVANCE_GENERAL_MIN_RATE;
  }
}

const LATEST_EU_PERIOD_START_DAY = excelSerialFromIso(LATEST_EU_PERIOD_START);

function dayOfCheckedDate(date: IsoDate | InputError): number | InputError {
  return isInputError(date) ? date : excelSerialFromIso(date);
}

/**
 * advanceRate's value alone, for arguments already read (the TAUX_AVANCE cells): the same checks in the
 * same order, the same rate, without the explanation.
 */
export function advanceRateFigure(
  amountHT: number,
  durationMonths: number,
  isSme: boolean,
  employees: number | undefined,
  buyerKind: BuyerKind | undefined,
  asOf: IsoDate | number | undefined,
  rules: Partial<LocalRules> | undefined,
): number | InputError {
  const amount = readAmount("amountHT", amountHT);
  if (isInputError(amount)) return amount;
  const duration = readPositive("durationMonths", durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  if (typeof isSme !== "boolean") return inputError("isSme", "Indiquez si le titulaire est une PME : VRAI ou FAUX.");
  const staff = isAbsent(employees) ? undefined : readCount("employees", employees, "L'effectif");
  if (isInputError(staff)) return staff;
  if (isSme && staff !== undefined && staff >= SME_MAX_EMPLOYEES) {
    return inputError("employees", "Incohérence : une PME compte moins de 250 salariés.");
  }
  const buyer = readOptionalBuyerKind("buyerKind", buyerKind);
  if (isInputError(buyer)) return buyer;
  // A date cell's day number is read as such; a date text as readDate reads it.
  const day =
    typeof asOf === "number"
      ? readDay("asOf", asOf)
      : isAbsent(asOf)
        ? LATEST_EU_PERIOD_START_DAY
        : dayOfCheckedDate(readDate("asOf", asOf));
  if (isInputError(day)) return day;
  const checkedRules = readRules(rules);
  if (isInputError(checkedRules)) return checkedRules;
  // R2191-3: due above 50 000 € HT and 2 months (judgeRequirement, outside frameworks).
  if (!(amount > ADVANCE_MIN_AMOUNT_HT && duration > ADVANCE_MIN_DURATION_MONTHS)) return 0;
  const legal = legalMinimumRateValue(isSme, buyer, checkedRules);
  // The date is checked above: the threshold is looked up by its day number.
  const eu = euThresholdOnDay(buyer ?? "collectivite", "services", day);
  if (eu === undefined) return inputError("date", "Aucune valeur connue pour ce seuil à cette date.");
  const smallFirm = isSme && staff !== undefined && staff < checkedRules.smallFirmMaxEmployees;
  const bonus = smallFirm && amount < eu ? checkedRules.smallFirmAdvanceRate : 0;
  return Math.max(legal, bonus);
}

/**
 * The avance rate to grant: 0 when the avance is not due (the SPASER bonus raises an avance, it does not
 * create one; the buyer may still grant one), otherwise the larger of the legal minimum and the SPASER
 * bonus (action 17: small firms under 50 employees on contracts under the EU threshold for supplies and
 * services of the buyer, the threshold the plan quoted).
 */
export function advanceRate(input: AdvanceRateInput): RuleOutcome<number> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const duration = readPositive("durationMonths", args.durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  if (typeof args.isSme !== "boolean")
    return inputError("isSme", "Indiquez si le titulaire est une PME : VRAI ou FAUX.");
  const isSme = args.isSme;
  const employees = readOptional(args.employees, (value) => readCount("employees", value, "L'effectif"), undefined);
  if (isInputError(employees)) return employees;
  if (isSme && employees !== undefined && employees >= SME_MAX_EMPLOYEES) {
    return inputError("employees", "Incohérence : une PME compte moins de 250 salariés.");
  }
  const buyerKind = readOptionalBuyerKind("buyerKind", args.buyerKind);
  if (isInputError(buyerKind)) return buyerKind;
  const asOf = readOptionalDate("asOf", args.asOf);
  if (isInputError(asOf)) return asOf;
  const rules = readRules(args.rules);
  if (isInputError(rules)) return rules;

  const due = judgeRequirement(amountHT, duration, false, undefined);
  if (!due.ok) return due;
  if (!due.value) {
    return verdict(
      0,
      () => `${due.explanation} Taux retenu : 0 % ; le bonus SPASER (action 17) ne s'applique qu'à une avance due.`,
      [...due.basis, "SPASER action 17"],
    );
  }

  const legal = legalMinimumRate(isSme, buyerKind, rules);
  // The plan quoted the supplies-and-services threshold of local authorities (215 000 € in 2022-23).
  const eu = euThresholdAt(buyerKind ?? "collectivite", "services", asOf ?? LATEST_EU_PERIOD_START);
  if (!eu.ok) return eu;
  const euText = later(() =>
    asOf
      ? `seuil européen de ${euros(eu.value)} HT au ${frenchDate(asOf)}`
      : `seuil européen de ${euros(eu.value)} HT (dernière valeur connue, date non renseignée)`,
  );

  let bonusText: () => string;
  let bonus = 0;
  const smallFirm = isSme && employees !== undefined && employees < rules.smallFirmMaxEmployees;
  if (!isSme) {
    bonusText = later(() => "Titulaire non PME : pas de bonus SPASER (action 17).");
  } else if (employees === undefined) {
    bonusText = later(
      () =>
        `Effectif non renseigné : le bonus SPASER de ${percent(rules.smallFirmAdvanceRate)} (action 17, entreprises de moins de ${rules.smallFirmMaxEmployees} salariés) n'a pas été vérifié.`,
    );
  } else if (!smallFirm) {
    bonusText = later(
      () =>
        `Entreprise de ${employees} salariés : pas de bonus SPASER (action 17, moins de ${rules.smallFirmMaxEmployees} salariés).`,
    );
  } else if (amountHT >= eu.value) {
    bonusText = later(() => `Montant au-dessus du ${euText()} : pas de bonus SPASER (action 17).`);
  } else {
    bonus = rules.smallFirmAdvanceRate;
    bonusText = later(
      () =>
        `Bonus SPASER de ${percent(bonus)} (action 17 : entreprise de moins de ${rules.smallFirmMaxEmployees} salariés, montant sous le ${euText()}) : choix de politique locale, pas une obligation légale.`,
    );
  }
  const rate = Math.max(legal.rate, bonus);
  const basis = ["CCP R2191-3", "CCP R2191-7", "SPASER action 17"];
  const aboveGuaranteeFreeRate = rate > ADVANCE_MAX_RATE_WITHOUT_GUARANTEE;
  if (aboveGuaranteeFreeRate) basis.push("décret 2020-1261");
  const explanation = later(() =>
    [
      `Avance de ${percent(rate)} : ${legal.text()} ; c'est la part légale.`,
      bonusText(),
      aboveGuaranteeFreeRate
        ? "Au-delà de 30 %, une garantie à première demande peut être exigée (décret 2020-1261)."
        : "Jusqu'à 30 %, pas de garantie ; au-delà, une garantie à première demande peut être exigée (décret 2020-1261).",
    ].join(" "),
  );
  return verdict(rate, explanation, basis);
}

export interface AdvanceAmountInput {
  readonly amountHT: number;
  readonly durationMonths: number;
  /** Avance rate as a fraction (0.05 = 5 %). */
  readonly rate: number;
  /** VAT rate as a fraction; default 20 %. */
  readonly vatRate?: number;
}

/**
 * The avance amount alone, for numbers already read (the MONTANT_AVANCE cells): the same checks and
 * rounding as advanceAmount, without its explanation.
 */
export function advanceAmountFigure(
  amountHT: number,
  durationMonths: number,
  rate: number,
  vatRate: number = DEFAULT_VAT_RATE,
): number | InputError {
  const amount = readAmount("amountHT", amountHT);
  if (isInputError(amount)) return amount;
  const duration = readPositive("durationMonths", durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  const checkedRate = readFraction("rate", rate, "Le taux d'avance");
  if (isInputError(checkedRate)) return checkedRate;
  const vat = readFraction("vatRate", vatRate, "Le taux de TVA");
  if (isInputError(vat)) return vat;
  const amountTTC = amount * (1 + vat);
  const base = duration > ADVANCE_BASE_MONTHS ? (ADVANCE_BASE_MONTHS * amountTTC) / duration : amountTTC;
  const avance = Math.round(base * checkedRate * 100) / 100;
  // Amounts near the float limit overflow once VAT and the 12-month base apply.
  if (!Number.isFinite(avance))
    return inputError("amountHT", "Montant hors limites : l'avance ne peut pas être calculée.");
  return avance;
}

/**
 * Avance amount (R2191-7): rate × base, the base being the initial amount TTC, or 12 × amount TTC ÷ duration
 * for contracts longer than 12 months. Rounded to the cent.
 */
export function advanceAmount(input: AdvanceAmountInput): RuleOutcome<number> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const duration = readPositive("durationMonths", args.durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  const rate = readFraction("rate", args.rate, "Le taux d'avance");
  if (isInputError(rate)) return rate;
  const vatRate = readOptional(
    args.vatRate,
    (value) => readFraction("vatRate", value, "Le taux de TVA"),
    DEFAULT_VAT_RATE,
  );
  if (isInputError(vatRate)) return vatRate;

  const amount = advanceAmountFigure(amountHT, duration, rate, vatRate);
  if (isInputError(amount)) return amount;
  const amountTTC = amountHT * (1 + vatRate);
  const long = duration > ADVANCE_BASE_MONTHS;
  const base = long ? (ADVANCE_BASE_MONTHS * amountTTC) / duration : amountTTC;
  const baseText = later(() =>
    long
      ? `base de 12 × ${euros(amountTTC)} TTC ÷ ${duration} mois = ${euros(Math.round(base * 100) / 100)}`
      : `base de ${euros(amountTTC)} TTC (montant initial)`,
  );
  return verdict(amount, () => `Avance de ${euros(amount)} : ${percent(rate)} × ${baseText()} (R2191-7).`, [
    "CCP R2191-7",
  ]);
}
