/**
 * The template (src/core/template.ts) as sheet layouts for the file writer: a new inspection
 * workbook with the Cases and Interviews tables and their dropdowns, the Criteria sheet and the
 * Settings sheet, optionally filled with rows (the bundled sample, tests, the benchmark). Every
 * style names its font size and the workbook's font is Calibri, so no program falls back to its
 * own default font; header rows are as tall as the longest header wrapped at its column width.
 */
import { columnLetters } from "../address";
import { APPLICABILITY_LABELS } from "../framework";
import { RATING_SCHEME_LABELS, SETTING_ROWS } from "../settings";
import type { SheetTemplate, TableTemplate, WorkbookTemplate } from "../template";
import type { CellStyle, LayoutCell, ListValidation, WorksheetLayout } from "./model";

/** A value to put in a cell. Text is always written as text, even when it begins with "=". */
export type TemplateValue = string | number | Date | null;

/** Options for {@link buildTemplateLayouts}. */
export interface TemplateLayoutOptions {
  /** Case rows to fill the Cases table with, in header order (blank rows follow up to `blankRows`). */
  readonly caseRows?: readonly (readonly TemplateValue[])[];
  /** Second-marking rows to fill the Second marking table with, in header order. */
  readonly secondMarkingRows?: readonly (readonly TemplateValue[])[];
  /** Interview rows to fill the Interviews table with, in header order. */
  readonly interviewRows?: readonly (readonly TemplateValue[])[];
  /** Values for Settings rows, by the label in the sheet's first column ("Service name"). */
  readonly settingValues?: Readonly<Record<string, TemplateValue>>;
}

const FONT_SIZE = 11;
/** Points per line of 11-point Calibri, as Excel sizes a row to it. */
const LINE_POINTS = 15;

const STYLES: Readonly<Record<string, CellStyle>> = {
  header: { bold: true, size: FONT_SIZE, colour: "FFFFFF", fill: "1F4E79", wrap: true, vertical: "top" },
  body: { size: FONT_SIZE, vertical: "top" },
  bodyWrap: { size: FONT_SIZE, vertical: "top", wrap: true },
  percent: { size: FONT_SIZE, vertical: "top", numberFormat: "0%" },
  date: { size: FONT_SIZE, vertical: "top", numberFormat: "d mmm yyyy", horizontal: "left" },
};

/**
 * Approximate advance widths of Calibri (bold), in ems, for the characters headers use; others
 * count as an upper-case letter.
 */
const WIDTHS: Readonly<Record<string, number>> = (() => {
  const w: Record<string, number> = { " ": 0.23, ".": 0.26, ",": 0.26, ":": 0.27, ";": 0.27, "(": 0.31, ")": 0.31, "/": 0.39, "-": 0.31, "&": 0.7, "'": 0.23 };
  const lower = "abcdefghijklmnopqrstuvwxyz";
  const lowerWidths = [0.49, 0.54, 0.42, 0.54, 0.5, 0.32, 0.47, 0.54, 0.25, 0.26, 0.48, 0.25, 0.81, 0.54, 0.54, 0.54, 0.54, 0.36, 0.4, 0.35, 0.54, 0.47, 0.74, 0.46, 0.47, 0.4];
  for (let i = 0; i < lower.length; i++) w[lower[i]!] = lowerWidths[i]!;
  for (const d of "0123456789") w[d] = 0.51;
  return w;
})();

/**
 * Lines a text takes when wrapped at a column width (in characters, as Excel counts them), in
 * 11-point bold Calibri (a little wider than regular, so regular text fits too): words are kept
 * whole, as Excel wraps them.
 * @example wrappedLines("3.4 Management oversight of safeguarding and vulnerability", 14) // 6
 */
export function wrappedLines(text: string, widthChars: number): number {
  const em = (FONT_SIZE * 96) / 72;
  // Excel's column width: characters of the maximum digit width (7 px in Calibri 11) plus 5 px
  // of padding; the text gets the width less a few pixels of cell margin.
  const room = Math.max(1, Math.trunc(widthChars * 7 + 5) - 6);
  const width = (s: string): number => [...s].reduce((sum, ch) => sum + (WIDTHS[ch] ?? 0.62) * em, 0);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      const w = width(word);
      const needed = used === 0 ? w : used + width(" ") + w;
      if (used > 0 && needed > room) {
        lines++;
        used = w;
      } else used = needed;
      // A word wider than the column is broken across lines.
      while (used > room) {
        lines++;
        used -= room;
      }
    }
  }
  return lines;
}

/** The height in points of a header row whose cells wrap at their column widths. */
function headerHeight(headers: readonly (string | number | null)[], widths: readonly number[]): number {
  const lines = Math.max(1, ...headers.map((h, c) => (h === null ? 1 : wrappedLines(String(h), widths[c] ?? 8.43))));
  return lines * LINE_POINTS + 5;
}

function serial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

function cellOf(row: number, col: number, value: TemplateValue | undefined, style: string): LayoutCell {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? { row, col, kind: "number", number: serial(value), style: "date" } : { row, col, kind: "text", text: "", style };
  if (typeof value === "number") return Number.isFinite(value) ? { row, col, kind: "number", number: value, style } : { row, col, kind: "text", text: "", style };
  return { row, col, kind: "text", text: value ?? "", style };
}

function list(range: string, values: readonly string[], error: string, strict: boolean): ListValidation {
  return { range, list: values, error, strict };
}

function tableLayout(t: TableTemplate, fill: readonly (readonly TemplateValue[])[], freezeCols: number): WorksheetLayout {
  const width = t.headers.length;
  const bodyRows = Math.max(t.blankRows, fill.length, 1);
  const cells: LayoutCell[] = t.headers.map((h, c) => ({ row: 0, col: c, kind: "text", text: h, style: "header" }));
  for (let r = 0; r < bodyRows; r++) {
    for (let c = 0; c < width; c++) cells.push(cellOf(r + 1, c, fill[r]?.[c], (t.columnWidths[c] ?? 0) >= 30 ? "bodyWrap" : "body"));
  }
  const last = columnLetters(width - 1);
  // Filled rows as tall as their wrapped notes: programs do not fit rows to wrapped text when they open a file.
  const rowHeights = [{ row: 0, height: headerHeight(t.headers, t.columnWidths) }];
  fill.forEach((values, r) => {
    const lines = Math.max(1, ...values.map((v, c) => (typeof v === "string" && (t.columnWidths[c] ?? 0) >= 30 ? wrappedLines(v, t.columnWidths[c]!) : 1)));
    if (lines > 1) rowHeights.push({ row: r + 1, height: lines * LINE_POINTS + 3 });
  });
  return {
    name: t.sheet,
    styles: STYLES,
    cells,
    columnWidths: t.columnWidths,
    rowHeights,
    freeze: { rows: 1, cols: freezeCols },
    tables: [{ name: t.tableName, range: `A1:${last}${bodyRows + 1}`, columns: t.headers, style: "TableStyleLight9" }],
    validations: t.validations.map((v) => list(`${columnLetters(v.col)}2:${columnLetters(v.col)}${bodyRows + 1}`, v.list, v.errorMessage, v.strict)),
    ...(t.columnGroups ? { columnGroups: t.columnGroups } : {}),
  };
}

function plainLayout(t: SheetTemplate, value: (row: number, col: number) => TemplateValue | undefined, validations: readonly ListValidation[]): WorksheetLayout {
  const percent = new Set(t.percentCells.map((p) => `${p.row}:${p.col}`));
  const cells: LayoutCell[] = [];
  t.rows.forEach((values, r) => {
    values.forEach((v, c) => {
      const given = value(r, c);
      const style = r === 0 ? "header" : percent.has(`${r}:${c}`) ? "percent" : (t.columnWidths[c] ?? 0) >= 30 ? "bodyWrap" : "body";
      cells.push(cellOf(r, c, given === undefined ? v : given, style));
    });
  });
  return {
    name: t.sheet,
    styles: STYLES,
    cells,
    columnWidths: t.columnWidths,
    rowHeights: [{ row: 0, height: headerHeight(t.rows[0] ?? [], t.columnWidths) }],
    freeze: { rows: 1, cols: 0 },
    tables: [],
    validations,
  };
}

/**
 * The sheets of a new inspection workbook, in order: Cases, Interviews, Second marking, Criteria, Settings.
 * @example buildTemplateLayouts(buildTemplate()).map((s) => s.name) // ["Cases", "Interviews", "Second marking", "Criteria", "Settings"]
 */
export function buildTemplateLayouts(template: WorkbookTemplate, options: TemplateLayoutOptions = {}): WorksheetLayout[] {
  const criteriaHeader = (template.criteria.rows[0] ?? []).map((h) => String(h ?? "").toLowerCase());
  const applies = criteriaHeader.indexOf("applies to");
  const criteriaValidations =
    applies < 0
      ? []
      : [
          list(
            `${columnLetters(applies)}2:${columnLetters(applies)}${Math.max(template.criteria.rows.length + 30, 100)}`,
            Object.values(APPLICABILITY_LABELS),
            "Choose who the criterion applies to from the list.",
            false,
          ),
        ];

  const byLabel = new Map(Object.entries(options.settingValues ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const settingsValidations: ListValidation[] = [];
  const dateRows = new Set<number>();
  template.settings.rows.forEach((row, r) => {
    const def = r === 0 ? undefined : SETTING_ROWS.find((s) => s.label === String(row[0] ?? ""));
    if (def?.key === "ratingScheme") settingsValidations.push(list(`B${r + 1}`, Object.values(RATING_SCHEME_LABELS), "Choose None or HMI Probation 2018.", true));
    if (def?.key === "redact") settingsValidations.push(list(`B${r + 1}`, ["Yes", "No"], "Enter Yes or No.", true));
    if (def?.key === "inspectionStart" || def?.key === "inspectionEnd") dateRows.add(r);
  });
  const settings = plainLayout(template.settings, (r, c) => (r > 0 && c === 1 ? byLabel.get(String(template.settings.rows[r]?.[0] ?? "").toLowerCase()) : undefined), settingsValidations);
  // The inspection dates are shown as dates even before one is entered.
  const settingsCells = settings.cells.map((cell) => (dateRows.has(cell.row) && cell.col === 1 && cell.style !== "date" ? { ...cell, style: "date" } : cell));

  return [
    tableLayout(template.cases, options.caseRows ?? [], 1),
    tableLayout(template.interviews, options.interviewRows ?? [], 1),
    tableLayout(template.secondMarking, options.secondMarkingRows ?? [], 2),
    plainLayout(template.criteria, () => undefined, criteriaValidations),
    { ...settings, cells: settingsCells },
  ];
}
