/**
 * The pane inside Excel (placeholder until the Office.js adapter lands).
 */
import type { SheetLayout } from "../core";
import type { ReadOutcome, SettingsValues, WorkbookHost } from "./host";

export class ExcelHost implements WorkbookHost {
  readonly mode = "excel" as const;
  async read(): Promise<ReadOutcome> {
    return { kind: "not-inspection", reason: "The Excel adapter is not ready yet." };
  }
  async setUp(): Promise<{ created: string[]; existing: string[]; message: string }> {
    throw new Error("not ready");
  }
  async writeReport(layouts: readonly SheetLayout[]): Promise<{ sheets: string[]; notices: string[] }> {
    void layouts;
    throw new Error("not ready");
  }
  async selectCell(): Promise<void> {}
  async saveSettings(values: SettingsValues): Promise<string> {
    void values;
    throw new Error("not ready");
  }
}
