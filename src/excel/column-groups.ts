/**
 * Column groups of the layout model (src/core/layout/model.ts) in Office.js. Grouping is ExcelApi
 * 1.10 (`Range.group`, `Range.hideGroupDetails`), above the manifest's minimum of 1.9, so where the
 * host has no 1.10 a folded group's columns are simply hidden (`Range.columnHidden`, ExcelApi 1.2):
 * they still do not show or print, and Unhide brings them back.
 */
import { columnGroupsOf, columnLetters, type ColumnGroup } from "../core";
import { supportsExcelApi, type AdapterOptions } from "./run";

/** How column groups are written: as outline groups (ExcelApi 1.10) or, without it, as hidden columns. */
export type ColumnGroupMode = "group" | "hide";

/**
 * The mode the host allows.
 * @example columnGroupMode({ isSetSupported: () => false }) // "hide"
 */
export function columnGroupMode(options: AdapterOptions | undefined): ColumnGroupMode {
  return supportsExcelApi(options, "1.10") ? "group" : "hide";
}

/**
 * Queues the groups on a sheet: each group's whole columns grouped one level and, when collapsed,
 * folded away (or, in "hide" mode, hidden only when collapsed). Commands only; no sync.
 * @example writeColumnGroups(sheet, [{ first: 5, last: 5, collapsed: true }], "group");
 */
export function writeColumnGroups(sheet: Excel.Worksheet, groups: readonly ColumnGroup[], mode: ColumnGroupMode): void {
  for (const g of columnGroupsOf({ columnGroups: groups })) {
    const columns = sheet.getRange(`${columnLetters(g.first)}:${columnLetters(g.last)}`);
    if (mode === "group") {
      columns.group("ByColumns");
      if (g.collapsed) columns.hideGroupDetails("ByColumns");
    } else if (g.collapsed) {
      columns.columnHidden = true;
    }
  }
}
