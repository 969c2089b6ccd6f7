/**
 * Proxy objects shaped like the Excel JavaScript API the adapter uses. As in Office.js:
 * - setting a property or calling a method only queues a command; nothing changes until
 *   `context.sync()`, which applies the queue in order and stops at the first failing command;
 * - reading a property that was neither loaded (and synced) nor set locally throws
 *   PropertyNotLoaded; loaded values are a snapshot taken when that sync ran;
 * - `getItem` of something missing fails at sync (ItemNotFound); `…OrNullObject` gives an object
 *   whose `isNullObject` is true after the sync;
 * - objects are sealed: assigning a property the real API has but the double lacks throws
 *   instead of being silently lost.
 * Children of a null object are null objects too (option `nullChildren: "throw"` makes using one
 * fail instead), and a property of a null object reads as undefined, without an error, as in
 * Office.js, so adapter code must check `isNullObject` rather than wait for a failure.
 */
import {
  boundingRect,
  formatAddress,
  parseAddress,
  rectCols,
  rectInside,
  rectRows,
  rectsOverlap,
  splitAreas,
  MAX_COLS,
  MAX_ROWS,
  type Rect,
} from "./address";
import { FakeErrorCodes, isFakeError, officeError, propertyNotLoaded } from "./errors";
import { StructuredReferenceError, structuredReferences, type StructuredReference } from "./structured-references";
import {
  assertCellsEditable,
  cellFormat,
  cellFormulaOut,
  cellTextOut,
  cellValueOut,
  cellValueType,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  cellKey,
  ensureCell,
  getCell,
  hasContent,
  type CellState,
  insertColumns,
  parseInput,
  usedRect,
  type ChartState,
  type ConditionalFormatState,
  type SheetState,
  type TableState,
  type WorkbookState,
} from "./workbook-state";

/** One queued command. `payload` is what would travel in the request (its JSON size is measured). */
export interface QueuedOp {
  readonly name: string;
  readonly payload: unknown;
  readonly apply: () => void;
  /** The object the action applies to (its object path travels with the request). */
  readonly target: FakeClientObject;
  /** Office.js's action type: 1 instantiate, 2 query (load), 3 method, 4 set property. */
  readonly action: 1 | 2 | 3 | 4;
}

/** The object path Office.js sends for a proxy: 1 the global object, 3 a method's result, 4 a property, 5 an item. */
export interface ObjectPathInfo {
  readonly type: 1 | 3 | 4 | 5;
  readonly name: string;
  readonly args: readonly unknown[] | null;
}

/** What proxies need from the double that owns them. */
export interface DoubleHooks {
  readonly state: WorkbookState;
  readonly nullChildren: "propagate" | "throw";
  /** The list separator of the Windows regional format ("," in English, ";" in German, French, Czech, Dutch…). */
  readonly listSeparator: "," | ";";
  /** The regional format ("en-GB"): how typed dates are read. */
  readonly locale: string;
  /** Most cells one read may return, and what a larger read gives. */
  readonly cellLimit: number;
  readonly overCellLimit: "null" | "RangeExceedsLimit";
  readonly platform: "web" | "desktop";
  /** The ExcelApi requirement set the host supports, as its minor version (10 for ExcelApi 1.10). */
  readonly excelApiMinor: number;
  /** Ids of the sheets added by the sync being run. */
  readonly addedThisSync: Set<number>;
  record(kind: string, sheet: SheetState | null, rects: readonly Rect[] | null, data?: unknown): void;
  addResponse(value: unknown): void;
  runSync(context: FakeRequestContext): Promise<void>;
}

type LoadArg = string | string[] | { select?: string | string[] } | undefined;

function loadPaths(arg: LoadArg): string[] {
  if (arg === undefined) return [];
  const raw = typeof arg === "string" ? arg : Array.isArray(arg) ? arg.join(",") : Array.isArray(arg.select) ? arg.select.join(",") : (arg.select ?? "");
  return raw
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

const COLOUR = /^(#[0-9a-f]{6}|[a-z]+)$/i;

function assertColour(value: unknown, what: string): void {
  if (typeof value !== "string" || !COLOUR.test(value)) throw officeError(FakeErrorCodes.invalidArgument, `${what}: "${String(value)}" is not a colour (use "#RRGGBB" or a colour name).`);
}

function assertOneOf(value: unknown, allowed: readonly string[], what: string): void {
  if (typeof value !== "string" || !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
    throw officeError(FakeErrorCodes.invalidArgument, `${what}: "${String(value)}" is not one of ${allowed.join(", ")}.`);
  }
}

// ------------------------------------------------------------------------------------------
// Base

export class FakeClientObject<E = unknown> {
  /** @internal undefined until resolved at a sync; null for a null object. */
  _entity: E | null | undefined = undefined;
  /** @internal */
  _isNull: boolean | undefined = undefined;
  protected readonly _loaded = new Map<string, unknown>();
  protected readonly _local = new Map<string, unknown>();
  private readonly _children = new Map<string, FakeClientObject>();
  /** @internal This proxy's object path id in requests. */
  readonly _pathId: number;
  /** @internal This proxy's object path (set by the method or property that made it). */
  _path: ObjectPathInfo;

  constructor(
    readonly context: FakeRequestContext,
    /** @internal */ readonly _parent: FakeClientObject | null,
    protected readonly _nullable: boolean,
    private readonly _resolver: (parent: unknown) => E,
    protected readonly _typeName: string,
    /** Scalar properties `load()` may name. */
    protected readonly _scalars: readonly string[] = [],
  ) {
    this._pathId = context._nextId();
    this._path = _parent ? { type: 4, name: _typeName, args: null } : { type: 1, name: "", args: null };
  }

  /** @internal Resolves (once) to the entity this proxy stands for; runs only inside a sync. */
  _resolve(): E | null {
    if (this._entity !== undefined) {
      if (this._entity !== null) this._assertAlive(this._entity);
      return this._entity;
    }
    let parentEntity: unknown = undefined;
    if (this._parent) {
      parentEntity = this._parent._resolve();
      if (parentEntity === null) {
        if (this._hooks().nullChildren === "throw") {
          throw officeError(FakeErrorCodes.itemNotFound, `${this._typeName} was requested from a null object.`);
        }
        this._entity = null;
        this._isNull = true;
        return null;
      }
    }
    try {
      this._entity = this._resolver(parentEntity);
      this._isNull = false;
    } catch (e) {
      if (this._nullable && isFakeError(e, FakeErrorCodes.itemNotFound)) {
        this._entity = null;
        this._isNull = true;
      } else throw e;
    }
    return this._entity;
  }

  /** @internal Overridden where the entity can disappear (a deleted sheet or table). */
  protected _assertAlive(entity: E): void {
    void entity;
  }

  protected _hooks(): DoubleHooks {
    return this.context._hooks;
  }

  protected _state(): WorkbookState {
    return this.context._hooks.state;
  }

  /** Whether the object is a null object; readable only after a sync. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  protected _enqueue(name: string, payload: unknown, apply: () => void, action: QueuedOp["action"] = 3, target: FakeClientObject = this): void {
    this.context._queue.push({ name: `${this._typeName}.${name}`, payload, apply, action, target });
  }

  /** Queues a command that needs this object's entity (skipped for a null object). */
  protected _command(name: string, payload: unknown, apply: (entity: E) => void, action: QueuedOp["action"] = 3): void {
    this._enqueue(
      name,
      payload,
      () => {
        const entity = this._resolve();
        if (entity !== null) apply(entity);
      },
      action,
    );
  }

  protected _get<T>(prop: string): T {
    // Office.js gives undefined for a property of a null object, without an error: its getters
    // call throwIfNotLoaded(name, value, entity, isNull), which never throws for a null object.
    if (this._isNull === true) return undefined as T;
    if (this._local.has(prop)) return this._local.get(prop) as T;
    if (this._loaded.has(prop)) return this._loaded.get(prop) as T;
    throw propertyNotLoaded(prop, this._typeName);
  }

  protected _set(prop: string, value: unknown, apply: (entity: E) => void): void {
    this._local.set(prop, value);
    this._command(`set ${prop}`, { [prop]: value }, apply, 4);
  }

  /** A method returning another object: queued, resolved at sync. */
  protected _create<C extends FakeClientObject>(name: string, args: unknown[], make: (self: this) => C): C {
    const child = make(this);
    child._path = { type: 3, name, args };
    this._enqueue(
      name,
      { method: name, args },
      () => {
        child._resolve();
      },
      1,
      child,
    );
    return child;
  }

  /** A navigation property: created once, resolved when first used. */
  protected _nav<C extends FakeClientObject>(name: string, make: () => C): C {
    let child = this._children.get(name);
    if (!child) {
      child = make();
      child._path = { type: 4, name, args: null };
      this._children.set(name, child);
    }
    return child as C;
  }

  /** @internal The value of a scalar property, read from the entity. */
  protected _read(_entity: E, prop: string): unknown {
    throw officeError(FakeErrorCodes.invalidArgument, `${this._typeName} has no loadable property '${prop}'.`);
  }

  /** @internal A navigation property by name, for load paths such as "format/fill/color". */
  protected _navigate(name: string): FakeClientObject | undefined {
    const value = (this as unknown as Record<string, unknown>)[name];
    return value instanceof FakeClientObject ? value : undefined;
  }

  /** Queues loading of properties; read them after `context.sync()`. */
  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const scalars: string[] = [];
    for (const path of paths.length === 0 ? [...this._scalars] : paths) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        if (!this._scalars.includes(path)) throw new Error(`load(): ${this._typeName} has no scalar property '${path}' in the test double`);
        scalars.push(path);
        continue;
      }
      const child = this._navigate(path.slice(0, slash));
      if (!child) throw new Error(`load(): ${this._typeName} has no navigation property '${path.slice(0, slash)}' in the test double`);
      child.load(path.slice(slash + 1));
    }
    if (scalars.length > 0) {
      this._enqueue("load", { load: scalars }, () => this._loadNow(scalars), 2);
    }
    return this;
  }

  /** @internal Reads properties now (inside a sync); no paths means every scalar property. */
  _loadNow(paths: readonly string[]): void {
    const entity = this._resolve();
    if (entity === null) return;
    for (const path of paths.length === 0 ? this._scalars : paths) {
      const slash = path.indexOf("/");
      if (slash >= 0) {
        const child = this._navigate(path.slice(0, slash));
        if (!child) throw new Error(`load(): ${this._typeName} has no navigation property '${path.slice(0, slash)}' in the test double`);
        child._loadNow([path.slice(slash + 1)]);
        continue;
      }
      if (!this._scalars.includes(path)) throw new Error(`load(): ${this._typeName} has no scalar property '${path}' in the test double`);
      const value = this._read(entity, path);
      this._loaded.set(path, value);
      this._local.delete(path);
      this._hooks().addResponse(value);
    }
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }

  /** Proxies inside a payload travel as references. */
  toJSON(): unknown {
    return { ref: this._typeName };
  }

  protected _seal(): void {
    Object.preventExtensions(this);
  }
}

/** The result of a method returning a plain value; `value` is readable after the sync. */
export class FakeClientResult<T> {
  private _value: T | undefined;
  private _ready = false;

  /** @internal */
  _set(value: T): void {
    this._value = value;
    this._ready = true;
  }

  get value(): T {
    if (!this._ready) throw propertyNotLoaded("value", "ClientResult");
    return this._value as T;
  }
}

// ------------------------------------------------------------------------------------------
// Generic bags of properties (format parts, chart parts, page layout…)

export interface BagSpec<E> {
  readonly props: readonly string[];
  readonly readOnly?: readonly string[];
  read(entity: E, prop: string): unknown;
  write?(entity: E, prop: string, value: unknown): void;
  readonly children?: Readonly<Record<string, (self: FakeBag<E>) => FakeClientObject>>;
  readonly methods?: Readonly<Record<string, (self: FakeBag<E>, ...args: unknown[]) => unknown>>;
}

/** An object whose properties are defined by a spec (sealed, so unknown properties throw). */
export class FakeBag<E> extends FakeClientObject<E> {
  [key: string]: unknown;

  constructor(context: FakeRequestContext, parent: FakeClientObject | null, typeName: string, resolver: (parent: unknown) => E, private readonly _spec: BagSpec<E>) {
    super(context, parent, false, resolver, typeName, _spec.props);
    for (const prop of _spec.props) {
      const readOnly = _spec.readOnly?.includes(prop) ?? false;
      Object.defineProperty(this, prop, {
        enumerable: true,
        get: () => this._get(prop),
        set: readOnly
          ? () => {
              throw new TypeError(`${typeName}.${prop} is read-only`);
            }
          : (value: unknown) => this._set(prop, value, (entity) => _spec.write!(entity, prop, value)),
      });
    }
    for (const [name, make] of Object.entries(_spec.children ?? {})) {
      Object.defineProperty(this, name, { enumerable: true, get: () => this._nav(name, () => make(this)) });
    }
    for (const [name, fn] of Object.entries(_spec.methods ?? {})) {
      Object.defineProperty(this, name, { enumerable: false, value: (...args: unknown[]) => fn(this, ...args) });
    }
    this._seal();
  }

  protected override _read(entity: E, prop: string): unknown {
    return this._spec.read(entity, prop);
  }

  /** @internal */
  _queueCommand(name: string, payload: unknown, apply: (entity: E) => void): void {
    this._command(name, payload, apply);
  }
}

/** A record to which a bag writes its properties under a path prefix. */
interface RecordTarget {
  readonly record: Record<string, unknown>;
  readonly prefix: string;
  readonly check?: (prop: string, value: unknown) => void;
  readonly onWrite?: (path: string, value: unknown) => void;
}

function recordBag(
  context: FakeRequestContext,
  parent: FakeClientObject,
  typeName: string,
  target: (parent: unknown) => RecordTarget,
  props: readonly string[],
  children: Readonly<Record<string, { readonly type: string; readonly props: readonly string[]; readonly children?: Record<string, { readonly type: string; readonly props: readonly string[] }> }>> = {},
  methods?: BagSpec<RecordTarget>["methods"],
  extraChildren: Readonly<Record<string, (self: FakeBag<RecordTarget>) => FakeClientObject>> = {},
): FakeBag<RecordTarget> {
  const childMakers: Record<string, (self: FakeBag<RecordTarget>) => FakeClientObject> = { ...extraChildren };
  for (const [name, spec] of Object.entries(children)) {
    childMakers[name] = (self) =>
      recordBag(context, self, spec.type, (p) => {
        const t = p as RecordTarget;
        return { ...t, prefix: `${t.prefix}${name}/` };
      }, spec.props, spec.children ?? {});
  }
  const spec: BagSpec<RecordTarget> = {
    props,
    read: (t, prop) => t.record[`${t.prefix}${prop}`] ?? null,
    write: (t, prop, value) => {
      t.check?.(`${t.prefix}${prop}`, value);
      t.record[`${t.prefix}${prop}`] = value;
      t.onWrite?.(`${t.prefix}${prop}`, value);
    },
    children: childMakers,
    ...(methods ? { methods } : {}),
  };
  return new FakeBag(context, parent, typeName, target, spec);
}

/**
 * The size of the request Office.js sends for these commands: the JSON of `{ Actions, ObjectPaths }`
 * as its runtime builds it, an action per command (id, type, name, object path id, arguments or the
 * properties to load) and, once per request, the object path of every proxy a command touches and
 * of its parents (id, type, name, parent id, arguments). Microsoft: "The payload size of a request
 * combines the number of API calls, the number of objects, such as Range objects, and the length
 * of the value to set or get."
 */
export function requestBytesOf(ops: readonly QueuedOp[], context: FakeRequestContext): number {
  const seen = new Set<FakeClientObject>();
  let json = 0;
  const add = (text: string): void => {
    json += utf8Length(text) + 1;
  };
  for (const op of ops) {
    const id = context._nextId();
    const base = { Id: id, ActionType: op.action, Name: op.name.replace(/^.*?\.(set )?/, ""), ObjectPathId: op.target._pathId };
    if (op.action === 1) add(JSON.stringify(base));
    else if (op.action === 2) add(JSON.stringify({ ...base, QueryInfo: { Select: (op.payload as { load?: unknown }).load ?? [] } }));
    else if (op.action === 4) add(JSON.stringify({ ...base, ArgumentInfo: { Arguments: Object.values(op.payload as object) } }));
    else add(JSON.stringify({ ...base, ArgumentInfo: { Arguments: (op.payload as { args?: unknown[] }).args ?? [] } }));
    for (let o: FakeClientObject | null = op.target; o !== null && !seen.has(o); o = o._parent) {
      seen.add(o);
      const path = { Id: o._pathId, ObjectPathType: o._path.type, Name: o._path.name, ...(o._parent ? { ParentObjectPathId: o._parent._pathId } : {}), ...(o._path.args ? { ArgumentInfo: { Arguments: o._path.args } } : {}) };
      add(`"${o._pathId}":${JSON.stringify(path)}`);
    }
  }
  return json + utf8Length('{"Actions":[],"ObjectPaths":{}}');
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

// ------------------------------------------------------------------------------------------
// Context, workbook, worksheets

export class FakeRequestContext {
  /** @internal */
  readonly _queue: QueuedOp[] = [];
  readonly workbook: FakeWorkbook;
  /** Tracking only matters across `Excel.run` calls; the double keeps every object alive. */
  readonly trackedObjects = {
    add: (): void => undefined,
    remove: (): void => undefined,
  };

  constructor(
    /** @internal */ readonly _hooks: DoubleHooks,
    /** `Excel.run({ delayForCellEdit: true }, …)`: wait for the user to leave cell edit mode instead of failing. */
    readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbook(this);
    Object.preventExtensions(this);
  }

  private _ids = 0;

  /** @internal The next id for an object path or action, as Office.js numbers them per context. */
  _nextId(): number {
    return ++this._ids;
  }

  /** Sends the queued commands and fills loaded properties. */
  sync(): Promise<void> {
    return this._hooks.runSync(this);
  }
}

export class FakeWorkbook extends FakeClientObject<WorkbookState> {
  constructor(context: FakeRequestContext) {
    super(context, null, false, () => context._hooks.state, "Workbook", ["name"]);
    this._seal();
  }

  get worksheets(): FakeWorksheetCollection {
    return this._nav("worksheets", () => new FakeWorksheetCollection(this.context, this));
  }

  get tables(): FakeTableCollection {
    return this._nav("tables", () => new FakeTableCollection(this.context, this, null));
  }

  get protection(): FakeBag<WorkbookState> {
    return this._nav("protection", () => new FakeBag<WorkbookState>(this.context, this, "WorkbookProtection", (p) => p as WorkbookState, { props: ["protected"], readOnly: ["protected"], read: (s) => s.structureProtected }));
  }

  protected override _read(state: WorkbookState, prop: string): unknown {
    if (prop === "name") return "Book1.xlsx";
    return super._read(state, prop);
  }

  getSelectedRange(): FakeRange {
    return this._create("getSelectedRange", [], () =>
      new FakeRange(this.context, this, false, () => {
        const state = this._state();
        const sel = state.selection;
        if (sel) return { sheet: state.requireSheet(sel.sheetId), rect: sel.rect };
        const sheet = state.activeSheetId === null ? undefined : state.sheetById(state.activeSheetId);
        if (!sheet) throw officeError(FakeErrorCodes.invalidSelection, "There is no selection.");
        return { sheet, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }

  getActiveCell(): FakeRange {
    return this._create("getActiveCell", [], () =>
      new FakeRange(this.context, this, false, () => {
        const state = this._state();
        const sel = state.selection;
        if (sel) return { sheet: state.requireSheet(sel.sheetId), rect: { top: sel.rect.top, left: sel.rect.left, bottom: sel.rect.top, right: sel.rect.left } };
        const sheet = state.activeSheetId === null ? undefined : state.sheetById(state.activeSheetId);
        if (!sheet) throw officeError(FakeErrorCodes.invalidSelection, "There is no active cell.");
        return { sheet, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }
}

function loadItems<T extends FakeClientObject>(collection: FakeClientObject, arg: LoadArg, entities: () => unknown[], makeItem: (entity: unknown) => T, loaded: Map<string, unknown>, hooks: () => DoubleHooks): void {
  const paths = loadPaths(arg)
    .map((p) => (p.startsWith("items/") ? p.slice(6) : p))
    .filter((p) => p !== "items");
  collection.context._queue.push({
    name: "Collection.load",
    target: collection,
    action: 2,
    payload: { load: paths.length === 0 ? ["items"] : paths.map((p) => `items/${p}`) },
    apply: () => {
      if (collection._resolve() === null) return;
      const items = entities().map((entity) => {
        const item = makeItem(entity);
        item._entity = entity as never;
        item._isNull = false;
        item._loadNow(paths);
        return item;
      });
      loaded.set("items", items);
      hooks().addResponse(items.length);
    },
  });
}

/** A sheet's id as Excel gives it: a GUID in braces. */
function worksheetId(sheet: SheetState): string {
  return `{${String(sheet.id).padStart(8, "0")}-0000-0000-0000-000000000000}`;
}

export class FakeWorksheetCollection extends FakeClientObject<WorkbookState> {
  constructor(context: FakeRequestContext, parent: FakeWorkbook) {
    super(context, parent, false, (p) => p as WorkbookState, "WorksheetCollection");
    this._seal();
  }

  get items(): FakeWorksheet[] {
    return this._get<FakeWorksheet[]>("items");
  }

  override load(arg?: LoadArg): this {
    loadItems(this, arg, () => [...this._state().sheets], () => new FakeWorksheet(this.context, this, false, () => null as never), this._loaded, () => this._hooks());
    return this;
  }

  private sheetNamed(state: WorkbookState, key: string): SheetState {
    // getItem takes a sheet's name or its id (a GUID in braces, stable across renames).
    const sheet = state.findSheet(key) ?? state.sheets.find((s) => worksheetId(s) === key.toUpperCase());
    if (!sheet) throw officeError(FakeErrorCodes.itemNotFound, `The requested worksheet "${key}" doesn't exist.`, "WorksheetCollection.getItem");
    return sheet;
  }

  getItem(key: string): FakeWorksheet {
    return this._create("getItem", [key], () => new FakeWorksheet(this.context, this, false, (p) => this.sheetNamed(p as WorkbookState, key)));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return this._create("getItemOrNullObject", [key], () => new FakeWorksheet(this.context, this, true, (p) => this.sheetNamed(p as WorkbookState, key)));
  }

  add(name?: string): FakeWorksheet {
    return this._create("add", name === undefined ? [] : [name], () =>
      new FakeWorksheet(this.context, this, false, (p) => {
        const sheet = (p as WorkbookState).addSheet(name);
        this._hooks().addedThisSync.add(sheet.id);
        this._hooks().record("sheet-add", sheet, null, { name: sheet.name });
        return sheet;
      }),
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return this._create("getActiveWorksheet", [], () =>
      new FakeWorksheet(this.context, this, false, (p) => {
        const state = p as WorkbookState;
        const sheet = state.activeSheetId === null ? undefined : state.sheetById(state.activeSheetId);
        if (!sheet) throw officeError(FakeErrorCodes.itemNotFound, "There is no active worksheet.");
        return sheet;
      }),
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._command("getCount", { method: "getCount" }, (state) => result._set(state.sheets.length));
    return result;
  }
}

export class FakeWorksheet extends FakeClientObject<SheetState> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, nullable: boolean, resolver: (parent: unknown) => SheetState) {
    super(context, parent, nullable, resolver, "Worksheet", ["name", "id", "position", "visibility", "tabColor"]);
    this._seal();
  }

  protected override _assertAlive(sheet: SheetState): void {
    if (!this._state().sheets.includes(sheet)) throw officeError(FakeErrorCodes.itemNotFound, `The worksheet "${sheet.name}" no longer exists.`);
  }

  protected override _read(sheet: SheetState, prop: string): unknown {
    switch (prop) {
      case "name":
        return sheet.name;
      case "id":
        return worksheetId(sheet);
      case "position":
        return this._state().sheets.indexOf(sheet);
      case "visibility":
        return sheet.visibility;
      case "tabColor":
        return "";
    }
    return super._read(sheet, prop);
  }

  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._set("name", value, (sheet) => {
      const old = sheet.name;
      this._state().renameSheet(sheet, value);
      this._hooks().record("sheet-rename", sheet, null, { from: old, to: value });
    });
  }

  get id(): string {
    return this._get("id");
  }

  get position(): number {
    return this._get("position");
  }
  set position(value: number) {
    this._set("position", value, (sheet) => {
      this._state().moveSheet(sheet, value);
      this._hooks().record("sheet-position", sheet, null, { position: value });
    });
  }

  get visibility(): string {
    return this._get("visibility");
  }
  set visibility(value: string) {
    this._set("visibility", value, (sheet) => {
      assertOneOf(value, ["Visible", "Hidden", "VeryHidden"], "Worksheet.visibility");
      this._state().assertStructureEditable();
      sheet.visibility = value as SheetState["visibility"];
    });
  }

  get tabColor(): string {
    return this._get("tabColor");
  }

  get protection(): FakeBag<SheetState> {
    return this._nav("protection", () => new FakeBag<SheetState>(this.context, this, "WorksheetProtection", (p) => p as SheetState, {
      props: ["protected"],
      readOnly: ["protected"],
      read: (s) => s.protected,
      methods: {
        protect: (self) => self._queueCommand("protect", { method: "protect" }, (s) => (s.protected = true)),
        unprotect: (self) => self._queueCommand("unprotect", { method: "unprotect" }, (s) => (s.protected = false)),
      },
    }));
  }

  get tables(): FakeTableCollection {
    return this._nav("tables", () => new FakeTableCollection(this.context, this, "sheet"));
  }

  get charts(): FakeChartCollection {
    return this._nav("charts", () => new FakeChartCollection(this.context, this));
  }

  get freezePanes(): FakeFreezePanes {
    return this._nav("freezePanes", () => new FakeFreezePanes(this.context, this));
  }

  /**
   * ExcelApi 1.10: shows the outline to the given levels (0 leaves that direction as it is, 1–8):
   * grouped columns deeper than `columnLevels` are hidden, the others shown.
   */
  showOutlineLevels(rowLevels: number, columnLevels: number): void {
    this._command("showOutlineLevels", { method: "showOutlineLevels", args: [rowLevels, columnLevels] }, (sheet) => {
      requireApi(this._hooks(), 10, "Worksheet.showOutlineLevels");
      for (const n of [rowLevels, columnLevels]) if (!Number.isInteger(n) || n < 0 || n > 8) throw officeError(FakeErrorCodes.invalidArgument, `showOutlineLevels takes levels from 0 to 8, got ${n}.`, "Worksheet.showOutlineLevels");
      if (columnLevels > 0) {
        for (const [c, level] of sheet.columnOutline) {
          if (level >= columnLevels) sheet.hiddenColumns.add(c);
          else sheet.hiddenColumns.delete(c);
        }
      }
      this._hooks().record("showOutlineLevels", sheet, null, [rowLevels, columnLevels]);
    });
  }

  /** Manual page breaks, kept as the zero-based rows that start a page (`pageLayout.pageBreaks`). */
  get horizontalPageBreaks(): FakeBag<SheetState> {
    return this._nav("horizontalPageBreaks", () =>
      new FakeBag<SheetState>(this.context, this, "PageBreakCollection", (p) => p as SheetState, {
        props: [],
        read: () => null,
        methods: {
          add: (self, range) =>
            self._queueCommand("add", { method: "add", args: [range] }, (sheet) => {
              const text = range instanceof FakeRange ? range._addressAtSync() : String(range);
              const parsed = parseAddress(text);
              if (!parsed) throw officeError(FakeErrorCodes.invalidArgument, `"${text}" is not a valid range address.`, "PageBreakCollection.add");
              const breaks = (sheet.pageLayout["pageBreaks"] ??= []) as number[];
              if (!breaks.includes(parsed.rect.top)) breaks.push(parsed.rect.top);
            }),
        },
      }),
    );
  }

  get pageLayout(): FakeBag<RecordTarget> {
    return this._nav("pageLayout", () =>
      recordBag(
        this.context,
        this,
        "PageLayout",
        (p) => ({
          record: (p as SheetState).pageLayout,
          prefix: "",
          check: (path, value) => {
            if (path === "orientation") assertOneOf(value, ["Portrait", "Landscape"], "PageLayout.orientation");
            if (path === "zoom") {
              if (typeof value !== "object" || value === null) throw officeError(FakeErrorCodes.invalidArgument, "PageLayout.zoom must be set with a PageLayoutZoomOptions object.");
              for (const [k, v] of Object.entries(value)) {
                if (!["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k)) throw officeError(FakeErrorCodes.invalidArgument, `PageLayout.zoom has no option '${k}'.`);
                if (typeof v !== "number" || v < 0) throw officeError(FakeErrorCodes.invalidArgument, `PageLayout.zoom.${k} must be a number ≥ 0.`);
              }
            }
          },
          onWrite: (path, value) => this._hooks().record("pageLayout", p as SheetState, null, { [path]: value }),
        }),
        ["orientation", "zoom", "printGridlines", "printHeadings", "centerHorizontally", "centerVertically", "blackAndWhite", "draftMode", "paperSize", "printOrder", "firstPageNumber", "leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"],
        {
          headersFooters: {
            type: "HeaderFooterGroup",
            props: ["state", "useSheetMargins", "useSheetScale"],
            children: {
              defaultForAllPages: { type: "HeaderFooter", props: ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] },
              firstPage: { type: "HeaderFooter", props: ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] },
              evenPages: { type: "HeaderFooter", props: ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] },
              oddPages: { type: "HeaderFooter", props: ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] },
            },
          },
        },
        {
          setPrintTitleRows: (self, rows) => self._queueCommand("setPrintTitleRows", { method: "setPrintTitleRows", args: [rows] }, (t) => {
            const text = rows instanceof FakeRange ? rows._addressAtSync() : String(rows);
            if (!/^\$?\d+(:\$?\d+)?$/.test(text.replace(/^.*!/, ""))) throw officeError(FakeErrorCodes.invalidArgument, `setPrintTitleRows: "${text}" is not a row reference such as "$1:$2".`);
            t.record["printTitleRows"] = text;
          }),
          setPrintTitleColumns: (self, cols) => self._queueCommand("setPrintTitleColumns", { method: "setPrintTitleColumns", args: [cols] }, (t) => (t.record["printTitleColumns"] = String(cols))),
          setPrintArea: (self, area) => self._queueCommand("setPrintArea", { method: "setPrintArea", args: [area] }, (t) => (t.record["printArea"] = String(area))),
        },
      ),
    );
  }

  /** @internal */
  _rangeFromAddress(sheet: SheetState, address: string | undefined): { sheet: SheetState; rect: Rect } {
    if (address === undefined) return { sheet, rect: { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } };
    const parsed = parseAddress(address);
    if (!parsed) throw officeError(FakeErrorCodes.invalidArgument, `"${address}" is not a valid range address.`, "Worksheet.getRange");
    if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw officeError(FakeErrorCodes.invalidArgument, `"${address}" is on another sheet.`, "Worksheet.getRange");
    }
    return { sheet, rect: parsed.rect };
  }

  getRange(address?: string): FakeRange {
    return this._create("getRange", address === undefined ? [] : [address], () => new FakeRange(this.context, this, false, (p) => this._rangeFromAddress(p as SheetState, address)));
  }

  getRanges(address: string): FakeRangeAreas {
    return this._create("getRanges", [address], () =>
      new FakeRangeAreas(this.context, this, (p) => {
        const sheet = p as SheetState;
        // Excel on Windows takes the areas separated by the regional list separator, not always a
        // comma (OfficeDev/office-js#1167, #1985): in German, French, Czech or Dutch "A1,B2" is refused.
        const areas = splitAreas(address, this._hooks().listSeparator);
        if (areas.length === 0) throw officeError(FakeErrorCodes.invalidArgument, "getRanges needs at least one address.");
        return { sheet, rects: areas.map((a) => this._rangeFromAddress(sheet, a).rect) };
      }),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this._create("getCell", [row, column], () => new FakeRange(this.context, this, false, (p) => ({ sheet: p as SheetState, rect: { top: row, left: column, bottom: row, right: column } })));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this._create("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () =>
      new FakeRange(this.context, this, false, (p) => {
        const rect = { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
        if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || rowCount < 1 || columnCount < 1 || rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLS) {
          throw officeError(FakeErrorCodes.invalidArgument, "getRangeByIndexes: the range is outside the sheet.");
        }
        return { sheet: p as SheetState, rect };
      }),
    );
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._create("getUsedRange", valuesOnly === undefined ? [] : [valuesOnly], () =>
      new FakeRange(this.context, this, false, (p) => {
        const sheet = p as SheetState;
        return { sheet, rect: usedRect(sheet, valuesOnly ?? false) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this._create("getUsedRangeOrNullObject", valuesOnly === undefined ? [] : [valuesOnly], () =>
      new FakeRange(this.context, this, true, (p) => {
        const sheet = p as SheetState;
        const rect = usedRect(sheet, valuesOnly ?? false);
        if (!rect) throw officeError(FakeErrorCodes.itemNotFound, "The worksheet is blank.");
        return { sheet, rect };
      }),
    );
  }

  activate(): void {
    this._command("activate", { method: "activate" }, (sheet) => {
      if (sheet.visibility !== "Visible") throw officeError(FakeErrorCodes.invalidOperation, "A hidden sheet cannot be activated.");
      const hooks = this._hooks();
      if (hooks.platform === "web" && hooks.addedThisSync.has(sheet.id)) {
        // Excel on the web leaves the active sheet as it was (office-js#930).
        hooks.record("activate-ignored", sheet, null);
        return;
      }
      this._state().activeSheetId = sheet.id;
      this._hooks().record("activate", sheet, null);
    });
  }

  delete(): void {
    this._command("delete", { method: "delete" }, (sheet) => {
      this._state().deleteSheet(sheet);
      this._hooks().record("sheet-delete", sheet, null, { name: sheet.name });
    });
  }
}

// ------------------------------------------------------------------------------------------
// Ranges

export interface RangeEntity {
  readonly sheet: SheetState;
  readonly rect: Rect;
}

export interface AreasEntity {
  readonly sheet: SheetState;
  readonly rects: readonly Rect[];
}

function rangeCheck(state: WorkbookState, sheet: SheetState): void {
  if (!state.sheets.includes(sheet)) throw officeError(FakeErrorCodes.invalidReference, `The range's worksheet "${sheet.name}" no longer exists.`);
}

/**
 * A command of a newer requirement set than the host's fails at sync with ApiNotFound (Office.js
 * sends it; the host does not know it).
 */
function requireApi(hooks: DoubleHooks, minor: number, name: string): void {
  if (hooks.excelApiMinor < minor) {
    throw officeError(FakeErrorCodes.apiNotFound, `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${name} needs ExcelApi 1.${minor}.)`, name);
  }
}

const GROUP_OPTIONS = ["ByRows", "ByColumns"];

/** The columns of the outline group holding `col` at `level` or deeper: the run of columns around it at that level. */
function groupRun(sheet: SheetState, col: number, level: number): { first: number; last: number } {
  let first = col;
  let last = col;
  while (first > 0 && (sheet.columnOutline.get(first - 1) ?? 0) >= level) first--;
  while (last < MAX_COLS - 1 && (sheet.columnOutline.get(last + 1) ?? 0) >= level) last++;
  return { first, last };
}

/** Excel refuses a formula whose structured references break its syntax rules or name no column of the table. */
function assertFormulaReferences(state: WorkbookState, formula: string, location: string): void {
  let references: StructuredReference[];
  try {
    references = structuredReferences(formula, state.tables.map((t) => t.name));
  } catch (e) {
    if (e instanceof StructuredReferenceError) throw officeError(FakeErrorCodes.invalidArgument, `There's a problem with this formula: ${e.message}.`, location);
    throw e;
  }
  for (const ref of references) {
    const table = state.findTable(ref.table)!;
    if (!table.showHeaders) continue;
    const sheet = state.requireSheet(table.sheetId);
    const headers = new Set<string>();
    for (let c = table.rect.left; c <= table.rect.right; c++) headers.add(String(cellValueOut(getCell(sheet, table.rect.top, c))).toLowerCase());
    for (const column of ref.columns) {
      if (!headers.has(column.toLowerCase())) throw officeError(FakeErrorCodes.invalidArgument, `There's a problem with this formula: the table "${table.name}" has no column "${column}".`, location);
    }
  }
}

function assertMatrix(value: unknown, rect: Rect, what: string): unknown[][] {
  const rows = rectRows(rect);
  const cols = rectCols(rect);
  if (!Array.isArray(value) || value.length !== rows || value.some((r) => !Array.isArray(r) || r.length !== cols)) {
    const got = Array.isArray(value) ? `${value.length} × ${Array.isArray(value[0]) ? (value[0] as unknown[]).length : "?"}` : typeof value;
    throw officeError(
      FakeErrorCodes.invalidArgument,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range is ${rows} × ${cols}, array is ${got}).`,
      `Range.${what}`,
    );
  }
  return value as unknown[][];
}

/** The properties that return one value per cell (the reads the cell limit applies to). */
const MATRIX_PROPERTIES = new Set(["values", "formulas", "numberFormat", "text", "valueTypes"]);

export class FakeRange extends FakeClientObject<RangeEntity> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, nullable: boolean, resolver: (parent: unknown) => RangeEntity) {
    super(context, parent, nullable, resolver, "Range", ["values", "formulas", "numberFormat", "text", "valueTypes", "address", "addressLocal", "rowCount", "columnCount", "rowIndex", "columnIndex", "cellCount", "columnHidden"]);
    this._seal();
  }

  protected override _assertAlive(entity: RangeEntity): void {
    rangeCheck(this._state(), entity.sheet);
  }

  /** @internal The address, resolving the range now (inside a sync). */
  _addressAtSync(): string {
    const e = this._resolve();
    if (!e) throw officeError(FakeErrorCodes.invalidArgument, "A null range cannot be used here.");
    return formatAddress(e.sheet.name, e.rect);
  }

  /** @internal */
  _entityAtSync(): RangeEntity {
    const e = this._resolve();
    if (!e) throw officeError(FakeErrorCodes.invalidArgument, "A null range cannot be used here.");
    return e;
  }

  protected override _read(e: RangeEntity, prop: string): unknown {
    const { sheet, rect } = e;
    const cells = rectRows(rect) * rectCols(rect);
    const hooks = this._hooks();
    if (MATRIX_PROPERTIES.has(prop) && cells > hooks.cellLimit) {
      // Five million cells per read on every platform; Excel since 2407 answers null instead of
      // failing (office-js#4783), earlier versions fail with RangeExceedsLimit.
      if (hooks.overCellLimit === "null") return null;
      throw officeError(FakeErrorCodes.rangeExceedsLimit, `The range has ${cells} cells, more than the ${hooks.cellLimit} a read may return.`, `Range.${prop}`);
    }
    const grid = (f: (r: number, c: number) => unknown): unknown[][] => {
      const out: unknown[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: unknown[] = [];
        for (let c = rect.left; c <= rect.right; c++) row.push(f(r, c));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((r, c) => cellValueOut(getCell(sheet, r, c)));
      case "formulas":
        return grid((r, c) => cellFormulaOut(getCell(sheet, r, c)));
      case "numberFormat":
        return grid((r, c) => getCell(sheet, r, c)?.numberFormat ?? "General");
      case "text":
        return grid((r, c) => cellTextOut(getCell(sheet, r, c)));
      case "valueTypes":
        return grid((r, c) => cellValueType(getCell(sheet, r, c)));
      case "address":
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "rowCount":
        return rectRows(rect);
      case "columnCount":
        return rectCols(rect);
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "cellCount":
        return rectRows(rect) * rectCols(rect);
      case "columnHidden": {
        let hidden = 0;
        for (let c = rect.left; c <= rect.right; c++) if (sheet.hiddenColumns.has(c)) hidden++;
        // True when every column is hidden, false when none, null when some are.
        return hidden === rectCols(rect) ? true : hidden === 0 ? false : null;
      }
    }
    return super._read(e, prop);
  }

  private writeMatrix(prop: "values" | "formulas" | "numberFormat", value: unknown): void {
    this._set(prop, value, (e) => {
      rangeCheck(this._state(), e.sheet);
      assertCellsEditable(e.sheet);
      const matrix = assertMatrix(value, e.rect, prop);
      matrix.forEach((row, i) =>
        row.forEach((v, j) => {
          const r = e.rect.top + i;
          const c = e.rect.left + j;
          if (v === null || v === undefined) return;
          if (prop === "numberFormat") {
            if (typeof v !== "string") throw officeError(FakeErrorCodes.invalidArgument, `numberFormat must be text, got ${typeof v}.`);
            ensureCell(e.sheet, r, c).numberFormat = v;
            return;
          }
          const cell = ensureCell(e.sheet, r, c);
          if (typeof v === "number" || typeof v === "boolean") {
            if (typeof v === "number" && !Number.isFinite(v)) throw officeError(FakeErrorCodes.invalidArgument, "A cell value must be a finite number.");
            cell.value = v;
            cell.formula = null;
          } else if (typeof v === "string") {
            if (v.length > 32767) throw officeError(FakeErrorCodes.invalidArgument, "Text values are limited to 32,767 characters.");
            const parsed = parseInput(v, cell.numberFormat, this._hooks().locale);
            if (parsed.formula !== null) assertFormulaReferences(this._state(), parsed.formula, `Range.${prop}`);
            cell.value = parsed.value;
            cell.formula = parsed.formula;
          } else {
            throw officeError(FakeErrorCodes.invalidArgument, `A cell value must be a string, number or boolean, got ${JSON.stringify(v)}.`);
          }
        }),
      );
      this._hooks().record(prop, e.sheet, [e.rect], matrix);
    });
  }

  get values(): unknown[][] {
    return this._get("values");
  }
  set values(value: unknown[][]) {
    this.writeMatrix("values", value);
  }

  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(value: unknown[][]) {
    this.writeMatrix("formulas", value);
  }

  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  set numberFormat(value: unknown[][]) {
    this.writeMatrix("numberFormat", value);
  }

  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }
  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }

  /** ExcelApi 1.2: hides or shows the range's whole columns. */
  get columnHidden(): boolean | null {
    return this._get("columnHidden");
  }
  set columnHidden(value: boolean | null) {
    this._set("columnHidden", value, (e) => {
      requireApi(this._hooks(), 2, "Range.columnHidden");
      if (typeof value !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, `columnHidden must be true or false, got ${String(value)}.`);
      for (let c = e.rect.left; c <= e.rect.right; c++) {
        if (value) e.sheet.hiddenColumns.add(c);
        else e.sheet.hiddenColumns.delete(c);
      }
      this._hooks().record("columnHidden", e.sheet, [e.rect], value);
    });
  }

  private outlineCommand(name: "group" | "ungroup" | "hideGroupDetails" | "showGroupDetails", option: string, apply: (e: RangeEntity) => void): void {
    this._command(name, { method: name, args: [option] }, (e) => {
      requireApi(this._hooks(), 10, `Range.${name}`);
      assertOneOf(option, GROUP_OPTIONS, `Range.${name}`);
      const entireRows = e.rect.left === 0 && e.rect.right === MAX_COLS - 1;
      const entireColumns = e.rect.top === 0 && e.rect.bottom === MAX_ROWS - 1;
      if ((option === "ByColumns" && entireRows && !entireColumns) || (option === "ByRows" && entireColumns && !entireRows)) {
        throw officeError(FakeErrorCodes.invalidArgument, `Range.${name}: the group option differs from the range's isEntireRow or isEntireColumn.`, `Range.${name}`);
      }
      if (option === "ByRows") throw new Error(`Range.${name}("ByRows") is not modelled in the double`);
      apply(e);
      this._hooks().record(name, e.sheet, [e.rect], option);
    });
  }

  /** ExcelApi 1.10: groups the range's columns one outline level deeper (at most 8). */
  group(groupOption: string): void {
    this.outlineCommand("group", groupOption, (e) => {
      for (let c = e.rect.left; c <= e.rect.right; c++) {
        if ((e.sheet.columnOutline.get(c) ?? 0) >= 8) throw officeError(FakeErrorCodes.invalidOperation, "An outline has at most eight levels.", "Range.group");
      }
      for (let c = e.rect.left; c <= e.rect.right; c++) e.sheet.columnOutline.set(c, (e.sheet.columnOutline.get(c) ?? 0) + 1);
    });
  }

  /** ExcelApi 1.10: the range's columns one outline level shallower. */
  ungroup(groupOption: string): void {
    this.outlineCommand("ungroup", groupOption, (e) => {
      for (let c = e.rect.left; c <= e.rect.right; c++) {
        const level = (e.sheet.columnOutline.get(c) ?? 0) - 1;
        if (level > 0) e.sheet.columnOutline.set(c, level);
        else e.sheet.columnOutline.delete(c);
      }
    });
  }

  /** ExcelApi 1.10: folds away the column groups the range is in (hides all their columns). */
  hideGroupDetails(groupOption: string): void {
    this.outlineCommand("hideGroupDetails", groupOption, (e) => this.groupsOf(e, (c) => e.sheet.hiddenColumns.add(c)));
  }

  /** ExcelApi 1.10: shows the columns of the column groups the range is in. */
  showGroupDetails(groupOption: string): void {
    this.outlineCommand("showGroupDetails", groupOption, (e) => this.groupsOf(e, (c) => e.sheet.hiddenColumns.delete(c)));
  }

  private groupsOf(e: RangeEntity, each: (col: number) => void): void {
    for (let c = e.rect.left; c <= e.rect.right; c++) {
      const level = e.sheet.columnOutline.get(c) ?? 0;
      if (level === 0) continue;
      const run = groupRun(e.sheet, c, level);
      for (let x = run.first; x <= run.last; x++) each(x);
    }
  }

  /**
   * ExcelApi 1.1: inserts blank cells in place of the range, shifting the others. Modelled for
   * whole columns shifted right only (see insertColumns); anything else is not modelled.
   */
  insert(shift: string): FakeRange {
    return this.derived("insert", [shift], false, (e) => {
      assertOneOf(shift, ["Down", "Right"], "Range.insert");
      if (shift !== "Right" || e.rect.top !== 0 || e.rect.bottom !== MAX_ROWS - 1) throw new Error("Range.insert is modelled for whole columns shifted right only");
      assertCellsEditable(e.sheet);
      insertColumns(this._state(), e.sheet, e.rect.left, rectCols(e.rect));
      this._hooks().record("insert", e.sheet, [e.rect], shift);
      return e.rect;
    });
  }

  get format(): FakeRangeFormat {
    return this._nav("format", () => new FakeRangeFormat(this.context, this, (p) => ({ sheet: (p as RangeEntity).sheet, rects: [(p as RangeEntity).rect] })));
  }

  get dataValidation(): FakeDataValidation {
    return this._nav("dataValidation", () => new FakeDataValidation(this.context, this, (p) => ({ sheet: (p as RangeEntity).sheet, rects: [(p as RangeEntity).rect] })));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._nav("conditionalFormats", () => new FakeConditionalFormatCollection(this.context, this, (p) => ({ sheet: (p as RangeEntity).sheet, rects: [(p as RangeEntity).rect] })));
  }

  get worksheet(): FakeWorksheet {
    return this._nav("worksheet", () => new FakeWorksheet(this.context, this, false, (p) => (p as RangeEntity).sheet));
  }

  private derived(name: string, args: unknown[], nullable: boolean, f: (e: RangeEntity) => Rect): FakeRange {
    return this._create(name, args, () =>
      new FakeRange(this.context, this, nullable, (p) => {
        const e = p as RangeEntity;
        const rect = f(e);
        if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLS || rect.bottom < rect.top || rect.right < rect.left) {
          throw officeError(FakeErrorCodes.invalidArgument, `Range.${name}: the result would be outside the sheet.`);
        }
        return { sheet: e.sheet, rect };
      }),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived("getCell", [row, column], false, (e) => ({ top: e.rect.top + row, left: e.rect.left + column, bottom: e.rect.top + row, right: e.rect.left + column }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived("getResizedRange", [deltaRows, deltaColumns], false, (e) => ({ ...e.rect, bottom: e.rect.bottom + deltaRows, right: e.rect.right + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived("getOffsetRange", [rowOffset, columnOffset], false, (e) => ({
      top: e.rect.top + rowOffset,
      bottom: e.rect.bottom + rowOffset,
      left: e.rect.left + columnOffset,
      right: e.rect.right + columnOffset,
    }));
  }

  getRow(row: number): FakeRange {
    return this.derived("getRow", [row], false, (e) => ({ ...e.rect, top: e.rect.top + row, bottom: e.rect.top + row }));
  }

  getColumn(column: number): FakeRange {
    return this.derived("getColumn", [column], false, (e) => ({ ...e.rect, left: e.rect.left + column, right: e.rect.left + column }));
  }

  getBoundingRect(other: FakeRange | string): FakeRange {
    return this.derived("getBoundingRect", [other], false, (e) => {
      const rect = typeof other === "string" ? parseAddress(other)?.rect : other._entityAtSync().rect;
      if (!rect) throw officeError(FakeErrorCodes.invalidArgument, `"${String(other)}" is not a valid address.`);
      return boundingRect(e.rect, rect);
    });
  }

  private usedWithin(e: RangeEntity, valuesOnly: boolean): Rect | null {
    const used = usedRect(e.sheet, valuesOnly);
    if (!used || !rectsOverlap(used, e.rect)) return null;
    return { top: Math.max(used.top, e.rect.top), left: Math.max(used.left, e.rect.left), bottom: Math.min(used.bottom, e.rect.bottom), right: Math.min(used.right, e.rect.right) };
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.derived("getUsedRange", valuesOnly === undefined ? [] : [valuesOnly], false, (e) => this.usedWithin(e, valuesOnly ?? false) ?? { top: e.rect.top, left: e.rect.left, bottom: e.rect.top, right: e.rect.left });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.derived("getUsedRangeOrNullObject", valuesOnly === undefined ? [] : [valuesOnly], true, (e) => {
      const r = this.usedWithin(e, valuesOnly ?? false);
      if (!r) throw officeError(FakeErrorCodes.itemNotFound, "The range is blank.");
      return r;
    });
  }

  merge(across?: boolean): void {
    this._command("merge", { method: "merge", args: [across ?? false] }, (e) => {
      assertCellsEditable(e.sheet);
      const pieces: Rect[] = across ? Array.from({ length: rectRows(e.rect) }, (_, i) => ({ ...e.rect, top: e.rect.top + i, bottom: e.rect.top + i })) : [e.rect];
      for (const piece of pieces) {
        if (rectRows(piece) === 1 && rectCols(piece) === 1) continue;
        const table = this._state().tableAt(e.sheet, piece);
        if (table) throw officeError("MergedRangeConflict", "Cannot merge cells inside a table.");
        e.sheet.merges = e.sheet.merges.filter((m) => !rectsOverlap(m, piece));
        e.sheet.merges.push(piece);
        // Excel keeps the top-left value only.
        for (let r = piece.top; r <= piece.bottom; r++)
          for (let c = piece.left; c <= piece.right; c++) {
            if (r === piece.top && c === piece.left) continue;
            const cell = getCell(e.sheet, r, c);
            if (cell) {
              cell.value = null;
              cell.formula = null;
            }
          }
      }
      this._hooks().record("merge", e.sheet, pieces);
    });
  }

  unmerge(): void {
    this._command("unmerge", { method: "unmerge" }, (e) => {
      assertCellsEditable(e.sheet);
      e.sheet.merges = e.sheet.merges.filter((m) => !rectsOverlap(m, e.rect));
    });
  }

  select(): void {
    this._command("select", { method: "select" }, (e) => {
      if (e.sheet.visibility !== "Visible") throw officeError(FakeErrorCodes.invalidOperation, "A range on a hidden sheet cannot be selected.");
      const state = this._state();
      state.activeSheetId = e.sheet.id;
      state.selection = { sheetId: e.sheet.id, rect: e.rect };
      this._hooks().record("select", e.sheet, [e.rect]);
    });
  }

  clear(applyTo?: string): void {
    this._command("clear", { method: "clear", args: [applyTo ?? "All"] }, (e) => {
      assertCellsEditable(e.sheet);
      for (let r = e.rect.top; r <= e.rect.bottom; r++)
        for (let c = e.rect.left; c <= e.rect.right; c++) {
          const cell = getCell(e.sheet, r, c);
          if (!cell) continue;
          if (applyTo !== "Formats") {
            cell.value = null;
            cell.formula = null;
          }
          if (applyTo !== "Contents") cell.numberFormat = "General";
        }
    });
  }
}

export class FakeRangeAreas extends FakeClientObject<AreasEntity> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => AreasEntity) {
    super(context, parent, false, resolver, "RangeAreas", ["address", "areaCount"]);
    this._seal();
  }

  protected override _read(e: AreasEntity, prop: string): unknown {
    if (prop === "address") return e.rects.map((r) => formatAddress(e.sheet.name, r)).join(",");
    if (prop === "areaCount") return e.rects.length;
    return super._read(e, prop);
  }

  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }

  get format(): FakeRangeFormat {
    return this._nav("format", () => new FakeRangeFormat(this.context, this, (p) => p as AreasEntity));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._nav("conditionalFormats", () => new FakeConditionalFormatCollection(this.context, this, (p) => p as AreasEntity));
  }

  get dataValidation(): FakeDataValidation {
    return this._nav("dataValidation", () => new FakeDataValidation(this.context, this, (p) => p as AreasEntity));
  }
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];
const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
const BORDER_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];

function layerWriter(hooks: () => DoubleHooks, key: string, check?: (value: unknown) => void): (e: AreasEntity, value: unknown) => void {
  return (e, value) => {
    check?.(value);
    rangeCheck(hooks().state, e.sheet);
    assertCellsEditable(e.sheet);
    for (const rect of e.rects) e.sheet.formatLayers.push({ rect, key, value });
    hooks().record("format", e.sheet, e.rects, { [key]: value });
  };
}

function layerReader(key: string, fallback: unknown): (e: AreasEntity) => unknown {
  return (e) => {
    const first = e.rects[0]!;
    return cellFormat(e.sheet, first.top, first.left, key) ?? fallback;
  };
}

export class FakeRangeFormat extends FakeClientObject<AreasEntity> {
  declare wrapText: boolean;
  declare horizontalAlignment: string;
  declare verticalAlignment: string;
  declare indentLevel: number;
  private static readonly PROPS: Record<string, { key: string; fallback: unknown; check?: (v: unknown) => void }> = {
    wrapText: { key: "wrapText", fallback: false, check: (v) => { if (typeof v !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, "wrapText must be a boolean."); } },
    horizontalAlignment: { key: "horizontalAlignment", fallback: "General", check: (v) => assertOneOf(v, H_ALIGN, "horizontalAlignment") },
    verticalAlignment: { key: "verticalAlignment", fallback: "Bottom", check: (v) => assertOneOf(v, V_ALIGN, "verticalAlignment") },
    indentLevel: { key: "indentLevel", fallback: 0, check: (v) => { if (typeof v !== "number" || v < 0 || v > 250) throw officeError(FakeErrorCodes.invalidArgument, "indentLevel must be 0–250."); } },
  };

  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => AreasEntity) {
    super(context, parent, false, resolver, "RangeFormat", ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "verticalAlignment", "indentLevel"]);
    for (const [prop, spec] of Object.entries(FakeRangeFormat.PROPS)) {
      Object.defineProperty(this, prop, {
        enumerable: true,
        get: () => this._get(prop),
        set: (value: unknown) => {
          this._set(prop, value, (e) => layerWriter(() => this._hooks(), spec.key, spec.check)(e, value));
        },
      });
    }
    this._seal();
  }

  protected override _read(e: AreasEntity, prop: string): unknown {
    if (prop === "columnWidth") return e.sheet.columnWidths.get(e.rects[0]!.left) ?? DEFAULT_COLUMN_WIDTH;
    if (prop === "rowHeight") return e.sheet.rowHeights.get(e.rects[0]!.top) ?? DEFAULT_ROW_HEIGHT;
    const spec = FakeRangeFormat.PROPS[prop];
    if (spec) return layerReader(spec.key, spec.fallback)(e);
    return super._read(e, prop);
  }

  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(value: number) {
    this._set("columnWidth", value, (e) => {
      if (typeof value !== "number" || !(value >= 0) || value > 255 * 7.5) throw officeError(FakeErrorCodes.invalidArgument, `columnWidth ${String(value)} is not a width in points.`);
      assertCellsEditable(e.sheet);
      for (const rect of e.rects) for (let c = rect.left; c <= rect.right; c++) e.sheet.columnWidths.set(c, value);
      this._hooks().record("columnWidth", e.sheet, e.rects, value);
    });
  }

  get rowHeight(): number {
    return this._get("rowHeight");
  }
  set rowHeight(value: number) {
    this._set("rowHeight", value, (e) => {
      if (typeof value !== "number" || !(value >= 0) || value > 409) throw officeError(FakeErrorCodes.invalidArgument, `rowHeight ${String(value)} is not a height in points (0–409).`);
      assertCellsEditable(e.sheet);
      for (const rect of e.rects) for (let r = rect.top; r <= rect.bottom; r++) e.sheet.rowHeights.set(r, value);
      this._hooks().record("rowHeight", e.sheet, e.rects, value);
    });
  }

  get fill(): FakeBag<AreasEntity> {
    return this._nav("fill", () => new FakeBag<AreasEntity>(this.context, this, "RangeFill", (p) => p as AreasEntity, {
      props: ["color"],
      read: (e) => layerReader("fill/color", null)(e),
      write: (e, _prop, value) => layerWriter(() => this._hooks(), "fill/color", (v) => assertColour(v, "fill.color"))(e, value),
      methods: { clear: (self) => self._queueCommand("clear", { method: "clear" }, (e) => layerWriter(() => this._hooks(), "fill/color")(e, null)) },
    }));
  }

  get font(): FakeBag<AreasEntity> {
    const checks: Record<string, (v: unknown) => void> = {
      bold: (v) => { if (typeof v !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, "font.bold must be a boolean."); },
      italic: (v) => { if (typeof v !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, "font.italic must be a boolean."); },
      color: (v) => assertColour(v, "font.color"),
      size: (v) => { if (typeof v !== "number" || v < 1 || v > 409) throw officeError(FakeErrorCodes.invalidArgument, "font.size must be 1–409."); },
      name: (v) => { if (typeof v !== "string" || v === "") throw officeError(FakeErrorCodes.invalidArgument, "font.name must be text."); },
      underline: (v) => assertOneOf(v, ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"], "font.underline"),
    };
    const fallback: Record<string, unknown> = { bold: false, italic: false, color: "#000000", size: 11, name: "Calibri", underline: "None" };
    return this._nav("font", () => new FakeBag<AreasEntity>(this.context, this, "RangeFont", (p) => p as AreasEntity, {
      props: Object.keys(checks),
      read: (e, prop) => layerReader(`font/${prop}`, fallback[prop])(e),
      write: (e, prop, value) => layerWriter(() => this._hooks(), `font/${prop}`, checks[prop])(e, value),
    }));
  }

  get borders(): FakeBag<AreasEntity> {
    return this._nav("borders", () => new FakeBag<AreasEntity>(this.context, this, "RangeBorderCollection", (p) => p as AreasEntity, {
      props: [],
      read: () => null,
      methods: {
        getItem: (self, edge) => {
          if (typeof edge !== "string" || !BORDER_EDGES.includes(edge)) throw new Error(`borders.getItem: unknown edge ${String(edge)}`);
          return new FakeBag<AreasEntity>(this.context, self, "RangeBorder", (p) => p as AreasEntity, {
            props: ["style", "color", "weight"],
            read: (e, prop) => layerReader(`borders/${edge}/${prop}`, prop === "style" ? "None" : null)(e),
            write: (e, prop, value) =>
              layerWriter(() => this._hooks(), `borders/${edge}/${prop}`, (v) => {
                if (prop === "style") assertOneOf(v, BORDER_STYLES, "border.style");
                if (prop === "color") assertColour(v, "border.color");
                if (prop === "weight") assertOneOf(v, ["Hairline", "Thin", "Medium", "Thick"], "border.weight");
              })(e, value),
          });
        },
      },
    }));
  }

  autofitColumns(): void {
    this._command("autofitColumns", { method: "autofitColumns" }, () => undefined);
  }

  autofitRows(): void {
    this._command("autofitRows", { method: "autofitRows" }, () => undefined);
  }
}

// ------------------------------------------------------------------------------------------
// Data validation

function assertValidationRule(rule: unknown): void {
  const kinds = ["list", "custom", "wholeNumber", "decimal", "date", "time", "textLength"];
  if (typeof rule !== "object" || rule === null) throw officeError(FakeErrorCodes.invalidArgument, "A data validation rule must be an object.");
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1 || !kinds.includes(keys[0]!)) throw officeError(FakeErrorCodes.invalidArgument, `A data validation rule needs exactly one of ${kinds.join(", ")}; got ${keys.join(", ") || "none"}.`);
  const list = (rule as { list?: { source?: unknown; inCellDropDown?: unknown } }).list;
  if (list) {
    if (typeof list.inCellDropDown !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, "list.inCellDropDown must be a boolean.");
    if (!(typeof list.source === "string" || list.source instanceof FakeRange)) throw officeError(FakeErrorCodes.invalidArgument, "list.source must be text or a Range.");
    if (typeof list.source === "string" && (list.source.trim() === "" || list.source.length > 255)) {
      throw officeError(FakeErrorCodes.invalidArgument, "list.source must be 1–255 characters.");
    }
  }
}

function assertErrorAlert(alert: unknown): void {
  if (typeof alert !== "object" || alert === null) throw officeError(FakeErrorCodes.invalidArgument, "errorAlert must be an object.");
  for (const [k, v] of Object.entries(alert)) {
    if (!["message", "showAlert", "style", "title"].includes(k)) throw officeError(FakeErrorCodes.invalidArgument, `errorAlert has no '${k}'.`);
    if (k === "style") assertOneOf(v, ["Stop", "Warning", "Information"], "errorAlert.style");
    if ((k === "message" && typeof v === "string" && v.length > 225) || (k === "title" && typeof v === "string" && v.length > 32)) {
      throw officeError(FakeErrorCodes.invalidArgument, `errorAlert.${k} is too long (title ≤ 32, message ≤ 225 characters).`);
    }
  }
}

export class FakeDataValidation extends FakeClientObject<AreasEntity> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => AreasEntity) {
    super(context, parent, false, resolver, "DataValidation", ["rule", "errorAlert", "prompt", "ignoreBlanks", "type"]);
    this._seal();
  }

  private record(e: AreasEntity): { rule: unknown; errorAlert: unknown; prompt: unknown } {
    assertCellsEditable(e.sheet);
    const same = (a: readonly Rect[], b: readonly Rect[]): boolean => a.length === b.length && a.every((r, i) => JSON.stringify(r) === JSON.stringify(b[i]));
    let v = e.sheet.validations.find((x) => same(x.rects, e.rects));
    if (!v) {
      v = { rects: e.rects, rule: null, errorAlert: null, prompt: null };
      e.sheet.validations.push(v);
    }
    return v;
  }

  protected override _read(e: AreasEntity, prop: string): unknown {
    const first = e.rects[0]!;
    const v = [...e.sheet.validations].reverse().find((x) => x.rects.some((r) => rectInside(first, r)));
    switch (prop) {
      case "rule":
        return v?.rule ?? null;
      case "errorAlert":
        return v?.errorAlert ?? null;
      case "prompt":
        return v?.prompt ?? null;
      case "ignoreBlanks":
        return true;
      case "type": {
        const rule = v?.rule as Record<string, unknown> | null | undefined;
        return rule ? Object.keys(rule)[0] : "None";
      }
    }
    return super._read(e, prop);
  }

  get rule(): unknown {
    return this._get("rule");
  }
  set rule(value: unknown) {
    this._set("rule", value, (e) => {
      assertValidationRule(value);
      const stored = JSON.parse(JSON.stringify(value)) as unknown;
      this.record(e).rule = stored;
      this._hooks().record("validation", e.sheet, e.rects, { rule: stored });
    });
  }

  get errorAlert(): unknown {
    return this._get("errorAlert");
  }
  set errorAlert(value: unknown) {
    this._set("errorAlert", value, (e) => {
      assertErrorAlert(value);
      this.record(e).errorAlert = { ...(value as object) };
      this._hooks().record("validation", e.sheet, e.rects, { errorAlert: value });
    });
  }

  get prompt(): unknown {
    return this._get("prompt");
  }
  set prompt(value: unknown) {
    this._set("prompt", value, (e) => {
      this.record(e).prompt = { ...(value as object) };
    });
  }

  get ignoreBlanks(): boolean {
    return this._get("ignoreBlanks");
  }
  set ignoreBlanks(value: boolean) {
    this._set("ignoreBlanks", value, () => undefined);
  }

  get type(): string {
    return this._get("type");
  }

  clear(): void {
    this._command("clear", { method: "clear" }, (e) => {
      assertCellsEditable(e.sheet);
      for (let i = e.sheet.validations.length - 1; i >= 0; i--) {
        if (e.sheet.validations[i]!.rects.some((r) => e.rects.some((x) => rectsOverlap(r, x)))) e.sheet.validations.splice(i, 1);
      }
    });
  }
}

// ------------------------------------------------------------------------------------------
// Conditional formats

const CF_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];
const CF_PART_OF_TYPE: Record<string, string> = { custom: "Custom", dataBar: "DataBar", cellValue: "CellValue", textComparison: "ContainsText", colorScale: "ColorScale", iconSet: "IconSet", topBottom: "TopBottom", preset: "PresetCriteria" };
const CF_FORMAT = { type: "ConditionalRangeFormat", props: ["numberFormat"], children: { fill: { type: "ConditionalRangeFill", props: ["color"] }, font: { type: "ConditionalRangeFont", props: ["bold", "italic", "color", "strikethrough", "underline"] } } } as const;

export class FakeConditionalFormatCollection extends FakeClientObject<AreasEntity> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => AreasEntity) {
    super(context, parent, false, resolver, "ConditionalFormatCollection");
    this._seal();
  }

  add(type: string): FakeConditionalFormat {
    return this._create("add", [type], () =>
      new FakeConditionalFormat(this.context, this, (p) => {
        const e = p as AreasEntity;
        assertOneOf(type, CF_TYPES, "ConditionalFormatCollection.add type");
        assertCellsEditable(e.sheet);
        const cf: ConditionalFormatState = { id: this._state().newId(), rects: e.rects, type: CF_TYPES.find((t) => t.toLowerCase() === type.toLowerCase())!, props: {} };
        e.sheet.conditionalFormats.push(cf);
        this._hooks().record("conditionalFormat", e.sheet, e.rects, { type: cf.type });
        return cf;
      }),
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._command("getCount", { method: "getCount" }, (e) => result._set(e.sheet.conditionalFormats.filter((c) => c.rects.some((r) => e.rects.some((x) => rectsOverlap(r, x)))).length));
    return result;
  }

  clearAll(): void {
    this._command("clearAll", { method: "clearAll" }, (e) => {
      assertCellsEditable(e.sheet);
      for (let i = e.sheet.conditionalFormats.length - 1; i >= 0; i--) {
        if (e.sheet.conditionalFormats[i]!.rects.some((r) => e.rects.some((x) => rectsOverlap(r, x)))) e.sheet.conditionalFormats.splice(i, 1);
      }
    });
  }
}

export class FakeConditionalFormat extends FakeClientObject<ConditionalFormatState> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => ConditionalFormatState) {
    super(context, parent, false, resolver, "ConditionalFormat", ["type", "priority", "stopIfTrue", "id"]);
    this._seal();
  }

  protected override _read(cf: ConditionalFormatState, prop: string): unknown {
    if (prop === "type") return cf.type;
    if (prop === "id") return String(cf.id);
    if (prop === "priority") return cf.props["priority"] ?? 0;
    if (prop === "stopIfTrue") return cf.props["stopIfTrue"] ?? false;
    return super._read(cf, prop);
  }

  get type(): string {
    return this._get("type");
  }

  get stopIfTrue(): boolean {
    return this._get("stopIfTrue");
  }
  set stopIfTrue(value: boolean) {
    this._set("stopIfTrue", value, (cf) => (cf.props["stopIfTrue"] = value));
  }

  get priority(): number {
    return this._get("priority");
  }
  set priority(value: number) {
    this._set("priority", value, (cf) => (cf.props["priority"] = value));
  }

  private part(name: keyof typeof CF_PART_OF_TYPE, props: readonly string[], children: Parameters<typeof recordBag>[5]): FakeBag<RecordTarget> {
    return this._nav(name, () =>
      recordBag(this.context, this, `ConditionalFormat.${name}`, (p) => {
        const cf = p as ConditionalFormatState;
        if (cf.type !== CF_PART_OF_TYPE[name]) throw officeError(FakeErrorCodes.invalidOperation, `A ${cf.type} conditional format has no '${name}' part.`);
        return {
          record: cf.props,
          prefix: `${name}/`,
          check: (path, value) => {
            if (path.endsWith("/color") || path.endsWith("Color")) assertColour(value, path);
            if (path === "cellValue/rule") {
              const rule = value as { formula1?: unknown; operator?: unknown };
              if (typeof rule?.formula1 !== "string") throw officeError(FakeErrorCodes.invalidArgument, "cellValue.rule needs formula1.");
              assertOneOf(rule.operator, ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"], "cellValue.rule.operator");
            }
            if (path === "dataBar/lowerBoundRule" || path === "dataBar/upperBoundRule") {
              const rule = value as { type?: unknown; formula?: unknown };
              assertOneOf(rule?.type, ["Automatic", "LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"], `${path}.type`);
            }
            if (path === "custom/rule/formula" && (typeof value !== "string" || !value.startsWith("="))) {
              throw officeError(FakeErrorCodes.invalidArgument, "custom.rule.formula must be a formula starting with '='.");
            }
          },
          onWrite: (path, value) => {
            const sheet = this._state().sheets.find((s) => s.conditionalFormats.includes(cf));
            this._hooks().record("conditionalFormat", sheet ?? null, cf.rects, { [path]: value });
          },
        };
      }, props, children),
    );
  }

  get custom(): FakeBag<RecordTarget> {
    return this.part("custom", [], { rule: { type: "ConditionalFormatRule", props: ["formula", "formulaLocal"] }, format: CF_FORMAT });
  }

  get cellValue(): FakeBag<RecordTarget> {
    return this.part("cellValue", ["rule"], { format: CF_FORMAT });
  }

  get textComparison(): FakeBag<RecordTarget> {
    return this.part("textComparison", ["rule"], { format: CF_FORMAT });
  }

  get dataBar(): FakeBag<RecordTarget> {
    return this.part("dataBar", ["barDirection", "showDataBarOnly", "axisFormat", "axisColor", "lowerBoundRule", "upperBoundRule"], {
      positiveFormat: { type: "ConditionalDataBarPositiveFormat", props: ["fillColor", "borderColor", "gradientFill"] },
      negativeFormat: { type: "ConditionalDataBarNegativeFormat", props: ["fillColor", "borderColor", "matchPositiveFillColor", "matchPositiveBorderColor"] },
    });
  }
}

// ------------------------------------------------------------------------------------------
// Frozen panes

export class FakeFreezePanes extends FakeClientObject<SheetState> {
  constructor(context: FakeRequestContext, parent: FakeWorksheet) {
    super(context, parent, false, (p) => p as SheetState, "WorksheetFreezePanes");
    this._seal();
  }

  private freeze(name: string, arg: unknown, f: (sheet: SheetState) => { rows: number; cols: number }): void {
    this._command(name, { method: name, args: [arg] }, (sheet) => {
      const frozen = f(sheet);
      if (!Number.isInteger(frozen.rows) || !Number.isInteger(frozen.cols) || frozen.rows < 0 || frozen.cols < 0) throw officeError(FakeErrorCodes.invalidArgument, `${name}: bad count.`);
      sheet.freeze = frozen.rows === 0 && frozen.cols === 0 ? null : frozen;
      this._hooks().record("freeze", sheet, null, sheet.freeze);
    });
  }

  freezeRows(count = 1): void {
    this.freeze("freezeRows", count, () => ({ rows: count, cols: 0 }));
  }

  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", count, () => ({ rows: 0, cols: count }));
  }

  freezeAt(frozenRange: FakeRange | string): void {
    this.freeze("freezeAt", frozenRange, () => {
      const rect = typeof frozenRange === "string" ? parseAddress(frozenRange)?.rect : frozenRange._entityAtSync().rect;
      if (!rect) throw officeError(FakeErrorCodes.invalidArgument, `freezeAt: "${String(frozenRange)}" is not an address.`);
      if (rect.top !== 0 || rect.left !== 0) throw officeError(FakeErrorCodes.invalidArgument, "freezeAt: the range must start at A1.");
      return { rows: rect.bottom + 1, cols: rect.right + 1 };
    });
  }

  unfreeze(): void {
    this.freeze("unfreeze", null, () => ({ rows: 0, cols: 0 }));
  }
}

// ------------------------------------------------------------------------------------------
// Charts

const CHART_TYPES = ["ColumnClustered", "ColumnStacked", "BarClustered", "BarStacked", "Line", "LineMarkers", "Pie", "Doughnut", "Area", "XYScatter"];

export class FakeChartCollection extends FakeClientObject<SheetState> {
  constructor(context: FakeRequestContext, parent: FakeWorksheet) {
    super(context, parent, false, (p) => p as SheetState, "ChartCollection");
    this._seal();
  }

  get items(): FakeChart[] {
    return this._get("items");
  }

  override load(arg?: LoadArg): this {
    loadItems(this, arg, () => [...((this._entity as SheetState | null)?.charts ?? [])], () => new FakeChart(this.context, this, () => null as never), this._loaded, () => this._hooks());
    return this;
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    return this._create("add", [type, sourceData, seriesBy ?? "Auto"], () =>
      new FakeChart(this.context, this, (p) => {
        const sheet = p as SheetState;
        assertOneOf(type, CHART_TYPES, "chart type");
        if (seriesBy !== undefined) assertOneOf(seriesBy, ["Auto", "Columns", "Rows"], "seriesBy");
        assertCellsEditable(sheet);
        const source = sourceData._entityAtSync();
        const chart: ChartState = { id: this._state().newId(), type, source: { sheetId: source.sheet.id, rect: source.rect }, seriesBy: seriesBy ?? "Auto", props: { name: `Chart ${sheet.charts.length + 1}` }, xAxisValues: null, moreSeries: [], position: null };
        sheet.charts.push(chart);
        this._hooks().record("chart", sheet, [source.rect], { type, seriesBy: chart.seriesBy });
        return chart;
      }),
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._command("getCount", { method: "getCount" }, (sheet) => result._set(sheet.charts.length));
    return result;
  }
}

export class FakeChart extends FakeBag<RecordTarget> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => ChartState) {
    const target = (p: unknown): RecordTarget => {
      const chart = resolver(p);
      return { record: chart.props, prefix: "", onWrite: (path, value) => context._hooks.record("chart-prop", null, null, { chart: chart.id, [path]: value }) };
    };
    const chartOf = (t: RecordTarget): ChartState => {
      for (const s of context._hooks.state.sheets) for (const c of s.charts) if (c.props === t.record) return c;
      throw officeError(FakeErrorCodes.itemNotFound, "The chart no longer exists.");
    };
    super(context, parent, "Chart", target, {
      props: ["name", "top", "left", "width", "height"],
      read: (t, prop) => t.record[prop] ?? null,
      write: (t, prop, value) => {
        t.record[prop] = value;
        t.onWrite?.(prop, value);
      },
      children: {
        title: (self) => recordBag(context, self, "ChartTitle", (p) => ({ ...(p as RecordTarget), prefix: "title/" }), ["text", "visible", "overlay"]),
        legend: (self) => recordBag(context, self, "ChartLegend", (p) => ({ ...(p as RecordTarget), prefix: "legend/" }), ["visible", "position", "overlay"]),
        axes: (self) =>
          recordBag(context, self, "ChartAxes", (p) => ({ ...(p as RecordTarget), prefix: "axes/" }), [], {
            valueAxis: { type: "ChartAxis", props: ["minimum", "maximum", "majorUnit", "numberFormat", "visible"] },
            categoryAxis: { type: "ChartAxis", props: ["visible", "numberFormat"] },
          }),
        series: (self) => {
          // A series by index, resolved at sync: 0 is the one charts.add made over its source; later
          // ones were added by series.add (their values and categories kept on the chart's state).
          const seriesAt = (coll: FakeBag<RecordTarget>, indexOf: () => number): FakeBag<RecordTarget> =>
            new FakeBag<RecordTarget>(context, coll, "ChartSeries", (p) => {
              const t = p as RecordTarget;
              const index = indexOf();
              if (!Number.isInteger(index) || index < 0 || index > chartOf(t).moreSeries.length) throw officeError(FakeErrorCodes.itemNotFound, `The chart has no series ${String(index)}.`);
              return { ...t, prefix: `series${index}/` };
            }, {
              props: ["name", "gapWidth", "hasDataLabels"],
              read: (t, prop) => t.record[`${t.prefix}${prop}`] ?? null,
              write: (t, prop, value) => (t.record[`${t.prefix}${prop}`] = value),
              children: {
                dataLabels: (series) =>
                  recordBag(context, series, "ChartDataLabels", (p) => ({ ...(p as RecordTarget), prefix: `${(p as RecordTarget).prefix}dataLabels/` }), ["numberFormat", "position", "showValue"]),
                format: (series) =>
                  recordBag(context, series, "ChartSeriesFormat", (p) => ({ ...(p as RecordTarget), prefix: `${(p as RecordTarget).prefix}format/` }), [], {}, undefined, {
                    fill: (format) =>
                      recordBag(context, format, "ChartFill", (p) => ({ ...(p as RecordTarget), prefix: `${(p as RecordTarget).prefix}fill/` }), [], {}, {
                        setSolidColor: (fill, colour) =>
                          fill._queueCommand("setSolidColor", { method: "setSolidColor", args: [colour] }, (t) => {
                            t.record[`${t.prefix}solidColor`] = colour;
                          }),
                      }),
                  }),
              },
              methods: {
                setXAxisValues: (series, range) =>
                  series._queueCommand("setXAxisValues", { method: "setXAxisValues", args: [range] }, (t) => {
                    const e = (range as FakeRange)._entityAtSync();
                    const ref = { sheetId: e.sheet.id, rect: e.rect };
                    const index = indexOf();
                    if (index === 0) chartOf(t).xAxisValues = ref;
                    else chartOf(t).moreSeries[index - 1]!.xAxisValues = ref;
                  }),
                setValues: (series, range) =>
                  series._queueCommand("setValues", { method: "setValues", args: [range] }, (t) => {
                    const e = (range as FakeRange)._entityAtSync();
                    const ref = { sheetId: e.sheet.id, rect: e.rect };
                    const index = indexOf();
                    if (index === 0) (chartOf(t) as { source: unknown }).source = ref;
                    else chartOf(t).moreSeries[index - 1]!.values = ref;
                  }),
              },
            });
          return new FakeBag<RecordTarget>(context, self, "ChartSeriesCollection", (p) => p as RecordTarget, {
            props: [],
            read: () => null,
            methods: {
              getItemAt: (coll, index) => seriesAt(coll, () => index as number),
              // ExcelApi 1.7: a new series at the end, with no values until setValues.
              add: (coll, name) => {
                let index = -1;
                coll._queueCommand("add", { method: "add", args: [name] }, (t) => {
                  const chart = chartOf(t);
                  chart.moreSeries.push({ values: null, xAxisValues: null });
                  index = chart.moreSeries.length;
                  t.record[`series${index}/name`] = name ?? null;
                });
                return seriesAt(coll, () => index);
              },
            },
          });
        },
      },
      methods: {
        setPosition: (self, start, end) =>
          self._queueCommand("setPosition", { method: "setPosition", args: [start, end] }, (t) => {
            const s = typeof start === "string" ? start : (start as FakeRange)._addressAtSync();
            const e = end === undefined ? s : typeof end === "string" ? end : (end as FakeRange)._addressAtSync();
            if (!parseAddress(s) || !parseAddress(e)) throw officeError(FakeErrorCodes.invalidArgument, "setPosition needs cell addresses.");
            chartOf(t).position = { start: s, end: e };
          }),
        delete: (self) =>
          self._queueCommand("delete", { method: "delete" }, (t) => {
            const chart = chartOf(t);
            for (const s of context._hooks.state.sheets) {
              const i = s.charts.indexOf(chart);
              if (i >= 0) s.charts.splice(i, 1);
            }
          }),
      },
    });
  }
}

// ------------------------------------------------------------------------------------------
// Tables

export class FakeTableCollection extends FakeClientObject<{ readonly sheet: SheetState | null }> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, scope: "sheet" | null) {
    super(context, parent, false, (p) => ({ sheet: scope === "sheet" ? (p as SheetState) : null }), "TableCollection");
    this._seal();
  }

  private list(scope: { readonly sheet: SheetState | null }): TableState[] {
    const state = this._state();
    return scope.sheet ? state.tablesOn(scope.sheet) : [...state.tables];
  }

  get items(): FakeTable[] {
    return this._get("items");
  }

  override load(arg?: LoadArg): this {
    loadItems(this, arg, () => this.list(this._entity ?? { sheet: null }), () => new FakeTable(this.context, this, false, () => null as never), this._loaded, () => this._hooks());
    return this;
  }

  private find(scope: { readonly sheet: SheetState | null }, key: string): TableState {
    const table = this.list(scope).find((t) => t.name.toLowerCase() === key.toLowerCase() || String(t.id) === key);
    if (!table) throw officeError(FakeErrorCodes.itemNotFound, `The requested table "${key}" doesn't exist.`, "TableCollection.getItem");
    return table;
  }

  getItem(key: string): FakeTable {
    return this._create("getItem", [key], () => new FakeTable(this.context, this, false, (p) => this.find(p as { sheet: SheetState | null }, key)));
  }

  getItemOrNullObject(key: string): FakeTable {
    return this._create("getItemOrNullObject", [key], () => new FakeTable(this.context, this, true, (p) => this.find(p as { sheet: SheetState | null }, key)));
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._command("getCount", { method: "getCount" }, (scope) => result._set(this.list(scope).length));
    return result;
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    return this._create("add", [address, hasHeaders], () =>
      new FakeTable(this.context, this, false, (p) => {
        const scope = p as { sheet: SheetState | null };
        const state = this._state();
        let sheet: SheetState | undefined;
        let rect: Rect | undefined;
        if (typeof address === "string") {
          const parsed = parseAddress(address);
          if (!parsed) throw officeError(FakeErrorCodes.invalidArgument, `"${address}" is not a range address.`, "TableCollection.add");
          sheet = parsed.sheet !== null ? state.findSheet(parsed.sheet) : (scope.sheet ?? (state.activeSheetId === null ? undefined : state.sheetById(state.activeSheetId)));
          rect = parsed.rect;
        } else {
          const e = address._entityAtSync();
          sheet = e.sheet;
          rect = e.rect;
        }
        if (!sheet) throw officeError(FakeErrorCodes.itemNotFound, `The sheet for table range "${String(address)}" doesn't exist.`);
        if (scope.sheet && sheet !== scope.sheet) throw officeError(FakeErrorCodes.invalidArgument, "The table range is on another sheet.");
        assertCellsEditable(sheet);
        if (state.tableAt(sheet, rect)) throw officeError(FakeErrorCodes.invalidOperation, "A table can't overlap another table.");
        if (sheet.merges.some((m) => rectsOverlap(m, rect!))) throw officeError("MergedRangeConflict", "A table can't overlap merged cells.");
        if (typeof hasHeaders !== "boolean") throw officeError(FakeErrorCodes.invalidArgument, "hasHeaders must be a boolean.");
        if (!hasHeaders) {
          // A table always has a header row: Excel inserts one above the data and shifts the data
          // (and the cells below it, in the table's columns) down by one row (the type definitions;
          // office-js#196, "by design").
          insertRowInColumns(sheet, rect.top, rect.left, rect.right);
          rect = { ...rect, bottom: rect.bottom + 1 };
          for (let c = rect.left; c <= rect.right; c++) ensureCell(sheet, rect.top, c).value = null;
        } else if (rect.top === rect.bottom) {
          // A header row alone gets one empty body row, as a table always has one.
          rect = { ...rect, bottom: rect.bottom + 1 };
        }
        // Header cells: blank ones become Column1…, repeated ones get a number, as Excel does.
        const seen = new Set<string>();
        for (let c = rect.left; c <= rect.right; c++) {
          const cell = ensureCell(sheet, rect.top, c);
          let name = cell.value === null || cell.value === "" ? `Column${c - rect.left + 1}` : String(typeof cell.value === "object" ? cell.value.error : cell.value);
          const base = name;
          for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
          seen.add(name.toLowerCase());
          cell.value = name;
          cell.formula = null;
        }
        let n = state.tables.length + 1;
        while (state.findTable(`Table${n}`)) n++;
        const table: TableState = { id: state.newId(), name: `Table${n}`, sheetId: sheet.id, rect, showHeaders: true, showTotals: false, style: "TableStyleMedium2" };
        state.tables.push(table);
        this._hooks().record("table", sheet, [rect], { name: table.name, hasHeaders });
        return table;
      }),
    );
  }
}

/** Moves every cell at or below `row` in columns left..right down one row ("insert, shift cells down"). */
function insertRowInColumns(sheet: SheetState, row: number, left: number, right: number): void {
  const moved: [number, number, CellState][] = [];
  for (const [key, cell] of sheet.cells) {
    const r = Math.floor(key / MAX_COLS);
    const c = key % MAX_COLS;
    if (r >= row && c >= left && c <= right) moved.push([r, c, cell]);
  }
  if (moved.some(([r, , cell]) => r === MAX_ROWS - 1 && hasContent(cell))) throw officeError(FakeErrorCodes.invalidOperation, "Cells cannot be shifted off the sheet.");
  for (const [r, c] of moved) sheet.cells.delete(cellKey(r, c));
  for (const [r, c, cell] of moved) if (r < MAX_ROWS - 1) sheet.cells.set(cellKey(r + 1, c), cell);
}

export class FakeTable extends FakeClientObject<TableState> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, nullable: boolean, resolver: (parent: unknown) => TableState) {
    super(context, parent, nullable, resolver, "Table", ["name", "id", "showHeaders", "showTotals", "style", "showBandedRows"]);
    this._seal();
  }

  protected override _assertAlive(table: TableState): void {
    if (!this._state().tables.includes(table)) throw officeError(FakeErrorCodes.itemNotFound, `The table "${table.name}" no longer exists.`);
  }

  protected override _read(t: TableState, prop: string): unknown {
    switch (prop) {
      case "name":
        return t.name;
      case "id":
        return String(t.id);
      case "showHeaders":
        return t.showHeaders;
      case "showTotals":
        return t.showTotals;
      case "style":
        return t.style;
      case "showBandedRows":
        return true;
    }
    return super._read(t, prop);
  }

  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._set("name", value, (t) => {
      if (typeof value !== "string" || !/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(value) || /^[A-Za-z]{1,3}\d+$/.test(value) || /^[RrCc]$/.test(value)) {
        throw officeError(FakeErrorCodes.invalidArgument, `"${String(value)}" is not a valid table name.`);
      }
      const other = this._state().findTable(value);
      if (other && other !== t) throw officeError(FakeErrorCodes.itemAlreadyExists, `A table named "${value}" already exists.`);
      const sheet = this._state().requireSheet(t.sheetId);
      assertCellsEditable(sheet);
      this._hooks().record("table", sheet, [t.rect], { rename: { from: t.name, to: value } });
      t.name = value;
    });
  }

  get id(): string {
    return this._get("id");
  }

  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  set showHeaders(value: boolean) {
    this._set("showHeaders", value, (t) => {
      if (value === t.showHeaders) return;
      t.rect = { ...t.rect, top: t.rect.top + (value ? -1 : 1) };
      t.showHeaders = value;
    });
  }

  get showTotals(): boolean {
    return this._get("showTotals");
  }
  set showTotals(value: boolean) {
    this._set("showTotals", value, (t) => {
      if (value === t.showTotals) return;
      t.rect = { ...t.rect, bottom: t.rect.bottom + (value ? 1 : -1) };
      t.showTotals = value;
    });
  }

  get style(): string {
    return this._get("style");
  }
  set style(value: string) {
    this._set("style", value, (t) => (t.style = value));
  }

  get showBandedRows(): boolean {
    return this._get("showBandedRows");
  }

  get worksheet(): FakeWorksheet {
    return this._nav("worksheet", () => new FakeWorksheet(this.context, this, false, (p) => this._state().requireSheet((p as TableState).sheetId)));
  }

  get columns(): FakeTableColumnCollection {
    return this._nav("columns", () => new FakeTableColumnCollection(this.context, this));
  }

  private part(name: string, f: (t: TableState) => Rect): FakeRange {
    return this._create(name, [], () =>
      new FakeRange(this.context, this, false, (p) => {
        const t = p as TableState;
        return { sheet: this._state().requireSheet(t.sheetId), rect: f(t) };
      }),
    );
  }

  getRange(): FakeRange {
    return this.part("getRange", (t) => t.rect);
  }

  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (t) => {
      if (!t.showHeaders) throw officeError(FakeErrorCodes.invalidOperation, "The table's header row is hidden.");
      return { ...t.rect, bottom: t.rect.top };
    });
  }

  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (t) => ({ ...t.rect, top: t.rect.top + (t.showHeaders ? 1 : 0), bottom: t.rect.bottom - (t.showTotals ? 1 : 0) }));
  }

  getTotalRowRange(): FakeRange {
    return this.part("getTotalRowRange", (t) => {
      if (!t.showTotals) throw officeError(FakeErrorCodes.invalidOperation, "The table has no totals row.");
      return { ...t.rect, top: t.rect.bottom };
    });
  }

  delete(): void {
    this._command("delete", { method: "delete" }, (t) => {
      const state = this._state();
      state.tables.splice(state.tables.indexOf(t), 1);
    });
  }
}

interface ColumnEntity {
  readonly table: TableState;
  readonly index: number;
}

export class FakeTableColumnCollection extends FakeClientObject<TableState> {
  constructor(context: FakeRequestContext, parent: FakeTable) {
    super(context, parent, false, (p) => p as TableState, "TableColumnCollection");
    this._seal();
  }

  get items(): FakeTableColumn[] {
    return this._get("items");
  }

  override load(arg?: LoadArg): this {
    loadItems(
      this,
      arg,
      () => {
        const t = this._entity as TableState;
        return Array.from({ length: rectCols(t.rect) }, (_, index) => ({ table: t, index }));
      },
      () => new FakeTableColumn(this.context, this, () => null as never),
      this._loaded,
      () => this._hooks(),
    );
    return this;
  }

  getItemAt(index: number): FakeTableColumn {
    return this._create("getItemAt", [index], () =>
      new FakeTableColumn(this.context, this, (p) => {
        const t = p as TableState;
        if (!Number.isInteger(index) || index < 0 || index >= rectCols(t.rect)) throw officeError(FakeErrorCodes.itemNotFound, `The table has no column ${index}.`);
        return { table: t, index };
      }),
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._command("getCount", { method: "getCount" }, (t) => result._set(rectCols(t.rect)));
    return result;
  }
}

export class FakeTableColumn extends FakeClientObject<ColumnEntity> {
  constructor(context: FakeRequestContext, parent: FakeClientObject, resolver: (parent: unknown) => ColumnEntity) {
    super(context, parent, false, resolver, "TableColumn", ["name", "index", "id"]);
    this._seal();
  }

  protected override _read(e: ColumnEntity, prop: string): unknown {
    if (prop === "index") return e.index;
    if (prop === "id") return String(e.index + 1);
    if (prop === "name") {
      const sheet = this._state().requireSheet(e.table.sheetId);
      if (!e.table.showHeaders) return `Column${e.index + 1}`;
      return String(cellValueOut(getCell(sheet, e.table.rect.top, e.table.rect.left + e.index)));
    }
    return super._read(e, prop);
  }

  get name(): string {
    return this._get("name");
  }
  get index(): number {
    return this._get("index");
  }

  private part(name: string, f: (t: TableState, col: number) => Rect): FakeRange {
    return this._create(name, [], () =>
      new FakeRange(this.context, this, false, (p) => {
        const e = p as ColumnEntity;
        return { sheet: this._state().requireSheet(e.table.sheetId), rect: f(e.table, e.table.rect.left + e.index) };
      }),
    );
  }

  getRange(): FakeRange {
    return this.part("getRange", (t, c) => ({ top: t.rect.top, bottom: t.rect.bottom, left: c, right: c }));
  }

  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (t, c) => ({ top: t.rect.top + (t.showHeaders ? 1 : 0), bottom: t.rect.bottom - (t.showTotals ? 1 : 0), left: c, right: c }));
  }

  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (t, c) => ({ top: t.rect.top, bottom: t.rect.top, left: c, right: c }));
  }
}
