/**
 * Insertion clause: when to study one (SPASER action 8), when the law requires a social consideration
 * (CCP L2112-2-1, Loi Climat), and how many insertion hours to ask for (standard sizing method).
 */
import { foldText } from "../normalize";
import { possibleEuThresholds } from "../thresholds";
import {
  verdict,
  type BuyerKind,
  type ContractNature,
  type IsoDate,
  type LocalRules,
  type RuleOutcome,
  type InputError,
  inputError,
} from "../types";
import { euros, frenchDate, percent } from "../format";
import {
  isAbsent,
  isInputError,
  later,
  memoised,
  readAmount,
  readFraction,
  readInput,
  readOptional,
  readOptionalBoolean,
  readOptionalBuyerKind,
  readOptionalDate,
  readOptionalNature,
  readPositive,
  readRules,
} from "./input";

/** Loi Climat et Résilience art. 35: the new obligations apply to consultations launched from this date. */
export const LOI_CLIMAT_START: IsoDate = "2026-08-21";

export type InsertionStudy = "obligatoire" | "a_etudier" | "facultative";

export const INSERTION_STUDY_LABELS: Readonly<Record<InsertionStudy, string>> = {
  obligatoire: "Considération sociale obligatoire",
  a_etudier: "Clause d'insertion à étudier",
  facultative: "Clause d'insertion facultative",
};

/** L2112-2-1 exceptions as reported by secondary sources (uncertain list). */
export const SOCIAL_CONSIDERATION_EXCEPTIONS_FR =
  "sauf exceptions à vérifier (solution immédiatement disponible, absence de lien suffisant avec l'objet, risque pour la concurrence ou l'exécution)";

export interface InsertionStudyInput {
  readonly amountHT: number;
  /** Launch date of the consultation; absent = the Loi Climat obligation cannot be checked. */
  readonly launchDate?: IsoDate;
  /** Absent = every buyer kind is considered (the verdict says when the answer depends on it). */
  readonly buyerKind?: BuyerKind;
  readonly nature?: ContractNature;
  /** Defence or security contract: outside L2112-2-1. */
  readonly defence?: boolean;
  readonly rules?: Partial<LocalRules>;
}

/** Where an amount stands against the EU thresholds that may apply. */
type EuPosition = "above" | "below" | "depends";

export function euPosition(amountHT: number, thresholds: readonly number[]): EuPosition {
  const lowest = thresholds[0] ?? Infinity;
  const highest = thresholds[thresholds.length - 1] ?? Infinity;
  if (amountHT >= highest) return "above";
  if (amountHT < lowest) return "below";
  return "depends";
}

/** possibleEuThresholds, remembered: the same dates come back on every row (shared with loi-climat). */
export const possibleEuThresholdsAt = memoised(
  (buyerKind: BuyerKind | undefined, nature: ContractNature | undefined, date: IsoDate) =>
    possibleEuThresholds(buyerKind, nature, date),
);

export function insertionStudy(input: InsertionStudyInput): RuleOutcome<InsertionStudy> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const launchDate = readOptionalDate("launchDate", args.launchDate);
  if (isInputError(launchDate)) return launchDate;
  const buyerKind = readOptionalBuyerKind("buyerKind", args.buyerKind);
  if (isInputError(buyerKind)) return buyerKind;
  const nature = readOptionalNature("nature", args.nature);
  if (isInputError(nature)) return nature;
  const defence = readOptionalBoolean("defence", args.defence);
  if (isInputError(defence)) return defence;
  const rules = readRules(args.rules);
  if (isInputError(rules)) return rules;

  const studyNeeded = amountHT > rules.insertionStudyThresholdHT;
  const studyText = later(() =>
    studyNeeded
      ? `Montant de ${euros(amountHT)} HT supérieur à ${euros(rules.insertionStudyThresholdHT)} HT : étudier la faisabilité d'une clause d'insertion (SPASER action 8).`
      : `Montant de ${euros(amountHT)} HT inférieur ou égal à ${euros(rules.insertionStudyThresholdHT)} HT : clause d'insertion facultative (SPASER action 8).`,
  );
  const local: InsertionStudy = studyNeeded ? "a_etudier" : "facultative";

  if (launchDate === undefined) {
    return verdict(
      local,
      () =>
        `${studyText()} Date de lancement non renseignée : l'obligation de considération sociale de l'article L2112-2-1 (consultations lancées à partir du ${frenchDate(LOI_CLIMAT_START)}) n'a pas été vérifiée.`,
      ["SPASER action 8"],
    );
  }
  if (launchDate < LOI_CLIMAT_START) {
    return verdict(
      local,
      () =>
        `${studyText()} Consultation lancée avant le ${frenchDate(LOI_CLIMAT_START)} : l'article L2112-2-1 ne s'applique pas.`,
      ["SPASER action 8", "loi 2021-1104 art. 35"],
    );
  }
  if (defence === true || buyerKind === "defense") {
    return verdict(
      local,
      () => `${studyText()} Marché de défense ou de sécurité : exclu de l'obligation de l'article L2112-2-1.`,
      ["SPASER action 8", "CCP L2112-2-1"],
    );
  }
  const thresholds = possibleEuThresholdsAt(buyerKind, nature, launchDate);
  if (!thresholds.ok) return thresholds;
  const position = euPosition(amountHT, thresholds.value);
  if (position === "above") {
    return verdict(
      "obligatoire",
      () => {
        const only =
          thresholds.value.length === 1
            ? `au seuil européen de ${euros(thresholds.value[0] ?? 0)} HT`
            : "aux seuils européens possibles";
        return `Consultation lancée le ${frenchDate(launchDate)}, montant de ${euros(amountHT)} HT supérieur ou égal ${only} : les conditions d'exécution doivent comporter une considération sociale ou d'emploi (L2112-2-1), ${SOCIAL_CONSIDERATION_EXCEPTIONS_FR}.`;
      },
      ["CCP L2112-2-1", "loi 2021-1104 art. 35", "SPASER action 8"],
    );
  }
  const suffix = later(() =>
    position === "below"
      ? `Montant inférieur au seuil européen applicable (${euros(thresholds.value[thresholds.value.length - 1] ?? 0)} HT au plus) : l'article L2112-2-1 n'impose pas de considération sociale.`
      : `L'obligation de l'article L2112-2-1 dépend du type d'acheteur et de la nature du marché (seuils possibles : ${thresholds.value.map((value) => euros(value)).join(", ")} HT) : précisez-les.`,
  );
  return verdict(local, () => `${studyText()} ${suffix()}`, ["SPASER action 8", "CCP L2112-2-1"]);
}

export interface LabourSegment {
  readonly id: string;
  readonly label: string;
  /** Share of the amount that is labour (0–1). */
  readonly labourShare: number;
  /** Loaded hourly cost for the segment, €/h; absent = the organisation's default. */
  readonly hourlyCost?: number;
  /** Below this many hours, no clause (sector agreement). */
  readonly minimumHours?: number;
  readonly source: string;
}

/** Segment labour shares: local values, examples from the sizing guides (LEGAL-FACTS "Insertion clause"). */
export const LABOUR_SEGMENTS: readonly LabourSegment[] = [
  {
    id: "peinture_interieure",
    label: "Peinture intérieure",
    labourShare: 0.7,
    source: "méthode standard de calcul des heures",
  },
  { id: "maconnerie", label: "Maçonnerie", labourShare: 0.5, source: "méthode standard de calcul des heures" },
  {
    id: "charpente_metallique",
    label: "Charpente métallique",
    labourShare: 0.2,
    source: "méthode standard de calcul des heures",
  },
  {
    // Inserpropre coefficient 25 = 20 €/h ÷ 80 % of labour: hours = amount × rate ÷ 25.
    id: "nettoyage",
    label: "Nettoyage / propreté",
    labourShare: 0.8,
    hourlyCost: 20,
    minimumHours: 150,
    source: "accord Inserpropre (coefficient 25, pas de clause en dessous de 150 h)",
  },
];

/** Other names buyers give a segment; ids and labels are names too. All compared folded (foldText). */
const SEGMENT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  nettoyage: ["propreté", "inserpropre"],
  peinture_interieure: ["peinture"],
  charpente_metallique: ["charpente"],
};

const SEGMENT_BY_FOLDED_NAME: ReadonlyMap<string, LabourSegment> = new Map(
  LABOUR_SEGMENTS.flatMap((s) =>
    [s.id, s.label, ...(SEGMENT_ALIASES[s.id] ?? [])].map((name) => [foldText(name), s] as const),
  ),
);

/** Find a segment by id, French label or alias, ignoring case, accents and punctuation. */
export function labourSegment(segment: string): RuleOutcome<LabourSegment> {
  if (typeof segment !== "string") return inputError("segment", "Nom de segment attendu (texte).");
  const found = SEGMENT_BY_FOLDED_NAME.get(foldText(segment));
  if (!found) {
    return inputError(
      "segment",
      `Segment inconnu : ${segment.slice(0, 40)}. Segments connus : ${LABOUR_SEGMENTS.map((s) => s.label).join(", ")}.`,
    );
  }
  return verdict(found, () => {
    const cost = found.hourlyCost ? `, coût horaire ${euros(found.hourlyCost)}/h` : "";
    const minimum = found.minimumHours ? `, pas de clause en dessous de ${found.minimumHours} h` : "";
    return `${found.label} : part de main-d'œuvre ${percent(found.labourShare)}${cost}${minimum} ; source : ${found.source}.`;
  }, [found.source]);
}

export interface InsertionHoursInput {
  readonly amountHT: number;
  /** Labour share of the amount as a fraction 0–1 (0.5 = 50 %); absent when a segment is given. */
  readonly labourShare?: number;
  /** A segment of LABOUR_SEGMENTS: gives the labour share, and for cleaning the hourly cost and minimum. */
  readonly segment?: string;
  readonly insertionRate?: number;
  readonly hourlyCost?: number;
  readonly rules?: Partial<LocalRules>;
}

/**
 * The hours alone, for numbers already read (the HEURES_INSERTION cells): the same checks and the same
 * rounding as insertionHours, without its explanation. amount HT × labour share × rate ÷ hourly cost.
 */
export function insertionHoursFigure(
  amountHT: number,
  labourShare: number,
  insertionRate: number,
  hourlyCost: number,
): number | InputError {
  const amount = readAmount("amountHT", amountHT);
  if (isInputError(amount)) return amount;
  const share = readFraction("labourShare", labourShare, "La part de main-d'œuvre");
  if (isInputError(share)) return share;
  const rate = readFraction("insertionRate", insertionRate, "Le taux d'insertion");
  if (isInputError(rate)) return rate;
  const cost = readPositive("hourlyCost", hourlyCost, "Le coût horaire");
  if (isInputError(cost)) return cost;
  const hours = Math.round((amount * share * rate) / cost);
  // A cost of a fraction of a cent (or an absurd amount) overflows: no clause is sized that way.
  if (!Number.isFinite(hours)) {
    return inputError("hourlyCost", "Coût horaire trop faible pour dimensionner une clause (en € par heure).");
  }
  return hours;
}

/**
 * Insertion hours to ask for, standard method: amount HT × labour share × insertion rate ÷ loaded hourly
 * cost, rounded to the nearest hour. Shares are fractions (Excel stores 50 % as 0.5): 1.5 is refused.
 */
export function insertionHours(input: InsertionHoursInput): RuleOutcome<number> {
  const args = readInput(input);
  if (isInputError(args)) return args;
  const amountHT = readAmount("amountHT", args.amountHT);
  if (isInputError(amountHT)) return amountHT;
  const rules = readRules(args.rules);
  if (isInputError(rules)) return rules;

  let segment: LabourSegment | undefined;
  if (!isAbsent(args.segment)) {
    const found = labourSegment(args.segment as string);
    if (!found.ok) return found;
    segment = found.value;
  }
  let labourShare: number;
  if (isAbsent(args.labourShare)) {
    if (!segment)
      return inputError(
        "labourShare",
        "Part de main-d'œuvre manquante : indiquez une part (0,5 pour 50 %) ou un segment.",
      );
    labourShare = segment.labourShare;
  } else {
    const read = readFraction("labourShare", args.labourShare, "La part de main-d'œuvre");
    if (isInputError(read)) return read;
    labourShare = read;
  }
  const rate = readOptional(
    args.insertionRate,
    (value) => readFraction("insertionRate", value, "Le taux d'insertion"),
    rules.defaultInsertionRate,
  );
  if (isInputError(rate)) return rate;
  const hourlyCost = readOptional(
    args.hourlyCost,
    (value) => readPositive("hourlyCost", value, "Le coût horaire"),
    segment?.hourlyCost ?? rules.defaultHourlyCost,
  );
  if (isInputError(hourlyCost)) return hourlyCost;

  const hours = insertionHoursFigure(amountHT, labourShare, rate, hourlyCost);
  if (isInputError(hours)) return hours;
  const explanation = later(() => {
    const sentences = [
      `${hours} heures d'insertion : ${euros(amountHT)} HT × ${percent(labourShare)} de main-d'œuvre × ${percent(rate)} d'insertion ÷ ${euros(hourlyCost)}/h.`,
    ];
    if (segment?.minimumHours !== undefined && hours < segment.minimumHours) {
      sentences.push(
        `En dessous de ${segment.minimumHours} h, pas de clause d'insertion pour ce segment ; source : ${segment.source}.`,
      );
    }
    return sentences.join(" ");
  });
  const basis = ["méthode standard de calcul des heures d'insertion", "SPASER action 8"];
  if (segment?.minimumHours !== undefined) basis.push(segment.source);
  return verdict(hours, explanation, basis);
}
