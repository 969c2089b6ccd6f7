/**
 * The command line: `template`, `validate` and `report` over real .xlsx files. Every failure is
 * caught here and shown as one line; no stack trace ever reaches the user.
 */
import { promises as fs, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  analyseWorkbook,
  buildReportLayouts,
  buildTemplate,
  BUILT_IN_FRAMEWORKS,
  checkDraft,
  inspectionDates,
  previousFromAnalysis,
  readPreviousSheet,
  toCheckTextJson,
  toReportJson,
  toValidateJson,
  type FrameworkId,
  type PreviousInspection,
} from "../core";
import { DEFAULT_DRAFT_LIMITS, readDraft, UnusableDraftError, type DraftText } from "../docx/read-draft";
import { writeGeneratedSheets } from "../xlsx/package-writer";
import { readFileBytes, readWorkbookFile, UnusableWorkbookError } from "../xlsx/read-workbook";
import { writeTemplate } from "../xlsx/template";
import { parseCommand, PROGRAM, USAGE, UsageError, type Command } from "./args";
import { formatCheckText, formatReport, formatValidate } from "./format";
import { checkExtension, checkReplaceable, CliFailure, ExitCode, oneLine, writeOutput, type CliIo } from "./output";
import { rollup } from "./rollup";

export { ExitCode, lockFilesOf, type CliIo } from "./output";

/**
 * Runs one command line and returns the exit code. Never throws.
 * @example process.exitCode = await runCli(["validate", "in.xlsx", "--json"]);
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  try {
    const command = parseCommand(argv);
    return await execute(command, io);
  } catch (e) {
    io.stderr(`${PROGRAM}: ${describeFailure(e)}\n`);
    return ExitCode.Unusable;
  }
}

/** One line for any failure. */
function describeFailure(e: unknown): string {
  if (e instanceof UsageError || e instanceof CliFailure) return oneLine(e.message);
  if (e instanceof Error) return `unexpected error: ${oneLine(e.message) || e.name}`;
  return `unexpected error: ${oneLine(String(e))}`;
}

async function execute(command: Command, io: CliIo): Promise<ExitCode> {
  switch (command.kind) {
    case "help":
      io.stdout(USAGE);
      return ExitCode.Ok;
    case "version":
      io.stdout(`${readVersion()}\n`);
      return ExitCode.Ok;
    case "template":
      return template(command.out, command.force, command.framework, command.criterionNotes, io);
    case "validate":
      return validate(command.input, command.json, io);
    case "report":
      return report(command, io);
    case "check-text":
      return checkText(command, io);
    case "rollup":
      return rollup(command, io);
  }
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

async function template(out: string, force: boolean, framework: FrameworkId, criterionNotes: boolean, io: CliIo): Promise<ExitCode> {
  checkExtension(out, [".xlsx"]);
  const bytes = await writeTemplate(buildTemplate({ framework: BUILT_IN_FRAMEWORKS[framework].framework, criterionNotes }));
  await writeOutput(out, bytes, { noOverwrite: !force });
  io.stdout(`Template written to ${path.resolve(out)}.\nFill in one row per case on the Cases sheet, then run "${PROGRAM} validate" on it.\n`);
  return ExitCode.Ok;
}

async function readInput(file: string, what = ""): Promise<Awaited<ReturnType<typeof readWorkbookFile>>> {
  try {
    return await readWorkbookFile(file);
  } catch (e) {
    if (e instanceof UnusableWorkbookError) throw new CliFailure(`cannot use ${what}"${file}": ${e.message}`);
    throw e;
  }
}

/**
 * The figures of the earlier inspection given with --previous (its workbook, or a report made
 * from it), and what a user should know about them.
 */
async function readPrevious(file: string): Promise<{ previous: PreviousInspection; notices: string[] }> {
  const { grids } = await readInput(file, "the previous inspection ");
  // The earlier file's own comparison, if it has one, is not this one's.
  const a = analyseWorkbook({ ...grids, previous: null, actionPlan: null });
  const notices: string[] = [];
  if (a.errors > 0) notices.push(`the previous inspection's workbook "${file}" has ${a.errors} error${a.errors === 1 ? "" : "s"}; the cells concerned are left out of its counts (run "${PROGRAM} validate" on it to see them).`);
  return { previous: previousFromAnalysis(a, path.basename(file)), notices };
}

/** Checks a drafted report against the workbook's counts. */
async function checkText(command: Extract<Command, { kind: "check-text" }>, io: CliIo): Promise<ExitCode> {
  const kind = draftKind(command.draft);
  const { grids } = await readInput(command.input);
  const draft = await readDraftFile(command.draft, kind);
  const analysis = analyseWorkbook(grids);
  const check = checkDraft(draft.paragraphs, analysis);
  for (const notice of draft.notices) io.stderr(`${PROGRAM}: ${oneLine(notice)}\n`);
  if (command.json) io.stdout(`${JSON.stringify(toCheckTextJson(check), null, 2)}\n`);
  else io.stdout(`${formatCheckText(check, analysis, command.input, command.draft).join("\n")}\n`);
  return check.disagrees > 0 ? ExitCode.Errors : ExitCode.Ok;
}

/** What kind of draft a file name says it is. */
function draftKind(file: string): "docx" | "txt" | "md" {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".docx" || ext === ".docm") return "docx";
  if (ext === ".txt" || ext === ".text") return "txt";
  if (ext === ".md" || ext === ".markdown") return "md";
  if (ext === ".doc" || ext === ".rtf" || ext === ".odt") throw new UsageError(`"${file}" is not a .docx document; open it in Word and save it as a Word Document (.docx), or as plain text (.txt). Run "${PROGRAM} --help" for usage.`);
  throw new UsageError(`The draft "${file}" must end in .docx, .txt or .md. Run "${PROGRAM} --help" for usage.`);
}

async function readDraftFile(file: string, kind: "docx" | "txt" | "md"): Promise<DraftText> {
  try {
    return await readDraft(await readFileBytes(file, DEFAULT_DRAFT_LIMITS.maxFileBytes), kind);
  } catch (e) {
    if (e instanceof UnusableWorkbookError || e instanceof UnusableDraftError) throw new CliFailure(`cannot use "${file}": ${e.message}`);
    throw e;
  }
}

async function validate(input: string, json: boolean, io: CliIo): Promise<ExitCode> {
  const { grids } = await readInput(input);
  const analysis = analyseWorkbook(grids);
  if (json) io.stdout(`${JSON.stringify(toValidateJson(analysis), null, 2)}\n`);
  else io.stdout(`${formatValidate(analysis, input).join("\n")}\n`);
  return analysis.errors > 0 ? ExitCode.Errors : ExitCode.Ok;
}

async function report(command: Extract<Command, { kind: "report" }>, io: CliIo): Promise<ExitCode> {
  const { input, out, json } = command;
  checkExtension(out, [".xlsx", ".xlsm"]);
  await checkDistinct(input, out);
  if (!command.force) await checkReplaceable(out);
  const { bytes, grids } = await readInput(input);
  const earlier = command.previous === null ? null : await readPrevious(command.previous);
  const analysis = analyseWorkbook(grids, { previous: earlier?.previous ?? null });
  const notices = [...(earlier?.notices ?? []), ...comparisonNotices(analysis, grids.previous ? readPreviousSheet(grids.previous).previous : null)];
  const layouts = buildReportLayouts(analysis, { generatedAt: new Date() });
  let written;
  try {
    written = await writeGeneratedSheets(bytes, layouts);
  } catch (e) {
    if (e instanceof UnusableWorkbookError) throw new CliFailure(`cannot use "${input}": ${e.message}`);
    throw new CliFailure(`could not add the generated sheets to a copy of "${input}": ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  await writeOutput(out, written.bytes, {});
  for (const notice of [...notices, ...written.notices]) io.stderr(`${PROGRAM}: ${oneLine(notice)}\n`);
  const inExt = path.extname(input).toLowerCase();
  const outExt = path.extname(out).toLowerCase();
  if (inExt !== outExt && (inExt === ".xlsx" || inExt === ".xlsm")) {
    io.stderr(`${PROGRAM}: the input is an ${inExt} file but the copy was named ${outExt}; Excel may refuse to open it. Use ${inExt} for --out.\n`);
  }
  const where = path.resolve(out);
  if (json) {
    io.stdout(`${JSON.stringify(toReportJson(analysis), null, 2)}\n`);
    io.stderr(`${PROGRAM}: report written to ${where}\n`);
  } else {
    io.stdout(`${formatReport(analysis, where, written.sheets).join("\n")}\n`);
  }
  return analysis.errors > 0 ? ExitCode.Errors : ExitCode.Ok;
}

/** What a user should know about the comparison: figures kept in the workbook that a file replaces, dates the wrong way round. */
function comparisonNotices(a: ReturnType<typeof analyseWorkbook>, stored: PreviousInspection | null): string[] {
  const notices: string[] = [];
  const p = a.previous;
  if (!p) return notices;
  const describe = (x: PreviousInspection): string => `${x.service === "" ? "service not named" : x.service}, ${inspectionDates(x.start, x.end)}`;
  if (a.previousFrom === "file" && stored) notices.push(`the report compares with ${p.source} (${describe(p)}); it replaces the previous inspection kept in the workbook (${describe(stored)}).`);
  const before = p.end ?? p.start;
  const now = a.settings.inspectionStart ?? a.settings.inspectionEnd;
  if (before && now && /^\d{4}-\d{2}-\d{2}$/.test(before) && /^\d{4}-\d{2}-\d{2}$/.test(now) && before > now) {
    notices.push(`the previous inspection's dates (${inspectionDates(p.start, p.end)}) are after this inspection's (${inspectionDates(a.settings.inspectionStart, a.settings.inspectionEnd)}); check that --previous names the earlier one.`);
  }
  return notices;
}

/** Refuses an output that is the input itself (same path, link or hard link). */
async function checkDistinct(input: string, out: string): Promise<void> {
  const same = new CliFailure(`--out "${out}" is the input file; the input is never modified. Choose another name for the copy.`);
  if (path.resolve(input) === path.resolve(out)) throw same;
  try {
    const [a, b] = await Promise.all([fs.stat(input), fs.stat(out)]);
    if (a.ino === b.ino && a.dev === b.dev) throw same;
  } catch (e) {
    if (e === same) throw e;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}

/**
 * Entry point for `bin/inspection-workbook.js`: runs the command line on `process.argv` and sets
 * the exit code. Last-resort handlers keep even an unexpected failure to one line.
 */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  const fail = (e: unknown): void => {
    process.stderr.write(`${PROGRAM}: ${describeFailure(e)}\n`);
    process.exit(ExitCode.Unusable);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) is not a failure of ours.
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    fail(e);
  });
  void runCli(argv).then((code) => {
    process.exitCode = code;
  }, fail);
}
