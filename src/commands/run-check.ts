/**
 * What the ribbon's "Check cases" button does without the pane: checks every case row and takes
 * the user to the first problem cell (errors before warnings). A clean workbook is left as it is.
 */
import { analyseWorkbook } from "../core";
import { readWorkbookGrids, selectCell, type AdapterOptions } from "../excel";

/**
 * Runs the check; resolves to the cell selected ("Cases!F7") or null when there was nothing to fix.
 * @example await runCheckCases();
 */
export async function runCheckCases(options: AdapterOptions = {}): Promise<string | null> {
  const read = await readWorkbookGrids(options);
  if (read.kind !== "ok") return null;
  const analysis = analyseWorkbook(read.grids);
  const first = analysis.issues.find((i) => i.severity === "error" && i.cell) ?? analysis.issues.find((i) => i.cell);
  if (!first?.cell) return null;
  await selectCell(first.sheet, first.cell, options);
  return `${first.sheet}!${first.cell}`;
}
