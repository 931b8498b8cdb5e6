/**
 * Documented examples of each SPASER function, with their legal basis. docs/functions.md is generated from
 * them, and a test evaluates every example through the functions, so the documentation cannot drift.
 */
export interface FunctionExample {
  /** As a French user types it (separator ";"). */
  readonly formula: string;
  /** The arguments Excel passes (dates as serial numbers, ranges as 2-D arrays). */
  readonly args: readonly unknown[];
  /** The result, or a prefix of a text result ending with "…". */
  readonly result: string | number | boolean | readonly (readonly number[])[];
}

export interface FunctionDoc {
  readonly basis: string;
  /** A typical formula when no evaluated example fits (POTENTIAL reads a whole row of answers). */
  readonly usage?: string;
  readonly examples: readonly FunctionExample[];
}

const D = (iso: string): number =>
  Math.round(
    (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000,
  );

export const FUNCTION_DOCS: Readonly<Record<string, FunctionDoc>> = {
  ELIGIBLE_RESERVE: {
    basis: "CCP L2113-12 à L2113-16, R2113-7 ; SPASER action 11 (plafond local, 90 000 € HT par défaut)",
    examples: [
      { formula: '=SPASER.RESERVABLE(50000; "SIAE;EA")', args: [50_000, [["SIAE;EA"]]], result: true },
      { formula: '=SPASER.RESERVABLE(120000; "SIAE")', args: [120_000, [["SIAE"]]], result: false },
      { formula: '=SPASER.RESERVABLE(50000; "ESS"; "autre")', args: [50_000, [["ESS"]], "autre"], result: false },
    ],
  },
  RESERVE_ADVICE: {
    basis: "CCP L2113-12 à L2113-14 ; règle du potentiel inclusif (Le Marché de l'inclusion)",
    examples: [
      {
        formula: "=SPASER.CONSEIL_RESERVATION(200000; 40; 2000000)",
        args: [200_000, 40, 2_000_000],
        result: "Réservation totale du marché : …",
      },
      { formula: "=SPASER.CONSEIL_RESERVATION(200000; 15)", args: [200_000, 15], result: "Lot réservé : …" },
    ],
  },
  INSERTION_STUDY: {
    basis: "CCP L2112-2-1 (Loi Climat, consultations lancées dès le 21/08/2026) ; SPASER action 8",
    examples: [
      {
        formula: '=SPASER.ETUDE_INSERTION(230000; DATE(2026;9;1); "collectivite"; "fournitures")',
        args: [230_000, D("2026-09-01"), "collectivite", "fournitures"],
        result: "Considération sociale obligatoire : …",
      },
      {
        formula: '=SPASER.ETUDE_INSERTION(150000; DATE(2026;9;1); "collectivite"; "fournitures")',
        args: [150_000, D("2026-09-01"), "collectivite", "fournitures"],
        result: "Clause d'insertion à étudier : …",
      },
    ],
  },
  INSERTION_HOURS: {
    basis: "Méthode standard de dimensionnement des clauses d'insertion ; SPASER action 8",
    examples: [
      { formula: "=SPASER.HEURES_INSERTION(1000000; 50%; 5%; 30)", args: [1_000_000, 0.5, 0.05, 30], result: 833 },
      { formula: '=SPASER.HEURES_INSERTION(1000000; "maçonnerie")', args: [1_000_000, "maçonnerie"], result: 833 },
    ],
  },
  ADVANCE_RATE: {
    basis: "CCP R2191-3, R2191-7 et suivants ; SPASER action 17 (bonification, choix local)",
    examples: [
      {
        formula: '=SPASER.TAUX_AVANCE(100000; 6; VRAI; 20; "collectivite"; DATE(2026;5;1))',
        args: [100_000, 6, true, 20, "collectivite", D("2026-05-01")],
        result: 0.3,
      },
      {
        formula: '=SPASER.TAUX_AVANCE(100000; 6; FAUX; ; "collectivite")',
        args: [100_000, 6, false, null, "collectivite"],
        result: 0.05,
      },
      { formula: "=SPASER.TAUX_AVANCE(40000; 6; VRAI; 20)", args: [40_000, 6, true, 20], result: 0 },
    ],
  },
  ADVANCE_AMOUNT: {
    basis: "CCP R2191-7 (base TTC ; au-delà de 12 mois, 12 × montant TTC ÷ durée)",
    examples: [{ formula: "=SPASER.MONTANT_AVANCE(120000; 24; 5%)", args: [120_000, 24, 0.05], result: 3600 }],
  },
  PRICE_REVISION: {
    basis: "CCP R2112-13, R2112-14 ; SPASER action 19",
    examples: [
      { formula: "=SPASER.REVISION_PRIX(6; 50%)", args: [6, 0.5], result: "Clause de révision obligatoire : …" },
      { formula: "=SPASER.REVISION_PRIX(24)", args: [24], result: "Révision des prix recommandée : …" },
    ],
  },
  THRESHOLD: {
    basis: "CCP R2122-8, R2131-12, R2196-1, annexe 2 (seuils européens)",
    examples: [
      {
        formula: '=SPASER.SEUIL("dispense_fournitures_services"; DATE(2026;3;31))',
        args: ["dispense_fournitures_services", D("2026-03-31")],
        result: 40_000,
      },
      {
        formula: '=SPASER.SEUIL("dispense_fs"; DATE(2026;4;1))',
        args: ["dispense_fs", D("2026-04-01")],
        result: 60_000,
      },
      {
        formula: '=SPASER.SEUIL("seuil_europeen_collectivites"; DATE(2026;6;1))',
        args: ["seuil_europeen_collectivites", D("2026-06-01")],
        result: 216_000,
      },
    ],
  },
  COMPLIANCE: {
    basis: "CCP L2112-2, L2152-7, R2152-7, L2112-2-1 (loi 2021-1104, article 35)",
    examples: [
      {
        formula: '=SPASER.CONFORMITE(DATE(2026;9;1); 150000; VRAI; VRAI; ; "collectivite"; "fournitures")',
        args: [D("2026-09-01"), 150_000, true, true, null, "collectivite", "fournitures"],
        result: "Conforme",
      },
      {
        formula: '=SPASER.CONFORMITE(DATE(2026;9;1); 230000; VRAI; VRAI; FAUX; "collectivite"; "fournitures")',
        args: [D("2026-09-01"), 230_000, true, true, false, "collectivite", "fournitures"],
        result: "Manque : …",
      },
    ],
  },
  MILESTONES: {
    basis: "Gouvernance du SPASER : travail avec le service de J-24 à J-14, cotation présentée à J-12",
    examples: [
      {
        formula: "=SPASER.JALONS(DATE(2028;3;31))",
        args: [D("2028-03-31")],
        result: [[D("2026-03-31"), D("2027-01-31"), D("2027-03-31")]],
      },
    ],
  },
  POTENTIAL: {
    basis: "Cotation du potentiel durable (questionnaire du SPASER, pondérations de la feuille SPASER Paramètres)",
    usage: "=SPASER.POTENTIEL('SPASER Cotations'!F2:AE2; SPASER_PARAMETRES)",
    examples: [],
  },
  RATE: {
    basis: "Indicateurs d'effet du SPASER (CCP D2111-3 : indicateurs en nombre ou en valeur)",
    examples: [
      {
        formula: "=SPASER.TAUX(B2:B5)  avec Oui, Non, X, (vide)",
        args: [[["Oui"], ["Non"], ["X"], [""]]],
        result: 0.6667,
      },
    ],
  },
  TARGET: {
    basis: "Cibles de déploiement du SPASER (plan de référence : critère environnemental 30 % puis 70 %)",
    examples: [
      { formula: '=SPASER.CIBLE("env_criterion"; 2025)', args: ["env_criterion", 2025], result: 0.3 },
      {
        formula: '=SPASER.CIBLE("critère environnemental"; 2027)',
        args: ["critère environnemental", 2027],
        result: 0.7,
      },
    ],
  },
  TARGET_GAP: {
    basis: "Cibles de déploiement du SPASER",
    examples: [
      {
        formula: '=SPASER.ECART_CIBLE("env_criterion"; B2:B21; ; 2027)  avec 7 Oui sur 20',
        args: ["env_criterion", [...Array(7).fill(["Oui"]), ...Array(13).fill(["Non"])], null, 2027],
        result: 35,
      },
    ],
  },
  CONTRACTS_MISSING: {
    basis: "Cibles de déploiement du SPASER",
    examples: [
      {
        formula: '=SPASER.MARCHES_MANQUANTS("env_criterion"; B2:B21; ; 2027)  avec 7 Oui sur 20',
        args: ["env_criterion", [...Array(7).fill(["Oui"]), ...Array(13).fill(["Non"])], null, 2027],
        result: 7,
      },
    ],
  },
  ACTION: {
    basis: "Catalogue des 26 actions du SPASER de référence",
    examples: [
      {
        formula: '=SPASER.ACTION(8; "titre")',
        args: [8, "titre"],
        result: "Étudier l'intégration d'une clause d'insertion…",
      },
    ],
  },
};
