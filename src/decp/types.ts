/**
 * DECP (données essentielles de la commande publique, CCP R2196-1, arrêtés du 22 décembre 2022) as rows of
 * a SPASER contracts table. A `DecpRow` is one contract or one lot (a DECP `marche` record). DECP field
 * names are kept where the brief and the schema use them (`offresRecues`, `attributionAvance`,
 * `tauxAvance`, `typesPrix`); SPASER notions have English names (amount, flags).
 */
import type { ContractRecord, FlagName, ProcedureKind } from "../spaser/records";
import type { ContractNature, IsoDate } from "../spaser/types";

export type DecpFormat = "decp-2024" | "decp-2019" | "tabulaire";

/** Price types of the 2024 format (`typesPrix.typePrix[]`). */
export type DecpPriceType = "Définitif ferme" | "Définitif actualisable" | "Définitif révisable" | "Provisoire";

/** A contract holder (titulaire). The 2024 format has no name; the 2019 format and the tabular table do. */
export interface DecpHolder {
  readonly id?: string | undefined;
  /** SIRET, TVA, TAHITI, RIDET, FRWF, IREP, HORS-UE. */
  readonly idType?: string | undefined;
  readonly name?: string | undefined;
}

/** A modification (avenant) as published: each value is the new one, absent when unchanged. */
export interface DecpModification {
  readonly id?: number | undefined;
  readonly object?: string | undefined;
  readonly notificationDate?: IsoDate | undefined;
  readonly publicationDate?: IsoDate | undefined;
  readonly amount?: number | undefined;
  readonly durationMonths?: number | undefined;
  readonly holders?: readonly DecpHolder[] | undefined;
}

/** The flags a DECP file can fill. Absent = the DECP field was missing (unknown), never "no". */
export type DecpFlagName = Extract<
  FlagName,
  | "envClause"
  | "envCriterion"
  | "envConsideration"
  | "socialClause"
  | "socialCriterion"
  | "reserved"
  | "socialConsideration"
>;

export type DecpFlags = { readonly [K in DecpFlagName]?: boolean | undefined };

/** Fields of the 2024 format that SPASER does not use but that an export must write back unchanged. */
export interface Decp2024Details {
  readonly techniques?: readonly string[] | undefined;
  readonly modalitesExecution?: readonly string[] | undefined;
  readonly idAccordCadre?: string | undefined;
  readonly marcheInnovant?: boolean | undefined;
  readonly ccag?: string | undefined;
  readonly typeGroupementOperateurs?: string | undefined;
  readonly sousTraitanceDeclaree?: boolean | undefined;
  readonly origineUE?: number | undefined;
  readonly origineFrance?: number | undefined;
}

export interface DecpRow {
  /** Contract number given by the buyer (DECP `id`, 1 to 16 characters). */
  readonly id: string;
  /** National key: buyer SIRET + id (the consolidated table's `uid`). */
  readonly uid: string;
  readonly buyerSiret?: string | undefined;
  readonly buyerName?: string | undefined;
  readonly object?: string | undefined;
  /** DECP `nature` as written ("Marché", "Accord-cadre" in 2019, "Travaux" in the tabular `type`). */
  readonly decpNature?: string | undefined;
  /** Works, supplies or services, from the tabular `type` or else the CPV division. */
  readonly nature?: ContractNature | undefined;
  /** DECP `procedure` as written. */
  readonly procedureLabel?: string | undefined;
  readonly procedure?: ProcedureKind | undefined;
  readonly cpv?: string | undefined;
  readonly place?: { readonly code: string; readonly typeCode: string } | undefined;
  /** Current amount HT: the last `montant` of the modifications, else the initial one. */
  readonly amount?: number | undefined;
  readonly initialAmount?: number | undefined;
  readonly durationMonths?: number | undefined;
  readonly initialDurationMonths?: number | undefined;
  readonly notificationDate?: IsoDate | undefined;
  readonly publicationDate?: IsoDate | undefined;
  /** Holders as notified (initial). */
  readonly holders: readonly DecpHolder[];
  /** Holders after the modifications, joined: "NAME (SIRET); NAME2 (SIRET)". */
  readonly titulaires: string;
  readonly offresRecues?: number | undefined;
  readonly attributionAvance?: boolean | undefined;
  /** Rate of the avance (0.3 = 30 %). Undefined when unknown: DECP writes 0 with an avance for "rate unknown". */
  readonly tauxAvance?: number | undefined;
  readonly typesPrix?: readonly DecpPriceType[] | undefined;
  /** 2024 `formePrix`: Unitaire, Forfaitaire, Mixte (the 2019 field of that name is mapped to `typesPrix`). */
  readonly formePrix?: string | undefined;
  /** Price revision clause (SPASER action 19): true when a price type is "Définitif révisable". */
  readonly revisablePrice?: boolean | undefined;
  readonly flags: DecpFlags;
  readonly details: Decp2024Details;
  readonly modifications: readonly DecpModification[];
  /** Where the row came from: position of the record in the file (0-based), line for the tabular file. */
  readonly source: { readonly format: DecpFormat; readonly index: number; readonly line?: number | undefined };
}

export interface DecpDuplicate {
  /** "SIRET / id". */
  readonly key: string;
  /** How many records carry that key (the kept one included). */
  readonly count: number;
  /** Contract id shared by the records. */
  readonly ids: readonly string[];
  /** Positions in the file: the first is kept, the others are left out. */
  readonly indices: readonly number[];
  /** True when every left-out record is identical to the kept one; false hints at lots sharing an id. */
  readonly identical: boolean;
}

export interface DecpRejection {
  readonly index: number;
  readonly id?: string | undefined;
  readonly reason: string;
}

export interface DecpWarning {
  readonly index: number;
  readonly id?: string | undefined;
  readonly message: string;
}

export interface DecpImport {
  readonly ok: true;
  readonly format: DecpFormat;
  readonly rows: readonly DecpRow[];
  /** The same rows as SPASER contract records. */
  readonly records: readonly ContractRecord[];
  readonly duplicates: readonly DecpDuplicate[];
  readonly rejected: readonly DecpRejection[];
  /** Records that are not contracts (concessions), left out with the reason. */
  readonly skipped: readonly DecpRejection[];
  /** Imported with a remark (unknown consideration label, conflicting tabular lines…). */
  readonly warnings: readonly DecpWarning[];
  readonly counts: {
    /** Records read in the file (tabular: distinct uid). */
    readonly records: number;
    readonly rows: number;
    readonly rejected: number;
    /** Records left out as duplicates (count − 1 per key). */
    readonly duplicates: number;
    readonly skipped: number;
    /** Tabular file: lines read. */
    readonly lines?: number | undefined;
  };
}

export interface DecpImportFailure {
  readonly ok: false;
  readonly message: string;
}

export type DecpImportResult = DecpImport | DecpImportFailure;
