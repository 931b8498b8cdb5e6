import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decpRowFromRecord, exportDecp2024 } from "./export";
import { importDecp } from "./import";
import type { DecpImport, DecpRow } from "./types";

const DATA = join(__dirname, "../../../shared/data/decp");
const SCHEMA_PATH = join(DATA, "schema_decp_v2.0.3.json");
const EXAMPLE_PATH = join(DATA, "examples/marches_avec_modifications.json");
const hasData = existsSync(SCHEMA_PATH) && existsSync(EXAMPLE_PATH);
if (!hasData) console.warn(`Tests d'export DECP ignorés : schéma ou exemple absent (${SCHEMA_PATH}).`);

const loadSchema = (): object => JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object;

function imported(text: string): DecpImport {
  const result = importDecp(text, "test.json");
  if (!result.ok) throw new Error(result.message);
  return result;
}

type Json = Record<string, unknown>;
const marchesOf = (json: string | undefined): Json[] =>
  (JSON.parse(json ?? "null") as { marches: { marche: Json[] } }).marches.marche;

describe.skipIf(!hasData)("export to the DECP 2024 format", () => {
  const schema = hasData ? loadSchema() : {};
  const exampleText = hasData ? readFileSync(EXAMPLE_PATH, "utf8") : "{}";

  it("round trip of the official example: import, export, valid, every field the rows hold kept", () => {
    const original = (JSON.parse(exampleText) as { marches: { marche: Json[] } }).marches.marche;
    const { rows } = imported(exampleText);
    const result = exportDecp2024(rows, schema, { buyer: "21750001630066" });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    const exported = marchesOf(result.json);
    expect(exported).toHaveLength(original.length);
    // Sub-contracting acts are not held by SPASER rows: the only fields not written back.
    const notHeld = new Set(["actesSousTraitance", "modificationsActesSousTraitance"]);
    original.forEach((source, i) => {
      const out = exported[i] ?? {};
      for (const field of Object.keys(source)) {
        if (notHeld.has(field)) {
          expect(out[field], field).toBeUndefined();
          continue;
        }
        expect(out[field], `${String(source["id"])}.${field}`).toEqual(source[field]);
      }
      expect(Object.keys(out).sort()).toEqual(
        Object.keys(source)
          .filter((f) => !notHeld.has(f))
          .sort(),
      );
    });
  });

  it("reports each missing mandatory field per contract in French, and gives no JSON", () => {
    const { rows } = imported(
      JSON.stringify({ marches: { marche: [{ id: "2024-017", acheteur: { id: "21750001630066" }, montant: 50000 }] } }),
    );
    const result = exportDecp2024(rows, schema, { buyer: "21750001630066" });
    expect(result.valid).toBe(false);
    expect(result.json).toBeUndefined();
    const messages = result.problems.map((p) => p.message);
    expect(messages).toContain("Marché 2024-017 : champ obligatoire « codeCPV » manquant.");
    expect(messages).toContain("Marché 2024-017 : champ obligatoire « dateNotification » manquant.");
    expect(result.problems.every((p) => p.contract === "2024-017")).toBe(true);
    // nature defaults to "Marché" for a SPASER row, and acheteur comes from the row: not reported.
    expect(result.problems.map((p) => p.field)).not.toContain("nature");
    expect(result.problems.map((p) => p.field)).not.toContain("acheteur");
  });

  it("returns the invalid JSON on request (allowInvalid) so that it can be fixed by hand", () => {
    const { rows } = imported(
      JSON.stringify({ marches: { marche: [{ id: "X", acheteur: { id: "21750001630066" } }] } }),
    );
    const result = exportDecp2024(rows, schema, { buyer: "21750001630066", allowInvalid: true });
    expect(result.valid).toBe(false);
    expect(marchesOf(result.json)[0]).toMatchObject({ id: "X", acheteur: { id: "21750001630066" } });
  });

  it("does not write unknown considerations as 'Pas de considération': the field is missing and reported", () => {
    const { rows } = imported(exampleText);
    const first = rows[0] as DecpRow;
    const unknownSocial: DecpRow = {
      ...first,
      flags: {
        ...first.flags,
        socialClause: undefined,
        socialCriterion: undefined,
        reserved: undefined,
        socialConsideration: undefined,
      },
    };
    const knownNone: DecpRow = {
      ...first,
      id: "SANS",
      flags: { envClause: false, envCriterion: false, socialConsideration: false },
    };
    const result = exportDecp2024([unknownSocial, knownNone], schema, { buyer: "21750001630066", allowInvalid: true });
    const [withUnknown, withNone] = marchesOf(result.json);
    expect(withUnknown?.["considerationsSociales"]).toBeUndefined();
    expect(result.problems.filter((p) => p.field === "considerationsSociales").map((p) => p.contract)).toEqual([
      "TEST2022",
    ]);
    expect(withNone?.["considerationsSociales"]).toEqual({ considerationSociale: ["Pas de considération sociale"] });
    expect(withNone?.["considerationsEnvironnementales"]).toEqual({
      considerationEnvironnementale: ["Pas de considération environnementale"],
    });
  });

  it("writes tauxAvance 0 for an avance of unknown rate, as the format defines it", () => {
    const { rows } = imported(exampleText);
    const row = rows[0] as DecpRow;
    expect(row.tauxAvance).toBeUndefined();
    expect(marchesOf(exportDecp2024([row], schema, { buyer: "x" }).json)[0]?.["tauxAvance"]).toBe(0);
  });

  it("translates schema errors: an id over 16 characters, an amount under 1 €", () => {
    const { rows } = imported(exampleText);
    const row = rows[1] as DecpRow;
    const bad: DecpRow = { ...row, id: "ID-BEAUCOUP-TROP-LONG", initialAmount: 0.5 };
    const result = exportDecp2024([bad], schema, { buyer: "x" });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          contract: "ID-BEAUCOUP-TROP-LONG",
          field: "id",
          message: "Marché ID-BEAUCOUP-TROP-LONG : champ « id » : 16 caractères au plus.",
        },
        {
          contract: "ID-BEAUCOUP-TROP-LONG",
          field: "montant",
          message: "Marché ID-BEAUCOUP-TROP-LONG : champ « montant » : doit être au moins 1.",
        },
      ]),
    );
  });

  it("exports a 2019 contract with 2024 labels, reporting what the 2019 format never held", () => {
    const text = JSON.stringify({
      marches: [
        {
          id: "2019-07",
          acheteur: { id: "21590163800019" },
          nature: "Accord-cadre",
          objet: "Tapis",
          codeCPV: "39531000",
          procedure: "Appel d offres ouvert",
          lieuExecution: { code: "59170", typeCode: "Code Postal" },
          dureeMois: "36",
          dateNotification: "2019-07-15",
          datePublicationDonnees: "2019-07-20",
          montant: "30000.00",
          formePrix: "Révisable",
          titulaires: [{ id: "81809944200019", typeIdentifiant: "", denominationSociale: "DECOPUB" }],
          modifications: [
            {
              objetModification: "avenant 1",
              dateSignatureModification: "2020-01-10",
              datePublicationDonneesModification: "2020-01-12",
              montant: "32000.00",
              dureeMois: null,
              titulaires: [],
            },
          ],
        },
      ],
    });
    const result = exportDecp2024(imported(text).rows, schema, { buyer: "21590163800019", allowInvalid: true });
    expect(marchesOf(result.json)[0]).toMatchObject({
      nature: "Marché",
      techniques: { technique: ["Accord-cadre"] },
      procedure: "Appel d'offres ouvert",
      lieuExecution: { code: "59170", typeCode: "Code postal" },
      typesPrix: { typePrix: ["Définitif révisable"] },
      titulaires: [{ titulaire: { typeIdentifiant: "SIRET", id: "81809944200019" } }],
      montant: 30000,
      modifications: [
        {
          modification: {
            id: 1,
            montant: 32000,
            dateNotificationModification: "2020-01-10",
            datePublicationDonneesModification: "2020-01-12",
          },
        },
      ],
    });
    expect(result.problems.map((p) => p.field).sort()).toEqual(
      [
        "attributionAvance",
        "ccag",
        "considerationsEnvironnementales",
        "considerationsSociales",
        "formePrix",
        "marcheInnovant",
        "modalitesExecution",
        "offresRecues",
        "sousTraitanceDeclaree",
        "typeGroupementOperateurs",
      ].sort(),
    );
  });

  it("exports a contract of the buyer's own table, holders read back from the supplier cell", () => {
    const row = decpRowFromRecord(
      {
        id: "2025-004",
        object: "Restauration scolaire",
        amountHT: 250000,
        notificationDate: "2025-02-03",
        supplier: "API RESTAURATION (41967142500017); 38103128500491",
        procedure: "mapa",
        cpv: "55524000",
        durationMonths: 48,
        flags: { envClause: true, envCriterion: true, socialClause: false, socialCriterion: false, reserved: false },
      },
      "21590163800019",
    );
    const result = exportDecp2024([row], schema, {
      buyer: "21590163800019",
      publicationDate: "2025-02-10",
      allowInvalid: true,
    });
    expect(marchesOf(result.json)[0]).toMatchObject({
      acheteur: { id: "21590163800019" },
      procedure: "Procédure adaptée",
      datePublicationDonnees: "2025-02-10",
      considerationsEnvironnementales: {
        considerationEnvironnementale: ["Clause environnementale", "Critère environnemental"],
      },
      considerationsSociales: { considerationSociale: ["Pas de considération sociale"] },
      titulaires: [
        { titulaire: { typeIdentifiant: "SIRET", id: "41967142500017" } },
        { titulaire: { typeIdentifiant: "SIRET", id: "38103128500491" } },
      ],
    });
  });

  it("refuses an unusable schema with a message instead of throwing", () => {
    const result = exportDecp2024([], { type: "pas-un-type" }, { buyer: "x" });
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.message).toContain("schéma");
  });
});
