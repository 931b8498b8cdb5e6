import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { createWorkbook, SimExcel, type SimWorkbook, type SyncStats } from "../sim";
import { loadWorkbookFromPath } from "../sim/node";
import { getPreset } from "../spaser/presets";
import type { AnswerValue } from "../spaser/answers";
import { contractsWorkbook, getValues, onSim, putValues } from "../../test/support/sim-run";
import { readContracts } from "./contracts";
import { NAMES, OWNED_SHEETS } from "./constants";
import { WorkbookRefusal } from "./errors";
import { readPreviousCommittee } from "./committee";
import { blankTableSource, createExcelOperations } from "./excel-operations";
import { sheetOfAddress } from "./selection";
import { writeOwnedColumns } from "./owned-columns";
import { ruleColumns } from "./score";
import { readPolicy } from "./sheets";

const TODAY = "2026-01-15";
const SAMPLE = join(__dirname, "..", "..", "assets", "samples", "programmation-achats-ville-exemple.xlsx");
const SAMPLE_SHEET = "Programmation 2027-2028";

function operationsOn(workbook: SimWorkbook) {
  const stats: SyncStats[] = [];
  const ops = createExcelOperations(
    (batch) =>
      SimExcel.run(workbook, async (context) => {
        const result = await batch(context as unknown as Excel.RequestContext);
        stats.push({ ...context.stats });
        return result;
      }),
    { today: () => TODAY },
  );
  return { ops, lastSyncs: () => stats[stats.length - 1]!.syncs };
}

/** A generated buyer's workbook ("Marchés 2027", header on row 4 from column B), mapping confirmed. */
async function confirmed(count: number) {
  const sample = contractsWorkbook(count);
  await sample.build();
  const { ops, lastSyncs } = operationsOn(sample.workbook);
  const start = await ops.start();
  const source = start.found[0]!.source;
  await ops.confirmMapping(source);
  return { ...sample, ops, lastSyncs, source };
}

async function confirmedSample() {
  const workbook = await loadWorkbookFromPath(SAMPLE);
  const { ops, lastSyncs } = operationsOn(workbook);
  const source = (await ops.start()).found[0]!.source;
  await ops.confirmMapping(source);
  return { workbook, ops, lastSyncs, source };
}

async function formulasOf(workbook: SimWorkbook, sheet: string, address: string): Promise<unknown[][]> {
  return SimExcel.run(workbook, async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address);
    range.load("formulas");
    await context.sync();
    return range.formulas;
  });
}

const yes: AnswerValue = { kind: "option", option: "oui" };
const toStudy: AnswerValue = { kind: "option", option: "a_etudier" };
const no: AnswerValue = { kind: "option", option: "non" };
const answers: Record<string, AnswerValue> = {
  insertion_clause: toStudy,
  environmental_criterion: no,
  carbon: yes,
};

describe("start and the column mapping", () => {
  it("finds the table with its headers, then remembers the confirmed mapping and the policy", async () => {
    const sample = contractsWorkbook(12);
    await sample.build();
    const { ops } = operationsOn(sample.workbook);
    const before = await ops.start();
    expect(before.stored).toBeUndefined();
    expect(before.policy).toEqual({ kind: "absent" });
    expect(before.found[0]).toMatchObject({ sheet: "Marchés 2027", rows: 12 });
    expect(before.found[0]!.columns).toContainEqual({ column: 5, header: "Montant € HT" });

    const confirmation = await ops.confirmMapping(before.found[0]!.source);
    expect(confirmation.message).toMatch(/Correspondance des colonnes de «\sMarchés 2027\s» enregistrée/);
    expect(confirmation.addresses[0]).toContain("SPASER Paramètres");
    const after = await ops.start();
    expect(after.stored).toEqual(before.found[0]!.source);
    expect(after.storedProblem).toBeUndefined();
    expect(after.policy).toMatchObject({ kind: "present", policy: { presetId: "reference" } });

    // A colleague renames the amount column: the stored mapping is reported as stale, not used blindly.
    await putValues(sample.workbook, "Marchés 2027", "F4", [["Observations"]]);
    expect((await ops.start()).storedProblem).toMatch(/n'est plus à sa place/);
    await expect(ops.confirmMapping(before.found[0]!.source)).rejects.toThrow(WorkbookRefusal);
  });

  it("creates a blank contracts table with its mapping when the workbook has none", async () => {
    const workbook = createWorkbook("Feuil1");
    const { ops } = operationsOn(workbook);
    const confirmation = await ops.createBlankTable();
    expect(confirmation.message).toMatch(/vierge créé/);
    const start = await ops.start();
    expect(start.stored).toEqual(blankTableSource());
    expect(start.stored?.mapping.amountHT?.header).toBe("Montant € HT");
    expect(start.stored?.mapping.recurring?.header).toBe("Récurrent");
    expect(await ops.listContracts(start.stored!)).toEqual([]);
    // Again: the table is kept, nothing is duplicated.
    expect((await ops.createBlankTable()).message).toMatch(/existait déjà/);
  });
});

describe("saving a cotation", () => {
  it("writes one row of SPASER Cotations with a live POTENTIAL formula and the contract's SPASER · cells", async () => {
    const { workbook, ops, source, lastRow } = await confirmed(12);
    const userBefore = await getValues(workbook, "Marchés 2027", `A1:L${lastRow}`);
    const contracts = await ops.listContracts(source);
    const third = contracts[2]!;
    expect(third).toMatchObject({ key: "2027-00003", sheetRow: 7 });

    const confirmation = await ops.saveCotation(source, third, answers, "Claire Martin");
    expect(confirmation.message).toMatch(/Cotation du marché 2027-00003 enregistrée \(ligne 2 de SPASER Cotations\)/);
    const row = (await getValues(workbook, OWNED_SHEETS.cotations, "A2:E2"))[0]!;
    expect(row[0]).toBe("2027-00003");
    expect(row[3]).toBe("Claire Martin");
    expect(row[4]).toBe("2026.1");
    const [header] = await getValues(workbook, OWNED_SHEETS.cotations, "A1:AF1");
    const column = (label: string) => header!.indexOf(label);
    const cells = (await getValues(workbook, OWNED_SHEETS.cotations, "A2:AF2"))[0]!;
    expect(cells[column("Clause d'insertion")]).toBe("À étudier");
    expect(cells[column("Critère environnemental")]).toBe("Non");
    expect(cells[column("Carbone")]).toBe("Oui");
    expect((await formulasOf(workbook, OWNED_SHEETS.cotations, "AF2"))[0]![0]).toBe(
      `=SPASER.POTENTIAL(F2:AE2,${NAMES.policy})`,
    );

    // The user's cells are untouched; the two owned cells of row 7 are filled, the other rows left empty.
    expect(await getValues(workbook, "Marchés 2027", `A1:L${lastRow}`)).toEqual(userBefore);
    const owned = await getValues(workbook, "Marchés 2027", "M4:N8");
    expect(owned[0]).toEqual(["SPASER · Potentiel", "SPASER · Priorité"]);
    expect(typeof owned[3]![0]).toBe("number");
    expect(owned[3]![1]).toMatch(/^(Haute|Moyenne|Basse)$/);
    expect(owned[2]).toEqual(["", ""]);
    expect(confirmation.addresses).toEqual(expect.arrayContaining(["Marchés 2027!M7", "Marchés 2027!N7"]));
  });

  it("is idempotent: saving the same cotation twice leaves one row", async () => {
    const { workbook, ops, source, lastRow } = await confirmed(12);
    const contract = (await ops.listContracts(source))[0]!;
    await ops.saveCotation(source, contract, answers, "Claire Martin");
    const first = await getValues(workbook, OWNED_SHEETS.cotations, "A1:AF4");
    const firstTable = await getValues(workbook, "Marchés 2027", `A1:P${lastRow}`);
    const again = await ops.saveCotation(source, contract, answers, "Claire Martin");
    expect(again.message).toMatch(/mise à jour \(ligne 2/);
    expect(await getValues(workbook, OWNED_SHEETS.cotations, "A1:AF4")).toEqual(first);
    expect(await getValues(workbook, "Marchés 2027", `A1:P${lastRow}`)).toEqual(firstTable);
    expect((await getValues(workbook, OWNED_SHEETS.cotations, "A3:A3"))[0]![0]).toBe("");
  });

  it("shows a colleague's saved answers when the list is reloaded, and appends other contracts below", async () => {
    const { workbook, ops, source } = await confirmed(12);
    const contracts = await ops.listContracts(source);
    await ops.saveCotation(source, contracts[0]!, answers, "Claire Martin");
    await ops.saveCotation(source, contracts[4]!, { carbon: { kind: "not_applicable" } }, "Paul Durand");

    const colleague = operationsOn(workbook).ops; // another session on the shared workbook
    const reloaded = await colleague.listContracts(source);
    expect(reloaded[0]!.saved).toEqual({ version: "2026.1", answers, date: TODAY, author: "Claire Martin" });
    expect(reloaded[4]!.saved?.author).toBe("Paul Durand");
    expect(reloaded[4]!.saved?.answers).toEqual({ carbon: { kind: "not_applicable" } });
    expect(reloaded[1]!.saved).toBeUndefined();
    expect((await getValues(workbook, OWNED_SHEETS.cotations, "A2:A3")).flat()).toEqual(["2027-00001", "2027-00005"]);
  });

  it("refuses, and writes nothing, when the contract's row changed since the list was shown", async () => {
    const { workbook, ops, source } = await confirmed(12);
    const contracts = await ops.listContracts(source);
    // A colleague edits the amount of the third contract (row 7, column F) meanwhile.
    await putValues(workbook, "Marchés 2027", "F7", [[999_999]]);
    await expect(ops.saveCotation(source, contracts[2]!, answers, "Claire")).rejects.toThrow(/a été modifié/);
    // A colleague sorts the table: the row now holds another contract.
    await putValues(workbook, "Marchés 2027", "B8", [["2027-99999"]]);
    await expect(ops.saveCotation(source, contracts[3]!, answers, "Claire")).rejects.toThrow(
      /n'est plus sur la ligne 8/,
    );
    expect((await getValues(workbook, OWNED_SHEETS.cotations, "A2:A3")).flat()).toEqual(["", ""]);
    expect((await getValues(workbook, "Marchés 2027", "M4:N8")).flat().every((c) => c === "")).toBe(true);
  });

  it("puts its columns after the rule columns already written right of the table", async () => {
    const { workbook, ops, source } = await confirmed(12);
    await SimExcel.run(workbook, async (context) => {
      const ctx = context as unknown as Excel.RequestContext;
      const read = await readContracts(ctx, source);
      await writeOwnedColumns(ctx, read, ruleColumns({ policy: getPreset("reference")!, today: TODAY }));
    });
    const contract = (await ops.listContracts(source))[0]!;
    await ops.saveCotation(source, contract, answers, "Claire");
    expect((await getValues(workbook, "Marchés 2027", "U4:V4"))[0]).toEqual([
      "SPASER · Potentiel",
      "SPASER · Priorité",
    ]);
  });

  it("refuses answers to questions the questionnaire does not have", async () => {
    const { ops, source } = await confirmed(5);
    const contract = (await ops.listContracts(source))[0]!;
    await expect(ops.saveCotation(source, contract, { nope: yes }, "Claire")).rejects.toThrow(/questions inconnues/);
  });
});

describe("the selection", () => {
  it("gives the selected contract row, and follows the selection until stopped", async () => {
    const { workbook, ops, source, lastRow } = await confirmed(12);
    await workbook.select("D7", "Marchés 2027");
    expect(await ops.selectedRow(source)).toBe(7);
    await workbook.select("D4", "Marchés 2027");
    expect(await ops.selectedRow(source)).toBeUndefined(); // the header
    await workbook.select(`D${lastRow + 5}`, "Marchés 2027");
    expect(await ops.selectedRow(source)).toBeUndefined(); // below the table

    const seen: (number | undefined)[] = [];
    const stop = await ops.onSelectionChanged(source, (row) => seen.push(row));
    await workbook.select("C9", "Marchés 2027");
    await workbook.select("A1", OWNED_SHEETS.policy);
    stop();
    await workbook.select("C10", "Marchés 2027");
    expect(seen).toEqual([9, undefined]);
  });
});

describe("the policy", () => {
  it("rewrites the policy table and its name, and refuses an invalid policy with the domain's message", async () => {
    const { workbook, ops } = await confirmed(5);
    const reference = getPreset("reference")!;
    await expect(
      ops.writePolicy({ ...reference, targets: { ...reference.targets, env_criterion: { phase1: 1.5 } } }),
    ).rejects.toThrow(/env_criterion.*entre 0 et 100 %/);

    const local = {
      ...reference,
      name: "SPASER de l'agglomération",
      priorities: ["eau", "apprentissage", "économie locale"],
      weights: { ...reference.weights, priorityActions: [8, 11] },
    };
    const confirmation = await ops.writePolicy(local);
    expect(confirmation.message).toMatch(/Paramètres «\sSPASER de l'agglomération\s» enregistrés/);
    const { result } = await onSim(workbook, readPolicy);
    expect(result).toMatchObject({
      kind: "present",
      policy: { name: "SPASER de l'agglomération", priorities: local.priorities },
    });

    // Back to a shorter table: no stale row of the longer one is read.
    await ops.writePolicy(reference);
    const { result: back } = await onSim(workbook, readPolicy);
    expect(back).toEqual({ kind: "present", policy: reference });
  });
});

describe("the dashboard", () => {
  it("writes live formulas over the flag columns of the sample's table, by indicator of the policy", async () => {
    const { workbook, ops, source } = await confirmedSample();
    const confirmation = await ops.buildDashboard(source, 2027);
    expect(confirmation.message).toMatch(/Tableau de bord 2027 construit.*6 indicateurs/);
    expect(confirmation.message).toMatch(/Graphique réalisé \/ cible ajouté\./);
    const rows = await formulasOf(workbook, OWNED_SHEETS.dashboard, "A5:H10");
    const byId = new Map(rows.map((r) => [r[5], r]));
    const criterion = byId.get("env_criterion")!;
    const flags = `'${SAMPLE_SHEET}'!$N$5:$N$154`;
    expect(criterion[1]).toBe(`=SPASER.RATE(${flags})`);
    expect(criterion[2]).toBe(`=SPASER.TARGET("env_criterion",2027,SPASER_PARAMETRES)`);
    expect(criterion[3]).toBe(`=SPASER.TARGET_GAP("env_criterion",${flags},,2027,SPASER_PARAMETRES)`);
    expect(criterion[4]).toBe(`=SPASER.CONTRACTS_MISSING("env_criterion",${flags},,2027,SPASER_PARAMETRES)`);
    expect(byId.get("sme_share")![1]).toBe(`=SPASER.RATE('${SAMPLE_SHEET}'!$O$5:$O$154)`);
    // The sample has no "considération sociale" column: a clear row, no formula.
    expect(byId.get("social_consideration")![1]).toBe("n.d.");
    expect(byId.get("social_consideration")![6]).toBe("Colonne non renseignée («\u00a0Considération sociale\u00a0»)");
    expect(byId.get("social_consideration")![3]).toBe("");
  });

  it("counts the cotations made at J-12 and points the deployment block at the committee's decisions", async () => {
    const { workbook, ops, source } = await confirmed(20);
    const contracts = await ops.listContracts(source);
    // Cotation on 15/01/2026; awards from 01/03/2027: at least 12 months ahead.
    await ops.saveCotation(source, contracts[0]!, answers, "Claire");
    await ops.buildCommitteeList(source, 2027);
    await ops.buildDashboard(source, 2027);
    const block = await formulasOf(workbook, OWNED_SHEETS.dashboard, "A17:C22");
    expect(block[0]).toEqual(["Déploiement du SPASER", "Valeur", "Précision"]);
    expect(block[1]![1]).toMatch(/^=IF\(COUNTIF\('SPASER CAD'!\$J:\$J,"Retenu"\)/);
    expect(block[2]![1]).toBe(1);
    expect(block[2]![2]).toMatch(/^sur 1 marché coté/);
    expect(block[3]![1]).toBe(`=COUNTIF('SPASER CAD'!$J:$J,"Retenu")`);
    expect(block[4]![1]).toBe(`=COUNTIF('SPASER CAD'!$K:$K,"Oui")`);
    expect(block[5]![1]).toBe(`=IF(COUNT(D5:D15)=0,"",COUNTIF(D5:D15,"<=0")/COUNT(D5:D15))`);
  });

  it("is the same sheet after a rebuild, with its formats and one pair of gap rules", async () => {
    const { workbook, ops, source } = await confirmed(20);
    await ops.buildDashboard(source, 2027);
    const first = await formulasOf(workbook, OWNED_SHEETS.dashboard, "A1:H22");
    await ops.buildDashboard(source, 2027);
    expect(await formulasOf(workbook, OWNED_SHEETS.dashboard, "A1:H22")).toEqual(first);
    const numberFormats = await SimExcel.run(workbook, async (context) => {
      const range = context.workbook.worksheets.getItem(OWNED_SHEETS.dashboard).getRange("B5:D5");
      range.load("numberFormat");
      await context.sync();
      return range.numberFormat;
    });
    expect(numberFormats[0]!.slice(0, 2)).toEqual(["0%", "0%"]);
    const rules = workbook.sheet(OWNED_SHEETS.dashboard)!.conditionalFormattings.flatMap((cf) => cf.rules);
    expect(rules).toHaveLength(2);
  });

  it("leaves no sheet when cancelled, and reports its progress", async () => {
    const { workbook, ops, source } = await confirmed(20);
    const controller = new AbortController();
    const labels: string[] = [];
    const run = ops.buildDashboard(source, 2027, {
      signal: controller.signal,
      onProgress: (p) => {
        labels.push(p.label);
        if (p.label.startsWith("Calcul")) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/annulée/);
    expect(workbook.sheet(OWNED_SHEETS.dashboard)).toBeUndefined();
    expect(labels).toEqual(["Lecture du tableau des marchés", "Calcul des indicateurs"]);

    const steps: number[] = [];
    await ops.buildDashboard(source, 2027, { onProgress: (p) => steps.push(p.done) });
    expect(steps).toEqual([0, 1, 2, 3]);
  });

  it("needs the same number of syncs for 20 and 150 contracts", async () => {
    const syncsFor = async (count: number) => {
      const { ops, source, lastSyncs } = await confirmed(count);
      await ops.buildDashboard(source, 2027);
      const dashboard = lastSyncs();
      await ops.buildCommitteeList(source, 2027);
      return { dashboard, committee: lastSyncs() };
    };
    const small = await syncsFor(20);
    expect(await syncsFor(150)).toEqual(small);
    // The committee's print layout is a sync of its own, so a failure there leaves the list written.
    expect(small).toEqual({ dashboard: 3, committee: 4 });
  });
});

describe("the committee list (SPASER CAD)", () => {
  async function listed(workbook: SimWorkbook, rows: number) {
    return getValues(workbook, OWNED_SHEETS.committee, `A5:L${4 + rows}`);
  }

  it("lists the recurring contracts awarded in the year, ranked by priority then potential", async () => {
    const { workbook, ops, source } = await confirmedSample();
    const contracts = await ops.listContracts(source);
    const of2027 = contracts.filter((c) => c.record.awardDate?.startsWith("2027") && c.record.flags.recurring === true);
    const confirmation = await ops.buildCommitteeList(source, 2027);
    expect(confirmation.message).toMatch(new RegExp(`Liste du comité 2027 : ${of2027.length} marchés classés`));
    expect(confirmation.message).toMatch(/Mise en page paysage, ajustée à la largeur\./);
    const rows = await listed(workbook, of2027.length);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(of2027.map((c) => c.key)));
    const rank = { Haute: 1, Moyenne: 2, Basse: 3 } as Record<string, number>;
    const ranks = rows.map((r) => rank[String(r[5])]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows[0]![6]).toBe("Non coté");
    expect((await getValues(workbook, OWNED_SHEETS.committee, "A4:L4"))[0]![9]).toBe("Décision du comité");
    const validation = workbook.sheet(OWNED_SHEETS.committee)!.dataValidations.find("J5") as { formulae?: unknown[] };
    expect(validation.formulae?.[0]).toBe('"Retenu,Reporté,Non retenu"');
  });

  it("ranks a scored contract by its potential and keeps the committee's decisions across a rebuild", async () => {
    const { workbook, ops, source } = await confirmed(20);
    const contracts = await ops.listContracts(source);
    await ops.buildCommitteeList(source, 2027);
    const before = await listed(workbook, 20);
    const keyAt = (rows: unknown[][], key: string) => rows.findIndex((r) => r[1] === key);
    const chosen = before[before.length - 1]![1] as string;
    const row = 5 + keyAt(before, chosen);
    await putValues(workbook, OWNED_SHEETS.committee, `J${row}:L${row}`, [["Retenu", "En cours", "Clause à rédiger"]]);

    // Scoring the chosen contract (everything to study) moves it up; its decision follows it.
    const contract = contracts.find((c) => c.key === chosen)!;
    const everything = Object.fromEntries(
      ["insertion_clause", "social_criterion", "environmental_criterion", "carbon", "eco_labels"].map((id) => [
        id,
        toStudy,
      ]),
    );
    await ops.saveCotation(source, contract, everything, "Claire");
    const rebuilt = await ops.buildCommitteeList(source, 2027);
    expect(rebuilt.message).toMatch(/1 saisie\(s\) du comité conservée\(s\)/);
    const after = await listed(workbook, 20);
    const moved = after[keyAt(after, chosen)]!;
    expect(keyAt(after, chosen)).toBeLessThan(keyAt(before, chosen));
    expect(moved.slice(9)).toEqual(["Retenu", "En cours", "Clause à rédiger"]);
    expect(typeof moved[6]).toBe("number");
    expect(after.filter((r) => r[9] === "Retenu")).toHaveLength(1);
  });

  it("refuses to replace the list of another year that holds decisions", async () => {
    const { workbook, ops, source } = await confirmed(20);
    await ops.buildCommitteeList(source, 2027);
    await putValues(workbook, OWNED_SHEETS.committee, "J5", [["Reporté"]]);
    await expect(ops.buildCommitteeList(source, 2028)).rejects.toThrow(/décision\(s\) du comité 2027/);
    expect((await getValues(workbook, OWNED_SHEETS.committee, "J5"))[0]![0]).toBe("Reporté");
  });
});

describe("reading back what people typed", () => {
  it("reads the sheet name of an address Excel returns", () => {
    expect(sheetOfAddress("'Marchés 2027'!C7")).toBe("Marchés 2027");
    expect(sheetOfAddress("'L''été'!A1")).toBe("L'été");
    expect(sheetOfAddress("Feuil1!B2:C3")).toBe("Feuil1");
  });

  it("refuses a SPASER CAD sheet that no longer holds the committee list rather than guessing", () => {
    const block = {
      firstRow: 1,
      firstColumn: 0,
      lastRow: 2,
      lastColumn: 1,
      formulas: [],
      values: [["Notes"], ["à voir"]],
    };
    expect(() => readPreviousCommittee(block)).toThrow(/Décision du comité/);
    expect(readPreviousCommittee("empty")).toBeUndefined();
  });
});
