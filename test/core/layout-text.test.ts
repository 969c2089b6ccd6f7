/**
 * Text on the generated sheets, as a reader sees it: notes cut to what an Excel cell holds (never
 * splitting an emoji), dates in UK form, Calibri's widths (a letter with an accent as wide as
 * the letter, East Asian characters a full em, anything unknown a generous average), where a
 * cell's text wraps, and the sizes a row and a column give text. Expected values are worked out
 * by hand from Calibri's metrics (Carlito's advance widths in 1/2048 em), the 11-point default
 * and Excel's 7-pixel character, never computed the way the code computes them.
 */
import { columnTextWidth, EXCEL_CELL_LIMIT, fitCellText, inspectionDates, isoToSerial, lineHeight, splitToLines, textWidth, ukDate, wrapLines, wrapText } from "../../src/core";

/** The marker a cut note ends with, as the reader sees it. */
const MARKER = " … [cut: the rest of this note is longer than an Excel cell allows]";

/** A lone half of a surrogate pair: what a cut through an emoji leaves. */
const LONE_HIGH = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

// At 11 points, with 2% to spare: a full em is 11 × 1.02 = 11.22 points; the average used for
// characters without a known width is 1200/2048 of that, 6.57421875 points.
const FULL_EM_11 = 11.22;
const UNKNOWN_11 = 6.57421875;

describe("fitCellText", () => {
  it("keeps a note of exactly 32,767 characters (Excel's limit) whole", () => {
    const text = "a".repeat(32767);
    expect(EXCEL_CELL_LIMIT).toBe(32767);
    expect(fitCellText(text)).toBe(text);
  });

  it("cuts a note one character longer to exactly 32,767 characters, ending with the visible marker", () => {
    const out = fitCellText("b".repeat(32768));
    expect(out).toHaveLength(32767);
    expect(out.endsWith(MARKER)).toBe(true);
    expect(out.slice(0, 32767 - MARKER.length)).toBe("b".repeat(32767 - MARKER.length));
  });

  describe("never splits an emoji (a surrogate pair) at the cut", () => {
    let keep: number;
    beforeEach(() => {
      keep = 32767 - MARKER.length;
    });

    it.each([
      ["U+1F600", "\u{1F600}"],
      ["U+10000, the first high surrogate D800", "\u{10000}"],
      ["U+10FFFF, the last high surrogate DBFF", "\u{10FFFF}"],
    ])("drops the whole character %s when the cut falls inside it", (_name, emoji) => {
      const text = "a".repeat(keep - 1) + emoji + "z".repeat(500);
      const out = fitCellText(text);
      expect(out).toBe("a".repeat(keep - 1) + MARKER);
      expect(LONE_HIGH.test(out)).toBe(false);
    });

    it("keeps a character that ends just before the cut", () => {
      const text = "a".repeat(keep - 2) + "\u{1F600}" + "z".repeat(500);
      expect(fitCellText(text)).toBe("a".repeat(keep - 2) + "\u{1F600}" + MARKER);
    });
  });
});

describe("ukDate and inspectionDates", () => {
  it("writes an ISO date the UK way, and leaves anything else as written", () => {
    expect(ukDate("2014-06-16")).toBe("16 June 2014");
    expect(ukDate("2027-01-05")).toBe("5 January 2027");
    expect(ukDate("2027-12-31")).toBe("31 December 2027");
    expect(ukDate("on 2014-06-16")).toBe("on 2014-06-16");
    expect(ukDate("2014-06-16 (week 1)")).toBe("2014-06-16 (week 1)");
    expect(ukDate("2014-13-01")).toBe("2014-13-01");
    expect(ukDate("2014-00-01")).toBe("2014-00-01");
  });

  it("says the dates recorded, one or both", () => {
    expect(inspectionDates("2014-06-16", "2014-06-18")).toBe("16 June 2014 to 18 June 2014");
    expect(inspectionDates("2014-06-16", "2014-06-16")).toBe("16 June 2014");
    expect(inspectionDates("2014-06-16", null)).toBe("from 16 June 2014");
    expect(inspectionDates(null, "2014-06-18")).toBe("to 18 June 2014");
    expect(inspectionDates(null, null)).toBe("not recorded");
  });
});

describe("isoToSerial", () => {
  it("gives Excel's day number of an ISO date", () => {
    expect(isoToSerial("2014-06-16")).toBe(41806);
    expect(isoToSerial("1900-03-01")).toBe(61);
  });

  it.each(["x2014-06-16", "2014-06-16x", "14-06-16", "2014-6-16", "2014-06-1", "20a4-06-16", "2014-0a-16", "2014-06-1a", "16/06/2014"])("is null for %s, which is not an ISO date", (text) => {
    expect(isoToSerial(text)).toBeNull();
  });

  it("is null for no date", () => {
    expect(isoToSerial(null)).toBeNull();
  });
});

describe("textWidth: Calibri's widths", () => {
  it("measures a line in points, with 2% to spare", () => {
    // C 1092 + a 981 + s 801 + e 1019 = 3893 units of 1/2048 em: 3893/2048 × 11 × 1.02.
    expect(textWidth("Case")).toBeCloseTo(21.3279, 3);
    expect(textWidth("Case", { size: 22 })).toBeCloseTo(42.6558, 3);
  });

  it("uses the bold and italic widths", () => {
    // Bold a 1011, italic a 1053, regular a 981.
    expect(textWidth("a", { bold: true })).toBeCloseTo((1011 / 2048) * FULL_EM_11, 6);
    expect(textWidth("a", { italic: true })).toBeCloseTo((1053 / 2048) * FULL_EM_11, 6);
    expect(textWidth("a")).toBeCloseTo((981 / 2048) * FULL_EM_11, 6);
  });

  it("gives the last printable ASCII character, ~, its own width (as wide as +)", () => {
    expect(textWidth("~")).toBeCloseTo(textWidth("+"), 9);
    expect(textWidth("~")).toBeCloseTo((1020 / 2048) * FULL_EM_11, 6);
  });

  it("gives a Latin-1 letter with an accent the width of its letter, from ¡ (U+00A1) to ÿ (U+00FF)", () => {
    expect(textWidth("é")).toBeCloseTo(textWidth("e"), 9);
    expect(textWidth("Ö")).toBeCloseTo(textWidth("O"), 9);
    expect(textWidth("ÿ")).toBeCloseTo(textWidth("y"), 9);
    expect(textWidth("¡")).toBeCloseTo((667 / 2048) * FULL_EM_11, 6);
  });

  it("gives dashes, quotes and the ellipsis their own widths", () => {
    expect(textWidth("\u2014")).toBeCloseTo((1854 / 2048) * FULL_EM_11, 6);
    expect(textWidth("\u2026", { bold: true })).toBeCloseTo((1457 / 2048) * FULL_EM_11, 6);
  });

  it.each([
    ["a control character (U+0085)", "\u0085"],
    ["a character with no glyph in the table (the soft hyphen U+00AD)", "\u00AD"],
    ["a Latin Extended letter (Ā, U+0100)", "\u0100"],
    ["U+10FF, just before the Hangul Jamo", "\u10FF"],
    ["U+1160, just after the wide Hangul Jamo", "\u1160"],
    ["U+2E7F, just before the CJK radicals", "\u2E7F"],
    ["U+A4D0, just after the Yi radicals", "\uA4D0"],
    ["U+ABFF, just before the Hangul syllables", "\uABFF"],
    ["U+D7A4, just after the Hangul syllables", "\uD7A4"],
    ["U+F8FF, just before the CJK compatibility ideographs", "\uF8FF"],
    ["U+FB00, just after them", "\uFB00"],
    ["U+FEFF, just before the fullwidth forms", "\uFEFF"],
    ["U+FF61, just after them (a halfwidth form)", "\uFF61"],
    ["U+1F2FF, just before the pictographs", "\u{1F2FF}"],
  ])("gives %s the generous average width", (_name, ch) => {
    expect(textWidth(ch)).toBeCloseTo(UNKNOWN_11, 6);
  });

  it.each([
    ["U+1100, the first Hangul Jamo", "\u1100"],
    ["U+115F, the last wide Hangul Jamo", "\u115F"],
    ["U+2E80, the first CJK radical", "\u2E80"],
    ["中 (U+4E2D)", "\u4E2D"],
    ["U+A4CF, the last Yi radical", "\uA4CF"],
    ["U+AC00, the first Hangul syllable", "\uAC00"],
    ["U+D7A3, the last Hangul syllable", "\uD7A3"],
    ["U+F900, the first CJK compatibility ideograph", "\uF900"],
    ["U+FAFF, the last", "\uFAFF"],
    ["U+FF00, the first fullwidth form", "\uFF00"],
    ["U+FF60, the last", "\uFF60"],
    ["U+1F300, the first pictograph", "\u{1F300}"],
    ["😀 (U+1F600)", "\u{1F600}"],
  ])("gives %s a full em", (_name, ch) => {
    expect(textWidth(ch)).toBeCloseTo(FULL_EM_11, 6);
  });
});

describe("wrapLines and wrapText", () => {
  it("wraps words greedily at spaces", () => {
    // "one two" is about 37.6 points, "one two three" about 65.1: at 40 points, three goes below.
    expect(wrapText("one two three", 40)).toEqual(["one two", "three"]);
    expect(wrapLines("one two three", 40)).toEqual([
      { start: 0, end: 7 },
      { start: 8, end: 13 },
    ]);
  });

  it("keeps two words on one line when they exactly fill the column", () => {
    const width = textWidth("one") + textWidth(" ") + textWidth("two");
    expect(wrapText("one two", width)).toEqual(["one two"]);
    expect(wrapText("one two", width - 0.01)).toEqual(["one", "two"]);
  });

  it("keeps two words on one line with a hair to spare, and a single word that just fits", () => {
    expect(wrapText("one two", textWidth("one two") + 0.01)).toEqual(["one two"]);
    expect(wrapLines("three", textWidth("three") + 0.01)).toEqual([{ start: 0, end: 5 }]);
  });

  it("starts each paragraph on a new line, whatever the line break", () => {
    expect(wrapText("one two\nthree four", 200)).toEqual(["one two", "three four"]);
    expect(wrapText("one\r\ntwo\rthree", 200)).toEqual(["one", "two", "three"]);
    expect(wrapLines("ab\r\ncd", 200)).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
    ]);
  });

  it("keeps a leading space and a trailing space on the line they belong to", () => {
    expect(wrapText(" one", 200)).toEqual([" one"]);
    expect(wrapLines("one two ", 200)).toEqual([{ start: 0, end: 8 }]);
    // " one two" is about 40.1 points: at 45 the leading space stays with one and two, three goes below.
    expect(wrapText(" one two three", 45)).toEqual([" one two", "three"]);
  });

  it("gives an empty text one empty line", () => {
    expect(wrapLines("", 100)).toEqual([{ start: 0, end: 0 }]);
  });

  it("breaks a word wider than the column where it overflows", () => {
    const width = textWidth("a") + textWidth("b") + textWidth("c");
    // abc exactly fills the column: each line takes three letters.
    expect(wrapText("abcabcab", width)).toEqual(["abc", "abc", "ab"]);
    expect(wrapText("abcabcab", width - 0.01)).toEqual(["ab", "ca", "bc", "ab"]);
  });

  it("puts a single character wider than the column on its own line, with no empty line before it", () => {
    expect(wrapText("WW", 1)).toEqual(["W", "W"]);
    expect(wrapText("x WW", 1)).toEqual(["x", "W", "W"]);
  });

  it("carries on after a broken word on the line its last piece started", () => {
    const width = textWidth("abc");
    expect(wrapText("abcabc a", width + 0.01)).toEqual(["abc", "abc", "a"]);
  });
});

describe("splitToLines", () => {
  it("keeps a text that fits in the lines allowed as one piece", () => {
    expect(splitToLines("one two three", 40, {}, 2)).toEqual(["one two three"]);
    expect(splitToLines("one two three", 40, {}, 3)).toEqual(["one two three"]);
  });

  it("cuts a longer text at line starts into pieces of at most that many lines", () => {
    // At 10 points each of a, b, c, d is a line of its own.
    expect(splitToLines("a b c d", 8, {}, 2)).toEqual(["a b", "c d"]);
    expect(splitToLines("a b c d e", 8, {}, 2)).toEqual(["a b", "c d", "e"]);
    expect(splitToLines("a b c d", 8, {}, 3)).toEqual(["a b c", "d"]);
    expect(splitToLines("a b c d", 8, {}, 1)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("row and column sizes", () => {
  it("gives a line of text the height of Excel's rows, in whole pixels", () => {
    expect(lineHeight()).toBe(15);
    expect(lineHeight(11)).toBe(15);
    // 10 points: 10/11 of 20 pixels, 18.2, rounded up to 19 pixels, 14.25 points.
    expect(lineHeight(10)).toBe(14.25);
  });

  it("gives the room for text in a column, its padding taken off", () => {
    // 10 characters: 70 pixels less 6 of padding, 64 pixels, 48 points.
    expect(columnTextWidth(10)).toBe(48);
    // 8.43 characters (Excel's default): 59.01 pixels rounds to 59, less 6: 39.75 points.
    expect(columnTextWidth(8.43)).toBe(39.75);
    // 9.5 characters: 66.5 pixels, rounded half up to 67, less 6: 45.75 points.
    expect(columnTextWidth(9.5)).toBe(45.75);
    expect(columnTextWidth(0)).toBe(0.75);
  });
});

describe("spaces at a line's end", () => {
  it("hang past the column's edge, as LibreOffice and Excel set them: a double space where a line is full adds no empty line", () => {
    // 5.6 characters: 39 pixels less 6, 24.75 points. "word" is about 23.7 points; a space, 2.5.
    // LibreOffice shows "word  word" in such a cell on two lines, as it does "word word".
    const width = columnTextWidth(5.6);
    expect(width).toBe(24.75);
    expect(wrapText("word word", width)).toEqual(["word", "word"]);
    expect(wrapText("word  word", width)).toHaveLength(2);
    expect(wrapText("word  word", width).map((l) => l.trim())).toEqual(["word", "word"]);
    expect(wrapText("word   word word", width).map((l) => l.trim())).toEqual(["word", "word", "word"]);
  });
});
