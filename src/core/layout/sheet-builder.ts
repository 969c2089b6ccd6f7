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

  build(options: {
    readonly columnWidths: readonly number[];
    readonly freeze: SheetLayout["freeze"];
    readonly print: PrintSettings;
    readonly chart: ChartSpec | null;
    readonly marker: string;
  }): SheetLayout {
    return {
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
