/**
 * The double's in-memory workbook: sheets of sparse cells (value, formula, number format),
 * format layers, merges, column widths, frozen panes, data validations, conditional formats,
 * page layout, charts; tables; the active sheet and the selection. The proxies in `proxies.ts`
 * read and change it only while a `context.sync()` runs.
 */
import { FakeErrorCodes, officeError } from "./errors";
import { MAX_COLS, rectContains, rectsOverlap, type Rect } from "./address";

export type Scalar = string | number | boolean;

export interface CellError {
  readonly error: string;
}

export interface CellState {
  /** Constant value, or a formula's cached result; null when empty. */
  value: Scalar | CellError | null;
  /** With the leading "="; null for a constant. */
  formula: string | null;
  numberFormat: string;
}

/** One format write over a rectangle; later layers win. */
export interface FormatLayer {
  readonly rect: Rect;
  /** A path such as "fill/color", "font/bold", "wrapText", "borders/EdgeBottom/style". */
  readonly key: string;
  readonly value: unknown;
}

export interface ValidationState {
  readonly rects: readonly Rect[];
  rule: unknown;
  errorAlert: unknown;
  prompt: unknown;
}

export interface ConditionalFormatState {
  readonly id: number;
  readonly rects: readonly Rect[];
  readonly type: string;
  /** Everything set on it, by path ("custom/rule/formula", "dataBar/lowerBoundRule"…). */
  readonly props: Record<string, unknown>;
}

export interface RangeRef {
  readonly sheetId: number;
  readonly rect: Rect;
}

export interface ChartState {
  readonly id: number;
  readonly type: string;
  readonly source: RangeRef;
  readonly seriesBy: string;
  /** Everything set on it, by path ("title/text", "axes/valueAxis/maximum", "name"…). */
  readonly props: Record<string, unknown>;
  xAxisValues: RangeRef | null;
  /** Series added after the first (series.add), with what setValues and setXAxisValues gave them. */
  readonly moreSeries: { values: RangeRef | null; xAxisValues: RangeRef | null }[];
  position: { readonly start: string; readonly end: string } | null;
}

export interface SheetState {
  readonly id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  readonly cells: Map<number, CellState>;
  readonly formatLayers: FormatLayer[];
  merges: Rect[];
  readonly columnWidths: Map<number, number>;
  /** Outline level of grouped columns (1–8), by column; a column not in it is at level 0. */
  readonly columnOutline: Map<number, number>;
  /** Columns hidden (by `columnHidden` or a folded group). */
  readonly hiddenColumns: Set<number>;
  readonly rowHeights: Map<number, number>;
  freeze: { rows: number; cols: number } | null;
  readonly validations: ValidationState[];
  readonly conditionalFormats: ConditionalFormatState[];
  /** Everything set on `pageLayout`, by path ("orientation", "zoom", "headersFooters/defaultForAllPages/centerFooter"…). */
  readonly pageLayout: Record<string, unknown>;
  readonly charts: ChartState[];
}

export interface TableState {
  readonly id: number;
  name: string;
  sheetId: number;
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
}

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

/** Excel's rules for a sheet name. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || name.trim() === "") return "A sheet name cannot be blank.";
  if (name.length > 31) return "A sheet name cannot be longer than 31 characters.";
  if (INVALID_SHEET_CHARS.test(name)) return "A sheet name cannot contain \\ / ? * [ ] :";
  if (name.startsWith("'") || name.endsWith("'")) return "A sheet name cannot begin or end with an apostrophe.";
  if (name.toLowerCase() === "history") return "History is a reserved sheet name.";
  return null;
}

const fold = (s: string): string => s.toLowerCase();

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  activeSheetId: number | null = null;
  selection: RangeRef | null = null;
  /** Workbook structure protection: no sheet may be added, deleted, renamed or moved. */
  structureProtected = false;
  private nextId = 1;

  newId(): number {
    return this.nextId++;
  }

  findSheet(name: string): SheetState | undefined {
    const key = fold(name);
    return this.sheets.find((s) => fold(s.name) === key);
  }

  sheetById(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  requireSheet(id: number): SheetState {
    const sheet = this.sheetById(id);
    if (!sheet) throw officeError(FakeErrorCodes.itemNotFound, "The requested worksheet no longer exists.");
    return sheet;
  }

  findTable(name: string): TableState | undefined {
    const key = fold(name);
    return this.tables.find((t) => fold(t.name) === key);
  }

  assertStructureEditable(): void {
    if (this.structureProtected) throw officeError(FakeErrorCodes.accessDenied, "The workbook's structure is protected: sheets cannot be added, deleted, renamed or moved.");
  }

  /** Adds a sheet at the end. */
  addSheet(name: string | undefined): SheetState {
    this.assertStructureEditable();
    let actual = name;
    if (actual === undefined) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      actual = `Sheet${n}`;
    }
    const problem = sheetNameProblem(actual);
    if (problem) throw officeError(FakeErrorCodes.invalidArgument, problem);
    if (this.findSheet(actual)) throw officeError(FakeErrorCodes.itemAlreadyExists, `A sheet named "${actual}" already exists.`);
    const sheet: SheetState = {
      id: this.newId(),
      name: actual,
      visibility: "Visible",
      protected: false,
      cells: new Map(),
      formatLayers: [],
      merges: [],
      columnWidths: new Map(),
      columnOutline: new Map(),
      hiddenColumns: new Set(),
      rowHeights: new Map(),
      freeze: null,
      validations: [],
      conditionalFormats: [],
      pageLayout: {},
      charts: [],
    };
    this.sheets.push(sheet);
    if (this.activeSheetId === null) this.activeSheetId = sheet.id;
    return sheet;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    this.assertStructureEditable();
    const problem = sheetNameProblem(name);
    if (problem) throw officeError(FakeErrorCodes.invalidArgument, problem);
    const other = this.findSheet(name as string);
    if (other && other !== sheet) throw officeError(FakeErrorCodes.itemAlreadyExists, `A sheet named "${String(name)}" already exists.`);
    // As Excel does, formulas that refer to the sheet follow it to its new name.
    this.replaceSheetReferences(sheet.name, `${quoteForFormula(name as string)}!`);
    sheet.name = name as string;
  }

  deleteSheet(sheet: SheetState): void {
    this.assertStructureEditable();
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) throw officeError(FakeErrorCodes.invalidOperation, "A workbook must contain at least one visible worksheet.");
    const index = this.sheets.indexOf(sheet);
    if (index < 0) throw officeError(FakeErrorCodes.itemNotFound, "The requested worksheet no longer exists.");
    this.sheets.splice(index, 1);
    // As Excel does, formulas that referred to the sheet now refer to nothing.
    this.replaceSheetReferences(sheet.name, "#REF!");
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheetId === sheet.id) this.tables.splice(i, 1);
    if (this.selection?.sheetId === sheet.id) this.selection = null;
    if (this.activeSheetId === sheet.id) {
      const next = this.sheets.slice(Math.max(0, index - 1)).find((s) => s.visibility === "Visible") ?? this.sheets.find((s) => s.visibility === "Visible");
      this.activeSheetId = next ? next.id : null;
    }
  }

  /** Every formula's reference to the sheet named `name` (as `Name!` or `'Name'!`) made `to`. */
  private replaceSheetReferences(name: string, to: string): void {
    const from = `${quoteForFormula(name)}!`;
    if (from === to) return;
    // Not part of a longer name: "Moderation!" is not in "'QA Moderation'!" or "OldModeration!".
    const pattern = new RegExp(`(?<![\\w.'])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g");
    for (const s of this.sheets) for (const cell of s.cells.values()) if (cell.formula?.includes(from)) cell.formula = cell.formula.replace(pattern, to);
  }

  moveSheet(sheet: SheetState, position: number): void {
    this.assertStructureEditable();
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) throw officeError(FakeErrorCodes.invalidArgument, `Position ${position} is outside the workbook's sheets.`);
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    this.sheets.splice(position, 0, sheet);
  }

  tablesOn(sheet: SheetState): TableState[] {
    return this.tables.filter((t) => t.sheetId === sheet.id);
  }

  tableAt(sheet: SheetState, rect: Rect): TableState | undefined {
    return this.tablesOn(sheet).find((t) => rectsOverlap(t.rect, rect));
  }
}

export function assertCellsEditable(sheet: SheetState): void {
  if (sheet.protected) {
    throw officeError(
      FakeErrorCodes.accessDenied,
      "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
    );
  }
}

export function getCell(sheet: SheetState, row: number, col: number): CellState | undefined {
  return sheet.cells.get(cellKey(row, col));
}

export function ensureCell(sheet: SheetState, row: number, col: number): CellState {
  const key = cellKey(row, col);
  let cell = sheet.cells.get(key);
  if (!cell) {
    cell = { value: null, formula: null, numberFormat: "General" };
    sheet.cells.set(key, cell);
  }
  return cell;
}

/** The format value a cell shows for a path, from the latest layer covering it. */
export function cellFormat(sheet: SheetState, row: number, col: number, key: string): unknown {
  for (let i = sheet.formatLayers.length - 1; i >= 0; i--) {
    const layer = sheet.formatLayers[i]!;
    if (layer.key === key && rectContains(layer.rect, row, col)) return layer.value;
  }
  return undefined;
}

/** A sheet's name as a formula writes it: quoted unless it is a plain name that reads as no cell. */
function quoteForFormula(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Whether a cell has a value or formula. */
export function hasContent(cell: CellState | undefined): boolean {
  return !!cell && (cell.formula !== null || (cell.value !== null && cell.value !== ""));
}

/** The smallest rectangle around every cell with content (valuesOnly) or any setting. */
export function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const take = (row: number, col: number): void => {
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  };
  for (const [key, cell] of sheet.cells) {
    if (hasContent(cell) || (!valuesOnly && cell.numberFormat !== "General")) take(Math.floor(key / MAX_COLS), key % MAX_COLS);
  }
  if (!valuesOnly) {
    for (const layer of sheet.formatLayers) {
      if (layer.rect.bottom - layer.rect.top > 100_000 || layer.rect.right - layer.rect.left > 1_000) continue;
      take(layer.rect.top, layer.rect.left);
      take(layer.rect.bottom, layer.rect.right);
    }
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

export { parseInput } from "./input";

/** What `Range.values` returns for a cell. */
export function cellValueOut(cell: CellState | undefined): Scalar {
  if (!cell || cell.value === null) return "";
  if (typeof cell.value === "object") return cell.value.error;
  return cell.value;
}

/** What `Range.formulas` returns for a cell. */
export function cellFormulaOut(cell: CellState | undefined): Scalar {
  if (cell?.formula) return cell.formula;
  return cellValueOut(cell);
}

/** What `Range.text` returns for a cell: a small subset of Excel's number formatting. */
export function cellTextOut(cell: CellState | undefined): string {
  const v = cellValueOut(cell);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = cell?.numberFormat ?? "General";
  const pct = /^0(\.(0+))?%$/.exec(fmt);
  if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
  const fixed = /^0(\.(0+))?$/.exec(fmt);
  if (fixed) return v.toFixed(fixed[2]?.length ?? 0);
  return String(v);
}

export function cellValueType(cell: CellState | undefined): string {
  if (!cell || cell.value === null || cell.value === "") return cell?.formula ? "String" : "Empty";
  if (typeof cell.value === "object") return "Error";
  if (typeof cell.value === "number") return "Double";
  if (typeof cell.value === "boolean") return "Boolean";
  return "String";
}

/** A rectangle with the columns from `at` on moved `count` to the right (a rectangle spanning `at` grows). */
function shiftRect(rect: Rect, at: number, count: number): Rect {
  if (rect.right < at) return rect;
  if (rect.left >= at) return { ...rect, left: rect.left + count, right: Math.min(MAX_COLS - 1, rect.right + count) };
  return { ...rect, right: Math.min(MAX_COLS - 1, rect.right + count) };
}

function shiftKeys<V>(map: Map<number, V>, at: number, count: number): void {
  const moved = [...map.entries()].filter(([c]) => c >= at).sort((a, b) => b[0] - a[0]);
  for (const [c] of moved) map.delete(c);
  for (const [c, v] of moved) if (c + count < MAX_COLS) map.set(c + count, v);
}

/**
 * Inserts `count` whole columns at column `at` (Range.insert("Right") on entire columns): every
 * cell, width, outline level, hidden column, merge, format layer, validation, conditional format
 * and table from there on moves right; a table spanning `at` grows by the new columns, which get
 * headers Column1, Column2…; the new columns take the widths, formats and validations of the
 * column to their left, as Excel's "Format Same As Left" does. Formulas are not rewritten.
 */
export function insertColumns(state: WorkbookState, sheet: SheetState, at: number, count: number): void {
  const lastUsed = Math.max(-1, ...[...sheet.cells.keys()].map((k) => k % MAX_COLS));
  if (lastUsed + count >= MAX_COLS) throw officeError(FakeErrorCodes.invalidOperation, "Cells would be pushed off the end of the worksheet.");
  const cells = [...sheet.cells.entries()].filter(([k]) => k % MAX_COLS >= at).sort((a, b) => b[0] - a[0]);
  for (const [k] of cells) sheet.cells.delete(k);
  for (const [k, cell] of cells) sheet.cells.set(k + count, cell);
  const left = at - 1;
  for (const map of [sheet.columnWidths, sheet.columnOutline] as Map<number, number>[]) shiftKeys(map, at, count);
  const hidden = new Map([...sheet.hiddenColumns].map((c) => [c, true] as const));
  shiftKeys(hidden, at, count);
  sheet.hiddenColumns.clear();
  for (const c of hidden.keys()) sheet.hiddenColumns.add(c);
  const width = sheet.columnWidths.get(left);
  for (let c = at; c < at + count; c++) if (width !== undefined) sheet.columnWidths.set(c, width);
  sheet.merges = sheet.merges.map((m) => shiftRect(m, at, count));
  const layers = sheet.formatLayers.map((l) => ({ ...l, rect: shiftRect(l.rect, at, count) }));
  // Format Same As Left: the layers on the column to the left reach into the new columns.
  for (const l of sheet.formatLayers) if (left >= 0 && l.rect.left <= left && l.rect.right === left) layers.push({ ...l, rect: { ...l.rect, left: at, right: at + count - 1 } });
  sheet.formatLayers.splice(0, sheet.formatLayers.length, ...layers);
  const validations = sheet.validations.map((v) => ({ ...v, rects: v.rects.map((r) => shiftRect(r, at, count)) }));
  for (const v of sheet.validations) {
    const edge = v.rects.filter((r) => left >= 0 && r.left <= left && r.right === left);
    if (edge.length > 0) validations.push({ ...v, rects: edge.map((r) => ({ ...r, left: at, right: at + count - 1 })) });
  }
  sheet.validations.splice(0, sheet.validations.length, ...validations);
  const cfs = sheet.conditionalFormats.map((f) => ({ ...f, rects: f.rects.map((r) => shiftRect(r, at, count)) }));
  sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...cfs);
  for (const t of state.tables) {
    if (t.sheetId !== sheet.id || t.rect.right < at) continue;
    const grows = t.rect.left < at;
    t.rect = shiftRect(t.rect, at, count);
    if (grows && t.showHeaders) {
      const names = new Set<string>();
      for (let c = t.rect.left; c <= t.rect.right; c++) names.add(String(sheet.cells.get(cellKey(t.rect.top, c))?.value ?? "").toLowerCase());
      let n = 1;
      for (let c = at; c < at + count; c++) {
        while (names.has(`column${n}`)) n++;
        names.add(`column${n}`);
        sheet.cells.set(cellKey(t.rect.top, c), { value: `Column${n}`, formula: null, numberFormat: "General" });
      }
    }
  }
}
