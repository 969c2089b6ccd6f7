/**
 * An earlier inspection's workbook (or a report made from one), chosen in the pane and read
 * there: nothing is uploaded. Loaded only when a file is chosen, so the pane does not carry the
 * file reader until then.
 */
import { analyseWorkbook, previousFromAnalysis, type PreviousInspection } from "../core";
import { readWorkbookGrids } from "../xlsx/read-workbook";

/**
 * The figures of an earlier inspection's file, and how many errors its cases have (their cells
 * are left out of its counts). Throws the reader's one-line reason for a file that cannot be used.
 * @example const { previous } = await readPreviousFile("inspection-2024.xlsx", bytes);
 */
export async function readPreviousFile(name: string, bytes: Uint8Array): Promise<{ previous: PreviousInspection; errors: number }> {
  const grids = await readWorkbookGrids(bytes);
  // The earlier file's own comparison and plan are not this one's.
  const a = analyseWorkbook({ ...grids, previous: null, actionPlan: null });
  return { previous: previousFromAnalysis(a, name), errors: a.errors };
}
