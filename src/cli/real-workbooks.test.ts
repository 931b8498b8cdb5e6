/**
 * The CLI on the real workbooks of ../shared/data/workbooks (see its README): `score` (where a table is
 * found) and `init` (on every one) change no original cell (value, formula, style) and keep sheets, merges,
 * defined names, tables, validation, conditional formatting, charts and pivot tables. Where a part could not
 * be kept the CLI must refuse before writing and name it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unzip } from "@cj-tech-master/excelts/archive";
import { loadWorkbook, type SimWorkbook } from "../sim";
import { runCli, temporaryFolder } from "./test-support";

const ROOT = join(__dirname, "..", "..");
const DATA = join(ROOT, "..", "shared", "data", "workbooks");
const haveData = existsSync(DATA);
const XLSX = haveData
  ? readdirSync(DATA)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
  : [];
const SKIP = `SKIPPED: ${DATA} is absent (the real workbooks are not in the repository)`;
const tmp = temporaryFolder();
afterAll(() => tmp.remove());

async function zipParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for await (const e of unzip(bytes).entries())
    if (!e.path.endsWith("/"))
      parts.set(e.path, e.path.endsWith(".xml") ? new TextDecoder().decode(await e.bytes()) : "");
  return parts;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Conditional formats, where a dxf fill without patternType (Excel shows it solid) equals one written
 * "solid": the CLI writes the default explicitly because excelts would write patternType="undefined".
 */
function conditionalFormats(value: unknown): string {
  return canonical(value).replace(/"pattern":"solid",/g, "");
}

/** Every cell's value, formula and style, and each sheet's structure. */
function snapshot(wb: SimWorkbook) {
  const cells = new Map<string, string>();
  for (const ws of wb.excel.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) =>
        cells.set(`${ws.name}!${cell.address}`, canonical([cell.value, cell.formula ?? null, cell.style])),
      ),
    );
  }
  const sheets = wb.excel.worksheets.map((ws) => ({
    name: ws.name,
    state: ws.state,
    merges: ws.mergedRegions.length,
    tables: ws.getTables().length,
    validations: canonical(ws.dataValidations.model),
    conditionalFormats: conditionalFormats(ws.conditionalFormattings),
  }));
  return { cells, sheets };
}

/** Compares an output with its input: user cells, sheets, names, and every part that must survive. */
async function expectKept(inputPath: string, outputPath: string): Promise<void> {
  const [inBytes, outBytes] = [readFileSync(inputPath), readFileSync(outputPath)].map((b) => new Uint8Array(b)) as [
    Uint8Array,
    Uint8Array,
  ];
  const [original, result] = await Promise.all([loadWorkbook(inBytes, "in.xlsx"), loadWorkbook(outBytes, "out.xlsx")]);
  const before = snapshot(original);
  const after = snapshot(result);
  let changed = 0;
  for (const [key, value] of before.cells) {
    if (after.cells.get(key) !== value) {
      changed++;
      if (changed <= 3) expect(after.cells.get(key), key).toBe(value);
    }
  }
  expect(changed).toBe(0);
  expect(after.sheets.slice(0, before.sheets.length)).toEqual(before.sheets);
  expect(
    after.sheets
      .slice(before.sheets.length)
      .map((s) => s.name)
      .every((n) => n.startsWith("SPASER ")),
  ).toBe(true);
  for (const name of original.names) expect(result.names, name.name).toContainEqual(name);

  const [inParts, outParts] = await Promise.all([zipParts(inBytes), zipParts(outBytes)]);
  for (const part of inParts.keys()) {
    if (/pivot|chart|drawing|externalLink|table|comments|metadata\.xml/.test(part))
      expect(outParts.has(part), part).toBe(true);
  }
}

describe.skipIf(!haveData)(`real workbooks (${haveData ? DATA : SKIP})`, () => {
  it("there are real .xlsx files to test", () => expect(XLSX.length).toBeGreaterThanOrEqual(3));

  for (const file of XLSX) {
    it(`${file}: spaser init keeps every original cell and part`, async () => {
      const input = join(DATA, file);
      const output = join(tmp.path, `init-${file}`);
      const run = await runCli(["init", input, "-o", output]);
      if (run.code === 2 && /perdrait/.test(run.stderr)) {
        // Refused before writing, naming the part: acceptable, but nothing may be written.
        expect(existsSync(output)).toBe(false);
        return;
      }
      expect(run.code, run.stderr).toBe(0);
      await expectKept(input, output);
    }, 300_000);

    it(`${file}: spaser score (where a table is found) keeps every original cell and part`, async () => {
      const input = join(DATA, file);
      const output = join(tmp.path, `score-${file}`);
      const run = await runCli(["score", input, "-o", output]);
      if (run.code === 2) {
        expect(run.stderr).toMatch(/Aucun tableau de marchés trouvé|perdrait/);
        expect(existsSync(output)).toBe(false);
        return;
      }
      expect(run.code, run.stderr).toBe(0);
      await expectKept(input, output);
    }, 300_000);
  }

  it("inspect finds the 63 contracts of the Villemomble CSV with object, date, supplier, postcode and amount", async () => {
    const run = await runCli(["inspect", join(DATA, "villemomble_liste-marches-conclus-2010_art133.csv"), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const [table] = JSON.parse(run.stdout).tables;
    expect(table.rows).toBe(63);
    expect(table.headerRow).toBe(4);
    // Header row 4: ";OBJET;DATE;TITULAIRE;CODE POSTAL;MONTANT € HT" (column A is empty).
    expect(table.mapping).toMatchObject({
      object: "B",
      notificationDate: "C",
      supplier: "D",
      postcode: "E",
      amountHT: "F",
    });
  });

  it("inspect reports the Crosne leisure-centre spending: amount and label columns, and the missing contract fields", async () => {
    const run = await runCli(["inspect", join(DATA, "crosne_depenses-centre-de-loisirs-2025.xlsx"), "--json"]);
    const [table] = JSON.parse(run.stdout).tables;
    expect(table.sheet).toBe("Feuil1");
    expect(table.mapping.amountHT).toBeDefined();
    expect(table.mapping.object).toBeDefined();
    expect(table.mapping.notificationDate).toBeUndefined();
    const messages = table.problems.map((p: { message: string }) => p.message).join("\n");
    expect(messages).toContain("Date de notification");
  });

  it("inspect reports the SCA Brest purchase folder as a form, not a contracts table; score refuses with exit 2", async () => {
    const path = join(DATA, "sca-brest_pochette-suivi-achats.xlsx");
    const json = JSON.parse((await runCli(["inspect", path, "--json"])).stdout);
    expect(json.tables).toEqual([]);
    expect(json.rejected).toHaveLength(3);
    expect(json.rejected[0].reason).toMatch(/formulaire/);
    const score = await runCli(["score", path, "-o", join(tmp.path, "brest.xlsx")]);
    expect(score.code).toBe(2);
    expect(score.stderr).toMatch(/formulaire/);
  });

  it("the .xls of the corpus is refused in French", async () => {
    const run = await runCli(["inspect", join(DATA, "place_art133_marches-2012_extrait-CCI.xls")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("enregistrez-le au format .xlsx");
  });
});
