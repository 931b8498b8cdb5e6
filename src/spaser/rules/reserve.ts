/**
 * Reserved contracts (marchés réservés), CCP L2113-12 to L2113-16, and the SPASER's reservation policy
 * (action 11). The law sets no amount cap: the SPASER's 90 000 € HT is a local choice.
 */
import { inputError, verdict, type InputError, type IsoDate, type LocalRules, type RuleOutcome } from "../types";
import { euros, percent } from "../format";
import {
  isAbsent,
  isInputError,
  later,
  readAmount,
  readCount,
  readInput,
  readOptionalDate,
  readPositive,
  readRules,
} from "./input";

export type InclusiveOfferType = "ESS" | "SIAE" | "EA" | "ESAT";
export const INCLUSIVE_OFFER_TYPES: readonly InclusiveOfferType[] = ["ESS", "SIAE", "EA", "ESAT"];
const OFFER_TYPE_SET: ReadonlySet<unknown> = new Set(INCLUSIVE_OFFER_TYPES);

/** CCP annex "services sociaux et autres services spécifiques" (the only services an ESS reservation may cover). */
export type ServiceCategory = "social_specific" | "other";

export interface ReservationEligibilityInput {
  readonly amountHT: number;
  /** Inclusive offers identified for the need: ESS, SIAE, EA, ESAT (any case). */
  readonly offerTypes: readonly string[];
  readonly serviceCategory?: ServiceCategory;
  /** Date of the judgement (validated; the reservation articles did not change over the covered period). */
  readonly asOf?: IsoDate;
  readonly rules?: Partial<LocalRules>;
}

const R2113_7 = "CCP R2113-7";

function readOfferTypes(field: string, value: unknown): InclusiveOfferType[] | InputError {
  if (!Array.isArray(value)) return inputError(field, "Liste des offres inclusives attendue (ESS, SIAE, EA, ESAT).");
  const types = new Set<InclusiveOfferType>();
  for (const item of value) {
    if (OFFER_TYPE_SET.has(item)) {
      types.add(item as InclusiveOfferType); // typed as listed: no trimming or case to fix
      continue;
    }
    const type = typeof item === "string" ? item.trim().toUpperCase() : undefined;
    if (!type || !(INCLUSIVE_OFFER_TYPES as readonly string[]).includes(type)) {
      return inputError(
        field,
        `Type d'offre inconnu : ${typeof item === "string" ? item.slice(0, 30) : "valeur non textuelle"}. Valeurs admises : ESS, SIAE, EA, ESAT.`,
      );
    }
    types.add(type as InclusiveOfferType);
  }
  return [...types];
}

function readServiceCategory(value: unknown): ServiceCategory | undefined | InputError {
  if (isAbsent(value)) return undefined;
  if (value === "social_specific" || value === "other") return value;
  return inputError("serviceCategory", "Catégorie de services attendue : social_specific ou other.");
}

/** A note when the amount falls in the band the SPASER tracks (action 11). */
function trackingNote(amountHT: number, rules: LocalRules): string | undefined {
  if (amountHT < rules.trackingBandLowHT || amountHT > rules.trackingBandHighHT) return undefined;
  return `Marché de la tranche suivie par le SPASER (${euros(rules.trackingBandLowHT)} à ${euros(rules.trackingBandHighHT)} HT, action 11).`;
}

/**
 * Can this contract legally be reserved, given the inclusive offers that exist? The value is the legal
 * answer; the SPASER cap (action 11) only says where the plan asks buyers to reserve.
 */
export function reservationEligibility(input: ReservationEligibilityInput): RuleOutcome<boolean> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const offers = readOfferTypes("offerTypes", args.offerTypes);
  if (isInputError(offers)) return offers;
  const category = readServiceCategory(args.serviceCategory);
  if (isInputError(category)) return category;
  const asOf = readOptionalDate("asOf", args.asOf);
  if (isInputError(asOf)) return asOf;
  const rules = readRules(args.rules);
  if (isInputError(rules)) return rules;

  const disabled = offers.includes("EA") || offers.includes("ESAT");
  const insertion = offers.includes("SIAE");
  const ess = offers.includes("ESS");
  const basis: string[] = [];
  if (disabled && insertion) basis.push("CCP L2113-12", "CCP L2113-13", "CCP L2113-14");
  else if (disabled) basis.push("CCP L2113-12");
  else if (insertion) basis.push("CCP L2113-13");
  const legalBeforeEss = basis.length > 0;
  if (ess) {
    if (category === "social_specific") basis.push("CCP L2113-15", "CCP L2113-16");
    else basis.push("CCP L2113-15");
  }
  const eligible = legalBeforeEss || (ess && category === "social_specific");
  if (eligible) basis.push(R2113_7);
  // The reasons are words for the explanation only: written when it is read.
  const reasons = (): string[] => {
    const list: string[] = [];
    if (disabled && insertion) {
      list.push("réservation possible aux EA/ESAT et aux SIAE, ensemble ou séparément (L2113-12 à L2113-14)");
    } else if (disabled) {
      list.push("réservation possible aux entreprises adaptées et ESAT (L2113-12)");
    } else if (insertion) {
      list.push("réservation possible aux structures d'insertion par l'activité économique (L2113-13)");
    }
    if (ess) {
      if (category === "social_specific") {
        list.push(
          `réservation possible aux entreprises de l'ESS pour ces services sociaux et autres services spécifiques, pour ${rules.essReservationMaxYears} ans au plus (L2113-15, L2113-16)`,
        );
      } else if (category === "other") {
        list.push(
          "pas de réservation à l'ESS : elle n'est permise que pour les services sociaux et autres services spécifiques (L2113-15)",
        );
      } else {
        list.push(
          "réservation à l'ESS non confirmée : précisez si le marché porte sur des services sociaux et autres services spécifiques, seuls admis (L2113-15)",
        );
      }
    }
    if (offers.length === 0) list.push("aucune offre inclusive identifiée : pas de réservation possible");
    if (eligible) {
      list.push(
        "les opérateurs doivent employer au moins 50 % de travailleurs concernés et la réservation est annoncée dans l'avis ou les documents de la consultation (R2113-7)",
      );
    }
    return list;
  };

  basis.push("SPASER action 11");
  const explanation = later(() => {
    const policy =
      amountHT < rules.reservationCapHT
        ? `Montant de ${euros(amountHT)} HT inférieur au plafond SPASER de ${euros(rules.reservationCapHT)} HT : le SPASER demande de réserver quand une offre existe (action 11).`
        : `Montant de ${euros(amountHT)} HT au-delà du plafond SPASER de ${euros(rules.reservationCapHT)} HT (action 11), qui est un choix local : la loi ne fixe aucun plafond de montant.`;
    const sentences = [
      `${eligible ? "Réservation possible" : "Réservation impossible"} : ${reasons().join(" ; ")}.`,
      policy,
    ];
    if (amountHT < rules.reservationCapHT)
      sentences.push("Ce plafond est un choix local : la loi ne fixe aucun plafond de montant.");
    const note = trackingNote(amountHT, rules);
    if (note) sentences.push(note);
    return sentences.join(" ");
  });
  return verdict(eligible, explanation, basis);
}

const OFFER_BITS: Readonly<Record<InclusiveOfferType, number>> = { ESS: 1, SIAE: 2, EA: 4, ESAT: 8 };

/**
 * The bit of an offer type typed as listed, 0 for anything else. A switch compares the characters; a
 * lookup by property name would first have to intern each freshly split text.
 */
function offerBit(item: unknown): number {
  switch (item) {
    case "ESS":
      return OFFER_BITS.ESS;
    case "SIAE":
      return OFFER_BITS.SIAE;
    case "EA":
      return OFFER_BITS.EA;
    case "ESAT":
      return OFFER_BITS.ESAT;
    default:
      return 0;
  }
}

/**
 * reservableUnderPolicy's value alone, for arguments already read (the RESERVABLE cells): the same checks,
 * the same answer, without the explanation.
 */
export function reservableFigure(
  amountHT: number,
  offerTypes: readonly string[],
  serviceCategory: ServiceCategory | undefined,
  asOf: IsoDate | undefined,
  rules: Partial<LocalRules> | undefined,
): boolean | InputError {
  const amount = readAmount("amountHT", amountHT);
  if (isInputError(amount)) return amount;
  let offers = 0;
  for (const item of offerTypes) {
    const bit = offerBit(item);
    if (bit === 0) {
      const checked = readOfferTypes("offerTypes", offerTypes); // the general reading, and its message
      if (isInputError(checked)) return checked;
      for (const type of checked) offers |= OFFER_BITS[type];
      break;
    }
    offers |= bit;
  }
  const category = readServiceCategory(serviceCategory);
  if (isInputError(category)) return category;
  const date = readOptionalDate("asOf", asOf);
  if (isInputError(date)) return date;
  const checkedRules = readRules(rules);
  if (isInputError(checkedRules)) return checkedRules;
  const legal =
    (offers & (OFFER_BITS.EA | OFFER_BITS.ESAT | OFFER_BITS.SIAE)) !== 0 ||
    ((offers & OFFER_BITS.ESS) !== 0 && category === "social_specific");
  return legal && amount < checkedRules.reservationCapHT;
}

/**
 * SPASER action 11 as the ELIGIBLE_RESERVE function reads it: the contract may be reserved (the legal test
 * above) *and* its amount is under the plan's cap, where the plan asks buyers to reserve.
 */
export function reservableUnderPolicy(input: ReservationEligibilityInput): RuleOutcome<boolean> {
  const legal = reservationEligibility(input);
  if (!legal.ok) return legal;
  const rules = readRules(input.rules);
  if (isInputError(rules)) return rules;
  return verdict(legal.value && input.amountHT < rules.reservationCapHT, () => legal.explanation, legal.basis);
}

export type ReservationAdvice = "reservation_totale" | "lot_reserve" | "clause_sociale" | "critere_social" | "aucun";

export const RESERVATION_ADVICE_LABELS: Readonly<Record<ReservationAdvice, string>> = {
  reservation_totale: "Réservation totale du marché",
  lot_reserve: "Lot réservé",
  clause_sociale: "Clause sociale d'exécution",
  critere_social: "Critère social d'attribution",
  aucun: "Aucune mesure d'inclusion proposée",
};

/** Le Marché de l'inclusion, "potentiel inclusif": supplier counts and the buyer's economic weight. */
export const FULL_RESERVATION_MIN_SUPPLIERS = 30; // strictly more than
export const FULL_RESERVATION_MAX_WEIGHT = 0.3; // strictly less than
export const RESERVED_LOT_MIN_SUPPLIERS = 10; // strictly more than
export const SOCIAL_CLAUSE_MIN_SUPPLIERS = 1; // strictly more than

export interface ReservationAdviceInput {
  /** The buyer's budget for the need, € HT. */
  readonly amountHT: number;
  /** Number of inclusive suppliers for the sector and the area. */
  readonly inclusiveSuppliers: number;
  /** Their average turnover, €: the buyer's economic weight is amountHT ÷ this. */
  readonly avgSupplierTurnover?: number;
  readonly offerTypes?: readonly string[];
  readonly rules?: Partial<LocalRules>;
}

/**
 * Which inclusion measure fits the local inclusive offer ("potentiel inclusif"). Reading of the last step
 * ("otherwise social criterion or nothing"): exactly one supplier → a social award criterion (it rewards
 * that supplier without restricting competition); none → nothing. Without the average turnover the weight
 * cannot be checked, so a full reservation is never advised: a reserved lot at most.
 */
export function reservationAdvice(input: ReservationAdviceInput): RuleOutcome<ReservationAdvice> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const read = readAdviceArgs(
    args.amountHT,
    args.inclusiveSuppliers,
    args.avgSupplierTurnover,
    args.offerTypes,
    args.rules,
  );
  if (isInputError(read)) return read;
  const advice = decideAdvice(read);
  return verdict(advice, () => adviceExplanation(advice, read), adviceBasis(advice, read));
}

/**
 * « Label : explanation » of reservationAdvice, written at once for arguments already read (the
 * CONSEIL_RESERVATION cells): the same checks, the same words, no verdict object in between.
 */
export function reservationAdviceSentence(
  amountHT: number,
  inclusiveSuppliers: number,
  avgSupplierTurnover: number | undefined,
  offerTypes: readonly string[] | undefined,
  rules: Partial<LocalRules> | undefined,
): string | InputError {
  const read = readAdviceArgs(amountHT, inclusiveSuppliers, avgSupplierTurnover, offerTypes, rules);
  if (isInputError(read)) return read;
  const advice = decideAdvice(read);
  return `${RESERVATION_ADVICE_LABELS[advice]} : ${adviceExplanation(advice, read)}`;
}

interface AdviceArgs {
  readonly amountHT: number;
  readonly suppliers: number;
  /** amountHT ÷ average supplier turnover; undefined when the turnover is not known. */
  readonly weight: number | undefined;
  readonly offers: readonly InclusiveOfferType[] | undefined;
  readonly rules: LocalRules;
}

function readAdviceArgs(
  amountHT: unknown,
  inclusiveSuppliers: unknown,
  avgSupplierTurnover: unknown,
  offerTypes: unknown,
  rules: unknown,
): AdviceArgs | InputError {
  const amount = readAmount("amountHT", amountHT);
  if (isInputError(amount)) return amount;
  const suppliers = readCount("inclusiveSuppliers", inclusiveSuppliers, "Le nombre de fournisseurs inclusifs");
  if (isInputError(suppliers)) return suppliers;
  const turnover = isAbsent(avgSupplierTurnover)
    ? undefined
    : readPositive("avgSupplierTurnover", avgSupplierTurnover, "Le chiffre d'affaires moyen");
  if (isInputError(turnover)) return turnover;
  const offers = isAbsent(offerTypes) ? undefined : readOfferTypes("offerTypes", offerTypes);
  if (isInputError(offers)) return offers;
  const checkedRules = readRules(rules);
  if (isInputError(checkedRules)) return checkedRules;
  const weight = turnover === undefined ? undefined : amount / turnover;
  return { amountHT: amount, suppliers, weight, offers, rules: checkedRules };
}

function decideAdvice({ suppliers, weight }: AdviceArgs): ReservationAdvice {
  if (suppliers > FULL_RESERVATION_MIN_SUPPLIERS && weight !== undefined && weight < FULL_RESERVATION_MAX_WEIGHT) {
    return "reservation_totale";
  }
  if (suppliers > RESERVED_LOT_MIN_SUPPLIERS) return "lot_reserve";
  if (suppliers > SOCIAL_CLAUSE_MIN_SUPPLIERS) return "clause_sociale";
  return suppliers === 1 ? "critere_social" : "aucun";
}

/** An ESS-only offer: a reservation is then possible for social and other specific services only. */
function essOnly(offers: readonly InclusiveOfferType[] | undefined): boolean {
  return offers !== undefined && offers.length > 0 && offers.every((o) => o === "ESS");
}

const POTENTIEL_INCLUSIF_RULE =
  "Règle du potentiel inclusif : plus de 30 fournisseurs et poids < 30 % → réservation totale ; plus de 10 → lot réservé ; plus de 1 → clause sociale ; 1 → critère social ; aucun → pas de mesure.";

function adviceExplanation(advice: ReservationAdvice, read: AdviceArgs): string {
  const { amountHT, suppliers, weight, offers, rules } = read;
  const weightText =
    weight === undefined
      ? "poids économique inconnu (chiffre d'affaires moyen non renseigné)"
      : `poids économique de l'acheteur ${percent(weight)} du chiffre d'affaires moyen`;
  const plural = suppliers > 1 ? "s" : "";
  let text = `Conseil : ${RESERVATION_ADVICE_LABELS[advice].toLowerCase()} (${suppliers} fournisseur${plural} inclusif${plural}, ${weightText}). ${POTENTIEL_INCLUSIF_RULE}`;
  if (suppliers > FULL_RESERVATION_MIN_SUPPLIERS && weight === undefined) {
    text += " Renseignez le chiffre d'affaires moyen pour vérifier si une réservation totale est possible.";
  }
  if (advice === "reservation_totale" || advice === "lot_reserve") {
    if (essOnly(offers)) {
      text +=
        " Offre ESS seulement : la réservation n'est possible que pour des services sociaux et autres services spécifiques (L2113-15).";
    }
    if (amountHT >= rules.reservationCapHT) {
      text += ` Le montant dépasse le plafond SPASER de ${euros(rules.reservationCapHT)} HT, choix local : la loi ne fixe aucun plafond.`;
    }
  }
  return text;
}

function adviceBasis(advice: ReservationAdvice, { amountHT, offers, rules }: AdviceArgs): string[] {
  const basis = ["Le Marché de l'inclusion (potentiel inclusif)"];
  if (advice === "reservation_totale" || advice === "lot_reserve") {
    basis.push("CCP L2113-12", "CCP L2113-13", "CCP L2113-14");
    if (essOnly(offers)) basis.push("CCP L2113-15");
    if (amountHT >= rules.reservationCapHT) basis.push("SPASER action 11");
  } else if (advice === "clause_sociale") {
    basis.push("CCP L2112-2");
  } else if (advice === "critere_social") {
    basis.push("CCP R2152-7");
  }
  return basis;
}
