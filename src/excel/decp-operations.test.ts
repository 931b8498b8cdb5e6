import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { createWorkbook, SimExcel, type SimWorkbook } from "../sim";
import { contractsWorkbook, getValues, putValues } from "../../test/support/sim-run";
import { OWNED_SHEETS } from "./constants";
import { DECP_SHEET } from "./decp-workbook";
import { WorkbookRefusal } from "./errors";
import { createExcelOperations } from "./excel-operations";

const TODAY = "2026-01-15";
const DECP = join(__dirname, "..", "..", "..", "shared", "data", "decp");
const EXAMPLE = join(DECP, "examples", "marches_avec_modifications.json");
const SCHEMA = join(DECP, "schema_decp_v2.0.3.json");
const haveExample = existsSync(EXAMPLE) && existsSync(SCHEMA);

function operationsOn(workbook: SimWorkbook) {
  return createExcelOperations(
    (batch) => SimExcel.run(workbook, (context) => batch(context as unknown as Excel.RequestContext)),
    { today: () => TODAY },
  );
}

async function sheetNames(workbook: SimWorkbook): Promise<string[]> {
  return SimExcel.run(workbook, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}

/** A 2024-format DECP file of one contract, written here (fields of the official example, one lot). */
function oneContractFile(id: string): string {
  return JSON.stringify({
    marches: {
      marche: [
        {
          id,
          acheteur: { id: "21750001600019" },
          nature: "Marché",
          objet: "Nettoyage des locaux",
          codeCPV: "90910000-9",
          procedure: "Procédure adaptée",
          lieuExecution: { code: "75056", typeCode: "Code commune" },
          dureeMois: 24,
          dateNotification: "2025-03-01",
          datePublicationDonnees: "2025-03-15",
          montant: 80000,
          formePrix: "Forfaitaire",
          titulaires: [{ titulaire: { typeIdentifiant: "SIRET", id: "44306184100047" } }],
        },
      ],
    },
  });
}

describe.skipIf(!haveExample)(
  `importDecp / exportDecp on the official example (${haveExample ? EXAMPLE : `SKIPPED: ${EXAMPLE} is absent`})`,
  () => {
    const example = haveExample ? readFileSync(EXAMPLE, "utf8") : "";
    const exampleIds = haveExample
      ? (JSON.parse(example) as { marches: { marche: { id: string }[] } }).marches.marche.map((m) => m.id)
      : [];

    it("imports into a buyer's workbook, points the mapping at SPASER Marchés, and exports back valid", async () => {
      const sample = contractsWorkbook(3);
      await sample.build();
      const ops = operationsOn(sample.workbook);

      const imported = await ops.importDecp("marches_avec_modifications.json", example);
      expect(imported.format).toBe("decp-2024");
      expect(imported.counts).toMatchObject({ records: exampleIds.length, rows: exampleIds.length, rejected: 0 });
      expect(imported.message).toContain(`${exampleIds.length} marchés importés`);
      expect(await sheetNames(sample.workbook)).toEqual(
        expect.arrayContaining(["Marchés 2027", OWNED_SHEETS.contracts, DECP_SHEET, OWNED_SHEETS.policy]),
      );
      // The buyer's own sheet is untouched.
      expect((await getValues(sample.workbook, "Marchés 2027", "B5:B5"))[0]![0]).toBe("2027-00001");

      const start = await ops.start();
      expect(start.stored?.sheet).toBe(OWNED_SHEETS.contracts);
      const contracts = await ops.listContracts(start.stored!);
      expect(contracts.map((c) => c.key)).toEqual(exampleIds);

      const exported = await ops.exportDecp(start.stored!, "");
      expect(exported.problems).toEqual([]);
      expect(exported.contracts).toBe(exampleIds.length);
      const document = JSON.parse(exported.json!) as {
        marches: { marche: { id: string; modifications?: unknown[] }[] };
      };
      // Validated again here, independently of the product's validator.
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      expect(ajv.validate(JSON.parse(readFileSync(SCHEMA, "utf8")) as object, document), ajv.errorsText()).toBe(true);
      expect(document.marches.marche.map((m) => m.id)).toEqual(exampleIds);
      // Fields the table does not show (the modifications) survive the round trip through SPASER DECP.
      expect(document.marches.marche.every((m) => (m.modifications?.length ?? 0) > 0)).toBe(true);
    });

    it("refuses a second import over SPASER Marchés holding contracts, and writes nothing", async () => {
      const workbook = createWorkbook("Feuil1");
      const ops = operationsOn(workbook);
      await ops.importDecp("marches_avec_modifications.json", example);
      const before = await getValues(workbook, DECP_SHEET, "A1:B3");

      const second = ops.importDecp("autre.json", oneContractFile("2025-NET-01"));
      await expect(second).rejects.toBeInstanceOf(WorkbookRefusal);
      await expect(second).rejects.toThrow(/SPASER Marchés.+contient déjà des marchés.+rien n'a été écrit/);
      expect(await getValues(workbook, DECP_SHEET, "A1:B3")).toEqual(before);
      expect((await getValues(workbook, OWNED_SHEETS.contracts, "A2:A3")).map((r) => r[0])).toEqual(exampleIds);
    });
  },
);

describe("importDecp / exportDecp", () => {
  it("imports into the blank table the pane created (no contract in it yet)", async () => {
    const workbook = createWorkbook("Feuil1");
    const ops = operationsOn(workbook);
    await ops.createBlankTable();
    const imported = await ops.importDecp("nettoyage.json", oneContractFile("2025-NET-01"));
    expect(imported.counts.rows).toBe(1);
    const contracts = await ops.listContracts((await ops.start()).stored!);
    expect(contracts.map((c) => c.record.amountHT)).toEqual([80_000]);
  });

  it("refuses a user's sheet named SPASER Marchés with rows in it", async () => {
    const workbook = createWorkbook("Feuil1");
    await putValues(workbook, OWNED_SHEETS.contracts, "A1:B2", [
      ["N° marché", "Objet"],
      ["2024-7", "Entretien des espaces verts"],
    ]);
    await expect(operationsOn(workbook).importDecp("x.json", oneContractFile("A"))).rejects.toThrow(
      /contient déjà des marchés/,
    );
    expect(await getValues(workbook, OWNED_SHEETS.contracts, "A2:B2")).toEqual([
      ["2024-7", "Entretien des espaces verts"],
    ]);
    expect(await sheetNames(workbook)).not.toContain(DECP_SHEET);
  });

  it("refuses a file that is not DECP, in French, with nothing written", async () => {
    const workbook = createWorkbook("Feuil1");
    await expect(operationsOn(workbook).importDecp("notes.json", '{"bonjour": 1}')).rejects.toBeInstanceOf(
      WorkbookRefusal,
    );
    expect(await sheetNames(workbook)).toEqual(["Feuil1"]);
  });

  it("exports a buyer's own table: no JSON, every missing mandatory field per contract", async () => {
    const sample = contractsWorkbook(3);
    await sample.build();
    const ops = operationsOn(sample.workbook);
    const source = (await ops.start()).found[0]!.source;
    await ops.confirmMapping(source);

    await expect(ops.exportDecp(source, "")).rejects.toThrow(/SIRET de l'acheteur/);
    await expect(ops.exportDecp(source, "1234")).rejects.toThrow(/SIRET invalide/);

    const exported = await ops.exportDecp(source, "217 500 016 00019");
    expect(exported.json).toBeUndefined();
    expect(exported.contracts).toBe(3);
    // The table has no CPV code and no notification date: DECP requires both for every contract.
    for (const id of ["2027-00001", "2027-00002", "2027-00003"]) {
      const fields = exported.problems.filter((p) => p.contract === id).map((p) => p.field);
      expect(fields).toEqual(expect.arrayContaining(["codeCPV", "dateNotification"]));
    }
    expect(exported.problems[0]!.message).toMatch(/^Marché 2027-\d+ : champ obligatoire « \w+ » manquant/);
  });
});
