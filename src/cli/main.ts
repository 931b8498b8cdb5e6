/**
 * `spaser`: the SPASER add-in's work on .xlsx files from the command line, through the same src/excel code
 * as the task pane, over the simulator. French messages; exit 0 done, 2 bad input (nothing written), 1
 * internal error. Entry: `npx spaser …` (bin/spaser.cjs) or `npx tsx src/cli/main.ts …`.
 */
import { basename } from "node:path";
import { inspectWorkbook, OWNED_SHEETS, readContracts, type ContractsRead } from "../excel";
import { WorkbookRefusal } from "../excel/errors";
import { decpIndicators, exportDecp2024, importDecp, type DecpIndicatorGroup, type DecpRow } from "../decp";
import { DECP_SCHEMA } from "../decp/schema";
import { isSiret } from "../decp/vocabulary";
import { decodeText, type SimWorkbook } from "../sim";
import { percent } from "../spaser/format";
import { getPreset } from "../spaser/presets";
import type { IsoDate } from "../spaser/types";
import { parseArgs, type OptionSpec, type ParsedArgs } from "./args";
import { decpWorkbook, exportRowOf, readDecpStore, readUids } from "./decp";
import { checkOutputFile, openWorkbook, outputPath, readInputBytes, writeFileAtomically, writeWorkbook } from "./files";
import { contractYear, indicatorLines, type IndicatorLine } from "./indicators";
import { CliError, EXIT, integer, processIo, step, type CliIo } from "./io";
import { BUYER_KINDS, parseBuyerKind, resolvePolicy } from "./policy";
import {
  describeSource,
  initWorkbook,
  inspectionJson,
  onWorkbook,
  parseMappingFile,
  resolveSource,
  scoreWorkbook,
  workbookPolicy,
  type Context,
} from "./workbook";

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly details: string;
  readonly options: OptionSpec;
  readonly run: (args: ParsedArgs, io: CliIo, env: CliEnv) => Promise<number>;
}

/** What a run depends on besides its arguments (fixed in tests). */
export interface CliEnv {
  readonly today: IsoDate;
}

function todayIso(): IsoDate {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const PRESETS_HELP = "reference, metropole, pnad_2025, legal_floor";

function onlyInput(args: ParsedArgs, what = "<classeur>"): string {
  const [input, ...extra] = args.positionals;
  if (input === undefined) throw new CliError(`Indiquez le fichier : ${what}. Voir --help.`);
  if (extra.length > 0) throw new CliError(`Argument en trop : ${extra.join(" ")}. Voir --help.`);
  return input;
}

async function withSim<T>(workbook: SimWorkbook, operation: (context: Context) => Promise<T>): Promise<T> {
  return (await onWorkbook(workbook, operation)).result;
}

function printNotes(io: CliIo, notes: readonly string[]): void {
  for (const note of notes) io.stderr(`${note}\n`);
}

// ── inspect ──────────────────────────────────────────────────────────────────────────────────────

const inspect: Command = {
  summary: "Tableaux de marchés trouvés, correspondance des colonnes et problèmes",
  usage: "spaser inspect <classeur> [--json]",
  details:
    "Cherche le tableau des marchés de chaque feuille (tableau Excel ou ligne d'en-tête reconnue) et affiche\n" +
    "la correspondance champ → colonne et les problèmes. Les feuilles sans tableau sont listées avec la raison.\n" +
    "Le classeur n'est pas modifié.\n\n" +
    '  --json   sortie JSON : {"tables":[{"sheet","range","headerRow","rows","mapping","problems"}],"rejected":[…]}',
  options: { flags: ["json"] },
  async run(args, io) {
    const input = onlyInput(args);
    const workbook = await openWorkbook(input, io);
    const report = await step(io, "Analyse des feuilles", () => withSim(workbook, inspectWorkbook));
    const json = inspectionJson(report);
    if (args.flags.has("json")) {
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return EXIT.ok;
    }
    if (json.tables.length === 0) io.stdout("Aucun tableau de marchés trouvé.\n");
    for (const table of json.tables) {
      io.stdout(
        `Tableau « ${table.sheet} » ${table.range}${table.tableName ? ` (tableau Excel ${table.tableName})` : ""} : en-tête ligne ${table.headerRow}, ${integer(table.rows)} marché${table.rows > 1 ? "s" : ""}\n`,
      );
      for (const [field, column] of Object.entries(table.mapping))
        io.stdout(`  ${field.padEnd(24)} colonne ${column}\n`);
      for (const problem of table.problems) io.stdout(`  ${problem.severity} : ${problem.message}\n`);
    }
    for (const rejected of json.rejected) io.stdout(`Feuille « ${rejected.sheet} » écartée : ${rejected.reason}\n`);
    return EXIT.ok;
  },
};

// ── score ────────────────────────────────────────────────────────────────────────────────────────

const score: Command = {
  summary: "Écrit les colonnes SPASER (règles) à droite du tableau des marchés, dans un nouveau classeur",
  usage:
    "spaser score <classeur> -o <sortie.xlsx> [--policy <modèle|fichier>] [--mapping <fichier.json>] [--acheteur <type>] [--in-place]",
  details:
    "Trouve le tableau des marchés (ou reprend la correspondance enregistrée, ou celle du fichier --mapping),\n" +
    "ajoute les feuilles du complément (SPASER Paramètres, SPASER Cotations), enregistre la correspondance et\n" +
    "écrit les colonnes « SPASER · … » (réservation, insertion, avance, révision des prix, Loi Climat, jalons).\n" +
    "Aucune cellule de l'utilisateur n'est modifiée. Le classeur d'entrée n'est pas modifié, sauf avec --in-place.\n" +
    "Si l'enregistrement devait perdre une partie du classeur (tableau croisé, graphique…), rien n'est écrit.\n\n" +
    "  -o, --output <fichier>   classeur de sortie (.xlsx)\n" +
    `  --policy <modèle|fichier> paramètres SPASER : ${PRESETS_HELP}, ou un fichier .csv/.json/.xlsx\n` +
    "                           (remplace ceux du classeur ; sans l'option, ceux du classeur ou « reference »)\n" +
    "  --mapping <fichier>      correspondance des colonnes au format de « spaser inspect --json »\n" +
    `  --acheteur <type>        ${Object.keys(BUYER_KINDS).join(", ")}\n` +
    "  --in-place               écrit dans le classeur d'entrée (.xlsx seulement)",
  options: { values: ["output", "policy", "mapping", "acheteur"], flags: ["in-place"], aliases: { o: "output" } },
  async run(args, io, env) {
    const input = onlyInput(args);
    const output = outputPath(input, args, true);
    const policy = args.values["policy"] === undefined ? undefined : await resolvePolicy(args.values["policy"]);
    const buyerKind = parseBuyerKind(args.values["acheteur"]);
    const mappingPath = args.values["mapping"];
    const mapping =
      mappingPath === undefined
        ? undefined
        : parseMappingFile(decodeText(await readInputBytes(mappingPath)).text, basename(mappingPath));
    const workbook = await openWorkbook(input, io);
    const result = await step(io, "Calcul des colonnes SPASER", () =>
      withSim(workbook, (context) =>
        scoreWorkbook(context, {
          today: env.today,
          ...(policy ? { policy } : {}),
          ...(buyerKind ? { buyerKind } : {}),
          ...(mapping ? { mapping } : {}),
        }),
      ),
    );
    printNotes(io, result.resolved.notes);
    await writeWorkbook(workbook, output, io);
    const { written, read } = result;
    io.stdout(
      `Tableau ${describeSource(result.resolved.source)} (correspondance ${result.resolved.origin}).\n` +
        `${integer(read.rows.length)} marché${read.rows.length > 1 ? "s" : ""} : colonnes ${written.headers.join(", ")} écrites en ${written.sheet}!${written.address} (${written.created} créée${written.created > 1 ? "s" : ""}, ${written.refreshed} mise${written.refreshed > 1 ? "s" : ""} à jour).\n` +
        `Paramètres : ${result.policy.policy.name} (${result.policy.report.messages.join(" ") || "conservés"}).\n` +
        `Classeur écrit : ${output}\n`,
    );
    const withProblems = read.rows.filter((row) => row.problems.length > 0).length;
    if (withProblems > 0)
      io.stderr(`${integer(withProblems)} ligne(s) avec des cellules illisibles (voir les colonnes SPASER).\n`);
    return EXIT.ok;
  },
};

// ── init ─────────────────────────────────────────────────────────────────────────────────────────

const init: Command = {
  summary: "Ajoute les feuilles du complément (paramètres, cotations, tableau des marchés vierge si aucun)",
  usage: "spaser init <classeur> -o <sortie.xlsx> [--policy <modèle|fichier>] [--in-place]",
  details:
    "Comme « Démarrer un SPASER » du volet : SPASER Paramètres (la politique et sa plage nommée),\n" +
    "SPASER Cotations vide, et un tableau des marchés vierge (SPASER Marchés) si le classeur n'en a pas.\n" +
    "Quand un tableau est trouvé, sa correspondance des colonnes est enregistrée. Rien d'autre n'est modifié.\n\n" +
    "  -o, --output <fichier>    classeur de sortie (.xlsx)\n" +
    `  --policy <modèle|fichier> ${PRESETS_HELP}, ou un fichier .csv/.json/.xlsx (défaut : reference)\n` +
    "  --in-place                écrit dans le classeur d'entrée (.xlsx seulement)",
  options: { values: ["output", "policy"], flags: ["in-place"], aliases: { o: "output" } },
  async run(args, io) {
    const input = onlyInput(args);
    const output = outputPath(input, args, true);
    const policy = args.values["policy"] === undefined ? undefined : await resolvePolicy(args.values["policy"]);
    const workbook = await openWorkbook(input, io);
    const result = await step(io, "Ajout des feuilles SPASER", () =>
      withSim(workbook, (context) => initWorkbook(context, policy)),
    );
    printNotes(io, result.table.notes);
    await writeWorkbook(workbook, output, io);
    const created = [...result.policy.report.created, ...result.cotations.created];
    const table =
      result.table.kind === "vierge"
        ? `Aucun tableau de marchés trouvé : tableau vierge créé dans « ${OWNED_SHEETS.contracts} ».`
        : `Tableau des marchés ${result.table.kind === "détectée" ? "trouvé" : "déjà enregistré"} : ${describeSource(result.table.source)}.`;
    io.stdout(
      `${created.length > 0 ? `Feuilles créées : ${created.join(", ")}.` : "Feuilles SPASER déjà présentes."}\n` +
        `Paramètres : ${result.policy.policy.name}.\n${table}\nClasseur écrit : ${output}\n`,
    );
    return EXIT.ok;
  },
};

// ── indicators ───────────────────────────────────────────────────────────────────────────────────

interface IndicatorsJson {
  readonly year: number;
  readonly contracts: number;
  readonly indicators: readonly IndicatorLine[];
}

function rate(value: number | null): string {
  return value === null ? "—" : percent(value);
}

function shareJson(group: DecpIndicatorGroup) {
  const pick = (s: DecpIndicatorGroup["environmental"]) => ({
    count: s.count,
    known: s.known,
    unknown: s.unknown,
    shareInNumber: s.shareInNumber ?? null,
    value: s.value,
    knownValue: s.knownValue,
    shareInValue: s.shareInValue ?? null,
  });
  return {
    buyerSiret: group.buyerSiret ?? null,
    buyerName: group.buyerName ?? null,
    year: group.year ?? null,
    count: group.count,
    value: group.value,
    environmental: pick(group.environmental),
    social: pick(group.social),
    advance: pick(group.advance),
    revisablePrice: pick(group.revisablePrice),
    meanOffers: group.meanOffers ?? null,
  };
}

const indicators: Command = {
  summary: "Indicateurs du SPASER : taux, cible, écart et marchés manquants (et parts DECP par acheteur)",
  usage: "spaser indicators <classeur> [--year AAAA] [--policy <modèle|fichier>] [--json]",
  details:
    "Calcule chaque indicateur sur le tableau des marchés : numérateur, dénominateur, taux, cible de l'année\n" +
    "(paramètres du classeur, SPASER_PARAMETRES, sinon le modèle « reference »), écart en points et nombre de\n" +
    "marchés manquants pour atteindre la cible. Une case vide n'est pas un « non » : elle est comptée à part.\n" +
    "Pour un classeur issu de « spaser decp import », ajoute les parts DECP par acheteur et par année.\n\n" +
    "  --year AAAA   ne garde que les marchés de l'année (date d'attribution, sinon de notification) ;\n" +
    "                sans l'option, tous les marchés, avec la cible de l'année en cours\n" +
    "  --policy      paramètres à utiliser à la place de ceux du classeur\n" +
    '  --json        sortie JSON : {"indicators":[{id,label,numerator,denominator,rate,target,gap,contractsMissing…}],…}',
  options: { values: ["year", "policy"], flags: ["json"] },
  async run(args, io, env) {
    const input = onlyInput(args);
    const yearText = args.values["year"];
    if (yearText !== undefined && !/^\d{4}$/.test(yearText)) {
      throw new CliError(`Année invalide : « ${yearText} » (attendu : AAAA, par exemple 2027).`);
    }
    const explicit = args.values["policy"] === undefined ? undefined : await resolvePolicy(args.values["policy"]);
    const workbook = await openWorkbook(input, io);
    const found = await step(io, "Lecture des marchés", () =>
      withSim(workbook, async (context) => {
        const resolved = await resolveSource(context);
        const policy = explicit ? { policy: explicit, fromWorkbook: false } : await workbookPolicy(context);
        const read: ContractsRead = await readContracts(context, resolved.source);
        const decp = await readDecpStore(context);
        return { resolved, policy, read, decp };
      }),
    );
    printNotes(io, found.resolved.notes);
    const year = yearText === undefined ? Number(env.today.slice(0, 4)) : Number(yearText);
    const records = found.read.rows
      .map((row) => row.record)
      .filter((record) => yearText === undefined || contractYear(record) === year);
    const lines = indicatorLines(records, found.policy.policy, year);
    const decpGroups = found.decp
      ? decpIndicators(
          [...found.decp.rows.values()].filter(
            (row: DecpRow) => yearText === undefined || row.notificationDate?.startsWith(yearText) === true,
          ),
        )
      : undefined;
    if (args.flags.has("json")) {
      const json: IndicatorsJson & { policy: string; decp?: unknown } = {
        year,
        contracts: records.length,
        policy: found.policy.policy.name,
        indicators: lines,
        ...(decpGroups ? { decp: decpGroups.map(shareJson) } : {}),
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(
      `${integer(records.length)} marché(s)${yearText ? ` de ${year}` : ""} ; paramètres « ${found.policy.policy.name} »${found.policy.fromWorkbook ? " (du classeur)" : ""}, cibles de ${year}.\n`,
    );
    for (const line of lines) {
      const figures =
        line.measure === "count"
          ? `${integer(line.numerator)} / ${integer(line.denominator)}`
          : `${integer(Math.round(line.numerator))} € / ${integer(Math.round(line.denominator))} €`;
      const target = line.target === null ? "pas de cible" : `cible ${rate(line.target)}`;
      const gap =
        line.gap === null
          ? ""
          : line.gap > 0
            ? `, ${line.gap.toFixed(1).replace(".", ",")} points de retard`
            : ", cible atteinte";
      const missing = line.contractsMissing ? `, ${line.contractsMissing} marché(s) manquant(s)` : "";
      const notFilled = line.notFilled > 0 ? ` (${line.notFilled} non renseigné(s))` : "";
      io.stdout(`${line.label} : ${rate(line.rate)} (${figures}) ; ${target}${gap}${missing}${notFilled}\n`);
    }
    if (decpGroups) {
      io.stdout("\nParts DECP par acheteur et par année (en nombre ; en valeur) :\n");
      for (const g of decpGroups) {
        const s = (x: DecpIndicatorGroup["environmental"]) =>
          `${x.shareInNumber === undefined ? "—" : percent(x.shareInNumber)} ; ${x.shareInValue === undefined ? "—" : percent(x.shareInValue)}`;
        io.stdout(
          `${g.buyerSiret ?? "?"} ${g.buyerName ?? ""} ${g.year ?? "sans date"} : ${g.count} marché(s), environnement ${s(g.environmental)}, social ${s(g.social)}, avance ${s(g.advance)}, prix révisable ${s(g.revisablePrice)}\n`,
        );
      }
    }
    return EXIT.ok;
  },
};

// ── decp ─────────────────────────────────────────────────────────────────────────────────────────

/** Lists at most `limit` items, then "… et N autres". */
function listSome(io: CliIo, items: readonly string[], limit = 20): void {
  for (const item of items.slice(0, limit)) io.stderr(`  - ${item}\n`);
  if (items.length > limit) io.stderr(`  … et ${items.length - limit} autre(s)\n`);
}

const decpImport: Command = {
  summary: "Crée un classeur SPASER (tableau des marchés) à partir d'un fichier DECP",
  usage: "spaser decp import <fichier.json|fichier.csv> -o <classeur.xlsx> [--policy <modèle|fichier>]",
  details:
    "Lit un fichier DECP (format 2024, format 2019 ou tableau consolidé CSV) et écrit un classeur avec le\n" +
    "tableau des marchés (SPASER Marchés), les paramètres, la correspondance et les données DECP complètes\n" +
    "(feuille masquée SPASER DECP, pour les parts DECP de « spaser indicators » et l'export).\n" +
    "Les doublons (même acheteur et même identifiant) et les enregistrements rejetés sont listés.",
  options: { values: ["output", "policy"], aliases: { o: "output" } },
  async run(args, io) {
    const input = onlyInput(args, "<fichier DECP>");
    const output = args.values["output"];
    if (output === undefined) throw new CliError("Indiquez le classeur de sortie avec -o <classeur.xlsx>.");
    checkOutputFile(output, ".xlsx");
    const policy =
      args.values["policy"] === undefined ? getPreset("reference")! : await resolvePolicy(args.values["policy"]);
    const bytes = await readInputBytes(input);
    const result = await step(io, "Lecture du fichier DECP", async () =>
      importDecp(decodeText(bytes).text, basename(input)),
    );
    if (!result.ok) throw new CliError(result.message);
    const { workbook } = await step(io, `Écriture de ${integer(result.rows.length)} marchés`, () =>
      decpWorkbook(result.rows, policy, (wb, operation) => withSim(wb, operation)),
    );
    await writeWorkbook(workbook, output, io);
    const c = result.counts;
    io.stdout(
      `Format ${result.format} : ${integer(c.records)} enregistrement(s) lu(s)${c.lines !== undefined ? ` (${integer(c.lines)} lignes)` : ""}, ` +
        `${integer(c.rows)} marché(s) importé(s), ${integer(c.duplicates)} doublon(s) écarté(s), ${integer(c.rejected)} rejeté(s), ${integer(c.skipped)} hors marchés (concessions).\n` +
        `Classeur écrit : ${output}\n`,
    );
    if (result.duplicates.length > 0) {
      io.stderr(`Doublons (le premier est gardé) :\n`);
      listSome(
        io,
        result.duplicates.map(
          (d) =>
            `${d.key} : ${d.count} enregistrements${d.identical ? " identiques" : " différents (lots de même identifiant ?)"}`,
        ),
      );
    }
    if (result.rejected.length > 0) {
      io.stderr(`Rejetés :\n`);
      listSome(
        io,
        result.rejected.map((r) => `n° ${r.index + 1}${r.id ? ` (${r.id})` : ""} : ${r.reason}`),
      );
    }
    if (result.skipped.length > 0) {
      io.stderr(`Hors marchés :\n`);
      listSome(
        io,
        result.skipped.map((r) => `n° ${r.index + 1}${r.id ? ` (${r.id})` : ""} : ${r.reason}`),
      );
    }
    if (result.warnings.length > 0) {
      io.stderr(`Remarques :\n`);
      listSome(
        io,
        result.warnings.map((w) => `n° ${w.index + 1}${w.id ? ` (${w.id})` : ""} : ${w.message}`),
      );
    }
    return EXIT.ok;
  },
};

const decpExport: Command = {
  summary: "Exporte le tableau des marchés au format DECP 2024, validé par le schéma",
  usage:
    "spaser decp export <classeur> -o <fichier.json> [--schema <schema.json>] [--siret <acheteur>] [--allow-invalid]",
  details:
    "Construit le JSON DECP 2024 des marchés du tableau et le valide avec le schéma officiel avant de l'écrire.\n" +
    "Chaque champ obligatoire manquant est signalé, marché par marché. Rien n'est écrit si le fichier n'est pas\n" +
    "valide, sauf avec --allow-invalid (pour le compléter à la main).\n\n" +
    "  -o, --output <fichier>  fichier JSON de sortie\n" +
    "  --schema <fichier>      schéma DECP (JSON Schema) ; défaut : schéma officiel v2.0.3 fourni\n" +
    "  --siret <SIRET>         SIRET de l'acheteur (obligatoire si le classeur ne vient pas d'un import DECP)\n" +
    "  --allow-invalid         écrit le JSON même s'il n'est pas valide",
  options: { values: ["output", "schema", "siret"], flags: ["allow-invalid"], aliases: { o: "output" } },
  async run(args, io, env) {
    const input = onlyInput(args);
    const output = args.values["output"];
    if (output === undefined) throw new CliError("Indiquez le fichier de sortie avec -o <fichier.json>.");
    checkOutputFile(output, ".json");
    const siret = args.values["siret"]?.replace(/\s+/g, "");
    if (siret !== undefined && !isSiret(siret))
      throw new CliError(`SIRET invalide : « ${args.values["siret"]} » (14 chiffres).`);
    // Without --schema: the official schema shipped with the product (src/decp/schema.ts).
    const schemaFile = args.values["schema"];
    let schema: object = DECP_SCHEMA;
    if (schemaFile !== undefined) {
      try {
        schema = JSON.parse(decodeText(await readInputBytes(schemaFile)).text) as object;
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`Le schéma « ${schemaFile} » n'est pas un JSON valide.`);
      }
    }
    const workbook = await openWorkbook(input, io);
    const found = await step(io, "Lecture des marchés", () =>
      withSim(workbook, async (context) => {
        const resolved = await resolveSource(context);
        const read = await readContracts(context, resolved.source);
        const decp = await readDecpStore(context);
        const uids = decp ? await readUids(context, resolved.source) : new Map<number, string>();
        return { resolved, read, decp, uids };
      }),
    );
    const rows = found.read.rows.map((row) => {
      const uid = found.uids.get(row.sheetRow);
      return exportRowOf(row, siret ?? "", uid === undefined ? undefined : found.decp?.rows.get(uid));
    });
    if (rows.some((row) => !row.buyerSiret)) {
      throw new CliError("Indiquez le SIRET de l'acheteur avec --siret <SIRET> : le tableau ne le donne pas.");
    }
    const exported = exportDecp2024(rows, schema, {
      buyer: siret ?? rows[0]?.buyerSiret ?? "",
      publicationDate: env.today,
      allowInvalid: args.flags.has("allow-invalid"),
    });
    for (const problem of exported.problems) io.stderr(`${problem.message}\n`);
    if (exported.json === undefined) {
      io.stderr(
        `Export DECP non valide (${exported.problems.length} problème(s) sur ${exported.contracts} marché(s)) : rien n'a été écrit. ` +
          "Complétez le tableau, ou utilisez --allow-invalid pour écrire quand même.\n",
      );
      return EXIT.badInput;
    }
    await writeFileAtomically(output, exported.json);
    io.stdout(
      `${integer(exported.contracts)} marché(s) exporté(s) au format DECP 2024${exported.valid ? ", valide selon le schéma" : ", NON VALIDE (--allow-invalid)"}.\nFichier écrit : ${output}\n`,
    );
    return EXIT.ok;
  },
};

// ── dispatch ─────────────────────────────────────────────────────────────────────────────────────

const COMMANDS: Readonly<Record<string, Command>> = {
  inspect,
  score,
  init,
  indicators,
  "decp import": decpImport,
  "decp export": decpExport,
};

function generalHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return (
    "spaser — le SPASER dans vos classeurs Excel (.xlsx), en ligne de commande\n\n" +
    "Usage : spaser <commande> [options]   (spaser <commande> --help pour le détail)\n\n" +
    `Commandes :\n${lines.join("\n")}\n\n` +
    "Codes de sortie : 0 terminé, 2 entrée incorrecte (rien n'est écrit), 1 erreur interne.\n"
  );
}

function commandHelp(name: string, command: Command): string {
  return `spaser ${name} — ${command.summary}\n\nUsage : ${command.usage}\n\n${command.details}\n`;
}

/** Runs the CLI on argv (without "node script"); returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo, env: Partial<CliEnv> = {}): Promise<number> {
  const fullEnv: CliEnv = { today: env.today ?? todayIso() };
  try {
    const [first, second] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      io.stdout(generalHelp());
      return first === undefined ? EXIT.badInput : EXIT.ok;
    }
    let name = first;
    let rest = argv.slice(1);
    if (first === "decp") {
      if (second === undefined || second === "--help" || second === "-h") {
        io.stdout(`${commandHelp("decp import", decpImport)}\n${commandHelp("decp export", decpExport)}`);
        return second === undefined ? EXIT.badInput : EXIT.ok;
      }
      name = `decp ${second}`;
      rest = argv.slice(2);
    }
    const command = COMMANDS[name];
    if (!command) throw new CliError(`Commande inconnue : « ${name} ».\n\n${generalHelp()}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(commandHelp(name, command));
      return EXIT.ok;
    }
    return await command.run(parseArgs(rest, command.options), io, fullEnv);
  } catch (error) {
    if (error instanceof CliError || error instanceof WorkbookRefusal) {
      io.stderr(`spaser : ${error.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`spaser : erreur interne : ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
