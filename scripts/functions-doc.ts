/**
 * Generates docs/functions.md, the reference of the SPASER functions, from the metadata generated from the
 * JSDoc (English), the French texts (functions.fr-text.json), the documented examples and the domain's name
 * lists. `npx tsx scripts/functions-doc.ts` writes it; a test fails when the committed file is stale.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUYER_KIND_NAMES, NATURE_NAMES } from "../src/functions/args";
import { FUNCTION_DOCS } from "../src/functions/examples";
import { INDICATORS } from "../src/spaser/indicators";
import { NO_VARIANTS, YES_VARIANTS } from "../src/spaser/normalize";
import { THRESHOLD_NAMES } from "../src/spaser/thresholds";

const ROOT = join(__dirname, "..");
export const DOC_PATH = join(ROOT, "docs", "functions.md");

interface Metadata {
  functions: {
    id: string;
    description: string;
    parameters: { name: string; optional?: boolean; description: string }[];
  }[];
}
type FrenchTexts = Record<
  string,
  { name: string; description: string; parameters: Record<string, { name: string; description: string }> }
>;

function formatResult(result: unknown): string {
  if (Array.isArray(result)) return result.map((row: unknown[]) => row.join(" ; ")).join(" / ");
  if (typeof result === "boolean") return result ? "VRAI" : "FAUX";
  return String(result);
}

export async function renderFunctionsDoc(): Promise<string> {
  const generated = await generateCustomFunctionsMetadata([join(ROOT, "src/functions/functions.ts")], false);
  const metadata = JSON.parse(generated.metadataJson) as Metadata;
  const french = JSON.parse(readFileSync(join(ROOT, "src/functions/functions.fr-text.json"), "utf8")) as FrenchTexts;
  const lines: string[] = [
    "# Fonctions SPASER — référence / SPASER functions reference",
    "",
    "<!-- Généré par scripts/functions-doc.ts depuis la JSDoc, functions.fr-text.json et src/functions/examples.ts. Ne pas modifier à la main. -->",
    "",
    "Les fonctions s'écrivent `=SPASER.NOM(…)`. Excel en français affiche les noms français, Excel dans une autre",
    "langue les noms anglais ; les deux désignent la même fonction (même identifiant) et un classeur passe de l'un",
    "à l'autre sans changement. Les exemples sont évalués par les tests.",
    "",
    "| Français | English | Rôle |",
    "|---|---|---|",
    ...metadata.functions.map(
      (fn) => `| \`${french[fn.id]?.name}\` | \`${fn.id}\` | ${french[fn.id]?.description.split(/[.:]/)[0]?.trim()} |`,
    ),
    "",
    "## Conventions des arguments",
    "",
    "- **Montants** en € HT : nombres, ou textes français (`12 500,50 €`, `14 237.50`). Une ligne de total",
    "  (`Total : 73 243,56`) est refusée.",
    '- **Pourcentages** : `50%` (une cellule au format pourcentage vaut 0,5), `0,5` ou le texte `"50 %"`.',
    "- **Dates** : dates Excel, ou textes `jj/mm/aaaa` et `aaaa-mm-jj`. Date omise = aujourd'hui. Les règles",
    "  couvrent les dates à partir du 1er janvier 2019.",
    `- **Oui / non** : ${YES_VARIANTS.join(", ")} / ${NO_VARIANTS.join(", ")}, VRAI / FAUX. Une cellule vide est`,
    "  une donnée manquante, jamais un « non ».",
    `- **Type d'acheteur** : ${Object.entries(BUYER_KIND_NAMES)
      .map(([id, names]) => `\`${id}\` (${names.slice(0, 2).join(", ")})`)
      .join(" ; ")}.`,
    `- **Nature** : ${Object.entries(NATURE_NAMES)
      .map(([id, names]) => `\`${id}\` (${names.filter((n) => n.length > 1).join(", ")})`)
      .join(" ; ")}.`,
    "- **Paramètres** (`parametres` / `policy`, toujours le dernier argument, facultatif) : la plage de la table",
    "  de la feuille *SPASER Paramètres* (le volet entretient le nom `SPASER_PARAMETRES`). Omis : le plan de",
    "  référence. Modifier la table recalcule les formules.",
    "- **Erreurs** : `#VALUE!` (valeur illisible ou hors limites) ou `#N/A` (nom inconnu, pas de cible, aucune",
    "  ligne renseignée), avec un message en français dans l'info-bulle de la cellule.",
    "",
    "### Indicateurs (`indicateur`)",
    "",
    "| Identifiant | Libellé | Autres noms acceptés |",
    "|---|---|---|",
    ...INDICATORS.map((d) => `| \`${d.id}\` | ${d.labelFr} / ${d.labelEn} | ${d.aliases.join(", ")} |`),
    "",
    "### Seuils (`SPASER.SEUIL`)",
    "",
    "| Identifiant | Libellé | Noms français acceptés |",
    "|---|---|---|",
    ...THRESHOLD_NAMES.map((t) => `| \`${t.id}\` | ${t.labelFr} / ${t.labelEn} | ${t.aliasesFr.join(", ")} |`),
    "",
  ];
  for (const fn of metadata.functions) {
    const fr = french[fn.id];
    const doc = FUNCTION_DOCS[fn.id];
    if (!fr || !doc) throw new Error(`Documentation manquante pour ${fn.id}`);
    const signature = (names: string[]) => names.join("; ");
    lines.push(
      `## SPASER.${fr.name} / SPASER.${fn.id}`,
      "",
      `\`=SPASER.${fr.name}(${signature(fn.parameters.map((p) => (p.optional ? `[${fr.parameters[p.name]?.name}]` : `${fr.parameters[p.name]?.name}`)))})\``,
      "",
      fr.description,
      "",
      `*${fn.description}*`,
      "",
      "| Argument | English | Description |",
      "|---|---|---|",
      ...fn.parameters.map(
        (p) =>
          `| \`${fr.parameters[p.name]?.name}\`${p.optional ? " (facultatif)" : ""} | \`${p.name}\` | ${fr.parameters[p.name]?.description} |`,
      ),
      "",
      `**Base** : ${doc.basis}.`,
      "",
    );
    if (doc.usage) lines.push(`Exemple : \`${doc.usage}\``, "");
    for (const example of doc.examples) lines.push(`- \`${example.formula}\` → ${formatResult(example.result)}`);
    if (doc.examples.length > 0) lines.push("");
  }
  return lines.join("\n");
}

if (require.main === module) {
  renderFunctionsDoc()
    .then((text) => {
      writeFileSync(DOC_PATH, text);
      console.log(`Écrit : ${DOC_PATH}`);
    })
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
