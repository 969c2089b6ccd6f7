/**
 * The pane inside Excel: the Office.js adapter behind the pane's host interface. Office errors
 * become a plain message with what to do next; the code and debugInfo go to the log.
 */
import { buildTemplate, BUILT_IN_FRAMEWORKS, type FrameworkId, type SheetLayout } from "../core";
import { formatOfficeError, readWorkbookGrids, saveSettings, selectCell, setUpWorkbook, writeLayouts } from "../excel";
import type { ReadOutcome, SettingsValues, SetUpChoices, WorkbookHost } from "./host";

/** Runs an adapter call, turning an Office error into one a user can act on. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const report = formatOfficeError(e);
    console.error("Excel:", report.code, report.debugInfo);
    throw Object.assign(new Error(report.text), { userMessage: report.text, code: report.code, debugInfo: report.debugInfo });
  }
}

export class ExcelHost implements WorkbookHost {
  readonly mode = "excel" as const;

  read(): Promise<ReadOutcome> {
    return guarded(async () => {
      const result = await readWorkbookGrids();
      return result.kind === "ok"
        ? { kind: "ok", grids: result.grids, description: "This inspection workbook" }
        : { kind: "not-inspection", reason: result.reason };
    });
  }

  setUp(framework: FrameworkId, options: SetUpChoices = { criterionNotes: true }): Promise<{ created: readonly string[]; existing: readonly string[]; message: string }> {
    return guarded(() => setUpWorkbook({ template: buildTemplate({ framework: BUILT_IN_FRAMEWORKS[framework].framework, criterionNotes: options.criterionNotes }) }));
  }

  writeReport(layouts: readonly SheetLayout[]): Promise<{ sheets: readonly string[]; notices: readonly string[] }> {
    return guarded(async () => {
      const result = await writeLayouts(layouts);
      return { sheets: result.sheets, notices: result.notices };
    });
  }

  selectCell(sheet: string, cell: string): Promise<void> {
    return guarded(() => selectCell(sheet, cell));
  }

  saveSettings(values: SettingsValues): Promise<string> {
    return guarded(async () => {
      await saveSettings(values);
      return "Settings saved in the Settings sheet.";
    });
  }
}
