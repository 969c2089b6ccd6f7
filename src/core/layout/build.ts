/**
 * Builds the generated sheets' layouts from an analysis. (Work in progress: the full Summary and
 * Strengths & improvements layouts replace this minimal one.)
 */
import type { Analysis } from "../analyse";
import { GENERATED_MARKER_PREFIX, type LayoutCell, type SheetLayout } from "./model";

export interface BuildReportLayoutsOptions {
  /** When the sheets are generated (shown on them). */
  readonly generatedAt: Date;
}

/**
 * The Summary and Strengths & improvements layouts for an analysis.
 * @example buildReportLayouts(analysis, { generatedAt: new Date() }).map((l) => l.name) // ["Summary", "Strengths & improvements"]
 */
export function buildReportLayouts(analysis: Analysis, options: BuildReportLayoutsOptions): SheetLayout[] {
  const cells: LayoutCell[] = [
    { row: 0, col: 0, kind: "text", text: "Summary" },
    { row: 1, col: 0, kind: "text", text: `${GENERATED_MARKER_PREFIX} (Summary) on ${options.generatedAt.toISOString().slice(0, 10)}` },
  ];
  analysis.criteria.forEach((c, i) => {
    cells.push({ row: 3 + i, col: 0, kind: "text", text: c.id });
    cells.push({ row: 3 + i, col: 1, kind: "number", number: c.relevant });
    cells.push({ row: 3 + i, col: 2, kind: "number", number: c.met });
  });
  return [
    {
      kind: "summary",
      name: "Summary",
      styles: {},
      cells,
      columnWidths: [10, 10, 10],
      merges: [],
      freeze: null,
      conditionalFormats: [],
      print: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: null, footer: "" },
      chart: null,
      rowCount: 3 + analysis.criteria.length,
      colCount: 3,
      marker: cells[1]!.kind === "text" ? cells[1]!.text : "",
    },
  ];
}
