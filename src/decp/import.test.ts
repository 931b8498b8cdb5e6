import { describe, expect, it } from "vitest";
import { importDecp } from "./import";
import type { DecpImport, DecpImportResult } from "./types";

function imported(result: DecpImportResult): DecpImport {
  if (!result.ok) throw new Error(`import refusé : ${result.message}`);
  return result;
}

const BUYER = "21750001630066";

/** A 2024 `marche` with every field SPASER reads; `patch` overrides or removes (undefined) fields. */
function marche2024(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: "2024-001",
    acheteur: { id: BUYER },
    nature: "Marché",
    objet: "Nettoyage des écoles",
    codeCPV: "90910000",
    procedure: "Appel d'offres ouvert",
    dureeMois: 36,
    dateNotification: "2024-03-12",
    datePublicationDonnees: "2024-03-20",
    montant: 120000,
    offresRecues: 4,
    attributionAvance: true,
    tauxAvance: 0.3,
    typesPrix: { typePrix: ["Définitif révisable"] },
    formePrix: "Unitaire",
    titulaires: [{ titulaire: { typeIdentifiant: "SIRET", id: "55204599900869" } }],
    considerationsSociales: { considerationSociale: ["Clause sociale"] },
    considerationsEnvironnementales: { considerationEnvironnementale: ["Critère environnemental"] },
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

const file2024 = (...marches: Record<string, unknown>[]): string => JSON.stringify({ marches: { marche: marches } });

describe("format detection", () => {
  it("reads the nested 2024 format", () => {
    const result = imported(importDecp(file2024(marche2024()), "decp.json"));
    expect(result.format).toBe("decp-2024");
    expect(result.counts).toMatchObject({ records: 1, rows: 1, rejected: 0, duplicates: 0 });
  });

  it("reads the consolidated 2024 flavour {marches:[…]} with _type keys", () => {
    const text = JSON.stringify({ marches: [{ ...marche2024(), _type: "Marché" }] });
    const result = imported(importDecp(text, "decp.json"));
    expect(result.format).toBe("decp-2024");
    expect(result.rows[0]?.flags.socialClause).toBe(true);
  });

  it("reads the 2019 format: numbers as text, formePrix, flat holders", () => {
    const text = JSON.stringify({
      marches: [
        {
          id: "2019-07",
          acheteur: { id: "21590163800019", nom: "Ville de Croix (59)" },
          nature: "marché",
          objet: "Tapis",
          codeCPV: "39531000-0 ",
          procedure: "Appel d offres ouvert",
          lieuExecution: { code: "59170", typeCode: "Code Postal", "nom ": "Croix" },
          dureeMois: "36",
          dateNotification: "2019-07-15",
          datePublicationDonnees: "2019-07-20",
          montant: "30000.00",
          formePrix: "Ferme",
          titulaires: [{ id: "81809944200019", typeIdentifiant: "", denominationSociale: "DECOPUB" }],
          modifications: [],
        },
      ],
    });
    const result = imported(importDecp(text, "croix.json"));
    expect(result.format).toBe("decp-2019");
    const row = result.rows[0];
    expect(row).toMatchObject({
      amount: 30000,
      durationMonths: 36,
      procedure: "formalisee",
      cpv: "39531000-0",
      nature: "fournitures", // CPV division 39: supplies
      titulaires: "DECOPUB (81809944200019)",
      typesPrix: ["Définitif ferme"],
      revisablePrice: false,
      place: { code: "59170", typeCode: "Code postal" },
    });
    // The 2019 format had no considerations: every flag unknown, not "no".
    expect(row?.flags).toEqual({});
    expect(row?.attributionAvance).toBeUndefined();
  });

  it("maps the 2019 price forms: Ferme et actualisable is not revisable, Révisable is", () => {
    const record = (id: string, formePrix: string) => ({ id, acheteur: { id: BUYER }, montant: "1000", formePrix });
    const text = JSON.stringify({ marches: [record("A", "Ferme et actualisable"), record("B", "Révisable")] });
    const rows = imported(importDecp(text, "x.json")).rows;
    expect(rows.map((r) => [r.typesPrix, r.revisablePrice])).toEqual([
      [["Définitif actualisable"], false],
      [["Définitif révisable"], true],
    ]);
  });

  it("reads a comma-separated tabular file and a semicolon one with French numbers alike", () => {
    const header = [
      "uid",
      "id",
      "type",
      "codeCPV",
      "acheteur_id",
      "acheteur_nom",
      "titulaire_id",
      "titulaire_nom",
      "montant",
      "dateNotification",
      "procedure",
      "dureeMois",
      "offresRecues",
    ];
    const line = [
      "21590163800019T1",
      "T1",
      "Travaux",
      "45210000",
      "21590163800019",
      "VILLE DE CROIX",
      "81809944200019",
      "DECOPUB",
      "",
      "2024-09-02",
      "Procédure adaptée",
      "12",
      "3",
    ];
    const comma = [header.join(","), line.map((c, i) => (i === 8 ? "30500.5" : c)).join(",")].join("\n");
    const semicolon = [header.join(";"), line.map((c, i) => (i === 8 ? "30 500,50" : c)).join(";")].join("\r\n");
    for (const text of [comma, semicolon]) {
      const result = imported(importDecp(text, "decp.csv"));
      expect(result.format).toBe("tabulaire");
      expect(result.rows[0]).toMatchObject({
        id: "T1",
        amount: 30500.5,
        nature: "travaux",
        offresRecues: 3,
        procedure: "mapa",
      });
    }
  });

  it("refuses a file that is neither DECP JSON nor a DECP table, with a French message", () => {
    expect(importDecp("{ pas du json", "a.json")).toMatchObject({
      ok: false,
      message: expect.stringContaining("n'est pas un JSON lisible"),
    });
    expect(importDecp(JSON.stringify({ contrats: [] }), "b.json")).toMatchObject({
      ok: false,
      message: expect.stringContaining("clé « marches »"),
    });
    expect(importDecp("nom;prenom\nDupont;Jean", "c.csv")).toMatchObject({
      ok: false,
      message: expect.stringContaining("« uid » ou « id »"),
    });
    expect(importDecp("  ", "d.csv")).toMatchObject({ ok: false });
  });
});

describe("considerations become SPASER flags", () => {
  const rowOf = (patch: Record<string, unknown>) => imported(importDecp(file2024(marche2024(patch)), "x.json")).rows[0];

  it("'Pas de considération' is false for every flag of its family", () => {
    const row = rowOf({
      considerationsSociales: { considerationSociale: ["Pas de considération sociale"] },
      considerationsEnvironnementales: { considerationEnvironnementale: ["Pas de considération environnementale"] },
    });
    expect(row?.flags).toEqual({
      envClause: false,
      envCriterion: false,
      envConsideration: false,
      socialClause: false,
      socialCriterion: false,
      reserved: false,
      socialConsideration: false,
    });
  });

  it("a missing field is unknown, not 'Pas de considération'", () => {
    const row = rowOf({ considerationsSociales: undefined, considerationsEnvironnementales: undefined });
    expect(row?.flags).toEqual({});
    expect(row?.flags.socialClause).toBeUndefined();
  });

  it("a present list is exhaustive: a reserved contract with a criterion has no social clause", () => {
    const row = rowOf({ considerationsSociales: { considerationSociale: ["Marché réservé", "Critère social"] } });
    expect(row?.flags).toMatchObject({
      reserved: true,
      socialCriterion: true,
      socialClause: false,
      socialConsideration: true,
    });
  });

  it("an unknown label is reported and does not count as a consideration", () => {
    const result = imported(
      importDecp(file2024(marche2024({ considerationsSociales: { considerationSociale: ["Insertion"] } })), "x.json"),
    );
    expect(result.rows[0]?.flags.socialConsideration).toBeUndefined();
    expect(result.warnings[0]?.message).toContain("considération « Insertion » inconnue");
  });
});

describe("avance, modifications, holders", () => {
  it("tauxAvance 0 with an avance means the rate is unknown", () => {
    const row = imported(importDecp(file2024(marche2024({ attributionAvance: true, tauxAvance: 0 })), "x.json"))
      .rows[0];
    expect(row?.attributionAvance).toBe(true);
    expect(row?.tauxAvance).toBeUndefined();
  });

  it("tauxAvance 0 without an avance is simply no avance", () => {
    const row = imported(importDecp(file2024(marche2024({ attributionAvance: false, tauxAvance: 0 })), "x.json"))
      .rows[0];
    expect(row).toMatchObject({ attributionAvance: false, tauxAvance: 0 });
  });

  it("applies modifications in order: current amount, duration and holders, initial ones kept", () => {
    const modification = (id: number, values: Record<string, unknown>) => ({
      modification: {
        id,
        dateNotificationModification: "2024-09-01",
        datePublicationDonneesModification: "2024-09-05",
        ...values,
      },
    });
    const row = imported(
      importDecp(
        file2024(
          marche2024({
            montant: 100000,
            dureeMois: 12,
            // Listed out of order on purpose: modification 2 is the latest.
            modifications: [
              modification(2, { montant: 115000 }),
              modification(1, {
                montant: 108000,
                dureeMois: 18,
                titulaires: [{ titulaire: { typeIdentifiant: "SIRET", id: "11111111111111" } }],
              }),
            ],
          }),
        ),
        "x.json",
      ),
    ).rows[0];
    expect(row).toMatchObject({ amount: 115000, initialAmount: 100000, durationMonths: 18, initialDurationMonths: 12 });
    expect(row?.titulaires).toBe("11111111111111");
    // The holders as notified stay in `holders` for the export.
    expect(row?.holders).toEqual([{ id: "55204599900869", idType: "SIRET" }]);
  });

  it("gives one SPASER contract record per row, with the current amount and the joined holders", () => {
    const result = imported(importDecp(file2024(marche2024()), "x.json"));
    expect(result.records[0]).toEqual({
      id: "2024-001",
      object: "Nettoyage des écoles",
      amountHT: 120000,
      notificationDate: "2024-03-12",
      supplier: "55204599900869",
      procedure: "formalisee",
      nature: "services",
      durationMonths: 36,
      cpv: "90910000",
      flags: {
        envClause: false,
        envCriterion: true,
        envConsideration: true,
        socialClause: true,
        socialCriterion: false,
        reserved: false,
        socialConsideration: true,
      },
    });
  });
});

describe("duplicates, rejections, concessions", () => {
  it("keeps the first of two records with the same buyer and id, and lists the other", () => {
    const text = file2024(
      marche2024({ objet: "Lot 1" }),
      marche2024({ id: "2024-002" }),
      marche2024({ objet: "Lot 2" }),
    );
    const result = imported(importDecp(text, "x.json"));
    expect(result.rows.map((r) => r.object)).toEqual(["Lot 1", "Nettoyage des écoles"]);
    expect(result.duplicates).toEqual([
      { key: `${BUYER} / 2024-001`, count: 2, ids: ["2024-001"], indices: [0, 2], identical: false },
    ]);
    expect(result.counts).toMatchObject({ records: 3, rows: 2, duplicates: 1 });
  });

  it("the same id at two buyers is not a duplicate", () => {
    const text = file2024(marche2024(), marche2024({ acheteur: { id: "21590163800019" } }));
    expect(imported(importDecp(text, "x.json")).duplicates).toEqual([]);
  });

  it("rejects unreadable records with a French reason and imports the others", () => {
    const text = file2024(
      marche2024({ id: undefined }),
      marche2024({ id: "B", montant: "beaucoup" }),
      marche2024({ id: "C", dateNotification: "31/02/2024" }),
      marche2024({ id: "D" }),
      marche2024({ id: "E", modifications: [{ modification: { id: 1, montant: "n/a" } }] }),
    );
    const result = imported(importDecp(text, "x.json"));
    expect(result.rows.map((r) => r.id)).toEqual(["D"]);
    expect(result.rejected).toEqual([
      { index: 0, reason: "Identifiant du marché (id) absent." },
      { index: 1, id: "B", reason: "Montant « beaucoup » illisible." },
      { index: 2, id: "C", reason: "Date de notification « 31/02/2024 » illisible." },
      { index: 4, id: "E", reason: "Montant de modification « n/a » illisible." },
    ]);
    expect(result.counts).toMatchObject({ records: 5, rows: 1, rejected: 4 });
  });

  it("skips concessions with a reason", () => {
    const text = JSON.stringify({
      marches: {
        marche: [marche2024()],
        "contrat-concession": [{ id: "C1", autoriteConcedante: { id: BUYER }, valeurGlobale: 10 }],
      },
    });
    const result = imported(importDecp(text, "x.json"));
    expect(result.rows).toHaveLength(1);
    expect(result.skipped).toEqual([{ index: 1, id: "C1", reason: expect.stringContaining("Contrat de concession") }]);
    expect(result.counts).toMatchObject({ records: 2, skipped: 1 });
  });
});

describe("tabular file", () => {
  const header =
    "uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues,acheteur_departement_code,titulaire_departement_code,acheteur_region_code,titulaire_region_code";
  const line = (uid: string, id: string, holderId: string, holderName: string, amount = "150000") =>
    `${uid},${id},Travaux,45210000,21590163800019,"VILLE DE CROIX, MAIRIE",${holderId},${holderName},${amount},2024-09-02,Appel d'offres ouvert,18,5,59,59,32,32`;

  it("groups the lines of one uid and joins the holders", () => {
    const text = [
      header,
      line("21590163800019A1", "A1", "11111111111111", "MANDATAIRE SA"),
      line("21590163800019B2", "B2", "33333333333333", "SEUL SARL"),
      line("21590163800019A1", "A1", "22222222222222", '"COTRAITANT ""LES BATISSEURS"""'),
      line("21590163800019A1", "A1", "11111111111111", "MANDATAIRE SA"),
    ].join("\n");
    const result = imported(importDecp(text, "decp.csv"));
    expect(result.counts).toMatchObject({ records: 2, rows: 2, lines: 4, rejected: 0 });
    expect(result.rows[0]).toMatchObject({
      uid: "21590163800019A1",
      buyerName: "VILLE DE CROIX, MAIRIE",
      titulaires: 'MANDATAIRE SA (11111111111111); COTRAITANT "LES BATISSEURS" (22222222222222)',
    });
    expect(result.warnings).toEqual([]);
  });

  it("warns when the lines of one uid disagree, keeping the first", () => {
    const text = [
      header,
      line("U1", "1", "11111111111111", "A", "100000"),
      line("U1", "1", "22222222222222", "B", "120000"),
    ].join("\n");
    const result = imported(importDecp(text, "decp.csv"));
    expect(result.rows[0]?.amount).toBe(100000);
    expect(result.warnings[0]?.message).toContain("montant");
  });

  it("reads the considerations and avance columns of the full national table when present", () => {
    const text = [
      "uid,id,acheteur_id,montant,dateNotification,considerationsSociales,considerationsEnvironnementales,attributionAvance,tauxAvance",
      'U1,1,21590163800019,1000,2024-01-10,"Clause sociale, Marché réservé",,true,0',
      "U2,2,21590163800019,1000,2024-01-10,Pas de considération sociale,Pas de considération environnementale,false,0",
    ].join("\n");
    const rows = imported(importDecp(text, "decp.csv")).rows;
    expect(rows[0]?.flags).toEqual({
      socialClause: true,
      socialCriterion: false,
      reserved: true,
      socialConsideration: true,
    });
    expect(rows[0]).toMatchObject({ attributionAvance: true, tauxAvance: undefined });
    expect(rows[1]?.flags).toMatchObject({ socialConsideration: false, envConsideration: false });
  });
});
