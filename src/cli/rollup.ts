/**
 * `rollup <in.xlsx>… | --dir <folder> --out <rollup.xlsx> [--json] [--force]`: many inspection
 * workbooks set side by side in one new workbook. Every file is read and checked as `validate`
 * checks it; one that cannot be used is listed with its reason and left out, never stopping the
 * rest.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildRollupLayouts, toRollupJson } from "../core";
import { writeNewWorkbook } from "../xlsx/new-workbook";
import { rollUpReads } from "../xlsx/rollup-read";
import { PROGRAM, type Command } from "./args";
import { formatRollup } from "./format";
import { checkExtension, checkReplaceable, CliFailure, ExitCode, writeOutput, type CliIo, type OutputKind } from "./output";
import { readFilesForRollup } from "./rollup-pool";

const ROLLUP_OUTPUT: OutputKind = { sheet: "rollup-services", noun: "roll-up" };
const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm"];

/** Runs the roll-up command. */
export async function rollup(command: Extract<Command, { kind: "rollup" }>, io: CliIo): Promise<ExitCode> {
  checkExtension(command.out, [".xlsx"]);
  const { files, notices } = await listInputs(command.inputs, command.dir, command.out);
  if (!command.force) await checkReplaceable(command.out, ROLLUP_OUTPUT);

  const { reads } = await readFilesForRollup(files);
  const result = rollUpReads(reads);
  for (const notice of notices) io.stderr(`${PROGRAM}: ${notice}\n`);
  if (result.services.length === 0) {
    const why = result.skipped.length === 1 ? `"${result.skipped[0]!.file}": ${result.skipped[0]!.reason}` : `none of the ${result.skipped.length} files is an inspection workbook that can be used (${result.skipped.map((s) => `"${s.file}"`).join(", ")}); run validate on each to see why`;
    throw new CliFailure(`nothing to roll up: ${why}`);
  }

  const generatedAt = new Date();
  const bytes = await writeNewWorkbook(buildRollupLayouts(result, { generatedAt }), generatedAt);
  await writeOutput(command.out, bytes, {});
  const where = path.resolve(command.out);
  if (command.json) {
    io.stdout(`${JSON.stringify(toRollupJson(result), null, 2)}\n`);
    io.stderr(`${PROGRAM}: roll-up written to ${where}\n`);
  } else {
    io.stdout(`${formatRollup(result, where).join("\n")}\n`);
  }
  return result.skipped.length > 0 || result.totals.errors > 0 ? ExitCode.Errors : ExitCode.Ok;
}

/**
 * The files to roll up: those named, then the folder's workbooks in name order (its lock files and
 * the --out file left out). A file named twice is read twice and reported as the same workbook.
 */
async function listInputs(inputs: readonly string[], dir: string | null, out: string): Promise<{ files: string[]; notices: string[] }> {
  const notices: string[] = [];
  const outPath = path.resolve(out);
  for (const file of inputs) {
    if (path.resolve(file) === outPath) throw new CliFailure(`--out "${out}" is one of the workbooks to roll up; the inputs are never modified. Choose another name for the roll-up.`);
  }
  const files = [...inputs];
  if (dir !== null) {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "the folder does not exist" : code === "ENOTDIR" ? "it is not a folder" : code === "EACCES" || code === "EPERM" ? "permission to read the folder was refused" : `the folder could not be read${code ? ` (${code})` : ""}`;
      throw new CliFailure(`cannot use --dir "${dir}": ${reason}.`);
    }
    const names = entries
      .filter((e) => !e.isDirectory() && WORKBOOK_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith("~$") && !e.name.startsWith(".~lock."))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const found: string[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      if (path.resolve(file) === outPath) notices.push(`left out "${file}": it is the --out file.`);
      else found.push(file);
    }
    if (found.length === 0 && inputs.length === 0) throw new CliFailure(`nothing to roll up: the folder "${dir}" holds no .xlsx workbook.`);
    files.push(...found);
  }
  return { files, notices };
}
