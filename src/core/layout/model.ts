/**
 * The generated sheets as plain data. One model, rendered by every writer (ExcelJS for files
 * and the browser page, Office.js in the add-in), so the Summary looks the same everywhere.
 *
 * Positions are zero-based. Formulas are written without the leading "=" and always carry the
 * value the engine computed, so a file shows the right figures before any recalculation.
 */
import { quoteSheetName } from "../address";

/** A colour as six hex digits, no "#": "1F6E43". */
export type Colour = string;

export interface CellStyle {
  /** Font name; the generated sheets say Calibri, so the row heights measured for it hold. */
  readonly font?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points (default 11). */
  readonly size?: number;
  readonly colour?: Colour;
  readonly fill?: Colour;
  /** Excel number format, e.g. "0.0%" or "@". */
  readonly numberFormat?: string;
  readonly wrap?: boolean;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "middle" | "bottom";
  /** A thin border on these sides. */
  readonly border?: readonly ("top" | "bottom" | "left" | "right")[];
  readonly borderColour?: Colour;
  readonly indent?: number;
}

/** What a cell holds. Text is always written as text: it never becomes a formula. */
export type LayoutCell =
  | { readonly row: number; readonly col: number; readonly kind: "text"; readonly text: string; readonly style?: string }
  | { readonly row: number; readonly col: number; readonly kind: "number"; readonly number: number; readonly style?: string }
  /** TRUE or FALSE, as a person typed it in a column the sheet keeps. */
  | { readonly row: number; readonly col: number; readonly kind: "boolean"; readonly value: boolean; readonly style?: string }
  | {
      readonly row: number;
      readonly col: number;
      readonly kind: "formula";
      /** Without the leading "=". */
      readonly formula: string;
      /** The engine's value for it (cached in the file); null shows as empty. */
      readonly result: string | number | null;
      readonly style?: string;
    };

export interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A1 range on the same sheet, e.g. "F5:F24". */
export type SheetRange = string;

export type ConditionalFormat =
  | {
      readonly kind: "expression";
      readonly range: SheetRange;
      /** Written for the range's top-left cell, relative references as Excel expects. No "=". */
      readonly formula: string;
      readonly style: Pick<CellStyle, "fill" | "colour" | "bold">;
    }
  | {
      readonly kind: "text-equals";
      readonly range: SheetRange;
      readonly text: string;
      readonly style: Pick<CellStyle, "fill" | "colour" | "bold">;
    }
  | { readonly kind: "data-bar"; readonly range: SheetRange; readonly colour: Colour; readonly min: number; readonly max: number };

/** Page margins in inches. */
export interface PageMargins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

/** Excel's "Normal" margins. */
export const NORMAL_MARGINS: PageMargins = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

export interface PrintSettings {
  readonly orientation: "landscape" | "portrait";
  /** Pages wide (1); pages tall 0 means as many as needed. */
  readonly fitToWidth: number;
  readonly fitToHeight: number;
  /** Default {@link NORMAL_MARGINS}. */
  readonly margins?: PageMargins;
  /** Zero-based rows that start a new printed page (manual page breaks), ascending. Default none. */
  readonly pageBreaks?: readonly number[];
  /** Zero-based rows repeated at the top of every printed page, inclusive. */
  readonly repeatRows: { readonly first: number; readonly last: number } | null;
  /** Plain footer text (no Excel header/footer codes); writers add the page number. */
  readonly footer: string;
}

/**
 * A column chart (the section scores: one series; the roll-up: a series per section), drawn by every writer: a DrawingML chart
 * part in files, `worksheet.charts` in Office.js. It reads its cells, so it follows recalculation.
 */
export interface ChartSpec {
  readonly title: string;
  /** Ranges on this sheet: categories (section names) and values (percentages). */
  readonly categories: SheetRange;
  readonly values: SheetRange;
  /** The values as the engine computed them, and the categories' text (cached in files). */
  readonly cachedCategories?: readonly string[];
  readonly cachedValues?: readonly (number | null)[];
  /** Number format of the bars' labels (default "0%"). */
  readonly valueFormat?: string;
  /** Number format of the value axis (default the labels' format). */
  readonly axisFormat?: string;
  /** The value axis runs from 0 to this (default 1, for percentages). */
  readonly valueMax?: number;
  /** Colour of the bars (default 5B9BD5). */
  readonly colour?: Colour;
  /** Name of the series `values` holds (default the title). */
  readonly seriesName?: string;
  /**
   * Series after the first, over the same categories (the roll-up's sections across services).
   * With any, the chart has a legend and no data labels.
   */
  readonly moreSeries?: readonly ChartSeries[];
  /** Top-left anchor cell and size in columns × rows. */
  readonly anchor: { readonly row: number; readonly col: number };
  readonly widthCols: number;
  readonly heightRows: number;
}

/** A further series of a chart: its name, its values on the sheet (cached in files) and colour. */
export interface ChartSeries {
  readonly name: string;
  readonly values: SheetRange;
  readonly cachedValues?: readonly (number | null)[];
  readonly colour?: Colour;
}

/**
 * Every series of a chart: the first (`values`) and those after it.
 * @example allSeries(layout.chart!).length // 1 for the Summary's section scores
 */
export function allSeries(spec: ChartSpec): ChartSeries[] {
  const first: ChartSeries = { name: spec.seriesName ?? spec.title, values: spec.values, ...(spec.cachedValues ? { cachedValues: spec.cachedValues } : {}), ...(spec.colour ? { colour: spec.colour } : {}) };
  return [first, ...(spec.moreSeries ?? [])];
}

/**
 * Columns folded away in an outline group at level 1 (Excel's Data › Group): while collapsed they
 * are hidden, do not print, and a "+" button above the column after them shows them again. A
 * column is only ever hidden this way, so a person can always find it (a plain hidden column has
 * no button). Zero-based, inclusive; groups must not touch or overlap (Excel would merge them).
 */
export interface ColumnGroup {
  readonly first: number;
  readonly last: number;
  readonly collapsed: boolean;
}

/**
 * The column groups a writer can render: whole, in order, apart from one another (two touching
 * groups would be one group to Excel) and leaving a column after them for the "+" button.
 * @example columnGroupsOf({ columnGroups: [{ first: 5, last: 5, collapsed: true }] }) // [{ first: 5, last: 5, collapsed: true }]
 */
export function columnGroupsOf(layout: { readonly columnGroups?: readonly ColumnGroup[] }, maxCols = 16384): ColumnGroup[] {
  const groups = [...(layout.columnGroups ?? [])].sort((a, b) => a.first - b.first);
  for (const [i, g] of groups.entries()) {
    if (!Number.isInteger(g.first) || !Number.isInteger(g.last) || g.first < 0 || g.last < g.first || g.last >= maxCols - 1) {
      throw new RangeError(`a column group runs from column ${g.first} to ${g.last}, which is not a range of columns with one after it`);
    }
    const before = groups[i - 1];
    if (before && g.first <= before.last + 1) throw new RangeError(`the column groups at columns ${before.first}–${before.last} and ${g.first}–${g.last} touch or overlap`);
  }
  return groups;
}

/** An Excel table on a sheet: its range (header row first), column names and table style. */
export interface TableLayout {
  readonly name: string;
  readonly range: SheetRange;
  readonly columns: readonly string[];
  readonly style: string;
}

/** A dropdown list on a range; other values are refused (`strict`) or allowed after a warning. */
export interface ListValidation {
  readonly range: SheetRange;
  readonly list: readonly string[];
  readonly error: string;
  readonly strict: boolean;
}

/**
 * A sheet people fill in (the template's Cases, Interviews, Criteria and Settings), rendered by
 * the file writer as a new workbook: cells and styles as in a generated sheet, plus tables and
 * dropdowns.
 */
export interface WorksheetLayout {
  readonly name: string;
  readonly styles: Readonly<Record<string, CellStyle>>;
  readonly cells: readonly LayoutCell[];
  readonly columnWidths: readonly number[];
  readonly rowHeights: readonly { readonly row: number; readonly height: number }[];
  readonly freeze: { readonly rows: number; readonly cols: number } | null;
  readonly tables: readonly TableLayout[];
  readonly validations: readonly ListValidation[];
  /** Columns grouped in an outline, folded away or not (none when absent). */
  readonly columnGroups?: readonly ColumnGroup[];
}

export type GeneratedKind = "summary" | "strengths" | "moderation" | "previous" | "action-plan" | RollupKind;

/** The sheets of a roll-up workbook (a new workbook setting several inspections side by side). */
export type RollupKind = "rollup-services" | "rollup-criteria" | "rollup-chart" | "rollup-sources";

/** How each generated sheet names itself in its marker: "Generated by Case Inspection Workbook (Summary) …". */
export const GENERATED_KIND_LABELS: Readonly<Record<GeneratedKind, string>> = {
  summary: "Summary",
  strengths: "Strengths & improvements",
  moderation: "Moderation",
  previous: "Previous inspection",
  "action-plan": "Action plan",
  "rollup-services": "Roll-up: services",
  "rollup-criteria": "Roll-up: criteria",
  "rollup-chart": "Roll-up: chart",
  "rollup-sources": "Roll-up: sources",
};

export interface SheetLayout {
  readonly kind: GeneratedKind;
  /** The name wanted; a writer picks a free one if a user's own sheet already has it. */
  readonly name: string;
  readonly styles: Readonly<Record<string, CellStyle>>;
  readonly cells: readonly LayoutCell[];
  /** Widths in characters, by zero-based column. */
  readonly columnWidths: readonly number[];
  /**
   * Heights in points of the rows that are not one line of 11-point text: wrapped text measured
   * in Calibri's widths, larger fonts, spacers. Spreadsheet programs do not reliably fit rows to
   * wrapped text when they open a file, so the layout says.
   */
  readonly rowHeights: readonly { readonly row: number; readonly height: number }[];
  readonly merges: readonly Merge[];
  /** Rows and columns frozen at the top and left. */
  readonly freeze: { readonly rows: number; readonly cols: number } | null;
  readonly conditionalFormats: readonly ConditionalFormat[];
  readonly print: PrintSettings;
  readonly chart: ChartSpec | null;
  /** Dropdowns (none when absent). */
  readonly validations?: readonly ListValidation[];
  /** Columns grouped in an outline, folded away or not (none when absent). */
  readonly columnGroups?: readonly ColumnGroup[];
  /** Number of rows and columns the layout spans. */
  readonly rowCount: number;
  readonly colCount: number;
  /** Text written in the marker cell (see GENERATED_MARKER_CELL) that identifies a generated sheet. */
  readonly marker: string;
}

/**
 * A reference, in a formula, to another generated sheet of the same build, by kind: the writer
 * replaces it with that sheet's name as it writes it (quoted for a formula), since the name is
 * known only then (a user's own sheet may hold the wanted one; an earlier sheet may be renamed).
 * @example `SUM(${sheetReference("moderation")}!$K$9:$K$12)`
 */
export function sheetReference(kind: GeneratedKind): string {
  return `\u27e6${kind}\u27e7`;
}

/**
 * The layouts with every sheet reference in their formulas replaced by the quoted name `nameOf`
 * gives its kind (a sheet not written this time gives null and the reference stays an error).
 * @example resolveSheetReferences(layouts, (kind) => names.get(kind) ?? null)
 */
export function resolveSheetReferences<T extends Pick<SheetLayout, "cells" | "conditionalFormats">>(layouts: readonly T[], nameOf: (kind: GeneratedKind) => string | null): T[] {
  const token = /\u27e6(summary|strengths|moderation)\u27e7/g;
  const resolve = (formula: string): string =>
    formula.replace(token, (_m, kind: GeneratedKind) => {
      const name = nameOf(kind);
      return name === null ? "#REF!" : quoteSheetName(name);
    });
  return layouts.map((layout) => {
    if (!layout.cells.some((c) => c.kind === "formula" && c.formula.includes("\u27e6"))) return layout;
    return {
      ...layout,
      cells: layout.cells.map((c) => (c.kind === "formula" && c.formula.includes("\u27e6") ? { ...c, formula: resolve(c.formula) } : c)),
      conditionalFormats: layout.conditionalFormats.map((f) => (f.kind === "expression" && f.formula.includes("\u27e6") ? { ...f, formula: resolve(f.formula) } : f)),
    };
  });
}

/**
 * Where the generation marker sits: the first cell of the last used row is fragile, so the marker
 * is the text of cell A2 (the "generated by" line), which starts with GENERATED_MARKER_PREFIX.
 * A copy or a rename of the sheet keeps it, so regenerating still recognises the sheet.
 */
export const GENERATED_MARKER_CELL = { row: 1, col: 0 } as const;
export const GENERATED_MARKER_PREFIX = "Generated by Case Inspection Workbook";

/**
 * Whether the text of cell A2 marks a sheet as one of ours, and which kind.
 * @example generatedKindOf("Generated by Case Inspection Workbook (Summary) on 25 November 2026") // "summary"
 */
export function generatedKindOf(a2: unknown): GeneratedKind | null {
  if (typeof a2 !== "string" || !a2.startsWith(GENERATED_MARKER_PREFIX)) return null;
  for (const [kind, label] of Object.entries(GENERATED_KIND_LABELS) as [GeneratedKind, string][]) {
    if (a2.startsWith(`${GENERATED_MARKER_PREFIX} (${label})`)) return kind;
  }
  return null;
}
