/**
 * Price revision: mandatory revision clause (CCP R2112-14), revisable price under major economic hazards
 * (R2112-13, a judgement the tool cannot make) and the SPASER's guidance for long contracts (action 19).
 */
import { verdict, type LocalRules, type RuleOutcome } from "../types";
import { percent } from "../format";
import { isInputError, later, readFraction, readInput, readOptional, readPositive, readRules } from "./input";

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
  const duration = readPositive("durationMonths", args.durationMonths, "La durée en mois");
  if (isInputError(duration)) return duration;
  const share = readOptional(
    args.rawMaterialShare,
    (value) => readFraction("rawMaterialShare", value, "La part des matières premières"),
    undefined,
  );
  if (isInputError(share)) return share;
  const rules = readRules(args.rules);
  if (isInputError(rules)) return rules;

  const threshold = rules.rawMaterialShareForMandatoryRevision;
  const long = duration > MANDATORY_REVISION_MIN_MONTHS;
  if (long && share !== undefined && share >= threshold) {
    return verdict(
      "obligatoire",
      () =>
        `Durée de ${duration} mois (plus de ${MANDATORY_REVISION_MIN_MONTHS}) et matières premières cotées représentant ${percent(share)} du prix (seuil retenu : ${percent(threshold)}, paramètre local) : clause de révision avec indices officiels obligatoire (R2112-14).`,
      ["CCP R2112-14"],
    );
  }
  const unknownShare = later(() =>
    long && share === undefined
      ? ` Part des matières premières non renseignée : l'obligation de l'article R2112-14 (au-delà de ${MANDATORY_REVISION_MIN_MONTHS} mois, à partir de ${percent(threshold)} de matières premières) n'a pas été vérifiée.`
      : "",
  );
  if (duration >= rules.priceRevisionMinMonths) {
    return verdict(
      "recommandee",
      () =>
        `Durée de ${duration} mois, au moins ${rules.priceRevisionMinMonths} mois : révision des prix recommandée (SPASER action 19, orientation et non règle du code).${unknownShare()} ${R2112_13_NOTE}`,
      ["SPASER action 19", "CCP R2112-13", "CCP R2112-14"],
    );
  }
  return verdict(
    "non_requise",
    () =>
      `Durée de ${duration} mois : pas de révision requise par le code ni par le SPASER.${unknownShare()} ${R2112_13_NOTE}`,
    ["CCP R2112-13", "CCP R2112-14", "SPASER action 19"],
  );
}
