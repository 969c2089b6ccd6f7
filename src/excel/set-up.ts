/**
 * Sets up an inspection workbook in the open workbook from the engine's template: the Cases table
 * (headers, blank rows, dropdowns on Sentence, PSR and every judgement column, frozen header,
 * widths), the Interviews table, the Second marking table, and the Criteria and Settings sheets. Only what does not exist
 * yet is created; an existing sheet or table of the same name is never touched.
 *
 * Syncs, whatever the number of blank rows: one to see what exists, one to create the rest, and a
 * third to activate the first new sheet (Excel on the web does not activate a sheet in the sync
 * that added it, office-js#930); two when nothing was missing.
 */
import { buildTemplate, columnLetters, SHEET_NAMES, TABLE_NAMES, type SheetTemplate, type TableTemplate, type WorkbookTemplate } from "../core";
import { charsToPoints, needsTextFormat } from "./office-values";
import { runnerOf, type AdapterOptions } from "./run";

/** Options for {@link setUpWorkbook}. */
export interface SetUpWorkbookOptions extends AdapterOptions {
  /** What to create (default: `buildTemplate()`). */
  readonly template?: WorkbookTemplate;
  /** Blank case rows when no template is given (default 30). */
  readonly blankRows?: number;
}

export interface SetUpResult {
  /** Sheets created, in order. */
  readonly created: readonly string[];
  /** Sheets (or tables) that already existed and were left as they were. */
  readonly existing: readonly string[];
  /** One line for the pane. */
  readonly message: string;
}

const fold = (s: string): string => s.trim().toLowerCase();

const list = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(", ");

/**
 * Creates the missing parts of an inspection workbook.
 * @example const { created, existing } = await setUpWorkbook();
 */
export async function setUpWorkbook(options: SetUpWorkbookOptions = {}): Promise<SetUpResult> {
  const template = options.template ?? buildTemplate(options.blankRows === undefined ? {} : { blankRows: options.blankRows });
  const parts: readonly (readonly [string, TableTemplate | SheetTemplate, "table" | "sheet"])[] = [
    [SHEET_NAMES.cases, template.cases, "table"],
    [SHEET_NAMES.interviews, template.interviews, "table"],
    [TABLE_NAMES.secondMarking, template.secondMarking, "table"],
    [SHEET_NAMES.criteria, template.criteria, "sheet"],
    [SHEET_NAMES.settings, template.settings, "sheet"],
  ];
  return runnerOf(options)(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    const tables = parts.map(([name]) => context.workbook.tables.getItemOrNullObject(name));
    await context.sync();

    const sheetNames = worksheets.items.map((s) => s.name);
    const created: string[] = [];
    const existing: string[] = [];
    const added: Excel.Worksheet[] = [];
    for (const [i, [name, part, kind]] of parts.entries()) {
      const sheetName = sheetNames.find((n) => fold(n) === fold(part.sheet));
      if (!tables[i]!.isNullObject) {
        existing.push(`${name} (table)`);
        continue;
      }
      if (sheetName !== undefined) {
        existing.push(sheetName);
        continue;
      }
      const sheet = worksheets.add(part.sheet);
      if (kind === "table") writeTable(sheet, part as TableTemplate);
      else writeSheet(sheet, part as SheetTemplate);
      created.push(part.sheet);
      added.push(sheet);
    }
    await context.sync();
    if (added[0]) {
      added[0].activate();
      await context.sync();
    }

    const message =
      created.length === 0
        ? `Nothing to set up: ${list(existing)} already exist${existing.length === 1 ? "s" : ""}, and were left as they are.`
        : `Created ${list(created)}.${existing.length > 0 ? ` Left ${list(existing)} as ${existing.length === 1 ? "it was" : "they were"}.` : ""}`;
    return { created, existing, message };
  });
}

/** Sets column widths, one command per run of equal widths. */
export function setColumnWidths(sheet: Excel.Worksheet, widths: readonly number[]): void {
  let start = 0;
  for (let i = 1; i <= widths.length; i++) {
    if (i < widths.length && widths[i] === widths[start]) continue;
    const w = widths[start];
    if (w !== undefined && w > 0) {
      const a = `${columnLetters(start)}1`;
      const address = i - 1 === start ? a : `${a}:${columnLetters(i - 1)}1`;
      sheet.getRange(address).format.columnWidth = charsToPoints(w);
    }
    start = i;
  }
}

function writeTable(sheet: Excel.Worksheet, t: TableTemplate): void {
  const last = columnLetters(t.headers.length - 1);
  const bodyRows = Math.max(1, t.blankRows);
  const header = sheet.getRange(`A1:${last}1`);
  header.numberFormat = [t.headers.map((h) => (needsTextFormat(h) ? "@" : "General"))];
  header.values = [[...t.headers]];
  header.format.wrapText = true;
  header.format.verticalAlignment = "Top";
  const table = sheet.tables.add(`A1:${last}${bodyRows + 1}`, true);
  table.name = t.tableName;
  setColumnWidths(sheet, t.columnWidths);
  for (const v of t.validations) {
    const col = columnLetters(v.col);
    const validation = sheet.getRange(`${col}2:${col}${bodyRows + 1}`).dataValidation;
    validation.rule = { list: { inCellDropDown: true, source: v.list.join(",") } };
    validation.errorAlert = { showAlert: true, style: v.strict ? "Stop" : "Warning", title: v.strict ? "Not an allowed value" : "Check this value", message: v.errorMessage };
  }
  sheet.freezePanes.freezeRows(1);
}

function writeSheet(sheet: Excel.Worksheet, t: SheetTemplate): void {
  const width = Math.max(1, ...t.rows.map((r) => r.length));
  const last = columnLetters(width - 1);
  const percent = new Set(t.percentCells.map((p) => `${p.row}:${p.col}`));
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  t.rows.forEach((row, r) => {
    const v: (string | number)[] = [];
    const f: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? null;
      v.push(cell ?? "");
      f.push(percent.has(`${r}:${c}`) ? "0%" : typeof cell === "string" && needsTextFormat(cell) ? "@" : "General");
    }
    values.push(v);
    formats.push(f);
  });
  if (values.length > 0) {
    const range = sheet.getRange(`A1:${last}${values.length}`);
    range.numberFormat = formats;
    range.values = values;
    range.format.verticalAlignment = "Top";
    sheet.getRange(`A1:${last}1`).format.font.bold = true;
  }
  setColumnWidths(sheet, t.columnWidths);
  sheet.freezePanes.freezeRows(1);
}
