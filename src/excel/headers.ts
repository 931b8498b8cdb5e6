/**
 * Column headers of the buyers' own contract lists, recognised by meaning.
 *
 * Real lists name the same column in many ways: "MONTANT € HT" (Villemomble 2010), "Montant du marché si
 * renseigné" (PLACE export), "Libellé tiers" (Crosne finance software), "Code\nsubvention" with a line
 * break inside the cell. Headers are compared after folding (see `headerKey`), first exactly against the
 * variants of `HEADER_VARIANTS`, then partially against a few patterns. The table is data so that the
 * documentation can list it.
 */
import { RECORD_FIELD_LABELS, type RecordField } from "../spaser/records";
import { foldText, isEmptyCell } from "../spaser/normalize";

/**
 * Columns the detector recognises beyond the fields of a contract record: they help to confirm a header
 * row and must never be taken for something else (a postal code "91 160" reads as an amount).
 */
export type ExtraField = "postcode" | "insertionHoursPlanned" | "insertionHoursDone";

export type DetectedField = RecordField | ExtraField;

export const DETECTED_FIELD_LABELS: Readonly<Record<DetectedField, string>> = {
  ...RECORD_FIELD_LABELS,
  postcode: "Code postal",
  insertionHoursPlanned: "Heures d'insertion prévues",
  insertionHoursDone: "Heures d'insertion réalisées",
};

export type HeaderScore = "exact" | "partial";

export interface HeaderVariants {
  readonly field: DetectedField;
  /** Headers as buyers write them; compared after `headerKey` folding. */
  readonly exact: readonly string[];
  /** Patterns on the folded header (`headerKey`) for longer headers: "Date de notification du marché". */
  readonly partial?: readonly RegExp[];
  /** A partial match is refused when the folded header also matches this ("Montant TTC"). */
  readonly unless?: RegExp;
}

/**
 * Header variants per field, French first, English after. Order matters only for a header that would
 * match two fields at the same score: the first entry wins (so "Attributaire est une PME" is the SME
 * flag, exact, before the supplier, partial).
 */
export const HEADER_VARIANTS: readonly HeaderVariants[] = [
  {
    field: "object",
    exact: [
      "Objet",
      "Objet du marché",
      "Objet du contrat",
      "Libellé",
      "Intitulé",
      "Intitulé du marché",
      "Désignation",
      "Object",
      "Subject",
    ],
    partial: [/^objet\b/, /^intitule\b/],
  },
  {
    field: "amountHT",
    exact: [
      "Montant HT",
      "Montant € HT",
      "Montant du marché",
      "Montant du marché si renseigné",
      "Montant initial",
      "Montant initial HT",
      "Montant HT du marché",
      "Montant total HT",
      "Montant attribué",
      "Amount",
    ],
    partial: [/^montant\b.*\bht\b/, /^montant (initial|marche|attribue)\b/],
    unless: /\b(tva|ttc|revision|paye|encaisse|reemploi|reutilisation|recyclees?)\b/,
  },
  {
    field: "notificationDate",
    exact: [
      "Date de notification",
      "Date notification",
      "DATE",
      "Notification",
      "Date de notification du marché",
      "Notification date",
    ],
    partial: [/^date notification\b/],
  },
  {
    field: "awardDate",
    exact: ["Date d'attribution", "Date attribution", "Award date"],
    partial: [/^date attribution\b/],
  },
  {
    field: "smeSupplier",
    exact: [
      "TPE-PME",
      "TPE / PME",
      "PME",
      "PME / PMI",
      "Attributaire est une PME",
      "Titulaire PME",
      "Attributaire PME",
      "SME",
    ],
    partial: [/\b(tpe )?pme\b/],
  },
  {
    field: "supplier",
    exact: [
      "Titulaire",
      "Titulaire du marché",
      "Attributaire",
      "Nom de l'attributaire",
      "Nom du titulaire",
      "Libellé tiers",
      "Fournisseur",
      "Prestataire",
      "Entreprise",
      "Raison sociale",
      "Tiers (Nom)",
      "Nom du tiers",
      "Supplier",
    ],
    partial: [/^(titulaire|attributaire|fournisseur|prestataire)\b/],
    unless: /\b(code|siret|siren|adresse|ville|postal|pays|ess|solidaire)\b/,
  },
  {
    field: "id",
    exact: [
      "N° marché",
      "N° de marché",
      "Marché",
      "Numéro de marché",
      "Numéro du marché",
      "Référence",
      "Référence du marché",
      "N° de contrat",
      "Identifiant",
      "Contract number",
    ],
    partial: [/^(numero|reference|ref) (marche|contrat)\b/],
  },
  {
    field: "procedure",
    exact: ["Procédure", "Type de procédure", "Mode de passation", "Procédure de passation", "Procedure"],
    partial: [/^(type )?procedure\b/],
  },
  {
    field: "nature",
    exact: ["Nature", "Nature du marché", "Type de marché", "Catégorie d'achat"],
    partial: [/^nature marche\b/],
  },
  { field: "cpv", exact: ["CPV", "Code CPV", "Codes CPV", "Code CPV principal"], partial: [/\bcpv\b/] },
  {
    field: "durationMonths",
    exact: ["Durée", "Durée (mois)", "Durée en mois", "Durée du marché", "Duration"],
    partial: [/^duree\b/],
  },
  {
    field: "insertionClause",
    exact: ["Clause d'insertion", "Clause sociale d'insertion", "Clause insertion"],
    partial: [/^clauses? (sociales? )?insertion\b/],
  },
  {
    field: "socialClause",
    exact: ["Clause sociale", "Clauses sociales", "Social clause"],
    partial: [/^clauses? sociales?\b/],
  },
  {
    field: "envClause",
    exact: ["Clause environnementale", "Clauses environnementales", "Environmental clause"],
    partial: [/^clauses? environnementales?\b/],
  },
  {
    field: "envCriterion",
    exact: ["Critère environnemental", "Critères environnementaux", "Environmental criterion"],
    partial: [/^criteres? environnement(al|aux)\b/],
  },
  {
    field: "socialCriterion",
    exact: ["Critère social", "Critères sociaux", "Social criterion"],
    partial: [/^criteres? soci(al|aux)\b/],
  },
  {
    field: "envConsideration",
    exact: ["Considération environnementale"],
    partial: [/^considerations? environnementales?\b/],
  },
  { field: "socialConsideration", exact: ["Considération sociale"], partial: [/^considerations? sociales?\b/] },
  { field: "reserved", exact: ["Marché réservé", "Réservé", "Reserved"], partial: [/^marche reserve\b/] },
  { field: "circularEconomy", exact: ["Économie circulaire"], partial: [/\beconomie circulaire\b/] },
  {
    field: "solidaritySupplier",
    exact: ["ESS", "Attributaire ESS", "Entreprise solidaire", "Structure de l'ESS", "SIAE"],
    partial: [/\b(ess|siae)\b/],
  },
  {
    field: "recurring",
    exact: ["Récurrent", "Marché récurrent", "Achat récurrent", "Recurring"],
    partial: [/\brecurrent\b/],
  },
  { field: "targeted", exact: ["Ciblé", "Marché ciblé", "Ciblé SPASER", "Targeted"], partial: [/^(marche )?cible\b/] },
  {
    field: "postcode",
    exact: ["Code postal", "CP", "Code postal attributaire", "Code postal du titulaire", "Postcode"],
    partial: [/^code postal\b/],
  },
  {
    field: "insertionHoursPlanned",
    exact: ["Heures d'insertion prévues", "Nombre d'heures d'insertion prévues", "Heures insertion prévues"],
    partial: [/\bheures? insertion prevues?\b/],
  },
  {
    field: "insertionHoursDone",
    exact: ["Heures d'insertion réalisées", "Nombre d'heures d'insertion réalisées", "Heures insertion réalisées"],
    partial: [/\bheures? insertion realisees?\b/],
  },
];

/** Words left out when comparing headers: "Numéro de marché" = "N° marché", "Durée (en mois)" = "Durée mois". */
const STOP_WORDS: ReadonlySet<string> = new Set([
  "de",
  "du",
  "des",
  "d",
  "la",
  "le",
  "les",
  "l",
  "en",
  "a",
  "au",
  "aux",
  "eur",
  "euro",
  "euros",
]);
/** Spellings of "number": "N°", "No", "Nº", "Num", "Numéro". */
const NUMBER_WORDS: ReadonlySet<string> = new Set(["n", "no", "num", "nr", "numero"]);

/**
 * Folded form of a header: lower case, no accents, no punctuation or line breaks, "€" dropped,
 * "N°"/"No"/"Numéro" as `numero`, "H.T." as `ht`, small words left out.
 */
export function headerKey(text: string): string {
  const words = foldText(text)
    .replace(/\bh t\b/g, "ht")
    .replace(/\bt t c\b/g, "ttc")
    .split(" ")
    .filter((word) => word !== "" && !STOP_WORDS.has(word))
    .map((word) => (NUMBER_WORDS.has(word) ? "numero" : word));
  return words.join(" ");
}

export interface HeaderMatch {
  readonly field: DetectedField;
  readonly score: HeaderScore;
  /** The variant or pattern that matched, for explanations. */
  readonly variant: string;
}

const EXACT_INDEX: ReadonlyMap<string, HeaderMatch> = buildExactIndex();

function buildExactIndex(): Map<string, HeaderMatch> {
  const index = new Map<string, HeaderMatch>();
  for (const { field, exact } of HEADER_VARIANTS) {
    for (const variant of exact) {
      const key = headerKey(variant);
      // The first field listed keeps a variant two fields would share.
      if (!index.has(key)) index.set(key, { field, score: "exact", variant });
    }
  }
  return index;
}

/**
 * The field a header cell names, or `undefined`. Exact variants win over partial patterns; among partial
 * patterns the first entry of `HEADER_VARIANTS` wins. Non-text cells (numbers, dates) are never headers.
 */
export function matchHeader(text: unknown): HeaderMatch | undefined {
  if (typeof text !== "string" || isEmptyCell(text)) return undefined;
  const key = headerKey(text);
  if (key === "") return undefined;
  const exact = EXACT_INDEX.get(key);
  if (exact) return exact;
  for (const { field, partial, unless } of HEADER_VARIANTS) {
    if (!partial || unless?.test(key)) continue;
    const pattern = partial.find((p) => p.test(key));
    if (pattern) return { field, score: "partial", variant: pattern.source };
  }
  return undefined;
}
