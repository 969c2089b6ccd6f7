/**
 * Writes a new inspection workbook with ExcelJS from the engine's template description: the Cases
 * table with its dropdowns, the Interviews table, the Second marking table, the Criteria sheet and
 * the Settings sheet.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  APPLICABILITY_LABELS,
  buildTemplate,
  columnLetters,
  RATING_SCHEME_LABELS,
  SETTING_ROWS,
  type SheetTemplate,
  type TableTemplate,
  type WorkbookTemplate,
} from "../core";
import { writeFileAtomic, type WriteFileAtomicOptions } from "./atomic-write";

/**
 * ExcelJS, loaded on first use: the command line's report and validate never need it, and
 * loading it takes a fifth of a second.
 */
function excelJs(): typeof ExcelJS {
  return require("exceljs") as typeof ExcelJS;
}

/** A value to put in a cell. Text is always written as text, even when it begins with "=". */
export type TemplateCellInput = string | number | boolean | Date | null;

/** Options for {@link buildTemplateWorkbook}. */
export interface BuildTemplateWorkbookOptions {
  /** Case rows to fill the Cases table with, in header order (blank rows follow up to `blankRows`). */
  readonly caseRows?: readonly (readonly TemplateCellInput[])[];
  /** Second-marking rows to fill the Second marking table with, in header order. */
  readonly secondMarkingRows?: readonly (readonly TemplateCellInput[])[];
  /** Interview rows to fill the Interviews table with, in header order. */
  readonly interviewRows?: readonly (readonly TemplateCellInput[])[];
  /** Values for Settings rows, by the label in the sheet's first column ("Service name"). */
  readonly settingValues?: Readonly<Record<string, TemplateCellInput>>;
  /** The workbook's created/modified date (default now). */
  readonly created?: Date;
}

const HEADER_FILL = "FF1F4E79";
const HEADER_FONT = "FFFFFFFF";
const DATE_FORMAT = "d mmm yyyy";

/**
 * An ExcelJS workbook holding a new inspection workbook.
 * @example const workbook = buildTemplateWorkbook(buildTemplate());
 */
export function buildTemplateWorkbook(template: WorkbookTemplate = buildTemplate(), options: BuildTemplateWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new (excelJs().Workbook)();
  const created = options.created ?? new Date();
  workbook.creator = "Case Inspection Workbook";
  workbook.lastModifiedBy = "Case Inspection Workbook";
  workbook.created = created;
  workbook.modified = created;

  addTableSheet(workbook, template.cases, options.caseRows ?? [], 1);
  addTableSheet(workbook, template.interviews, options.interviewRows ?? [], 1);
  addTableSheet(workbook, template.secondMarking, options.secondMarkingRows ?? [], 2);
  addCriteriaSheet(workbook, template.criteria);
  addSettingsSheet(workbook, template.settings, options.settingValues ?? {});
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return workbook;
}

/**
 * The .xlsx bytes of a workbook. With `fixedDate`, every zip entry carries that date, so the same
 * content always gives the same bytes.
 * @example const bytes = await workbookToBuffer(buildTemplateWorkbook());
 */
export async function workbookToBuffer(workbook: ExcelJS.Workbook, fixedDate?: Date): Promise<Uint8Array> {
  const written = (await workbook.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  const raw = written instanceof Uint8Array ? written : new Uint8Array(written);
  if (!fixedDate) return raw;
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort(partOrder)) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    out.file(name, await f.async("uint8array"), { date: fixedDate, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

/** [Content_Types].xml first, as Office writes it; the rest in name order. */
function partOrder(a: string, b: string): number {
  const rank = (n: string): number => (n === "[Content_Types].xml" ? 0 : n.startsWith("_rels/") ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The .xlsx bytes of a new, empty inspection workbook.
 * @example const bytes = await writeTemplate();
 */
export async function writeTemplate(template: WorkbookTemplate = buildTemplate(), options: BuildTemplateWorkbookOptions = {}): Promise<Uint8Array> {
  return workbookToBuffer(buildTemplateWorkbook(template, options));
}

/**
 * Writes a new, empty inspection workbook to a file, atomically.
 * @example await writeTemplateFile("inspection.xlsx", { noOverwrite: true });
 */
export async function writeTemplateFile(
  file: string,
  options: WriteFileAtomicOptions & BuildTemplateWorkbookOptions & { readonly template?: WorkbookTemplate } = {},
): Promise<void> {
  const bytes = await writeTemplate(options.template ?? buildTemplate(), options);
  await writeFileAtomic(file, bytes, options);
}

function styleHeaderRow(row: ExcelJS.Row, from: number, to: number): void {
  row.height = 48;
  for (let c = from; c <= to; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true, color: { argb: HEADER_FONT } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: "top" };
  }
}

function addTableSheet(workbook: ExcelJS.Workbook, t: TableTemplate, fill: readonly (readonly TemplateCellInput[])[], freezeCols: number): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(t.sheet, { views: [{ state: "frozen", xSplit: freezeCols, ySplit: 1, topLeftCell: `${columnLetters(freezeCols)}2`, activeCell: "A2" }] });
  const width = t.headers.length;
  const bodyRows = Math.max(t.blankRows, fill.length, 1);
  const rows: TemplateCellInput[][] = [];
  for (let r = 0; r < bodyRows; r++) {
    const source = fill[r];
    rows.push(Array.from({ length: width }, (_, c) => (source ? cellInput(source[c]) : null)));
  }
  ws.addTable({
    name: t.tableName,
    displayName: t.tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: t.headers.map((name) => ({ name, filterButton: true })),
    rows,
  });
  t.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  styleHeaderRow(ws.getRow(1), 1, width);
  for (let r = 2; r <= bodyRows + 1; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.alignment = { vertical: "top", wrapText: (t.columnWidths[c - 1] ?? 0) >= 30 };
    }
  }
  for (const v of t.validations) {
    const letters = columnLetters(v.col);
    addValidation(ws, `${letters}2:${letters}${bodyRows + 1}`, listValidation(v.list, v.errorMessage, v.strict));
  }
  return ws;
}

/** ExcelJS supports range validations but its type declarations omit them. */
function addValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

function cellInput(v: TemplateCellInput | undefined): TemplateCellInput {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

function listValidation(list: readonly string[], error: string, strict: boolean): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [`"${list.map((s) => s.replace(/"/g, '""')).join(",")}"`],
    showErrorMessage: true,
    errorStyle: strict ? "stop" : "warning",
    errorTitle: "Not in the list",
    error,
  };
}

function addPlainSheet(workbook: ExcelJS.Workbook, t: SheetTemplate): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(t.sheet, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }] });
  t.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (r > 0) cell.alignment = { vertical: "top", wrapText: (t.columnWidths[c] ?? 0) >= 30 };
    });
  });
  t.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const headerWidth = t.rows[0]?.length ?? 0;
  if (headerWidth > 0) {
    styleHeaderRow(ws.getRow(1), 1, headerWidth);
    ws.getRow(1).height = 20;
  }
  for (const p of t.percentCells) ws.getRow(p.row + 1).getCell(p.col + 1).numFmt = "0%";
  return ws;
}

function addCriteriaSheet(workbook: ExcelJS.Workbook, t: SheetTemplate): void {
  const ws = addPlainSheet(workbook, t);
  const header = (t.rows[0] ?? []).map((h) => String(h ?? "").toLowerCase());
  const applies = header.indexOf("applies to");
  if (applies >= 0) {
    const letters = columnLetters(applies);
    addValidation(ws, 
      `${letters}2:${letters}${Math.max(t.rows.length + 30, 100)}`,
      listValidation(Object.values(APPLICABILITY_LABELS), "Choose who the criterion applies to from the list.", false),
    );
  }
}

function addSettingsSheet(workbook: ExcelJS.Workbook, t: SheetTemplate, values: Readonly<Record<string, TemplateCellInput>>): void {
  const ws = addPlainSheet(workbook, t);
  const byLabel = new Map(Object.entries(values).map(([k, v]) => [k.trim().toLowerCase(), v]));
  t.rows.forEach((row, r) => {
    if (r === 0) return;
    const label = String(row[0] ?? "");
    const def = SETTING_ROWS.find((s) => s.label === label);
    const cell = ws.getRow(r + 1).getCell(2);
    const given = byLabel.get(label.toLowerCase());
    if (given !== undefined) cell.value = cellInput(given);
    if (!def) return;
    const address = `B${r + 1}`;
    switch (def.key) {
      case "inspectionStart":
      case "inspectionEnd":
        cell.numFmt = DATE_FORMAT;
        cell.alignment = { horizontal: "left" };
        break;
      case "ratingScheme":
        addValidation(ws, address, listValidation(Object.values(RATING_SCHEME_LABELS), "Choose None or HMI Probation 2018.", true));
        break;
      case "redact":
        addValidation(ws, address, listValidation(["Yes", "No"], "Enter Yes or No.", true));
        break;
      default:
        break;
    }
  });
}
