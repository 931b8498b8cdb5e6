/**
 * src/sim — the subset of the Excel JavaScript API that src/excel uses, over an in-memory
 * workbook loaded from / saved to a real .xlsx (via @cj-tech-master/excelts). Runs in Node and
 * in the browser; `node.ts` adds path helpers for Node only.
 *
 * Usage:
 *   const wb = await loadWorkbook(bytes, "contrats.xlsx");          // .xlsx or .csv; .xls refused in French
 *   await SimExcel.run(wb, async (context) => {                      // same code as Excel.run
 *     const range = context.workbook.worksheets.getItem("Feuil1").getRange("A1:C3");
 *     range.load("values");
 *     await context.sync();                                          // reading range.values before: PropertyNotLoaded
 *     range.values = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];               // queued, applied at the next sync
 *   });
 *   const out = await saveWorkbook(wb);                              // PartLostError if a part would be lost
 *
 * Semantics reproduced: proxies and queued operations run in order at `sync()`; unloaded reads
 * throw `PropertyNotLoaded`; `getItem` on a missing item rejects the sync with `ItemNotFound`,
 * `getItemOrNullObject` gives `isNullObject`; wrong-shape `values` → `InvalidArgument`; each
 * context counts syncs and request/response bytes (`context.stats`), and a request or response
 * over 5 MB rejects with `RequestPayloadSizeLimitExceeded`.
 * Host hooks on `SimWorkbook`: `setFormulaEvaluator(fn)` (formulas written through the API are
 * evaluated by it; `recalculate()` re-runs it on every formula), `select(address, sheet?)` to
 * fire `context.workbook.onSelectionChanged` handlers (the workbench grid).
 * Charts (`worksheet.charts`: add, getItem, delete, name, title, setPosition; charts.ts) and page layout
 * (`worksheet.pageLayout`: orientation, zoom, headers and footers, print titles; page-layout.ts) are
 * simulated and written to the saved file; a chart's series reference its source cells.
 * Not simulated: recalculation of Excel's own functions (cached results stay), inserting/deleting
 * cells, chart series/axes/formatting through the API, `load` with the object form beyond `{ select }`.
 */
import { run } from "./api";

export const SimExcel = { run };

export {
  type SyncStats,
  RequestContext,
  REQUEST_PAYLOAD_LIMIT_BYTES,
  Range,
  Worksheet,
  Table,
  NamedItem,
  Chart,
  ChartCollection,
  PageLayout,
  lastContextStats,
} from "./api";
export { type SimChart, type ChartAnchor, SIMULATED_CHART_TYPES } from "./charts";
export {
  type CellRect,
  type ParsedAddress,
  parseAddress,
  formatAddress,
  formatRect,
  columnLetters,
  columnIndexFromLetters,
  MAX_ROWS,
  MAX_COLUMNS,
} from "./address";
export { decodeText, detectDelimiter, parseCsv } from "./csv";
export { SimError, type SimErrorCode, UnsupportedFormatError, PartLostError } from "./errors";
export { loadWorkbook, saveWorkbook, createWorkbook, XLS_REFUSAL } from "./xlsx-io";
export {
  SimWorkbook,
  type FormulaEvaluator,
  type OfficeCellValue,
  type SimDefinedName,
  type SelectionChangedArgs,
  type SaveReport,
} from "./workbook";
