/**
 * The durability questionnaire ("questionnaire de cotation", SPASER action 2): the questions the SPASER team
 * asks the operational service about a recurring contract, grouped by axis, each tied to the plan's actions.
 *
 * Questionnaires are versioned. Answers stored in a workbook carry the version they were given under, and
 * every published version stays in QUESTIONNAIRES so old answers remain readable and scorable.
 *
 * A question applies to a contract according to its facts (amount, nature, procedure, duration,
 * recurrence). Thresholds are never literals in the conditions: they are named parameters (defaults from
 * the plan, overridable by the organisation's policy). A fact that is unknown never hides a question:
 * the service can still answer "Sans objet".
 */
import { euros } from "./format";
import { DEFAULT_LOCAL_RULES } from "./local-rules";
import type { ContractRecord, ProcedureKind } from "./records";
import type { AxisId, ContractNature, IsoDate } from "./types";

/** What the questionnaire needs to know about the contract. Every field is optional. */
export interface ContractFacts {
  readonly amountHT?: number;
  readonly nature?: ContractNature;
  readonly procedure?: ProcedureKind;
  readonly durationMonths?: number;
  readonly awardDate?: IsoDate;
  /** The contract will be renewed (the CAD works on recurring contracts). */
  readonly recurring?: boolean;
}

/** What the questionnaire knows of a contract, from its normalised row of the buyer's table. */
export function factsOfRecord(record: ContractRecord): ContractFacts {
  return {
    amountHT: record.amountHT,
    nature: record.nature,
    procedure: record.procedure,
    durationMonths: record.durationMonths,
    awardDate: record.awardDate,
    recurring: record.flags.recurring,
  };
}

export interface QuestionnaireThresholds {
  readonly reservationCapHT: number;
  readonly insertionStudyThresholdHT: number;
  readonly priceRevisionMinMonths: number;
  /**
   * SPASER action 17: the avance bonifiée applies under the EU threshold, which depends on the buyer and
   * the date (thresholds.ts). Absent = not checked, the question is asked.
   */
  readonly advanceBonusCapHT?: number;
}

/** The plan's thresholds (SPASER actions 11, 8 and 19) as the organisation's default local rules set them. */
export const DEFAULT_THRESHOLDS: QuestionnaireThresholds = {
  reservationCapHT: DEFAULT_LOCAL_RULES.reservationCapHT,
  insertionStudyThresholdHT: DEFAULT_LOCAL_RULES.insertionStudyThresholdHT,
  priceRevisionMinMonths: DEFAULT_LOCAL_RULES.priceRevisionMinMonths,
};

/** Options of applicableQuestions and scoring; a LocalRules object fits as it is. */
export type QuestionnaireOptions = Partial<QuestionnaireThresholds>;

export type AmountThreshold = "reservationCapHT" | "insertionStudyThresholdHT" | "advanceBonusCapHT";

/** When a question applies. Data, not code, so the task pane can say why a question is shown or hidden. */
export type QuestionCondition =
  | { readonly kind: "always" }
  | { readonly kind: "amountAbove"; readonly threshold: AmountThreshold }
  | { readonly kind: "amountBelow"; readonly threshold: AmountThreshold }
  | { readonly kind: "durationAtLeast"; readonly threshold: "priceRevisionMinMonths" }
  | { readonly kind: "procedureIs"; readonly procedures: readonly ProcedureKind[] }
  | { readonly kind: "natureIs"; readonly natures: readonly ContractNature[] }
  | { readonly kind: "recurring" }
  | { readonly kind: "all"; readonly conditions: readonly QuestionCondition[] };

/**
 * An answer option with what it says about the contract:
 * - achievement: how much of the lever is already in place (1 = done, 0 = nothing);
 * - feasibility: how ready the service is to pull the lever that remains (1 = ready to study it).
 */
export interface AnswerOption {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string;
  readonly achievement: number;
  readonly feasibility: number;
}

/**
 * A "Non" means the lever is unused and the service has not agreed to study it: the room for improvement is
 * there, but it counts for half against an "À étudier" (policy constant of the cotation).
 */
export const REFUSED_LEVER_FEASIBILITY = 0.5;

export const YES_NO_OPTIONS: readonly AnswerOption[] = [
  { id: "oui", label: "Oui", labelEn: "Yes", achievement: 1, feasibility: 1 },
  { id: "non", label: "Non", labelEn: "No", achievement: 0, feasibility: REFUSED_LEVER_FEASIBILITY },
  { id: "a_etudier", label: "À étudier", labelEn: "To study", achievement: 0, feasibility: 1 },
];

export type AnswerSpec =
  | { readonly type: "oui_non_na_etudier" }
  | {
      readonly type: "nombre";
      readonly unit: string;
      readonly min: number;
      readonly max: number;
      /** Value at which the lever counts as fully in place (achievement grows linearly from min). */
      readonly fullAt: number;
    }
  | { readonly type: "choix"; readonly options: readonly AnswerOption[] };

export interface Question {
  /** Stable identifier: answers are stored under it, never renamed once published. */
  readonly id: string;
  readonly axis: AxisId;
  /** Short French label for a column header. */
  readonly short: string;
  readonly text: string;
  readonly help: string;
  readonly textEn: string;
  readonly answer: AnswerSpec;
  readonly defaultWeight: number;
  /** Actions the question supports; the first is the one recommended when the lever is not in place. */
  readonly actions: readonly number[];
  /** What to do when the lever is not in place, as a French verb phrase ("étudier une clause d'insertion"). */
  readonly advice: string;
  readonly condition: QuestionCondition;
  /**
   * The plan's own rule recommends the action from the facts alone, before any answer (actions 8, 11, 17,
   * 19, 20: amount, duration or procedure).
   */
  readonly planRule?: boolean;
}

export interface Questionnaire {
  readonly version: string;
  readonly title: string;
  /** In column order: a row of answers follows this order. */
  readonly questions: readonly Question[];
}

const YES_NO: AnswerSpec = { type: "oui_non_na_etudier" };
const ALWAYS: QuestionCondition = { kind: "always" };

// ── Questions (objects are shared between versions when unchanged) ────────────────────────────────────

const INSERTION_CLAUSE: Question = {
  id: "insertion_clause",
  axis: "social",
  short: "Clause d'insertion",
  text: "Le contrat comporte-t-il une clause d'insertion (heures de travail réservées à des personnes éloignées de l'emploi) ?",
  help: "Le SPASER demande d'étudier une clause d'insertion pour tout contrat au-dessus du seuil d'étude (90 000 € HT par défaut). Le facilitateur aide à dimensionner les heures.",
  textEn: "Does the contract include an employment-integration clause (hours reserved for people far from employment)?",
  answer: YES_NO,
  defaultWeight: 3,
  actions: [8, 9],
  advice: "étudier une clause d'insertion",
  condition: { kind: "amountAbove", threshold: "insertionStudyThresholdHT" },
  planRule: true,
};

const INSERTION_FACILITATOR: Question = {
  id: "insertion_facilitator",
  axis: "social",
  short: "Facilitateur associé",
  text: "Le facilitateur des clauses sociales a-t-il été associé au dimensionnement de la clause ?",
  help: "Le facilitateur calcule les heures (montant × part de main-d'œuvre × taux d'insertion ÷ coût horaire) et suit leur réalisation.",
  textEn: "Has the social-clause facilitator been involved in sizing the clause?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [9],
  advice: "associer le facilitateur des clauses sociales",
  condition: { kind: "amountAbove", threshold: "insertionStudyThresholdHT" },
};

const INSERTION_HOURS_RATE: Question = {
  id: "insertion_hours_rate",
  axis: "social",
  short: "Heures d'insertion réalisées (%)",
  text: "Sur le contrat précédent, quelle part des heures d'insertion prévues a été réalisée ?",
  help: "Heures réalisées ÷ heures prévues, en pourcentage (par exemple 900 h réalisées pour 600 h prévues = 150 %).",
  textEn: "On the previous contract, what share of the planned integration hours was actually worked?",
  answer: { type: "nombre", unit: "%", min: 0, max: 1000, fullAt: 100 },
  defaultWeight: 1,
  actions: [14],
  advice: "suivre les heures d'insertion prévues et réalisées",
  condition: {
    kind: "all",
    conditions: [{ kind: "amountAbove", threshold: "insertionStudyThresholdHT" }, { kind: "recurring" }],
  },
};

const SOCIAL_CRITERION: Question = {
  id: "social_criterion",
  axis: "social",
  short: "Critère social",
  text: "Un critère d'attribution social est-il prévu ?",
  help: "Par exemple la qualité du dispositif d'insertion proposé, les conditions de travail ou l'accessibilité.",
  textEn: "Is there a social award criterion?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [10],
  advice: "prévoir un critère d'attribution social",
  condition: ALWAYS,
};

const RESERVED_CONTRACT: Question = {
  id: "reserved_contract",
  axis: "social",
  short: "Marché réservé",
  text: "Le contrat ou l'un de ses lots est-il réservé à des SIAE, EA-ESAT ou entreprises de l'ESS ?",
  help: "Le SPASER réserve les contrats sous le plafond de réservation (90 000 € HT par défaut) lorsqu'une offre inclusive existe (CCP L2113-12 à L2113-16).",
  textEn:
    "Is the contract, or one of its lots, reserved for work-integration or disability enterprises or the social economy?",
  answer: YES_NO,
  defaultWeight: 3,
  actions: [11],
  advice: "réserver le contrat si une offre ESS, SIAE ou EA-ESAT existe",
  condition: { kind: "amountBelow", threshold: "reservationCapHT" },
  planRule: true,
};

const FAIR_TRADE: Question = {
  id: "fair_trade",
  axis: "social",
  short: "Commerce équitable",
  text: "Des produits issus du commerce équitable sont-ils exigés ou valorisés ?",
  help: "Alimentation, textiles, fournitures : labels de commerce équitable ou équivalents.",
  textEn: "Are fair-trade products required or rewarded?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [12],
  advice: "exiger ou valoriser des produits du commerce équitable",
  condition: { kind: "natureIs", natures: ["fournitures"] },
};

const ANTI_DISCRIMINATION: Question = {
  id: "anti_discrimination",
  axis: "social",
  short: "Égalité et non-discrimination",
  text: "Le contrat comporte-t-il des exigences de lutte contre les discriminations et d'égalité femmes-hommes ?",
  help: "Clause d'exécution type, engagements du titulaire, suivi en cours d'exécution.",
  textEn: "Does the contract include anti-discrimination and gender-equality requirements?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [13],
  advice: "ajouter une clause égalité et non-discrimination",
  condition: ALWAYS,
};

const ALLOTMENT: Question = {
  id: "allotment",
  axis: "economique",
  short: "Allotissement TPE/PME",
  text: "Le contrat est-il alloti de façon à permettre l'accès des TPE/PME ?",
  help: "Taille et nombre des lots adaptés aux capacités des petites entreprises, y compris locales.",
  textEn: "Is the contract divided into lots that small firms can bid for?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [16],
  advice: "revoir l'allotissement pour ouvrir le contrat aux TPE/PME",
  condition: ALWAYS,
};

const SME_SHARE: Question = {
  id: "sme_share",
  axis: "economique",
  short: "Part TPE/PME (%)",
  text: "Quelle part du montant du contrat précédent a été exécutée par des TPE/PME (titulaires ou sous-traitants) ?",
  help: "En pourcentage du montant. 50 % ou plus compte comme un levier en place (objectif de phase 1 du plan).",
  textEn: "What share of the previous contract's value was carried out by small and medium firms?",
  answer: { type: "nombre", unit: "%", min: 0, max: 100, fullAt: 50 },
  defaultWeight: 1,
  actions: [16],
  advice: "ouvrir davantage le contrat aux TPE/PME",
  condition: { kind: "recurring" },
};

const ADVANCE_BONUS: Question = {
  id: "advance_bonus",
  axis: "economique",
  short: "Avance bonifiée 30 %",
  text: "Une avance d'au moins 30 % sans garantie est-elle prévue pour les TPE/PME de moins de 50 salariés ?",
  help: "Avance bonifiée du SPASER (action 17), au-delà du minimum légal (CCP R2191-3 et R2191-7), pour les contrats sous le seuil européen.",
  textEn: "Is an advance payment of at least 30 % without guarantee granted to firms under 50 employees?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [17],
  advice: "prévoir l'avance bonifiée de 30 % pour les petites entreprises",
  condition: { kind: "amountBelow", threshold: "advanceBonusCapHT" },
  planRule: true,
};

const PAYMENT_VISIBILITY: Question = {
  id: "payment_visibility",
  axis: "economique",
  short: "Paiement et visibilité",
  text: "Les entreprises ont-elles de la visibilité sur ce contrat (programmation publiée, délais de paiement tenus) ?",
  help: "Programmation annuelle des achats publiée, délai de paiement de 30 jours respecté sur le contrat précédent.",
  textEn: "Do firms get visibility on this contract (published procurement plan, payment on time)?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [18],
  advice: "publier la programmation et tenir les délais de paiement",
  condition: ALWAYS,
};

const OPEN_DATA: Question = {
  id: "open_data",
  axis: "economique",
  short: "Données essentielles (DECP)",
  text: "Les données essentielles du contrat seront-elles publiées en open data (DECP), considérations sociales et environnementales comprises ?",
  help: "Format DECP 2024 : considérations sociales et environnementales, avance, type de prix, offres reçues.",
  textEn:
    "Will the contract's essential data be published as open data (DECP), including social and environmental considerations?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [15],
  advice: "publier les données essentielles en open data",
  condition: ALWAYS,
};

const NEED_DEFINITION: Question = {
  id: "need_definition",
  axis: "equilibre",
  short: "Juste besoin",
  text: "Le besoin a-t-il été redéfini avec le service prescripteur (quantités, spécifications fonctionnelles) ?",
  help: "Analyse fonctionnelle du besoin, quantités revues à partir de la consommation réelle du contrat précédent.",
  textEn: "Has the need been redefined with the requesting service (quantities, functional specifications)?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [21],
  advice: "redéfinir le juste besoin avec le service",
  condition: ALWAYS,
};

const PRICE_REVISION: Question = {
  id: "price_revision",
  axis: "equilibre",
  short: "Révision des prix",
  text: "Le prix est-il révisable, avec une clause fondée sur des indices officiels ?",
  help: "Le SPASER prévoit la révision des prix pour tout contrat de plus d'un an (CCP R2112-13 et R2112-14 pour les matières premières).",
  textEn: "Is the price revisable, with a clause based on official indices?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [19],
  advice: "prévoir une clause de révision des prix",
  condition: { kind: "durationAtLeast", threshold: "priceRevisionMinMonths" },
  planRule: true,
};

const NEGOTIATION: Question = {
  id: "negotiation",
  axis: "equilibre",
  short: "Négociation",
  text: "La consultation prévoit-elle une négociation avec les candidats ?",
  help: "En procédure adaptée, la négociation est la règle du SPASER (action 20).",
  textEn: "Does the consultation provide for negotiation with bidders?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [20],
  advice: "prévoir la négociation",
  condition: { kind: "procedureIs", procedures: ["mapa"] },
  planRule: true,
};

const EXECUTION_EVALUATION: Question = {
  id: "execution_evaluation",
  axis: "equilibre",
  short: "Évaluation de l'exécution",
  text: "L'exécution du contrat précédent a-t-elle été évaluée avec le titulaire ?",
  help: "Bilan d'exécution, indicateurs de qualité, retours du service utilisateur.",
  textEn: "Was the execution of the previous contract reviewed with the supplier?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [22],
  advice: "évaluer l'exécution du contrat précédent",
  condition: { kind: "recurring" },
};

const SOBRIETY: Question = {
  id: "sobriety",
  axis: "ecologique",
  short: "Sobriété",
  text: "Le besoin a-t-il été interrogé sous l'angle de la sobriété (renoncer, réduire, mutualiser, louer plutôt qu'acheter) ?",
  help: "Le meilleur achat durable est parfois celui que l'on ne fait pas.",
  textEn: "Has the need been questioned for sufficiency (renounce, reduce, share, rent rather than buy)?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [23],
  advice: "interroger la sobriété du besoin",
  condition: ALWAYS,
};

const ENVIRONMENTAL_SOURCING: Question = {
  id: "environmental_sourcing",
  axis: "ecologique",
  short: "Sourcing durable",
  text: "Un sourcing des solutions durables disponibles a-t-il été mené ?",
  help: "Rencontres fournisseurs, veille sur les offres à moindre impact, retours d'autres acheteurs.",
  textEn: "Has supplier sourcing for sustainable solutions been carried out?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [5, 23],
  advice: "mener un sourcing des offres durables",
  condition: ALWAYS,
};

const LIFE_CYCLE: Question = {
  id: "life_cycle",
  axis: "ecologique",
  short: "Cycle de vie",
  text: "Le coût du cycle de vie ou une analyse du cycle de vie est-il pris en compte ?",
  help: "Coût global (acquisition, usage, maintenance, fin de vie), consommations d'énergie.",
  textEn: "Is life-cycle cost or a life-cycle analysis taken into account?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [24],
  advice: "prendre en compte le coût du cycle de vie",
  condition: { kind: "natureIs", natures: ["fournitures", "travaux"] },
};

const ENVIRONMENTAL_CRITERION: Question = {
  id: "environmental_criterion",
  axis: "ecologique",
  short: "Critère environnemental",
  text: "Un critère d'attribution environnemental est-il prévu ?",
  help: "Obligatoire pour les consultations lancées à partir du 21 août 2026 (Loi Climat et Résilience, CCP L2152-7).",
  textEn: "Is there an environmental award criterion?",
  answer: YES_NO,
  defaultWeight: 3,
  actions: [24],
  advice: "prévoir un critère d'attribution environnemental",
  condition: ALWAYS,
};

const ECO_LABELS: Question = {
  id: "eco_labels",
  axis: "ecologique",
  short: "Écolabels",
  text: "Des écolabels ou des exigences équivalentes sont-ils demandés ?",
  help: "Écolabel européen, NF Environnement ou cahier des charges équivalent.",
  textEn: "Are eco-labels or equivalent requirements asked for?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [24],
  advice: "demander des écolabels ou des exigences équivalentes",
  condition: { kind: "natureIs", natures: ["fournitures", "services"] },
};

const CIRCULAR_ECONOMY: Question = {
  id: "circular_economy",
  axis: "ecologique",
  short: "Économie circulaire",
  text: "Quelle place l'économie circulaire (réemploi, réutilisation, matières recyclées) a-t-elle dans le contrat ?",
  help: "Loi AGEC : part de biens issus du réemploi ou intégrant des matières recyclées.",
  textEn: "What role does the circular economy (reuse, recycled materials) play in the contract?",
  answer: {
    type: "choix",
    options: [
      { id: "aucune", label: "Aucune", labelEn: "None", achievement: 0, feasibility: REFUSED_LEVER_FEASIBILITY },
      { id: "a_etudier", label: "À étudier", labelEn: "To study", achievement: 0, feasibility: 1 },
      {
        id: "partielle",
        label: "Sur une partie du besoin",
        labelEn: "For part of the need",
        achievement: 0.5,
        feasibility: 1,
      },
      {
        id: "generalisee",
        label: "Sur l'essentiel du besoin",
        labelEn: "For most of the need",
        achievement: 1,
        feasibility: 1,
      },
    ],
  },
  defaultWeight: 2,
  actions: [25],
  advice: "introduire des exigences d'économie circulaire",
  condition: ALWAYS,
};

const RECYCLED_BIOSOURCED: Question = {
  id: "recycled_biosourced",
  axis: "ecologique",
  short: "Matériaux recyclés ou biosourcés",
  text: "Des matériaux recyclés ou biosourcés sont-ils exigés ou valorisés ?",
  help: "Bois, isolants biosourcés, granulats recyclés, béton bas carbone.",
  textEn: "Are recycled or bio-based materials required or rewarded?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [25],
  advice: "exiger ou valoriser des matériaux recyclés ou biosourcés",
  condition: { kind: "natureIs", natures: ["travaux"] },
};

const SITE_WASTE: Question = {
  id: "site_waste",
  axis: "ecologique",
  short: "Déchets de chantier",
  text: "Un plan de gestion et de valorisation des déchets de chantier est-il exigé ?",
  help: "Tri à la source, taux de valorisation, traçabilité des déchets.",
  textEn: "Is a site-waste management and recovery plan required?",
  answer: YES_NO,
  defaultWeight: 1,
  actions: [25],
  advice: "exiger un plan de gestion des déchets de chantier",
  condition: { kind: "natureIs", natures: ["travaux"] },
};

const IMPACT_DATA_CLAUSE: Question = {
  id: "impact_data_clause",
  axis: "ecologique",
  short: "Données d'impact",
  text: "Une clause d'exécution impose-t-elle au titulaire de remonter des données d'impact (consommations, déchets, kilomètres) ?",
  help: "Ces données alimentent les indicateurs d'effet du SPASER.",
  textEn: "Does an execution clause require the supplier to report impact data (consumption, waste, mileage)?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [26],
  advice: "prévoir une clause de remontée de données d'impact",
  condition: ALWAYS,
};

const CARBON: Question = {
  id: "carbon",
  axis: "ecologique",
  short: "Carbone",
  text: "L'empreinte carbone du contrat est-elle mesurée ou prise en compte (critère, clause ou bilan) ?",
  help: "Émissions de gaz à effet de serre du transport, des matériaux ou de l'énergie consommée.",
  textEn: "Is the contract's carbon footprint measured or taken into account (criterion, clause or report)?",
  answer: YES_NO,
  defaultWeight: 2,
  actions: [26],
  advice: "mesurer ou prendre en compte l'empreinte carbone",
  condition: ALWAYS,
};

export const QUESTIONNAIRE_VERSION = "2026.1";

/**
 * Every published version. 2025.1 is the first questionnaire: without the follow-up of insertion hours, the
 * open-data, site-waste, impact-data and carbon questions added in 2026.1, and in a different column order.
 */
export const QUESTIONNAIRES: Readonly<Record<string, Questionnaire>> = {
  "2025.1": {
    version: "2025.1",
    title: "Questionnaire de cotation du potentiel durable (2025)",
    questions: [
      INSERTION_CLAUSE,
      INSERTION_FACILITATOR,
      RESERVED_CONTRACT,
      SOCIAL_CRITERION,
      FAIR_TRADE,
      ANTI_DISCRIMINATION,
      ALLOTMENT,
      SME_SHARE,
      ADVANCE_BONUS,
      PAYMENT_VISIBILITY,
      NEED_DEFINITION,
      PRICE_REVISION,
      NEGOTIATION,
      EXECUTION_EVALUATION,
      SOBRIETY,
      ENVIRONMENTAL_SOURCING,
      LIFE_CYCLE,
      ENVIRONMENTAL_CRITERION,
      ECO_LABELS,
      CIRCULAR_ECONOMY,
      RECYCLED_BIOSOURCED,
    ],
  },
  "2026.1": {
    version: "2026.1",
    title: "Questionnaire de cotation du potentiel durable (2026)",
    questions: [
      INSERTION_CLAUSE,
      INSERTION_FACILITATOR,
      INSERTION_HOURS_RATE,
      SOCIAL_CRITERION,
      RESERVED_CONTRACT,
      FAIR_TRADE,
      ANTI_DISCRIMINATION,
      ALLOTMENT,
      SME_SHARE,
      ADVANCE_BONUS,
      PAYMENT_VISIBILITY,
      OPEN_DATA,
      NEED_DEFINITION,
      PRICE_REVISION,
      NEGOTIATION,
      EXECUTION_EVALUATION,
      SOBRIETY,
      ENVIRONMENTAL_SOURCING,
      LIFE_CYCLE,
      ENVIRONMENTAL_CRITERION,
      ECO_LABELS,
      CIRCULAR_ECONOMY,
      RECYCLED_BIOSOURCED,
      SITE_WASTE,
      IMPACT_DATA_CLAUSE,
      CARBON,
    ],
  },
};

export function getQuestionnaire(version: string = QUESTIONNAIRE_VERSION): Questionnaire | undefined {
  return Object.prototype.hasOwnProperty.call(QUESTIONNAIRES, version) ? QUESTIONNAIRES[version] : undefined;
}

export function resolveThresholds(options: QuestionnaireOptions = {}): QuestionnaireThresholds {
  return {
    reservationCapHT: options.reservationCapHT ?? DEFAULT_THRESHOLDS.reservationCapHT,
    insertionStudyThresholdHT: options.insertionStudyThresholdHT ?? DEFAULT_THRESHOLDS.insertionStudyThresholdHT,
    priceRevisionMinMonths: options.priceRevisionMinMonths ?? DEFAULT_THRESHOLDS.priceRevisionMinMonths,
    ...(options.advanceBonusCapHT !== undefined ? { advanceBonusCapHT: options.advanceBonusCapHT } : {}),
  };
}

// ── Conditions ────────────────────────────────────────────────────────────────────────────────────────

export interface Applicability {
  readonly applicable: boolean;
  /**
   * French reason built from the contract's facts ("Montant 250 000 € HT > 90 000 €"); empty when the
   * question applies to every contract or the deciding fact is unknown.
   */
  readonly reason: string;
}

const PROCEDURE_LABELS: Readonly<Record<ProcedureKind, string>> = {
  mapa: "Procédure adaptée (MAPA)",
  formalisee: "Procédure formalisée",
  sans_publicite: "Marché sans publicité ni mise en concurrence",
  autre: "Autre procédure",
};

const NATURE_LABELS: Readonly<Record<ContractNature, string>> = {
  travaux: "Marché de travaux",
  fournitures: "Marché de fournitures",
  services: "Marché de services",
};

/** Facts outside their domain (negative amount, NaN) are treated as unknown: they never hide a question. */
function knownAmount(facts: ContractFacts): number | undefined {
  const a = facts.amountHT;
  return typeof a === "number" && Number.isFinite(a) && a >= 0 ? a : undefined;
}

function knownDuration(facts: ContractFacts): number | undefined {
  const d = facts.durationMonths;
  return typeof d === "number" && Number.isFinite(d) && d >= 0 ? d : undefined;
}

const APPLIES: Applicability = { applicable: true, reason: "" };

export function evaluateCondition(
  condition: QuestionCondition,
  facts: ContractFacts,
  thresholds: QuestionnaireThresholds,
): Applicability {
  switch (condition.kind) {
    case "always":
      return APPLIES;
    case "amountAbove":
    case "amountBelow": {
      const amount = knownAmount(facts);
      const limit = thresholds[condition.threshold];
      if (amount === undefined || limit === undefined) return APPLIES;
      const above = condition.kind === "amountAbove";
      const holds = above ? amount > limit : amount < limit;
      const sign = above ? (holds ? ">" : "≤") : holds ? "<" : "≥";
      return {
        applicable: holds,
        reason: `Montant ${euros(amount, "fixed")} HT ${sign} ${euros(limit, "fixed")}`,
      };
    }
    case "durationAtLeast": {
      const duration = knownDuration(facts);
      if (duration === undefined) return APPLIES;
      const min = thresholds[condition.threshold];
      const holds = duration >= min;
      return { applicable: holds, reason: `Durée ${duration} mois ${holds ? "≥" : "<"} ${min} mois` };
    }
    case "procedureIs": {
      if (facts.procedure === undefined) return APPLIES;
      return {
        applicable: condition.procedures.includes(facts.procedure),
        reason: PROCEDURE_LABELS[facts.procedure] ?? "",
      };
    }
    case "natureIs": {
      if (facts.nature === undefined) return APPLIES;
      return { applicable: condition.natures.includes(facts.nature), reason: NATURE_LABELS[facts.nature] ?? "" };
    }
    case "recurring": {
      if (facts.recurring === undefined) return APPLIES;
      return { applicable: facts.recurring, reason: facts.recurring ? "Contrat récurrent" : "Contrat non récurrent" };
    }
    case "all": {
      const parts = condition.conditions.map((c) => evaluateCondition(c, facts, thresholds));
      const failing = parts.find((p) => !p.applicable);
      if (failing) return failing;
      return {
        applicable: true,
        reason: parts
          .map((p) => p.reason)
          .filter((r) => r !== "")
          .join(", "),
      };
    }
  }
}

export function questionApplicability(
  question: Question,
  facts: ContractFacts,
  options: QuestionnaireOptions = {},
): Applicability {
  return evaluateCondition(question.condition, facts, resolveThresholds(options));
}

/** The questions of a version that apply to a contract, in column order. Unknown version: none. */
export function applicableQuestions(
  facts: ContractFacts,
  options: QuestionnaireOptions = {},
  version: string = QUESTIONNAIRE_VERSION,
): readonly Question[] {
  const questionnaire = getQuestionnaire(version);
  if (!questionnaire) return [];
  const thresholds = resolveThresholds(options);
  return questionnaire.questions.filter((q) => evaluateCondition(q.condition, facts, thresholds).applicable);
}
