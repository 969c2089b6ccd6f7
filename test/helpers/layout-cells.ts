/**
 * Reading a generated sheet's layout model cell by cell, for tests that check what each cell
 * shows and how it is styled: text, numbers, booleans, and formulas by their cached values.
 */
import type { CellValue, LayoutCell, SheetLayout } from "../../src/core";

/** The cell written at a zero-based position (undefined when none). */
export const cellAt = (l: SheetLayout, row: number, col: number): LayoutCell | undefined => l.cells.find((c) => c.row === row && c.col === col);

/**
 * What a cell shows and its style name; [undefined, undefined] when nothing is written there.
 * @example shown(layout, 0, 0) // ["Moderation: Northbrook YJS", "title"]
 */
export function shown(l: SheetLayout, row: number, col: number): [CellValue | undefined, string | undefined] {
  const c = cellAt(l, row, col);
  if (!c) return [undefined, undefined];
  return [c.kind === "text" ? c.text : c.kind === "number" ? c.number : c.kind === "boolean" ? c.value : c.result, c.style];
}

/** A row's cells from column A to `last` (zero-based), each as {@link shown} gives it. */
export const shownRow = (l: SheetLayout, row: number, last: number): [CellValue | undefined, string | undefined][] => Array.from({ length: last + 1 }, (_, c) => shown(l, row, c));

/** The merges that start on a row, as [left, right] column pairs. */
export const mergesOn = (l: SheetLayout, row: number): [number, number][] => l.merges.filter((m) => m.top === row).map((m) => [m.left, m.right]);

/** The formula of a cell (without "="); throws when the cell holds none. */
export function formulaAt(l: SheetLayout, row: number, col: number): string {
  const c = cellAt(l, row, col);
  if (c?.kind !== "formula") throw new Error(`no formula at row ${row}, column ${col}`);
  return c.formula;
}
