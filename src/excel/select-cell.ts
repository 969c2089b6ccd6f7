/**
 * Takes the user to a cell: activates its sheet and selects it (one sync), as when an issue is
 * clicked in the task pane.
 */
import { runnerOf, type AdapterOptions } from "./run";

/**
 * Activates `sheet` and selects `address` on it.
 * @example await selectCell("Cases", "F7");
 */
export async function selectCell(sheet: string, address: string, options: AdapterOptions = {}): Promise<void> {
  await runnerOf(options)(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(address).select();
    await context.sync();
  });
}
