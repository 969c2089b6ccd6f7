/**
 * One workbook read for the roll-up, from its bytes: checked as `validate` checks it, then reduced
 * to what the roll-up needs. Used by the command line (in its worker threads) and the browser page
 * alike; never throws for a bad file — an unusable one comes back with its one-line reason.
 */
import { analyseWorkbook, rollUp, summariseForRollup, type Rollup, type RollupSource, type RollupWorkbook } from "../core";
import { findGeneratedSheets } from "./package-writer";
import { readWorkbookGrids, UnusableWorkbookError } from "./read-workbook";

/** A workbook the roll-up can count, or a file it cannot use and why. */
export type RollupRead = { readonly kind: "workbook"; readonly workbook: RollupWorkbook } | { readonly kind: "unusable"; readonly source: RollupSource; readonly reason: string };

/**
 * Reads and checks one workbook for the roll-up.
 * @example const read = await readForRollup(bytes, { file: "north.xlsx", bytes: bytes.length, sha256, readAt: new Date().toISOString() });
 */
export async function readForRollup(bytes: Uint8Array, source: RollupSource): Promise<RollupRead> {
  try {
    const analysis = analyseWorkbook(await readWorkbookGrids(bytes));
    return { kind: "workbook", workbook: summariseForRollup(analysis, source) };
  } catch (e) {
    if (!(e instanceof UnusableWorkbookError)) {
      return { kind: "unusable", source, reason: `It could not be read (${firstLine(e instanceof Error ? e.message : String(e))}).` };
    }
    if (e.reason === "no-cases" && (await isRollup(bytes))) {
      return { kind: "unusable", source, reason: "It is a roll-up made by this tool, not an inspection workbook." };
    }
    return { kind: "unusable", source, reason: e.message };
  }
}

/** A file that could not even be read: its one-line reason, with no size or checksum. */
export function unreadable(file: string, reason: string, readAt: Date): RollupRead {
  return { kind: "unusable", source: { file, bytes: null, sha256: null, readAt: readAt.toISOString(), modifiedAt: null }, reason };
}

async function isRollup(bytes: Uint8Array): Promise<boolean> {
  try {
    return (await findGeneratedSheets(bytes)).some((s) => s.kind.startsWith("rollup"));
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "").trim();
}

/**
 * The roll-up of every read, in the order read: the workbooks counted (once each), the others
 * listed with their reasons.
 * @example const rollup = rollUpReads(await Promise.all(files.map(read)));
 */
export function rollUpReads(reads: readonly RollupRead[]): Rollup {
  const workbooks: RollupWorkbook[] = [];
  const unusable: { source: RollupSource; reason: string }[] = [];
  for (const read of reads) {
    if (read.kind === "workbook") workbooks.push(read.workbook);
    else unusable.push({ source: read.source, reason: read.reason });
  }
  return rollUp(workbooks, unusable);
}
