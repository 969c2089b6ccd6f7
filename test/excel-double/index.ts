/**
 * An in-memory Excel for tests: `createExcelDouble(seed)` gives a workbook and an `Excel`
 * namespace (`Excel.run`) whose proxy objects enforce Office.js's load/sync rules, count syncs,
 * measure each request's size (and refuse one over Excel on the web's 5 MB limit), and record
 * what was written. `install()` puts it on `globalThis` as `Excel` (with minimal `Office` and
 * `OfficeExtension`); nothing happens at import time.
 *
 * @example
 * const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"], ["C01"]] }] });
 * const uninstall = double.install();
 * await Excel.run(async (context) => { … });
 * double.stats.syncs; double.sheet("Cases").value("A2");
 * uninstall();
 */
import { FakeErrorCodes, FakeOfficeError, officeError } from "./errors";
import { formatAddress, parseAddress, rectToA1, type Rect } from "./address";
import { FakeRequestContext, requestBytesOf, type DoubleHooks } from "./proxies";
import {
  cellFormat,
  cellFormulaOut,
  cellKey,
  cellValueOut,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  ensureCell,
  getCell,
  parseInput,
  WorkbookState,
  type CellState,
  type ChartState,
  type ConditionalFormatState,
  type Scalar,
  type SheetState,
  type TableState,
  type ValidationState,
} from "./workbook-state";

export { FakeErrorCodes, FakeOfficeError } from "./errors";
export { parseAddress, rectToA1, formatAddress, type Rect } from "./address";
export type { FakeRequestContext } from "./proxies";

/** Excel on the web's limit on one request and one response. */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Most cells a read may return, on every platform. */
export const READ_CELL_LIMIT = 5_000_000;

/** A cell in a seed: a plain value, an error, a formula with its cached value, or forced text. */
export type SeedValue = string | number | boolean | null | { readonly error: string } | { readonly formula: string; readonly value?: Scalar | null };

export interface TableSeed {
  readonly name: string;
  /** A1 range on the sheet, header row first (and the totals row last when showTotals). */
  readonly range: string;
  readonly showTotals?: boolean;
}

export interface SheetSeed {
  readonly name: string;
  /** Where rows[0][0] goes (default "A1"). */
  readonly at?: string;
  readonly rows?: readonly (readonly SeedValue[])[];
  readonly tables?: readonly TableSeed[];
  readonly protected?: boolean;
  readonly visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** Number formats by A1 cell. */
  readonly numberFormats?: Readonly<Record<string, string>>;
}

export interface WorkbookSeed {
  readonly sheets?: readonly SheetSeed[];
  /** The active sheet (default: the first). */
  readonly active?: string;
  readonly structureProtected?: boolean;
}

export interface ExcelDoubleOptions {
  /** Children of a null object: null objects too ("propagate", default) or an error at sync ("throw"). */
  readonly nullChildren?: "propagate" | "throw";
  /** Largest request accepted (default 5 MB, Excel on the web). */
  readonly requestLimitBytes?: number;
  /** Largest response accepted (default 5 MB, Excel on the web); Infinity for desktop. */
  readonly responseLimitBytes?: number;
  /**
   * The Windows regional format (default "en-GB"). It decides the list separator `getRanges`
   * accepts: "," for English, ";" for German, French, Czech, Dutch and most other languages whose
   * decimal separator is a comma.
   */
  readonly locale?: string;
  /** Most cells one read (`values`, `formulas`, `text`, `numberFormat`, `valueTypes`) may return (default 5,000,000, on every platform). */
  readonly cellLimit?: number;
  /**
   * What a read over `cellLimit` gives: `null` for the property, with no error (Excel since
   * version 2407, office-js#4783; the default), or a `RangeExceedsLimit` error (earlier versions).
   */
  readonly overCellLimit?: "null" | "RangeExceedsLimit";
  /**
   * The error of a response over `responseLimitBytes`: `ResponsePayloadSizeLimitExceeded` (default)
   * or `GeneralException`, as older Excel on the web answered ("An internal error has occurred").
   */
  readonly responseLimitCode?: "ResponsePayloadSizeLimitExceeded" | "GeneralException";
  /**
   * Whether the host honours `Excel.run({ delayForCellEdit: true }, …)` (default true). Office.js
   * sets the request flag only where the host supports it; elsewhere a batch sent while a cell is
   * being edited fails with InvalidOperationInCellEditMode, as it always does without the option.
   */
  readonly delayForCellEdit?: boolean;
  /**
   * "web" (default) or "desktop". On the web a sheet activated in the same sync that added it is
   * not activated (office-js#930; Microsoft's own helper syncs first, office-js-helpers#30).
   */
  readonly platform?: "web" | "desktop";
  /**
   * The ExcelApi requirement set the host supports (default "1.10"): a command of a later set fails
   * at sync with ApiNotFound, and `isSetSupported` answers by it. The double models what the
   * adapter uses up to ExcelApi 1.10 (column grouping).
   */
  readonly excelApi?: string;
}

/** Regional formats whose list separator is ";" (their decimal separator is ","). */
const SEMICOLON_LOCALES = /^(de|fr|cs|nl|da|es|it|pl|pt|ru|sv|fi|nb|tr|hu|sk|sl|hr|ro|el|uk|bg|lt|lv|et)(-|$)/i;

/** The list separator Excel on Windows uses in a regional format. */
export function listSeparatorOf(locale: string): "," | ";" {
  return SEMICOLON_LOCALES.test(locale) ? ";" : ",";
}

/** One `context.sync()`: its number, commands, and measured sizes. */
export interface SyncRecord {
  readonly index: number;
  readonly ops: number;
  readonly requestBytes: number;
  responseBytes: number;
  readonly failed: string | null;
}

/** One write applied to the workbook, for assertions. */
export interface RecordedWrite {
  readonly sync: number;
  readonly kind: string;
  readonly sheet: string | null;
  readonly address: string | null;
  readonly data: unknown;
}

/** A failure to inject at a future sync. */
export interface InjectedFailure {
  /** Which sync, counting from 1 for the next one. */
  readonly at: number;
  readonly code: string;
  readonly message?: string;
  /** Apply this many commands first, as when Excel stops part-way through a batch (default 0). */
  readonly afterOps?: number;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A read-only view of a sheet for assertions. */
export class SheetView {
  constructor(
    private readonly double: ExcelDouble,
    readonly state: SheetState,
  ) {}

  get name(): string {
    return this.state.name;
  }

  private pos(a1: string): { row: number; col: number } {
    const parsed = parseAddress(a1);
    if (!parsed) throw new Error(`bad address ${a1}`);
    return { row: parsed.rect.top, col: parsed.rect.left };
  }

  cell(a1: string): CellState | undefined {
    const { row, col } = this.pos(a1);
    return getCell(this.state, row, col);
  }

  /** What `Range.values` would give for one cell. */
  value(a1: string): Scalar {
    const { row, col } = this.pos(a1);
    return cellValueOut(getCell(this.state, row, col));
  }

  formula(a1: string): string | null {
    return this.cell(a1)?.formula ?? null;
  }

  numberFormat(a1: string): string {
    return this.cell(a1)?.numberFormat ?? "General";
  }

  /** A format value ("fill/color", "font/bold", "wrapText", "borders/EdgeBottom/style"…). */
  format(a1: string, key: string): unknown {
    const { row, col } = this.pos(a1);
    return cellFormat(this.state, row, col, key);
  }

  /** `Range.values` for a range. */
  values(range: string): Scalar[][] {
    const parsed = parseAddress(range);
    if (!parsed) throw new Error(`bad address ${range}`);
    const out: Scalar[][] = [];
    for (let r = parsed.rect.top; r <= parsed.rect.bottom; r++) {
      const row: Scalar[] = [];
      for (let c = parsed.rect.left; c <= parsed.rect.right; c++) row.push(cellValueOut(getCell(this.state, r, c)));
      out.push(row);
    }
    return out;
  }

  /** `Range.formulas` for a range. */
  formulas(range: string): Scalar[][] {
    const parsed = parseAddress(range);
    if (!parsed) throw new Error(`bad address ${range}`);
    const out: Scalar[][] = [];
    for (let r = parsed.rect.top; r <= parsed.rect.bottom; r++) {
      const row: Scalar[] = [];
      for (let c = parsed.rect.left; c <= parsed.rect.right; c++) row.push(cellFormulaOut(getCell(this.state, r, c)));
      out.push(row);
    }
    return out;
  }

  get merges(): string[] {
    return this.state.merges.map(rectToA1);
  }

  /** Column width in points (zero-based column). */
  /** The outline level of a column (0 when it is in no group). */
  columnOutlineLevel(col: number): number {
    return this.state.columnOutline.get(col) ?? 0;
  }

  columnHidden(col: number): boolean {
    return this.state.hiddenColumns.has(col);
  }

  columnWidth(col: number): number {
    return this.state.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Row height in points (zero-based row). */
  rowHeight(row: number): number {
    return this.state.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  get freeze(): { rows: number; cols: number } | null {
    return this.state.freeze;
  }

  get validations(): readonly ValidationState[] {
    return this.state.validations;
  }

  get conditionalFormats(): readonly ConditionalFormatState[] {
    return this.state.conditionalFormats;
  }

  get pageLayout(): Readonly<Record<string, unknown>> {
    return this.state.pageLayout;
  }

  get charts(): readonly ChartState[] {
    return this.state.charts;
  }

  get tables(): TableState[] {
    return this.double.state.tablesOn(this.state);
  }

  get protected(): boolean {
    return this.state.protected;
  }

  /**
   * A person types in a cell, as Excel stores it: a number (a date is typed as its serial number)
   * or TRUE/FALSE as itself; text read as Excel reads it under the cell's number format (a leading
   * apostrophe keeps it text, and is not stored). Replaces a formula; keeps the number format.
   */
  type(a1: string, input: string | number | boolean): void {
    const { row, col } = this.pos(a1);
    const cell = ensureCell(this.state, row, col);
    if (typeof input !== "string") [cell.value, cell.formula] = [input, null];
    else if (input.startsWith("'")) [cell.value, cell.formula] = [input.slice(1), null];
    else ({ value: cell.value, formula: cell.formula } = parseInput(input, cell.numberFormat));
  }

  /** Number of cells holding a value or formula. */
  get filledCells(): number {
    let n = 0;
    for (const cell of this.state.cells.values()) if (cell.formula !== null || (cell.value !== null && cell.value !== "")) n++;
    return n;
  }
}

export class ExcelDouble implements DoubleHooks {
  readonly state = new WorkbookState();
  readonly nullChildren: "propagate" | "throw";
  readonly listSeparator: "," | ";";
  readonly locale: string;
  readonly recorded: RecordedWrite[] = [];
  readonly syncLog: SyncRecord[] = [];
  /** Whether the host delays batches for cell edit mode when asked to. */
  readonly supportsDelayForCellEdit: boolean;
  readonly platform: "web" | "desktop";
  readonly excelApiMinor: number;
  /** Sheets added by the sync being run. */
  readonly addedThisSync = new Set<number>();
  private editing = false;
  private editEnded: (() => void)[] = [];
  requestLimitBytes: number;
  responseLimitBytes: number;
  readonly cellLimit: number;
  readonly overCellLimit: "null" | "RangeExceedsLimit";
  readonly responseLimitCode: string;
  private failures: { at: number; code: string; message: string; afterOps: number }[] = [];
  private responseBytes = 0;
  private runs = 0;
  /** Syncs since the double was made (not reset by resetStats), for injected failures. */
  private totalSyncs = 0;

  constructor(seed: WorkbookSeed = {}, options: ExcelDoubleOptions = {}) {
    this.nullChildren = options.nullChildren ?? "propagate";
    this.locale = options.locale ?? "en-GB";
    this.listSeparator = listSeparatorOf(this.locale);
    this.supportsDelayForCellEdit = options.delayForCellEdit ?? true;
    this.platform = options.platform ?? "web";
    const api = /^1\.(\d+)$/.exec(options.excelApi ?? "1.10");
    if (!api) throw new Error(`excelApi must be "1.n", not ${options.excelApi}`);
    this.excelApiMinor = Number(api[1]);
    this.requestLimitBytes = options.requestLimitBytes ?? WEB_PAYLOAD_LIMIT_BYTES;
    this.responseLimitBytes = options.responseLimitBytes ?? WEB_PAYLOAD_LIMIT_BYTES;
    this.cellLimit = options.cellLimit ?? READ_CELL_LIMIT;
    this.overCellLimit = options.overCellLimit ?? "null";
    this.responseLimitCode = options.responseLimitCode ?? FakeErrorCodes.responsePayloadSizeLimitExceeded;
    this.seed(seed);
  }

  /**
   * Cell edit mode (a user typing in a cell): each sync fails with InvalidOperationInCellEditMode,
   * unless the batch asked to be delayed and the host can delay it; then it waits until edit mode ends.
   */
  get editMode(): boolean {
    return this.editing;
  }
  set editMode(on: boolean) {
    this.editing = on;
    if (!on) for (const resume of this.editEnded.splice(0)) resume();
  }

  // ---- instrumentation

  /** Number of `context.sync()` calls so far (including Excel.run's final flush when it had work). */
  get syncs(): number {
    return this.syncLog.length;
  }

  get maxRequestBytes(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.requestBytes), 0);
  }

  get maxResponseBytes(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.responseBytes), 0);
  }

  /** Number of `Excel.run` calls so far. */
  get runCount(): number {
    return this.runs;
  }

  /** Forgets counted syncs and recorded writes (the workbook stays). */
  resetStats(): void {
    this.syncLog.length = 0;
    this.recorded.length = 0;
    this.runs = 0;
  }

  /** Makes a future sync fail, optionally after applying some of its commands. */
  failSync(failure: InjectedFailure): void {
    this.failures.push({ at: this.totalSyncs + failure.at, code: failure.code, message: failure.message ?? `Injected ${failure.code}`, afterOps: failure.afterOps ?? 0 });
  }

  protectSheet(name: string, on = true): void {
    const sheet = this.state.findSheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    sheet.protected = on;
  }

  protectWorkbookStructure(on = true): void {
    this.state.structureProtected = on;
  }

  // ---- hooks used by the proxies

  record(kind: string, sheet: SheetState | null, rects: readonly Rect[] | null, data?: unknown): void {
    this.recorded.push({
      sync: this.syncs,
      kind,
      sheet: sheet?.name ?? null,
      address: sheet && rects ? rects.map((r) => rectToA1(r)).join(",") : null,
      data,
    });
  }

  addResponse(value: unknown): void {
    this.responseBytes += utf8Bytes(JSON.stringify(value) ?? "null");
  }

  async runSync(context: FakeRequestContext): Promise<void> {
    const ops = context._queue.splice(0, context._queue.length);
    const index = this.syncs + 1;
    const absolute = ++this.totalSyncs;
    const requestBytes = requestBytesOf(ops, context);
    const entry: SyncRecord = { index, ops: ops.length, requestBytes, responseBytes: 0, failed: null };
    this.syncLog.push(entry);
    await Promise.resolve();
    const fail = (e: FakeOfficeError): never => {
      (entry as { failed: string | null }).failed = e.code;
      throw e;
    };
    if (this.editing && context.delayForCellEdit && this.supportsDelayForCellEdit) {
      await new Promise<void>((resume) => this.editEnded.push(resume));
    }
    if (this.editing) {
      fail(officeError(FakeErrorCodes.invalidOperationInCellEditMode, "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again."));
    }
    if (requestBytes > this.requestLimitBytes) {
      fail(officeError(FakeErrorCodes.requestPayloadSizeLimitExceeded, `The request payload size (${requestBytes} bytes) has exceeded the limit (${this.requestLimitBytes} bytes).`));
    }
    const injected = this.failures.find((f) => f.at === absolute);
    this.responseBytes = 0;
    this.addedThisSync.clear();
    let applied = 0;
    for (const op of ops) {
      if (injected && applied >= injected.afterOps) fail(officeError(injected.code, injected.message, op.name));
      try {
        op.apply();
      } catch (e) {
        if (e instanceof FakeOfficeError) fail(new FakeOfficeError(e.code, e.message, e.debugInfo.errorLocation ?? op.name, op.name));
        throw e;
      }
      applied++;
    }
    if (injected) fail(officeError(injected.code, injected.message));
    entry.responseBytes = this.responseBytes;
    if (this.responseBytes > this.responseLimitBytes) {
      fail(officeError(this.responseLimitCode, `The response payload size (${this.responseBytes} bytes) has exceeded the limit (${this.responseLimitBytes} bytes).`));
    }
  }

  // ---- the Excel namespace

  /** `Excel.run(batch)`: a fresh context; queued commands left at the end are flushed with one more sync. */
  run = async <T>(batchOrObject: unknown, maybeBatch?: unknown): Promise<T> => {
    const batch = (typeof batchOrObject === "function" ? batchOrObject : maybeBatch) as (context: FakeRequestContext) => Promise<T>;
    const options = typeof batchOrObject === "object" && batchOrObject !== null ? (batchOrObject as { delayForCellEdit?: unknown }) : {};
    this.runs++;
    const context = new FakeRequestContext(this, options.delayForCellEdit === true);
    const result = await batch(context);
    if (context._queue.length > 0) await context.sync();
    return result;
  };

  /** `Office.context.requirements.isSetSupported` of this host: ExcelApi up to the version it was made with. */
  readonly isSetSupported = (name: string, version = "1.1"): boolean => {
    const [major = 0, minor = 0] = version.split(".").map(Number);
    return name === "ExcelApi" && (major < 1 || (major === 1 && minor <= this.excelApiMinor));
  };

  /** What to install as `globalThis.Excel`. */
  get Excel(): { run: ExcelDouble["run"]; ErrorCodes: typeof FakeErrorCodes } {
    return { run: this.run, ErrorCodes: FakeErrorCodes };
  }

  /** Installs `Excel`, `Office` and `OfficeExtension` on globalThis; returns the uninstaller. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const previous = { Excel: g["Excel"], Office: g["Office"], OfficeExtension: g["OfficeExtension"] };
    g["Excel"] = this.Excel;
    g["OfficeExtension"] = { Error: FakeOfficeError, ErrorCodes: FakeErrorCodes };
    g["Office"] = {
      HostType: { Excel: "Excel" },
      onReady: async () => ({ host: "Excel", platform: this.platform === "web" ? "OfficeOnline" : "PC" }),
      context: {
        requirements: {
          isSetSupported: this.isSetSupported,
        },
      },
    };
    return () => {
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    };
  }

  // ---- inspection

  sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetView {
    const s = this.state.findSheet(name);
    if (!s) throw new Error(`no sheet "${name}" (sheets: ${this.sheetNames().join(", ")})`);
    return new SheetView(this, s);
  }

  hasSheet(name: string): boolean {
    return this.state.findSheet(name) !== undefined;
  }

  table(name: string): (TableState & { sheet: string; address: string }) | undefined {
    const t = this.state.findTable(name);
    if (!t) return undefined;
    const sheet = this.state.requireSheet(t.sheetId).name;
    return { ...t, sheet, address: formatAddress(sheet, t.rect) };
  }

  get activeSheet(): string | null {
    return this.state.activeSheetId === null ? null : (this.state.sheetById(this.state.activeSheetId)?.name ?? null);
  }

  /** The selected range as "Sheet!A1". */
  get selection(): string | null {
    const sel = this.state.selection;
    if (!sel) return null;
    return formatAddress(this.state.requireSheet(sel.sheetId).name, sel.rect);
  }

  /** Recorded writes of a kind (optionally on one sheet). */
  writes(kind: string, sheet?: string): RecordedWrite[] {
    return this.recorded.filter((w) => w.kind === kind && (sheet === undefined || w.sheet === sheet));
  }

  // ---- seeding (bypasses input parsing: strings stay text)

  private seed(seed: WorkbookSeed): void {
    for (const s of seed.sheets ?? []) {
      const sheet = this.state.addSheet(s.name);
      sheet.protected = false;
      const at = parseAddress(s.at ?? "A1");
      if (!at) throw new Error(`bad seed address ${s.at}`);
      (s.rows ?? []).forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null) return;
          const cell: CellState = { value: null, formula: null, numberFormat: "General" };
          if (typeof v === "object") {
            if ("error" in v) cell.value = { error: v.error };
            else {
              cell.formula = v.formula.startsWith("=") ? v.formula : `=${v.formula}`;
              cell.value = v.value ?? null;
            }
          } else cell.value = v;
          sheet.cells.set(cellKey(at.rect.top + i, at.rect.left + j), cell);
        }),
      );
      for (const [a1, fmt] of Object.entries(s.numberFormats ?? {})) {
        const p = parseAddress(a1);
        if (!p) throw new Error(`bad seed address ${a1}`);
        const key = cellKey(p.rect.top, p.rect.left);
        const cell = sheet.cells.get(key) ?? { value: null, formula: null, numberFormat: "General" };
        cell.numberFormat = fmt;
        sheet.cells.set(key, cell);
      }
      for (const t of s.tables ?? []) {
        const p = parseAddress(t.range);
        if (!p) throw new Error(`bad table range ${t.range}`);
        this.state.tables.push({ id: this.state.newId(), name: t.name, sheetId: sheet.id, rect: p.rect, showHeaders: true, showTotals: t.showTotals ?? false, style: "TableStyleMedium2" });
      }
      if (s.visibility) sheet.visibility = s.visibility;
      sheet.protected = s.protected ?? false;
    }
    if (seed.active) {
      const a = this.state.findSheet(seed.active);
      if (!a) throw new Error(`no sheet ${seed.active}`);
      this.state.activeSheetId = a.id;
    }
    this.state.structureProtected = seed.structureProtected ?? false;
  }
}

/**
 * A new double holding the seeded workbook (an empty seed gives a workbook with no sheets;
 * pass `{ sheets: [{ name: "Sheet1" }] }` for Excel's blank workbook).
 */
export function createExcelDouble(seed: WorkbookSeed = { sheets: [{ name: "Sheet1" }] }, options: ExcelDoubleOptions = {}): ExcelDouble {
  return new ExcelDouble(seed, options);
}
