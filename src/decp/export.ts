/**
 * Export of SPASER contract rows to the DECP 2024 format (`{"marches":{"marche":[…]}}`, arrêtés du
 * 22 décembre 2022), validated against the official JSON schema before it is handed out. The schema is
 * passed in by the caller (it lives outside the bundle). Nothing is invented: a value the rows do not
 * hold is left out and reported per contract, in French; unknown considerations are not written as
 * "Pas de considération".
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { foldText } from "../spaser/normalize";
import type { ContractRecord } from "../spaser/records";
import type { IsoDate } from "../spaser/types";
import type { DecpFlags, DecpHolder, DecpModification, DecpRow } from "./types";
import {
  environmentalConsiderationsFromFlags,
  isSiret,
  nature2024,
  procedure2024,
  socialConsiderationsFromFlags,
} from "./vocabulary";

export interface DecpExportOptions {
  /** SIRET of the buyer, used for rows that do not name theirs. */
  readonly buyer: string;
  /** Date the data are published, for rows that have none (DECP `datePublicationDonnees`). */
  readonly publicationDate?: IsoDate | undefined;
  /** Return the JSON even when it does not validate (to fix it by hand). */
  readonly allowInvalid?: boolean | undefined;
}

export interface DecpExportProblem {
  /** Contract id ("" when the row has none). */
  readonly contract: string;
  /** DECP field name, or a JSON path below the contract for schema errors. */
  readonly field: string;
  readonly message: string;
}

export interface DecpExport {
  /** The JSON text, or undefined when it does not validate and `allowInvalid` is not set. */
  readonly json: string | undefined;
  readonly valid: boolean;
  readonly problems: readonly DecpExportProblem[];
  readonly contracts: number;
}

type Json = Record<string, unknown>;

/** Build, validate and return the DECP 2024 JSON of the rows. Never throws. */
export function exportDecp2024(rows: readonly DecpRow[], schema: object, options: DecpExportOptions): DecpExport {
  const problems: DecpExportProblem[] = [];
  const validate = compileSchema(schema);
  if (!validate.ok) {
    return {
      json: undefined,
      valid: false,
      problems: [{ contract: "", field: "schéma", message: validate.message }],
      contracts: 0,
    };
  }
  const required = requiredMarcheFields(schema);
  const marches = rows.map((row) => {
    const marche = marcheOf(row, options);
    for (const field of required) {
      if (marche[field] === undefined) {
        problems.push({
          contract: row.id,
          field,
          message: `Marché ${row.id} : champ obligatoire « ${field} » manquant${MISSING_HINTS[field] ?? ""}.`,
        });
      }
    }
    return marche;
  });
  const document = { marches: { marche: marches } };
  const valid = validate.fn(document) === true;
  if (!valid) problems.push(...schemaProblems(validate.fn.errors ?? [], rows));
  const json = valid || options.allowInvalid ? JSON.stringify(document, null, 2) : undefined;
  return { json, valid, problems, contracts: rows.length };
}

/** Why a field is often missing, so that the buyer knows what to fill in. */
const MISSING_HINTS: Readonly<Record<string, string>> = {
  considerationsSociales:
    " (clause sociale, critère social et marché réservé inconnus : « Pas de considération » n'est écrit que si c'est renseigné)",
  considerationsEnvironnementales:
    " (clause et critère environnementaux inconnus : « Pas de considération » n'est écrit que si c'est renseigné)",
  procedure: " (procédure inconnue ou non reconnue)",
  nature: " (nature non reconnue : Marché, Marché de partenariat, Marché de défense ou de sécurité)",
};

/** The schema's own list of mandatory fields of a `marche`, so that a new schema version is followed. */
function requiredMarcheFields(schema: object): readonly string[] {
  const definitions = (schema as Json)["definitions"];
  const marche = isObject(definitions) ? definitions["marche"] : undefined;
  const required = isObject(marche) ? marche["required"] : undefined;
  return Array.isArray(required) ? required.filter((f): f is string => typeof f === "string") : [];
}

// ---------------------------------------------------------------------------------------------------------
// One contract
// ---------------------------------------------------------------------------------------------------------

/** The DECP 2024 `marche` object of a row; fields the row does not know are left out (undefined). */
export function marcheOf(row: DecpRow, options: Pick<DecpExportOptions, "buyer" | "publicationDate">): Json {
  const { details } = row;
  const granted = row.attributionAvance;
  return compact({
    id: row.id,
    acheteur: { id: row.buyerSiret ?? options.buyer },
    nature: nature2024(row.decpNature),
    objet: row.object,
    codeCPV: row.cpv,
    techniques: listObject("technique", details.techniques ?? techniquesFromNature(row.decpNature)),
    modalitesExecution: listObject("modaliteExecution", details.modalitesExecution),
    idAccordCadre: details.idAccordCadre,
    marcheInnovant: details.marcheInnovant,
    origineUE: details.origineUE,
    origineFrance: details.origineFrance,
    ccag: details.ccag,
    offresRecues: row.offresRecues,
    formePrix: row.formePrix,
    typesPrix: listObject("typePrix", row.typesPrix),
    considerationsEnvironnementales: listObject(
      "considerationEnvironnementale",
      environmentalConsiderationsFromFlags(row.flags),
    ),
    considerationsSociales: listObject("considerationSociale", socialConsiderationsFromFlags(row.flags)),
    attributionAvance: granted,
    // DECP: 0 with attributionAvance = true means "avance, rate unknown".
    tauxAvance: row.tauxAvance ?? (granted === true ? 0 : undefined),
    typeGroupementOperateurs: details.typeGroupementOperateurs,
    sousTraitanceDeclaree: details.sousTraitanceDeclaree,
    titulaires: row.holders.length > 0 ? holdersJson(row.holders) : undefined,
    procedure: procedure2024(row.procedureLabel, row.procedure),
    lieuExecution: row.place ? { code: row.place.code, typeCode: row.place.typeCode } : undefined,
    // The initial values stay; later changes are published as modifications (schema, « dureeMois »).
    dureeMois: row.initialDurationMonths ?? row.durationMonths,
    dateNotification: row.notificationDate,
    datePublicationDonnees: row.publicationDate ?? options.publicationDate,
    montant: row.initialAmount ?? row.amount,
    modifications: row.modifications.length > 0 ? row.modifications.map(modificationJson) : undefined,
  });
}

/** 2019 "Accord-cadre" nature is a 2024 purchasing technique. */
function techniquesFromNature(decpNature: string | undefined): string[] | undefined {
  return decpNature !== undefined && foldText(decpNature) === "accord cadre" ? ["Accord-cadre"] : undefined;
}

function listObject(key: string, values: readonly string[] | undefined): Json | undefined {
  return values === undefined || values.length === 0 ? undefined : { [key]: [...values] };
}

/** The 2024 format has no holder name; the identifier type is SIRET for 14 digits when the file left it empty. */
function holdersJson(holders: readonly DecpHolder[]): Json[] {
  return holders.map((holder) => ({
    titulaire: compact({
      typeIdentifiant:
        holder.idType !== undefined && holder.idType !== "" ? holder.idType : isSiret(holder.id) ? "SIRET" : undefined,
      id: holder.id,
    }),
  }));
}

/** The 2019 format had no modification number: the position gives it (schema: "séquence croissante"). */
function modificationJson(modification: DecpModification, position: number): Json {
  return {
    modification: compact({
      id: modification.id ?? position + 1,
      dureeMois: modification.durationMonths,
      montant: modification.amount,
      titulaires:
        modification.holders && modification.holders.length > 0 ? holdersJson(modification.holders) : undefined,
      dateNotificationModification: modification.notificationDate,
      datePublicationDonneesModification: modification.publicationDate,
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

const compiled = new WeakMap<object, ValidateFunction>();

function compileSchema(schema: object): { ok: true; fn: ValidateFunction } | { ok: false; message: string } {
  const cached = compiled.get(schema);
  if (cached) return { ok: true, fn: cached };
  try {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const fn = ajv.compile(schema);
    compiled.set(schema, fn);
    return { ok: true, fn };
  } catch (error) {
    return { ok: false, message: `Le schéma DECP n'est pas un schéma JSON utilisable (${(error as Error).message}).` };
  }
}

/**
 * Schema errors in French, one per contract and field. Missing mandatory fields of a contract are
 * already reported by name; the `anyOf`/`if` summaries ajv adds are left out.
 */
function schemaProblems(errors: readonly ErrorObject[], rows: readonly DecpRow[]): DecpExportProblem[] {
  const problems: DecpExportProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const match = /^\/marches\/marche\/(\d+)(\/.*)?$/.exec(error.instancePath);
    const row = match ? rows[Number(match[1])] : undefined;
    const path = match?.[2] ?? "";
    if (row && path === "" && error.keyword === "required") continue;
    if (error.keyword === "anyOf" || error.keyword === "if") continue;
    const field = fieldOfError(path, error);
    const contract = row?.id ?? "";
    const message = `${row ? `Marché ${row.id}` : "Fichier"} : champ « ${field} » ${frenchError(error)}.`;
    const key = `${contract}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ contract, field, message });
  }
  return problems;
}

function fieldOfError(path: string, error: ErrorObject): string {
  const parts = path.split("/").filter((p) => p !== "");
  if (error.keyword === "required")
    parts.push(String((error.params as { missingProperty?: string }).missingProperty ?? ""));
  if (error.keyword === "additionalProperties") {
    parts.push(String((error.params as { additionalProperty?: string }).additionalProperty ?? ""));
  }
  return parts.join(".") || "marches";
}

function frenchError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return "manquant";
    case "enum":
      return `: valeur hors de la liste autorisée (${((params["allowedValues"] as unknown[]) ?? []).join(", ")})`;
    case "pattern":
      return `: format incorrect (motif ${String(params["pattern"])})`;
    case "type":
      return `: type incorrect (${String(params["type"])} attendu)`;
    case "minimum":
      return `: doit être au moins ${String(params["limit"])}`;
    case "maximum":
      return `: doit être au plus ${String(params["limit"])}`;
    case "maxLength":
      return `: ${String(params["limit"])} caractères au plus`;
    case "minLength":
      return `: ${String(params["limit"])} caractère(s) au moins`;
    case "minItems":
      return ": liste vide";
    case "uniqueItems":
      return ": valeurs en double dans la liste";
    case "additionalProperties":
      return ": champ non prévu par le format";
    default:
      return `: ${error.message ?? "invalide"}`;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compact(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------
// Rows from the buyer's own contracts table
// ---------------------------------------------------------------------------------------------------------

/**
 * A DECP row from a contract record of the buyer's table, for export. The supplier cell is read back as
 * holders ("NAME (SIRET); NAME2 (SIRET)" or bare SIRETs); DECP-only facts (offers, avance, CCAG…) come
 * from `extra` when the table has them, else stay unknown and are reported by the export.
 */
export function decpRowFromRecord(record: ContractRecord, buyerSiret: string, extra: Partial<DecpRow> = {}): DecpRow {
  const id = record.id ?? "";
  const holders = holdersFromText(record.supplier);
  const flags: DecpFlags = {
    envClause: record.flags.envClause,
    envCriterion: record.flags.envCriterion,
    envConsideration: record.flags.envConsideration,
    socialClause: record.flags.socialClause,
    socialCriterion: record.flags.socialCriterion,
    socialConsideration: record.flags.socialConsideration,
    reserved: record.flags.reserved,
  };
  return {
    id,
    uid: `${buyerSiret}${id}`,
    buyerSiret,
    object: record.object,
    nature: record.nature,
    procedure: record.procedure,
    cpv: record.cpv,
    amount: record.amountHT,
    durationMonths: record.durationMonths,
    notificationDate: record.notificationDate,
    holders,
    titulaires: record.supplier ?? "",
    flags,
    details: {},
    modifications: [],
    source: { format: "decp-2024", index: 0 },
    ...extra,
  };
}

function holdersFromText(text: string | undefined): DecpHolder[] {
  if (text === undefined) return [];
  return text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const withId = /^(.*?)\s*\(([^()]+)\)$/.exec(part);
      if (withId) return { name: withId[1] === "" ? undefined : withId[1], id: withId[2]?.trim() };
      return isSiret(part.replace(/\s+/g, "")) ? { id: part.replace(/\s+/g, "") } : { name: part };
    });
}
