/**
 * `--policy <preset|file>`: a preset id (reference, metropole, pnad_2025, legal_floor) or a file holding a
 * policy table (Clé | Valeur | Année, as in SPASER Paramètres): .csv, .json (rows of cells) or a .xlsx whose
 * SPASER_PARAMETRES range holds it. Every problem is reported with its row, never guessed.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { readPolicy } from "../excel";
import { decodeText, loadWorkbook, parseCsv, SimExcel, UnsupportedFormatError } from "../sim";
import { policyFromTable, type PolicyTableError } from "../spaser/policy-table";
import type { Policy } from "../spaser/policy";
import { getPreset, PRESET_IDS } from "../spaser/presets";
import type { BuyerKind } from "../spaser/types";
import { readInputBytes } from "./files";
import { CliError } from "./io";

export async function resolvePolicy(option: string): Promise<Policy> {
  const preset = getPreset(option.trim().toLowerCase());
  if (preset) return preset;
  if (!existsSync(option)) {
    throw new CliError(
      `Politique inconnue : « ${option} ». Donnez un modèle (${PRESET_IDS.join(", ")}) ou un fichier de paramètres (.csv, .json, .xlsx).`,
    );
  }
  const bytes = await readInputBytes(option);
  const name = basename(option);
  if (/\.xlsx$/i.test(name)) return policyOfWorkbook(bytes, name);
  let rows: unknown;
  if (/\.json$/i.test(name)) {
    try {
      rows = JSON.parse(decodeText(bytes).text);
    } catch {
      throw new CliError(`Le fichier de paramètres « ${name} » n'est pas un JSON valide.`);
    }
  } else if (/\.(csv|txt)$/i.test(name)) {
    rows = parseCsv(decodeText(bytes).text);
  } else {
    throw new CliError(
      `Fichier de paramètres « ${name} » : formats acceptés .csv, .json (lignes Clé, Valeur, Année) et .xlsx.`,
    );
  }
  const result = policyFromTable(rows);
  if (!result.ok) throw new CliError(policyErrors(name, result.errors));
  return result.policy;
}

async function policyOfWorkbook(bytes: Uint8Array, name: string): Promise<Policy> {
  let state;
  try {
    const workbook = await loadWorkbook(bytes, name);
    state = await SimExcel.run(workbook, (context) => readPolicy(context as unknown as Excel.RequestContext));
  } catch (error) {
    if (error instanceof UnsupportedFormatError) throw new CliError(error.message);
    throw error;
  }
  if (state.kind === "present") return state.policy;
  if (state.kind === "invalid") throw new CliError(`« ${name} » : ${state.message}`);
  throw new CliError(`« ${name} » n'a pas de paramètres SPASER (plage nommée SPASER_PARAMETRES).`);
}

function policyErrors(name: string, errors: readonly PolicyTableError[]): string {
  const listed = errors.slice(0, 10).map((e) => `  - ${e.message}`);
  return [`Paramètres invalides dans « ${name} » :`, ...listed, ...(errors.length > 10 ? ["  …"] : [])].join("\n");
}

/** Kinds of buyer the rules know (`--acheteur`), with the words a user may type. */
export const BUYER_KINDS: Readonly<Record<BuyerKind, string>> = {
  collectivite: "collectivité territoriale ou établissement local",
  collectivite_60m: "collectivité de plus de 60 M€ d'achats par an",
  etat: "État",
  etablissement_etat: "établissement public de l'État",
  entite_adjudicatrice: "entité adjudicatrice",
  defense: "défense ou sécurité",
  autre: "autre acheteur",
};

export function parseBuyerKind(option: string | undefined): BuyerKind | undefined {
  if (option === undefined) return undefined;
  const key = option
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s-]+/g, "_");
  if (Object.hasOwn(BUYER_KINDS, key)) return key as BuyerKind;
  throw new CliError(
    `Type d'acheteur inconnu : « ${option} ». Valeurs possibles : ${Object.keys(BUYER_KINDS).join(", ")}.`,
  );
}
