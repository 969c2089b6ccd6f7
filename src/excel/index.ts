/**
 * The Office.js adapter: reads the workbook into the engine's grids, sets a workbook up, writes
 * the generated sheets, selects a cell, and turns Excel's errors into words. Every command makes a
 * small fixed number of `context.sync()` calls whatever the number of rows. Requires ExcelApi 1.9
 * (page layout); column grouping (1.10) is used only where the host has it (column-groups.ts);
 * nothing runs at import time.
 */
export { readWorkbookGrids, type GridRole, type GridSource, type ReadWorkbookGridsOptions, type ReadWorkbookResult } from "./read-grids";
export { setUpWorkbook, type SetUpResult, type SetUpWorkbookOptions } from "./set-up";
export { writeLayouts, DEFAULT_MAX_REQUEST_BYTES, type WriteLayoutsOptions, type WriteLayoutsResult } from "./write-layouts";
export { selectCell } from "./select-cell";
export { formatOfficeError, type OfficeErrorReport } from "./errors";
export { excelRun, type AdapterOptions, type ExcelBatch, type ExcelRunner } from "./run";
export { needsTextFormat, fromOfficeValue, parseOfficeAddress, charsToPoints } from "./office-values";
export { planSheetNames, layoutBands, styleGroups, TEMP_SHEET_PREFIX, type SheetNamePlan, type ExistingSheet } from "./layout-plan";

/** The highest Excel JavaScript API requirement set the adapter calls (Worksheet.pageLayout, RangeFormat.indentLevel). */
export const REQUIRED_EXCEL_API = "1.9";
export { saveSettings } from "./save-settings";
