/** DECP open data: import (2024, 2019, tabular), export to the 2024 format, SPASER indicators. */
export { importDecp, contractRecordOf, joinHolders } from "./import";
export { exportDecp2024, marcheOf, decpRowFromRecord } from "./export";
export type { DecpExport, DecpExportOptions, DecpExportProblem } from "./export";
export { decpIndicators, share } from "./indicators";
export type { DecpIndicatorGroup, DecpShare } from "./indicators";
export type * from "./types";
