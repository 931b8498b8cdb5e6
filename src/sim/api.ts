/**
 * The Excel JS API subset, with Office's proxy semantics: methods return proxies at once,
 * every operation is queued and runs at `context.sync()` in order, properties are readable
 * only after `load()` + `sync()` (snapshots), and errors reject the sync with Office's codes.
 */
import type { Cell, Table as XTable, Worksheet as XWorksheet } from "@cj-tech-master/excelts";
import {
  type CellRect,
  MAX_COLUMNS,
  MAX_ROWS,
  columnLetters,
  formatAddress,
  formatRect,
  parseAddress,
} from "./address";
import { type SimChart, checkChartType, defaultAnchor, resolveSeriesBy } from "./charts";
import { SimError } from "./errors";
import {
  type HeaderSection,
  type PageZoom,
  columnSpan,
  joinHeader,
  readPrintTitles,
  readZoom,
  rowSpan,
  splitHeader,
  wholeColumns,
  wholeRows,
  writePrintTitles,
  writeZoom,
} from "./page-layout";
import {
  type OfficeCellValue,
  type SelectionChangedArgs,
  type SimDefinedName,
  SimWorkbook,
  displayText,
  formulaText,
  numberFormatOf,
  officeValueType,
  toOfficeValue,
  usedRect,
} from "./workbook";

/** Office rejects a request (or a response) above 5 MB (Excel on the web; desktop is similar). */
export const REQUEST_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Smallest JSON size of one cell in a values matrix (`"",`), used to refuse huge loads before building them. */
const MIN_BYTES_PER_CELL = 3;

export interface SyncStats {
  syncs: number;
  lastRequestBytes: number;
  maxRequestBytes: number;
  totalRequestBytes: number;
  maxResponseBytes: number;
  totalResponseBytes: number;
}

interface QueuedOperation {
  /** What Office would send for it (estimated request size). */
  payload: unknown;
  run: () => unknown;
}

type Entity = unknown;

const payloadTooLarge = () =>
  new SimError(
    "RequestPayloadSizeLimitExceeded",
    "The request payload size has exceeded the limit. See https://aka.ms/excel-payload-limits.",
  );

export class RequestContext {
  readonly workbook: SimWorkbookProxy;
  readonly stats: SyncStats = {
    syncs: 0,
    lastRequestBytes: 0,
    maxRequestBytes: 0,
    totalRequestBytes: 0,
    maxResponseBytes: 0,
    totalResponseBytes: 0,
  };
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  /** @internal */ readonly host: SimWorkbook;
  private queue: QueuedOperation[] = [];

  constructor(host: SimWorkbook) {
    this.host = host;
    this.workbook = new SimWorkbookProxy(this);
    this.workbook._entity = host;
  }

  /** @internal */ enqueue(payload: unknown, run: () => unknown): void {
    this.queue.push({ payload, run });
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this.queue;
    this.queue = [];
    this.stats.syncs++;
    const requestBytes = JSON.stringify(ops.map((o) => o.payload)).length;
    this.stats.lastRequestBytes = requestBytes;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, requestBytes);
    this.stats.totalRequestBytes += requestBytes;
    if (requestBytes > REQUEST_PAYLOAD_LIMIT_BYTES) throw payloadTooLarge();
    let responseBytes = 0;
    for (const op of ops) {
      const result = op.run();
      if (result !== undefined) responseBytes += JSON.stringify(result).length;
      if (responseBytes > REQUEST_PAYLOAD_LIMIT_BYTES) throw payloadTooLarge();
    }
    this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, responseBytes);
    this.stats.totalResponseBytes += responseBytes;
    await Promise.resolve();
    return passThroughValue as T;
  }
}

// ── base proxy ───────────────────────────────────────────────────────────────────────────────
type LoadSpec = string | string[] | { select?: string | string[] } | undefined;

function loadPaths(spec: LoadSpec): string[] | undefined {
  if (spec === undefined) return undefined;
  const list = typeof spec === "string" ? spec.split(",") : Array.isArray(spec) ? spec : loadPaths(spec.select);
  return list?.map((s) => s.trim()).filter((s) => s !== "");
}

export abstract class ClientObject<E = Entity> {
  /** @internal */ _entity: E | undefined;
  /** @internal */ _isNull = false;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  protected readonly _ctx: RequestContext;
  protected abstract readonly _scalarNames: readonly string[];

  constructor(ctx: RequestContext) {
    this._ctx = ctx;
  }

  get context(): RequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    return this._read("isNullObject") as boolean;
  }

  /** Computes a scalar property from the entity (a snapshot). */
  protected abstract _compute(prop: string, entity: E): unknown;

  /** @internal Re-creates the entity when the request that created it failed (Office resends object paths). */
  _make: (() => void) | undefined;

  /** @internal */ _resolve(): E {
    if (this._entity === undefined && !this._isNull && this._make) this._make();
    if (this._isNull) throw new SimError("ItemNotFound", "The requested resource doesn't exist.");
    if (this._entity === undefined)
      throw new SimError("InvalidOperation", "The object was not created by a queued operation.");
    return this._entity;
  }

  protected _read(prop: string): unknown {
    if (!this._loaded.has(prop)) {
      throw new SimError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this._loaded.get(prop);
  }

  /** @internal */ _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    const snapshot: Record<string, unknown> = { isNullObject: this._isNull };
    this._loaded.set("isNullObject", this._isNull);
    if (this._isNull) return snapshot;
    const entity = this._resolve();
    const scalars = new Set(this._scalarNames);
    for (const path of props ?? this._scalarNames) {
      const [head, ...rest] = path.split("/");
      if (!head || head === "isNullObject") continue;
      if (rest.length > 0 || !scalars.has(head)) {
        const child = (this as unknown as Record<string, unknown>)[head];
        if (child instanceof ClientObject) snapshot[head] = child._loadNow(rest.length ? [rest.join("/")] : undefined);
        else throw new SimError("InvalidArgument", `Cannot load property '${path}'.`);
        continue;
      }
      const value = this._compute(head, entity);
      this._loaded.set(head, value);
      snapshot[head] = value;
    }
    return snapshot;
  }

  load(spec?: LoadSpec): this {
    const props = loadPaths(spec);
    this._ctx.enqueue({ load: props ?? "*" }, () => this._loadNow(props));
    return this;
  }

  track(): this {
    return this;
  }
  untrack(): this {
    return this;
  }

  /** @internal Queues a write; `apply` runs at sync against the resolved entity. */
  _write(payload: unknown, apply: (entity: E) => void): void {
    this._ctx.enqueue(payload, () => {
      apply(this._resolve());
      return undefined;
    });
  }

  /** Creates a child proxy whose entity is computed at sync time, in queue order. */
  protected _child<C extends ClientObject<F>, F>(child: C, payload: unknown, make: (entity: E) => F | null): C {
    child._make = () => {
      const made = make(this._resolve());
      if (made === null) child._isNull = true;
      else child._entity = made;
    };
    this._ctx.enqueue(payload, () => {
      child._make?.();
      // Office: isNullObject is readable after the sync that created the object, without a load.
      child._loaded.set("isNullObject", child._isNull);
      return undefined;
    });
    return child;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

// ── workbook ─────────────────────────────────────────────────────────────────────────────────
export class SimWorkbookProxy extends ClientObject<SimWorkbook> {
  protected readonly _scalarNames = ["name"] as const;
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  readonly onSelectionChanged: {
    add: (handler: (args: SelectionChangedArgs) => Promise<unknown> | unknown) => {
      remove: () => void;
      context: RequestContext;
    };
  };

  constructor(ctx: RequestContext) {
    super(ctx);
    this.worksheets = new WorksheetCollection(ctx);
    this.worksheets._entity = ctx.host;
    this.tables = new TableCollection(ctx, undefined);
    this.tables._entity = ctx.host;
    this.names = new NamedItemCollection(ctx, undefined);
    this.names._entity = ctx.host;
    this.onSelectionChanged = {
      add: (handler) => {
        const remove = ctx.host.addSelectionListener(async (args) => {
          await handler(args);
        });
        return { remove: () => void remove(), context: ctx };
      },
    };
  }

  get name(): string {
    return this._read("name") as string;
  }

  protected _compute(_prop: string, wb: SimWorkbook): unknown {
    return wb.source.fileName;
  }

  getSelectedRange(): Range {
    return this._child(new Range(this._ctx), { method: "getSelectedRange" }, (wb) => {
      const { sheet, rect } = wb.selected();
      return { sheet, rect };
    });
  }

  getActiveCell(): Range {
    return this._child(new Range(this._ctx), { method: "getActiveCell" }, (wb) => {
      const { sheet, rect } = wb.selected();
      return { sheet, rect: { row: rect.row, column: rect.column, rowCount: 1, columnCount: 1 } };
    });
  }
}

// ── collections ──────────────────────────────────────────────────────────────────────────────
abstract class Collection<Item extends ClientObject<IE>, IE> extends ClientObject<SimWorkbook> {
  protected readonly _scalarNames = ["items"] as const;
  protected abstract _itemEntities(wb: SimWorkbook): IE[];
  protected abstract _newItem(): Item;

  get items(): Item[] {
    return this._read("items") as Item[];
  }

  override _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    const itemProps = props
      ?.map((p) => (p.startsWith("items/") ? p.slice(6) : p))
      .filter((p) => p !== "items" && p !== "$all");
    const items = this._itemEntities(this._resolve()).map((e) => {
      const item = this._newItem();
      item._entity = e;
      return item;
    });
    const snapshots = items.map((item) => item._loadNow(itemProps && itemProps.length ? itemProps : undefined));
    this._loaded.set("items", items);
    this._loaded.set("isNullObject", false);
    return { items: snapshots };
  }

  protected _compute(): unknown {
    return undefined;
  }

  getCount(): { value: number } {
    const result = { value: 0 as number };
    let ready = false;
    this._ctx.enqueue({ method: "getCount" }, () => {
      result.value = this._itemEntities(this._resolve()).length;
      ready = true;
      return result.value;
    });
    return {
      get value() {
        if (!ready)
          throw new SimError(
            "PropertyNotLoaded",
            `The property 'value' is not available. Call "context.sync()" first.`,
          );
        return result.value;
      },
    };
  }
}

export class WorksheetCollection extends Collection<Worksheet, XWorksheet> {
  protected _itemEntities(wb: SimWorkbook): XWorksheet[] {
    return wb.excel.worksheets;
  }
  protected _newItem(): Worksheet {
    return new Worksheet(this._ctx);
  }

  getItem(key: string): Worksheet {
    return this._child(new Worksheet(this._ctx), { method: "getItem", key }, (wb) => {
      const ws = wb.sheet(key);
      if (!ws)
        throw new SimError(
          "ItemNotFound",
          `The requested resource doesn't exist. (worksheet '${key}')`,
          "Worksheets.getItem",
        );
      return ws;
    });
  }

  getItemOrNullObject(key: string): Worksheet {
    return this._child(new Worksheet(this._ctx), { method: "getItemOrNullObject", key }, (wb) => wb.sheet(key) ?? null);
  }

  getActiveWorksheet(): Worksheet {
    return this._child(new Worksheet(this._ctx), { method: "getActiveWorksheet" }, (wb) => {
      const ws = wb.activeSheet();
      if (!ws) throw new SimError("ItemNotFound", "No worksheet.");
      return ws;
    });
  }

  getFirst(): Worksheet {
    return this._child(new Worksheet(this._ctx), { method: "getFirst" }, (wb) => {
      const ws = wb.excel.worksheets[0];
      if (!ws) throw new SimError("ItemNotFound", "No worksheet.");
      return ws;
    });
  }

  add(name?: string): Worksheet {
    return this._child(new Worksheet(this._ctx), { method: "add", name }, (wb) => {
      let sheetName = name;
      if (sheetName === undefined) {
        let n = wb.excel.worksheets.length + 1;
        while (wb.sheet(`Feuil${n}`)) n++;
        sheetName = `Feuil${n}`;
      }
      if (wb.sheet(sheetName))
        throw new SimError("ItemAlreadyExists", `A worksheet named '${sheetName}' already exists.`);
      if (sheetName.length > 31 || /[[\]:*?/\\]/.test(sheetName) || sheetName.trim() === "") {
        throw new SimError("InvalidArgument", `Invalid worksheet name '${sheetName}'.`);
      }
      return wb.excel.addWorksheet(sheetName);
    });
  }
}

// ── worksheet ────────────────────────────────────────────────────────────────────────────────
export class Worksheet extends ClientObject<XWorksheet> {
  protected readonly _scalarNames = ["name", "id", "position", "visibility", "tabColor"] as const;

  get name(): string {
    return this._read("name") as string;
  }
  set name(value: string) {
    this._write({ set: "name", value }, (ws) => {
      const other = this._ctx.host.sheet(value);
      if (other && other !== ws)
        throw new SimError("ItemAlreadyExists", `A worksheet named '${value}' already exists.`);
      const old = ws.name;
      ws.name = value;
      for (const n of this._ctx.host.names) if (n.scopeSheet === old) n.scopeSheet = value;
    });
  }
  get id(): string {
    return this._read("id") as string;
  }
  get position(): number {
    return this._read("position") as number;
  }
  get visibility(): Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden" {
    return this._read("visibility") as "Visible";
  }
  set visibility(value: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden") {
    this._write({ set: "visibility", value }, (ws) => {
      ws.state = value === "Hidden" ? "hidden" : value === "VeryHidden" ? "veryHidden" : "visible";
    });
  }
  get tabColor(): string {
    return this._read("tabColor") as string;
  }

  protected _compute(prop: string, ws: XWorksheet): unknown {
    switch (prop) {
      case "name":
        return ws.name;
      case "id":
        return `{sheet-${ws.id}}`;
      case "position":
        return ws.workbook.worksheets.indexOf(ws);
      case "visibility":
        return ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
      case "tabColor": {
        const argb = (ws.properties.tabColor as { argb?: string } | undefined)?.argb;
        return argb ? `#${argb.slice(-6)}` : "";
      }
    }
    return undefined;
  }

  get tables(): TableCollection {
    const c = new TableCollection(this._ctx, this);
    c._entity = this._ctx.host;
    return c;
  }
  get names(): NamedItemCollection {
    const c = new NamedItemCollection(this._ctx, this);
    c._entity = this._ctx.host;
    return c;
  }
  get freezePanes(): WorksheetFreezePanes {
    return new WorksheetFreezePanes(this);
  }
  private _charts: ChartCollection | undefined;
  /** The sheet's charts (one proxy per worksheet proxy, so a load on it is read back on it). */
  get charts(): ChartCollection {
    if (!this._charts) {
      this._charts = new ChartCollection(this._ctx, this);
      this._charts._entity = this._ctx.host;
    }
    return this._charts;
  }
  private _pageLayout: PageLayout | undefined;
  get pageLayout(): PageLayout {
    return (this._pageLayout ??= new PageLayout(this._ctx, this));
  }

  getRange(address?: string): Range {
    return this._child(new Range(this._ctx), { method: "getRange", address }, (ws) => {
      if (address === undefined || address === "")
        return { sheet: ws, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      const parsed = parseAddress(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== ws.name.toLowerCase()) {
        throw new SimError("InvalidArgument", `The address '${address}' refers to another worksheet.`);
      }
      return { sheet: ws, rect: parsed.rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this._child(
      new Range(this._ctx),
      { method: "getRangeByIndexes", startRow, startColumn, rowCount, columnCount },
      (ws) => ({
        sheet: ws,
        rect: checkedRect({ row: startRow, column: startColumn, rowCount, columnCount }),
      }),
    );
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRange(valuesOnly?: boolean): Range {
    return this._child(new Range(this._ctx), { method: "getUsedRange", valuesOnly }, (ws) => ({
      sheet: ws,
      rect: usedRect(ws, valuesOnly === true) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this._child(new Range(this._ctx), { method: "getUsedRangeOrNullObject", valuesOnly }, (ws) => {
      const rect = usedRect(ws, valuesOnly === true);
      return rect ? { sheet: ws, rect } : null;
    });
  }

  activate(): void {
    this._write({ method: "activate" }, (ws) => this._ctx.host.setActiveSheet(ws));
  }

  delete(): void {
    this._write({ method: "delete" }, (ws) => {
      const host = this._ctx.host;
      if (host.visibleSheets().length <= 1 && ws.state !== "hidden" && ws.state !== "veryHidden") {
        throw new SimError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      host.names.splice(0, host.names.length, ...host.names.filter((n) => n.scopeSheet !== ws.name));
      host.forgetSheetCharts(ws);
      host.excel.removeWorksheet(ws.id);
    });
  }
}

function checkedRect(rect: CellRect): CellRect {
  const ok =
    Number.isInteger(rect.row) &&
    Number.isInteger(rect.column) &&
    rect.row >= 0 &&
    rect.column >= 0 &&
    rect.rowCount >= 1 &&
    rect.columnCount >= 1 &&
    rect.row + rect.rowCount <= MAX_ROWS &&
    rect.column + rect.columnCount <= MAX_COLUMNS;
  if (!ok)
    throw new SimError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format (range ${JSON.stringify(rect)}).`,
    );
  return rect;
}

export class WorksheetFreezePanes {
  constructor(private readonly sheet: Worksheet) {}
  private static apply(ws: XWorksheet, rows: number, columns: number): void {
    const view = ws.views[0] ?? {};
    ws.views = [
      {
        ...view,
        state: rows + columns > 0 ? "frozen" : "normal",
        xSplit: columns,
        ySplit: rows,
        topLeftCell: `${columnLetters(columns)}${rows + 1}`,
      } as Partial<XWorksheet["views"][number]>,
      ...ws.views.slice(1),
    ];
  }
  private freeze(rows: number, columns: number): void {
    this.sheet._write({ method: "freeze", rows, columns }, (ws) => WorksheetFreezePanes.apply(ws, rows, columns));
  }
  freezeRows(count = 1): void {
    this.freeze(count, 0);
  }
  freezeColumns(count = 1): void {
    this.freeze(0, count);
  }
  freezeAt(frozenRange: Range | string): void {
    if (typeof frozenRange === "string") {
      const { rect } = parseAddress(frozenRange);
      this.freeze(rect.row + rect.rowCount, rect.column + rect.columnCount);
    } else {
      this.sheet._write({ method: "freezeAt" }, (ws) => {
        const { rect } = frozenRange._resolve();
        WorksheetFreezePanes.apply(ws, rect.row + rect.rowCount, rect.column + rect.columnCount);
      });
    }
  }
  unfreeze(): void {
    this.freeze(0, 0);
  }
}

// ── range ────────────────────────────────────────────────────────────────────────────────────
export interface RangeRef {
  sheet: XWorksheet;
  rect: CellRect;
}

type Matrix<T> = T[][];

function cellsOf<T>(ref: RangeRef, read: (cell: Cell | undefined) => T): Matrix<T> {
  const { sheet, rect } = ref;
  const out: Matrix<T> = [];
  for (let r = 0; r < rect.rowCount; r++) {
    const row = sheet.findRow(rect.row + r + 1);
    const line: T[] = new Array<T>(rect.columnCount);
    for (let c = 0; c < rect.columnCount; c++) line[c] = read(row?.findCell(rect.column + c + 1));
    out.push(line);
  }
  return out;
}

function forEachCell(ref: RangeRef, fn: (cell: Cell, r: number, c: number) => void): void {
  const { sheet, rect } = ref;
  for (let r = 0; r < rect.rowCount; r++)
    for (let c = 0; c < rect.columnCount; c++) fn(sheet.getCell(rect.row + r + 1, rect.column + c + 1), r, c);
}

/** One value for the range if every cell agrees, else null (what Office returns for mixed formats). */
function uniform<T>(ref: RangeRef, read: (cell: Cell | undefined) => T): T | null {
  const cells = cellsOf(ref, read).flat();
  const first = cells[0] as T;
  return cells.every((v) => v === first) ? first : null;
}

/** Checks a matrix assignment: a single value fills the range, otherwise the shape must match exactly. */
function shaped<T>(ref: RangeRef, input: unknown, what: string): (r: number, c: number) => T {
  const { rect } = ref;
  if (!Array.isArray(input)) return () => input as T;
  const rows = input as unknown[];
  if (rows.length === 1 && Array.isArray(rows[0]) && rows[0].length === 1 && rect.rowCount * rect.columnCount > 1) {
    const only = rows[0][0] as T;
    return () => only;
  }
  const ok =
    rows.length === rect.rowCount && rows.every((row) => Array.isArray(row) && row.length === rect.columnCount);
  if (!ok) {
    const got = `${rows.length}×${Array.isArray(rows[0]) ? rows[0].length : "?"}`;
    throw new SimError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range ${rect.rowCount}×${rect.columnCount}, array ${got}).`,
    );
  }
  return (r, c) => (rows[r] as T[])[c] as T;
}

const CELL_LIMIT_FOR_WRITE = 5_000_000;

function isOfficeScalar(v: unknown): v is OfficeCellValue | null {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

export class Range extends ClientObject<RangeRef> {
  protected readonly _scalarNames = [
    "address",
    "addressLocal",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "cellCount",
    "values",
    "formulas",
    "text",
    "numberFormat",
    "valueTypes",
    "isEntireColumn",
    "isEntireRow",
  ] as const;

  get address(): string {
    return this._read("address") as string;
  }
  get addressLocal(): string {
    return this._read("addressLocal") as string;
  }
  get rowIndex(): number {
    return this._read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this._read("columnIndex") as number;
  }
  get rowCount(): number {
    return this._read("rowCount") as number;
  }
  get columnCount(): number {
    return this._read("columnCount") as number;
  }
  get cellCount(): number {
    return this._read("cellCount") as number;
  }
  get isEntireColumn(): boolean {
    return this._read("isEntireColumn") as boolean;
  }
  get isEntireRow(): boolean {
    return this._read("isEntireRow") as boolean;
  }
  get text(): string[][] {
    return this._read("text") as string[][];
  }
  get valueTypes(): string[][] {
    return this._read("valueTypes") as string[][];
  }

  get values(): OfficeCellValue[][] {
    return this._read("values") as OfficeCellValue[][];
  }
  set values(input: unknown[][]) {
    this._write({ set: "values", value: input }, (ref) => {
      const at = shaped<unknown>(ref, input, "values");
      const host = this._ctx.host;
      forEachCell(ref, (cell, r, c) => {
        const v = at(r, c);
        if (!isOfficeScalar(v)) throw new SimError("InvalidArgument", `Invalid cell value ${JSON.stringify(v)}.`);
        writeCell(host, ref.sheet, cell, v);
      });
    });
  }

  get formulas(): OfficeCellValue[][] {
    return this._read("formulas") as OfficeCellValue[][];
  }
  set formulas(input: unknown[][]) {
    this._write({ set: "formulas", value: input }, (ref) => {
      const at = shaped<unknown>(ref, input, "formulas");
      const host = this._ctx.host;
      forEachCell(ref, (cell, r, c) => {
        const v = at(r, c);
        if (!isOfficeScalar(v)) throw new SimError("InvalidArgument", `Invalid formula ${JSON.stringify(v)}.`);
        writeCell(host, ref.sheet, cell, v);
      });
    });
  }

  get numberFormat(): string[][] {
    return this._read("numberFormat") as string[][];
  }
  set numberFormat(input: unknown[][]) {
    this._write({ set: "numberFormat", value: input }, (ref) => {
      const at = shaped<unknown>(ref, input, "numberFormat");
      forEachCell(ref, (cell, r, c) => {
        const fmt = at(r, c);
        if (typeof fmt !== "string") throw new SimError("InvalidArgument", "numberFormat expects strings.");
        cell.numFmt = fmt;
      });
    });
  }

  protected _compute(prop: string, ref: RangeRef): unknown {
    const { sheet, rect } = ref;
    const cellCount = rect.rowCount * rect.columnCount;
    if (
      ["values", "formulas", "text", "numberFormat", "valueTypes"].includes(prop) &&
      cellCount * MIN_BYTES_PER_CELL > REQUEST_PAYLOAD_LIMIT_BYTES
    ) {
      throw payloadTooLarge();
    }
    switch (prop) {
      case "address":
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "cellCount":
        return cellCount;
      case "isEntireColumn":
        return rect.row === 0 && rect.rowCount === MAX_ROWS;
      case "isEntireRow":
        return rect.column === 0 && rect.columnCount === MAX_COLUMNS;
      case "values":
        return cellsOf(ref, (c) => toOfficeValue(c?.value));
      case "formulas":
        return cellsOf(ref, formulaText);
      case "text":
        return cellsOf(ref, displayText);
      case "numberFormat":
        return cellsOf(ref, numberFormatOf);
      case "valueTypes":
        return cellsOf(ref, officeValueType);
    }
    return undefined;
  }

  private _derived(payload: unknown, make: (ref: RangeRef) => CellRect | null): Range {
    return this._child(new Range(this._ctx), payload, (ref) => {
      const rect = make(ref);
      return rect === null ? null : { sheet: ref.sheet, rect: checkedRect(rect) };
    });
  }

  get worksheet(): Worksheet {
    return this._child(new Worksheet(this._ctx), { get: "worksheet" }, (ref) => ref.sheet);
  }
  get format(): RangeFormat {
    const f = new RangeFormat(this._ctx, this);
    return f;
  }
  get dataValidation(): DataValidation {
    return new DataValidation(this._ctx, this);
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return new ConditionalFormatCollection(this);
  }

  getCell(row: number, column: number): Range {
    return this._derived({ method: "getCell", row, column }, ({ rect }) => ({
      row: rect.row + row,
      column: rect.column + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }
  getRow(row: number): Range {
    return this._derived({ method: "getRow", row }, ({ rect }) => ({ ...rect, row: rect.row + row, rowCount: 1 }));
  }
  getColumn(column: number): Range {
    return this._derived({ method: "getColumn", column }, ({ rect }) => ({
      ...rect,
      column: rect.column + column,
      columnCount: 1,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derived({ method: "getOffsetRange", rowOffset, columnOffset }, ({ rect }) => ({
      ...rect,
      row: rect.row + rowOffset,
      column: rect.column + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derived({ method: "getResizedRange", deltaRows, deltaColumns }, ({ rect }) => ({
      ...rect,
      rowCount: rect.rowCount + deltaRows,
      columnCount: rect.columnCount + deltaColumns,
    }));
  }
  getLastRow(): Range {
    return this._derived({ method: "getLastRow" }, ({ rect }) => ({
      ...rect,
      row: rect.row + rect.rowCount - 1,
      rowCount: 1,
    }));
  }
  getLastColumn(): Range {
    return this._derived({ method: "getLastColumn" }, ({ rect }) => ({
      ...rect,
      column: rect.column + rect.columnCount - 1,
      columnCount: 1,
    }));
  }
  getEntireColumn(): Range {
    return this._derived({ method: "getEntireColumn" }, ({ rect }) => ({ ...rect, row: 0, rowCount: MAX_ROWS }));
  }
  getEntireRow(): Range {
    return this._derived({ method: "getEntireRow" }, ({ rect }) => ({ ...rect, column: 0, columnCount: MAX_COLUMNS }));
  }
  getIntersectionOrNullObject(other: Range | string): Range {
    return this._derived({ method: "getIntersectionOrNullObject" }, ({ rect }) => {
      const o = typeof other === "string" ? parseAddress(other).rect : other._resolve().rect;
      const row = Math.max(rect.row, o.row),
        column = Math.max(rect.column, o.column);
      const lastRow = Math.min(rect.row + rect.rowCount, o.row + o.rowCount),
        lastCol = Math.min(rect.column + rect.columnCount, o.column + o.columnCount);
      return lastRow > row && lastCol > column
        ? { row, column, rowCount: lastRow - row, columnCount: lastCol - column }
        : null;
    });
  }
  /** Used part of this range (values and formatted cells), like Office's Range.getUsedRange. */
  getUsedRange(valuesOnly?: boolean): Range {
    return this._derived({ method: "getUsedRange", valuesOnly }, ({ sheet, rect }) => {
      const used = usedRect(sheet, valuesOnly === true);
      if (!used) throw new SimError("ItemNotFound", "The range is empty.");
      const row = Math.max(rect.row, used.row),
        column = Math.max(rect.column, used.column);
      const lastRow = Math.min(rect.row + rect.rowCount, used.row + used.rowCount),
        lastCol = Math.min(rect.column + rect.columnCount, used.column + used.columnCount);
      if (lastRow <= row || lastCol <= column) throw new SimError("ItemNotFound", "The range is empty.");
      return { row, column, rowCount: lastRow - row, columnCount: lastCol - column };
    });
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this._write({ method: "clear", applyTo }, (ref) =>
      forEachCell(ref, (cell) => {
        if (applyTo !== "Formats") cell.value = null;
        if (applyTo !== "Contents") cell.style = {};
      }),
    );
  }

  select(): void {
    this._write({ method: "select" }, (ref) => void this._ctx.host.select(formatAddress(ref.sheet.name, ref.rect)));
  }

  merge(across = false): void {
    this._write({ method: "merge", across }, ({ sheet, rect }) => {
      const rows = across
        ? Array.from({ length: rect.rowCount }, (_, i) => ({ ...rect, row: rect.row + i, rowCount: 1 }))
        : [rect];
      for (const r of rows) sheet.mergeCells(formatRect(r));
    });
  }
  unmerge(): void {
    this._write({ method: "unmerge" }, ({ sheet, rect }) => sheet.unMergeCells(formatRect(rect)));
  }
  getMergedAreasOrNullObject(): Range {
    return this._derived({ method: "getMergedAreasOrNullObject" }, ({ sheet, rect }) => {
      const hits = sheet.mergedRegions
        .map((m) => parseAddress(String((m as { range?: string }).range ?? m)).rect)
        .filter(
          (m) =>
            m.row < rect.row + rect.rowCount &&
            m.row + m.rowCount > rect.row &&
            m.column < rect.column + rect.columnCount &&
            m.column + m.columnCount > rect.column,
        );
      const first = hits[0];
      return first ?? null;
    });
  }
}

/** Writes one Office value: "" clears (style kept), "=…" is a formula (evaluated by the host hook if any). */
function writeCell(host: SimWorkbook, sheet: XWorksheet, cell: Cell, v: OfficeCellValue | null): void {
  if (v === null) return; // Office: null leaves the cell unchanged
  if (v === "") cell.value = null;
  else if (typeof v === "string" && v.startsWith("=") && v.length > 1) {
    const result = host.evaluate(v, sheet.name, cell.address);
    cell.value = (result === undefined ? { formula: v.slice(1) } : { formula: v.slice(1), result }) as Cell["value"];
  } else if (typeof v === "number" && !Number.isFinite(v)) {
    throw new SimError("InvalidArgument", `Invalid number ${v}.`);
  } else cell.value = v;
}

// ── formats ──────────────────────────────────────────────────────────────────────────────────
/** Office `columnWidth` is in points; the file stores characters of the default font (≈7 px each + 5 px padding). */
const pointsToCharacters = (points: number) => Math.max(0, (points / 0.75 - 5) / 7);
const charactersToPoints = (chars: number) => (chars * 7 + 5) * 0.75;
const DEFAULT_COLUMN_WIDTH_CHARS = 8.43;
const LINE_HEIGHT_POINTS = 15;

const toArgb = (color: string) => {
  const hex = color.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex)) throw new SimError("InvalidArgument", `Invalid color '${color}'.`);
  return `FF${hex}`;
};
const fromArgb = (argb: string | undefined) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

export class RangeFormat extends ClientObject<RangeRef> {
  protected readonly _scalarNames = ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment"] as const;
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(
    ctx: RequestContext,
    private readonly range: Range,
  ) {
    super(ctx);
    this.fill = new RangeFill(ctx, range);
    this.font = new RangeFont(ctx, range);
  }
  override _resolve(): RangeRef {
    return this.range._resolve();
  }
  override _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    this._isNull = this.range._isNull;
    if (!this._isNull) this._entity = this.range._resolve();
    return super._loadNow(props);
  }
  override _write(payload: unknown, apply: (entity: RangeRef) => void): void {
    this._ctx.enqueue(payload, () => apply(this.range._resolve()));
  }

  get columnWidth(): number {
    return this._read("columnWidth") as number;
  }
  set columnWidth(points: number) {
    this._write({ set: "columnWidth", points }, ({ sheet, rect }) => {
      for (let c = 0; c < rect.columnCount; c++)
        sheet.getColumn(rect.column + c + 1).width = pointsToCharacters(points);
    });
  }
  get rowHeight(): number {
    return this._read("rowHeight") as number;
  }
  set rowHeight(points: number) {
    this._write({ set: "rowHeight", points }, ({ sheet, rect }) => {
      for (let r = 0; r < rect.rowCount; r++) sheet.getRow(rect.row + r + 1).height = points;
    });
  }
  get wrapText(): boolean | null {
    return this._read("wrapText") as boolean | null;
  }
  set wrapText(wrap: boolean) {
    this._write({ set: "wrapText", wrap }, (ref) =>
      forEachCell(ref, (cell) => (cell.alignment = { ...cell.alignment, wrapText: wrap })),
    );
  }
  get horizontalAlignment(): string | null {
    return this._read("horizontalAlignment") as string | null;
  }

  protected _compute(prop: string, ref: RangeRef): unknown {
    switch (prop) {
      case "columnWidth": {
        const w = ref.sheet.getColumn(ref.rect.column + 1).width ?? DEFAULT_COLUMN_WIDTH_CHARS;
        return charactersToPoints(w);
      }
      case "rowHeight":
        return ref.sheet.findRow(ref.rect.row + 1)?.height ?? 15;
      case "wrapText":
        return uniform(ref, (c) => c?.alignment?.wrapText === true);
      case "horizontalAlignment":
        return uniform(ref, (c) => {
          const h = c?.alignment?.horizontal;
          return h ? h.charAt(0).toUpperCase() + h.slice(1) : "General";
        });
    }
    return undefined;
  }

  autofitColumns(): void {
    this._write({ method: "autofitColumns" }, ({ sheet, rect }) => {
      for (let c = 0; c < rect.columnCount; c++) {
        const column = rect.column + c;
        let longest = 0;
        const used = usedRect(sheet, true);
        const lastRow = used ? used.row + used.rowCount : 0;
        for (let r = Math.max(rect.row, used?.row ?? 0); r < Math.min(rect.row + rect.rowCount, lastRow); r++) {
          const cell = sheet.findRow(r + 1)?.findCell(column + 1);
          for (const line of displayText(cell).split("\n")) longest = Math.max(longest, line.length);
        }
        sheet.getColumn(column + 1).width = Math.max(DEFAULT_COLUMN_WIDTH_CHARS, Math.min(255, longest + 2));
      }
    });
  }
  /** Like Excel: each row as tall as its tallest wrapped cell (≈ one 15 pt line per column width of text). */
  autofitRows(): void {
    this._write({ method: "autofitRows" }, ({ sheet, rect }) => {
      for (let r = 0; r < rect.rowCount; r++) {
        const row = sheet.findRow(rect.row + r + 1);
        if (!row) continue;
        let lines = 1;
        row.eachCell((cell, columnNumber) => {
          const text = displayText(cell);
          if (text === "" || cell.alignment?.wrapText !== true) return;
          const width = Math.max(1, Math.floor(sheet.getColumn(columnNumber).width ?? DEFAULT_COLUMN_WIDTH_CHARS));
          const needed = text.split("\n").reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / width)), 0);
          lines = Math.max(lines, needed);
        });
        row.height = lines * LINE_HEIGHT_POINTS;
      }
    });
  }
}

abstract class RangePart extends ClientObject<RangeRef> {
  constructor(
    ctx: RequestContext,
    protected readonly range: Range,
  ) {
    super(ctx);
  }
  override _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    this._isNull = this.range._isNull;
    if (!this._isNull) this._entity = this.range._resolve();
    return super._loadNow(props);
  }
  override _write(payload: unknown, apply: (entity: RangeRef) => void): void {
    this._ctx.enqueue(payload, () => apply(this.range._resolve()));
  }
}

export class RangeFill extends RangePart {
  protected readonly _scalarNames = ["color"] as const;
  get color(): string | null {
    return this._read("color") as string | null;
  }
  set color(color: string) {
    this._write({ set: "fill.color", color }, (ref) => {
      const argb = toArgb(color);
      forEachCell(ref, (cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb } }));
    });
  }
  clear(): void {
    this._write({ method: "fill.clear" }, (ref) =>
      forEachCell(ref, (cell) => (cell.fill = { type: "pattern", pattern: "none" })),
    );
  }
  protected _compute(_prop: string, ref: RangeRef): unknown {
    return uniform(ref, (c) => {
      const fill = c?.fill as { pattern?: string; fgColor?: { argb?: string } } | undefined;
      return fill && fill.pattern !== "none" ? (fromArgb(fill.fgColor?.argb) ?? "#FFFFFF") : "#FFFFFF";
    });
  }
}

export class RangeFont extends RangePart {
  protected readonly _scalarNames = ["bold", "italic", "color", "name", "size"] as const;
  get bold(): boolean | null {
    return this._read("bold") as boolean | null;
  }
  set bold(bold: boolean) {
    this._font({ bold });
  }
  get italic(): boolean | null {
    return this._read("italic") as boolean | null;
  }
  set italic(italic: boolean) {
    this._font({ italic });
  }
  get color(): string | null {
    return this._read("color") as string | null;
  }
  set color(color: string) {
    this._font({ color: { argb: toArgb(color) } });
  }
  get name(): string | null {
    return this._read("name") as string | null;
  }
  set name(name: string) {
    this._font({ name });
  }
  get size(): number | null {
    return this._read("size") as number | null;
  }
  set size(size: number) {
    this._font({ size });
  }
  private _font(patch: Record<string, unknown>): void {
    this._write({ set: "font", patch }, (ref) => forEachCell(ref, (cell) => (cell.font = { ...cell.font, ...patch })));
  }
  protected _compute(prop: string, ref: RangeRef): unknown {
    return uniform(ref, (c) => {
      const font = c?.font;
      switch (prop) {
        case "bold":
          return font?.bold === true;
        case "italic":
          return font?.italic === true;
        case "color":
          return fromArgb(font?.color?.argb) ?? "#000000";
        case "name":
          return font?.name ?? "Calibri";
        case "size":
          return font?.size ?? 11;
      }
      return undefined;
    });
  }
}

// ── data validation & conditional formats ───────────────────────────────────────────────────
export interface DataValidationRule {
  list?: { inCellDropDown: boolean; source: string };
  wholeNumber?: { operator?: string; formula1: string | number; formula2?: string | number };
  decimal?: { operator?: string; formula1: string | number; formula2?: string | number };
  custom?: { formula: string };
}

type XValidation = Record<string, unknown> & { type?: string; formulae?: unknown[]; showDropDown?: boolean };

function validationKey(rect: CellRect): string {
  return rect.rowCount === 1 && rect.columnCount === 1 ? formatRect(rect) : `range:${formatRect(rect)}`;
}

export class DataValidation extends RangePart {
  protected readonly _scalarNames = ["rule", "type"] as const;
  get rule(): DataValidationRule {
    return this._read("rule") as DataValidationRule;
  }
  set rule(rule: DataValidationRule) {
    this._write({ set: "dataValidation.rule", rule }, ({ sheet, rect }) => {
      const v = toExcelValidation(rule);
      (sheet.dataValidations.model as Record<string, unknown>)[validationKey(rect)] = v;
    });
  }
  get type(): string {
    return this._read("type") as string;
  }
  clear(): void {
    this._write({ method: "dataValidation.clear" }, ({ sheet, rect }) => {
      const model = sheet.dataValidations.model as Record<string, unknown>;
      for (const key of Object.keys(model)) {
        const r = parseAddress(key.replace(/^range:/, "")).rect;
        const inside =
          r.row >= rect.row &&
          r.column >= rect.column &&
          r.row + r.rowCount <= rect.row + rect.rowCount &&
          r.column + r.columnCount <= rect.column + rect.columnCount;
        if (inside) delete model[key];
      }
    });
  }
  protected _compute(prop: string, { sheet, rect }: RangeRef): unknown {
    const first = `${columnLetters(rect.column)}${rect.row + 1}`;
    const v = sheet.dataValidations.find(first) as XValidation | undefined;
    if (prop === "type")
      return v
        ? (({ list: "List", whole: "WholeNumber", decimal: "Decimal", custom: "Custom" } as Record<string, string>)[
            v.type ?? ""
          ] ?? "Inconsistent")
        : "None";
    if (!v) return {};
    const f1 = String(v.formulae?.[0] ?? "");
    if (v.type === "list")
      return {
        list: { inCellDropDown: v.showDropDown !== true, source: f1.startsWith('"') ? f1.slice(1, -1) : `=${f1}` },
      };
    if (v.type === "custom") return { custom: { formula: `=${f1}` } };
    return { [v.type === "whole" ? "wholeNumber" : "decimal"]: { operator: v.operator, formula1: f1 } };
  }
}

function toExcelValidation(rule: DataValidationRule): XValidation {
  if (rule.list) {
    const src = rule.list.source;
    // A literal list "Oui;Non" or "Oui,Non" is stored quoted with commas; "=Sheet!$A$1:$A$3" is a reference.
    const formula = src.startsWith("=")
      ? src.slice(1)
      : `"${src
          .split(/[;,]/)
          .map((s) => s.trim())
          .join(",")}"`;
    // OOXML's showDropDown="1" means *hide* the arrow.
    return { type: "list", allowBlank: true, formulae: [formula], showDropDown: !rule.list.inCellDropDown };
  }
  if (rule.custom) return { type: "custom", allowBlank: true, formulae: [rule.custom.formula.replace(/^=/, "")] };
  const numeric = rule.wholeNumber ?? rule.decimal;
  if (numeric) {
    const formulae = [numeric.formula1, numeric.formula2]
      .filter((f) => f !== undefined)
      .map((f) => String(f).replace(/^=/, ""));
    return {
      type: rule.wholeNumber ? "whole" : "decimal",
      operator: lowerFirst(numeric.operator ?? "between"),
      allowBlank: true,
      formulae,
    };
  }
  throw new SimError("InvalidArgument", "Unsupported data validation rule.");
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** What `conditionalFormats.add(type)` returns: set the rule, then the format, as in Office. */
export class ConditionalFormat {
  /** Stored rule, written to the file on save. */
  readonly rule: Record<string, unknown>;
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };
  readonly cellValue: {
    rule: { formula1: string; formula2?: string; operator: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };
  readonly textComparison: {
    rule: { operator: string; text: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };
  constructor(rule: Record<string, unknown>) {
    this.rule = rule;
    const style = () => (rule.style ??= {}) as Record<string, unknown>;
    const format = {
      fill: {
        set color(c: string) {
          style().fill = { type: "pattern", pattern: "solid", bgColor: { argb: toArgb(c) } };
        },
        get color() {
          return "";
        },
      },
      font: {
        set color(c: string) {
          style().font = { ...(style().font as object), color: { argb: toArgb(c) } };
        },
        get color() {
          return "";
        },
        set bold(b: boolean) {
          style().font = { ...(style().font as object), bold: b };
        },
        get bold() {
          return false;
        },
      },
    };
    this.custom = {
      rule: {
        set formula(f: string) {
          rule.type = "expression";
          rule.formulae = [f.replace(/^=/, "")];
        },
        get formula() {
          return String((rule.formulae as string[] | undefined)?.[0] ?? "");
        },
      },
      format,
    };
    this.cellValue = {
      set rule(r: { formula1: string; formula2?: string; operator: string }) {
        rule.type = "cellIs";
        rule.operator = lowerFirst(r.operator);
        rule.formulae = [r.formula1, r.formula2].filter((f) => f !== undefined).map((f) => String(f).replace(/^=/, ""));
      },
      get rule() {
        return { formula1: "", operator: "" };
      },
      format,
    };
    this.textComparison = {
      set rule(r: { operator: string; text: string }) {
        rule.type = "containsText";
        rule.operator = r.operator === "Contains" ? "containsText" : lowerFirst(r.operator);
        rule.text = r.text;
      },
      get rule() {
        return { operator: "", text: "" };
      },
      format,
    };
  }
}

export class ConditionalFormatCollection {
  constructor(private readonly range: Range) {}
  /** Adds a rule for the range; its options are filled in synchronously, then the queued add stores them at sync. */
  add(type: Excel.ConditionalFormatType | "Custom" | "CellValue" | "ContainsText"): ConditionalFormat {
    const rule: Record<string, unknown> = { priority: 1 };
    const cf = new ConditionalFormat(rule);
    this.range.context.enqueue({ method: "conditionalFormats.add", type, rule }, () => {
      const { sheet, rect } = this.range._resolve();
      if (rule.type === undefined) throw new SimError("InvalidArgument", `Conditional format '${type}' has no rule.`);
      const priority = sheet.conditionalFormattings.reduce((n, cfo) => n + cfo.rules.length, 0) + 1;
      sheet.addConditionalFormatting({ ref: formatRect(rect), rules: [{ ...rule, priority } as never] });
      return undefined;
    });
    return cf;
  }
  clearAll(): void {
    this.range.context.enqueue({ method: "conditionalFormats.clearAll" }, () => {
      const { sheet, rect } = this.range._resolve();
      const mine = formatRect(rect);
      sheet.removeConditionalFormatting((cfo) => cfo.ref === mine);
      return undefined;
    });
  }
}

// ── tables ───────────────────────────────────────────────────────────────────────────────────
interface TableRef {
  table: XTable;
  sheet: XWorksheet;
}

function tableRect(t: XTable): CellRect {
  const ref = (t.model as { tableRef?: string }).tableRef ?? t.ref;
  return parseAddress(ref).rect;
}

export class TableCollection extends Collection<Table, TableRef> {
  constructor(
    ctx: RequestContext,
    private readonly sheet: Worksheet | undefined,
  ) {
    super(ctx);
  }
  protected _itemEntities(wb: SimWorkbook): TableRef[] {
    const all = wb.allTables();
    if (!this.sheet) return all;
    const ws = this.sheet._resolve();
    return all.filter((t) => t.sheet === ws);
  }
  protected _newItem(): Table {
    return new Table(this._ctx);
  }
  getItem(key: string): Table {
    return this._child(new Table(this._ctx), { method: "tables.getItem", key }, (wb) => {
      const found = wb.findTable(key);
      if (!found)
        throw new SimError("ItemNotFound", `The requested resource doesn't exist. (table '${key}')`, "Tables.getItem");
      return found;
    });
  }
  getItemOrNullObject(key: string): Table {
    return this._child(
      new Table(this._ctx),
      { method: "tables.getItemOrNullObject", key },
      (wb) => wb.findTable(key) ?? null,
    );
  }
  getItemAt(index: number): Table {
    return this._child(new Table(this._ctx), { method: "tables.getItemAt", index }, (wb) => {
      const t = this._itemEntities(wb)[index];
      if (!t) throw new SimError("ItemNotFound", `No table at index ${index}.`);
      return t;
    });
  }
  /** Converts the cells at `address` into a table; their values stay. Without headers, a header row is inserted above the data. */
  add(address: Range | string, hasHeaders: boolean): Table {
    return this._child(
      new Table(this._ctx),
      { method: "tables.add", address: typeof address === "string" ? address : "range", hasHeaders },
      (wb) => {
        let sheet: XWorksheet;
        let rect: CellRect;
        if (typeof address === "string") {
          const parsed = parseAddress(address);
          const ws =
            parsed.sheet !== undefined ? wb.sheet(parsed.sheet) : this.sheet ? this.sheet._resolve() : wb.activeSheet();
          if (!ws) throw new SimError("ItemNotFound", `No worksheet for table address '${address}'.`);
          sheet = ws;
          rect = parsed.rect;
        } else ({ sheet, rect } = address._resolve());
        for (const { table, sheet: s } of wb.allTables()) {
          const r = tableRect(table);
          const overlaps =
            s === sheet &&
            r.row < rect.row + rect.rowCount &&
            r.row + r.rowCount > rect.row &&
            r.column < rect.column + rect.columnCount &&
            r.column + r.columnCount > rect.column;
          if (overlaps) throw new SimError("InvalidOperation", "A table can't overlap another table.");
        }
        const values = cellsOf({ sheet, rect }, (c) => c?.value ?? null);
        const header = hasHeaders ? (values.shift() ?? []) : [];
        const used = new Set<string>();
        const columns = Array.from({ length: rect.columnCount }, (_, c) => {
          let name = String(toOfficeValue(header[c]) || `Colonne${c + 1}`);
          for (let n = 2; used.has(name.toLowerCase()); n++)
            name = `${String(toOfficeValue(header[c]) || "Colonne")}${n}`;
          used.add(name.toLowerCase());
          return { name };
        });
        let n = wb.allTables().length + 1;
        while (wb.findTable(`Tableau${n}`)) n++;
        const rows = values.length ? values : [columns.map(() => null)];
        const table = sheet.addTable({
          name: `Tableau${n}`,
          ref: `${columnLetters(rect.column)}${rect.row + 1}`,
          headerRow: true,
          columns,
          rows: rows as never,
          style: { theme: "TableStyleMedium2", showRowStripes: true },
        });
        return { table, sheet };
      },
    );
  }
}

export class Table extends ClientObject<TableRef> {
  protected readonly _scalarNames = ["name", "id", "showTotals", "showHeaders", "style"] as const;
  get name(): string {
    return this._read("name") as string;
  }
  set name(value: string) {
    this._write({ set: "table.name", value }, ({ table }) => {
      const other = this._ctx.host.findTable(value);
      if (other && other.table !== table)
        throw new SimError("ItemAlreadyExists", `A table named '${value}' already exists.`);
      if (!/^[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(value) || /^[A-Za-z]{1,3}\d+$/.test(value))
        throw new SimError("InvalidArgument", `Invalid table name '${value}'.`);
      table.name = value;
      table.displayName = value;
    });
  }
  get id(): string {
    return this._read("id") as string;
  }
  get showTotals(): boolean {
    return this._read("showTotals") as boolean;
  }
  set showTotals(value: boolean) {
    this._write({ set: "showTotals", value }, ({ table }) => {
      table.totalsRow = value;
      table.commit();
    });
  }
  get showHeaders(): boolean {
    return this._read("showHeaders") as boolean;
  }
  get style(): string {
    return this._read("style") as string;
  }
  set style(value: string) {
    this._write({ set: "style", value }, ({ table }) => {
      table.theme = value;
    });
  }
  protected _compute(prop: string, { table }: TableRef): unknown {
    switch (prop) {
      case "name":
      case "id":
        return table.name;
      case "showTotals":
        return table.totalsRow === true;
      case "showHeaders":
        return table.headerRow !== false;
      case "style":
        return table.theme ?? "";
    }
    return undefined;
  }
  get worksheet(): Worksheet {
    return this._child(new Worksheet(this._ctx), { get: "table.worksheet" }, ({ sheet }) => sheet);
  }
  get columns(): TableColumnCollection {
    const c = new TableColumnCollection(this._ctx, this);
    c._entity = this._ctx.host;
    return c;
  }
  get rows(): { add: (index: number | null | undefined, values: OfficeCellValue[][]) => void } {
    return {
      add: (index, values) =>
        this._write({ method: "rows.add", index, values }, ({ table }) => {
          if (index !== null && index !== undefined)
            throw new SimError("InvalidArgument", "rows.add only appends (index null) in the simulator.");
          for (const row of values)
            table.addRow(row.map((v) => (v === "" ? null : v)) as never, undefined, { commit: false });
          table.commit();
        }),
    };
  }
  private _part(method: string, pick: (rect: CellRect, t: XTable) => CellRect | null): Range {
    return this._child(new Range(this._ctx), { method }, ({ table, sheet }) => {
      const rect = pick(tableRect(table), table);
      return rect === null ? null : { sheet, rect };
    });
  }
  getRange(): Range {
    return this._part("getRange", (r) => r);
  }
  getHeaderRowRange(): Range {
    return this._part("getHeaderRowRange", (r) => ({ ...r, rowCount: 1 }));
  }
  getDataBodyRange(): Range {
    return this._part("getDataBodyRange", (r, t) => ({
      ...r,
      row: r.row + 1,
      rowCount: r.rowCount - 1 - (t.totalsRow ? 1 : 0),
    }));
  }
  getTotalRowRange(): Range {
    return this._part("getTotalRowRange", (r, t) =>
      t.totalsRow ? { ...r, row: r.row + r.rowCount - 1, rowCount: 1 } : null,
    );
  }
  delete(): void {
    this._write({ method: "table.delete" }, ({ table, sheet }) => sheet.removeTable(table.name));
  }
}

interface TableColumnRef extends TableRef {
  index: number;
}

export class TableColumnCollection extends Collection<TableColumn, TableColumnRef> {
  constructor(
    ctx: RequestContext,
    private readonly table: Table,
  ) {
    super(ctx);
  }
  protected _itemEntities(): TableColumnRef[] {
    const t = this.table._resolve();
    return t.table.model.columns.map((_, index) => ({ ...t, index }));
  }
  protected _newItem(): TableColumn {
    return new TableColumn(this._ctx);
  }
  getItem(key: string | number): TableColumn {
    return this._child(new TableColumn(this._ctx), { method: "columns.getItem", key }, () => {
      const found = this._itemEntities().find((c) =>
        typeof key === "number" ? c.index === key : c.table.model.columns[c.index]?.name === key,
      );
      if (!found) throw new SimError("ItemNotFound", `The requested resource doesn't exist. (table column '${key}')`);
      return found;
    });
  }
  getItemOrNullObject(key: string | number): TableColumn {
    return this._child(
      new TableColumn(this._ctx),
      { method: "columns.getItemOrNullObject", key },
      () =>
        this._itemEntities().find((c) =>
          typeof key === "number" ? c.index === key : c.table.model.columns[c.index]?.name === key,
        ) ?? null,
    );
  }
  getItemAt(index: number): TableColumn {
    return this.getItem(index);
  }
  /** Appends (index null/undefined) a column; `values` includes the header cell when given, like Office. */
  add(index?: number | null, values?: OfficeCellValue[][], name?: string): TableColumn {
    return this._child(new TableColumn(this._ctx), { method: "columns.add", index, values, name }, () => {
      const t = this.table._resolve();
      const count = t.table.model.columns.length;
      if (index !== null && index !== undefined && index !== count)
        throw new SimError("InvalidArgument", "columns.add only appends in the simulator.");
      const rect = tableRect(t.table);
      if (values && values.length !== rect.rowCount)
        throw new SimError("InvalidArgument", "The number of rows in the input array doesn't match the table.");
      const header = name ?? String(values?.[0]?.[0] ?? `Colonne${count + 1}`);
      const body = (values ?? []).slice(1).map((row) => (row[0] === "" ? null : row[0]) ?? null);
      const dataRows = rect.rowCount - 1 - (t.table.totalsRow ? 1 : 0);
      while (body.length < dataRows) body.push(null);
      t.table.addColumn({ name: header }, body.slice(0, dataRows) as never);
      t.table.commit();
      return { ...t, index: count };
    });
  }
}

export class TableColumn extends ClientObject<TableColumnRef> {
  protected readonly _scalarNames = ["name", "index", "id", "values"] as const;
  get name(): string {
    return this._read("name") as string;
  }
  get index(): number {
    return this._read("index") as number;
  }
  get id(): number {
    return this._read("id") as number;
  }
  get values(): OfficeCellValue[][] {
    return this._read("values") as OfficeCellValue[][];
  }
  protected _compute(prop: string, ref: TableColumnRef): unknown {
    switch (prop) {
      case "name":
        return ref.table.model.columns[ref.index]?.name ?? "";
      case "index":
        return ref.index;
      case "id":
        return ref.index + 1;
      case "values": {
        const r = tableRect(ref.table);
        return cellsOf({ sheet: ref.sheet, rect: { ...r, column: r.column + ref.index, columnCount: 1 } }, (c) =>
          toOfficeValue(c?.value),
        );
      }
    }
    return undefined;
  }
  getRange(): Range {
    return this._child(new Range(this._ctx), { method: "column.getRange" }, (ref) => {
      const r = tableRect(ref.table);
      return { sheet: ref.sheet, rect: { ...r, column: r.column + ref.index, columnCount: 1 } };
    });
  }
  getDataBodyRange(): Range {
    return this._child(new Range(this._ctx), { method: "column.getDataBodyRange" }, (ref) => {
      const r = tableRect(ref.table);
      return {
        sheet: ref.sheet,
        rect: {
          row: r.row + 1,
          rowCount: r.rowCount - 1 - (ref.table.totalsRow ? 1 : 0),
          column: r.column + ref.index,
          columnCount: 1,
        },
      };
    });
  }
  getHeaderRowRange(): Range {
    return this._child(new Range(this._ctx), { method: "column.getHeaderRowRange" }, (ref) => {
      const r = tableRect(ref.table);
      return { sheet: ref.sheet, rect: { row: r.row, rowCount: 1, column: r.column + ref.index, columnCount: 1 } };
    });
  }
}

// ── names ────────────────────────────────────────────────────────────────────────────────────

export class NamedItemCollection extends Collection<NamedItem, SimDefinedName> {
  constructor(
    ctx: RequestContext,
    private readonly sheet: Worksheet | undefined,
  ) {
    super(ctx);
  }
  private scope(): string | undefined {
    return this.sheet?._resolve().name;
  }
  protected _itemEntities(wb: SimWorkbook): SimDefinedName[] {
    const scope = this.scope()?.toLowerCase();
    return wb.names.filter((n) => !n.hidden && n.scopeSheet?.toLowerCase() === scope);
  }
  protected _newItem(): NamedItem {
    return new NamedItem(this._ctx);
  }
  private find(wb: SimWorkbook, name: string): SimDefinedName | undefined {
    return this._itemEntities(wb).find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
  getItem(name: string): NamedItem {
    return this._child(new NamedItem(this._ctx), { method: "names.getItem", name }, (wb) => {
      const found = this.find(wb, name);
      if (!found)
        throw new SimError(
          "ItemNotFound",
          `The requested resource doesn't exist. (name '${name}')`,
          "NamedItemCollection.getItem",
        );
      return found;
    });
  }
  getItemOrNullObject(name: string): NamedItem {
    return this._child(
      new NamedItem(this._ctx),
      { method: "names.getItemOrNullObject", name },
      (wb) => this.find(wb, name) ?? null,
    );
  }
  /** `reference` is a Range or a formula text such as `=Feuil1!$A$1:$B$3`. */
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    return this._child(
      new NamedItem(this._ctx),
      { method: "names.add", name, reference: typeof reference === "string" ? reference : "range" },
      (wb) => {
        if (
          !/^[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(name) ||
          /^[A-Za-z]{1,3}\d+$/.test(name) ||
          /^[rRcC]$/.test(name)
        ) {
          throw new SimError("InvalidArgument", `Invalid name '${name}'.`);
        }
        if (this.find(wb, name)) throw new SimError("ItemAlreadyExists", `The name '${name}' already exists.`);
        let text: string;
        if (typeof reference === "string") text = reference.replace(/^=/, "");
        else {
          const { sheet, rect } = reference._resolve();
          text = absolute(sheet.name, rect);
        }
        const scopeSheet = this.scope();
        const item: SimDefinedName = {
          name,
          reference: text,
          hidden: false,
          ...(scopeSheet ? { scopeSheet } : {}),
          ...(comment ? { comment } : {}),
        };
        wb.names.push(item);
        return item;
      },
    );
  }
}

function absolute(sheetName: string, rect: CellRect): string {
  const [sheetPart, local] = formatAddress(sheetName, rect).split("!") as [string, string];
  return `${sheetPart}!${local.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2").replace(/^([A-Z]+):([A-Z]+)$/, "$$$1:$$$2")}`;
}

export class NamedItem extends ClientObject<SimDefinedName> {
  protected readonly _scalarNames = ["name", "type", "value", "formula", "visible", "comment", "scope"] as const;
  get name(): string {
    return this._read("name") as string;
  }
  get type(): string {
    return this._read("type") as string;
  }
  get value(): string {
    return this._read("value") as string;
  }
  get formula(): string {
    return this._read("formula") as string;
  }
  get visible(): boolean {
    return this._read("visible") as boolean;
  }
  get comment(): string {
    return this._read("comment") as string;
  }
  get scope(): string {
    return this._read("scope") as string;
  }
  protected _compute(prop: string, n: SimDefinedName): unknown {
    switch (prop) {
      case "name":
        return n.name;
      case "type":
        return isRangeReference(n.reference) ? "Range" : "String";
      case "value":
        return n.reference;
      case "formula":
        return `=${n.reference}`;
      case "visible":
        return !n.hidden;
      case "comment":
        return n.comment ?? "";
      case "scope":
        return n.scopeSheet ? "Worksheet" : "Workbook";
    }
    return undefined;
  }
  getRange(): Range {
    return this._child(new Range(this._ctx), { method: "namedItem.getRange" }, (n) => {
      if (!isRangeReference(n.reference))
        throw new SimError("InvalidOperation", `The name '${n.name}' does not refer to a range.`);
      const parsed = parseAddress(n.reference);
      const sheet = this._ctx.host.sheet(parsed.sheet ?? n.scopeSheet ?? "");
      if (!sheet) throw new SimError("InvalidReference", `The name '${n.name}' refers to a missing sheet.`);
      return { sheet, rect: parsed.rect };
    });
  }
  getRangeOrNullObject(): Range {
    return this._child(new Range(this._ctx), { method: "namedItem.getRangeOrNullObject" }, (n) => {
      if (!isRangeReference(n.reference)) return null;
      const parsed = parseAddress(n.reference);
      const sheet = this._ctx.host.sheet(parsed.sheet ?? n.scopeSheet ?? "");
      return sheet ? { sheet, rect: parsed.rect } : null;
    });
  }
  delete(): void {
    this._write({ method: "namedItem.delete" }, (n) => {
      const list = this._ctx.host.names;
      const at = list.indexOf(n);
      if (at >= 0) list.splice(at, 1);
    });
  }
}

function isRangeReference(text: string): boolean {
  try {
    return parseAddress(text).sheet !== undefined;
  } catch {
    return false;
  }
}

// ── charts ───────────────────────────────────────────────────────────────────────────────────
/** A sub-object whose entity is its parent's (chart.title, worksheet.pageLayout, headersFooters…). */
abstract class PartOf<E> extends ClientObject<E> {
  constructor(
    ctx: RequestContext,
    protected readonly parent: ClientObject<E>,
  ) {
    super(ctx);
  }
  override _resolve(): E {
    return this.parent._resolve();
  }
  override _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    this._isNull = this.parent._isNull;
    return super._loadNow(props);
  }
  override _write(payload: unknown, apply: (entity: E) => void): void {
    this._ctx.enqueue(payload, () => {
      apply(this.parent._resolve());
      return undefined;
    });
  }
}

/** `worksheet.charts`: items in the order they were added, found by name (the first of that name). */
export class ChartCollection extends Collection<Chart, SimChart> {
  constructor(
    ctx: RequestContext,
    private readonly sheet: Worksheet,
  ) {
    super(ctx);
  }
  protected _itemEntities(wb: SimWorkbook): SimChart[] {
    return wb.chartsOn(this.sheet._resolve());
  }
  protected _newItem(): Chart {
    return new Chart(this._ctx);
  }
  get count(): number {
    return this._read("count") as number;
  }
  override _loadNow(props: readonly string[] | undefined): Record<string, unknown> {
    const wantsCount = props === undefined || props.includes("count");
    const rest = props?.filter((p) => p !== "count");
    const snapshot = rest === undefined || rest.length > 0 ? super._loadNow(rest) : {};
    if (wantsCount) {
      const count = this._itemEntities(this._resolve()).length;
      this._loaded.set("count", count);
      snapshot.count = count;
    }
    this._loaded.set("isNullObject", false);
    return snapshot;
  }
  private find(wb: SimWorkbook, name: string): SimChart | undefined {
    const lower = name.toLowerCase();
    return this._itemEntities(wb).find((c) => c.name.toLowerCase() === lower);
  }
  getItem(name: string): Chart {
    return this._child(new Chart(this._ctx), { method: "charts.getItem", name }, (wb) => {
      const found = this.find(wb, name);
      if (!found)
        throw new SimError(
          "ItemNotFound",
          `The requested resource doesn't exist. (chart '${name}')`,
          "ChartCollection.getItem",
        );
      return found;
    });
  }
  getItemOrNullObject(name: string): Chart {
    return this._child(
      new Chart(this._ctx),
      { method: "charts.getItemOrNullObject", name },
      (wb) => this.find(wb, name) ?? null,
    );
  }
  getItemAt(index: number): Chart {
    return this._child(new Chart(this._ctx), { method: "charts.getItemAt", index }, (wb) => {
      const found = this._itemEntities(wb)[index];
      if (!found) throw new SimError("ItemNotFound", `No chart at index ${index}.`, "ChartCollection.getItemAt");
      return found;
    });
  }
  /** Adds a chart of `sourceData` (see charts.ts for how series are read), right of the data until setPosition. */
  add(type: Excel.ChartType | string, sourceData: Range, seriesBy?: Excel.ChartSeriesBy | string): Chart {
    return this._child(new Chart(this._ctx), { method: "charts.add", type, seriesBy }, (wb) => {
      checkChartType(type);
      const ws = this.sheet._resolve();
      const { sheet, rect } = sourceData._resolve();
      const taken = new Set(wb.chartsOn(ws).map((c) => c.name.toLowerCase()));
      let n = taken.size + 1;
      while (taken.has(`graphique ${n}`)) n++;
      const chart: SimChart = {
        id: wb.nextChartId(),
        sheet: ws,
        name: `Graphique ${n}`,
        chartType: type,
        source: { sheet, rect, seriesBy: resolveSeriesBy(rect, seriesBy) },
        title: undefined,
        anchor: defaultAnchor(rect),
      };
      wb.charts.push(chart);
      return chart;
    });
  }
}

export class Chart extends ClientObject<SimChart> {
  protected readonly _scalarNames = ["name", "id", "chartType"] as const;
  private _title: ChartTitle | undefined;

  override _resolve(): SimChart {
    const chart = super._resolve();
    if (!this._ctx.host.charts.includes(chart))
      throw new SimError("ItemNotFound", "The requested resource doesn't exist. (deleted chart)");
    return chart;
  }
  get name(): string {
    return this._read("name") as string;
  }
  set name(value: string) {
    this._write({ set: "chart.name", value }, (c) => {
      if (typeof value !== "string" || value.trim() === "")
        throw new SimError("InvalidArgument", "A chart name cannot be empty.");
      c.name = value;
    });
  }
  get id(): string {
    return this._read("id") as string;
  }
  get chartType(): string {
    return this._read("chartType") as string;
  }
  get title(): ChartTitle {
    return (this._title ??= new ChartTitle(this._ctx, this));
  }
  get worksheet(): Worksheet {
    return this._child(new Worksheet(this._ctx), { get: "chart.worksheet" }, (c) => c.sheet);
  }
  protected _compute(prop: string, c: SimChart): unknown {
    switch (prop) {
      case "name":
        return c.name;
      case "id":
        return c.id;
      case "chartType":
        return c.chartType;
    }
    return undefined;
  }
  /** Office: the chart's top-left goes to the start cell; with an end cell, it covers it, else it keeps its size. */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const text = (cell: Range | string | undefined) =>
      typeof cell === "string" || cell === undefined ? cell : "range";
    this._write({ method: "chart.setPosition", startCell: text(startCell), endCell: text(endCell) }, (c) => {
      const rectOf = (cell: Range | string): CellRect => {
        if (typeof cell !== "string") {
          const ref = cell._resolve();
          if (ref.sheet !== c.sheet) throw new SimError("InvalidArgument", "The cell is on another worksheet.");
          return ref.rect;
        }
        const parsed = parseAddress(cell);
        if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== c.sheet.name.toLowerCase())
          throw new SimError("InvalidArgument", `The address '${cell}' refers to another worksheet.`);
        return parsed.rect;
      };
      const start = rectOf(startCell);
      const from = { row: start.row, column: start.column };
      if (endCell === undefined) {
        const { from: was, to } = c.anchor;
        c.anchor = {
          from,
          to: { row: from.row + to.row - was.row, column: from.column + to.column - was.column },
        };
        return;
      }
      const end = rectOf(endCell);
      const to = { row: end.row + end.rowCount - 1, column: end.column + end.columnCount - 1 };
      if (to.row < from.row || to.column < from.column)
        throw new SimError("InvalidArgument", "The end cell is above or left of the start cell.");
      c.anchor = { from, to };
    });
  }
  delete(): void {
    this._write({ method: "chart.delete" }, (c) => this._ctx.host.deleteChart(c));
  }
}

export class ChartTitle extends PartOf<SimChart> {
  protected readonly _scalarNames = ["text", "visible"] as const;
  get text(): string {
    return this._read("text") as string;
  }
  set text(value: string) {
    this._write({ set: "chart.title.text", value }, (c) => {
      c.title = String(value);
    });
  }
  get visible(): boolean {
    return this._read("visible") as boolean;
  }
  protected _compute(prop: string, c: SimChart): unknown {
    return prop === "text" ? (c.title ?? "") : (c.title ?? "") !== "";
  }
}

// ── page layout ──────────────────────────────────────────────────────────────────────────────
/** `worksheet.pageLayout`: orientation, zoom (scale or fit to pages), headers and footers, print titles. */
export class PageLayout extends PartOf<XWorksheet> {
  protected readonly _scalarNames = ["orientation", "zoom"] as const;
  private _headersFooters: HeaderFooterGroup | undefined;

  get orientation(): "Portrait" | "Landscape" {
    return this._read("orientation") as "Portrait";
  }
  set orientation(value: Excel.PageOrientation | "Portrait" | "Landscape") {
    this._write({ set: "pageLayout.orientation", value }, (ws) => {
      if (value !== "Portrait" && value !== "Landscape")
        throw new SimError("InvalidArgument", `Invalid orientation '${String(value)}'.`);
      ws.pageSetup.orientation = value === "Landscape" ? "landscape" : "portrait";
    });
  }
  get zoom(): PageZoom {
    return this._read("zoom") as PageZoom;
  }
  set zoom(value: PageZoom) {
    this._write({ set: "pageLayout.zoom", value }, (ws) => writeZoom(ws, value));
  }
  get headersFooters(): HeaderFooterGroup {
    return (this._headersFooters ??= new HeaderFooterGroup(this._ctx, this));
  }
  protected _compute(prop: string, ws: XWorksheet): unknown {
    if (prop === "orientation") return ws.pageSetup.orientation === "landscape" ? "Landscape" : "Portrait";
    if (prop === "zoom") return readZoom(ws);
    return undefined;
  }
  private _titles(method: string, part: "rows" | "columns", target: Range | string): void {
    this._write({ method, target: typeof target === "string" ? target : "range" }, (ws) => {
      let rect: CellRect;
      if (typeof target === "string") {
        const parsed = parseAddress(target);
        if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== ws.name.toLowerCase())
          throw new SimError("InvalidArgument", `The address '${target}' refers to another worksheet.`);
        rect = parsed.rect;
      } else {
        const ref = target._resolve();
        if (ref.sheet !== ws) throw new SimError("InvalidArgument", "The range is on another worksheet.");
        rect = ref.rect;
      }
      writePrintTitles(this._ctx.host.names, ws.name, part, part === "rows" ? rowSpan(rect) : columnSpan(rect));
    });
  }
  /** Rows repeated at the top of each printed page (the sheet-local name _xlnm.Print_Titles). */
  setPrintTitleRows(printTitleRows: Range | string): void {
    this._titles("pageLayout.setPrintTitleRows", "rows", printTitleRows);
  }
  setPrintTitleColumns(printTitleColumns: Range | string): void {
    this._titles("pageLayout.setPrintTitleColumns", "columns", printTitleColumns);
  }
  getPrintTitleRowsOrNullObject(): Range {
    return this._child(new Range(this._ctx), { method: "pageLayout.getPrintTitleRowsOrNullObject" }, (ws) => {
      const rows = readPrintTitles(this._ctx.host.names, ws.name).rows;
      return rows ? { sheet: ws, rect: wholeRows(rows) } : null;
    });
  }
  getPrintTitleColumnsOrNullObject(): Range {
    return this._child(new Range(this._ctx), { method: "pageLayout.getPrintTitleColumnsOrNullObject" }, (ws) => {
      const columns = readPrintTitles(this._ctx.host.names, ws.name).columns;
      return columns ? { sheet: ws, rect: wholeColumns(columns) } : null;
    });
  }
}

type HeaderFooterKind = "odd" | "even" | "first";

export class HeaderFooterGroup extends PartOf<XWorksheet> {
  protected readonly _scalarNames = ["state"] as const;
  private readonly _parts = new Map<string, HeaderFooter>();
  private _part(key: string, kind: HeaderFooterKind): HeaderFooter {
    let part = this._parts.get(key);
    if (!part) this._parts.set(key, (part = new HeaderFooter(this._ctx, this, kind)));
    return part;
  }
  /** Every page when the state is Default (the OOXML odd-page header and footer). */
  get defaultForAllPages(): HeaderFooter {
    return this._part("defaultForAllPages", "odd");
  }
  get oddPages(): HeaderFooter {
    return this._part("oddPages", "odd");
  }
  get evenPages(): HeaderFooter {
    return this._part("evenPages", "even");
  }
  get firstPage(): HeaderFooter {
    return this._part("firstPage", "first");
  }
  get state(): string {
    return this._read("state") as string;
  }
  protected _compute(_prop: string, ws: XWorksheet): unknown {
    const first = ws.headerFooter?.differentFirst === true;
    const oddEven = ws.headerFooter?.differentOddEven === true;
    return first ? (oddEven ? "FirstOddAndEven" : "FirstAndDefault") : oddEven ? "OddAndEven" : "Default";
  }
}

const HEADER_PROPS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;
type HeaderProp = (typeof HEADER_PROPS)[number];

/** One set of headers and footers, three sections each, in Office's codes (&P, &D…) as the file stores them. */
export class HeaderFooter extends PartOf<XWorksheet> {
  protected readonly _scalarNames = HEADER_PROPS;
  constructor(
    ctx: RequestContext,
    parent: ClientObject<XWorksheet>,
    private readonly kind: HeaderFooterKind,
  ) {
    super(ctx, parent);
  }
  private static where(prop: HeaderProp): { section: HeaderSection; footer: boolean } {
    const footer = prop.endsWith("Footer");
    return { section: prop.slice(0, -"Header".length) as HeaderSection, footer }; // same length as "Footer"
  }
  private _key(
    footer: boolean,
  ): "oddHeader" | "oddFooter" | "evenHeader" | "evenFooter" | "firstHeader" | "firstFooter" {
    return `${this.kind}${footer ? "Footer" : "Header"}`;
  }
  private _set(prop: HeaderProp, value: string): void {
    this._write({ set: `headerFooter.${prop}`, kind: this.kind, value }, (ws) => {
      if (typeof value !== "string") throw new SimError("InvalidArgument", `${prop} expects a text.`);
      const { section, footer } = HeaderFooter.where(prop);
      const key = this._key(footer);
      const sections = splitHeader(ws.headerFooter[key]);
      sections[section] = value;
      (ws.headerFooter as unknown as Record<string, string | undefined>)[key] = joinHeader(sections);
    });
  }
  protected _compute(prop: string, ws: XWorksheet): unknown {
    const { section, footer } = HeaderFooter.where(prop as HeaderProp);
    return splitHeader(ws.headerFooter?.[this._key(footer)])[section];
  }
  get leftHeader(): string {
    return this._read("leftHeader") as string;
  }
  set leftHeader(value: string) {
    this._set("leftHeader", value);
  }
  get centerHeader(): string {
    return this._read("centerHeader") as string;
  }
  set centerHeader(value: string) {
    this._set("centerHeader", value);
  }
  get rightHeader(): string {
    return this._read("rightHeader") as string;
  }
  set rightHeader(value: string) {
    this._set("rightHeader", value);
  }
  get leftFooter(): string {
    return this._read("leftFooter") as string;
  }
  set leftFooter(value: string) {
    this._set("leftFooter", value);
  }
  get centerFooter(): string {
    return this._read("centerFooter") as string;
  }
  set centerFooter(value: string) {
    this._set("centerFooter", value);
  }
  get rightFooter(): string {
    return this._read("rightFooter") as string;
  }
  set rightFooter(value: string) {
    this._set("rightFooter", value);
  }
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────
/** `Excel.run` over a simulated workbook. Pending operations left unsynced at the end are synced, as Office does. */
export async function run<T>(workbook: SimWorkbook, batch: (context: RequestContext) => Promise<T>): Promise<T> {
  const context = new RequestContext(workbook);
  const result = await batch(context);
  await context.sync();
  lastContextStats.set(workbook, context.stats);
  return result;
}

/** Stats of the last `run` on a workbook (for benchmarks and tests that assert the number of syncs). */
export const lastContextStats = new WeakMap<SimWorkbook, SyncStats>();

export const CELL_WRITE_LIMIT = CELL_LIMIT_FOR_WRITE;
