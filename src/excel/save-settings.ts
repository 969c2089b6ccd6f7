/**
 * Saves the task pane's settings into the Settings sheet: each value goes in column B of the row
 * whose label (column A) matches; missing rows are added below; a workbook without a Settings
 * sheet gets one. Nothing else on the sheet changes. Three syncs at most.
 */
import { normaliseHeader, SHEET_NAMES } from "../core";
import { runnerOf, type AdapterOptions } from "./run";

/** A value as the pane gives it: "80%" becomes 0.8 formatted as a percentage. */
function cellFor(value: string | number): { value: string | number; format: string | null } {
  if (typeof value === "string") {
    const pct = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (pct) return { value: Number(pct[1]) / 100, format: "0%" };
    return { value, format: "@" };
  }
  return { value, format: null };
}

/**
 * Writes settings by label.
 * @example await saveSettings({ "Service name": "Northbrook YJS", "Strength threshold": "80%" });
 */
export async function saveSettings(values: Readonly<Record<string, string | number>>, options: AdapterOptions = {}): Promise<void> {
  await runnerOf(options)(async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(SHEET_NAMES.settings);
    existing.load("name");
    await context.sync();

    let sheet: Excel.Worksheet;
    let rows: unknown[][] = [];
    if (existing.isNullObject) {
      sheet = context.workbook.worksheets.add(SHEET_NAMES.settings);
      sheet.getRange("A1:B1").values = [["Setting", "Value"]];
      sheet.getRange("A1:B1").format.font.bold = true;
      rows = [["Setting", "Value"]];
    } else {
      sheet = existing;
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("values,rowIndex,columnIndex");
      await context.sync();
      if (!used.isNullObject) {
        // Labels live in column A: rows of the used range, shifted to sheet rows.
        rows = Array.from({ length: used.rowIndex }, () => ["", ""]);
        for (const r of used.values as unknown[][]) rows.push(used.columnIndex === 0 ? r : ["", ""]);
      }
    }

    let next = Math.max(rows.length, 1);
    for (const [label, raw] of Object.entries(values)) {
      let index = rows.findIndex((r) => normaliseHeader((r[0] ?? null) as string | null) === label.toLowerCase());
      if (index < 0) {
        index = next++;
        sheet.getRange(`A${index + 1}`).values = [[label]];
      }
      const { value, format } = cellFor(raw);
      const cell = sheet.getRange(`B${index + 1}`);
      if (format) cell.numberFormat = [[format]];
      cell.values = [[value]];
    }
    await context.sync();
  });
}
