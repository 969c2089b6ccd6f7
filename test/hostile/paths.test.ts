/**
 * Hostile file names and paths through the real command line: folders, pipes, symbolic-link loops,
 * an output that is the input under another name, names with spaces, apostrophes, accents and a
 * leading dash. Each gets a clean answer; the input is never touched.
 */
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { makeTempDir, sha256 } from "../helpers/workbook-files";
import { buildCli, expectCleanRefusal, expectCleanRun, ROOT, runCliProcess } from "./cli-runner";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const tmp = makeTempDir("ciw-paths-");
const at = (name: string): string => tmp.file(name);
let before = "";

beforeAll(() => {
  buildCli();
  copyFileSync(SAMPLE, at("in.xlsx"));
  before = sha256(at("in.xlsx"));
  mkdirSync(at("folder.xlsx"));
  mkdirSync(at("reports"));
  execFileSync("mkfifo", [at("pipe.xlsx")]);
  symlinkSync("loop.xlsx", at("loop.xlsx"));
  symlinkSync("in.xlsx", at("link-to-input.xlsx"));
  copyFileSync(SAMPLE, at("-starts-with-dash.xlsx"));
  copyFileSync(SAMPLE, at("Inspector's ünïcode case file (v2).xlsx"));
}, 120_000);
afterAll(() => tmp.remove());

const run = (...args: string[]) => runCliProcess(args, { cwd: tmp.dir, timeoutMs: 20_000 });

test.each([
  ["a folder named .xlsx", ["validate", "folder.xlsx"], "It is a folder"],
  ["a named pipe", ["validate", "pipe.xlsx"], "not an ordinary file"],
  ["a symbolic link to itself", ["validate", "loop.xlsx"], "could not be read (ELOOP)"],
  ["a file that does not exist", ["validate", "nowhere.xlsx"], "does not exist"],
  ["--out a folder", ["report", "in.xlsx", "--out", "folder.xlsx"], "it is a folder"],
  ["--out a link to the input", ["report", "in.xlsx", "--out", "link-to-input.xlsx"], "is the input file"],
  ["--out the input by another path", ["report", "link-to-input.xlsx", "--out", "./in.xlsx"], "is the input file"],
  ["--out in a folder that does not exist", ["report", "in.xlsx", "--out", "missing/report.xlsx"], "does not exist"],
  ["--out with an .xls name", ["report", "in.xlsx", "--out", "report.xls"], "must end in .xlsx or .xlsm"],
  ["a leading dash without --", ["validate", "-starts-with-dash.xlsx"], "Unknown option"],
])("%s: exit 2, one clean line, the input untouched", async (_what, args, phrase) => {
  expectCleanRefusal(await run(...args), phrase);
  expect(sha256(at("in.xlsx"))).toBe(before);
  expect(readdirSync(at("folder.xlsx"))).toEqual([]);
});

test("a leading dash after --, and a name with an apostrophe, accents, spaces and brackets, are read", async () => {
  expectCleanRun(await run("validate", "--", "-starts-with-dash.xlsx"), 0);
  const r = await run("report", "Inspector's ünïcode case file (v2).xlsx", "--out", path.join("reports", "Rapport d'inspection – copie.xlsx"));
  expectCleanRun(r, 0);
  expect(readdirSync(at("reports"))).toEqual(["Rapport d'inspection – copie.xlsx"]);
});
