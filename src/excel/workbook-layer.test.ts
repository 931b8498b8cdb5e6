import { describe, expect, it } from "vitest";
import { getPreset } from "../spaser/presets";
import { contractsWorkbook, getValues, onSim, putValues } from "../../test/support/sim-run";
import { readContracts } from "./contracts";
import { NAMES, OWNED_SHEETS } from "./constants";
import { WorkbookRefusal } from "./errors";
import { inspectWorkbook } from "./inspect";
import { writeOwnedColumns } from "./owned-columns";
import { ruleColumns } from "./score";
import { ensurePolicySheet, readPolicy, writeMapping } from "./sheets";
import { sourceFromInspection, sourceFromRows, sourceToRows, type ContractsSource } from "./source";

const policy = getPreset("reference")!;
const scoreOptions = { policy, buyerKind: "collectivite" as const, today: "2026-11-22" };

async function setUp(count: number) {
  const sample = contractsWorkbook(count);
  await sample.build();
  const { result: report } = await onSim(sample.workbook, inspectWorkbook);
  const source = sourceFromInspection(report.tables[0]!);
  return { ...sample, report, source };
}

async function score(workbook: Parameters<typeof onSim>[0], source: ContractsSource) {
  return onSim(workbook, async (context) => {
    const read = await readContracts(context, source);
    return writeOwnedColumns(context, read, ruleColumns(scoreOptions));
  });
}

describe("finding the contracts table", () => {
  it("finds the header under the title rows, the contracts, and skips the section and totals rows", async () => {
    const { report, lastRow } = await setUp(30);
    expect(report.tables).toHaveLength(1);
    const table = report.tables[0]!;
    expect(table.sheet).toBe("Marchés 2027");
    expect(table.detection.headerRow).toBe(4);
    expect(table.detection.rows).toBe(30);
    expect(table.detection.mapping.amountHT?.header).toBe("Montant € HT");
    expect(table.detection.mapping.object?.header).toBe("Objet du marché");
    expect(table.detection.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(["section", "total"]));
    expect(table.detection.contractRows).not.toContain(lastRow);
  });
});

describe("reading and writing", () => {
  it("reads every contract in one request and normalises it through the domain", async () => {
    const { workbook, source } = await setUp(30);
    const { result, stats } = await onSim(workbook, (context) => readContracts(context, source));
    expect(result.rows).toHaveLength(30);
    expect(result.rows[0]).toMatchObject({ key: "2027-00001", record: { amountHT: 8_000, nature: "travaux" } });
    // The "Clause sociale" cell left empty is missing, not "no".
    expect(result.rows[1]!.record.flags.socialClause).toBeUndefined();
    expect(result.rows[2]!.record.flags.socialClause).toBe(false);
    expect(stats.syncs).toBeLessThanOrEqual(2); // one load + sync, plus Excel.run's closing sync
  });

  it("writes the SPASER columns right of the table and never changes a user cell", async () => {
    const { workbook, source, lastRow } = await setUp(30);
    const before = await getValues(workbook, "Marchés 2027", `A1:L${lastRow}`);
    const { result } = await score(workbook, source);
    expect(result.headers[0]).toBe("SPASER · Réservation");
    expect(result.address).toBe(`M4:T${lastRow}`);
    expect(await getValues(workbook, "Marchés 2027", `A1:L${lastRow}`)).toEqual(before);
    const written = await getValues(workbook, "Marchés 2027", `M4:T6`);
    expect(written[0]).toEqual([
      "SPASER · Réservation",
      "SPASER · Insertion",
      "SPASER · Taux d'avance",
      "SPASER · Révision des prix",
      "SPASER · Loi Climat",
      "SPASER · J-24",
      "SPASER · J-14",
      "SPASER · J-12",
    ]);
    // First contract: 8 000 € HT, under the 90 000 € cap; no avance is due below 50 000 €.
    expect(written[1]![0]).toMatch(/^À étudier/);
    expect(written[1]![2]).toBe(0);
  });

  it("is idempotent: a second run rewrites the same cells with the same values", async () => {
    const { workbook, source, lastRow } = await setUp(30);
    await score(workbook, source);
    const first = await getValues(workbook, "Marchés 2027", `A1:AB${lastRow}`);
    const { result } = await score(workbook, source);
    expect(result.created).toBe(0);
    expect(result.refreshed).toBe(8);
    expect(await getValues(workbook, "Marchés 2027", `A1:AB${lastRow}`)).toEqual(first);
  });

  it("refuses to write, and writes nothing, when a row changed since it was read (co-authoring)", async () => {
    const { workbook, source, lastRow } = await setUp(30);
    await expect(
      onSim(workbook, async (context) => {
        const read = await readContracts(context, source);
        // A colleague edits an amount between the read and the write.
        context.workbook.worksheets.getItem("Marchés 2027").getRange("F7").values = [[999_999]];
        await context.sync();
        return writeOwnedColumns(context, read, ruleColumns(scoreOptions));
      }),
    ).rejects.toThrow(WorkbookRefusal);
    expect((await getValues(workbook, "Marchés 2027", `M4:T${lastRow}`)).flat().every((c) => c === "")).toBe(true);
  });

  it("leaves a user's column right of the table alone and writes in the next free columns", async () => {
    const { workbook, source, lastRow } = await setUp(12);
    await putValues(workbook, "Marchés 2027", "M4:M6", [["Commentaire"], ["à revoir"], [""]]);
    const { result } = await score(workbook, source);
    expect(result.address).toBe(`N4:U${lastRow}`);
    expect(await getValues(workbook, "Marchés 2027", "M4:M6")).toEqual([["Commentaire"], ["à revoir"], [""]]);
  });

  it("refuses when the mapped columns moved since the mapping was confirmed", async () => {
    const { workbook, source } = await setUp(12);
    await putValues(workbook, "Marchés 2027", "F4", [["Observations"]]);
    await expect(onSim(workbook, (context) => readContracts(context, source))).rejects.toThrow(/n'est plus à sa place/);
  });

  it("needs the same number of syncs for 100 and 20 000 contracts", async () => {
    const syncsFor = async (count: number) => {
      const { workbook, source } = await setUp(count);
      const { stats } = await score(workbook, source);
      return { syncs: stats.syncs, maxRequestBytes: stats.maxRequestBytes };
    };
    const small = await syncsFor(100);
    const large = await syncsFor(20_000);
    expect(large.syncs).toBe(small.syncs);
    expect(large.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);
});

describe("the add-in's sheets", () => {
  it("stores the policy with its named range, keeps an existing policy, and stores the mapping", async () => {
    const { workbook, source } = await setUp(5);
    await onSim(workbook, (context) => ensurePolicySheet(context, policy));
    const { result: kept } = await onSim(workbook, (context) => ensurePolicySheet(context, getPreset("metropole")!));
    expect(kept.kept).toEqual([OWNED_SHEETS.policy]);
    const { result: read } = await onSim(workbook, readPolicy);
    expect(read).toMatchObject({ kind: "present", policy: { presetId: "reference" } });
    await onSim(workbook, (context) => writeMapping(context, source));
    const { result: names } = await onSim(workbook, async (context) => {
      const item = context.workbook.names.getItem(NAMES.mapping).getRange();
      item.load("values");
      await context.sync();
      return item.values;
    });
    expect(sourceFromRows(names)).toEqual({ ok: true, source: sourceFromRows(sourceToRows(source)).ok && source });
  });
});
