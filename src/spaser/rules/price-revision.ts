/**
 * Price revision: mandatory revision clause (CCP R2112-14), revisable price under major economic hazards
 * (R2112-13, a judgement the tool cannot make) and the SPASER's guidance for long contracts (action 19).
 */
import { verdict, type InputError, type LocalRules, type RuleOutcome } from "../types";
import { percent } from "../format";
import { isAbsent, isInputError, readFraction, readInput, readPositive, readRules } from "./input";

/** R2112-14: the revision clause with official indices is mandatory beyond this execution length. */
export const MANDATORY_REVISION_MIN_MONTHS = 3;

export type PriceRevision = "obligatoire" | "recommandee" | "non_requise";

export const PRICE_REVISION_LABELS: Readonly<Record<PriceRevision, string>> = {
  obligatoire: "Clause de révision obligatoire",
  recommandee: "Révision des prix recommandée",
  non_requise: "Révision non requise",
};

export interface PriceRevisionInput {
  readonly durationMonths: number;
  /** Share of the price made of raw materials tied to world prices, fraction 0–1; absent = unknown. */
  readonly rawMaterialShare?: number;
  readonly rules?: Partial<LocalRules>;
}

const R2112_13_NOTE =
  "Le prix doit aussi être révisable si les parties sont exposées à des aléas majeurs prévisibles, notamment sur les matières premières agricoles et alimentaires (R2112-13).";

export function priceRevision(input: PriceRevisionInput): RuleOutcome<PriceRevision> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const read = readPriceRevisionArgs(args.durationMonths, args.rawMaterialShare, args.rules);
  if (isInputError(read)) return read;
  const value = decidePriceRevision(read);
  return verdict(value, () => priceRevisionExplanation(value, read), PRICE_REVISION_BASIS[value]);
}

/**
 * « Label : explanation » of priceRevision, written at once for numbers already read (the REVISION_PRIX
 * cells): the same checks, the same words, no verdict object in between.
 */
export function priceRevisionSentence(
  durationMonths: number,
  rawMaterialShare: number | undefined,
  rules: Partial<LocalRules> | undefined,
): string | InputError {
  const read = readPriceRevisionArgs(durationMonths, rawMaterialShare, rules);
  if (isInputError(read)) return read;
  const value = decidePriceRevision(read);
  return `${PRICE_REVISION_LABELS[value]} : ${priceRevisionExplanation(value, read)}`;
}

interface PriceRevisionArgs {
  readonly duration: number;
  readonly share: number | undefined;
  readonly rules: LocalRules;
}

function readPriceRevisionArgs(
  durationMonths: unknown,
  rawMaterialShare: unknown,
  rules: unknown,
): PriceRevisionArgs | InputError {
  const duration = readPositive("durationMonths", durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  const share = isAbsent(rawMaterialShare)
    ? undefined
    : readFraction("rawMaterialShare", rawMaterialShare, "La part des matières premières");
  if (isInputError(share)) return share;
  const checkedRules = readRules(rules);
  if (isInputError(checkedRules)) return checkedRules;
  return { duration, share, rules: checkedRules };
}

const PRICE_REVISION_BASIS: Readonly<Record<PriceRevision, readonly string[]>> = {
  obligatoire: ["CCP R2112-14"],
  recommandee: ["SPASER action 19", "CCP R2112-13", "CCP R2112-14"],
  non_requise: ["CCP R2112-13", "CCP R2112-14", "SPASER action 19"],
};

function decidePriceRevision({ duration, share, rules }: PriceRevisionArgs): PriceRevision {
  const long = duration > MANDATORY_REVISION_MIN_MONTHS;
  if (long && share !== undefined && share >= rules.rawMaterialShareForMandatoryRevision) return "obligatoire";
  return duration >= rules.priceRevisionMinMonths ? "recommandee" : "non_requise";
}

function priceRevisionExplanation(value: PriceRevision, { duration, share, rules }: PriceRevisionArgs): string {
  const threshold = rules.rawMaterialShareForMandatoryRevision;
  if (value === "obligatoire") {
    return `Durée de ${duration} mois (plus de ${MANDATORY_REVISION_MIN_MONTHS}) et matières premières cotées représentant ${percent(share ?? 0)} du prix (seuil retenu : ${percent(threshold)}, paramètre local) : clause de révision avec indices officiels obligatoire (R2112-14).`;
  }
  const unknownShare =
    duration > MANDATORY_REVISION_MIN_MONTHS && share === undefined
      ? ` Part des matières premières non renseignée : l'obligation de l'article R2112-14 (au-delà de ${MANDATORY_REVISION_MIN_MONTHS} mois, à partir de ${percent(threshold)} de matières premières) n'a pas été vérifiée.`
      : "";
  if (value === "recommandee") {
    return `Durée de ${duration} mois, au moins ${rules.priceRevisionMinMonths} mois : révision des prix recommandée (SPASER action 19, orientation et non règle du code).${unknownShare} ${R2112_13_NOTE}`;
  }
  return `Durée de ${duration} mois : pas de révision requise par le code ni par le SPASER.${unknownShare} ${R2112_13_NOTE}`;
}
