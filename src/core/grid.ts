/**
 * The engine's view of a sheet: a rectangle of plain values, whatever read it (ExcelJS, Office.js).
 */
import { toA1 } from "./address";

/** An Excel error value such as `#N/A` or `#REF!`, as read from a cell. */
export interface CellError {
  readonly error: string;
}

/** One cell's value. Dates arrive as ISO strings or serial numbers; formulas as their results. */
export type CellValue = string | number | boolean | null | CellError;

/**
 * A rectangle of cells read from one sheet. `rows[0][0]` sits at (`top`, `left`) on the sheet,
 * so an issue can name the cell a user sees. `top` is -1 when the header row is not on the sheet
 * (an Excel table with its header row turned off, starting on row 1): `rows[0]` then holds the
 * table's column names and has no cell address.
 */
export interface Grid {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly rows: readonly (readonly CellValue[])[];
  /** The Excel table the grid was read from (header row first), when it was a table. */
  readonly tableName?: string;
}

/**
 * The Excel error values, as Excel spells them: every one the Office.js type definitions list for
 * `ErrorCellValue` (#BLOCKED!, #BUSY!, #CALC!, #CONNECT!, #DIV/0!, #EXTERNAL!, #FIELD!,
 * #GETTING_DATA, #N/A, #NAME?, #NULL!, #NUM!, #REF!, #SPILL!, #VALUE!) and #UNKNOWN!.
 */
export const EXCEL_ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
] as const;

/**
 * Whether a value is an Excel error.
 * @example isCellError({ error: "#N/A" }) // true
 */
export function isCellError(value: unknown): value is CellError {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}

/**
 * Whether a cell holds nothing a person would see (null, empty or white-space text).
 * @example isBlank("  ") // true
 */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * A cell's value as the text a person would read.
 * @example cellText(12) // "12"; cellText({ error: "#REF!" }) // "#REF!"
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value.error;
}

/**
 * Header text folded for matching: trimmed, runs of white space (line breaks too) made one
 * space, lower case.
 * @example normaliseHeader("  Case\nID ") // "case id"
 */
export function normaliseHeader(value: CellValue | undefined): string {
  return cellText(value).replace(/\s+/g, " ").trim().toLowerCase();
}

/** The cell at a row and column of a grid, or null outside it. */
export function gridCell(grid: Grid, row: number, col: number): CellValue {
  return grid.rows[row]?.[col] ?? null;
}

/**
 * Whether every cell of a row is blank.
 * @example isBlankRow([null, "  "]) // true
 */
export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  if (!row) return true;
  for (const value of row) if (!isBlank(value)) return false;
  return true;
}

/**
 * The A1 address of a position within a grid, or null for the header row of a table whose
 * header row is not on the sheet (`top` -1).
 * @example cellAddress({ sheet: "Cases", top: 2, left: 1, rows: [] }, 1, 0) // "B4"
 */
export function cellAddress(grid: Grid, row: number, col: number): string | null {
  return grid.top + row < 0 ? null : toA1({ row: grid.top + row, col: grid.left + col });
}
