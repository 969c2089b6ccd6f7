/**
 * Writes generated sheets into a user's .xlsx package, keeping every other part byte-for-byte.
 */
import type { SheetLayout } from "../core/layout/model";

/** What {@link writeGeneratedSheets} produced. */
export interface WriteGeneratedResult {
  bytes: Uint8Array;
  sheets: { kind: "summary" | "strengths"; name: string }[];
  notices: string[];
}

/**
 * Puts the generated sheets into the package, replacing earlier generated sheets.
 */
export async function writeGeneratedSheets(input: Uint8Array, layouts: readonly SheetLayout[]): Promise<WriteGeneratedResult> {
  void input;
  void layouts;
  throw new Error("writeGeneratedSheets: not implemented yet");
}
