/**
 * A1 addresses. Inside the engine a cell is a zero-based row and column; A1 strings are made
 * and read here only.
 */

/** A zero-based cell position on a sheet. */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

/**
 * Column letters for a zero-based column number.
 * @example columnLetters(0) // "A"; columnLetters(27) // "AB"
 */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`column must be a non-negative integer, got ${col}`);
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The A1 address of a zero-based position.
 * @example toA1({ row: 6, col: 5 }) // "F7"
 */
export function toA1(pos: CellPosition): string {
  if (!Number.isInteger(pos.row) || pos.row < 0) throw new RangeError(`row must be a non-negative integer, got ${pos.row}`);
  return `${columnLetters(pos.col)}${pos.row + 1}`;
}

/**
 * The zero-based position of an A1 address (absolute markers `$` allowed).
 * @example fromA1("F7") // { row: 6, col: 5 }
 */
export function fromA1(address: string): CellPosition {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new RangeError(`not an A1 cell address: ${address}`);
  const letters = match[1]!.toUpperCase();
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (row < 1) throw new RangeError(`not an A1 cell address: ${address}`);
  return { row: row - 1, col: col - 1 };
}

/** Short alias used by tests: `adr("F7")`. */
export const adr = fromA1;

/**
 * An A1 range address from two corners.
 * @example toA1Range({ row: 0, col: 0 }, { row: 9, col: 2 }) // "A1:C10"
 */
export function toA1Range(from: CellPosition, to: CellPosition): string {
  return `${toA1(from)}:${toA1(to)}`;
}

/**
 * A sheet name quoted for use in a formula or range reference.
 * @example quoteSheetName("Cases") // "Cases"; quoteSheetName("Bob's cases") // "'Bob''s cases'"
 */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}
