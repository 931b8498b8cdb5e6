/**
 * The real DECP files of shared/data/decp (see its README). Counts were established independently of
 * this code (Python over the raw files): 5 records in the 2024 file; 159 in the 2019 file, of which 33
 * have an empty id and 6 ids are shared by 21 records; 8 957 lines and 5 180 uid in the tabular extract,
 * 1 342 buyers, 1 088 uid whose lines disagree on contract fields.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportDecp2024 } from "./export";
import { importDecp } from "./import";
import { decpIndicators } from "./indicators";
import type { DecpImport } from "./types";

const DATA = join(__dirname, "../../../shared/data/decp");
const FILE_2024 = join(DATA, "decp-59920013600241-2024-07-09-01.json");
const FILE_2019 = join(DATA, "decp_21590163800019_2019-01-01_2021-12-31.json");
const FILE_CSV = join(DATA, "decp_2024H2_travaux_cpv4521_filtered.csv");
const CONCESSIONS = join(DATA, "examples/marches_concessions.json");
const SCHEMA = join(DATA, "schema_decp_v2.0.3.json");

function load(path: string): DecpImport {
  const result = importDecp(readFileSync(path, "utf8"), path);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function skipMessage(path: string): boolean {
  const present = existsSync(path);
  if (!present) console.warn(`Fichier DECP réel absent, test ignoré : ${path}`);
  return !present;
}

describe.skipIf(skipMessage(FILE_2024) || skipMessage(SCHEMA))("real 2024-format file (Mégalis Bretagne)", () => {
  it("imports 5 lots, all 'Pas de considération', no avance, and exports them valid", () => {
    const result = load(FILE_2024);
    expect(result.format).toBe("decp-2024");
    expect(result.counts).toMatchObject({ records: 5, rows: 5, rejected: 0, duplicates: 0 });
    for (const row of result.rows) {
      expect(row.flags).toEqual({
        envClause: false,
        envCriterion: false,
        envConsideration: false,
        socialClause: false,
        socialCriterion: false,
        reserved: false,
        socialConsideration: false,
      });
      expect(row.attributionAvance).toBe(false);
      expect(row.notificationDate).toBe("2024-05-30");
    }
    const [group] = decpIndicators(result.rows);
    expect(group).toMatchObject({ buyerSiret: "59920013600241", year: 2024, count: 5 });
    expect(group?.environmental.shareInNumber).toBe(0);
    expect(group?.advance.shareInNumber).toBe(0);
    const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as object;
    const exported = exportDecp2024(result.rows, schema, { buyer: "59920013600241" });
    expect(exported.problems).toEqual([]);
  });
});

describe.skipIf(skipMessage(FILE_2019))("real 2019-format file (Ville de Croix)", () => {
  const result = existsSync(FILE_2019) ? load(FILE_2019) : undefined;

  it("159 records: 33 rejected without id, 15 duplicates left out, 111 rows", () => {
    expect(result?.format).toBe("decp-2019");
    expect(result?.counts).toMatchObject({ records: 159, rejected: 33, duplicates: 15, rows: 111 });
    expect(result?.rejected.every((r) => r.reason === "Identifiant du marché (id) absent.")).toBe(true);
    expect(result?.duplicates.map((d) => [d.ids[0], d.count])).toEqual([
      ["202117F000000000", 3],
      ["202108000000000B", 2],
      ["202008000000000S", 2],
      ["2019050000000000", 2],
      ["000000000000", 7],
      ["0000000000000000", 5],
    ]);
    // Only one is a true copy; the others are lots or placeholder ids sharing a number.
    expect(result?.duplicates.filter((d) => d.identical).map((d) => d.ids[0])).toEqual(["202108000000000B"]);
  });

  it("does not infer the reserved flag from the object text (the 2019 format has no such field)", () => {
    const reserved = result?.rows.find((r) => r.object?.includes("marché réservé"));
    expect(reserved?.id).toBe("202108000000000E");
    expect(reserved?.flags.reserved).toBeUndefined();
  });

  it("applies modifications: current amount from the last avenant with an amount", () => {
    // Raw file: "AUGMENTATION EPAISSEUR ISOLANT" 167 146,26 then "AJOUT ECHELLE…" 176 880,26.
    const modified = result?.rows.find((r) =>
      r.modifications.some((m) => m.object === "AJOUT ECHELLE SECURITE CACHE METALLIQUE"),
    );
    expect(modified?.amount).toBe(176880.26);
    expect(modified?.initialAmount).not.toBe(176880.26);
  });
});

describe.skipIf(skipMessage(FILE_CSV))("real national tabular extract (2024 H2, works, CPV 4521)", () => {
  it("groups 8 957 lines into 5 180 contracts and reports how long it takes", () => {
    const text = readFileSync(FILE_CSV, "utf8");
    const start = performance.now();
    const result = importDecp(text, "decp.csv");
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(result.message);
    console.info(
      `Import DECP tabulaire : ${result.counts.lines} lignes, ${result.counts.rows} marchés en ${ms.toFixed(0)} ms (${Math.round((result.counts.rows * 1000) / ms)} marchés/s).`,
    );
    expect(result.format).toBe("tabulaire");
    expect(result.counts).toMatchObject({ lines: 8957, records: 5180, rows: 5180, rejected: 0, duplicates: 0 });
    expect(result.warnings).toHaveLength(1088);
    expect(result.rows[0]).toMatchObject({
      uid: "2000625860015720241300104",
      buyerName: "COMMUNE DE FILLIERE (MAIRIE)",
      titulaires: "ALU CONCEPT HABITAT (42199758600035)",
      amount: 61100,
      nature: "travaux",
      procedure: "mapa",
    });
    // No considerations in this extract: every flag unknown, never false.
    expect(result.rows.every((r) => Object.keys(r.flags).length === 0)).toBe(true);
    const buyers = new Set(decpIndicators(result.rows).map((g) => g.buyerSiret));
    expect(buyers.size).toBe(1342);
  });
});

describe.skipIf(skipMessage(CONCESSIONS))("official concessions example", () => {
  it("imports the 2 marchés and skips the 2 concessions with a reason", () => {
    const result = load(CONCESSIONS);
    expect(result.counts).toMatchObject({ records: 4, rows: 2, skipped: 2 });
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringContaining("concession"),
      expect.stringContaining("concession"),
    ]);
  });
});
