/**
 * Opening and writing workbooks for the CLI. The input is never written unless the user asked for
 * `--in-place`; the output is written only once the whole workbook has been saved in memory without
 * losing a part of the original (PartLostError), and through a temporary file renamed at the end, so a
 * failure never leaves a half-written workbook.
 */
import { existsSync, statSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { loadWorkbook, PartLostError, saveWorkbook, type SimWorkbook, UnsupportedFormatError } from "../sim";
import { CliError, type CliIo, step } from "./io";
import type { ParsedArgs } from "./args";

export async function readInputBytes(path: string): Promise<Uint8Array> {
  if (!existsSync(path)) throw new CliError(`Fichier introuvable : ${path}`);
  if (!statSync(path).isFile()) throw new CliError(`« ${path} » n'est pas un fichier.`);
  return new Uint8Array(await readFile(path));
}

export async function openWorkbook(path: string, io: CliIo): Promise<SimWorkbook> {
  const bytes = await readInputBytes(path);
  return step(io, "Lecture du classeur", async () => {
    try {
      return await loadWorkbook(bytes, basename(path));
    } catch (error) {
      if (error instanceof UnsupportedFormatError) throw new CliError(error.message);
      throw error;
    }
  });
}

/** Where a command that changes the workbook writes: `-o` (a new file), or the input with `--in-place`. */
export function outputPath(input: string, args: ParsedArgs, inPlaceAllowed: boolean): string {
  const output = args.values["output"];
  if (inPlaceAllowed && args.flags.has("in-place")) {
    if (output !== undefined && resolve(output) !== resolve(input)) {
      throw new CliError("--in-place et -o ne vont pas ensemble : choisissez l'un ou l'autre.");
    }
    if (!/\.xlsx$/i.test(input)) {
      throw new CliError(`--in-place n'est possible que sur un classeur .xlsx (pas sur « ${basename(input)} »).`);
    }
    return input;
  }
  if (output === undefined) throw new CliError("Indiquez le classeur de sortie avec -o <sortie.xlsx>.");
  if (resolve(output) === resolve(input)) {
    throw new CliError(
      "Le classeur de sortie est le classeur d'entrée : donnez un autre nom avec -o, ou utilisez --in-place.",
    );
  }
  checkOutputFile(output, ".xlsx");
  return output;
}

export function checkOutputFile(path: string, extension: string): void {
  if (!path.toLowerCase().endsWith(extension)) {
    throw new CliError(`Le fichier de sortie « ${basename(path)} » doit avoir l'extension ${extension}.`);
  }
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new CliError(`Le dossier de sortie n'existe pas : ${folder}`);
}

/** Saves the whole workbook in memory (refusing if a part would be lost), then writes it. */
export async function writeWorkbook(workbook: SimWorkbook, path: string, io: CliIo): Promise<void> {
  const bytes = await step(io, "Enregistrement du classeur", async () => {
    try {
      return await saveWorkbook(workbook);
    } catch (error) {
      if (error instanceof PartLostError) {
        throw new CliError(
          `Rien n'a été écrit : l'enregistrement perdrait ${error.parts.length > 1 ? "ces éléments" : "cet élément"} du classeur d'origine : ${error.parts.join(", ")}.`,
        );
      }
      throw error;
    }
  });
  await writeFileAtomically(path, bytes);
  const regenerated = workbook.lastSave?.regeneratedParts ?? [];
  if (regenerated.length > 0) {
    io.stderr(`Note : Excel recalculera ${regenerated.join(", ")} à l'ouverture (parties reconstruites par Excel).\n`);
  }
}

export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CliError(`Impossible d'écrire « ${path} » : ${(error as Error).message}`);
  }
}
