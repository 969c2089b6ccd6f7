/**
 * One file read for the roll-up, on whichever thread: its bytes, their SHA-256, then the workbook
 * checked and summarised. A file that cannot be read at all comes back with its one-line reason.
 */
import { createHash } from "node:crypto";
import type { RollupSource } from "../core";
import { readForRollup, unreadable, type RollupRead } from "../xlsx/rollup-read";
import { readFileBytesSync, UnusableWorkbookError } from "../xlsx/read-workbook";

/** A file's bytes and where they came from, or the reason it could not be read at all. */
type LoadedFile = { readonly bytes: Uint8Array; readonly source: RollupSource } | { readonly unreadable: RollupRead };

/**
 * The file-system half of reading a file for the roll-up: its bytes, size, SHA-256 and when it
 * was last changed, read synchronously (a small file from the disk cache is read in a fraction of
 * a millisecond; read asynchronously, each of its steps — open, stat, read, close — waited for the
 * check of the file before it, README, Performance). Never throws.
 */
function loadRollupFile(file: string): LoadedFile {
  const readAt = new Date();
  let read;
  try {
    read = readFileBytesSync(file);
  } catch (e) {
    return { unreadable: unreadable(file, e instanceof UnusableWorkbookError ? e.message : `It could not be read (${e instanceof Error ? e.message : String(e)}).`, readAt) };
  }
  const { bytes, modifiedAt } = read;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { bytes, source: { file, bytes: bytes.length, sha256, readAt: readAt.toISOString(), modifiedAt: modifiedAt.toISOString() } };
}

/** Checks and summarises a loaded file. Never throws for a bad file. */
async function checkLoadedFile(loaded: LoadedFile): Promise<RollupRead> {
  return "unreadable" in loaded ? loaded.unreadable : readForRollup(loaded.bytes, loaded.source);
}

/**
 * Reads one file for the roll-up. Never throws for a bad file.
 * @example const read = await readRollupFile("inspections/north.xlsx");
 */
export async function readRollupFile(file: string): Promise<RollupRead> {
  return checkLoadedFile(loadRollupFile(file));
}
