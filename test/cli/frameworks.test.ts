/**
 * `template --framework hmip-youth` through the real command line: the template filled with the
 * planned judgements of test/helpers/hmip-youth.ts, reported with --json, gives the standards'
 * ratings by their lowest key question and the overall score and band worked out by hand; the
 * plain-text report says which rule made each figure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { HMIP_EXPECTED, fillHmipWorkbook } from "../helpers/hmip-youth";
import { makeTempDir } from "../helpers/workbook-files";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const tmp = makeTempDir("ciw-frameworks-");

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let filled: string;

beforeAll(async () => {
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // tsc still emits when another module has a type error; the checks below need only lib/cli.
  }
  expect(existsSync(path.join(ROOT, "lib", "cli", "main.js"))).toBe(true);
  expect(cli("template", "youth.xlsx", "--framework", "hmip-youth").code).toBe(0);
  filled = tmp.file("youth-filled.xlsx");
  writeFileSync(filled, await fillHmipWorkbook(new Uint8Array(readFileSync(tmp.file("youth.xlsx")))));
}, 180_000);

afterAll(() => tmp.remove());

test("the template names the youth standards and starts with no errors", () => {
  const r = cli("validate", "youth.xlsx", "--json");
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as { errors: number; issues: { code: string; criterionId: string | null }[] };
  expect(json.errors).toBe(0);
  // What is left to do: the cases, and the six ratings entered by hand.
  expect(json.issues.filter((i) => i.code === "criteria-missing-rating").map((i) => i.criterionId)).toEqual(["1.1", "1.2", "1.3", "1.4", "3.4", "4.1"]);
  expect(json.issues.filter((i) => i.code === "unknown-criterion-column")).toEqual([]);
});

test("report --json: standards by their lowest key question, 23 of 36 Good", () => {
  const r = cli("report", "youth-filled.xlsx", "--out", "youth-report.xlsx", "--json");
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as {
    cases: number;
    sections: { number: number | string; rule: string; decidedBy?: string; met: number; relevant: number; rating: string | null; score: number | null; counted: boolean }[];
    overall: Record<string, unknown>;
  };
  expect(json.cases).toBe(15);
  expect(json.sections.map((s) => ({ number: String(s.number), rule: s.rule, decidedBy: s.decidedBy ?? null, met: s.met, relevant: s.relevant, rating: s.rating, score: s.score, counted: s.counted }))).toEqual(
    HMIP_EXPECTED.standards,
  );
  expect(json.overall).toMatchObject(HMIP_EXPECTED.overall);
});

test("the plain report says which rule made each figure", () => {
  const r = cli("validate", "youth-filled.xlsx");
  expect(r.code).toBe(0);
  const r2 = cli("report", "youth-filled.xlsx", "--out", "youth-report-2.xlsx");
  expect(r2.code).toBe(0);
  expect(r2.stdout).toMatch(/2\.1 .*lowest criterion: 2\.1\.3/);
  expect(r2.stdout).toMatch(/1\.1 .*rated by hand/);
  expect(r2.stdout).toMatch(/4\.1 .*not counted in the overall/);
  expect(r2.stdout).toMatch(/score sum: 23 of 36/);
});
