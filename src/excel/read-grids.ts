/**
 * Reads the sheets the engine needs (Cases, Criteria, Settings, Interviews, Second marking, and
 * the Moderation, Previous inspection and Action plan sheets built before, found by their A2
 * markers) from the open
 * workbook, each from the Excel table of that name when there is one, else from the sheet of that
 * name (from A1, as the .xlsx reader does).
 *
 * Two syncs, whatever the number of rows: the first asks what exists (tables by name through
 * `getItemOrNullObject`, and the sheet names), the second loads the values of exactly the ranges
 * chosen. One speculative sync is avoided on purpose: loading both the Cases table and the Cases
 * sheet's used range would send the case data twice, and a table's range cannot be asked for
 * without first knowing that the table exists.
 *
 * Two limits can stop the second sync, and then the read falls back to row bands (several small
 * bands to a sync, a band still too large halved), cut from the range's address, which is loaded
 * before its values:
 * - a read is limited to five million cells on every platform: Excel since version 2407 answers
 *   `values` null (office-js#4783), earlier versions fail with `RangeExceedsLimit` (a Cases sheet
 *   with one stray value far below or to the right of the data is enough);
 * - Excel on the web refuses a response over 5 MB (`ResponsePayloadSizeLimitExceeded`; older
 *   versions answered `GeneralException`, which counts as a size problem only for a read larger
 *   than one band).
 * Below those limits the count stays at two.
 */
import {
  ACTION_PLAN_MARKER,
  ACTION_PLAN_SHEET_NAME,
  MODERATION_MARKER,
  PREVIOUS_MARKER,
  PREVIOUS_SHEET_NAME,
  SHEET_NAMES,
  TABLE_NAMES,
  type CellValue,
  type Grid,
  type WorkbookGrids,
} from "../core";
import { errorCodeOf, fromOfficeValue, parseOfficeAddress, readsAsError } from "./office-values";
import { runnerOf, type AdapterOptions } from "./run";

/** Which engine input a grid is. */
export type GridRole = "cases" | "criteria" | "settings" | "interviews" | "secondMarking" | "moderation" | "previous" | "actionPlan";

/** Where a grid was read from. */
export interface GridSource {
  readonly role: GridRole;
  readonly kind: "table" | "sheet";
  /** The table's or the sheet's name, as the workbook spells it. */
  readonly name: string;
  readonly sheet: string;
  /** The range read, e.g. "Cases!A1:AD21"; null for a blank sheet. */
  readonly address: string | null;
}

export type ReadWorkbookResult =
  | {
      readonly kind: "ok";
      readonly grids: WorkbookGrids;
      /** One line for the pane: where the cases were read from. */
      readonly description: string;
      readonly sources: readonly GridSource[];
    }
  | {
      readonly kind: "not-inspection";
      /** One line for the pane: why this is not an inspection workbook and what to do. */
      readonly reason: string;
      readonly sheets: readonly string[];
    };

/** Options for {@link readWorkbookGrids}. */
export interface ReadWorkbookGridsOptions extends AdapterOptions {
  /** Cells per band when Excel refuses a response as too large (default 200,000). */
  readonly cellsPerBand?: number;
}

/** Each input: the table name it is looked for under, then the sheet name. */
const ROLES: readonly (readonly [GridRole, string, string])[] = [
  ["cases", SHEET_NAMES.cases, SHEET_NAMES.cases],
  ["criteria", SHEET_NAMES.criteria, SHEET_NAMES.criteria],
  ["settings", SHEET_NAMES.settings, SHEET_NAMES.settings],
  ["interviews", SHEET_NAMES.interviews, SHEET_NAMES.interviews],
  ["secondMarking", TABLE_NAMES.secondMarking, SHEET_NAMES.secondMarking],
];

interface Planned {
  readonly role: GridRole;
  readonly kind: "table" | "sheet";
  readonly name: string;
  readonly showHeaders: boolean;
  readonly showTotals: boolean;
}

interface RawBlock {
  readonly address: string | null;
  /** null while still to be read (in bands). */
  readonly values: readonly (readonly unknown[])[] | null;
  readonly columnNames: readonly string[] | null;
  /** `valueTypes` of the cells whose value reads like an error, by {@link cellKey}. */
  readonly types?: ReadonlyMap<number, string>;
}

/** A cell's key within a block (row and column relative to the block). */
const cellKey = (row: number, col: number): number => row * 16_384 + col;

const fold = (s: string): string => s.trim().toLowerCase();

/** The generated sheets a build reads back, by the marker their cell A2 starts with, and the name each is written under. */
const READ_BACK: readonly { readonly role: GridRole; readonly marker: string; readonly name: string }[] = [
  { role: "moderation", marker: MODERATION_MARKER, name: SHEET_NAMES.moderation },
  { role: "previous", marker: PREVIOUS_MARKER, name: PREVIOUS_SHEET_NAME },
  { role: "actionPlan", marker: ACTION_PLAN_MARKER, name: ACTION_PLAN_SHEET_NAME },
];

/**
 * Reads the engine's grids from the open workbook, with the cells' real positions (so an issue
 * at F7 names F7 even when the table starts at B3).
 * @example
 * const result = await readWorkbookGrids();
 * if (result.kind === "ok") analyseWorkbook(result.grids);
 */
export async function readWorkbookGrids(options: ReadWorkbookGridsOptions = {}): Promise<ReadWorkbookResult> {
  const cellsPerBand = options.cellsPerBand ?? 200_000;
  return runnerOf(options)(async (context) => {
    const workbook = context.workbook;
    const worksheets = workbook.worksheets;
    worksheets.load("items/name");
    const probes = ROLES.map(([role, name, sheetName]) => {
      const table = workbook.tables.getItemOrNullObject(name);
      table.load("name,showHeaders,showTotals");
      return { role, name: sheetName, table };
    });
    await context.sync();

    const sheetNames = worksheets.items.map((s) => s.name);
    const plan: Planned[] = [];
    for (const probe of probes) {
      if (!probe.table.isNullObject) {
        plan.push({ role: probe.role, kind: "table", name: probe.table.name, showHeaders: probe.table.showHeaders, showTotals: probe.table.showTotals });
        continue;
      }
      const sheet = sheetNames.find((n) => fold(n) === fold(probe.name));
      if (sheet !== undefined) plan.push({ role: probe.role, kind: "sheet", name: sheet, showHeaders: true, showTotals: false });
    }
    if (!plan.some((p) => p.role === "cases")) return notInspection(sheetNames);
    // The sheets this tool built and reads back (Moderation, Previous inspection, Action plan) hold
    // what people typed; each is known by its A2 marker, whatever it is called now. The sheet with
    // the usual name is read with the rest on the chance it is the one; every sheet's A2 is read
    // too, to find one that has been renamed.
    const named = READ_BACK.map((k) => sheetNames.find((n) => fold(n) === fold(k.name)));
    READ_BACK.forEach((k, i) => {
      const name = named[i];
      if (name !== undefined) plan.push({ role: k.role, kind: "sheet", name, showHeaders: true, showTotals: false });
    });

    const requests = plan.map((p) => request(context, p));
    let a2s = sheetNames.map((n) => worksheets.getItem(n).getRange("A2").load("values"));
    let blocks: RawBlock[];
    try {
      await context.sync();
      blocks = requests.map(({ range, columns }) => ({
        address: range.isNullObject ? null : range.address,
        // Over five million cells Excel may answer null instead of failing (office-js#4783).
        values: range.isNullObject ? [] : Array.isArray(range.values) ? range.values : null,
        columnNames: columns ? columns.items.map((c) => c.name) : null,
      }));
    } catch (e) {
      if (!isSizeError(e)) throw e;
      // The failed sync delivered nothing: the A2 markers are read again with the addresses.
      a2s = sheetNames.map((n) => worksheets.getItem(n).getRange("A2").load("values"));
      blocks = await loadAddresses(context, plan);
      // A GeneralException is older Excel on the web refusing a large response, or something else.
      if (errorCodeOf(e) === "GeneralException" && !blocks.some((b) => b.address !== null && cellsOf(b.address) > cellsPerBand)) throw e;
    }
    const renamed: { p: Planned; range: Excel.Range }[] = [];
    READ_BACK.forEach((k, i) => {
      const marked = sheetNames.filter((_, j) => {
        const a2 = a2s[j]!.values[0]?.[0];
        return typeof a2 === "string" && a2.startsWith(k.marker);
      });
      const found = marked.find((n) => n === named[i]) ?? marked[0];
      if (found === named[i]) return;
      const at = plan.findIndex((p) => p.role === k.role);
      if (at >= 0) {
        plan.splice(at, 1);
        blocks.splice(at, 1);
      }
      if (found === undefined) return;
      const p: Planned = { role: k.role, kind: "sheet", name: found, showHeaders: true, showTotals: false };
      renamed.push({ p, range: request(context, p).range });
    });
    if (renamed.length > 0) {
      // Renamed: one more sync, only then.
      await context.sync();
      for (const { p, range } of renamed) {
        plan.push(p);
        blocks.push({ address: range.isNullObject ? null : range.address, values: range.isNullObject ? [] : Array.isArray(range.values) ? range.values : null, columnNames: null });
      }
    }
    await fillInBands(context, blocks, cellsPerBand);
    await readErrorTypes(context, blocks);

    const sources: GridSource[] = [];
    const grids: Partial<Record<GridRole, Grid>> = {};
    plan.forEach((p, i) => {
      const block = blocks[i]!;
      const grid = p.kind === "table" ? tableGrid(p, block) : sheetGrid(p.name, block);
      grids[p.role] = grid;
      sources.push({ role: p.role, kind: p.kind, name: p.name, sheet: grid.sheet, address: block.address });
    });
    const cases = grids.cases!;
    const casesSource = sources.find((s) => s.role === "cases")!;
    const where = casesSource.kind === "table" ? `the table "${casesSource.name}" on the sheet "${cases.sheet}"` : `the sheet "${cases.sheet}"`;
    const dataRows = Math.max(0, cases.rows.length - 1);
    return {
      kind: "ok",
      grids: {
        cases,
        criteria: grids.criteria ?? null,
        settings: grids.settings ?? null,
        interviews: grids.interviews ?? null,
        secondMarking: grids.secondMarking ?? null,
        moderation: grids.moderation ?? null,
        previous: grids.previous ?? null,
        actionPlan: grids.actionPlan ?? null,
      },
      description: `Cases read from ${where}: ${dataRows} row${dataRows === 1 ? "" : "s"} below the header.`,
      sources,
    };
  });
}

function notInspection(sheets: readonly string[]): ReadWorkbookResult {
  const list = sheets.length === 0 ? "it has no sheets" : `its sheets are ${sheets.slice(0, 6).map((s) => `"${s}"`).join(", ")}${sheets.length > 6 ? ", …" : ""}`;
  return {
    kind: "not-inspection",
    reason: `This is not an inspection workbook yet: there is no sheet or table named "Cases" (${list}). Choose Set up to add the Cases, Criteria and Settings sheets.`,
    sheets,
  };
}

/** Queues the load of a planned range: its address, and its values unless `addressOnly`. */
function request(context: Excel.RequestContext, p: Planned, addressOnly = false): { range: Excel.Range; columns: Excel.TableColumnCollection | null } {
  const table = p.kind === "table" ? context.workbook.tables.getItem(p.name) : null;
  const range = table ? table.getRange() : context.workbook.worksheets.getItem(p.name).getUsedRangeOrNullObject(true);
  // The address first: it says how large the read is, and is what bands are cut from.
  range.load(addressOnly ? "address" : "address,values");
  const columns = table && !p.showHeaders ? table.columns.load("items/name") : null;
  return { range, columns };
}

/** Errors that can mean "this read is too large": the response limit, the cell limit, or (older Excel on the web) a general exception. */
function isSizeError(e: unknown): boolean {
  const code = errorCodeOf(e);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit" || code === "GeneralException";
}

function cellsOf(address: string): number {
  const r = parseOfficeAddress(address);
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/** One sync: the address of every planned range, its values still to be read (null). */
async function loadAddresses(context: Excel.RequestContext, plan: readonly Planned[]): Promise<RawBlock[]> {
  const requests = plan.map((p) => request(context, p, true));
  await context.sync();
  return requests.map(({ range, columns }) => ({
    address: range.isNullObject ? null : range.address,
    values: range.isNullObject ? [] : null,
    columnNames: columns ? columns.items.map((c) => c.name) : null,
  }));
}

/** Rows of one block still to be read. */
interface Piece {
  readonly block: number;
  readonly sheet: string;
  readonly top: number;
  readonly rows: number;
  readonly left: number;
  readonly width: number;
}

/** Cuts a block's rectangle into row bands of at most `cells` cells (at least one row each). */
function cut(block: number, address: string, top: number, rows: number, cells: number): Piece[] {
  const rect = parseOfficeAddress(address);
  const width = rect.right - rect.left + 1;
  const height = Math.max(1, Math.floor(cells / width));
  const pieces: Piece[] = [];
  for (let row = top; row < top + rows; row += height) pieces.push({ block, sheet: rect.sheet, top: row, rows: Math.min(height, top + rows - row), left: rect.left, width });
  return pieces;
}

/**
 * Reads the values of the blocks that have none yet, in row bands of at most `cellsPerBand` cells,
 * several small bands to a sync; a band refused as too large (or answered null) is halved. Only a
 * read too large for one response gets here, so the syncs grow with the data, not with rows.
 */
async function fillInBands(context: Excel.RequestContext, blocks: RawBlock[], cellsPerBand: number): Promise<void> {
  const values = new Map<number, unknown[][]>();
  let pending: Piece[] = [];
  blocks.forEach((b, i) => {
    if (b.values !== null || b.address === null) return;
    const rect = parseOfficeAddress(b.address);
    values.set(i, new Array<unknown[]>(rect.bottom - rect.top + 1));
    pending.push(...cut(i, b.address, rect.top, rect.bottom - rect.top + 1, cellsPerBand));
  });
  let budget = cellsPerBand;
  while (pending.length > 0) {
    const batch: Piece[] = [];
    let cells = 0;
    while (pending.length > 0 && (batch.length === 0 || cells + pending[0]!.rows * pending[0]!.width <= budget)) {
      const piece = pending.shift()!;
      batch.push(piece);
      cells += piece.rows * piece.width;
    }
    const ranges = batch.map((p) => context.workbook.worksheets.getItem(p.sheet).getRangeByIndexes(p.top, p.left, p.rows, p.width).load("values"));
    let failed: unknown = null;
    try {
      // Each band is a separate request on purpose: together they are too large for one.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (!isSizeError(e)) throw e;
      failed = e;
    }
    const refused = failed !== null || ranges.some((r) => !Array.isArray(r.values));
    if (refused) {
      budget = Math.max(1, Math.floor(cells / 2));
      const only = batch[0]!;
      if (batch.length > 1) pending = [...batch, ...pending];
      else if (only.rows > 1) pending = [...cut(only.block, blocks[only.block]!.address!, only.top, only.rows, budget), ...pending];
      else throw failed ?? new RangeError("Excel returned no values for one row of the sheet.");
      continue;
    }
    batch.forEach((p, k) => {
      const target = values.get(p.block)!;
      const top = parseOfficeAddress(blocks[p.block]!.address!).top;
      (ranges[k]!.values as unknown[][]).forEach((row, j) => (target[p.top - top + j] = row));
    });
  }
  for (const [i, rows] of values) blocks[i] = { ...blocks[i]!, values: rows };
}

/** Runs of one column's cells that read like an error, whose types are still to be read. */
interface TypeRun {
  readonly block: number;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
}

/** Most ranges whose types one sync asks for. */
const TYPE_RUNS_PER_SYNC = 2_000;

/**
 * Reads `valueTypes` for the cells whose value reads like an Excel error ("#N/A"), which
 * `values` gives alike for an error and for text: one more sync, only when there are such cells,
 * for their runs down each column (not the whole range, which would double the response).
 */
async function readErrorTypes(context: Excel.RequestContext, blocks: RawBlock[]): Promise<void> {
  const runs: TypeRun[] = [];
  blocks.forEach((b, block) => {
    if (b.values === null || b.address === null) return;
    const values = b.values;
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    for (let col = 0; col < width; col++) {
      let start = -1;
      for (let row = 0; row <= values.length; row++) {
        const hit = row < values.length && readsAsError(values[row]![col]);
        if (hit && start < 0) start = row;
        if (!hit && start >= 0) {
          runs.push({ block, row: start, col, rows: row - start });
          start = -1;
        }
      }
    }
  });
  const types = new Map<number, Map<number, string>>();
  for (let k = 0; k < runs.length; k += TYPE_RUNS_PER_SYNC) {
    const chunk = runs.slice(k, k + TYPE_RUNS_PER_SYNC);
    const ranges = chunk.map((run) => {
      const rect = parseOfficeAddress(blocks[run.block]!.address!);
      return context.workbook.worksheets.getItem(rect.sheet).getRangeByIndexes(rect.top + run.row, rect.left + run.col, run.rows, 1).load("valueTypes");
    });
    // Bounded by the number of error-like runs, not rows; one sync in all but extreme workbooks.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    chunk.forEach((run, j) => {
      let map = types.get(run.block);
      if (!map) types.set(run.block, (map = new Map()));
      ranges[j]!.valueTypes.forEach((t, i) => map.set(cellKey(run.row + i, run.col), String(t[0])));
    });
  }
  for (const [block, map] of types) blocks[block] = { ...blocks[block]!, types: map };
}

function toRow(block: RawBlock, row: number): CellValue[] {
  return (block.values?.[row] ?? []).map((v, col) => fromOfficeValue(v, block.types?.get(cellKey(row, col))));
}

function tableGrid(p: Planned, block: RawBlock): Grid {
  if (block.address === null) return { sheet: p.name, top: 0, left: 0, rows: [], tableName: p.name };
  const rect = parseOfficeAddress(block.address);
  let rows = (block.values ?? []).map((_, r) => toRow(block, r));
  if (p.showTotals && rows.length > 1) rows = rows.slice(0, -1);
  let top = rect.top;
  if (!p.showHeaders) {
    // No header row on the sheet: use the table's column names, placed on the row above (row -1,
    // off the sheet, when the table starts on row 1: issues about it then name no cell).
    rows = [(block.columnNames ?? []).map((n) => n as CellValue), ...rows];
    top = top - 1;
  }
  return { sheet: rect.sheet, top, left: rect.left, rows, tableName: p.name };
}

/** A sheet's used range padded to start at A1, so row 1 is the header row. */
function sheetGrid(name: string, block: RawBlock): Grid {
  if (block.address === null) return { sheet: name, top: 0, left: 0, rows: [] };
  const rect = parseOfficeAddress(block.address);
  const width = rect.right + 1;
  const rows: CellValue[][] = [];
  for (let r = 0; r <= rect.bottom; r++) {
    const row = new Array<CellValue>(width).fill(null);
    if (r >= rect.top) toRow(block, r - rect.top).forEach((v, c) => (row[rect.left + c] = v));
    rows.push(row);
  }
  return { sheet: rect.sheet === "" ? name : rect.sheet, top: 0, left: 0, rows };
}
