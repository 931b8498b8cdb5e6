/**
 * Shared vocabulary of the SPASER domain. Pure data types: no Office, no React, no I/O.
 */

/** A civil date as ISO text "YYYY-MM-DD" (no time zone: procurement dates are calendar days). */
export type IsoDate = string;

/** Nature of a public contract (CCP L1111-2 to L1111-4). */
export type ContractNature = "travaux" | "fournitures" | "services";

/**
 * Kind of buyer. It decides the EU threshold (CCP annex 2) and the legal minimum avance for SMEs (R2191-7 ff.).
 * - etat: central State services
 * - etablissement_etat: State public bodies (other than industrial and commercial)
 * - collectivite: local authority or its public body, operating expenditure ≤ 60 M€
 * - collectivite_60m: local authority whose operating expenditure exceeds 60 M€
 * - entite_adjudicatrice: utilities (network operators)
 * - defense: defence and security contracts
 * - autre: any other buyer under the CCP (hospitals, OPH, …)
 */
export type BuyerKind =
  "etat" | "etablissement_etat" | "collectivite" | "collectivite_60m" | "entite_adjudicatrice" | "defense" | "autre";

/** A rule's answer: the verdict, a French explanation and the texts it rests on. */
export interface Verdict<T> {
  readonly ok: true;
  readonly value: T;
  /** One or two French sentences a buyer can paste in a report. */
  readonly explanation: string;
  /** Articles or SPASER actions, e.g. ["CCP R2191-3", "SPASER action 17"]. */
  readonly basis: readonly string[];
}

/** A typed refusal: the input cannot be judged. Rules return it instead of throwing. */
export interface InputError {
  readonly ok: false;
  /** Name of the offending argument, as in the function signature. */
  readonly field: string;
  /** Short French message, fit for a cell error (#VALUE!). */
  readonly message: string;
}

export type RuleOutcome<T> = Verdict<T> | InputError;

/**
 * A verdict whose explanation is written when first read. The getter lives on the prototype: an own
 * accessor per object costs V8 about a microsecond, more than most rules take. `toJSON` keeps the
 * explanation in JSON; a spread (`{ ...verdict }`) would drop it: read `explanation` explicitly.
 */
class LazyVerdict<T> implements Verdict<T> {
  readonly ok = true;
  #write: (() => string) | undefined;
  #written: string | undefined;

  constructor(
    readonly value: T,
    write: () => string,
    readonly basis: readonly string[],
  ) {
    this.#write = write;
  }

  get explanation(): string {
    if (this.#write) {
      this.#written = this.#write();
      this.#write = undefined;
    }
    return this.#written as string;
  }

  toJSON(): Verdict<T> {
    return { ok: true, value: this.value, explanation: this.explanation, basis: this.basis };
  }
}

/**
 * A verdict. The explanation may be given as a function: it is then written only when read, once. Excel
 * cells mostly show the value alone, and writing French amounts and dates costs far more than judging.
 */
export function verdict<T>(value: T, explanation: string | (() => string), basis: readonly string[]): Verdict<T> {
  if (typeof explanation === "string") return { ok: true, value, explanation, basis };
  return new LazyVerdict(value, explanation, basis);
}

export function inputError(field: string, message: string): InputError {
  return { ok: false, field, message };
}

/**
 * Local rules of an organisation's SPASER and uncertain legal values, kept as policy parameters
 * (LEGAL-FACTS.md: "uncertain ones are policy parameters"). Defaults live in policy presets.
 */
export interface LocalRules {
  /** SPASER action 11: reserve contracts below this amount when an inclusive offer exists. */
  readonly reservationCapHT: number;
  /** SPASER action 8: study an insertion clause above this amount. */
  readonly insertionStudyThresholdHT: number;
  /** SPASER action 11: contracts in this band are tracked for reservation. */
  readonly trackingBandLowHT: number;
  readonly trackingBandHighHT: number;
  /** SPASER action 17: avance rate granted to small firms (policy, not law). */
  readonly smallFirmAdvanceRate: number;
  /** SPASER action 17: "small firm" means fewer employees than this. */
  readonly smallFirmMaxEmployees: number;
  /** SPASER action 19: recommend price revision for contracts at least this long (months). */
  readonly priceRevisionMinMonths: number;
  /** R2112-14 "large share" of raw materials tied to world prices: uncertain, a policy parameter. */
  readonly rawMaterialShareForMandatoryRevision: number;
  /** Insertion sizing defaults (standard method). */
  readonly defaultInsertionRate: number;
  readonly defaultHourlyCost: number;
  /** Uncertain legal value: minimum avance for SMEs in central State contracts (20 %, one source says 30 %). */
  readonly stateSmeAdvanceMinRate: number;
  /** Uncertain: ESS reservation (L2113-15) maximum duration in years. */
  readonly essReservationMaxYears: number;
}

/** The four axes of the plan, used to group questions and actions and to weight the score. */
export type AxisId = "social" | "economique" | "equilibre" | "ecologique";

export const AXIS_IDS: readonly AxisId[] = ["social", "economique", "equilibre", "ecologique"];

/** What scoring needs from the organisation's policy (the policy carries these). */
export interface ScoringWeights {
  /** Relative weight of each axis in the overall potentiel durable. */
  readonly axisWeights: Readonly<Record<AxisId, number>>;
  /** Per-question weight overrides, keyed by question id; absent = the question's default weight. */
  readonly questionWeights: Readonly<Record<string, number>>;
  /** SPASER action numbers the organisation puts first (raise the committee priority). */
  readonly priorityActions: readonly number[];
}
