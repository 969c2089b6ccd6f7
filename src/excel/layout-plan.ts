/**
 * Pure planning for writing layouts through Office.js: the cells as dense row bands (values and
 * formulas in one 2D array, number formats in another), styled cells grouped into rectangles,
 * and which sheets to delete, rename and reorder when the new sheets replace the old ones.
 * Nothing here touches Excel, so it is tested directly.
 */
import { columnLetters, toA1, type CellStyle, type GeneratedKind, type SheetLayout } from "../core";
import { jsonBytes } from "./office-values";

/** A band of whole layout rows written with two commands (number formats, then formulas). */
export interface CellsBand {
  /** A1 range on the sheet, e.g. "A1:H40". */
  readonly address: string;
  readonly top: number;
  readonly rows: number;
  /** Values, and formulas with their "="; text cells carry number format "@" so they stay text. */
  readonly formulas: (string | number | boolean)[][];
  readonly numberFormat: string[][];
  /** Estimated bytes in a request. */
  readonly bytes: number;
}

/**
 * Bytes assumed for each action or object path Office.js sends, on top of the JSON of the values:
 * its runtime sends `{ Id, ActionType, Name, ObjectPathId, ArgumentInfo }` per action and
 * `{ Id, ObjectPathType, Name, ParentObjectPathId, ArgumentInfo }` per object path. A band of cells
 * is four (getRange's path and instantiation, numberFormat, formulas).
 */
export const COMMAND_OVERHEAD_BYTES = 120;

function rangeA1(top: number, left: number, bottom: number, right: number): string {
  const a = toA1({ row: top, col: left });
  return top === bottom && left === right ? a : `${a}:${toA1({ row: bottom, col: right })}`;
}

/**
 * The layout's cells as row bands of at most `maxBandBytes` each (a single row may exceed it).
 * @example layoutBands(layout, 1_000_000)[0]?.address // "A1:H60"
 */
export function layoutBands(layout: SheetLayout, maxBandBytes: number): CellsBand[] {
  let rows = layout.rowCount;
  let cols = layout.colCount;
  for (const c of layout.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  if (rows === 0 || cols === 0) return [];
  const formulas: (string | number | boolean)[][] = Array.from({ length: rows }, () => new Array<string | number | boolean>(cols).fill(""));
  const formats: string[][] = Array.from({ length: rows }, () => new Array<string>(cols).fill("General"));
  for (const cell of layout.cells) {
    const style: CellStyle | undefined = cell.style === undefined ? undefined : layout.styles[cell.style];
    const f = formulas[cell.row]!;
    const n = formats[cell.row]!;
    switch (cell.kind) {
      case "text":
        f[cell.col] = cell.text;
        // Text stays text; an empty cell takes its style's format, so a date typed in it later is a date.
        n[cell.col] = cell.text === "" ? (style?.numberFormat ?? "General") : "@";
        break;
      case "boolean":
        f[cell.col] = cell.value;
        n[cell.col] = "General";
        break;
      case "number":
        f[cell.col] = Number.isFinite(cell.number) ? cell.number : "";
        n[cell.col] = style?.numberFormat ?? "General";
        break;
      case "formula":
        f[cell.col] = `=${cell.formula}`;
        n[cell.col] = style?.numberFormat ?? "General";
        break;
    }
  }
  const bands: CellsBand[] = [];
  let start = 0;
  let bytes = COMMAND_OVERHEAD_BYTES * 4;
  const flush = (end: number): void => {
    bands.push({
      address: rangeA1(start, 0, end - 1, cols - 1),
      top: start,
      rows: end - start,
      formulas: formulas.slice(start, end),
      numberFormat: formats.slice(start, end),
      bytes,
    });
    start = end;
    bytes = COMMAND_OVERHEAD_BYTES * 4;
  };
  for (let r = 0; r < rows; r++) {
    const rowBytes = jsonBytes(formulas[r]) + jsonBytes(formats[r]) + 2;
    if (r > start && bytes + rowBytes > maxBandBytes) flush(r);
    bytes += rowBytes;
  }
  flush(rows);
  return bands;
}

/**
 * One style and the rectangles it applies to. Each is styled through its own `getRange`, never as
 * one multi-area address: Excel on Windows parses `getRanges("A1:B2,C3")` with the regional list
 * separator, so the comma form fails in German, French, Czech or Dutch (OfficeDev/office-js#1167).
 */
export interface StyleGroup {
  readonly name: string;
  readonly style: CellStyle;
  /** One A1 rectangle each ("A12:H12", "B3"). */
  readonly areas: readonly string[];
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Styled cells grouped by style into as few rectangles as keeps borders right: runs along a row,
 * then identical runs on consecutive rows (not across top/bottom borders); a merged cell's style
 * covers its whole merged area.
 * @example styleGroups(layout).find((g) => g.name === "header")?.areas // ["A12:H12"]
 */
export function styleGroups(layout: SheetLayout): StyleGroup[] {
  const mergeAt = new Map<string, Rect>();
  for (const m of layout.merges) mergeAt.set(`${m.top}:${m.left}`, { top: m.top, left: m.left, bottom: m.bottom, right: m.right });
  const byStyle = new Map<string, Rect[]>();
  for (const cell of layout.cells) {
    if (cell.style === undefined || !layout.styles[cell.style]) continue;
    const rect = mergeAt.get(`${cell.row}:${cell.col}`) ?? { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col };
    let list = byStyle.get(cell.style);
    if (!list) byStyle.set(cell.style, (list = []));
    list.push({ ...rect });
  }
  const groups: StyleGroup[] = [];
  for (const [name, rects] of byStyle) {
    const style = layout.styles[name]!;
    const sides = style.border ?? [];
    const joinAcross = !sides.includes("left") && !sides.includes("right");
    const joinDown = !sides.includes("top") && !sides.includes("bottom");
    rects.sort((a, b) => a.top - b.top || a.left - b.left);
    // Runs along a row (single-row rectangles that touch).
    const runs: Rect[] = [];
    for (const r of rects) {
      const last = runs[runs.length - 1];
      if (joinAcross && last && last.top === r.top && last.bottom === r.bottom && last.right + 1 === r.left) last.right = r.right;
      else runs.push({ ...r });
    }
    // Identical runs on consecutive rows.
    const blocks: Rect[] = [];
    const open = new Map<string, Rect>();
    for (const run of runs) {
      const key = `${run.left}:${run.right}`;
      const above = open.get(key);
      if (joinDown && above && above.bottom + 1 === run.top) {
        above.bottom = run.bottom;
        continue;
      }
      const block = { ...run };
      blocks.push(block);
      open.set(key, block);
    }
    groups.push({ name, style, areas: blocks.map((b) => rangeA1(b.top, b.left, b.bottom, b.right)) });
  }
  return groups;
}

/**
 * Runs of equal widths as column ranges and points, e.g. [{ address: "C1:F1", chars: 9 }].
 * @example widthRuns([7, 46, 10, 10]) // [{ address: "A1", chars: 7 }, { address: "B1", chars: 46 }, { address: "C1:D1", chars: 10 }]
 */
export function widthRuns(widths: readonly number[]): { readonly address: string; readonly chars: number }[] {
  const out: { address: string; chars: number }[] = [];
  let start = 0;
  for (let i = 1; i <= widths.length; i++) {
    if (i < widths.length && widths[i] === widths[start]) continue;
    const w = widths[start];
    if (w !== undefined && w > 0) out.push({ address: i - 1 === start ? `${columnLetters(start)}1` : `${columnLetters(start)}1:${columnLetters(i - 1)}1`, chars: w });
    start = i;
  }
  return out;
}

/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Runs of consecutive rows with the same height, as row ranges ("5:7") and points.
 * @example heightRuns([{ row: 4, height: 30 }, { row: 5, height: 30 }, { row: 9, height: 45 }]) // [{ address: "5:6", points: 30 }, { address: "10:10", points: 45 }]
 */
export function heightRuns(heights: readonly { readonly row: number; readonly height: number }[]): { readonly address: string; readonly points: number }[] {
  const sorted = [...heights].filter((h) => h.height > 0).sort((a, b) => a.row - b.row);
  const out: { address: string; points: number }[] = [];
  let first = -1;
  let last = -1;
  let points = 0;
  const flush = (): void => {
    if (first >= 0) out.push({ address: `${first + 1}:${last + 1}`, points });
  };
  for (const h of sorted) {
    const p = Math.min(MAX_ROW_HEIGHT, h.height);
    if (first >= 0 && h.row === last + 1 && p === points) {
      last = h.row;
      continue;
    }
    flush();
    first = last = h.row;
    points = p;
  }
  flush();
  return out;
}

// ------------------------------------------------------------------------------------------
// Sheet names

/** Prefix of the sheets a build writes before they replace the old ones. */
export const TEMP_SHEET_PREFIX = "CIW build ";

/** Whether a name is one of ours from an interrupted build. */
export function isTempSheetName(name: string): boolean {
  return new RegExp(`^${TEMP_SHEET_PREFIX}\\d+$`).test(name);
}

/**
 * Free names for the sheets being built.
 * @example chooseTempNames(["Cases", "CIW build 1"], 2) // ["CIW build 2", "CIW build 3"]
 */
export function chooseTempNames(existing: readonly string[], count: number): string[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const out: string[] = [];
  for (let k = 1; out.length < count; k++) {
    const name = `${TEMP_SHEET_PREFIX}${k}`;
    if (!taken.has(name.toLowerCase())) out.push(name);
  }
  return out;
}

/** An existing sheet, in workbook order. */
export interface ExistingSheet {
  readonly name: string;
  /** From its A2 marker: one of our generated sheets, and which. */
  readonly kind: GeneratedKind | null;
  /** Whether it is a sheet left by an interrupted build (to delete). */
  readonly leftover: boolean;
}

export interface SheetNamePlan {
  /** The name each new sheet takes, by layout. */
  readonly targets: readonly string[];
  /** The generated sheet each new one replaces (null: none). */
  readonly replaced: readonly (string | null)[];
  /** Sheets to delete: the replaced ones and leftovers. */
  readonly deletions: readonly string[];
  /** Every sheet's name in its final order. */
  readonly order: readonly string[];
  /** Plain sentences for the user. */
  readonly notices: readonly string[];
}

const fold = (s: string): string => s.toLowerCase();

function withSuffix(base: string, n: number): string {
  const suffix = ` (${n})`;
  return `${base.slice(0, 31 - suffix.length)}${suffix}`;
}

/**
 * Decides names and order: a new sheet replaces the generated sheet of its kind (keeping that
 * sheet's name, even if the user renamed it); with none, it takes the wanted name, or "Name (2)"…
 * when a sheet the add-in did not make already has it. The generated sheets are the first tabs.
 * @example planSheetNames([{ name: "Summary", kind: null, leftover: false }], [{ kind: "summary", name: "Summary" }]).targets // ["Summary (2)"]
 */
export function planSheetNames(existing: readonly ExistingSheet[], layouts: readonly Pick<SheetLayout, "kind" | "name">[]): SheetNamePlan {
  const deletions = new Set<string>(existing.filter((e) => e.leftover).map((e) => e.name));
  const used = new Set<string>();
  const anchors = layouts.map((layout) => {
    const candidates = existing.filter((e) => !e.leftover && e.kind === layout.kind && !used.has(e.name));
    const anchor = candidates.find((e) => fold(e.name) === fold(layout.name)) ?? candidates[0] ?? null;
    if (anchor) {
      used.add(anchor.name);
      deletions.add(anchor.name);
    }
    return anchor;
  });
  const taken = new Set(existing.filter((e) => !deletions.has(e.name)).map((e) => fold(e.name)));
  const targets: string[] = layouts.map(() => "");
  const notices: string[] = [];
  layouts.forEach((_, i) => {
    const anchor = anchors[i];
    if (anchor) {
      targets[i] = anchor.name;
      taken.add(fold(anchor.name));
    }
  });
  layouts.forEach((layout, i) => {
    if (anchors[i]) return;
    let name = layout.name;
    for (let n = 2; taken.has(fold(name)); n++) name = withSuffix(layout.name, n);
    if (name !== layout.name) {
      notices.push(`A sheet named "${layout.name}" that the add-in did not create was left as it is; the new sheet is "${name}".`);
    }
    targets[i] = name;
    taken.add(fold(name));
  });
  // The generated sheets come first, in layout order (the report opens and prints on the
  // Summary), then every other sheet in the order it had.
  const order: string[] = [...targets];
  for (const e of existing) {
    if (!anchors.some((a) => a?.name === e.name) && !deletions.has(e.name)) order.push(e.name);
  }
  return { targets, replaced: anchors.map((a) => a?.name ?? null), deletions: [...deletions], order, notices };
}
