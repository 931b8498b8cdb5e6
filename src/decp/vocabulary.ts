/**
 * DECP vocabularies and their mapping to SPASER notions. Values of the 2024 format come from the official
 * schema (`schema_decp_v2.0.3.json`, arrêtés du 22 décembre 2022); labels are compared folded (no case,
 * accents or punctuation) because real files write "Appel d offres ouvert" or "Code Postal".
 */
import { foldText } from "../spaser/normalize";
import type { ProcedureKind } from "../spaser/records";
import type { ContractNature } from "../spaser/types";
import type { DecpFlagName, DecpFlags, DecpPriceType } from "./types";

// ---------------------------------------------------------------------------------------------------------
// Considerations (2024 format only)
// ---------------------------------------------------------------------------------------------------------

export const SOCIAL_CONSIDERATIONS = {
  clause: "Clause sociale",
  criterion: "Critère social",
  reserved: "Marché réservé",
  none: "Pas de considération sociale",
} as const;

export const ENVIRONMENTAL_CONSIDERATIONS = {
  clause: "Clause environnementale",
  criterion: "Critère environnemental",
  none: "Pas de considération environnementale",
} as const;

/** Which flag each positive consideration sets. */
const ENVIRONMENTAL_FLAGS: ReadonlyMap<string, DecpFlagName> = new Map([
  [foldText(ENVIRONMENTAL_CONSIDERATIONS.clause), "envClause"],
  [foldText(ENVIRONMENTAL_CONSIDERATIONS.criterion), "envCriterion"],
]);
const SOCIAL_FLAGS: ReadonlyMap<string, DecpFlagName> = new Map([
  [foldText(SOCIAL_CONSIDERATIONS.clause), "socialClause"],
  [foldText(SOCIAL_CONSIDERATIONS.criterion), "socialCriterion"],
  [foldText(SOCIAL_CONSIDERATIONS.reserved), "reserved"],
]);

export interface ConsiderationReading {
  readonly flags: DecpFlags;
  /** Labels that are not in the DECP vocabulary (reported, ignored). */
  readonly unknownLabels: readonly string[];
}

/**
 * Flags from a consideration list. The list is exhaustive when present: "Clause sociale" alone means no
 * criterion and no reservation. A missing list (`undefined`) leaves every flag unknown: missing is not
 * "Pas de considération" (LEGAL-FACTS.md, DECP 2024). A list with only unknown labels is unknown too.
 */
function readConsiderations(
  labels: readonly string[] | undefined,
  positive: ReadonlyMap<string, DecpFlagName>,
  noneLabel: string,
  summary: DecpFlagName,
): ConsiderationReading {
  if (labels === undefined) return { flags: {}, unknownLabels: [] };
  const found = new Set<DecpFlagName>();
  const unknownLabels: string[] = [];
  let none = false;
  for (const label of labels) {
    const folded = foldText(label);
    const flag = positive.get(folded);
    if (flag) found.add(flag);
    else if (folded === foldText(noneLabel)) none = true;
    else unknownLabels.push(label);
  }
  if (found.size === 0 && !none) return { flags: {}, unknownLabels };
  const flags: Partial<Record<DecpFlagName, boolean>> = {};
  for (const flag of positive.values()) flags[flag] = found.has(flag);
  flags[summary] = found.size > 0;
  return { flags, unknownLabels };
}

export function readEnvironmentalConsiderations(labels: readonly string[] | undefined): ConsiderationReading {
  return readConsiderations(labels, ENVIRONMENTAL_FLAGS, ENVIRONMENTAL_CONSIDERATIONS.none, "envConsideration");
}

export function readSocialConsiderations(labels: readonly string[] | undefined): ConsiderationReading {
  return readConsiderations(labels, SOCIAL_FLAGS, SOCIAL_CONSIDERATIONS.none, "socialConsideration");
}

/**
 * The list to publish from the flags, or `undefined` when the flags do not say enough. Unknown is never
 * written as "Pas de considération": only explicit falses give it.
 */
export function environmentalConsiderationsFromFlags(flags: DecpFlags): string[] | undefined {
  const present: string[] = [];
  if (flags.envClause === true) present.push(ENVIRONMENTAL_CONSIDERATIONS.clause);
  if (flags.envCriterion === true) present.push(ENVIRONMENTAL_CONSIDERATIONS.criterion);
  if (present.length > 0) return present;
  const noneAtAll = flags.envConsideration === false || (flags.envClause === false && flags.envCriterion === false);
  return noneAtAll ? [ENVIRONMENTAL_CONSIDERATIONS.none] : undefined;
}

export function socialConsiderationsFromFlags(flags: DecpFlags): string[] | undefined {
  const present: string[] = [];
  if (flags.socialClause === true) present.push(SOCIAL_CONSIDERATIONS.clause);
  if (flags.socialCriterion === true) present.push(SOCIAL_CONSIDERATIONS.criterion);
  if (flags.reserved === true) present.push(SOCIAL_CONSIDERATIONS.reserved);
  if (present.length > 0) return present;
  const noneAtAll =
    flags.socialConsideration === false ||
    (flags.socialClause === false && flags.socialCriterion === false && flags.reserved === false);
  return noneAtAll ? [SOCIAL_CONSIDERATIONS.none] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------------------------

export const PRICE_TYPES: readonly DecpPriceType[] = [
  "Définitif ferme",
  "Définitif actualisable",
  "Définitif révisable",
  "Provisoire",
];

/** 2019 `formePrix` (Ferme / Ferme et actualisable / Révisable) → 2024 `typesPrix`. */
const PRICE_FORM_2019: ReadonlyMap<string, DecpPriceType> = new Map([
  [foldText("Ferme"), "Définitif ferme"],
  [foldText("Ferme et actualisable"), "Définitif actualisable"],
  [foldText("Actualisable"), "Définitif actualisable"],
  [foldText("Révisable"), "Définitif révisable"],
]);

const PRICE_TYPE_BY_FOLDED: ReadonlyMap<string, DecpPriceType> = new Map(PRICE_TYPES.map((t) => [foldText(t), t]));

export function priceTypeFromLabel(label: string): DecpPriceType | undefined {
  return PRICE_TYPE_BY_FOLDED.get(foldText(label));
}

export function priceTypeFrom2019Form(label: string): DecpPriceType | undefined {
  return PRICE_FORM_2019.get(foldText(label));
}

/** 2024 `formePrix` values (how the price is set, not whether it varies). */
export const PRICE_FORMS_2024: readonly string[] = ["Unitaire", "Forfaitaire", "Mixte"];

export function isPriceForm2024(label: string): boolean {
  return PRICE_FORMS_2024.some((form) => foldText(form) === foldText(label));
}

/** SPASER action 19 asks for price revision: a contract has it when one of its price types is revisable. */
export function isRevisable(types: readonly DecpPriceType[] | undefined): boolean | undefined {
  return types === undefined ? undefined : types.includes("Définitif révisable");
}

// ---------------------------------------------------------------------------------------------------------
// Procedure, nature, place
// ---------------------------------------------------------------------------------------------------------

export const PROCEDURES_2024: readonly string[] = [
  "Procédure adaptée",
  "Appel d'offres ouvert",
  "Appel d'offres restreint",
  "Procédure avec négociation",
  "Marché passé sans publicité ni mise en concurrence préalable",
  "Dialogue compétitif",
];

/** Older labels (2019 format, tabular table) → label of the 2024 format. */
const PROCEDURE_SYNONYMS: ReadonlyMap<string, string> = new Map([
  [
    foldText("Marché négocié sans publicité ni mise en concurrence préalable"),
    "Marché passé sans publicité ni mise en concurrence préalable",
  ],
  [foldText("Procédure négociée avec mise en concurrence préalable"), "Procédure avec négociation"],
  [foldText("Procédure concurrentielle avec négociation"), "Procédure avec négociation"],
]);

/** When only the SPASER family is known, the 2024 label it stands for (formal procedures are ambiguous). */
const PROCEDURE_BY_KIND: Partial<Record<ProcedureKind, string>> = {
  mapa: "Procédure adaptée",
  sans_publicite: "Marché passé sans publicité ni mise en concurrence préalable",
};

export function procedure2024(label: string | undefined, kind: ProcedureKind | undefined): string | undefined {
  if (label !== undefined) {
    const folded = foldText(label);
    const exact = PROCEDURES_2024.find((p) => foldText(p) === folded);
    if (exact) return exact;
    const synonym = PROCEDURE_SYNONYMS.get(folded);
    if (synonym) return synonym;
  }
  return kind === undefined ? undefined : PROCEDURE_BY_KIND[kind];
}

export const NATURES_2024: readonly string[] = ["Marché", "Marché de partenariat", "Marché de défense ou de sécurité"];

/**
 * 2024 `nature`. The 2019 natures "Marché", "Accord-cadre", "Marché subséquent" are all "Marché" in 2024
 * (the framework agreement became a `technique`). A row without a DECP nature is a public contract of
 * the SPASER table: "Marché" (partnership and defence contracts are always named as such).
 */
export function nature2024(label: string | undefined): string | undefined {
  if (label === undefined) return "Marché";
  const folded = foldText(label);
  const exact = NATURES_2024.find((n) => foldText(n) === folded);
  if (exact) return exact;
  if (["marche", "accord cadre", "marche subsequent", "travaux", "fournitures", "services"].includes(folded))
    return "Marché";
  return undefined;
}

/**
 * Works, supplies or services from the CPV division (Regulation (EC) 213/2008, CPV structure): division 45 is
 * works; 03 to 44 and 48 are supplies; the others (49 to 98) are services.
 */
export function natureFromCpv(cpv: string | undefined): ContractNature | undefined {
  if (cpv === undefined || !/^\d{2}/.test(cpv)) return undefined;
  const division = Number(cpv.slice(0, 2));
  if (division === 45) return "travaux";
  if ((division >= 3 && division <= 44) || division === 48) return "fournitures";
  if (division >= 49 && division <= 98) return "services";
  return undefined;
}

export const PLACE_CODE_TYPES: readonly string[] = [
  "Code postal",
  "Code commune",
  "Code arrondissement",
  "Code canton",
  "Code département",
  "Code région",
  "Code pays",
];

export function placeCodeType(label: string): string | undefined {
  return PLACE_CODE_TYPES.find((t) => foldText(t) === foldText(label));
}

/** SIRET: 14 digits (INSEE). */
export function isSiret(id: string | undefined): boolean {
  return id !== undefined && /^\d{14}$/.test(id);
}
