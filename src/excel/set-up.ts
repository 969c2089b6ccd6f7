/**
 * Sets up an inspection workbook in the open workbook from the engine's template: the Cases table
 * (headers, blank rows, dropdowns on Sentence, PSR and every judgement column, frozen header,
 * widths, and, when the template has them, a notes column after each criterion folded away in its
 * own column group), the Interviews table, the Second marking table, and the Criteria and Settings
 * sheets. Only what does not exist yet is created; an existing sheet or table of the same name is
 * left as it is, except that a template with criterion notes columns adds those an existing Cases
 * table lacks: whole columns inserted after the criterion's column (so every row's data moves
 * together and Excel adjusts references to it), named "2.1 Notes", without a dropdown, folded away.
 * A notes column the table already has, in any case or spacing ("2.1  notes"), is never added again.
 *
 * Syncs, whatever the number of blank rows: one to see what exists, one to create the rest (and
 * read the existing Cases table's header when notes columns may be added), and a third to add the
 * notes columns and activate the first new sheet (Excel on the web does not activate a sheet in
 * the sync that added it, office-js#930); two when nothing was missing.
 */
import {
  buildTemplate,
  columnLetters,
  CRITERION_NOTES_WIDTH,
  meaningOfHeader,
  normaliseHeader,
  SHEET_NAMES,
  TABLE_NAMES,
  type SheetTemplate,
  type TableTemplate,
  type WorkbookTemplate,
} from "../core";
import { columnGroupMode, writeColumnGroups, type ColumnGroupMode } from "./column-groups";
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
  /** Notes columns added to an existing Cases table ("2.1 Notes"), in order. */
  readonly addedColumns: readonly string[];
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
  const groupMode = columnGroupMode(options);
  return runnerOf(options)(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    const tables = parts.map(([name]) => context.workbook.tables.getItemOrNullObject(name));
    await context.sync();

    const sheetNames = worksheets.items.map((s) => s.name);
    const created: string[] = [];
    const existing: string[] = [];
    const added: Excel.Worksheet[] = [];
    let cases: { table: Excel.Table; header: Excel.Range } | null = null;
    for (const [i, [name, part, kind]] of parts.entries()) {
      const sheetName = sheetNames.find((n) => fold(n) === fold(part.sheet));
      if (!tables[i]!.isNullObject) {
        existing.push(`${name} (table)`);
        if (part === template.cases && notesWanted(template.cases).length > 0) cases = { table: tables[i]!, header: tables[i]!.getHeaderRowRange().load("values,columnIndex,rowIndex") };
        continue;
      }
      if (sheetName !== undefined) {
        existing.push(sheetName);
        continue;
      }
      const sheet = worksheets.add(part.sheet);
      if (kind === "table") writeTable(sheet, part as TableTemplate, groupMode);
      else writeSheet(sheet, part as SheetTemplate);
      created.push(part.sheet);
      added.push(sheet);
    }
    await context.sync();

    const addedColumns = cases ? addNotesColumns(cases.table.worksheet, cases.header, template.cases, groupMode) : [];
    if (added[0]) added[0].activate();
    if (added[0] || addedColumns.length > 0) await context.sync();

    const addedText = addedColumns.length === 0 ? "" : `Added ${addedColumns.length === 1 ? "a notes column" : `${addedColumns.length} notes columns`} to the Cases table (${addedColumns.length > 3 ? `${addedColumns.slice(0, 2).join(", ")} … ${addedColumns[addedColumns.length - 1]!}` : addedColumns.join(", ")}), ${groupMode === "group" ? "each folded away after its criterion: click + above the sheet to show one." : "each hidden after its criterion (this Excel cannot group columns): select the columns either side and choose Unhide to show one."}`;
    const message =
      created.length === 0
        ? addedText !== ""
          ? `${addedText} Everything else already existed and was left as it was.`
          : `Nothing to set up: ${list(existing)} already exist${existing.length === 1 ? "s" : ""}, and were left as they are.`
        : `Created ${list(created)}.${existing.length > 0 ? ` Left ${list(existing)} as ${existing.length === 1 ? "it was" : "they were"}.` : ""}${addedText === "" ? "" : ` ${addedText}`}`;
    return { created, existing, addedColumns, message };
  });
}

/** The template's criterion notes columns: each one's header and the criterion it follows, by ID. */
function notesWanted(t: TableTemplate): { readonly id: string; readonly header: string }[] {
  return (t.columnGroups ?? []).flatMap((g) => {
    const header = t.headers[g.first];
    const meaning = header === undefined ? null : meaningOfHeader(normaliseHeader(header), false);
    return header !== undefined && meaning?.kind === "numbered-notes" ? [{ id: meaning.number, header }] : [];
  });
}

/**
 * Queues, for each criterion of the template whose column the existing Cases table has but whose
 * notes column it lacks, a whole column inserted after the criterion's column, its header, width
 * and wrapping, no dropdown (a new column takes the one of the column to its left), folded away.
 * A criterion whose column is the table's last is left out: a column inserted after a table is
 * not in it. Returns the headers added, left to right.
 */
function addNotesColumns(sheet: Excel.Worksheet, header: Excel.Range, t: TableTemplate, mode: ColumnGroupMode): string[] {
  const headers = (header.values[0] ?? []).map((h) => meaningOfHeader(normaliseHeader(h as string | number | boolean | null), false));
  const criterionAt = (id: string): number => headers.findIndex((m) => m.kind === "criterion" && m.id === id);
  const hasNotes = (id: string): boolean => headers.some((m) => m.kind === "numbered-notes" && m.number === id);
  const wanted = notesWanted(t)
    .map((w) => ({ ...w, after: criterionAt(w.id) }))
    .filter((w) => w.after >= 0 && w.after < headers.length - 1 && !hasNotes(w.id))
    .sort((a, b) => a.after - b.after);
  const left = header.columnIndex;
  const headerRow = header.rowIndex + 1;
  // Right to left, so each insertion leaves the positions to its left as they were read.
  for (const w of [...wanted].reverse()) {
    const col = columnLetters(left + w.after + 1);
    sheet.getRange(`${col}:${col}`).insert("Right");
  }
  const groups = wanted.map((w, k) => {
    const col = left + w.after + 1 + k;
    const letter = columnLetters(col);
    const cell = sheet.getRange(`${letter}${headerRow}`);
    cell.numberFormat = [[needsTextFormat(w.header) ? "@" : "General"]];
    cell.values = [[w.header]];
    const whole = sheet.getRange(`${letter}:${letter}`);
    whole.dataValidation.clear();
    whole.format.columnWidth = charsToPoints(CRITERION_NOTES_WIDTH);
    whole.format.wrapText = true;
    return { first: col, last: col, collapsed: true };
  });
  writeColumnGroups(sheet, groups, mode);
  return wanted.map((w) => w.header);
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

function writeTable(sheet: Excel.Worksheet, t: TableTemplate, groupMode: ColumnGroupMode): void {
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
  writeColumnGroups(sheet, t.columnGroups ?? [], groupMode);
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
