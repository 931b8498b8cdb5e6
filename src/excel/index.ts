/**
 * src/excel — the only code that calls the Excel JavaScript API. Every operation takes an
 * Excel.RequestContext, so the same code runs in Excel, on the simulator (tests, workbench, CLI).
 *
 * - inspect.ts: find the contracts table(s) of a workbook (detect.ts, headers.ts: pure recognition)
 * - source.ts: the confirmed column mapping and how it is stored in the workbook
 * - contracts.ts: read the contracts table in one load and one sync
 * - owned-columns.ts: write the "SPASER · " columns right of the table, with conflict checks
 * - sheets.ts: the add-in's own sheets (policy, mapping, cotations, blank contracts table)
 * - score.ts: the rule-based SPASER columns
 */
export * from "./constants";
export * from "./errors";
export * from "./inspect";
export * from "./source";
export * from "./contracts";
export * from "./owned-columns";
export * from "./sheets";
export * from "./score";
export * from "./operations";
