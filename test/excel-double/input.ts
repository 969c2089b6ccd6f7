/**
 * What Excel makes of a string written through `Range.values` (or `formulas`) into a cell that is
 * not formatted as text ("@"): the same as if it had been typed. The value type definitions say so
 * for formulas ("If the value starts with a plus, minus, or equal sign, Excel interprets this value
 * as a formula"); typed entry also turns numbers with thousands separators, currency, percentages
 * and fractions into numbers, dates and times into serial numbers, TRUE/FALSE into logicals and an
 * error's spelling (#N/A) into that error, and takes a leading apostrophe as "keep this as text"
 * (the apostrophe itself is not part of the value, office-js#6687). Text formatted "@" is kept as
 * written. Modelled for English regional formats (day first in en-GB, month first in en-US); other
 * formats are read like en-GB here.
 */
import { EXCEL_ERRORS } from "../../src/core";
import type { CellError, Scalar } from "./workbook-state";

export interface ParsedInput {
  readonly value: Scalar | CellError | null;
  /** With its "="; null for a constant. */
  readonly formula: string | null;
}

const ERRORS = new Map(EXCEL_ERRORS.map((e) => [e.toLowerCase(), e]));

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/** Excel's serial number of a date (1900 system): days since 30 December 1899. */
function serial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const d = Date.UTC(year, month - 1, day);
  if (new Date(d).getUTCDate() !== day) return null;
  return Math.round((d - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A time of day as a fraction of a day, or null. */
function timeOf(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([ap]m?)?$/i.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3] ?? 0) + Number(`0.${m[4] ?? 0}`);
  if (m[5]) {
    if (hours > 12) return null;
    hours = (hours % 12) + (m[5].toLowerCase().startsWith("p") ? 12 : 0);
  }
  if (minutes > 59 || seconds >= 60) return null;
  return (hours * 3600 + minutes * 60 + seconds) / 86_400;
}

/** A date typed in one of the forms Excel recognises, as a serial number, or null. */
function dateOf(text: string, monthFirst: boolean): number | null {
  const thisYear = new Date().getFullYear();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return serial(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [day, month] = monthFirst ? [b, a] : [a, b];
    return serial(m[3] === undefined ? thisYear : fullYear(m[3]), month, day);
  }
  m = new RegExp(`^(\\d{1,2})[-\\s/]${MONTH}(?:[-\\s/,]+(\\d{2}|\\d{4}))?$`, "i").exec(text);
  if (m) return serial(m[3] === undefined ? thisYear : fullYear(m[3]), monthOf(m[2]!), Number(m[1]));
  m = new RegExp(`^${MONTH}[-\\s/](\\d{1,2})(?:,?\\s*(\\d{4}))?$`, "i").exec(text);
  if (m && (m[3] !== undefined || Number(m[2]) <= 31)) return serial(m[3] === undefined ? thisYear : Number(m[3]), monthOf(m[1]!), Number(m[2]));
  m = new RegExp(`^${MONTH}[-\\s/](\\d{4})$`, "i").exec(text);
  if (m) return serial(Number(m[2]), monthOf(m[1]!), 1);
  return null;
}

/** A number as typed: thousands separators in threes, a currency sign, a percentage, a fraction, brackets for negative. */
function numberOf(text: string): number | null {
  let t = text;
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    t = bracketed[1]!.trim();
    negative = true;
  }
  const sign = /^([-+])\s*/.exec(t);
  if (sign) {
    if (negative) return null;
    negative = sign[1] === "-";
    t = t.slice(sign[0].length);
  }
  t = t.replace(/^[£$€¥]\s*/, "").replace(/\s*[£$€¥]$/, "");
  let scale = 1;
  if (t.endsWith("%")) {
    scale = 0.01;
    t = t.slice(0, -1).trim();
  }
  const fraction = /^(?:(\d+)\s+)?(\d+)\/(\d+)$/.exec(t);
  if (fraction && fraction[1] !== undefined) {
    const denominator = Number(fraction[3]);
    if (denominator === 0) return null;
    const n = Number(fraction[1]) + Number(fraction[2]) / denominator;
    return (negative ? -n : n) * scale;
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?(e[-+]?\d+)?$/i.test(t) || !/\d/.test(t)) return null;
  const n = Number(t.replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  return (negative ? -n : n) * scale;
}

/**
 * How Excel reads a string written to a cell with the number format `numberFormat`.
 * @example parseInput("1,000", "General").value // 1000; parseInput("#N/A", "General").value // { error: "#N/A" }
 */
export function parseInput(input: string, numberFormat: string, locale = "en-GB"): ParsedInput {
  if (numberFormat === "@") return { value: input, formula: null };
  if (input === "") return { value: null, formula: null };
  if (input.startsWith("'")) return { value: input.slice(1) === "" ? null : input.slice(1), formula: null };
  const trimmed = input.trim();
  const number = numberOf(trimmed);
  if (number !== null) return { value: number, formula: null };
  if (/^[=+\-@]/.test(input) && input.length > 1) return { value: null, formula: input.startsWith("=") ? input : `=${input}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true", formula: null };
  const error = ERRORS.get(trimmed.toLowerCase());
  if (error !== undefined) return { value: { error }, formula: null };
  const time = timeOf(trimmed);
  if (time !== null) return { value: time, formula: null };
  const monthFirst = /^en-US$/i.test(locale);
  const dateTime = /^(.*?)\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m?)?)$/i.exec(trimmed);
  if (dateTime) {
    const date = dateOf(dateTime[1]!, monthFirst);
    const t = timeOf(dateTime[2]!);
    if (date !== null && t !== null) return { value: date + t, formula: null };
  }
  const date = dateOf(trimmed, monthFirst);
  if (date !== null) return { value: date, formula: null };
  return { value: input, formula: null };
}
