/**
 * What the commands share about files they write: one-line failures, the extension check, the
 * rule for replacing an earlier output of ours, and the atomic write with its one-line reasons.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { GeneratedKind } from "../core";
import { FileExistsError, writeFileAtomic } from "../xlsx/atomic-write";
import { findGeneratedSheets } from "../xlsx/package-writer";
import { readFileBytes, UnusableWorkbookError } from "../xlsx/read-workbook";
import { PROGRAM, UsageError } from "./args";

/** Where the command line writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes, as the product contract defines them. */
export const ExitCode = { Ok: 0, Errors: 1, Unusable: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure to report in one line with exit code 2 (a file that cannot be used or written). */
export class CliFailure extends Error {}

/** The first non-blank line of a text, trimmed. */
export function oneLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "").trim();
}

export function checkExtension(file: string, allowed: readonly string[]): void {
  const ext = path.extname(file).toLowerCase();
  if (!allowed.includes(ext)) {
    throw new UsageError(`"${file}" must end in ${allowed.join(" or ")}, so that Excel opens it. Run "${PROGRAM} --help" for usage.`);
  }
}

/** The lock files Excel (`~$name.xlsx`) and LibreOffice (`.~lock.name.xlsx#`) keep beside an open file. */
export function lockFilesOf(file: string): string[] {
  const dir = path.dirname(file);
  const name = path.basename(file);
  return [path.join(dir, `~$${name}`), path.join(dir, `.~lock.${name}#`)];
}

/** What an earlier output of a command is: the generated sheet it must have, and its name for people. */
export interface OutputKind {
  readonly sheet: GeneratedKind;
  /** "report", "roll-up". */
  readonly noun: string;
}

export const REPORT_OUTPUT: OutputKind = { sheet: "summary", noun: "report" };

/**
 * Without --force, a command replaces an existing file only when it is an earlier output of its
 * own (it has the generated sheet, recognised by its marker) and no spreadsheet program has it open.
 */
export async function checkReplaceable(out: string, kind: OutputKind = REPORT_OUTPUT): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(out);
  } catch {
    return; // Nothing there yet (or nothing we can see): the write itself reports any problem.
  }
  if (stat.isDirectory()) return; // The write says "it is a folder".
  const force = "or add --force to replace it anyway";
  for (const lock of lockFilesOf(out)) {
    if (await fs.stat(lock).then(() => true, () => false)) {
      throw new CliFailure(`cannot write "${out}": it is open in Excel or LibreOffice (its lock file ${path.basename(lock)} is beside it). Close it there and try again, ${force}.`);
    }
  }
  let ours = false;
  try {
    ours = (await findGeneratedSheets(await readFileBytes(out))).some((s) => s.kind === kind.sheet);
  } catch (e) {
    if (e instanceof UnusableWorkbookError && e.reason === "unreadable") {
      throw new CliFailure(`cannot write "${out}": it already exists and could not be read to check that it is an earlier ${kind.noun} (${oneLine(e.message).replace(/\.$/, "").toLowerCase()}). Choose another name, ${force}.`);
    }
  }
  if (!ours) throw new CliFailure(`"${out}" already exists and is not a ${kind.noun} made by ${PROGRAM}. Choose another name, ${force}.`);
}

/** Writes a file atomically, turning a failure into one line. */
export async function writeOutput(out: string, bytes: Uint8Array, options: { noOverwrite?: boolean }): Promise<void> {
  try {
    await writeFileAtomic(out, bytes, options);
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliFailure(`"${out}" already exists. Choose another name, or add --force to replace it.`);
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === "ENOENT" || code === "ENOTDIR"
        ? `the folder ${path.dirname(path.resolve(out))} does not exist`
        : code === "EACCES" || code === "EPERM"
          ? "permission was refused (is the file open in Excel, or the folder read-only?)"
          : code === "EBUSY"
            ? "the file is in use; close it in Excel and try again"
            : code === "EISDIR"
              ? "it is a folder"
              : code === "ENOSPC"
                ? "the disk is full"
                : `the file could not be written${code ? ` (${code})` : ""}`;
    throw new CliFailure(`cannot write "${out}": ${reason}.`);
  }
}
