/**
 * Loi Climat et Résilience (loi 2021-1104, art. 35): for consultations launched from 21 August 2026, every
 * contract has environmental execution conditions and an environmental award criterion, and contracts
 * at or above the EU thresholds a social consideration. A contract without them is non-compliant.
 */
import { verdict, type BuyerKind, type ContractNature, type IsoDate, type RuleOutcome } from "../types";
import { euPosition, LOI_CLIMAT_START, possibleEuThresholdsAt, SOCIAL_CONSIDERATION_EXCEPTIONS_FR } from "./insertion";
import { euros, frenchDate } from "../format";
import {
  isInputError,
  later,
  readAmount,
  readDate,
  readInput,
  readOptionalBoolean,
  readOptionalBuyerKind,
  readOptionalNature,
} from "./input";

export type LoiClimatRequirementCode = "clause_environnementale" | "critere_environnemental" | "consideration_sociale";

export interface LoiClimatRequirement {
  readonly code: LoiClimatRequirementCode;
  readonly article: string;
  readonly label: string;
}

export const LOI_CLIMAT_REQUIREMENTS: Readonly<Record<LoiClimatRequirementCode, LoiClimatRequirement>> = {
  clause_environnementale: {
    code: "clause_environnementale",
    article: "CCP L2112-2",
    label: "Condition d'exécution environnementale",
  },
  critere_environnemental: {
    code: "critere_environnemental",
    article: "CCP L2152-7, R2152-7",
    label: "Critère d'attribution environnemental (ou critère unique du coût en cycle de vie)",
  },
  consideration_sociale: {
    code: "consideration_sociale",
    article: "CCP L2112-2-1",
    label: "Considération sociale ou d'emploi dans les conditions d'exécution",
  },
};

export interface LoiClimatCompliance {
  readonly applicable: boolean;
  /** True only when nothing is missing and nothing is unknown. */
  readonly compliant: boolean;
  /** Requirements answered "no". */
  readonly missing: readonly LoiClimatRequirement[];
  /** Requirements not answered (empty flag) or undecidable (buyer kind or nature needed): not "no". */
  readonly unknown: readonly LoiClimatRequirement[];
  /** "Conforme", "Non applicable", or the list of what is missing and not filled in. */
  readonly summary: string;
}

export interface LoiClimatInput {
  readonly launchDate: IsoDate;
  readonly amountHT: number;
  /** Flags: true = present, false = absent, undefined = not filled in. */
  readonly envClause?: boolean;
  readonly envCriterion?: boolean;
  readonly socialConsideration?: boolean;
  readonly buyerKind?: BuyerKind;
  readonly nature?: ContractNature;
  /** A single cost criterion in a life-cycle approach including environmental characteristics (R2152-7). */
  readonly singleCostCriterionWithLifecycle?: boolean;
}

function labels(items: readonly LoiClimatRequirement[]): string {
  return items.map((r) => `${r.label} (${r.article})`).join(", ");
}

/** A requirement answered "no" is missing; one not answered is unknown (never "no"). */
function sortRequirement(
  requirement: LoiClimatRequirement,
  present: boolean | undefined,
  missing: LoiClimatRequirement[],
  unknown: LoiClimatRequirement[],
): void {
  if (present === false) missing.push(requirement);
  else if (present === undefined) unknown.push(requirement);
}

export function loiClimatCompliance(input: LoiClimatInput): RuleOutcome<LoiClimatCompliance> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const launchDate = readDate("launchDate", args.launchDate);
  if (isInputError(launchDate)) return launchDate;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const envClause = readOptionalBoolean("envClause", args.envClause);
  if (isInputError(envClause)) return envClause;
  const envCriterion = readOptionalBoolean("envCriterion", args.envCriterion);
  if (isInputError(envCriterion)) return envCriterion;
  const social = readOptionalBoolean("socialConsideration", args.socialConsideration);
  if (isInputError(social)) return social;
  const buyerKind = readOptionalBuyerKind("buyerKind", args.buyerKind);
  if (isInputError(buyerKind)) return buyerKind;
  const nature = readOptionalNature("nature", args.nature);
  if (isInputError(nature)) return nature;
  const lifecycle = readOptionalBoolean("singleCostCriterionWithLifecycle", args.singleCostCriterionWithLifecycle);
  if (isInputError(lifecycle)) return lifecycle;

  const basis = ["loi 2021-1104 art. 35"];
  if (launchDate < LOI_CLIMAT_START) {
    const summary = `Non applicable (consultation lancée avant le ${frenchDate(LOI_CLIMAT_START)})`;
    return verdict(
      { applicable: false, compliant: true, missing: [], unknown: [], summary },
      () =>
        `Consultation lancée le ${frenchDate(launchDate)}, avant le ${frenchDate(LOI_CLIMAT_START)} : les obligations de la loi Climat et Résilience (L2112-2, L2152-7, L2112-2-1) ne s'appliquent pas ; les objectifs du SPASER restent des cibles.`,
      basis,
    );
  }

  const missing: LoiClimatRequirement[] = [];
  const unknown: LoiClimatRequirement[] = [];
  basis.push("CCP L2112-2", "CCP L2152-7", "CCP R2152-7");
  sortRequirement(LOI_CLIMAT_REQUIREMENTS.clause_environnementale, envClause, missing, unknown);
  sortRequirement(
    LOI_CLIMAT_REQUIREMENTS.critere_environnemental,
    envCriterion === true || lifecycle === true ? true : envCriterion,
    missing,
    unknown,
  );

  const notes: (() => string)[] = [];
  if (buyerKind === "defense") {
    notes.push(() => "Marché de défense ou de sécurité : pas d'obligation de considération sociale (L2112-2-1).");
  } else {
    const thresholds = possibleEuThresholdsAt(buyerKind, nature, launchDate);
    if (!thresholds.ok) return thresholds;
    const position = euPosition(amountHT, thresholds.value);
    if (position === "above") {
      basis.push("CCP L2112-2-1");
      sortRequirement(LOI_CLIMAT_REQUIREMENTS.consideration_sociale, social, missing, unknown);
      notes.push(
        () =>
          `Montant de ${euros(amountHT)} HT au moins égal au seuil européen : considération sociale exigée (L2112-2-1), ${SOCIAL_CONSIDERATION_EXCEPTIONS_FR}.`,
      );
    } else if (position === "depends") {
      basis.push("CCP L2112-2-1");
      if (social !== true) unknown.push(LOI_CLIMAT_REQUIREMENTS.consideration_sociale);
      notes.push(
        () =>
          `L'obligation de considération sociale dépend du seuil européen applicable (${thresholds.value.map((value) => euros(value)).join(", ")} HT) : précisez le type d'acheteur et la nature du marché.`,
      );
    } else {
      notes.push(() => `Montant sous le seuil européen : pas d'obligation de considération sociale (L2112-2-1).`);
    }
  }

  const compliant = missing.length === 0 && unknown.length === 0;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`Manque : ${labels(missing)}`);
  if (unknown.length > 0) parts.push(`Non renseigné : ${labels(unknown)}`);
  const summary = compliant ? "Conforme" : parts.join(" ; ");
  const head = later(() =>
    compliant
      ? `Conforme à la loi Climat et Résilience (consultation lancée le ${frenchDate(launchDate)}).`
      : missing.length > 0
        ? `Non conforme à la loi Climat et Résilience (consultation lancée le ${frenchDate(launchDate)}) : ${summary}.`
        : `Conformité non établie (consultation lancée le ${frenchDate(launchDate)}) : ${summary}.`,
  );
  return verdict(
    { applicable: true, compliant, missing, unknown, summary },
    () => [head(), ...notes.map((note) => note())].join(" "),
    basis,
  );
}
