import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, temporaryFolder } from "./test-support";

const DECP = join(__dirname, "..", "..", "..", "shared", "data", "decp");
const FILE_2024 = join(DECP, "decp-59920013600241-2024-07-09-01.json");
const SCHEMA = join(DECP, "schema_decp_v2.0.3.json");
const have = existsSync(FILE_2024) && existsSync(SCHEMA);
const tmp = temporaryFolder();
afterAll(() => tmp.remove());

describe.skipIf(!have)(`spaser decp (${have ? DECP : `SKIPPED: ${DECP} is absent`})`, () => {
  it("imports the 2024 file, gives the DECP shares per buyer and year, and exports it back valid", async () => {
    const workbook = join(tmp.path, "decp.xlsx");
    const imported = await runCli(["decp", "import", FILE_2024, "-o", workbook]);
    expect(imported.code, imported.stderr).toBe(0);
    // 5 lots in the file (counted independently, see src/decp/real-files.test.ts).
    expect(imported.stdout).toContain("5 marché(s) importé(s), 0 doublon(s) écarté(s), 0 rejeté(s)");

    const indicators = JSON.parse((await runCli(["indicators", workbook, "--year", "2024", "--json"])).stdout);
    expect(indicators.contracts).toBe(5);
    expect(indicators.decp).toHaveLength(1);
    // Every lot says "Pas de considération environnementale": 0 of 5 known, in number and in value.
    expect(indicators.decp[0]).toMatchObject({ buyerSiret: "59920013600241", year: 2024, count: 5 });
    expect(indicators.decp[0].environmental).toMatchObject({ count: 0, known: 5, shareInNumber: 0, shareInValue: 0 });

    const json = join(tmp.path, "decp.json");
    const exported = await runCli(["decp", "export", workbook, "-o", json, "--schema", SCHEMA]);
    expect(exported.code, exported.stderr).toBe(0);
    const marches = JSON.parse(readFileSync(json, "utf8")).marches.marche;
    expect(marches).toHaveLength(5);
    expect(marches[0].acheteur.id).toBe("59920013600241");
  });

  it("export of a buyer's own table: every missing mandatory field per contract, nothing written unless --allow-invalid", async () => {
    const sample = join(__dirname, "..", "..", "assets", "samples", "programmation-achats-ville-exemple.xlsx");
    const json = join(tmp.path, "programmation.json");
    const noSiret = await runCli(["decp", "export", sample, "-o", json, "--schema", SCHEMA]);
    expect(noSiret).toMatchObject({ code: 2, stderr: expect.stringContaining("--siret") });
    const refused = await runCli([
      "decp",
      "export",
      sample,
      "-o",
      json,
      "--schema",
      SCHEMA,
      "--siret",
      "21750001600019",
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Marché .+ : champ obligatoire « \w+ » manquant/);
    expect(refused.stderr).toContain("rien n'a été écrit");
    expect(existsSync(json)).toBe(false);
    const forced = await runCli([
      "decp",
      "export",
      sample,
      "-o",
      json,
      "--schema",
      SCHEMA,
      "--siret",
      "21750001600019",
      "--allow-invalid",
    ]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8")).marches.marche).toHaveLength(150);
  });

  it("refuses a file that is not DECP, a bad SIRET and a missing output, in French", async () => {
    const notDecp = join(tmp.path, "autre.json");
    writeFileSync(notDecp, JSON.stringify({ bonjour: 1 }));
    const run = await runCli(["decp", "import", notDecp, "-o", join(tmp.path, "x.xlsx")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/spaser : .+/);
    expect(await runCli(["decp", "import", FILE_2024])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("-o"),
    });
    expect(await runCli(["decp", "export", FILE_2024, "-o", join(tmp.path, "y.json"), "--siret", "123"])).toMatchObject(
      {
        code: 2,
        stderr: expect.stringContaining("SIRET invalide"),
      },
    );
  });
});
