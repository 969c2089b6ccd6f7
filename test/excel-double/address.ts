/**
 * A1 addresses as the double's Excel spells them: "A1", "$A$1:$B$2", "A:C", "3:5", with an
 * optional sheet prefix ("Cases!A1", "'Strengths & improvements'!A1:D4").
 */
import { columnLetters, quoteSheetName } from "../../src/core";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, zero-based, inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface ParsedAddress {
  readonly sheet: string | null;
  readonly rect: Rect;
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Splits "Sheet!A1" into the sheet name (unquoted) and the rest. */
function splitSheet(address: string): { sheet: string | null; ref: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, ref: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(bang + 1) };
}

/** Parses one area; null when it is not an A1 reference. */
export function parseAddress(address: string): ParsedAddress | null {
  const { sheet, ref } = splitSheet(address.trim());
  const parts = ref.split(":");
  if (parts.length > 2) return null;
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
  const col = /^\$?([A-Za-z]{1,3})$/;
  const row = /^\$?(\d{1,7})$/;
  const [a, b = a] = parts as [string, string?];
  let m1 = cell.exec(a!);
  let m2 = cell.exec(b!);
  let rect: Rect;
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1;
    const r2 = Number(m2[2]) - 1;
    const c1 = colIndex(m1[1]!);
    const c2 = colIndex(m2[1]!);
    rect = { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
  } else if ((m1 = col.exec(a!)) && (m2 = col.exec(b!))) {
    const c1 = colIndex(m1[1]!);
    const c2 = colIndex(m2[1]!);
    rect = { top: 0, bottom: MAX_ROWS - 1, left: Math.min(c1, c2), right: Math.max(c1, c2) };
  } else if ((m1 = row.exec(a!)) && (m2 = row.exec(b!))) {
    const r1 = Number(m1[1]) - 1;
    const r2 = Number(m2[1]) - 1;
    rect = { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: 0, right: MAX_COLS - 1 };
  } else {
    return null;
  }
  if (rect.top < 0 || rect.bottom >= MAX_ROWS || rect.left < 0 || rect.right >= MAX_COLS) return null;
  return { sheet, rect };
}

/** Splits "A1:B2, D4" on the list separator (outside quoted sheet names). */
export function splitAreas(address: string, separator: "," | ";" = ","): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === separator && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") out.push(current.trim());
  return out;
}

/** "B3" or "B3:F10" for a rectangle (no sheet). */
export function rectToA1(rect: Rect): string {
  const tl = `${columnLetters(rect.left)}${rect.top + 1}`;
  if (rect.top === rect.bottom && rect.left === rect.right) return tl;
  return `${tl}:${columnLetters(rect.right)}${rect.bottom + 1}`;
}

/** "Cases!B3:F10", the sheet quoted as Excel quotes it. */
export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheetName(sheet)}!${rectToA1(rect)}`;
}

export function rectRows(rect: Rect): number {
  return rect.bottom - rect.top + 1;
}

export function rectCols(rect: Rect): number {
  return rect.right - rect.left + 1;
}

export function rectContains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.top && row <= outer.bottom && col >= outer.left && col <= outer.right;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function rectInside(inner: Rect, outer: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
}
