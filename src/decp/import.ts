/**
 * Import of DECP files into SPASER contract rows. Three inputs are read:
 * - the 2024 format (arrêtés du 22 décembre 2022, schema v2.0.x): `{"marches":{"marche":[…]}}`, or the
 *   consolidated flavour `{"marches":[…]}` whose records carry `_type`;
 * - the 2019 format (schema 1.x): `{"marches":[…]}` with `formePrix` Ferme / Révisable, numbers as text,
 *   flat `titulaires`;
 * - the national tabular table (data.gouv.fr, decp.csv): one line per contract × holder, grouped by `uid`.
 *
 * Never throws. A record that cannot be read (no id, unreadable amount or date) is rejected with a French
 * reason and the others are imported. Two records with the same buyer SIRET and id are duplicates: the
 * first is kept and the others are listed, never merged silently.
 */
import { foldText, isEmptyCell, parseDate, parseText, parseYesNo, quoteCell } from "../spaser/normalize";
import { parseCpv, parseNature, parseProcedure, type ContractRecord } from "../spaser/records";
import { parseCsv } from "./csv";
import { parseDecpNumber } from "./numbers";
import type {
  Decp2024Details,
  DecpDuplicate,
  DecpFlags,
  DecpFormat,
  DecpHolder,
  DecpImport,
  DecpImportResult,
  DecpModification,
  DecpPriceType,
  DecpRejection,
  DecpRow,
  DecpWarning,
} from "./types";
import {
  isPriceForm2024,
  isRevisable,
  natureFromCpv,
  placeCodeType,
  priceTypeFrom2019Form,
  priceTypeFromLabel,
  readEnvironmentalConsiderations,
  readSocialConsiderations,
} from "./vocabulary";

type Json = Record<string, unknown>;

/** The cells of one contract, whatever the input format, before they are read. */
interface ContractCells {
  readonly id: unknown;
  readonly buyerSiret: unknown;
  readonly buyerName: unknown;
  readonly object: unknown;
  readonly decpNature: unknown;
  /** Tabular `type`: Travaux, Fournitures, Services. */
  readonly contractType?: unknown;
  readonly procedure: unknown;
  readonly cpv: unknown;
  readonly place: unknown;
  readonly amount: unknown;
  readonly durationMonths: unknown;
  readonly notificationDate: unknown;
  readonly publicationDate: unknown;
  readonly holders: readonly DecpHolder[];
  readonly offresRecues: unknown;
  readonly attributionAvance: unknown;
  readonly tauxAvance: unknown;
  readonly typesPrix: unknown;
  readonly formePrix: unknown;
  readonly social: unknown;
  readonly environmental: unknown;
  readonly details: Decp2024Details;
  readonly modifications: readonly unknown[];
}

type Built =
  | { readonly ok: true; readonly row: DecpRow; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly id?: string | undefined; readonly reason: string };

/** Read a DECP file (JSON 2024, JSON 2019 or tabular CSV). `fileName` is used in messages only. */
export function importDecp(text: string, fileName: string): DecpImportResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === "{" || first === "[") return importJson(body, fileName);
  if (body.trim() === "") return { ok: false, message: `Le fichier ${fileName} est vide.` };
  return importTabular(body, fileName);
}

// ---------------------------------------------------------------------------------------------------------
// JSON (2024 and 2019 formats)
// ---------------------------------------------------------------------------------------------------------

function importJson(text: string, fileName: string): DecpImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Le fichier ${fileName} n'est pas un JSON lisible (${(error as Error).message}).` };
  }
  const located = locateRecords(data);
  if (!located) {
    return {
      ok: false,
      message: `Le fichier ${fileName} ne contient pas de données essentielles : clé « marches » attendue ({"marches":{"marche":[…]}} ou {"marches":[…]}).`,
    };
  }
  const { entries, concessions, nested } = located;
  const format: DecpFormat = nested || entries.some(looksLike2024) ? "decp-2024" : "decp-2019";
  const skipped: DecpRejection[] = [];
  const candidates: { index: number; raw: unknown; built: Built }[] = [];
  const rejected: DecpRejection[] = [];
  const warnings: DecpWarning[] = [];
  entries.forEach((raw, index) => {
    if (isConcession(raw)) {
      skipped.push({ index, id: idOf(raw), reason: CONCESSION_REASON });
      return;
    }
    if (!isObject(raw)) {
      rejected.push({ index, reason: "Enregistrement illisible : un objet JSON est attendu." });
      return;
    }
    candidates.push({ index, raw, built: buildRow(cellsFromJson(raw), { format, index }) });
  });
  concessions.forEach((raw, position) => {
    skipped.push({ index: entries.length + position, id: idOf(raw), reason: CONCESSION_REASON });
  });
  return assemble(format, candidates, rejected, skipped, warnings, entries.length + concessions.length, undefined);
}

const CONCESSION_REASON =
  "Contrat de concession : ce n'est pas un marché public, il n'entre pas dans les indicateurs du SPASER.";

function locateRecords(
  data: unknown,
): { entries: readonly unknown[]; concessions: readonly unknown[]; nested: boolean } | undefined {
  if (Array.isArray(data)) return { entries: data, concessions: [], nested: false };
  if (!isObject(data)) return undefined;
  const marches = data["marches"];
  if (Array.isArray(marches)) return { entries: marches, concessions: [], nested: false };
  if (!isObject(marches)) return undefined;
  const list = marches["marche"];
  const concessions = marches["contrat-concession"];
  if (list !== undefined && !Array.isArray(list)) return undefined;
  if (list === undefined && !Array.isArray(concessions)) return undefined;
  return {
    entries: Array.isArray(list) ? list : [],
    concessions: Array.isArray(concessions) ? concessions : [],
    nested: true,
  };
}

/** Fields that exist only in the 2024 format. */
const FIELDS_2024 = [
  "_type",
  "considerationsSociales",
  "considerationsEnvironnementales",
  "attributionAvance",
  "offresRecues",
  "typesPrix",
  "techniques",
  "modalitesExecution",
  "ccag",
];

function looksLike2024(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  if (FIELDS_2024.some((field) => field in raw)) return true;
  const holders = raw["titulaires"];
  return Array.isArray(holders) && holders.some((h) => isObject(h) && "titulaire" in h);
}

function isConcession(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const type = raw["_type"];
  if (typeof type === "string" && foldText(type).includes("concession")) return true;
  return "autoriteConcedante" in raw || "concessionnaires" in raw || "valeurGlobale" in raw;
}

function cellsFromJson(raw: Json): ContractCells {
  const buyer = isObject(raw["acheteur"]) ? raw["acheteur"] : {};
  return {
    id: raw["id"],
    buyerSiret: buyer["id"],
    buyerName: buyer["nom"],
    object: raw["objet"],
    decpNature: raw["nature"],
    procedure: raw["procedure"],
    cpv: raw["codeCPV"],
    place: raw["lieuExecution"],
    amount: raw["montant"],
    durationMonths: raw["dureeMois"],
    notificationDate: raw["dateNotification"],
    publicationDate: raw["datePublicationDonnees"],
    holders: readHolders(raw["titulaires"]),
    offresRecues: raw["offresRecues"],
    attributionAvance: raw["attributionAvance"],
    tauxAvance: raw["tauxAvance"],
    typesPrix: listIn(raw["typesPrix"], "typePrix"),
    formePrix: raw["formePrix"],
    social: listIn(raw["considerationsSociales"], "considerationSociale"),
    environmental: listIn(raw["considerationsEnvironnementales"], "considerationEnvironnementale"),
    details: {
      techniques: stringList(listIn(raw["techniques"], "technique")),
      modalitesExecution: stringList(listIn(raw["modalitesExecution"], "modaliteExecution")),
      idAccordCadre: textOrUndefined(raw["idAccordCadre"]),
      marcheInnovant: booleanOrUndefined(raw["marcheInnovant"]),
      ccag: textOrUndefined(raw["ccag"]),
      typeGroupementOperateurs: textOrUndefined(raw["typeGroupementOperateurs"]),
      sousTraitanceDeclaree: booleanOrUndefined(raw["sousTraitanceDeclaree"]),
      origineUE: numberOrUndefined(raw["origineUE"]),
      origineFrance: numberOrUndefined(raw["origineFrance"]),
    },
    modifications: Array.isArray(raw["modifications"]) ? raw["modifications"] : [],
  };
}

/** 2024: `{"typePrix": [...]}`; consolidated files sometimes hold a single string. */
function listIn(container: unknown, key: string): unknown {
  if (container === undefined || container === null) return undefined;
  if (isObject(container)) return container[key];
  return container;
}

/** Holders: 2024 `[{"titulaire":{id,typeIdentifiant}}]`, 2019 `[{id,typeIdentifiant,denominationSociale}]`. */
function readHolders(list: unknown): DecpHolder[] {
  if (!Array.isArray(list)) return [];
  const holders: DecpHolder[] = [];
  for (const item of list) {
    const holder = isObject(item) && isObject(item["titulaire"]) ? item["titulaire"] : item;
    if (!isObject(holder)) continue;
    const id = textOrUndefined(holder["id"]);
    const name = textOrUndefined(holder["denominationSociale"] ?? holder["nom"]);
    if (id === undefined && name === undefined) continue;
    holders.push({ id, idType: textOrUndefined(holder["typeIdentifiant"]), name });
  }
  return holders;
}

// ---------------------------------------------------------------------------------------------------------
// Tabular table (decp.csv)
// ---------------------------------------------------------------------------------------------------------

/** Columns of the national tabular table, by folded name (the real extract has the first 17). */
const COLUMN = {
  uid: "uid",
  id: "id",
  type: "type",
  cpv: "codecpv",
  buyerSiret: "acheteur id",
  buyerName: "acheteur nom",
  holderId: "titulaire id",
  holderName: "titulaire nom",
  holderIdType: "titulaire typeidentifiant",
  amount: "montant",
  notificationDate: "datenotification",
  procedure: "procedure",
  durationMonths: "dureemois",
  offresRecues: "offresrecues",
  object: "objet",
  nature: "nature",
  publicationDate: "datepublicationdonnees",
  attributionAvance: "attributionavance",
  tauxAvance: "tauxavance",
  typesPrix: "typesprix",
  formePrix: "formeprix",
  social: "considerationssociales",
  environmental: "considerationsenvironnementales",
  placeCode: "lieuexecution code",
  placeType: "lieuexecution typecode",
} as const;

/** Contract-level columns compared between the lines of one uid. */
const CONTRACT_COLUMNS = [
  "id",
  "buyerSiret",
  "amount",
  "notificationDate",
  "procedure",
  "durationMonths",
  "offresRecues",
  "cpv",
] as const;

function importTabular(text: string, fileName: string): DecpImportResult {
  const table = parseCsv(text);
  const position = new Map(table.header.map((name, i) => [foldText(name), i]));
  const columnIndex = {} as Record<keyof typeof COLUMN, number | undefined>;
  for (const [key, name] of Object.entries(COLUMN) as [keyof typeof COLUMN, string][]) {
    columnIndex[key] = position.get(name);
  }
  if (columnIndex.id === undefined && columnIndex.uid === undefined) {
    return {
      ok: false,
      message: `Le fichier ${fileName} n'est ni un JSON DECP ni un tableau DECP : colonnes « uid » ou « id » introuvables (séparateur « ${table.separator} »).`,
    };
  }
  const cell = (cells: readonly string[], key: keyof typeof COLUMN): string | undefined => {
    const i = columnIndex[key];
    if (i === undefined) return undefined;
    const value = cells[i];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };

  // One line per contract × holder: group the lines by uid (or buyer + id), keeping the file order.
  const groups = new Map<string, { line: number; cells: readonly string[] }[]>();
  for (const record of table.records) {
    const key =
      cell(record.cells, "uid") ?? `${cell(record.cells, "buyerSiret") ?? ""}${cell(record.cells, "id") ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }

  const candidates: { index: number; raw: unknown; built: Built }[] = [];
  const warnings: DecpWarning[] = [];
  let index = 0;
  for (const lines of groups.values()) {
    const firstLine = lines[0];
    if (!firstLine) continue;
    const cells = firstLine.cells;
    const holders: DecpHolder[] = [];
    const seen = new Set<string>();
    for (const { cells: lineCells } of lines) {
      const holder: DecpHolder = {
        id: cell(lineCells, "holderId"),
        idType: cell(lineCells, "holderIdType"),
        name: cell(lineCells, "holderName"),
      };
      const holderKey = holder.id ?? holder.name ?? "";
      if (holderKey === "" || seen.has(holderKey)) continue;
      seen.add(holderKey);
      holders.push(holder);
    }
    const differing = CONTRACT_COLUMNS.filter((key) => new Set(lines.map((l) => cell(l.cells, key))).size > 1);
    const placeCode = cell(cells, "placeCode");
    const contract: ContractCells = {
      id: cell(cells, "id"),
      buyerSiret: cell(cells, "buyerSiret"),
      buyerName: cell(cells, "buyerName"),
      object: cell(cells, "object"),
      decpNature: cell(cells, "nature"),
      contractType: cell(cells, "type"),
      procedure: cell(cells, "procedure"),
      cpv: cell(cells, "cpv"),
      place: placeCode === undefined ? undefined : { code: placeCode, typeCode: cell(cells, "placeType") },
      amount: cell(cells, "amount"),
      durationMonths: cell(cells, "durationMonths"),
      notificationDate: cell(cells, "notificationDate"),
      publicationDate: cell(cells, "publicationDate"),
      holders,
      offresRecues: cell(cells, "offresRecues"),
      attributionAvance: cell(cells, "attributionAvance"),
      tauxAvance: cell(cells, "tauxAvance"),
      typesPrix: splitList(cell(cells, "typesPrix")),
      formePrix: cell(cells, "formePrix"),
      social: splitList(cell(cells, "social")),
      environmental: splitList(cell(cells, "environmental")),
      details: {},
      modifications: [],
    };
    const built = buildRow(contract, { format: "tabulaire", index, line: firstLine.line });
    if (differing.length > 0 && built.ok) {
      warnings.push({
        index,
        id: built.row.id,
        message: `uid ${built.row.uid} : ${lines.length} lignes dont les valeurs diffèrent (${differing.map(columnLabel).join(", ")}) ; la première (ligne ${firstLine.line}) est retenue.`,
      });
    }
    candidates.push({ index, raw: undefined, built });
    index += 1;
  }
  return assemble("tabulaire", candidates, [], [], warnings, groups.size, table.records.length);
}

function columnLabel(key: (typeof CONTRACT_COLUMNS)[number]): string {
  const names: Record<(typeof CONTRACT_COLUMNS)[number], string> = {
    id: "id",
    buyerSiret: "acheteur_id",
    amount: "montant",
    notificationDate: "dateNotification",
    procedure: "procedure",
    durationMonths: "dureeMois",
    offresRecues: "offresRecues",
    cpv: "codeCPV",
  };
  return names[key];
}

/** Lists in one tabular cell: "Clause sociale, Critère social" (labels hold no comma). */
function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(/[,;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length > 0 ? items : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// One contract
// ---------------------------------------------------------------------------------------------------------

function buildRow(cells: ContractCells, source: DecpRow["source"]): Built {
  const warnings: string[] = [];
  const idResult = parseText(cells.id);
  if (idResult === undefined) return { ok: false, reason: "Identifiant du marché (id) absent." };
  if (!idResult.ok) return { ok: false, reason: `Identifiant du marché illisible : ${idResult.message}` };
  const id = idResult.value;
  const refuse = (reason: string): Built => ({ ok: false, id, reason });

  const amount = parseDecpNumber(cells.amount);
  if (amount?.ok === false) return refuse(`Montant ${quoteCell(cells.amount)} illisible.`);
  const duration = parseDecpNumber(cells.durationMonths);
  if (duration?.ok === false) return refuse(`Durée en mois ${quoteCell(cells.durationMonths)} illisible.`);
  const notification = readDate(cells.notificationDate);
  if (notification?.ok === false) return refuse(`Date de notification ${quoteCell(cells.notificationDate)} illisible.`);
  const publication = readDate(cells.publicationDate);
  if (publication?.ok === false)
    warnings.push(`date de publication ${quoteCell(cells.publicationDate)} illisible, ignorée`);

  const modifications: DecpModification[] = [];
  for (const raw of cells.modifications) {
    const read = readModification(raw);
    if (!read.ok) return refuse(read.reason);
    modifications.push(read.value);
  }

  const buyerSiret = textOrUndefined(cells.buyerSiret);
  const cpvResult = parseCpv(typeof cells.cpv === "string" ? cells.cpv.trim() : cells.cpv);
  if (cpvResult?.ok === false) warnings.push(`code CPV ${quoteCell(cells.cpv)} illisible, ignoré`);
  const cpv = cpvResult?.ok ? cpvResult.value : undefined;
  const procedureLabel = textOrUndefined(cells.procedure);
  const procedureResult = parseProcedure(procedureLabel);
  if (procedureResult?.ok === false) warnings.push(`procédure ${quoteCell(procedureLabel)} non reconnue`);

  const typeResult = parseNature(cells.contractType);
  const nature = typeResult?.ok ? typeResult.value : natureFromCpv(cpv);

  const offers = parseDecpNumber(cells.offresRecues);
  if (offers?.ok === false) warnings.push(`nombre d'offres ${quoteCell(cells.offresRecues)} illisible, ignoré`);
  const advance = cells.attributionAvance === undefined ? undefined : parseYesNo(cells.attributionAvance);
  if (advance?.ok === false)
    warnings.push(`attribution d'avance ${quoteCell(cells.attributionAvance)} illisible, ignorée`);
  const rate = parseDecpNumber(cells.tauxAvance);
  if (rate?.ok === false) warnings.push(`taux d'avance ${quoteCell(cells.tauxAvance)} illisible, ignoré`);
  const attributionAvance = advance?.ok ? advance.value : undefined;
  const tauxAvance = advanceRate(attributionAvance, rate?.ok ? rate.value : undefined);

  const prices = readPrices(cells.typesPrix, cells.formePrix);
  warnings.push(...prices.warnings);

  const environmental = readEnvironmentalConsiderations(stringList(cells.environmental));
  const social = readSocialConsiderations(stringList(cells.social));
  for (const label of [...environmental.unknownLabels, ...social.unknownLabels]) {
    warnings.push(`considération ${quoteCell(label)} inconnue, ignorée`);
  }
  const flags: DecpFlags = { ...environmental.flags, ...social.flags };

  // Current values: each modification gives the new amount, duration or holders (arrêté, « modifications »).
  const ordered = [...modifications].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const initialAmount = amount?.ok ? amount.value : undefined;
  const initialDurationMonths = duration?.ok ? duration.value : undefined;
  let currentAmount = initialAmount;
  let currentDuration = initialDurationMonths;
  let currentHolders: readonly DecpHolder[] = cells.holders;
  for (const modification of ordered) {
    if (modification.amount !== undefined) currentAmount = modification.amount;
    if (modification.durationMonths !== undefined) currentDuration = modification.durationMonths;
    if (modification.holders && modification.holders.length > 0) currentHolders = modification.holders;
  }

  const row: DecpRow = {
    id,
    uid: `${buyerSiret ?? ""}${id}`,
    buyerSiret,
    buyerName: textOrUndefined(cells.buyerName),
    object: textOrUndefined(cells.object),
    decpNature: textOrUndefined(cells.decpNature) ?? textOrUndefined(cells.contractType),
    nature,
    procedureLabel,
    procedure: procedureResult?.ok ? procedureResult.value : undefined,
    cpv,
    place: readPlace(cells.place),
    amount: currentAmount,
    initialAmount,
    durationMonths: currentDuration,
    initialDurationMonths,
    notificationDate: notification?.ok ? notification.value : undefined,
    publicationDate: publication?.ok ? publication.value : undefined,
    holders: cells.holders,
    titulaires: joinHolders(currentHolders),
    offresRecues: offers?.ok ? offers.value : undefined,
    attributionAvance,
    tauxAvance,
    typesPrix: prices.typesPrix,
    formePrix: prices.formePrix,
    revisablePrice: isRevisable(prices.typesPrix),
    flags,
    details: withoutUndefined(cells.details),
    modifications,
    source,
  };
  return { ok: true, row, warnings };
}

/**
 * DECP: "a value equal to 0 means there is an avance but its rate is unknown (attributionAvance = true)".
 * Without an avance, 0 is simply no avance.
 */
function advanceRate(granted: boolean | undefined, rate: number | undefined): number | undefined {
  if (rate === undefined) return undefined;
  if (rate === 0 && granted !== false) return undefined;
  return rate;
}

function readPrices(
  typesCell: unknown,
  formCell: unknown,
): { typesPrix?: DecpPriceType[] | undefined; formePrix?: string | undefined; warnings: string[] } {
  const warnings: string[] = [];
  let typesPrix: DecpPriceType[] | undefined;
  const labels = stringList(typesCell);
  if (labels !== undefined) {
    typesPrix = [];
    for (const label of labels) {
      const type = priceTypeFromLabel(label);
      if (type) typesPrix.push(type);
      else warnings.push(`type de prix ${quoteCell(label)} inconnu, ignoré`);
    }
    if (typesPrix.length === 0) typesPrix = undefined;
  }
  const form = textOrUndefined(formCell);
  let formePrix: string | undefined;
  if (form !== undefined) {
    if (isPriceForm2024(form)) {
      formePrix = form;
    } else {
      // 2019: formePrix said whether the price varies (Ferme / Ferme et actualisable / Révisable).
      const type = priceTypeFrom2019Form(form);
      if (type === undefined) warnings.push(`forme du prix ${quoteCell(form)} inconnue, ignorée`);
      else if (typesPrix === undefined) typesPrix = [type];
    }
  }
  return { typesPrix, formePrix, warnings };
}

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function readModification(raw: unknown): Read<DecpModification> {
  const body = isObject(raw) && isObject(raw["modification"]) ? raw["modification"] : raw;
  if (!isObject(body)) return { ok: false, reason: "Modification illisible : un objet JSON est attendu." };
  const amount = parseDecpNumber(body["montant"]);
  if (amount?.ok === false)
    return { ok: false, reason: `Montant de modification ${quoteCell(body["montant"])} illisible.` };
  const duration = parseDecpNumber(body["dureeMois"]);
  if (duration?.ok === false)
    return { ok: false, reason: `Durée de modification ${quoteCell(body["dureeMois"])} illisible.` };
  const id = parseDecpNumber(body["id"]);
  // 2019 wrote dateSignatureModification where 2024 writes dateNotificationModification.
  const notification = readDate(body["dateNotificationModification"] ?? body["dateSignatureModification"]);
  const publication = readDate(body["datePublicationDonneesModification"]);
  const holders = readHolders(body["titulaires"]);
  return {
    ok: true,
    value: withoutUndefined({
      id: id?.ok ? id.value : undefined,
      object: textOrUndefined(body["objetModification"]),
      notificationDate: notification?.ok ? notification.value : undefined,
      publicationDate: publication?.ok ? publication.value : undefined,
      amount: amount?.ok ? amount.value : undefined,
      durationMonths: duration?.ok ? duration.value : undefined,
      holders: holders.length > 0 ? holders : undefined,
    }),
  };
}

function readPlace(raw: unknown): DecpRow["place"] {
  if (!isObject(raw)) return undefined;
  const code = textOrUndefined(raw["code"]);
  const typeLabel = textOrUndefined(raw["typeCode"]);
  const typeCode = typeLabel === undefined ? undefined : placeCodeType(typeLabel);
  return code !== undefined && typeCode !== undefined ? { code, typeCode } : undefined;
}

function readDate(cell: unknown): ReturnType<typeof parseDate> {
  return typeof cell === "number" ? { ok: false, message: "" } : parseDate(cell);
}

/** "NAME (SIRET); NAME2 (SIRET)"; a holder without a name shows its identifier alone. */
export function joinHolders(holders: readonly DecpHolder[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { id, name } of holders) {
    const text = name !== undefined && id !== undefined ? `${name} (${id})` : (name ?? id ?? "");
    if (text === "" || seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
  }
  return parts.join("; ");
}

// ---------------------------------------------------------------------------------------------------------
// Duplicates, rejections and the result
// ---------------------------------------------------------------------------------------------------------

function assemble(
  format: DecpFormat,
  candidates: readonly { index: number; raw: unknown; built: Built }[],
  rejected: DecpRejection[],
  skipped: DecpRejection[],
  warnings: DecpWarning[],
  recordCount: number,
  lineCount: number | undefined,
): DecpImport {
  const kept = new Map<
    string,
    { index: number; raw: unknown; row: DecpRow; others: { index: number; raw: unknown }[] }
  >();
  for (const { index, raw, built } of candidates) {
    if (!built.ok) {
      rejected.push({ index, id: built.id, reason: built.reason });
      continue;
    }
    for (const message of built.warnings)
      warnings.push({ index, id: built.row.id, message: `Marché ${built.row.id} : ${message}.` });
    const key = `${built.row.buyerSiret ?? ""} / ${built.row.id}`;
    const first = kept.get(key);
    if (first) first.others.push({ index, raw });
    else kept.set(key, { index, raw, row: built.row, others: [] });
  }
  const rows: DecpRow[] = [];
  const duplicates: DecpDuplicate[] = [];
  for (const [key, entry] of kept) {
    rows.push(entry.row);
    if (entry.others.length === 0) continue;
    const firstText = entry.raw === undefined ? undefined : JSON.stringify(entry.raw);
    duplicates.push({
      key,
      count: entry.others.length + 1,
      ids: [entry.row.id],
      indices: [entry.index, ...entry.others.map((o) => o.index)],
      identical: firstText !== undefined && entry.others.every((o) => JSON.stringify(o.raw) === firstText),
    });
  }
  rows.sort((a, b) => a.source.index - b.source.index);
  rejected.sort((a, b) => a.index - b.index);
  const duplicateCount = duplicates.reduce((sum, d) => sum + d.count - 1, 0);
  return {
    ok: true,
    format,
    rows,
    records: rows.map(contractRecordOf),
    duplicates,
    rejected,
    skipped,
    warnings,
    counts: {
      records: recordCount,
      rows: rows.length,
      rejected: rejected.length,
      duplicates: duplicateCount,
      skipped: skipped.length,
      lines: lineCount,
    },
  };
}

/** The SPASER contract record of a DECP row (current amount and duration, holders after modifications). */
export function contractRecordOf(row: DecpRow): ContractRecord {
  return withoutUndefined({
    id: row.id,
    object: row.object,
    amountHT: row.amount,
    notificationDate: row.notificationDate,
    supplier: row.titulaires === "" ? undefined : row.titulaires,
    procedure: row.procedure,
    nature: row.nature,
    durationMonths: row.durationMonths,
    cpv: row.cpv,
    flags: withoutUndefined({ ...row.flags }),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idOf(raw: unknown): string | undefined {
  return isObject(raw) ? textOrUndefined(raw["id"]) : undefined;
}

function textOrUndefined(cell: unknown): string | undefined {
  const result = parseText(cell);
  return result?.ok ? result.value : undefined;
}

function numberOrUndefined(cell: unknown): number | undefined {
  const result = parseDecpNumber(cell);
  return result?.ok ? result.value : undefined;
}

function booleanOrUndefined(cell: unknown): boolean | undefined {
  if (isEmptyCell(cell)) return undefined;
  const result = parseYesNo(cell);
  return result?.ok ? result.value : undefined;
}

/** A list of texts: an array, or one text (consolidated files write a single value without the array). */
function stringList(cell: unknown): string[] | undefined {
  if (cell === undefined || cell === null) return undefined;
  const items = (Array.isArray(cell) ? cell : [cell]).filter(
    (item): item is string => typeof item === "string" && item.trim() !== "",
  );
  return items.length > 0 ? items.map((item) => item.trim()) : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
