/**
 * The rule-based SPASER columns of each contract (what `spaser score` and the pane's "Vérifier les règles"
 * write): reservation, insertion, avance rate, price revision, Loi Climat compliance and the J-24 / J-14 /
 * J-12 milestones. Each cell is the domain's verdict; a row whose facts are missing says what is missing.
 */
import { excelSerialFromIso } from "../spaser/dates";
import type { Policy } from "../spaser/policy";
import { advanceRate } from "../spaser/rules/advance";
import { insertionStudy, INSERTION_STUDY_LABELS } from "../spaser/rules/insertion";
import { loiClimatCompliance } from "../spaser/rules/loi-climat";
import { milestones } from "../spaser/rules/milestones";
import { priceRevision, PRICE_REVISION_LABELS } from "../spaser/rules/price-revision";
import type { BuyerKind, IsoDate } from "../spaser/types";
import type { ContractRow } from "./contracts";
import type { OwnedColumn, OwnedCell } from "./owned-columns";

export interface ScoreOptions {
  readonly policy: Policy;
  readonly buyerKind?: BuyerKind;
  /** Used when a contract has no date (milestones and Loi Climat need one). */
  readonly today: IsoDate;
}

const DATE_FORMAT = "dd/mm/yyyy";
const MISSING_AMOUNT = "Montant manquant";
const MISSING_DATE = "Date manquante";

/** The date that stands for the consultation's launch: the planned award date, else the notification date. */
function contractDate(row: ContractRow): IsoDate | undefined {
  return row.record.awardDate ?? row.record.notificationDate;
}

function reservationCell(row: ContractRow, policy: Policy): OwnedCell {
  const amount = row.record.amountHT;
  if (amount === undefined) return MISSING_AMOUNT;
  return amount < policy.rules.reservationCapHT ? "À étudier si offre inclusive" : "Au-delà du plafond";
}

function insertionCell(row: ContractRow, options: ScoreOptions): OwnedCell {
  const amount = row.record.amountHT;
  if (amount === undefined) return MISSING_AMOUNT;
  const outcome = insertionStudy({
    amountHT: amount,
    launchDate: contractDate(row) ?? options.today,
    buyerKind: options.buyerKind,
    nature: row.record.nature,
    rules: options.policy.rules,
  });
  return outcome.ok ? INSERTION_STUDY_LABELS[outcome.value] : outcome.message;
}

function advanceCell(row: ContractRow, options: ScoreOptions): OwnedCell {
  const { amountHT, durationMonths } = row.record;
  if (amountHT === undefined) return MISSING_AMOUNT;
  if (durationMonths === undefined) return "Durée manquante";
  const outcome = advanceRate({
    amountHT,
    durationMonths,
    isSme: row.record.flags.smeSupplier === true,
    buyerKind: options.buyerKind,
    asOf: contractDate(row) ?? options.today,
    rules: options.policy.rules,
  });
  return outcome.ok ? outcome.value : outcome.message;
}

function priceRevisionCell(row: ContractRow, policy: Policy): OwnedCell {
  const months = row.record.durationMonths;
  if (months === undefined) return "Durée manquante";
  const outcome = priceRevision({ durationMonths: months, rules: policy.rules });
  return outcome.ok ? PRICE_REVISION_LABELS[outcome.value] : outcome.message;
}

function loiClimatCell(row: ContractRow, options: ScoreOptions): OwnedCell {
  const { amountHT, flags } = row.record;
  const date = contractDate(row);
  if (amountHT === undefined) return MISSING_AMOUNT;
  if (date === undefined) return MISSING_DATE;
  const outcome = loiClimatCompliance({
    launchDate: date,
    amountHT,
    envClause: flags.envClause,
    envCriterion: flags.envCriterion,
    socialConsideration: flags.socialConsideration ?? flags.socialClause ?? flags.insertionClause,
    buyerKind: options.buyerKind,
    nature: row.record.nature,
  });
  if (!outcome.ok) return outcome.message;
  const { applicable, compliant, missing, unknown } = outcome.value;
  if (!applicable) return "Non applicable (avant le 21/08/2026)";
  if (compliant) return "Conforme";
  const articles = (items: readonly { article: string }[]) => items.map((i) => i.article).join(", ");
  if (missing.length > 0) return `Manque : ${articles(missing)}`;
  return `À renseigner : ${articles(unknown)}`;
}

function milestoneCell(row: ContractRow, which: "j24" | "j14" | "j12"): OwnedCell {
  const date = row.record.awardDate;
  if (date === undefined) return "";
  const outcome = milestones(date);
  return outcome.ok ? excelSerialFromIso(outcome.value[which]) : "";
}

export function ruleColumns(options: ScoreOptions): OwnedColumn[] {
  return [
    { header: "Réservation", value: (row) => reservationCell(row, options.policy) },
    { header: "Insertion", value: (row) => insertionCell(row, options) },
    { header: "Taux d'avance", numberFormat: "0%", value: (row) => advanceCell(row, options) },
    { header: "Révision des prix", value: (row) => priceRevisionCell(row, options.policy) },
    { header: "Loi Climat", value: (row) => loiClimatCell(row, options) },
    { header: "J-24", numberFormat: DATE_FORMAT, value: (row) => milestoneCell(row, "j24") },
    { header: "J-14", numberFormat: DATE_FORMAT, value: (row) => milestoneCell(row, "j14") },
    { header: "J-12", numberFormat: DATE_FORMAT, value: (row) => milestoneCell(row, "j12") },
  ];
}
