/**
 * What the task pane needs from wherever the workbook lives: inside Excel (Office.js) or a file
 * opened in a plain browser page (src/xlsx). The pane itself never knows which.
 */
import type { FrameworkId, Rollup, SheetLayout, WorkbookGrids } from "../core";

export type ReadOutcome =
  | { readonly kind: "ok"; readonly grids: WorkbookGrids; readonly description: string }
  | { readonly kind: "not-inspection"; readonly reason: string }
  /** No workbook is open (the browser page before a file is chosen): nothing can be checked yet. */
  | { readonly kind: "no-workbook"; readonly reason: string };

/** The settings a user edits in the pane, by Settings-sheet label. */
export type SettingsValues = Readonly<Record<string, string | number>>;

/** What the pane's Set up offers besides the framework. */
export interface SetUpChoices {
  readonly criterionNotes: boolean;
}

export interface WorkbookHost {
  readonly mode: "excel" | "browser";
  /** Reads the sheets the engine needs. */
  read(): Promise<ReadOutcome>;
  /**
   * Creates what a new inspection workbook needs for a built-in framework, touching nothing that
   * exists; with `criterionNotes`, a notes column after each criterion, folded away (added to an
   * existing Cases table where missing).
   */
  setUp(framework: FrameworkId, options?: SetUpChoices): Promise<{ readonly created: readonly string[]; readonly existing: readonly string[]; readonly message: string }>;
  /** Writes the generated sheets; returns the names used and notices for the user. */
  writeReport(layouts: readonly SheetLayout[]): Promise<{ readonly sheets: readonly string[]; readonly notices: readonly string[] }>;
  /** Takes the user to a cell (in Excel, selects it). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Saves settings (Excel: the Settings sheet; browser: for this session's reports). */
  saveSettings(values: SettingsValues): Promise<string>;
  /**
   * Rolls up several workbook files into a new workbook and downloads it (the browser page only):
   * the files are read in the page, nothing is uploaded.
   */
  rollUp?(files: readonly File[], options: RollUpFilesOptions): Promise<{ readonly rollup: Rollup; readonly fileName: string }>;
}

/** Options for {@link WorkbookHost.rollUp}. */
export interface RollUpFilesOptions {
  readonly generatedAt: Date;
  /** Called before each file is read. */
  readonly progress: (done: number, of: number, file: string) => void;
}
