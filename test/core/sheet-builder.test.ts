/**
 * The builder every generated sheet is made with: the extent of the sheet, merges, the heading
 * rows, row heights measured from the text a row holds, and the page breaks that keep what
 * belongs together on one page. Expected values are worked out by hand: Excel's rows are 15
 * points; a portrait A4 page with normal margins (0.75 inch top and bottom) and 12 points to
 * spare holds 841.9 − 108 − 12 = 721.9 points, 48 rows of 15 (720); landscape, 595.3 − 108 − 12 =
 * 475.3 points, 31 rows (465).
 */
import type { CellStyle, PrintSettings } from "../../src/core";
import { SheetBuilder } from "../../src/core/layout/sheet-builder";

const STYLES: Readonly<Record<string, CellStyle>> = {
  title: { bold: true, size: 16 },
  marker: { italic: true, size: 9 },
  note: { italic: true, wrap: true },
  wrap: { wrap: true },
};

const PRINT = (fitToHeight: number, orientation: PrintSettings["orientation"] = "portrait"): Omit<PrintSettings, "pageBreaks"> => ({
  orientation,
  fitToWidth: 1,
  fitToHeight,
  repeatRows: null,
  footer: "",
});

const build = (b: SheetBuilder, options: { widths?: number[]; fitToHeight?: number; orientation?: PrintSettings["orientation"] } = {}) =>
  b.build({ columnWidths: options.widths ?? [10, 10, 10], freeze: null, print: PRINT(options.fitToHeight ?? 0, options.orientation), chart: null, marker: "m" });

/** A sheet of `rows` one-line rows of text. */
function rowsOfText(rows: number): SheetBuilder {
  const b = new SheetBuilder("strengths", "S", STYLES);
  for (let r = 0; r < rows; r++) b.text(r, 0, `row ${r + 1}`);
  return b;
}

describe("SheetBuilder", () => {
  it("spans every column written to, or every column given a width, whichever is more", () => {
    const b = new SheetBuilder("summary", "S", STYLES).text(0, 5, "far right").text(3, 0, "low");
    expect(build(b, { widths: [10] })).toMatchObject({ rowCount: 4, colCount: 6 });
    const narrow = new SheetBuilder("summary", "S", STYLES).text(0, 2, "x");
    expect(build(narrow, { widths: Array<number>(12).fill(8) }).colCount).toBe(12);
  });

  it("merges only ranges of more than one cell, across or down", () => {
    const b = new SheetBuilder("summary", "S", STYLES).merge(1, 1, 1, 1).merge(2, 0, 3, 0).merge(4, 0, 4, 2);
    expect(build(b).merges).toEqual([
      { top: 2, left: 0, bottom: 3, right: 0 },
      { top: 4, left: 0, bottom: 4, right: 2 },
    ]);
  });

  it("writes the heading rows in their styles, each merged across", () => {
    const l = build(new SheetBuilder("moderation", "M", STYLES).heading("Title", "Marker", "A note", 4));
    expect(l.cells).toEqual([
      { row: 0, col: 0, kind: "text", text: "Title", style: "title" },
      { row: 1, col: 0, kind: "text", text: "Marker", style: "marker" },
      { row: 2, col: 0, kind: "text", text: "A note", style: "note" },
    ]);
    expect(l.merges).toEqual([0, 1, 2].map((r) => ({ top: r, left: 0, bottom: r, right: 4 })));
  });

  it("measures a row for its wrapped text, but not for a formula's number", () => {
    // 10 characters: 48 points of text. Three words of about 30 points each: three lines, 45 points.
    const b = new SheetBuilder("summary", "S", STYLES).text(0, 0, "Reviewing Reviewing Reviewing", "wrap").formula(1, 0, "1+1", 2, "wrap").formula(2, 0, "A1", "Reviewing Reviewing", "wrap");
    expect(build(b).rowHeights).toEqual([
      { row: 0, height: 45 },
      { row: 2, height: 30 },
    ]);
  });

  it("keeps a fixed height whatever the row holds", () => {
    const b = new SheetBuilder("summary", "S", STYLES).text(0, 0, "Reviewing Reviewing Reviewing", "wrap").height(0, 6);
    expect(build(b).rowHeights).toEqual([{ row: 0, height: 6 }]);
  });

  describe("page breaks", () => {
    it("are placed where a portrait page fills, once anything is kept together", () => {
      const b = rowsOfText(100).keepTogether(2, 3);
      expect(build(b).print.pageBreaks).toEqual([48, 96]);
    });

    it("are placed where a landscape page fills", () => {
      const b = rowsOfText(100).keepTogether(2, 3);
      expect(build(b, { orientation: "landscape" }).print.pageBreaks).toEqual([31, 62, 93]);
    });

    it("are not added after the last row", () => {
      // 96 rows fill two pages exactly: no break after them.
      expect(build(rowsOfText(96).keepTogether(2, 3)).print.pageBreaks).toEqual([48]);
    });

    it("are left to the program when nothing is kept together, or when the sheet fits a page", () => {
      expect(build(rowsOfText(100)).print.pageBreaks).toEqual([]);
      expect(build(rowsOfText(100).keepTogether(5, 4)).print.pageBreaks).toEqual([]);
      expect(build(rowsOfText(100).keepTogether(2, 3), { fitToHeight: 1 }).print.pageBreaks).toEqual([]);
    });

    it("move up to the start of a group that would be split", () => {
      // Rows 46–49 kept together: the page would fill after row 47, so the break comes before 46.
      expect(build(rowsOfText(100).keepTogether(46, 49)).print.pageBreaks).toEqual([46, 94]);
    });

    it("do not move for a group taller than a page", () => {
      expect(build(rowsOfText(100).keepTogether(10, 70)).print.pageBreaks).toEqual([48, 96]);
    });

    it("keep a group that exactly fills the rest of a page on it", () => {
      // 400 + 291.9 = 691.9 points, then a group of two rows (30): exactly 721.9.
      const b = rowsOfText(5).height(0, 400).height(1, 291.9).keepTogether(2, 3);
      expect(build(b).print.pageBreaks).toEqual([4]);
    });

    it("keep a row that exactly fills a page on it", () => {
      // 400 + 306.9 + 15 = 721.9 points: row 2 fits; row 3 starts a page.
      const b = rowsOfText(4).height(0, 400).height(1, 306.9).keepTogether(3, 3);
      expect(build(b).print.pageBreaks).toEqual([3]);
    });

    it("move a group exactly a page tall to a page of its own", () => {
      // Rows 1–3: 400 + 306.9 + 15 = 721.9 points, after row 0's 15.
      const b = rowsOfText(5).height(1, 400).height(2, 306.9).keepTogether(1, 3);
      expect(build(b).print.pageBreaks).toEqual([1, 4]);
    });
  });
});
