import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contractsWorkbook, getValues, putValues } from "../../test/support/sim-run";
import { createWorkbook, loadWorkbook } from "../sim";
import { saveWorkbookToPath } from "../sim/node";
import { NAMES, OWNED_SHEETS } from "../excel";
import { readStoredSourceOf } from "./workbook.testkit";
import { runCli, temporaryFolder } from "./test-support";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "assets", "samples", "programmation-achats-ville-exemple.xlsx");
const tmp = temporaryFolder();
afterAll(() => tmp.remove());

let counter = 0;
const out = (name = "sortie.xlsx") => join(tmp.path, `${++counter}-${name}`);

/** A generated buyer's workbook: titles, header on row 4 from column B, a section row and a totals row. */
async function generated(count: number): Promise<{ path: string; lastRow: number }> {
  const sample = contractsWorkbook(count);
  await sample.build();
  const path = out("marches.xlsx");
  await saveWorkbookToPath(sample.workbook, path);
  return { path, lastRow: sample.lastRow };
}

async function open(path: string) {
  return loadWorkbook(new Uint8Array(readFileSync(path)), "x.xlsx");
}

describe("spaser --help", () => {
  it("lists the commands in French, and each command has its own help", async () => {
    const general = await runCli(["--help"]);
    expect(general.code).toBe(0);
    for (const name of ["inspect", "score", "init", "indicators", "decp import", "decp export"]) {
      expect(general.stdout).toContain(name);
      const help = await runCli([...name.split(" "), "--help"]);
      expect(help.code, name).toBe(0);
      expect(help.stdout).toContain(`Usage : spaser ${name}`);
    }
  });

  it("refuses an unknown command or option with exit 2 and a French message", async () => {
    expect(await runCli(["scorer", "x.xlsx"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Commande inconnue"),
    });
    expect(await runCli(["inspect", SAMPLE, "--jsn"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Option inconnue"),
    });
  });
});

describe("spaser inspect", () => {
  it("finds the sample's 150 contracts in its Excel table, with the mapping as column letters", async () => {
    const run = await runCli(["inspect", SAMPLE, "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.tables[0]).toMatchObject({ sheet: "Programmation 2027-2028", headerRow: 4, rows: 150 });
    expect(json.tables[0].mapping.amountHT).toMatch(/^[A-Z]$/);
    expect(json.rejected.map((r: { sheet: string }) => r.sheet)).toContain("Notes");
    expect(run.stderr).toMatch(/Lecture du classeur… \d+,\d s/);
  });

  it("finds a header under title rows and skips section and totals rows", async () => {
    const { path } = await generated(25);
    const json = JSON.parse((await runCli(["inspect", path, "--json"])).stdout);
    expect(json.tables).toHaveLength(1);
    expect(json.tables[0]).toMatchObject({ sheet: "Marchés 2027", headerRow: 4, rows: 25, range: "B4:L30" });
    expect(json.tables[0].mapping).toMatchObject({ id: "B", object: "C", amountHT: "F" });
  });

  it("missing file, .xls and unknown formats: exit 2 in French", async () => {
    expect(await runCli(["inspect", join(tmp.path, "absent.xlsx")])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Fichier introuvable"),
    });
    const xls = out("ancien.xls");
    writeFileSync(xls, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const refused = await runCli(["inspect", xls]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Le format .xls (Excel 97-2003) n'est pas pris en charge");
    expect(await runCli(["inspect"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Indiquez le fichier"),
    });
  });
});

describe("spaser score", () => {
  it("writes the SPASER columns to a new file, leaves the input untouched and user cells unchanged", async () => {
    const { path, lastRow } = await generated(30);
    const before = readFileSync(path);
    const output = out();
    const run = await runCli(["score", path, "-o", output, "--acheteur", "collectivite"]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path).equals(before)).toBe(true);
    const input = await open(path);
    const result = await open(output);
    expect(await getValues(result, "Marchés 2027", `A1:L${lastRow}`)).toEqual(
      await getValues(input, "Marchés 2027", `A1:L${lastRow}`),
    );
    const written = await getValues(result, "Marchés 2027", `M4:T5`);
    expect(written[0]![0]).toBe("SPASER · Réservation");
    // First contract: 8 000 € HT, under the 90 000 € reservation cap of the reference policy.
    expect(written[1]![0]).toMatch(/^À étudier/);
    expect(result.excel.worksheets.map((ws) => ws.name)).toEqual(
      expect.arrayContaining([OWNED_SHEETS.policy, OWNED_SHEETS.cotations]),
    );
    expect(result.names.map((n) => n.name)).toEqual(expect.arrayContaining([NAMES.policy, NAMES.mapping]));
  });

  it("is idempotent and reuses the stored mapping on a second run", async () => {
    const { path, lastRow } = await generated(12);
    const first = out();
    await runCli(["score", path, "-o", first]);
    const second = out();
    const run = await runCli(["score", first, "-o", second]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("correspondance enregistrée");
    expect(run.stdout).toContain("0 créée");
    expect(await getValues(await open(second), "Marchés 2027", `A1:AB${lastRow}`)).toEqual(
      await getValues(await open(first), "Marchés 2027", `A1:AB${lastRow}`),
    );
  });

  it("--in-place writes into the input; without it, -o equal to the input is refused", async () => {
    const { path } = await generated(5);
    expect(await runCli(["score", path, "-o", path])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--in-place"),
    });
    expect(await runCli(["score", path])).toMatchObject({ code: 2, stderr: expect.stringContaining("-o") });
    const copy = out("copie.xlsx");
    copyFileSync(path, copy);
    expect((await runCli(["score", copy, "--in-place"])).code).toBe(0);
    expect((await getValues(await open(copy), "Marchés 2027", "M4"))[0]![0]).toBe("SPASER · Réservation");
  });

  it("uses a given policy preset and a mapping file; refuses an unknown preset and an unknown buyer kind", async () => {
    const { path } = await generated(8);
    const output = out();
    const mapping = out("correspondance.json");
    writeFileSync(
      mapping,
      JSON.stringify({ sheet: "Marchés 2027", headerRow: 4, mapping: { object: "C", amountHT: "F" } }),
    );
    const run = await runCli(["score", path, "-o", output, "--policy", "metropole", "--mapping", mapping]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("correspondance fichier");
    // The table's extent comes from the header row, so the columns go right of the whole table.
    expect(run.stdout).toContain("!M4:T");
    expect(await readStoredSourceOf(output)).toMatchObject({
      mapping: { object: { column: 2 }, amountHT: { column: 5 } },
    });
    const refused = await runCli(["score", path, "-o", out(), "--policy", "inconnu"]);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("Politique inconnue") });
    expect(refused.stderr).toContain("reference");
    expect(await runCli(["score", path, "-o", out(), "--acheteur", "mairie"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Type d'acheteur inconnu"),
    });
    const badMapping = out("faux.json");
    writeFileSync(badMapping, JSON.stringify({ sheet: "Marchés 2027", headerRow: 4, mapping: { montant: "F" } }));
    expect(await runCli(["score", path, "-o", out(), "--mapping", badMapping])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("champ inconnu « montant »"),
    });
  });

  it("a policy file (Clé, Valeur, Année) is read, and its errors are reported with the row", async () => {
    const { path } = await generated(4);
    const good = out("politique.csv");
    writeFileSync(good, "Clé;Valeur;Année\npreset;metropole;\nnom;Ville test;\n");
    const run = await runCli(["score", path, "-o", out(), "--policy", good]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Ville test");
    const bad = out("politique-fausse.csv");
    writeFileSync(bad, "Clé;Valeur;Année\npreset;lyon;\n");
    expect(await runCli(["score", path, "-o", out(), "--policy", bad])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Ligne 2"),
    });
  });

  it("no contracts table: exit 2 with the detection's reason, nothing written", async () => {
    const workbook = createWorkbook("Notes");
    await putValues(workbook, "Notes", "A1:B2", [
      ["Réunion", "lundi"],
      ["Ordre du jour", "budget"],
    ]);
    const path = out("notes.xlsx");
    await saveWorkbookToPath(workbook, path);
    const output = out();
    const run = await runCli(["score", path, "-o", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Aucun tableau de marchés trouvé");
    expect(run.stderr).toContain("« Notes »");
    expect(existsSync(output)).toBe(false);
  });

  it("scores the sample's 150 contracts next to its Excel table", async () => {
    const output = out();
    const run = await runCli(["score", SAMPLE, "-o", output]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("150 marchés");
    expect(run.stdout).toContain("tableau Programmation");
  });
});

describe("spaser init", () => {
  it("adds the policy, an empty cotations sheet and a blank contracts table when there is none", async () => {
    const workbook = createWorkbook("Feuil1");
    const path = out("vide.xlsx");
    await saveWorkbookToPath(workbook, path);
    const output = out();
    const run = await runCli(["init", path, "-o", output, "--policy", "pnad_2025"]);
    expect(run.code, run.stderr).toBe(0);
    const result = await open(output);
    expect(result.excel.worksheets.map((ws) => ws.name)).toEqual([
      "Feuil1",
      OWNED_SHEETS.policy,
      OWNED_SHEETS.cotations,
      OWNED_SHEETS.contracts,
    ]);
    expect((await getValues(result, OWNED_SHEETS.contracts, "A1:B1"))[0]).toEqual(["N° marché", "Objet du marché"]);
    // The blank table's mapping is stored, so that score and indicators work on it straight away.
    expect(await readStoredSourceOf(output)).toMatchObject({ sheet: OWNED_SHEETS.contracts, headerRow: 1 });
    expect((await runCli(["indicators", output, "--json"])).code).toBe(0);
  });

  it("keeps the sample's table and stores its mapping; a second init changes nothing", async () => {
    const output = out();
    const run = await runCli(["init", SAMPLE, "-o", output]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tableau des marchés trouvé");
    const again = out();
    const second = await runCli(["init", output, "-o", again]);
    expect(second.stdout).toContain("déjà présentes");
    expect(second.stdout).toContain("déjà enregistré");
  });
});

describe("spaser indicators", () => {
  it("gives each indicator's rate against the policy's target, with the gap and contracts missing", async () => {
    const { path } = await generated(20);
    const run = await runCli(["indicators", path, "--year", "2027", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const byId = Object.fromEntries(json.indicators.map((line: { id: string }) => [line.id, line]));
    // Generated contracts: "Clause environnementale" is "Oui" for every third row (i % 3 === 0).
    // Only those dated 2027 count: award dates run from 2027-03-01 by one day per row, so all 20 are in 2027.
    expect(json.contracts).toBe(20);
    expect(byId["env_clause"]).toMatchObject({ numerator: 7, denominator: 20, rate: 0.35 });
    expect(Object.keys(byId["env_criterion"])).toEqual(
      expect.arrayContaining(["id", "label", "numerator", "denominator", "rate", "target", "gap", "contractsMissing"]),
    );
    const withTarget = json.indicators.find(
      (l: { target: number | null; rate: number | null }) => l.target !== null && l.rate !== null,
    );
    if (withTarget) {
      expect(withTarget.gap).toBeCloseTo((withTarget.target - withTarget.rate) * 100, 6);
    }
  });

  it("uses the workbook's stored policy, and refuses a malformed year", async () => {
    const { path } = await generated(6);
    const scored = out();
    await runCli(["score", path, "-o", scored, "--policy", "metropole"]);
    const run = await runCli(["indicators", scored]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(du classeur)");
    expect(await runCli(["indicators", scored, "--year", "27"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Année invalide"),
    });
  });
});
