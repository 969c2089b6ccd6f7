/**
 * A small helper that accumulates a SheetLayout row by row.
 */
import { toA1 } from "../address";
import type { CellStyle, ChartSpec, ConditionalFormat, GeneratedKind, LayoutCell, Merge, PrintSettings, SheetLayout } from "./model";
import { fitCellText } from "./text";

export class SheetBuilder {
  private readonly cells: LayoutCell[] = [];
  private readonly merges: Merge[] = [];
  private readonly formats: ConditionalFormat[] = [];
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

  merge(top: number, left: number, bottom: number, right: number): this {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
    this.grow(bottom, right);
    return this;
  }

  conditional(format: ConditionalFormat): this {
    this.formats.push(format);
    return this;
  }

  /** The A1 address of a position (for formulas on this sheet). */
  static at(row: number, col: number): string {
    return toA1({ row, col });
  }

  /**
   * Estimated heights for rows with wrapped text: lines at about 1.2 characters per unit of
   * column width (Excel's unit is one digit's width, and text averages narrower), 15 points a
   * line at 11 points, capped at Excel's 409-point maximum.
   */
  private rowHeights(widths: readonly number[]): { row: number; height: number }[] {
    const span = new Map<string, number>();
    for (const m of this.merges) {
      let w = 0;
      for (let c = m.left; c <= m.right; c++) w += widths[c] ?? 8.43;
      span.set(`${m.top}:${m.left}`, w);
    }
    const lines = new Map<number, number>();
    for (const cell of this.cells) {
      if (cell.kind !== "text" || cell.style === undefined) continue;
      const style = this.styles[cell.style];
      if (!style?.wrap) continue;
      const width = span.get(`${cell.row}:${cell.col}`) ?? widths[cell.col] ?? 8.43;
      const perLine = Math.max(1, Math.floor(width * 1.2 * (11 / (style.size ?? 11))));
      let n = 0;
      for (const paragraph of cell.text.split("\n")) n += Math.max(1, Math.ceil(paragraph.length / perLine));
      if (n > (lines.get(cell.row) ?? 1)) lines.set(cell.row, n);
    }
    return [...lines]
      .sort((a, b) => a[0] - b[0])
      .map(([row, n]) => ({ row, height: Math.min(409, n * 15) }));
  }

  build(options: {
    readonly columnWidths: readonly number[];
    readonly freeze: SheetLayout["freeze"];
    readonly print: PrintSettings;
    readonly chart: ChartSpec | null;
    readonly marker: string;
  }): SheetLayout {
    return {
      rowHeights: this.rowHeights(options.columnWidths),
      kind: this.kind,
      name: this.name,
      styles: this.styles,
      cells: this.cells,
      columnWidths: options.columnWidths,
      merges: this.merges,
      freeze: options.freeze,
      conditionalFormats: this.formats,
      print: options.print,
      chart: options.chart,
      rowCount: this.rows,
      colCount: Math.max(this.cols, options.columnWidths.length),
      marker: options.marker,
    };
  }
}
