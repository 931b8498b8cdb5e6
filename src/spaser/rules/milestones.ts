/**
 * SPASER governance calendar: work with the operational service between J-24 and J-14 months before award,
 * cotation presented at programming at J-12; committee documents sent one week before the meeting.
 */
import { addMonths, addMonthsToDay, excelSerialFromIso, isoFromExcelSerial } from "../dates";
import { inputError, verdict, type InputError, type IsoDate, type RuleOutcome } from "../types";
import { frenchDate } from "../format";
import { isInputError, readDate, readDay } from "./input";

const GOVERNANCE = "SPASER, gouvernance (Comité des Achats Durables)";
/** Months before the award: work with the operational service from J-24 to J-14 (scoring uses them too)… */
export const SERVICE_WORK_START_MONTHS = 24;
export const SERVICE_WORK_END_MONTHS = 14;
/** …and the cotation presented at programming, J-12. */
export const COTATION_MONTHS = 12;
/** Committee documents go to members this many days before the meeting. */
export const COMMITTEE_PACK_DAYS_BEFORE = 7;

export interface Milestones {
  /** J-24 months: start of the work with the operational service. */
  readonly j24: IsoDate;
  /** J-14 months: end of that work, preparation of the cotation. */
  readonly j14: IsoDate;
  /** J-12 months: cotation presented at programming. */
  readonly j12: IsoDate;
}

/**
 * The three milestones as day numbers (Excel serials) for an award day number (the JALONS cells): the
 * same checks and days as milestones, without date texts.
 */
export function milestoneDays(awardDay: number): [number, number, number] | InputError {
  const award = readDay("awardDate", awardDay);
  if (isInputError(award)) return award;
  return [
    addMonthsToDay(award, -SERVICE_WORK_START_MONTHS),
    addMonthsToDay(award, -SERVICE_WORK_END_MONTHS),
    addMonthsToDay(award, -COTATION_MONTHS),
  ];
}

export function milestones(awardDate: IsoDate): RuleOutcome<Milestones> {
  const award = readDate("awardDate", awardDate);
  if (isInputError(award)) return award;
  const value: Milestones = {
    j24: addMonths(award, -SERVICE_WORK_START_MONTHS),
    j14: addMonths(award, -SERVICE_WORK_END_MONTHS),
    j12: addMonths(award, -COTATION_MONTHS),
  };
  return verdict(
    value,
    () =>
      `Attribution prévue le ${frenchDate(award)} : travail avec le service du ${frenchDate(value.j24)} (J-24) au ${frenchDate(value.j14)} (J-14), cotation présentée le ${frenchDate(value.j12)} (J-12).`,
    [GOVERNANCE],
  );
}

export type Stage = "avant_j24" | "travail_service" | "preparation" | "cotation_presentee" | "attribue";

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  avant_j24: "Avant J-24 : pas encore de travail engagé",
  travail_service: "Travail avec le service opérationnel (J-24 à J-14)",
  preparation: "Préparation de la cotation (J-14 à J-12)",
  cotation_presentee: "Cotation présentée, en attente d'attribution (J-12 à l'attribution)",
  attribue: "Marché attribué",
};

/** Where a contract stands on `today`; each stage starts on its milestone day. */
export function currentStage(awardDate: IsoDate, today: IsoDate): RuleOutcome<Stage> {
  const dates = milestones(awardDate);
  if (!dates.ok) return dates;
  const day = readDate("today", today);
  if (isInputError(day)) return day;
  const { j24, j14, j12 } = dates.value;
  const award = awardDate;
  let stage: Stage;
  if (day < j24) stage = "avant_j24";
  else if (day < j14) stage = "travail_service";
  else if (day < j12) stage = "preparation";
  else if (day < award) stage = "cotation_presentee";
  else stage = "attribue";
  return verdict(stage, () => `Au ${frenchDate(day)} : ${STAGE_LABELS[stage]}. ${dates.explanation}`, [GOVERNANCE]);
}

/** Date by which the committee pack must reach the members: one week before the meeting. */
export function committeePackDate(meetingDate: IsoDate): RuleOutcome<IsoDate> {
  const meeting = readDate("meetingDate", meetingDate);
  if (isInputError(meeting)) return meeting;
  const pack = isoFromExcelSerial(excelSerialFromIso(meeting) - COMMITTEE_PACK_DAYS_BEFORE);
  if (!pack) return inputError("meetingDate", "Date de réunion hors de la plage des dates Excel.");
  return verdict(
    pack,
    () =>
      `Envoyer les documents aux membres du comité au plus tard le ${frenchDate(pack)}, une semaine avant la réunion du ${frenchDate(meeting)}.`,
    [GOVERNANCE],
  );
}
