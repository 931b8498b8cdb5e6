/* eslint-disable @typescript-eslint/no-explicit-any -- Excel cells are untyped: the metadata generator only
   accepts `any` for arguments that may be numbers, texts or booleans; args.ts reads them strictly. */
/**
 * The SPASER custom functions. Thin wrappers over src/spaser: the JSDoc here generates functions.json
 * (custom-functions-metadata-plugin); French names and descriptions live in functions.fr-text.json.
 * Signatures are a public contract: workbooks rely on them for years. Argument order never changes.
 *
 * Every function reads its arguments with args.ts and returns the domain's verdict. Bad input gives #VALUE!
 * (or #N/A for an unknown name) with a short French message; nothing escapes as an uncaught exception.
 */
import { actionField } from "../spaser/actions";
import { excelSerialFromIso, isoFromExcelSerial } from "../spaser/dates";
import {
  contractsMissing,
  findIndicator,
  gapToTarget,
  rateOfFlags,
  type IndicatorDefinition,
} from "../spaser/indicators";
import { targetFor, type Policy } from "../spaser/policy";
import { advanceAmountFigure, advanceRateFigure } from "../spaser/rules/advance";
import {
  insertionHours,
  insertionHoursFigure,
  insertionStudy,
  INSERTION_STUDY_LABELS,
} from "../spaser/rules/insertion";
import { DEFAULT_LOCAL_RULES } from "../spaser/local-rules";
import { loiClimatCompliance } from "../spaser/rules/loi-climat";
import { milestoneDays, milestones as milestonesOf } from "../spaser/rules/milestones";
import { priceRevisionSentence } from "../spaser/rules/price-revision";
import { reservableFigure, reservationAdviceSentence } from "../spaser/rules/reserve";
import { potentialFromRow } from "../spaser/scoring";
import { thresholdFigure, thresholdFigureOnDay } from "../spaser/thresholds";
import type { InputError, RuleOutcome } from "../spaser/types";
import {
  amountArg,
  ArgumentError,
  booleanArg,
  dateArg,
  dateOrToday,
  fail,
  failWith,
  fractionArg,
  isOmitted,
  listArg,
  numberArg,
  optionalBooleanArg,
  optionalBuyerKindArg,
  optionalFractionArg,
  optionalNatureArg,
  optionalNumberArg,
  policyArg,
  rulesArg,
  textArg,
  todayIso,
} from "./args";
import { runtime } from "./runtime";

// The metadata plugin appends `CustomFunctions.associate(...)` calls to this file: route them to the
// runtime, which also works outside Excel (workbench, tests).
const CustomFunctions = runtime;

/**
 * Runs a function body; argument and domain errors become the cell's #VALUE! / #N/A with their message.
 * The contract-level functions, recalculated on every row, write the same steps out (`try`, then
 * `cellFailure`, then `shown`) instead: a closure per call costs more than most of their rules.
 */
function inCell<T>(body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/** The error a cell shows for what a function body threw. */
function cellFailure(error: unknown): never {
  if (error instanceof ArgumentError) throw runtime.error(error.code, error.message);
  throw runtime.error("#VALUE!", "Calcul impossible : valeur inattendue dans les arguments.");
}

/** Defence in depth: a number Excel cannot show is an error, never a silent Infinity or NaN. */
function shown<T>(result: T): T {
  if (typeof result === "number" && !Number.isFinite(result)) {
    throw runtime.error("#NUM!", "Résultat hors des limites d'Excel : vérifiez les montants et durées.");
  }
  return result;
}

function valueOf<T>(outcome: RuleOutcome<T>): T {
  return outcome.ok ? outcome.value : failWith(outcome);
}

/** A verdict written straight as « Label : explanation », or the rule's refusal. */
function sentenceOf(sentence: string | InputError): string {
  return typeof sentence === "string" ? sentence : failWith(sentence);
}

/** A figure computed without its explanation (the cell shows the value alone), or the rule's refusal. */
function figureOf<T extends number | boolean>(figure: T | InputError): T {
  return typeof figure === "object" ? failWith(figure) : figure;
}

/** "Label : explanation", the form of every text verdict. */
function labelled<T extends string>(outcome: RuleOutcome<T>, labels: Readonly<Record<T, string>>): string {
  const value = valueOf(outcome);
  return outcome.ok ? `${labels[value]} : ${outcome.explanation}` : "";
}

function indicatorArg(value: any): IndicatorDefinition {
  const name = textArg("indicateur", value);
  return findIndicator(name) ?? fail(`Indicateur inconnu : « ${name.slice(0, 40)} ».`, "#N/A");
}

function yearArg(value: any): number {
  if (isOmitted(value)) return Number(todayIso().slice(0, 4));
  const year = numberArg("année", value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fail("année : année sur 4 chiffres attendue.");
}

function targetArg(indicator: IndicatorDefinition, year: number, policy: Policy): number {
  const target = targetFor(policy, indicator.id, year);
  return target ?? fail(`Pas de cible pour « ${indicator.labelFr} » en ${year} dans les paramètres.`, "#N/A");
}

function flagsRate(flags: any[][], targeted?: any[][]) {
  const outcome = rateOfFlags(flags, isOmitted(targeted) ? undefined : targeted);
  return valueOf(outcome);
}

/**
 * TRUE when the contract may be reserved (CCP L2113-12 to L2113-16) because an inclusive offer exists, and
 * its amount is under the policy's reservation cap (SPASER action 11; 90 000 € HT by default).
 * @customfunction ELIGIBLE_RESERVE
 * @param amount_ht Contract amount, € excluding VAT.
 * @param offer_types Inclusive offers that exist: "SIAE;EA" or cells holding ESS, SIAE, EA, ESAT.
 * @param [service_category] "social" for social and other specific services (required for ESS), "other" otherwise.
 * @param [as_of] Date of the assessment (default: today).
 * @param [policy] The policy table (SPASER Paramètres sheet); default: the reference plan.
 * @returns TRUE or FALSE.
 */
export function eligibleReserve(
  amount_ht: any,
  offer_types: any[][],
  service_category?: any,
  as_of?: any,
  policy?: any[][],
): boolean {
  try {
    const category = isOmitted(service_category) ? undefined : serviceCategoryArg(service_category);
    return figureOf(
      reservableFigure(
        amountArg("montant_ht", amount_ht),
        listArg(offer_types),
        category,
        // The reservation articles did not change over the period covered: the date is only checked, and
        // an omitted one (today) needs no check.
        isOmitted(as_of) ? undefined : dateArg("date", as_of),
        rulesArg(policy),
      ),
    );
  } catch (error) {
    return cellFailure(error);
  }
}

function serviceCategoryArg(value: any): "social_specific" | "other" {
  const text = textArg("categorie_services", value).toLowerCase();
  if (/^(social|sociaux|social_specific|services? sociaux|ssas|oui|yes)/.test(text)) return "social_specific";
  if (/^(other|autre|autres|non|no)/.test(text)) return "other";
  return fail("categorie_services : « social » (services sociaux et autres services spécifiques) ou « autre ».");
}

/**
 * The inclusion measure that fits the local inclusive offer (potentiel inclusif): full reservation, reserved
 * lot, social clause, social criterion or none, with its legal basis.
 * @customfunction RESERVE_ADVICE
 * @param amount_ht Buyer's budget for the need, € excluding VAT.
 * @param inclusive_suppliers Number of inclusive suppliers for the sector and area.
 * @param [avg_supplier_turnover] Their average yearly turnover, € (to weigh the buyer's economic weight).
 * @param [offer_types] Kinds of inclusive offer: ESS, SIAE, EA, ESAT.
 * @param [policy] The policy table; default: the reference plan.
 * @returns The recommended measure and why.
 */
export function reserveAdvice(
  amount_ht: any,
  inclusive_suppliers: any,
  avg_supplier_turnover?: any,
  offer_types?: any[][],
  policy?: any[][],
): string {
  let result;
  try {
    result = sentenceOf(
      reservationAdviceSentence(
        amountArg("montant_ht", amount_ht),
        numberArg("nb_structures", inclusive_suppliers),
        isOmitted(avg_supplier_turnover) ? undefined : amountArg("ca_moyen", avg_supplier_turnover),
        isOmitted(offer_types) ? undefined : listArg(offer_types),
        rulesArg(policy),
      ),
    );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/**
 * Whether a social / insertion consideration is mandatory (CCP L2112-2-1, from 21 August 2026 above EU
 * thresholds), to study (SPASER action 8, above 90 000 € HT) or optional, and why.
 * @customfunction INSERTION_STUDY
 * @param amount_ht Contract amount, € excluding VAT.
 * @param [launch_date] Date the consultation is launched (default: today).
 * @param [buyer_kind] etat, etablissement_etat, collectivite, collectivite_60m, entite_adjudicatrice, defense, autre.
 * @param [nature] travaux, fournitures or services.
 * @param [policy] The policy table; default: the reference plan.
 * @returns The verdict and its reason.
 */
export function insertionStudyText(
  amount_ht: any,
  launch_date?: any,
  buyer_kind?: any,
  nature?: any,
  policy?: any[][],
): string {
  let result;
  try {
    result = labelled(
      insertionStudy({
        amountHT: amountArg("montant_ht", amount_ht),
        launchDate: dateOrToday("date_lancement", launch_date),
        buyerKind: optionalBuyerKindArg("type_acheteur", buyer_kind),
        nature: optionalNatureArg("nature", nature),
        rules: rulesArg(policy),
      }),
      INSERTION_STUDY_LABELS,
    );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/**
 * Insertion hours of a clause: amount × labour share × insertion rate ÷ loaded hourly cost.
 * @customfunction INSERTION_HOURS
 * @param amount_ht Contract amount, € excluding VAT.
 * @param labour_share Labour share of the amount (50 % or 0.5), or a segment name such as "maçonnerie".
 * @param [insertion_rate] Share of labour hours for insertion (default 5 %).
 * @param [hourly_cost] Loaded hourly cost in € (default 30 €/h).
 * @returns Number of insertion hours.
 */
export function insertionHoursCount(
  amount_ht: any,
  labour_share: any,
  insertion_rate?: any,
  hourly_cost?: any,
): number {
  let hours;
  try {
    hours =
      typeof labour_share === "string" && !/\d/.test(labour_share)
        ? segmentHours(amount_ht, labour_share, insertion_rate, hourly_cost)
        : figureOf(
            insertionHoursFigure(
              amountArg("montant_ht", amount_ht),
              fractionArg("part_main_oeuvre", labour_share),
              optionalFractionArg("taux_insertion", insertion_rate) ?? DEFAULT_LOCAL_RULES.defaultInsertionRate,
              isOmitted(hourly_cost) ? DEFAULT_LOCAL_RULES.defaultHourlyCost : amountArg("cout_horaire", hourly_cost),
            ),
          );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(hours);
}

/** Hours of a clause sized by a segment name ("maçonnerie"): its share, hourly cost and minimum. */
function segmentHours(amount_ht: any, segment: string, insertion_rate: any, hourly_cost: any): number {
  return valueOf(
    insertionHours({
      amountHT: amountArg("montant_ht", amount_ht),
      segment,
      insertionRate: optionalFractionArg("taux_insertion", insertion_rate),
      hourlyCost: isOmitted(hourly_cost) ? undefined : amountArg("cout_horaire", hourly_cost),
    }),
  );
}

/**
 * The avance rate to grant: the legal minimum (CCP R2191-3, R2191-7 and following) and the SPASER bonus for
 * small firms (action 17), 0 when no avance is due.
 * @customfunction ADVANCE_RATE
 * @param amount_ht Initial contract amount, € excluding VAT.
 * @param duration_months Execution period in months.
 * @param is_sme TRUE when the holder is an SME (fewer than 250 employees).
 * @param [employees] Number of employees of the holder.
 * @param [buyer_kind] etat, etablissement_etat, collectivite, collectivite_60m, entite_adjudicatrice, defense, autre.
 * @param [as_of] Date used for the EU threshold (default: today).
 * @param [policy] The policy table; default: the reference plan.
 * @returns The rate as a fraction (0.3 = 30 %).
 */
export function advanceRateValue(
  amount_ht: any,
  duration_months: any,
  is_sme: any,
  employees?: any,
  buyer_kind?: any,
  as_of?: any,
  policy?: any[][],
): number {
  let result;
  try {
    result = figureOf(
      advanceRateFigure(
        amountArg("montant_ht", amount_ht),
        numberArg("duree_mois", duration_months),
        booleanArg("est_pme", is_sme),
        optionalNumberArg("effectif", employees),
        optionalBuyerKindArg("type_acheteur", buyer_kind),
        // A date cell's day number goes as it is (no date text); other dates are read as usual.
        typeof as_of === "number" && isoFromExcelSerial(as_of) !== undefined ? as_of : dateOrToday("date", as_of),
        rulesArg(policy),
      ),
    );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/**
 * Amount of the avance (CCP R2191-7): rate × amount including VAT, or rate × 12 × amount including VAT ÷
 * duration beyond 12 months.
 * @customfunction ADVANCE_AMOUNT
 * @param amount_ht Initial contract amount, € excluding VAT.
 * @param duration_months Execution period in months.
 * @param rate Avance rate (5 % or 0.05).
 * @param [vat_rate] VAT rate (default 20 %).
 * @returns The avance in € including VAT.
 */
export function advanceAmountValue(amount_ht: any, duration_months: any, rate: any, vat_rate?: any): number {
  let result;
  try {
    result = figureOf(
      advanceAmountFigure(
        amountArg("montant_ht", amount_ht),
        numberArg("duree_mois", duration_months),
        fractionArg("taux", rate),
        optionalFractionArg("taux_tva", vat_rate),
      ),
    );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/**
 * Whether a price revision clause is mandatory (CCP R2112-14), recommended (SPASER action 19, contracts of a
 * year or more) or not required, and why.
 * @customfunction PRICE_REVISION
 * @param duration_months Contract duration in months.
 * @param [raw_material_share] Share of raw materials tied to world prices (30 % or 0.3).
 * @param [policy] The policy table; default: the reference plan.
 * @returns The verdict and its reason.
 */
export function priceRevisionText(duration_months: any, raw_material_share?: any, policy?: any[][]): string {
  let result;
  try {
    result = sentenceOf(
      priceRevisionSentence(
        numberArg("duree_mois", duration_months),
        optionalFractionArg("part_matieres_premieres", raw_material_share),
        rulesArg(policy),
      ),
    );
  } catch (error) {
    return cellFailure(error);
  }
  return shown(result);
}

/**
 * Value in € excluding VAT of a legal threshold at a date (dispense, MAPA publicity, DECP, EU thresholds).
 * @customfunction THRESHOLD
 * @param name Threshold name, e.g. "dispense_fs", "eu_fs_local", "seuil_europeen_collectivites".
 * @param [as_of] Date (default: today).
 * @returns The threshold in € excluding VAT.
 */
export function thresholdValue(name: any, as_of?: any): number {
  try {
    // A date cell holds a day number: looked up as such, without writing the date as text.
    const figure =
      typeof as_of === "number" && isoFromExcelSerial(as_of) !== undefined
        ? thresholdFigureOnDay(textArg("nom", name), as_of)
        : thresholdFigure(textArg("nom", name), dateOrToday("date", as_of));
    return typeof figure === "number" ? figure : failWith(figure, figure.field === "name" ? "#N/A" : "#VALUE!");
  } catch (error) {
    return cellFailure(error);
  }
}

/**
 * Loi Climat et Résilience compliance of a contract (CCP L2112-2, L2152-7, L2112-2-1, consultations launched
 * from 21 August 2026): "Conforme" or the missing obligations with their articles.
 * @customfunction COMPLIANCE
 * @param launch_date Date the consultation was launched.
 * @param amount_ht Contract amount, € excluding VAT.
 * @param env_clause Environmental execution condition (TRUE / FALSE / empty if unknown).
 * @param env_criterion Environmental award criterion (TRUE / FALSE / empty if unknown).
 * @param social_consideration Social consideration (TRUE / FALSE / empty if unknown).
 * @param [buyer_kind] etat, etablissement_etat, collectivite, collectivite_60m, entite_adjudicatrice, defense, autre.
 * @param [nature] travaux, fournitures or services.
 * @returns "Conforme", "Non applicable…" or the missing obligations.
 */
export function complianceText(
  launch_date: any,
  amount_ht: any,
  env_clause: any,
  env_criterion: any,
  social_consideration: any,
  buyer_kind?: any,
  nature?: any,
): string {
  return inCell(
    () =>
      valueOf(
        loiClimatCompliance({
          launchDate: dateArg("date_lancement", launch_date),
          amountHT: amountArg("montant_ht", amount_ht),
          envClause: optionalBooleanArg("clause_env", env_clause),
          envCriterion: optionalBooleanArg("critere_env", env_criterion),
          socialConsideration: optionalBooleanArg("consideration_sociale", social_consideration),
          buyerKind: optionalBuyerKindArg("type_acheteur", buyer_kind),
          nature: optionalNatureArg("nature", nature),
        }),
      ).summary,
  );
}

/**
 * Dates of the J-24, J-14 and J-12 milestones before a planned award (SPASER governance: work with the
 * service between J-24 and J-14, cotation presented at J-12). Format the cells as dates.
 * @customfunction MILESTONES
 * @param award_date Planned award date.
 * @returns The J-24, J-14 and J-12 dates, spilled on one row.
 */
export function milestones(award_date: any): number[][] {
  try {
    // A date cell holds a day number: the months are counted on it, no date text written.
    if (typeof award_date === "number" && isoFromExcelSerial(award_date) !== undefined) {
      const days = milestoneDays(award_date);
      return Array.isArray(days) ? [days] : failWith(days);
    }
    const dates = valueOf(milestonesOf(dateArg("date_attribution", award_date)));
    return [[excelSerialFromIso(dates.j24), excelSerialFromIso(dates.j14), excelSerialFromIso(dates.j12)]];
  } catch (error) {
    return cellFailure(error);
  }
}

/**
 * Potentiel durable (0–100) of one contract from its row of questionnaire answers (SPASER Cotations sheet).
 * @customfunction POTENTIAL
 * @param answers The row of answers, in the questionnaire's column order.
 * @param [policy] The policy table (weights); default: the reference plan.
 * @returns The potential, 0 to 100.
 */
export function potential(answers: any[][], policy?: any[][]): number {
  return inCell(() => {
    const result = potentialFromRow(answers, policyArg(policy).weights);
    return typeof result === "number" ? result : failWith(result);
  });
}

/**
 * Share of contracts with a flag among the targeted ones (or among all non-empty rows). Empty flags of
 * targeted rows are missing data, not "no".
 * @customfunction RATE
 * @param flags Flag cells: Oui / Non, X, 1 / 0, VRAI / FAUX.
 * @param [targeted] Same-size range marking the targeted contracts.
 * @returns The share as a fraction (0.35 = 35 %).
 */
export function rate(flags: any[][], targeted?: any[][]): number {
  return inCell(() => {
    const result = flagsRate(flags, targeted);
    return result.rate ?? fail("Aucune ligne renseignée : taux non calculable.", "#N/A");
  });
}

/**
 * Target of an indicator for a year in the organisation's policy.
 * @customfunction TARGET
 * @param indicator Indicator id or name, e.g. "env_criterion" or "critère environnemental".
 * @param [year] Year (default: the current year).
 * @param [policy] The policy table; default: the reference plan.
 * @returns The target as a fraction (0.7 = 70 %).
 */
export function target(indicator: any, year?: any, policy?: any[][]): number {
  return inCell(() => targetArg(indicatorArg(indicator), yearArg(year), policyArg(policy)));
}

/**
 * Gap to the indicator's target in percentage points (positive = behind the target).
 * @customfunction TARGET_GAP
 * @param indicator Indicator id or name.
 * @param flags Flag cells of the contracts.
 * @param [targeted] Same-size range marking the targeted contracts.
 * @param [year] Year (default: the current year).
 * @param [policy] The policy table; default: the reference plan.
 * @returns The gap in percentage points.
 */
export function targetGap(indicator: any, flags: any[][], targeted?: any[][], year?: any, policy?: any[][]): number {
  return inCell(() => {
    const goal = targetArg(indicatorArg(indicator), yearArg(year), policyArg(policy));
    const result = flagsRate(flags, targeted);
    if (result.rate === undefined) return fail("Aucune ligne renseignée : écart non calculable.", "#N/A");
    return valueOf(gapToTarget(result.rate, goal));
  });
}

/**
 * How many more contracts need the flag to reach the indicator's target.
 * @customfunction CONTRACTS_MISSING
 * @param indicator Indicator id or name.
 * @param flags Flag cells of the contracts.
 * @param [targeted] Same-size range marking the targeted contracts.
 * @param [year] Year (default: the current year).
 * @param [policy] The policy table; default: the reference plan.
 * @returns A number of contracts.
 */
export function contractsMissingCount(
  indicator: any,
  flags: any[][],
  targeted?: any[][],
  year?: any,
  policy?: any[][],
): number {
  return inCell(() => {
    const goal = targetArg(indicatorArg(indicator), yearArg(year), policyArg(policy));
    const result = flagsRate(flags, targeted);
    return valueOf(contractsMissing(result.yes, result.denominator, goal));
  });
}

/**
 * Title, axis, objective, pilot or indicator of a SPASER action of the reference plan.
 * @customfunction ACTION
 * @param number Action number, 1 to 26.
 * @param [field] title, axis, objective, pilot, indicator or effects (French: titre, axe, objectif, pilote, indicateur, effets).
 * @returns The field's value (text, or a number for the objective).
 */
export function action(number: any, field?: any): any {
  return inCell(() => {
    const outcome = actionField(
      isOmitted(number) ? number : numberArg("numero", number),
      isOmitted(field) ? undefined : field,
    );
    return outcome.ok ? outcome.value : failWith(outcome, "#N/A");
  });
}

void CustomFunctions;
