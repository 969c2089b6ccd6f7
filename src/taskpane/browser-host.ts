/**
 * The pane outside Excel: a workbook file opened in the browser page, read and written in memory
 * by the command line's own reader and writer (src/xlsx). Nothing is uploaded anywhere; the report
 * is a download. Loaded only in this mode, so the add-in inside Excel never carries them.
 */
import { buildRollupLayouts, buildTemplate, BUILT_IN_FRAMEWORKS, normaliseHeader, SHEET_NAMES, type CellValue, type FrameworkId, type Grid, type Rollup, type SheetLayout } from "../core";
import { writeNewWorkbook } from "../xlsx/new-workbook";
import { readForRollup, rollUpReads, unreadable, type RollupRead } from "../xlsx/rollup-read";
import { writeGeneratedSheets } from "../xlsx/package-writer";
import { readWorkbookGrids } from "../xlsx/read-workbook";
import { writeTemplate } from "../xlsx/template";
import type { ReadOutcome, RollUpFilesOptions, SettingsValues, SetUpChoices, WorkbookHost } from "./host";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Offers bytes as a file download. */
export function download(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The Settings grid with the pane's values laid over it (rows matched by label). */
export function overlaySettings(grid: Grid | null | undefined, values: SettingsValues): Grid {
  const rows: CellValue[][] = grid ? grid.rows.map((r) => [...r]) : [["Setting", "Value"]];
  for (const [label, value] of Object.entries(values)) {
    const row = rows.find((r) => normaliseHeader(r[0]) === label.toLowerCase());
    if (row) row[1] = value;
    else rows.push([label, value]);
  }
  return { sheet: grid?.sheet ?? SHEET_NAMES.settings, top: grid?.top ?? 0, left: grid?.left ?? 0, rows };
}

export class BrowserHost implements WorkbookHost {
  readonly mode = "browser" as const;
  private file: { name: string; bytes: Uint8Array } | null = null;
  private overrides: SettingsValues | null = null;

  /** Takes a file the user opened. Settings saved in the page belonged to the previous workbook: they go. */
  open(name: string, bytes: Uint8Array): void {
    this.file = { name, bytes };
    this.overrides = null;
  }

  async read(): Promise<ReadOutcome> {
    if (!this.file) return { kind: "no-workbook", reason: "Open an inspection workbook (.xlsx) above to check it, or choose New workbook to start one." };
    try {
      const grids = await readWorkbookGrids(this.file.bytes);
      const settings = this.overrides ? overlaySettings(grids.settings, this.overrides) : grids.settings ?? null;
      return { kind: "ok", grids: { ...grids, settings }, description: this.file.name };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { kind: "not-inspection", reason: `${this.file.name} cannot be used: ${reason}` };
    }
  }

  async setUp(framework: FrameworkId, options: SetUpChoices = { criterionNotes: true }): Promise<{ created: string[]; existing: string[]; message: string }> {
    const bytes = await writeTemplate(buildTemplate({ framework: BUILT_IN_FRAMEWORKS[framework].framework, criterionNotes: options.criterionNotes }));
    download(new Uint8Array(bytes), "inspection-workbook.xlsx");
    const created = [SHEET_NAMES.cases, SHEET_NAMES.interviews, SHEET_NAMES.secondMarking, SHEET_NAMES.criteria, SHEET_NAMES.settings];
    return { created, existing: [], message: "A new inspection workbook (inspection-workbook.xlsx) was downloaded. Fill in the Cases table, then open it here." };
  }

  async writeReport(layouts: readonly SheetLayout[]): Promise<{ sheets: string[]; notices: string[] }> {
    if (!this.file) throw Object.assign(new Error("no file"), { userMessage: "Open an inspection workbook first." });
    const result = await writeGeneratedSheets(this.file.bytes, layouts);
    const name = this.file.name.replace(/\.xlsx$/i, "") + " (report).xlsx";
    download(result.bytes, name);
    return { sheets: result.sheets.map((s) => s.name), notices: [`Downloaded as ${name}; your original file is unchanged.`, ...result.notices] };
  }

  async selectCell(): Promise<void> {
    // Outside Excel there is no grid to move to; the issue already names its sheet and cell.
  }

  async rollUp(files: readonly File[], options: RollUpFilesOptions): Promise<{ rollup: Rollup; fileName: string }> {
    const reads: RollupRead[] = [];
    for (const [i, file] of files.entries()) {
      options.progress(i, files.length, file.name);
      const readAt = new Date();
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        reads.push(unreadable(file.name, "The file could not be read (was it moved or deleted?).", readAt));
        continue;
      }
      const source = { file: file.name, bytes: bytes.length, sha256: await sha256Hex(bytes), readAt: readAt.toISOString(), modifiedAt: new Date(file.lastModified).toISOString() };
      reads.push(await readForRollup(bytes, source));
    }
    const rollup = rollUpReads(reads);
    if (rollup.services.length === 0) {
      throw Object.assign(new Error("nothing to roll up"), { userMessage: `None of the ${files.length === 1 ? "file" : `${files.length} files`} is an inspection workbook that can be used: ${rollup.skipped.map((s) => `${s.file}: ${s.reason}`).join(" ")}` });
    }
    const bytes = await writeNewWorkbook(buildRollupLayouts(rollup, { generatedAt: options.generatedAt }), options.generatedAt);
    const fileName = `roll-up ${options.generatedAt.toISOString().slice(0, 10)}.xlsx`;
    download(bytes, fileName);
    return { rollup, fileName };
  }

  async saveSettings(values: SettingsValues): Promise<string> {
    if (!this.file) throw Object.assign(new Error("no file"), { userMessage: "Open an inspection workbook first: settings belong to the workbook." });
    this.overrides = values;
    return `Settings saved for reports made from ${this.file.name} in this page, until you open another file. To keep them in the workbook, enter them in its Settings sheet.`;
  }
}

/** The SHA-256 of some bytes as lower-case hex (null where the page has no Web Crypto: not a secure context). */
async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
