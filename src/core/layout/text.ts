/**
 * Text for generated sheets: dates in UK form, user text made safe for a cell.
 */

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_LIMIT = 32767;
const CUT_MARKER = " … [cut: the rest of this note is longer than an Excel cell allows]";

/**
 * User text fitted to one cell: cut at Excel's limit with a visible marker.
 * @example fitCellText("short") // "short"
 */
export function fitCellText(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  let cut = EXCEL_CELL_LIMIT - CUT_MARKER.length;
  // Do not split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + CUT_MARKER;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * An ISO date as UK text; other text unchanged.
 * @example ukDate("2014-06-16") // "16 June 2014"
 */
export function ukDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value;
}

/**
 * The inspection dates as one line.
 * @example inspectionDates("2014-06-16", "2014-06-18") // "16 June 2014 to 18 June 2014"
 */
export function inspectionDates(start: string | null, end: string | null): string {
  if (start && end) return start === end ? ukDate(start) : `${ukDate(start)} to ${ukDate(end)}`;
  if (start) return `from ${ukDate(start)}`;
  if (end) return `to ${ukDate(end)}`;
  return "not recorded";
}

/**
 * A moment as UK text in local time.
 * @example generatedAtText(new Date(2026, 10, 25, 9, 5)) // "25 November 2026 at 09:05"
 */
export function generatedAtText(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()} at ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
