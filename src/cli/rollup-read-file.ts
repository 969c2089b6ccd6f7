/**
 * One file read for the roll-up, on whichever thread: its bytes, their SHA-256, then the workbook
 * checked and summarised. A file that cannot be read at all comes back with its one-line reason.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { readForRollup, unreadable, type RollupRead } from "../xlsx/rollup-read";
import { readFileBytes, UnusableWorkbookError } from "../xlsx/read-workbook";

/**
 * Reads one file for the roll-up. Never throws for a bad file.
 * @example const read = await readRollupFile("inspections/north.xlsx");
 */
export async function readRollupFile(file: string): Promise<RollupRead> {
  const readAt = new Date();
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(file);
  } catch (e) {
    return unreadable(file, e instanceof UnusableWorkbookError ? e.message : `It could not be read (${e instanceof Error ? e.message : String(e)}).`, readAt);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const modifiedAt = await fs.stat(file).then((s) => s.mtime.toISOString(), () => null);
  return readForRollup(bytes, { file, bytes: bytes.length, sha256, readAt: readAt.toISOString(), modifiedAt });
}
