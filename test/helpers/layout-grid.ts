/**
 * A generated sheet's layout as a spreadsheet shows it before recalculating (text, numbers,
 * booleans, formulas' cached values), with a person's edits laid over it: what a reader would
 * give back after someone typed in the sheet.
 */
import { fromA1, type CellValue, type Grid, type SheetLayout } from "../../src/core";

/** Edits by A1 address; a row given as `appendRow` goes below the last row. */
export type Edits = Readonly<Record<string, CellValue>>;

/**
 * The grid of a layout, with edits (cells a person typed or cleared) applied.
 * @example layoutGrid(layout, { E6: "Rewrite the guidance" })
 */
export function layoutGrid(layout: SheetLayout, edits: Edits = {}, sheet = layout.name): Grid {
  const rows: CellValue[][] = [];
  const put = (row: number, col: number, v: CellValue): void => {
    while (rows.length <= row) rows.push([]);
    const r = rows[row]!;
    while (r.length <= col) r.push(null);
    r[col] = v;
  };
  for (const c of layout.cells) {
    const v = c.kind === "text" ? (c.text === "" ? null : c.text) : c.kind === "number" ? c.number : c.kind === "boolean" ? c.value : c.result === "" ? null : c.result;
    put(c.row, c.col, v);
  }
  for (const [cell, v] of Object.entries(edits)) {
    const { row, col } = fromA1(cell);
    put(row, col, v);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  return { sheet, top: 0, left: 0, rows: rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]) };
}
