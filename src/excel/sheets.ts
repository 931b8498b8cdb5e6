/**
 * The add-in's own sheets: SPASER Paramètres (policy table, named range SPASER_PARAMETRES; column mapping,
 * named range SPASER_CORRESPONDANCE), SPASER Cotations (one row of answers per contract), and the blank
 * contracts table offered when a workbook has none. Creating them is idempotent: an existing policy is kept
 * (it is the organisation's), never overwritten.
 */
import { answerRowHeaders } from "../spaser/answers";
import { policyFromTable, policyToTable } from "../spaser/policy-table";
import type { Policy } from "../spaser/policy";
import { getQuestionnaire, QUESTIONNAIRE_VERSION } from "../spaser/questionnaire";
import { absoluteReference, columnLetters, rectAddress } from "./a1";
import { NAMES, OWNED_SHEETS, TABLE_NAMES } from "./constants";
import { WorkbookRefusal } from "./errors";
import { sourceToRows, type ContractsSource } from "./source";

export interface SheetsReport {
  readonly created: readonly string[];
  readonly kept: readonly string[];
  readonly messages: readonly string[];
}

/** Column where the mapping block starts in SPASER Paramètres (after the policy table and a gap). */
const MAPPING_FIRST_COLUMN = 5; // F

export type PolicyState =
  { kind: "absent" } | { kind: "present"; policy: Policy } | { kind: "invalid"; message: string };

/** Reads the policy table through its name. Two syncs. */
export async function readPolicy(context: Excel.RequestContext): Promise<PolicyState> {
  const name = context.workbook.names.getItemOrNullObject(NAMES.policy);
  await context.sync();
  if (name.isNullObject) return { kind: "absent" };
  const range = name.getRange();
  range.load("values");
  await context.sync();
  const result = policyFromTable(range.values);
  if (result.ok) return { kind: "present", policy: result.policy };
  const first = result.errors[0];
  return {
    kind: "invalid",
    message: `Paramètres invalides${first && first.row > 0 ? `, ligne ${first.row}` : ""} : ${first?.message ?? "table illisible"}`,
  };
}

/** Writes (or rewrites) the policy table and its name. The caller decides to overwrite. */
export function queuePolicyTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  policy: Policy,
  exists: boolean,
): void {
  const rows = policyToTable(policy, { labels: true });
  const width = rows[0]!.length;
  const range = sheet.getRange(rectAddress(1, 0, rows.length, width - 1));
  range.values = rows;
  range.getRow(0).format.font.bold = true;
  range.format.autofitColumns();
  const reference = `=${absoluteReference(OWNED_SHEETS.policy, 1, 0, rows.length, 2)}`;
  if (!exists)
    context.workbook.names.add(NAMES.policy, reference, "Paramètres du SPASER (table lue par les fonctions SPASER.*)");
}

export async function ensurePolicySheet(
  context: Excel.RequestContext,
  policy: Policy,
  options: { overwrite?: boolean } = {},
): Promise<SheetsReport> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.policy);
  const name = context.workbook.names.getItemOrNullObject(NAMES.policy);
  await context.sync();
  if (!sheet.isNullObject && !name.isNullObject && !options.overwrite) {
    return { created: [], kept: [OWNED_SHEETS.policy], messages: ["Paramètres existants conservés."] };
  }
  const target = sheet.isNullObject ? context.workbook.worksheets.add(OWNED_SHEETS.policy) : sheet;
  queuePolicyTable(context, target, policy, !name.isNullObject);
  await context.sync();
  return sheet.isNullObject
    ? { created: [OWNED_SHEETS.policy], kept: [], messages: [`Paramètres «\u00a0${policy.name}\u00a0» écrits.`] }
    : { created: [], kept: [OWNED_SHEETS.policy], messages: [`Paramètres «\u00a0${policy.name}\u00a0» réécrits.`] };
}

/** Stores the confirmed column mapping beside the policy table. The policy sheet must exist. */
export async function writeMapping(context: Excel.RequestContext, source: ContractsSource): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.policy);
  const name = context.workbook.names.getItemOrNullObject(NAMES.mapping);
  await context.sync();
  if (sheet.isNullObject) {
    throw new WorkbookRefusal("not-found", `Créez d'abord la feuille «\u00a0${OWNED_SHEETS.policy}\u00a0».`);
  }
  const rows = sourceToRows(source);
  const last = MAPPING_FIRST_COLUMN + rows[0]!.length - 1;
  const range = sheet.getRange(rectAddress(1, MAPPING_FIRST_COLUMN, rows.length, last));
  range.values = rows;
  range.getRow(0).format.font.bold = true;
  if (name.isNullObject) {
    context.workbook.names.add(
      NAMES.mapping,
      `=${absoluteReference(OWNED_SHEETS.policy, 1, MAPPING_FIRST_COLUMN, rows.length, last)}`,
      "Correspondance des colonnes du tableau des marchés",
    );
  }
  await context.sync();
}

/** Headers of SPASER Cotations: identification, then one column per question, then the live score. */
export function cotationHeaders(version: string = QUESTIONNAIRE_VERSION): string[] {
  return [
    "Clé du marché",
    "Objet",
    "Date de cotation",
    "Auteur",
    "Version du questionnaire",
    ...answerRowHeaders(version),
    "Potentiel durable",
  ];
}

/** Answer columns start after the five identification columns. */
export const COTATION_ANSWERS_FIRST_COLUMN = 5;

export async function ensureCotationsSheet(context: Excel.RequestContext): Promise<SheetsReport> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.cotations);
  await context.sync();
  if (!sheet.isNullObject) return { created: [], kept: [OWNED_SHEETS.cotations], messages: [] };
  const created = context.workbook.worksheets.add(OWNED_SHEETS.cotations);
  const headers = cotationHeaders();
  const header = created.getRange(rectAddress(1, 0, 1, headers.length - 1));
  header.values = [headers];
  header.format.font.bold = true;
  header.format.wrapText = true;
  created.freezePanes.freezeRows(1);
  // Answer lists on a generous block of rows, so a colleague typing answers gets the same choices.
  const questions = getQuestionnaire()?.questions ?? [];
  questions.forEach((question, i) => {
    const column = columnLetters(COTATION_ANSWERS_FIRST_COLUMN + i);
    const options =
      question.answer.type === "oui_non_na_etudier"
        ? ["Oui", "Non", "À étudier", "Sans objet"]
        : question.answer.type === "choix"
          ? [...question.answer.options.map((o) => o.label), "Sans objet"]
          : undefined;
    if (options) {
      created.getRange(`${column}2:${column}2000`).dataValidation.rule = {
        list: { inCellDropDown: true, source: options.join(",") },
      };
    }
  });
  await context.sync();
  return { created: [OWNED_SHEETS.cotations], kept: [], messages: [] };
}

/** Header of the blank contracts table, in words the detection recognises. */
export const BLANK_CONTRACTS_HEADERS = [
  "N° marché",
  "Objet du marché",
  "Nature",
  "Procédure",
  "Montant € HT",
  "Durée (mois)",
  "Date d'attribution prévue",
  "Titulaire",
  "Code CPV",
  "Récurrent",
  "Clause sociale",
  "Clause environnementale",
  "Critère environnemental",
  "TPE-PME",
] as const;

const BLANK_TABLE_FORMATTED_ROWS = 1_000;

export async function createBlankContractsTable(context: Excel.RequestContext): Promise<SheetsReport> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(OWNED_SHEETS.contracts);
  await context.sync();
  if (!sheet.isNullObject) return { created: [], kept: [OWNED_SHEETS.contracts], messages: [] };
  const created = context.workbook.worksheets.add(OWNED_SHEETS.contracts);
  const last = BLANK_CONTRACTS_HEADERS.length - 1;
  created.getRange(rectAddress(1, 0, 1, last)).values = [[...BLANK_CONTRACTS_HEADERS]];
  const table = created.tables.add(rectAddress(1, 0, 2, last), true);
  table.name = TABLE_NAMES.contracts;
  // Formats on the first rows users fill, not whole columns (a million cells for nothing).
  created.getRange(`E2:E${BLANK_TABLE_FORMATTED_ROWS}`).numberFormat = Array.from(
    { length: BLANK_TABLE_FORMATTED_ROWS - 1 },
    () => ["# ##0 €"],
  );
  created.getRange(`G2:G${BLANK_TABLE_FORMATTED_ROWS}`).numberFormat = Array.from(
    { length: BLANK_TABLE_FORMATTED_ROWS - 1 },
    () => ["dd/mm/yyyy"],
  );
  created.freezePanes.freezeRows(1);
  await context.sync();
  return {
    created: [OWNED_SHEETS.contracts],
    kept: [],
    messages: [`Tableau des marchés vierge créé dans «\u00a0${OWNED_SHEETS.contracts}\u00a0».`],
  };
}
