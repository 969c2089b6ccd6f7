/**
 * Small conversions between Office.js and the engine: addresses, cell values, colours, widths,
 * which text Excel would turn into something else, and request-size estimates.
 */
import { EXCEL_ERRORS, type CellValue } from "../core";

/** A rectangle on a sheet, zero-based and inclusive. */
export interface SheetRect {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/**
 * The sheet and rectangle of an address as Office.js returns it.
 * @example parseOfficeAddress("'Strengths & improvements'!B3:F10") // { sheet: "Strengths & improvements", top: 2, left: 1, bottom: 9, right: 5 }
 */
export function parseOfficeAddress(address: string): SheetRect {
  const bang = address.lastIndexOf("!");
  let sheet = bang < 0 ? "" : address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const ref = bang < 0 ? address : address.slice(bang + 1);
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) throw new RangeError(`not a range address: ${address}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]!);
  return { sheet, top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? columnIndex(m[3]) : left };
}

const ERRORS = new Set<string>(EXCEL_ERRORS);
const ERRORS_FOLDED = new Set<string>(EXCEL_ERRORS.map((e) => e.toLowerCase()));

/**
 * Whether a value from `Range.values` reads like an Excel error ("#N/A"): an error, or text that
 * only `Range.valueTypes` can tell apart.
 * @example readsAsError("#N/A") // true
 */
export function readsAsError(value: unknown): boolean {
  return typeof value === "string" && ERRORS.has(value);
}

/**
 * A value from `Range.values` as the engine's cell value: "" is empty, Excel's error strings
 * ("#N/A") become errors, dates stay serial numbers. `Range.values` gives an error and text
 * that reads like one alike; with the cell's `valueTypes` entry ("Error", "String"…) they differ.
 * @example fromOfficeValue("#N/A") // { error: "#N/A" }; fromOfficeValue("#N/A", "String") // "#N/A"
 */
export function fromOfficeValue(value: unknown, valueType?: string): CellValue {
  if (valueType === "Error" && typeof value === "string") return { error: value };
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return valueType === undefined && ERRORS.has(value) ? { error: value } : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  return null;
}

/**
 * Whether Excel would not keep this string as the same text when written through `values` or
 * `formulas` (a formula, a number, a date, a time, a percentage, an amount, TRUE/FALSE, an error's
 * spelling such as #N/A, a leading apostrophe…), so the cell needs the text number format "@" first.
 * @example needsTextFormat("=1+1") // true; needsTextFormat("1.10") // true; needsTextFormat("Yes") // false
 */
export function needsTextFormat(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  if (/^[=+\-@']/.test(text) || /^[=+\-@]/.test(t)) return true;
  if (/^[-+]?[$£€¥]?\s?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?\s?[%$£€¥]?$/i.test(t)) return true;
  if (ERRORS_FOLDED.has(t.toLowerCase())) return true;
  if (/^\(\s?[$£€¥]?\s?[\d,.]+\s?\)$/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^\d{1,4}\s*[-/.]\s*\d{1,2}(\s*[-/.]\s*\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]m?)?)?$/i.test(t)) return true;
  if (/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]m?)?$/i.test(t)) return true;
  if (/^\d+\s+\d+\/\d+$/.test(t)) return true;
  const month = "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)";
  if (new RegExp(`^\\d{1,2}[-\\s/]${month}([-\\s/,]+\\d{2,4})?$`, "i").test(t)) return true;
  if (new RegExp(`^${month}[-\\s/]\\d{1,4}(,?\\s*\\d{2,4})?$`, "i").test(t)) return true;
  return false;
}

/** "1F4E79" → "#1F4E79". */
export function officeColour(colour: string): string {
  return colour.startsWith("#") ? colour : `#${colour}`;
}

/**
 * A column width in characters (as in the layout model and ExcelJS) as Office.js points.
 * @example charsToPoints(8.43) // 48
 */
export function charsToPoints(chars: number): number {
  const pixels = Math.trunc(chars * 7 + 5);
  return pixels * 0.75;
}

/**
 * UTF-8 length of a string, without allocating.
 * @example utf8Length("é") // 2
 */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes the JSON of a value takes in a request. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

/** Office.js error codes, compared as strings (the `Excel.ErrorCodes` enum is not needed at run time). */
export function errorCodeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}
