/**
 * SPASER custom functions. Thin wrappers over src/spaser: JSDoc here generates functions.json
 * (custom-functions-metadata-plugin), French names and descriptions live in functions.fr-text.json.
 */
import { addMonths, excelSerialFromIso, isoFromExcelSerial } from "../spaser/dates";
import { runtime } from "./runtime";

// The metadata plugin appends `CustomFunctions.associate(...)` calls to this file: route them to the
// runtime, which also works outside Excel.
const CustomFunctions = runtime;

/**
 * Dates of the J-24, J-14 and J-12 milestones before a planned award (SPASER governance).
 * @customfunction MILESTONES
 * @param award_date Planned award date (an Excel date).
 * @returns The J-24, J-14 and J-12 dates, spilled on one row.
 */
export function milestones(award_date: number): number[][] {
  const award = isoFromExcelSerial(award_date);
  if (award === undefined) throw runtime.error("#VALUE!", "Date d'attribution invalide.");
  return [[addMonths(award, -24), addMonths(award, -14), addMonths(award, -12)].map(excelSerialFromIso)];
}

void CustomFunctions;
