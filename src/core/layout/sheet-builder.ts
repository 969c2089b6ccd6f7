/**
 * A small helper that accumulates a SheetLayout row by row, measures the rows' heights from the
 * text they hold (Calibri's widths) and, for sheets that print on several pages, places the page
 * breaks so that what belongs together stays on one page.
 */
import { toA1 } from "../address";
import type { CellValue } from "../grid";
import { NORMAL_MARGINS, type CellStyle, type ChartSpec, type ConditionalFormat, type GeneratedKind, type LayoutCell, type ListValidation, type Merge, type PrintSettings, type SheetLayout } from "./model";
import { columnTextWidth, fitCellText, lineHeight, MAX_ROW_HEIGHT, wrapText } from "./text";

/** A4 in points. */
const A4 = { width: 595.3, height: 841.9 } as const;
/** Points of a page left unused when placing breaks, so a program that measures a little differently never adds its own. */
const PAGE_SLACK = 12;

export class SheetBuilder {
  private readonly cells: LayoutCell[] = [];
  private readonly merges: Merge[] = [];
  private readonly formats: ConditionalFormat[] = [];
  private readonly fixedHeights = new Map<number, number>();
  private readonly groups: { first: number; last: number }[] = [];
  private readonly validations: ListValidation[] = [];
  private rows = 0;
  private cols = 0;

  constructor(
    private readonly kind: GeneratedKind,
    private readonly name: string,
    private readonly styles: Readonly<Record<string, CellStyle>>,
  ) {}

  private grow(row: number, col: number): void {
    this.rows = Math.max(this.rows, row + 1);
    this.cols = Math.max(this.cols, col + 1);
  }

  /** Text, written as text whatever it starts with, cut to fit one cell. */
  text(row: number, col: number, text: string, style?: string): this {
    this.grow(row, col);
    this.cells.push(style === undefined ? { row, col, kind: "text", text: fitCellText(text) } : { row, col, kind: "text", text: fitCellText(text), style });
    return this;
  }

  number(row: number, col: number, value: number, style?: string): this {
    this.grow(row, col);
    this.cells.push(style === undefined ? { row, col, kind: "number", number: value } : { row, col, kind: "number", number: value, style });
    return this;
  }

  formula(row: number, col: number, formula: string, result: string | number | null, style?: string): this {
    this.grow(row, col);
    this.cells.push(style === undefined ? { row, col, kind: "formula", formula, result } : { row, col, kind: "formula", formula, result, style });
    return this;
  }

  /**
   * A value a person typed, written back as it was read: text as text (never cut, never trimmed),
   * a number as a number, TRUE or FALSE as themselves, an error as its text; nothing for a blank.
   */
  kept(row: number, col: number, value: CellValue, style?: string): this {
    if (typeof value === "number" && Number.isFinite(value)) return this.number(row, col, value, style);
    if (typeof value === "boolean") {
      this.grow(row, col);
      this.cells.push(style === undefined ? { row, col, kind: "boolean", value } : { row, col, kind: "boolean", value, style });
      return this;
    }
    const text = value === null || typeof value === "number" ? "" : typeof value === "string" ? value : value.error;
    this.grow(row, col);
    this.cells.push(style === undefined ? { row, col, kind: "text", text } : { row, col, kind: "text", text, style });
    return this;
  }

  /**
   * The first three rows of a generated sheet: the title, the generation marker (A2) and a note on
   * what the sheet is, each merged across to `lastCol`.
   */
  heading(title: string, marker: string, note: string, lastCol: number): this {
    this.text(0, 0, title, "title").merge(0, 0, 0, lastCol);
    this.text(1, 0, marker, "marker").merge(1, 0, 1, lastCol);
    return this.text(2, 0, note, "note").merge(2, 0, 2, lastCol);
  }

  validation(validation: ListValidation): this {
    this.validations.push(validation);
    return this;
  }

  merge(top: number, left: number, bottom: number, right: number): this {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
    this.grow(bottom, right);
    return this;
  }

  conditional(format: ConditionalFormat): this {
    this.formats.push(format);
    return this;
  }

  /** A row of a fixed height in points (a spacer, say), whatever it holds. */
  height(row: number, points: number): this {
    this.fixedHeights.set(row, points);
    this.grow(row, 0);
    return this;
  }

  /** Rows that print on one page (a heading with what follows it), unless together they are taller than a page. */
  keepTogether(first: number, last: number): this {
    if (last >= first) this.groups.push({ first, last });
    return this;
  }

  /** The A1 address of a position (for formulas on this sheet). */
  static at(row: number, col: number): string {
    return toA1({ row, col });
  }

  /**
   * Each row's height in points: a fixed height where one was set, else what its tallest cell
   * needs (wrapped text measured at its column's, or merged columns', width; a larger font), at
   * least Excel's default row. Only rows that differ from the default are listed.
   */
  private measureRows(widths: readonly number[]): Map<number, number> {
    const span = new Map<string, number>();
    for (const m of this.merges) {
      let chars = 0;
      for (let c = m.left; c <= m.right; c++) chars += widths[c] ?? 8.43;
      span.set(`${m.top}:${m.left}`, chars);
    }
    const heights = new Map<number, number>();
    for (const cell of this.cells) {
      if (this.fixedHeights.has(cell.row) || cell.kind === "number" || cell.style === undefined) continue;
      const style = this.styles[cell.style];
      const size = style?.size ?? 11;
      const text = cell.kind === "text" ? cell.text : cell.kind === "formula" && typeof cell.result === "string" ? cell.result : "";
      const lines = style?.wrap && text !== "" ? wrapText(text, columnTextWidth(span.get(`${cell.row}:${cell.col}`) ?? widths[cell.col] ?? 8.43), style).length : 1;
      const needed = Math.min(MAX_ROW_HEIGHT, lines * lineHeight(size));
      if (needed > (heights.get(cell.row) ?? lineHeight(11))) heights.set(cell.row, needed);
    }
    for (const [row, h] of this.fixedHeights) heights.set(row, Math.min(MAX_ROW_HEIGHT, h));
    return heights;
  }

  /**
   * Manual page breaks for a sheet printed at 100% on A4: a break wherever a page fills, moved up
   * to the start of a keep-together group that would otherwise be split.
   */
  private pageBreaks(heights: ReadonlyMap<number, number>, print: Omit<PrintSettings, "pageBreaks">): number[] {
    const m = print.margins ?? NORMAL_MARGINS;
    const pageHeight = (print.orientation === "portrait" ? A4.height : A4.width) - (m.top + m.bottom) * 72 - PAGE_SLACK;
    const heightOf = (row: number): number => heights.get(row) ?? lineHeight(11);
    const groupAt = new Map<number, number>();
    for (const g of this.groups) groupAt.set(g.first, Math.max(groupAt.get(g.first) ?? g.first, g.last));
    const breaks: number[] = [];
    let used = 0;
    let pageStart = 0;
    for (let row = 0; row < this.rows; row++) {
      const last = groupAt.get(row);
      if (last !== undefined && row > pageStart) {
        let group = 0;
        for (let r = row; r <= last; r++) group += heightOf(r);
        if (used + group > pageHeight && group <= pageHeight) {
          breaks.push(row);
          pageStart = row;
          used = 0;
        }
      }
      const h = heightOf(row);
      if (used + h > pageHeight && row > pageStart) {
        breaks.push(row);
        pageStart = row;
        used = 0;
      }
      used += h;
    }
    return breaks;
  }

  build(options: {
    readonly columnWidths: readonly number[];
    readonly freeze: SheetLayout["freeze"];
    /** Page breaks are placed by the builder when the sheet prints at 100% (fitToHeight 0). */
    readonly print: Omit<PrintSettings, "pageBreaks">;
    readonly chart: ChartSpec | null;
    readonly marker: string;
  }): SheetLayout {
    const heights = this.measureRows(options.columnWidths);
    const pageBreaks = options.print.fitToHeight === 0 && this.groups.length > 0 ? this.pageBreaks(heights, options.print) : [];
    return {
      rowHeights: [...heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height })),
      kind: this.kind,
      name: this.name,
      styles: this.styles,
      cells: this.cells,
      columnWidths: options.columnWidths,
      merges: this.merges,
      freeze: options.freeze,
      conditionalFormats: this.formats,
      print: { ...options.print, pageBreaks },
      chart: options.chart,
      ...(this.validations.length > 0 ? { validations: this.validations } : {}),
      rowCount: this.rows,
      colCount: Math.max(this.cols, options.columnWidths.length),
      marker: options.marker,
    };
  }
}
