/**
 * The legal and SPASER rules a contract meets, judged from its row with the organisation's local rules. A rule
 * that lacks a fact says which one instead of guessing.
 */
import { percent } from "../../spaser/format";
import type { Policy } from "../../spaser/policy";
import type { ContractRecord } from "../../spaser/records";
import { advanceRate } from "../../spaser/rules/advance";
import { INSERTION_STUDY_LABELS, insertionStudy } from "../../spaser/rules/insertion";
import { loiClimatCompliance } from "../../spaser/rules/loi-climat";
import { PRICE_REVISION_LABELS, priceRevision } from "../../spaser/rules/price-revision";
import { reservationEligibility, type InclusiveOfferType } from "../../spaser/rules/reserve";
import type { IsoDate, RuleOutcome } from "../../spaser/types";

export type VerdictId = "reservation" | "insertion" | "advance" | "priceRevision" | "loiClimat";

export type VerdictLine =
  | {
      readonly id: VerdictId;
      readonly kind: "verdict";
      readonly headline: string;
      readonly explanation: string;
      readonly basis: readonly string[];
    }
  | { readonly id: VerdictId; readonly kind: "needs"; readonly missing: string }
  | { readonly id: VerdictId; readonly kind: "error"; readonly message: string };

export interface VerdictContext {
  readonly record: ContractRecord;
  readonly policy: Policy;
  /** Launch date of the consultation (Loi Climat, L2112-2-1); the row rarely has it. */
  readonly launchDate?: IsoDate;
  readonly offers: readonly InclusiveOfferType[];
}

function line<T>(id: VerdictId, outcome: RuleOutcome<T>, headline: (value: T) => string): VerdictLine {
  return outcome.ok
    ? { id, kind: "verdict", headline: headline(outcome.value), explanation: outcome.explanation, basis: outcome.basis }
    : { id, kind: "error", message: outcome.message };
}

const needs = (id: VerdictId, missing: string): VerdictLine => ({ id, kind: "needs", missing });

export function legalVerdicts({ record, policy, launchDate, offers }: VerdictContext): VerdictLine[] {
  const rules = policy.rules;
  const { amountHT, durationMonths, nature } = record;
  const sme = record.flags.smeSupplier;
  return [
    amountHT === undefined
      ? needs("reservation", "montant HT")
      : line("reservation", reservationEligibility({ amountHT, offerTypes: offers, rules }), (ok) =>
          ok ? "Réservation possible" : "Réservation impossible",
        ),
    amountHT === undefined
      ? needs("insertion", "montant HT")
      : line(
          "insertion",
          insertionStudy({ amountHT, rules, ...(launchDate ? { launchDate } : {}), ...(nature ? { nature } : {}) }),
          (study) => INSERTION_STUDY_LABELS[study],
        ),
    amountHT === undefined || durationMonths === undefined || sme === undefined
      ? needs(
          "advance",
          [
            amountHT === undefined ? "montant HT" : "",
            durationMonths === undefined ? "durée en mois" : "",
            sme === undefined ? "attributaire TPE-PME (oui / non)" : "",
          ]
            .filter((s) => s !== "")
            .join(", "),
        )
      : line(
          "advance",
          advanceRate({
            amountHT,
            durationMonths,
            isSme: sme,
            rules,
            ...(record.awardDate ? { asOf: record.awardDate } : {}),
          }),
          (rate) => `Avance de ${percent(rate)}`,
        ),
    durationMonths === undefined
      ? needs("priceRevision", "durée en mois")
      : line("priceRevision", priceRevision({ durationMonths, rules }), (revision) => PRICE_REVISION_LABELS[revision]),
    amountHT === undefined || launchDate === undefined
      ? needs("loiClimat", amountHT === undefined ? "montant HT" : "date de lancement de la consultation")
      : line(
          "loiClimat",
          loiClimatCompliance({
            launchDate,
            amountHT,
            envClause: record.flags.envClause,
            envCriterion: record.flags.envCriterion,
            socialConsideration: record.flags.socialConsideration,
            ...(nature ? { nature } : {}),
          }),
          (compliance) => compliance.summary,
        ),
  ];
}
