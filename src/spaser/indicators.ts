/**
 * SPASER effect indicators: "contracts with X ÷ contracts of the population", or the same share in value.
 * The catalogue is a data table; `computeIndicator` counts records, `rateOfFlags` backs the RATE custom
 * function, `gapToTarget` and `contractsMissing` say how far a rate is from its target.
 *
 * A flag left empty is *missing*: it is reported, and it is neither in the numerator nor in the
 * denominator (LEGAL-FACTS.md, DECP: "missing is not « Pas de considération »").
 */
import { oneDecimal, percent, withoutFloatNoise } from "./format";
import { cellsOfRange, commonYesNo, foldText, isFraction, parseYesNo } from "./normalize";
import type { ContractRecord, FlagName } from "./records";
import { inputError, verdict, type RuleOutcome } from "./types";

export type IndicatorId =
  | "env_criterion"
  | "env_consideration"
  | "insertion_formal"
  | "social_consideration"
  | "circular_economy"
  | "sme_share"
  | "env_clause"
  | "social_clause"
  | "social_criterion"
  | "solidarity_value_share"
  | "reserved_share";

/** Which contracts an indicator is measured on. */
export type IndicatorPopulation =
  /** every contract of the period */
  | "all"
  /** formal procedures only (CCP L2124-1: appel d'offres, négociation, dialogue compétitif) */
  | "formal"
  /** contracts targeted by the SPASER (the committee's list) */
  | "targeted";

/** "count": share of contracts; "value": share of the amount HT. */
export type IndicatorMeasure = "count" | "value";

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  readonly labelFr: string;
  readonly labelEn: string;
  /** Other names users write in their tables (French and English); looked up without case or accents. */
  readonly aliases: readonly string[];
  readonly flag: FlagName;
  readonly population: IndicatorPopulation;
  readonly measure: IndicatorMeasure;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: "env_criterion",
    labelFr: "Marchés avec un critère environnemental",
    labelEn: "Contracts with an environmental award criterion",
    aliases: ["critère environnemental", "critères environnementaux", "environmental criterion"],
    flag: "envCriterion",
    population: "all",
    measure: "count",
  },
  {
    id: "env_consideration",
    labelFr: "Marchés avec des considérations environnementales",
    labelEn: "Contracts with environmental considerations",
    aliases: [
      "considération environnementale",
      "considérations environnementales",
      "environmental consideration",
      "environmental considerations",
    ],
    flag: "envConsideration",
    population: "all",
    measure: "count",
  },
  {
    id: "insertion_formal",
    labelFr: "Procédures formalisées avec une clause d'insertion",
    labelEn: "Formal procedures with an employment-insertion clause",
    aliases: [
      "clause d'insertion en procédure formalisée",
      "clause d'insertion",
      "clauses d'insertion",
      "insertion clause",
      "insertion clause in formal procedures",
    ],
    flag: "insertionClause",
    population: "formal",
    measure: "count",
  },
  {
    id: "social_consideration",
    labelFr: "Marchés avec des considérations sociales",
    labelEn: "Contracts with social considerations",
    aliases: ["considération sociale", "considérations sociales", "social consideration", "social considerations"],
    flag: "socialConsideration",
    population: "all",
    measure: "count",
  },
  {
    id: "circular_economy",
    labelFr: "Marchés ciblés intégrant l'économie circulaire",
    labelEn: "Targeted contracts with circular-economy requirements",
    aliases: ["économie circulaire", "circular economy"],
    flag: "circularEconomy",
    population: "targeted",
    measure: "count",
  },
  {
    id: "sme_share",
    labelFr: "Marchés ciblés attribués à des TPE-PME",
    labelEn: "Targeted contracts awarded to SMEs",
    aliases: ["TPE-PME", "TPE/PME", "TPE PME", "PME", "part des PME", "SME", "SMEs", "SME share"],
    flag: "smeSupplier",
    population: "targeted",
    measure: "count",
  },
  {
    id: "env_clause",
    labelFr: "Marchés avec une clause environnementale",
    labelEn: "Contracts with an environmental clause",
    aliases: ["clause environnementale", "clauses environnementales", "environmental clause", "environmental clauses"],
    flag: "envClause",
    population: "all",
    measure: "count",
  },
  {
    id: "social_clause",
    labelFr: "Marchés avec une clause sociale",
    labelEn: "Contracts with a social clause",
    aliases: ["clause sociale", "clauses sociales", "social clause", "social clauses"],
    flag: "socialClause",
    population: "all",
    measure: "count",
  },
  {
    id: "social_criterion",
    labelFr: "Marchés avec un critère social",
    labelEn: "Contracts with a social award criterion",
    aliases: ["critère social", "critères sociaux", "social criterion"],
    flag: "socialCriterion",
    population: "all",
    measure: "count",
  },
  {
    id: "solidarity_value_share",
    labelFr: "Part des achats (en valeur) auprès d'entreprises solidaires",
    labelEn: "Share of purchase value from solidarity-economy enterprises",
    aliases: [
      "achats solidaires",
      "entreprises solidaires",
      "ESS",
      "économie sociale et solidaire",
      "part des achats solidaires",
      "solidarity enterprises",
      "solidarity purchases",
    ],
    flag: "solidaritySupplier",
    population: "all",
    measure: "value",
  },
  {
    id: "reserved_share",
    labelFr: "Marchés réservés",
    labelEn: "Reserved contracts",
    aliases: [
      "marché réservé",
      "marchés réservés",
      "part des marchés réservés",
      "reserved contract",
      "reserved contracts",
    ],
    flag: "reserved",
    population: "all",
    measure: "count",
  },
];

export const INDICATOR_IDS: readonly IndicatorId[] = INDICATORS.map((d) => d.id);

/** Folded names → definition. Built once; a Map so that "constructor" or "__proto__" never hit Object's prototype. */
const INDICATOR_BY_NAME: ReadonlyMap<string, IndicatorDefinition> = (() => {
  const map = new Map<string, IndicatorDefinition>();
  for (const def of INDICATORS) {
    for (const name of [def.id, def.labelFr, def.labelEn, ...def.aliases]) map.set(foldText(name), def);
  }
  return map;
})();

/** Leading words that do not change which indicator is meant: "% de marchés avec…", "taux de…". */
const LEADING_NOISE = /^(?:taux de |part de |part des |share of |rate of |nombre de |number of )/;

/**
 * The indicator named by `text`: its id ("env_criterion"), its French or English label, or an alias
 * ("Critère environnemental", "TPE/PME", "clauses sociales"), without regard to case, accents or a
 * leading "%", "taux de", "part des".
 */
export function findIndicator(text: string): IndicatorDefinition | undefined {
  if (typeof text !== "string") return undefined; // called with raw cells by custom functions
  const folded = foldText(text);
  return INDICATOR_BY_NAME.get(folded) ?? INDICATOR_BY_NAME.get(folded.replace(LEADING_NOISE, ""));
}

export function getIndicator(id: IndicatorId): IndicatorDefinition {
  return INDICATORS.find((d) => d.id === id) as IndicatorDefinition;
}

// ---------------------------------------------------------------------------------------------------------
// Computing an indicator over records
// ---------------------------------------------------------------------------------------------------------

export interface IndicatorResult {
  /** Contracts (or amount HT, for a value measure) with the flag. */
  readonly numerator: number;
  /** Contracts (or amount HT) of the population whose flag is known, yes or no. */
  readonly denominator: number;
  /** Contracts of the population whose flag is empty (or, for a value measure, whose amount is empty). */
  readonly missing: number;
  /** Contracts whose membership of the population is unknown (procedure or "ciblé" empty): left out. */
  readonly unknownPopulation: number;
  /** numerator ÷ denominator; undefined when the denominator is 0. */
  readonly rate: number | undefined;
}

/** Is the record in the indicator's population? undefined when the record does not say. */
function inPopulation(population: IndicatorPopulation, record: ContractRecord): boolean | undefined {
  switch (population) {
    case "all":
      return true;
    case "formal":
      return record.procedure === undefined ? undefined : record.procedure === "formalisee";
    case "targeted":
      return record.flags.targeted;
  }
}

export function computeIndicator(def: IndicatorDefinition, records: readonly ContractRecord[]): IndicatorResult {
  let numerator = 0;
  let denominator = 0;
  let missing = 0;
  let unknownPopulation = 0;
  for (const record of records) {
    const member = inPopulation(def.population, record);
    if (member === undefined) {
      unknownPopulation += 1;
      continue;
    }
    if (!member) continue;
    const flag = record.flags[def.flag];
    const weight = def.measure === "count" ? 1 : record.amountHT;
    if (flag === undefined || weight === undefined) {
      missing += 1;
      continue;
    }
    denominator += weight;
    if (flag) numerator += weight;
  }
  return {
    numerator,
    denominator,
    missing,
    unknownPopulation,
    rate: denominator > 0 ? numerator / denominator : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------
// RATE over two ranges of cells (custom function)
// ---------------------------------------------------------------------------------------------------------

export interface InvalidCell {
  /** 0-based position in the (flattened) range. */
  readonly index: number;
  readonly message: string;
}

export interface FlagsRate {
  readonly yes: number;
  /** Rows counted: targeted rows (or all rows) whose flag is yes or no. */
  readonly denominator: number;
  /** Targeted rows whose flag is empty or unreadable (not counted as "no"). */
  readonly missing: number;
  /** Unreadable cells of either range, reported (and counted as missing). */
  readonly invalid: readonly InvalidCell[];
  readonly rate: number | undefined;
}

/**
 * Share of "yes" in `flags`. With `targeted`, only rows marked as targeted count, and a targeted row
 * with an empty flag is missing. Without it, empty cells are just blank rows of the range and are
 * skipped. An unreadable cell ("peut-être") is counted as missing and reported.
 */
export function rateOfFlags(flags: readonly unknown[], targeted?: readonly unknown[]): RuleOutcome<FlagsRate> {
  if (targeted === undefined) return rateOfAllFlags(flags);
  const flagCells = cellsOfRange(flags);
  const targetCells = cellsOfRange(targeted);
  if (targetCells.length !== flagCells.length) {
    return inputError(
      "ciblés",
      `Les deux plages n'ont pas la même taille (${flagCells.length} et ${targetCells.length} cellules).`,
    );
  }
  let yes = 0;
  let denominator = 0;
  let missing = 0;
  const invalid: InvalidCell[] = [];
  flagCells.forEach((cell, index) => {
    const target = parseYesNo(targetCells[index]);
    if (target !== undefined && !target.ok) {
      invalid.push({ index, message: `Cellule ciblée n° ${index + 1} : ${target.message}` });
      return;
    }
    if (target === undefined || !target.value) return;
    const flag = parseYesNo(cell);
    if (flag === undefined) {
      missing += 1;
      return;
    }
    if (!flag.ok) {
      invalid.push({ index, message: `Cellule n° ${index + 1} : ${flag.message}` });
      missing += 1;
      return;
    }
    denominator += 1;
    if (flag.value) yes += 1;
  });
  return flagsRate(yes, denominator, missing, invalid);
}

/**
 * rateOfFlags without a targeted range: one pass over the rows as Excel hands them (no flattened copy),
 * the usual cells (Oui, Non, empty, booleans, 1, 0) read without the general parser. Empty cells are blank
 * rows, skipped; an unreadable cell is reported and counted as missing.
 */
function rateOfAllFlags(flags: readonly unknown[]): RuleOutcome<FlagsRate> {
  let yes = 0;
  let denominator = 0;
  let missing = 0;
  const invalid: InvalidCell[] = [];
  let index = 0;
  const count = (cell: unknown): void => {
    let flag = commonYesNo(cell);
    if (typeof flag === "symbol") flag = parseYesNo(cell);
    if (flag !== undefined) {
      if (!flag.ok) {
        invalid.push({ index, message: `Cellule n° ${index + 1} : ${flag.message}` });
        missing += 1;
      } else {
        denominator += 1;
        if (flag.value) yes += 1;
      }
    }
    index += 1;
  };
  if (!Array.isArray(flags)) {
    count(flags);
    return flagsRate(yes, denominator, missing, invalid);
  }
  for (let r = 0; r < flags.length; r++) {
    const row: unknown = flags[r];
    if (row === undefined && !(r in flags)) continue; // a sparse array's hole is no cell (as flatMap reads it)
    if (!Array.isArray(row)) {
      count(row);
      continue;
    }
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      // The cells of almost every flag column, counted in place; any other goes through count().
      if (cell === "Oui") {
        yes += 1;
        denominator += 1;
      } else if (cell === "Non") {
        denominator += 1;
      } else if (cell === "" || cell === null) {
        // empty: a blank row of the range
      } else if (cell === undefined && !(c in row)) {
        continue; // a hole, not a cell
      } else {
        count(cell);
        continue;
      }
      index += 1;
    }
  }
  return flagsRate(yes, denominator, missing, invalid);
}

function flagsRate(yes: number, denominator: number, missing: number, invalid: InvalidCell[]): RuleOutcome<FlagsRate> {
  const rate = denominator > 0 ? yes / denominator : undefined;
  return verdict(
    { yes, denominator, missing, invalid, rate },
    () =>
      rate === undefined
        ? "Aucune ligne renseignée : taux non calculable."
        : `${yes} sur ${denominator} lignes renseignées, soit ${percent(rate)}` +
          (missing > 0 ? ` (${missing} non renseignées, non comptées).` : "."),
    [],
  );
}

// ---------------------------------------------------------------------------------------------------------
// Distance to a target
// ---------------------------------------------------------------------------------------------------------

/** Gap between a rate and its target in percentage points; positive = behind the target. */
export function gapToTarget(rate: number, target: number): RuleOutcome<number> {
  if (!isFraction(rate)) return inputError("taux", "Le taux doit être un pourcentage entre 0 et 100 %.");
  if (!isFraction(target)) return inputError("cible", "La cible doit être un pourcentage entre 0 et 100 %.");
  const points = withoutFloatNoise((target - rate) * 100);
  const explanation =
    points > 0
      ? `${formatPoints(points)} de retard sur la cible de ${percent(target)}.`
      : `Cible de ${percent(target)} atteinte (${formatPoints(-points)} d'avance).`;
  return verdict(points, explanation, ["SPASER, indicateurs d'effet"]);
}

function formatPoints(points: number): string {
  return `${oneDecimal(points)} point${Math.abs(points) >= 2 ? "s" : ""}`;
}

/**
 * How many more contracts must carry the flag to reach the target.
 *
 * The contracts already exist, so the denominator d stays the same and only the numerator grows:
 * (numerator + n) ÷ d ≥ target  ⇔  n ≥ target × d − numerator, hence n = ⌈target × d − numerator⌉,
 * at least 0 (target already met) and at most d − numerator (every remaining contract).
 * Example: 7 of 20 with a 70 % target → ⌈14 − 7⌉ = 7 contracts.
 */
export function contractsMissing(numerator: number, denominator: number, target: number): RuleOutcome<number> {
  if (!Number.isInteger(denominator) || denominator < 0) {
    return inputError("dénominateur", "Le nombre de marchés doit être un entier positif ou nul.");
  }
  if (!Number.isInteger(numerator) || numerator < 0 || numerator > denominator) {
    return inputError("numérateur", `Le nombre de marchés conformes doit être un entier entre 0 et ${denominator}.`);
  }
  if (!isFraction(target)) return inputError("cible", "La cible doit être un pourcentage entre 0 et 100 %.");
  const needed = Math.ceil(withoutFloatNoise(target * denominator - numerator));
  const n = Math.min(Math.max(needed, 0), denominator - numerator);
  const explanation =
    n === 0
      ? `Cible de ${percent(target)} atteinte : ${numerator} sur ${denominator}.`
      : `Il manque ${n} marché${n > 1 ? "s" : ""} pour atteindre ${percent(target)} (${numerator} sur ${denominator} aujourd'hui).`;
  return verdict(n, explanation, ["SPASER, indicateurs d'effet"]);
}
