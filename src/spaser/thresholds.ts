/**
 * Legal thresholds by period (LEGAL-FACTS.md "Thresholds, by period"), so that old contract data is judged
 * with the values in force at its date. EU thresholds change on 1 January of even years (CCP annex 2).
 * Rows marked `confirmed: false` come from the texts as remembered, outside LEGAL-FACTS: the explanation
 * says "à confirmer".
 */
import type { BuyerKind, ContractNature, InputError, IsoDate, RuleOutcome } from "./types";
import { inputError, verdict } from "./types";
import { excelSerialFromIso, isoFromExcelSerial } from "./dates";
import { euros, frenchDate } from "./format";
import { foldText } from "./normalize";
import { BUYER_KINDS, CONTRACT_NATURES, EARLIEST_RULE_DATE, isInputError, readDate } from "./rules/input";

export type ThresholdId =
  | "dispense_fs"
  | "dispense_works"
  | "mapa_publicity"
  | "decp_publication"
  | "eu_fs_state"
  | "eu_fs_local"
  | "eu_utilities"
  | "eu_works";

/** "below": the rule applies to amounts strictly below the value; "at_or_above": from the value on. */
export type ThresholdComparison = "below" | "at_or_above";

export interface ThresholdName {
  readonly id: ThresholdId;
  readonly labelFr: string;
  readonly labelEn: string;
  /** French names accepted by thresholdAt (compared without case, accents, spaces or punctuation). */
  readonly aliasesFr: readonly string[];
  readonly comparison: ThresholdComparison;
}

export const THRESHOLD_NAMES: readonly ThresholdName[] = [
  {
    id: "dispense_fs",
    labelFr: "Dispense de publicité et de mise en concurrence, fournitures et services",
    labelEn: "No publicity or competition needed, supplies and services",
    aliasesFr: ["dispense_fournitures_services", "seuil_dispense_fournitures_services", "seuil_dispense", "dispense"],
    comparison: "below",
  },
  {
    id: "dispense_works",
    labelFr: "Dispense de publicité et de mise en concurrence, travaux",
    labelEn: "No publicity or competition needed, works",
    aliasesFr: ["dispense_travaux", "seuil_dispense_travaux"],
    comparison: "below",
  },
  {
    id: "mapa_publicity",
    labelFr: "Publicité des MAPA au BOAMP ou dans un JAL",
    labelEn: "Publicity of below-EU procedures in BOAMP or a legal journal",
    aliasesFr: ["publicite_mapa", "seuil_publicite_mapa", "seuil_boamp", "boamp"],
    comparison: "at_or_above",
  },
  {
    id: "decp_publication",
    labelFr: "Publication des données essentielles (DECP)",
    labelEn: "Publication of essential contract data (DECP)",
    aliasesFr: ["donnees_essentielles", "publication_donnees_essentielles", "seuil_decp", "decp"],
    comparison: "at_or_above",
  },
  {
    id: "eu_fs_state",
    labelFr: "Seuil européen, fournitures et services de l'État (autorités publiques centrales)",
    labelEn: "EU threshold, supplies and services, central government",
    aliasesFr: ["seuil_europeen_etat", "seuil_ue_etat", "seuil_europeen_autorites_centrales"],
    comparison: "at_or_above",
  },
  {
    id: "eu_fs_local",
    labelFr: "Seuil européen, fournitures et services des collectivités et autres pouvoirs adjudicateurs",
    labelEn: "EU threshold, supplies and services, local authorities and other contracting authorities",
    aliasesFr: ["seuil_europeen_collectivites", "seuil_ue_collectivites", "seuil_europeen", "seuil_ue"],
    comparison: "at_or_above",
  },
  {
    id: "eu_utilities",
    labelFr: "Seuil européen, fournitures et services des entités adjudicatrices et marchés de défense ou de sécurité",
    labelEn: "EU threshold, supplies and services, utilities and defence",
    aliasesFr: [
      "seuil_europeen_entites_adjudicatrices",
      "seuil_ue_entites_adjudicatrices",
      "seuil_europeen_defense",
      "seuil_ue_defense",
    ],
    comparison: "at_or_above",
  },
  {
    id: "eu_works",
    labelFr: "Seuil européen, travaux et concessions",
    labelEn: "EU threshold, works and concessions",
    aliasesFr: ["seuil_europeen_travaux", "seuil_ue_travaux", "seuil_europeen_concessions"],
    comparison: "at_or_above",
  },
];

export interface ThresholdPeriod {
  readonly id: ThresholdId;
  readonly value: number;
  readonly from: IsoDate;
  /** Last day of validity; absent = still in force. */
  readonly to?: IsoDate;
  /** For values revised on a known schedule (EU thresholds): last day the value is known to hold. */
  readonly knownUntil?: IsoDate;
  readonly basis: readonly string[];
  readonly note?: string;
  /** false: value outside LEGAL-FACTS.md, to confirm against the texts. */
  readonly confirmed: boolean;
}

const ANNEX_2 = "CCP annexe 2 (avis relatif aux seuils de procédure)";

/** EU thresholds per two-year period: [from, to, State F&S, local F&S, utilities & defence F&S, works]. */
const EU_PERIODS: ReadonlyArray<readonly [IsoDate, IsoDate | undefined, number, number, number, number, boolean]> = [
  // 2018-19 and 2020-21: Commission delegated regulations 2017/2364-2367 and 2019/1827-1830 (outside LEGAL-FACTS).
  ["2019-01-01", "2019-12-31", 144_000, 221_000, 443_000, 5_548_000, false],
  ["2020-01-01", "2021-12-31", 139_000, 214_000, 428_000, 5_350_000, false],
  ["2022-01-01", "2023-12-31", 140_000, 215_000, 431_000, 5_382_000, true],
  ["2024-01-01", "2025-12-31", 143_000, 221_000, 443_000, 5_538_000, true],
  ["2026-01-01", undefined, 140_000, 216_000, 432_000, 5_404_000, true],
];
const EU_LATEST_KNOWN_UNTIL: IsoDate = "2027-12-31";
// Only the 2022-23 local F&S and works values are in LEGAL-FACTS; the State and utilities ones are not.
const EU_2022_CONFIRMED: ReadonlySet<ThresholdId> = new Set<ThresholdId>(["eu_fs_local", "eu_works"]);

function euRows(): ThresholdPeriod[] {
  const rows: ThresholdPeriod[] = [];
  for (const [from, to, state, local, utilities, works, confirmed] of EU_PERIODS) {
    const values: Array<[ThresholdId, number]> = [
      ["eu_fs_state", state],
      ["eu_fs_local", local],
      ["eu_utilities", utilities],
      ["eu_works", works],
    ];
    for (const [id, value] of values) {
      rows.push({
        id,
        value,
        from,
        ...(to ? { to } : { knownUntil: EU_LATEST_KNOWN_UNTIL }),
        basis: [ANNEX_2],
        confirmed: from === "2022-01-01" ? EU_2022_CONFIRMED.has(id) : confirmed,
      });
    }
  }
  return rows;
}

export const THRESHOLD_PERIODS: readonly ThresholdPeriod[] = [
  {
    id: "dispense_fs",
    value: 25_000,
    from: "2019-01-01",
    to: "2019-12-31",
    basis: ["CCP R2122-8"],
    confirmed: false,
  },
  {
    id: "dispense_fs",
    value: 40_000,
    from: "2020-01-01",
    to: "2026-03-31",
    basis: ["CCP R2122-8", "décret 2019-1344"],
    confirmed: true,
  },
  {
    id: "dispense_fs",
    value: 60_000,
    from: "2026-04-01",
    basis: ["CCP R2122-8", "décret 2025-1386"],
    note: "applicable aux consultations lancées à partir du 01/04/2026",
    confirmed: true,
  },
  {
    id: "dispense_works",
    value: 25_000,
    from: "2019-01-01",
    to: "2019-12-31",
    basis: ["CCP R2122-8"],
    confirmed: false,
  },
  {
    id: "dispense_works",
    value: 40_000,
    from: "2020-01-01",
    to: "2020-07-23",
    basis: ["CCP R2122-8", "décret 2019-1344"],
    confirmed: false,
  },
  {
    id: "dispense_works",
    value: 70_000,
    from: "2020-07-24",
    to: "2020-12-08",
    basis: ["CCP R2122-8", "décret 2020-893"],
    note: "seuil temporaire",
    confirmed: false,
  },
  {
    id: "dispense_works",
    value: 100_000,
    from: "2020-12-09",
    to: "2025-12-31",
    basis: ["CCP R2122-8", "loi 2020-1525 art. 142", "décrets 2022-1683 et 2024-1217"],
    note: "seuil temporaire, prolongé jusqu'au 31/12/2025 (date de début à confirmer)",
    confirmed: true,
  },
  {
    id: "dispense_works",
    value: 100_000,
    from: "2026-01-01",
    basis: ["CCP R2122-8", "décret 2025-1386"],
    note: "seuil pérenne",
    confirmed: true,
  },
  { id: "mapa_publicity", value: 90_000, from: "2019-01-01", basis: ["CCP R2131-12"], confirmed: true },
  {
    id: "decp_publication",
    value: 25_000,
    from: "2019-01-01",
    to: "2019-12-31",
    basis: ["CCP R2196-1"],
    confirmed: false,
  },
  {
    id: "decp_publication",
    value: 40_000,
    from: "2020-01-01",
    to: "2023-12-31",
    basis: ["CCP R2196-1"],
    note: "publication sur le profil d'acheteur",
    confirmed: false,
  },
  {
    id: "decp_publication",
    value: 40_000,
    from: "2024-01-01",
    basis: ["CCP R2196-1"],
    note: "valeur non modifiée en 2026 selon les sources consultées, à confirmer",
    confirmed: true,
  },
  ...euRows(),
];

const NAME_BY_ID: ReadonlyMap<ThresholdId, ThresholdName> = new Map(THRESHOLD_NAMES.map((n) => [n.id, n] as const));

const ID_BY_FOLDED_NAME: ReadonlyMap<string, ThresholdId> = new Map(
  THRESHOLD_NAMES.flatMap((n) => [n.id, ...n.aliasesFr].map((alias) => [foldText(alias), n.id] as const)),
);

/** The ids as typed ("eu_fs_local"): found without folding. */
const ID_AS_TYPED: ReadonlyMap<string, ThresholdId> = new Map(THRESHOLD_NAMES.map((n) => [n.id, n.id] as const));

/** Resolve an English id or a French alias ("Seuil européen collectivités") to its id. */
export function thresholdIdOf(name: unknown): ThresholdId | undefined {
  if (typeof name !== "string") return undefined;
  return ID_AS_TYPED.get(name) ?? ID_BY_FOLDED_NAME.get(foldText(name));
}

/** A period with its bounds as day numbers (Excel serials): compared as numbers, not as texts. */
interface DatedPeriod {
  readonly firstDay: number;
  readonly lastDay: number;
  readonly period: ThresholdPeriod;
}

/** The periods of each threshold, in table order. */
const PERIODS_BY_ID: ReadonlyMap<ThresholdId, readonly DatedPeriod[]> = (() => {
  const byId = new Map<ThresholdId, DatedPeriod[]>();
  for (const period of THRESHOLD_PERIODS) {
    const list = byId.get(period.id) ?? [];
    const lastDay = period.to === undefined ? Infinity : excelSerialFromIso(period.to);
    list.push({ firstDay: excelSerialFromIso(period.from), lastDay, period });
    byId.set(period.id, list);
  }
  // Latest first: the dates asked are mostly recent. Periods do not overlap, so the order changes no answer.
  for (const list of byId.values()) list.sort((a, b) => b.firstDay - a.firstDay);
  return byId;
})();

/** The period of a threshold that covers a (valid) date. */
function periodAt(id: ThresholdId, date: IsoDate): ThresholdPeriod | undefined {
  return periodOnDay(id, excelSerialFromIso(date));
}

/** The period of a threshold that covers a day (an Excel serial). */
function periodOnDay(id: ThresholdId, day: number): ThresholdPeriod | undefined {
  for (const dated of PERIODS_BY_ID.get(id) ?? []) {
    if (dated.firstDay <= day && day <= dated.lastDay) return dated.period;
  }
  return undefined;
}

/** Day number of the earliest date the rules judge (readDate refuses earlier ones). */
const EARLIEST_RULE_DAY = excelSerialFromIso(EARLIEST_RULE_DATE);

/**
 * thresholdFigure for a date given as an Excel serial (what a date cell holds): the same answer, the day
 * compared as a number without writing its text. Unusual days take thresholdFigure's path.
 */
export function thresholdFigureOnDay(name: string, day: number): number | InputError {
  const id = thresholdIdOf(name);
  if (id !== undefined && Number.isInteger(day) && day >= EARLIEST_RULE_DAY && day <= LAST_PLAIN_DAY) {
    const period = periodOnDay(id, day);
    if (period) return period.value;
  }
  return thresholdFigure(name, isoFromExcelSerial(day) ?? String(day));
}

/** 9999-12-31: the last day Excel and ISO texts both write. */
const LAST_PLAIN_DAY = 2_958_465;

function describe(name: ThresholdName, period: ThresholdPeriod, date: IsoDate): string {
  const scope = name.comparison === "below" ? "marchés d'un montant strictement inférieur" : "à partir de ce montant";
  const parts = [`${name.labelFr} au ${frenchDate(date)} : ${euros(period.value)} HT (${scope}).`];
  if (period.note) parts.push(`Note : ${period.note}.`);
  if (period.knownUntil && date > period.knownUntil) {
    parts.push(
      `Valeur en vigueur depuis le ${frenchDate(period.from)} ; sa révision après le ${frenchDate(period.knownUntil)} n'est pas encore connue.`,
    );
  }
  if (!period.confirmed) parts.push("Valeur à confirmer dans les textes de l'époque.");
  return parts.join(" ");
}

/** The value of a legal threshold at a date (for R2122-8, the consultation's launch date). */
export function thresholdAt(name: string, date: IsoDate): RuleOutcome<number> {
  const id = thresholdIdOf(name);
  if (!id) {
    return inputError(
      "name",
      `Seuil inconnu : ${typeof name === "string" ? name.slice(0, 60) : "valeur non textuelle"}. Noms admis : ${THRESHOLD_NAMES.map((n) => n.id).join(", ")}.`,
    );
  }
  const day = readDate("date", date);
  if (isInputError(day)) return day;
  const period = periodAt(id, day);
  const meta = NAME_BY_ID.get(id);
  if (!period || !meta) return inputError("date", "Aucune valeur connue pour ce seuil à cette date.");
  return verdict(period.value, () => describe(meta, period, day), period.basis);
}

/**
 * thresholdAt's value alone (the SEUIL cells): the same name and date checks, the same value, no
 * explanation to prepare.
 */
export function thresholdFigure(name: string, date: IsoDate): number | InputError {
  const id = thresholdIdOf(name);
  const day = id === undefined ? undefined : readDate("date", date);
  const period = id === undefined || day === undefined || isInputError(day) ? undefined : periodAt(id, day);
  if (period) return period.value;
  const outcome = thresholdAt(name, date); // the refusal and its message
  return outcome.ok ? outcome.value : outcome;
}

/** Which EU threshold applies to a buyer and a nature (CCP annex 2). */
export function euThresholdIdFor(buyerKind: BuyerKind, nature: ContractNature): ThresholdId {
  if (nature === "travaux") return "eu_works";
  switch (buyerKind) {
    // State public bodies are read as "autorités publiques centrales": the lower threshold (to confirm).
    case "etat":
    case "etablissement_etat":
      return "eu_fs_state";
    case "entite_adjudicatrice":
    case "defense":
      return "eu_utilities";
    default:
      return "eu_fs_local";
  }
}

/**
 * The EU threshold of a known buyer kind and nature on a day already checked (an Excel serial), for rules
 * that validated their date; undefined when no period covers the day.
 */
export function euThresholdOnDay(buyerKind: BuyerKind, nature: ContractNature, day: number): number | undefined {
  return periodOnDay(euThresholdIdFor(buyerKind, nature), day)?.value;
}

/** euThresholdFor's value alone: the same checks and value, no explanation. */
export function euThresholdFigure(buyerKind: BuyerKind, nature: ContractNature, date: IsoDate): number | InputError {
  if (!BUYER_KIND_SET.has(buyerKind) || !NATURE_SET.has(nature)) {
    const outcome = euThresholdFor(buyerKind, nature, date); // the refusal and its message
    return outcome.ok ? outcome.value : outcome;
  }
  return thresholdFigure(euThresholdIdFor(buyerKind, nature), date);
}

const BUYER_KIND_SET: ReadonlySet<unknown> = new Set(BUYER_KINDS);
const NATURE_SET: ReadonlySet<unknown> = new Set(CONTRACT_NATURES);

/** The EU threshold for a buyer kind and a contract nature at a date. */
export function euThresholdFor(buyerKind: BuyerKind, nature: ContractNature, date: IsoDate): RuleOutcome<number> {
  if (!(BUYER_KINDS as readonly unknown[]).includes(buyerKind)) {
    return inputError("buyerKind", `Type d'acheteur inconnu : valeurs admises ${BUYER_KINDS.join(", ")}.`);
  }
  if (!(CONTRACT_NATURES as readonly unknown[]).includes(nature)) {
    return inputError("nature", "Nature du marché inconnue : valeurs admises travaux, fournitures, services.");
  }
  return thresholdAt(euThresholdIdFor(buyerKind, nature), date);
}

/**
 * The EU thresholds that may apply when the buyer kind or the nature is not known (undefined = any),
 * sorted ascending. A rule can then say "above in every case", "below in every case" or "depends".
 */
export function possibleEuThresholds(
  buyerKind: BuyerKind | undefined,
  nature: ContractNature | undefined,
  date: IsoDate,
): RuleOutcome<readonly number[]> {
  const values = new Set<number>();
  for (const buyer of buyerKind ? [buyerKind] : BUYER_KINDS) {
    for (const kind of nature ? [nature] : CONTRACT_NATURES) {
      const outcome = euThresholdFor(buyer, kind, date);
      if (!outcome.ok) return outcome;
      values.add(outcome.value);
    }
  }
  const sorted = [...values].sort((a, b) => a - b);
  return verdict(
    sorted,
    `Seuils européens possibles au ${frenchDate(date)} : ${sorted.map((value) => euros(value)).join(", ")} HT.`,
    [ANNEX_2],
  );
}

/** First day of the latest EU threshold period in the table (used when a rule is given no date). */
export const LATEST_EU_PERIOD_START: IsoDate = EU_PERIODS[EU_PERIODS.length - 1]?.[0] ?? "2026-01-01";
