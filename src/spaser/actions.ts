/**
 * The action catalogue of the reference SPASER: 4 axes, 8 objectives, 26 numbered actions, each with its
 * pilote, its indicateur de réalisation and its indicateurs d'effet.
 *
 * The reference document itself is not available to this project. This catalogue is a reconstruction
 * anchored on the seven action numbers the plan's own text fixes (DESIGN.md §2):
 *   3  the two dashboards (suivi du déploiement and suivi des actions),
 *   8  study an insertion clause for every contract > 90 000 € HT,
 *   11 reserve contracts < 90 000 € HT when an ESS / SIAE / EA-ESAT offer exists, track 10 000–40 000 € HT,
 *   15 publish the essential data in open data (DECP),
 *   17 avance bonifiée of 30 % without guarantee for TPE/PME < 50 employees under the EU threshold,
 *   19 price revision for every contract over one year,
 *   20 negotiation is the rule in MAPA.
 * The other actions follow the plan's layout (governance and support first, then one block per axis);
 * their wording is ours. Amounts quoted in titles are the plan's words; the values actually applied are
 * policy parameters (LocalRules), never read from this text.
 */
import { foldText, parseNumber } from "./normalize";
import { inputError, verdict, type AxisId, type RuleOutcome } from "./types";

export interface SpaserObjective {
  readonly number: number;
  readonly axis: AxisId;
  readonly title: string;
}

export interface SpaserAction {
  readonly number: number;
  readonly axis: AxisId;
  /** Objective number, 1 to 8. */
  readonly objective: number;
  readonly title: string;
  /** Service that leads the action. */
  readonly pilot: string;
  /** Indicateur de réalisation: is the action done? */
  readonly indicator: string;
  /** Indicateurs d'effet: what the action changes, mostly "contrats avec X / contrats ciblés". */
  readonly effects: readonly string[];
  /** Governance and support actions, followed on the deployment dashboard (action 3). */
  readonly deployment: boolean;
}

export const AXIS_LABELS: Readonly<Record<AxisId, string>> = {
  social: "Utilité sociale",
  economique: "Développement économique",
  equilibre: "Contrats équilibrés",
  ecologique: "Transition écologique",
};

export const OBJECTIVES: readonly SpaserObjective[] = [
  { number: 1, axis: "social", title: "Organiser, piloter et outiller la démarche" },
  { number: 2, axis: "social", title: "Favoriser l'insertion et l'inclusion" },
  { number: 3, axis: "economique", title: "Rendre la commande publique transparente et accessible aux TPE/PME" },
  { number: 4, axis: "economique", title: "Soutenir la trésorerie et la visibilité des entreprises" },
  { number: 5, axis: "equilibre", title: "Construire des contrats équilibrés" },
  { number: 6, axis: "equilibre", title: "Acheter au juste besoin et évaluer l'exécution" },
  { number: 7, axis: "ecologique", title: "Réduire l'impact environnemental des achats" },
  { number: 8, axis: "ecologique", title: "Développer l'économie circulaire et mesurer l'impact" },
];

const COMMANDE_PUBLIQUE = "Direction de la commande publique";
const SPASER_MISSION = "Mission achats durables (Direction de la commande publique)";
const FACILITATEUR = "Facilitateur des clauses sociales (Direction de l'emploi et de l'insertion)";
const FINANCES = "Direction des finances";
const ENVIRONNEMENT = "Direction de la transition écologique";
const PRESCRIPTEURS = "Services prescripteurs";

export const ACTIONS: readonly SpaserAction[] = [
  // Objective 1 — governance and support (deployment dashboard)
  {
    number: 1,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: COMMANDE_PUBLIQUE,
    title: "Réunir chaque année le Comité des Achats Durables (CAD) pour choisir les contrats récurrents à améliorer",
    indicator: "Nombre de réunions du CAD dans l'année",
    effects: ["Contrats présentés au CAD / contrats récurrents de l'année suivante"],
  },
  {
    number: 2,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: SPASER_MISSION,
    title: "Coter le potentiel durable des contrats récurrents avec le questionnaire de cotation (J-24 à J-12)",
    indicator: "Nombre de contrats cotés",
    effects: ["Contrats cotés / contrats récurrents programmés", "Contrats cotés au plus tard à J-12 / contrats cotés"],
  },
  {
    number: 3,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: SPASER_MISSION,
    title: "Tenir les deux tableaux de bord : suivi du déploiement du SPASER et suivi des actions",
    indicator: "Tableaux de bord mis à jour et présentés au CAD chaque année",
    effects: ["Pourcentage d'objectifs atteints"],
  },
  {
    number: 4,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: "Direction des ressources humaines",
    title: "Former les acheteurs et les services prescripteurs aux achats durables",
    indicator: "Nombre d'agents formés dans l'année",
    effects: ["Agents formés / agents acheteurs et prescripteurs"],
  },
  {
    number: 5,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: COMMANDE_PUBLIQUE,
    title: "Mener un sourcing des offres durables et inclusives avant chaque contrat ciblé",
    indicator: "Nombre de sourcings réalisés",
    effects: ["Contrats précédés d'un sourcing / contrats ciblés"],
  },
  {
    number: 6,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: SPASER_MISSION,
    title: "Animer un réseau de référents achats durables dans les directions",
    indicator: "Nombre de référents désignés",
    effects: ["Directions dotées d'un référent / directions acheteuses"],
  },
  {
    number: 7,
    axis: "social",
    objective: 1,
    deployment: true,
    pilot: "Direction de la communication",
    title: "Communiquer sur le SPASER et publier en ligne son bilan annuel",
    indicator: "Bilan annuel publié en ligne",
    effects: ["Actions valorisées auprès des entreprises / actions du plan"],
  },
  // Objective 2 — insertion and inclusion
  {
    number: 8,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Étudier l'intégration d'une clause d'insertion pour tout contrat > 90 000 € HT",
    indicator: "Contrats > 90 000 € HT dont la clause d'insertion a été étudiée",
    effects: [
      "Contrats avec clause d'insertion / contrats > 90 000 € HT",
      "Contrats avec clause d'insertion / contrats en procédure formalisée",
    ],
  },
  {
    number: 9,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: FACILITATEUR,
    title: "Associer le facilitateur des clauses sociales au dimensionnement et au suivi des clauses",
    indicator: "Contrats dont la clause a été dimensionnée avec le facilitateur",
    effects: ["Contrats suivis par le facilitateur / contrats avec clause d'insertion"],
  },
  {
    number: 10,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Intégrer un critère d'attribution social lorsque l'objet le permet",
    indicator: "Contrats ciblés examinés pour un critère social",
    effects: ["Contrats avec critère social / contrats ciblés"],
  },
  {
    number: 11,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title:
      "Réserver les contrats < 90 000 € HT lorsqu'une offre ESS, SIAE ou EA-ESAT existe, et suivre les contrats entre 10 000 et 40 000 € HT",
    indicator: "Contrats < 90 000 € HT examinés pour une réservation",
    effects: [
      "Contrats réservés / contrats < 90 000 € HT avec une offre inclusive",
      "Contrats entre 10 000 et 40 000 € HT attribués à une structure inclusive / contrats de cette tranche",
    ],
  },
  {
    number: 12,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: PRESCRIPTEURS,
    title: "Développer l'achat de produits issus du commerce équitable",
    indicator: "Familles d'achats examinées pour le commerce équitable",
    effects: ["Contrats avec produits du commerce équitable / contrats de fournitures ciblés"],
  },
  {
    number: 13,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Lutter contre les discriminations et promouvoir l'égalité femmes-hommes dans l'exécution des contrats",
    indicator: "Clause type égalité et non-discrimination adoptée",
    effects: ["Contrats avec clause égalité ou non-discrimination / contrats ciblés"],
  },
  {
    number: 14,
    axis: "social",
    objective: 2,
    deployment: false,
    pilot: FACILITATEUR,
    title: "Suivre les heures d'insertion prévues et réalisées",
    indicator: "Bilan annuel des heures d'insertion",
    effects: ["Heures d'insertion réalisées / heures prévues"],
  },
  // Objective 3 — transparency and SME access
  {
    number: 15,
    axis: "economique",
    objective: 3,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Publier en open data les données essentielles des contrats (DECP)",
    indicator: "Données essentielles publiées chaque année",
    effects: ["Contrats publiés en DECP / contrats soumis à publication"],
  },
  {
    number: 16,
    axis: "economique",
    objective: 3,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Allotir pour faciliter l'accès des TPE/PME et des entreprises locales",
    indicator: "Contrats ciblés dont l'allotissement a été examiné",
    effects: ["Contrats attribués à des TPE/PME / contrats ciblés"],
  },
  // Objective 4 — cash flow and visibility
  {
    number: 17,
    axis: "economique",
    objective: 4,
    deployment: false,
    pilot: FINANCES,
    title:
      "Verser une avance bonifiée de 30 % sans garantie aux TPE/PME de moins de 50 salariés pour les contrats inférieurs au seuil européen",
    indicator: "Contrats prévoyant l'avance bonifiée",
    effects: [
      "Contrats avec avance de 30 % versée / contrats éligibles attribués à des TPE/PME de moins de 50 salariés",
    ],
  },
  {
    number: 18,
    axis: "economique",
    objective: 4,
    deployment: false,
    pilot: FINANCES,
    title: "Réduire les délais de paiement et donner de la visibilité aux entreprises sur les achats à venir",
    indicator: "Programmation des achats publiée",
    effects: ["Factures payées dans le délai légal / factures reçues"],
  },
  // Objective 5 — balanced contracts
  {
    number: 19,
    axis: "equilibre",
    objective: 5,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Prévoir une clause de révision des prix pour tout contrat d'une durée supérieure à un an",
    indicator: "Contrats de plus d'un an examinés pour la révision des prix",
    effects: ["Contrats à prix révisables / contrats de plus d'un an"],
  },
  {
    number: 20,
    axis: "equilibre",
    objective: 5,
    deployment: false,
    pilot: COMMANDE_PUBLIQUE,
    title: "Faire de la négociation la règle dans les marchés à procédure adaptée (MAPA)",
    indicator: "MAPA dont la consultation prévoit la négociation",
    effects: ["MAPA négociés / MAPA attribués"],
  },
  // Objective 6 — right need and evaluation
  {
    number: 21,
    axis: "equilibre",
    objective: 6,
    deployment: false,
    pilot: PRESCRIPTEURS,
    title: "Définir le juste besoin avec les services prescripteurs",
    indicator: "Contrats ciblés dont le besoin a été réexaminé",
    effects: ["Contrats au besoin redéfini / contrats ciblés"],
  },
  {
    number: 22,
    axis: "equilibre",
    objective: 6,
    deployment: false,
    pilot: PRESCRIPTEURS,
    title: "Évaluer l'exécution des contrats avec les titulaires",
    indicator: "Bilans d'exécution réalisés",
    effects: ["Contrats évalués en fin d'exécution / contrats récurrents échus"],
  },
  // Objective 7 — environmental impact
  {
    number: 23,
    axis: "ecologique",
    objective: 7,
    deployment: false,
    pilot: PRESCRIPTEURS,
    title: "Interroger la sobriété du besoin : renoncer, réduire, mutualiser",
    indicator: "Contrats ciblés examinés sous l'angle de la sobriété",
    effects: ["Contrats au besoin réduit ou mutualisé / contrats ciblés"],
  },
  {
    number: 24,
    axis: "ecologique",
    objective: 7,
    deployment: false,
    pilot: ENVIRONNEMENT,
    title: "Prendre en compte le coût du cycle de vie, les écolabels et un critère environnemental",
    indicator: "Contrats ciblés examinés pour un critère environnemental",
    effects: [
      "Contrats avec critère environnemental / contrats ciblés",
      "Contrats avec considération environnementale / contrats notifiés",
    ],
  },
  // Objective 8 — circular economy and impact
  {
    number: 25,
    axis: "ecologique",
    objective: 8,
    deployment: false,
    pilot: ENVIRONNEMENT,
    title: "Développer l'économie circulaire : réemploi, matériaux recyclés et biosourcés",
    indicator: "Contrats ciblés examinés pour l'économie circulaire",
    effects: ["Contrats avec exigence d'économie circulaire / contrats ciblés"],
  },
  {
    number: 26,
    axis: "ecologique",
    objective: 8,
    deployment: false,
    pilot: ENVIRONNEMENT,
    title: "Prévoir des clauses d'exécution avec remontée de données d'impact et de carbone",
    indicator: "Contrats avec clause de remontée de données d'impact",
    effects: ["Contrats avec données d'impact ou carbone remontées / contrats ciblés"],
  },
];

export function getAction(number: number): SpaserAction | undefined {
  return ACTIONS.find((a) => a.number === number);
}

export function getObjective(number: number): SpaserObjective | undefined {
  return OBJECTIVES.find((o) => o.number === number);
}

export type ActionField = "title" | "axis" | "objective" | "pilot" | "indicator" | "effects";

/** Field names accepted by SPASER.ACTION, English and French, matched folded (foldText). */
export const ACTION_FIELDS: Readonly<Record<string, ActionField>> = {
  title: "title",
  titre: "title",
  axis: "axis",
  axe: "axis",
  objective: "objective",
  objectif: "objective",
  pilot: "pilot",
  pilote: "pilot",
  indicator: "indicator",
  indicateur: "indicator",
  effects: "effects",
  effets: "effects",
};

function readActionNumber(value: unknown): number | undefined {
  const parsed = parseNumber(value);
  const n = parsed?.ok ? parsed.value : NaN;
  return Number.isInteger(n) && getAction(n) ? n : undefined;
}

/**
 * One field of one action, for the SPASER.ACTION(number, [field]) cell function. The axis is given as its
 * French label, the objective as its number, the effects joined with "; ". Default field: the title.
 */
export function actionField(number: unknown, field?: unknown): RuleOutcome<string | number> {
  const n = readActionNumber(number);
  if (n === undefined) {
    return inputError(
      "number",
      `Numéro d'action inconnu : le plan compte ${ACTIONS.length} actions, numérotées de 1 à ${ACTIONS.length}.`,
    );
  }
  const action = getAction(n)!;
  let key: ActionField = "title";
  if (field !== undefined && field !== null && field !== "") {
    const name = typeof field === "string" ? foldText(field) : "";
    const found = Object.hasOwn(ACTION_FIELDS, name) ? ACTION_FIELDS[name] : undefined;
    if (!found) {
      return inputError("field", "Champ inconnu : titre, axe, objectif, pilote, indicateur ou effets.");
    }
    key = found;
  }
  const basis = [`SPASER action ${n}`];
  switch (key) {
    case "title":
      return verdict(action.title, `Action ${n} : ${action.title}.`, basis);
    case "axis":
      return verdict(AXIS_LABELS[action.axis], `L'action ${n} relève de l'axe « ${AXIS_LABELS[action.axis]} ».`, basis);
    case "objective": {
      const objective = getObjective(action.objective);
      return verdict(
        action.objective,
        `L'action ${n} relève de l'objectif ${action.objective} « ${objective?.title ?? ""} ».`,
        basis,
      );
    }
    case "pilot":
      return verdict(action.pilot, `Pilote de l'action ${n} : ${action.pilot}.`, basis);
    case "indicator":
      return verdict(action.indicator, `Indicateur de réalisation de l'action ${n}.`, basis);
    case "effects":
      return verdict(action.effects.join("; "), `Indicateurs d'effet de l'action ${n}.`, basis);
  }
}
