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

/**
 * Advance widths of Carlito in 1/2048 em (Regular, Bold, Italic), for U+0020–U+007E then
 * U+00A0–U+00FF (0: no glyph). Carlito is metric-compatible with Calibri, the font the generated
 * sheets use, so these are Calibri's widths too. Made by scripts/font-widths.py.
 */
const CARLITO_WIDTHS = {
  regular: "463,667,821,1020,1038,1464,1397,452,621,621,1020,1020,511,627,517,791,1038,1038,1038,1038,1038,1038,1038,1038,1038,1038,548,548,1020,1020,1020,949,1831,1185,1114,1092,1260,1000,941,1292,1276,516,653,1064,861,1751,1322,1356,1058,1378,1112,941,998,1314,1162,1822,1063,998,959,628,791,628,1020,1020,596,981,1076,866,1076,1019,625,964,1076,470,490,931,470,1636,1076,1080,1076,1076,714,801,686,1076,925,1464,887,927,809,644,943,644,1020,0,667,1020,1038,1020,1038,1020,1020,804,1709,824,1049,1020,0,1038,807,694,1020,688,685,598,1126,1200,517,629,504,865,1049,1303,1375,1383,949,1185,1185,1185,1185,1185,1185,1563,1092,1000,1000,1000,1000,516,516,516,516,1279,1322,1356,1356,1356,1356,1356,1020,1359,1314,1314,1314,1314,998,1058,1080,981,981,981,981,981,981,1583,866,1019,1019,1019,1019,470,470,470,470,1076,1076,1080,1080,1080,1080,1080,1020,1084,1076,1076,1076,1076,927,1076,927",
  bold: "463,667,898,1020,1038,1493,1443,478,638,638,1020,1020,528,627,547,880,1038,1038,1038,1038,1038,1038,1038,1038,1038,1038,565,565,1020,1020,1020,949,1840,1241,1148,1084,1291,999,940,1305,1292,546,678,1120,866,1790,1349,1385,1090,1405,1153,968,1014,1337,1211,1856,1128,1064,979,665,880,665,1020,1020,615,1011,1099,857,1099,1031,648,971,1099,503,523,983,503,1666,1099,1101,1099,1099,728,817,710,1099,969,1526,941,970,814,704,973,704,1020,0,667,1020,1038,1020,1038,1020,1020,849,1709,852,1103,1020,0,1038,799,701,1020,692,688,616,1154,1224,548,621,517,891,1103,1347,1415,1437,949,1241,1241,1241,1241,1241,1241,1588,1084,999,999,999,999,546,546,546,546,1309,1349,1385,1385,1385,1385,1385,1020,1394,1337,1337,1337,1337,1064,1090,1136,1011,1011,1011,1011,1011,1011,1587,857,1031,1031,1031,1031,503,503,503,503,1099,1099,1101,1101,1101,1101,1101,1020,1114,1099,1099,1099,1099,970,1099,970",
  italic: "463,667,821,1020,1038,1464,1397,452,621,621,1020,1020,511,627,517,794,1038,1038,1038,1038,1038,1038,1038,1038,1038,1038,548,548,1020,1020,1020,949,1831,1185,1114,1070,1260,1000,941,1292,1276,516,653,1064,861,1751,1320,1340,1058,1360,1112,926,998,1314,1162,1823,1063,998,959,628,787,628,1020,1020,596,1053,1053,852,1053,978,625,1053,1053,470,490,931,470,1620,1053,1051,1053,1053,702,797,686,1053,913,1464,887,916,809,644,943,644,1020,0,667,1020,1038,1020,1038,1020,1020,804,1709,882,1049,1020,0,1038,807,694,1020,688,685,598,1102,1200,517,629,504,865,1049,1303,1375,1383,949,1185,1185,1185,1185,1185,1185,1563,1070,1000,1000,1000,1000,516,516,516,516,1279,1320,1340,1340,1340,1340,1340,1020,1347,1314,1314,1314,1314,998,1058,1080,1053,1053,1053,1053,1053,1053,1545,852,978,978,978,978,470,470,470,470,1076,1053,1051,1051,1051,1051,1051,1020,1084,1053,1053,1053,1053,916,1053,916",
} as const;

/** Extra advance widths (1/2048 em) of characters common in notes beyond Latin-1: dashes, quotes, ellipsis, bullet. */
const CARLITO_EXTRA: Readonly<Record<string, readonly [regular: number, bold: number]>> = {
  "\u2013": [1020, 1020],
  "\u2014": [1854, 1854],
  "\u2018": [511, 528],
  "\u2019": [511, 528],
  "\u201C": [857, 891],
  "\u201D": [857, 891],
  "\u2026": [1414, 1457],
  "\u2022": [1020, 1020],
};

/** How a run of text is set: Calibri (or Carlito) at `size` points. */
export interface TextFont {
  /** Points (default 11). */
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

let widthTables: Record<keyof typeof CARLITO_WIDTHS, Int16Array> | null = null;

function tables(): Record<keyof typeof CARLITO_WIDTHS, Int16Array> {
  if (!widthTables) {
    const parse = (s: string): Int16Array => Int16Array.from(s.split(",").map(Number));
    widthTables = { regular: parse(CARLITO_WIDTHS.regular), bold: parse(CARLITO_WIDTHS.bold), italic: parse(CARLITO_WIDTHS.italic) };
  }
  return widthTables;
}

/** A character's advance in 1/2048 em; wide (East Asian) characters a full em, unknown ones a generous average. */
function advance(ch: string, font: TextFont): number {
  const code = ch.codePointAt(0) ?? 32;
  const table = font.bold ? tables().bold : font.italic ? tables().italic : tables().regular;
  const index = code >= 32 && code <= 126 ? code - 32 : code >= 160 && code <= 255 ? code - 160 + 95 : -1;
  if (index >= 0 && table[index]! > 0) return table[index]!;
  const extra = CARLITO_EXTRA[ch];
  if (extra) return font.bold ? extra[1] : extra[0];
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300) return 2048;
  return 1200;
}

/**
 * Width of a line of text in points, as Calibri sets it, with 2% to spare for the rounding of
 * glyph widths to whole pixels on screen (Excel at 96 dpi sets Calibri 11 at 15 pixels to the em
 * with whole-pixel advances: within half a percent of these widths on report text).
 * @example textWidth("Case", { size: 11 }) // about 22
 */
export function textWidth(text: string, font: TextFont = {}): number {
  let units = 0;
  for (const ch of text) units += advance(ch, font);
  return (units / 2048) * (font.size ?? 11) * 1.02;
}

/** A wrapped line: where it starts and ends in the text (end exclusive, the breaking space left out). */
export interface WrappedLine {
  readonly start: number;
  readonly end: number;
}

/**
 * Where a cell's text wraps in a column `width` points wide: paragraphs at line breaks, words
 * wrapped greedily at spaces, a word wider than the column broken where it overflows.
 * @example wrapLines("one two three", 40, {}) // [{ start: 0, end: 7 }, { start: 8, end: 13 }]
 */
export function wrapLines(text: string, width: number, font: TextFont = {}): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const space = textWidth(" ", font);
  const paragraphs = /\r\n|\r|\n/g;
  let paragraphStart = 0;
  for (;;) {
    const m = paragraphs.exec(text);
    const paragraphEnd = m ? m.index : text.length;
    let lineStart = paragraphStart;
    let lineEnd = paragraphStart;
    let lineWidth = -1;
    let wordStart = paragraphStart;
    while (wordStart <= paragraphEnd) {
      let wordEnd = text.indexOf(" ", wordStart);
      if (wordEnd < 0 || wordEnd > paragraphEnd) wordEnd = paragraphEnd;
      const w = textWidth(text.slice(wordStart, wordEnd), font);
      // An empty word (between two spaces) stays on its line: spaces at a line's end hang past
      // the column's edge, as spreadsheet programs set them, and never make a line of their own.
      if (lineWidth >= 0 && (wordEnd === wordStart || lineWidth + space + w <= width)) {
        lineWidth += space + w;
        lineEnd = wordEnd;
      } else {
        if (lineWidth >= 0) lines.push({ start: lineStart, end: lineEnd });
        lineStart = wordStart;
        lineEnd = wordEnd;
        lineWidth = w;
        if (w > width) {
          // A word wider than the column: broken where it overflows.
          let pieceStart = wordStart;
          let pieceWidth = 0;
          for (let i = wordStart; i < wordEnd; ) {
            const ch = String.fromCodePoint(text.codePointAt(i)!);
            const cw = textWidth(ch, font);
            if (i > pieceStart && pieceWidth + cw > width) {
              lines.push({ start: pieceStart, end: i });
              pieceStart = i;
              pieceWidth = 0;
            }
            pieceWidth += cw;
            i += ch.length;
          }
          lineStart = pieceStart;
          lineWidth = pieceWidth;
        }
      }
      wordStart = wordEnd + 1;
    }
    lines.push({ start: lineStart, end: lineEnd });
    if (!m) break;
    paragraphStart = m.index + m[0].length;
  }
  return lines;
}

/**
 * The lines a cell's text wraps to in a column `width` points wide (see {@link wrapLines}).
 * @example wrapText("one two three", 40, {}) // ["one two", "three"]
 */
export function wrapText(text: string, width: number, font: TextFont = {}): string[] {
  return wrapLines(text, width, font).map((l) => text.slice(l.start, l.end));
}

/**
 * A text cut into pieces of at most `maxLines` wrapped lines each, at line starts, so each piece
 * fits one row (a spreadsheet row is at most 409 points tall, and text taller than its row runs
 * into the rows below it in LibreOffice).
 * @example splitToLines("a b c d", 8, {}, 2).length // 2
 */
export function splitToLines(text: string, width: number, font: TextFont, maxLines: number): string[] {
  const lines = wrapLines(text, width, font);
  if (lines.length <= maxLines) return [text];
  const pieces: string[] = [];
  for (let i = 0; i < lines.length; i += maxLines) {
    const last = lines[Math.min(lines.length, i + maxLines) - 1]!;
    pieces.push(text.slice(lines[i]!.start, last.end));
  }
  return pieces;
}

/**
 * Height in points of one line of Calibri at `size` points, as a spreadsheet row needs it
 * (15 at 11 points: Excel's default row), rounded up to whole pixels.
 * @example lineHeight(11) // 15
 */
export function lineHeight(size = 11): number {
  return Math.ceil(((size * 15) / 11) * (4 / 3) - 1e-9) * 0.75;
}

/**
 * The width in points available to text in a column `chars` wide (Excel's unit: the width of a
 * digit of the default 11-point font, 7 pixels), less the cell's padding.
 * @example columnTextWidth(10) // 48
 */
export function columnTextWidth(chars: number): number {
  const pixels = Math.trunc(chars * 7 + 0.5);
  return Math.max(1, pixels - 6) * 0.75;
}

/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;

/**
 * A day as UK text, in local time.
 * @example ukDay(new Date(2027, 2, 12)) // "12 March 2027"
 */
export function ukDay(at: Date): string {
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}`;
}

/**
 * An ISO date as Excel's serial number (days since 30 December 1899); null for other text.
 * @example isoToSerial("2014-06-16") // 41806
 */
export function isoToSerial(value: string | null): number | null {
  const m = value === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 + 25569;
}
