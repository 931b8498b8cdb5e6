/**
 * A small argv reader: positionals, `--name value`, `--name=value`, `-o value` and flags. Unknown options
 * are bad input (a typo must not silently change what is written).
 */
import { CliError } from "./io";

export interface OptionSpec {
  /** Options that take a value, by long name (without dashes). */
  readonly values?: readonly string[];
  /** Options without a value. */
  readonly flags?: readonly string[];
  /** Short aliases: { o: "output" }. */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const valueNames = new Set(spec.values ?? []);
  const flagNames = new Set([...(spec.flags ?? []), "help"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.startsWith("--") ? splitOnce(arg.slice(2)) : [arg.slice(1), undefined];
    const name = arg.startsWith("--") ? rawName : (spec.aliases?.[rawName] ?? (rawName === "h" ? "help" : rawName));
    if (flagNames.has(name)) {
      if (inline !== undefined) throw new CliError(`L'option --${name} ne prend pas de valeur.`);
      flags.add(name);
    } else if (valueNames.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") throw new CliError(`L'option --${name} attend une valeur.`);
      values[name] = value;
    } else {
      throw new CliError(`Option inconnue : ${arg}. Voir --help.`);
    }
  }
  return { positionals, values, flags };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
