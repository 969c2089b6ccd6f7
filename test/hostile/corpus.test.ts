/**
 * The hostile-workbook corpus (test/fixtures/hostile/, made by scripts/make-hostile-corpus.ts)
 * through the real command line: `validate --json` and `report --out … --json` on every file must
 * give the expected exit code, statistics and issues, or exit 2 with one clean line; never touch
 * the input, never leave a partial or temporary output, never hang. Where an entry is plain data
 * the engine (on its grids) and the Office.js adapter (on the test double) must agree.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseWorkbook, buildReportLayouts, type Analysis, type Issue } from "../../src/core";
import { readWorkbookGrids as readExcelGrids, writeLayouts } from "../../src/excel";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import {
  CORPUS,
  doubleSeedOf,
  FORMULA_NOTES,
  gridsOfSpec,
  INTERNATIONAL_NOTES,
  largeGrids,
  MARKUP_NOTES,
  type CorpusEntry,
  type ExpectedAnswer,
  type ManifestEntry,
} from "../../scripts/make-hostile-corpus";
import { createExcelDouble, type WorkbookSeed } from "../excel-double";
import { runnerFor } from "../excel-double/measure";
import { makeTempDir } from "../helpers/workbook-files";
import { buildCli, expectCleanRefusal, expectCleanRun, Pool, ROOT, runCliProcess, type CliRun } from "./cli-runner";
import { unexpectedPartChanges } from "./package-parts";

const FIXTURES = path.join(ROOT, "test", "fixtures", "hostile");
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")) as ManifestEntry[];
const tmp = makeTempDir("ciw-hostile-");
const pool = new Pool(2);
const SMALL_TIMEOUT_MS = 20_000;
const LARGE_TIMEOUT_MS = 180_000;

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const sha256File = (file: string): string => sha256(readFileSync(file));

interface EntryRuns {
  readonly input: string;
  readonly before: string;
  readonly outDir: string;
  readonly validate: Promise<CliRun>;
  readonly report: Promise<CliRun>;
}

const runs = new Map<string, EntryRuns>();

/** Copies (or builds) the input, then queues both commands for it. */
async function startEntry(entry: CorpusEntry): Promise<void> {
  const inDir = path.join(tmp.dir, "in");
  mkdirSync(inDir, { recursive: true });
  const input = path.join(inDir, entry.file);
  if (entry.large) writeFileSync(input, await entry.build());
  else copyFileSync(path.join(FIXTURES, entry.file), input);
  chmodSync(input, 0o444);
  const outDir = path.join(tmp.dir, "out", entry.file.replace(/\.xlsx$/, ""));
  mkdirSync(outDir, { recursive: true });
  const timeoutMs = entry.large ? LARGE_TIMEOUT_MS : SMALL_TIMEOUT_MS;
  const before = sha256File(input);
  runs.set(entry.file, {
    input,
    before,
    outDir,
    validate: pool.run(() => runCliProcess(["validate", input, "--json"], { cwd: tmp.dir, timeoutMs })),
    report: pool.run(() => runCliProcess(["report", input, "--out", path.join(outDir, "report.xlsx"), "--json"], { cwd: tmp.dir, timeoutMs })),
  });
}

beforeAll(async () => {
  buildCli();
  // The large entries first, so their long runs overlap the many small ones.
  for (const entry of [...CORPUS].sort((a, b) => Number(b.large ?? false) - Number(a.large ?? false))) await startEntry(entry);
}, 180_000);

afterAll(async () => {
  // Let every queued run finish before the folder goes; say where the time went.
  const done = await Promise.all(
    [...runs.entries()].map(async ([file, r]) => {
      const [v, p] = await Promise.allSettled([r.validate, r.report]);
      return { file, ms: Math.max(v.status === "fulfilled" ? v.value.ms : 0, p.status === "fulfilled" ? p.value.ms : 0) };
    }),
  );
  const slowest = done.sort((a, b) => b.ms - a.ms).slice(0, 4);
  if (process.env.HOSTILE_TIMINGS === "1") console.log(`slowest command runs: ${slowest.map((d) => `${d.file} ${(d.ms / 1000).toFixed(1)} s`).join(", ")}`);
  tmp.remove();
}, 180_000);

// ---------------------------------------------------------------------------------------------

/** An issue as the manifest states it. */
const key = (i: { sheet: string; cell: string | null; code: string }): string => `${i.sheet}!${i.cell ?? "-"} ${i.code}`;

function expectIssues(actual: readonly { sheet: string; cell: string | null; code: string }[], expected: ExpectedAnswer): void {
  if (expected.issues) expect(actual.map(key).sort()).toEqual(expected.issues.map(key).sort());
  if (expected.issueCounts) {
    const counts: Record<string, number> = {};
    for (const i of actual) counts[i.code] = (counts[i.code] ?? 0) + 1;
    expect(counts).toEqual(expected.issueCounts);
  }
}

/** Every issue is well formed and in reading order (sheet by sheet, row, then column). */
function expectWellFormedIssues(issues: readonly Issue[]): void {
  for (const i of issues) {
    expect(typeof i.sheet).toBe("string");
    expect(typeof i.code).toBe("string");
    expect(typeof i.message).toBe("string");
    expect(i.message.length).toBeGreaterThan(0);
    if (i.cell !== null) expect(i.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
  }
}

interface Counted {
  readonly cases: number;
  readonly criteria: readonly { id: string; relevant: number; met: number; unjudged: number; excluded: number }[];
  readonly overall: { relevant: number; met: number };
  readonly errors: number;
  readonly warnings: number;
  readonly excludedCells: number;
  readonly issues: readonly Issue[];
}

function countedOf(a: Analysis): Counted {
  return { cases: a.cases.cases.length, criteria: a.criteria, overall: a.overall, errors: a.errors, warnings: a.warnings, excludedCells: a.excludedCells, issues: a.issues };
}

function expectCounted(actual: Counted, expected: ExpectedAnswer): void {
  expect(actual.cases).toBe(expected.cases);
  for (const [id, [relevant, met, unjudged, excluded]] of Object.entries(expected.criteria ?? {})) {
    const c = actual.criteria.find((x) => x.id === id);
    expect({ id, stats: c ? [c.relevant, c.met, c.unjudged, c.excluded] : null }).toEqual({ id, stats: [relevant, met, unjudged, excluded] });
  }
  if (expected.overall) expect([actual.overall.relevant, actual.overall.met]).toEqual(expected.overall);
  expect({ errors: actual.errors, warnings: actual.warnings }).toEqual({ errors: expected.errors, warnings: expected.warnings });
  if (expected.excludedCells !== undefined) expect(actual.excludedCells).toBe(expected.excludedCells);
  expectIssues(actual.issues, expected);
  expectWellFormedIssues(actual.issues);
}

async function sheetNamesOf(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const wb = (await zip.file("xl/workbook.xml")!.async("string")).replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...wb.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!);
}

/** The generated sheets a report of these workbooks has: an Action plan too when a criterion is an area requiring improvement (none has a plan of its own). */
function reportKinds(a: Analysis): string[] {
  return a.criteria.some((c) => c.band === "improvement") ? ["summary", "strengths", "action-plan"] : ["summary", "strengths"];
}

/** Every string cell of the generated sheets of a report, and every formula. */
async function generatedCells(file: string): Promise<{ strings: string[]; formulas: string[]; sheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  const strings: string[] = [];
  const formulas: string[] = [];
  const sheets: string[] = [];
  for (const ws of wb.worksheets) {
    const a2 = ws.getCell("A2").value;
    if (typeof a2 !== "string" || !a2.startsWith("Generated by Case Inspection Workbook")) continue;
    sheets.push(ws.name);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === "string") strings.push(v);
        else if (v && typeof v === "object" && "richText" in v) strings.push(v.richText.map((p) => p.text).join(""));
        else if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) formulas.push(String((v as { formula?: string }).formula ?? ""));
      }),
    );
  }
  return { strings, formulas, sheets };
}

/**
 * The length of the longest string in the report's generated sheets, which must be there (the
 * maximum of no strings would pass any bound).
 */
async function longestGeneratedString(output: string): Promise<number> {
  const { strings, sheets } = await generatedCells(output);
  expect(sheets).toEqual(expect.arrayContaining(["Summary", "Strengths & improvements"]));
  expect(strings.length).toBeGreaterThan(0);
  return Math.max(...strings.map((s) => s.length));
}

/** Extra checks on a report's output, by corpus file. */
const OUTPUT_CHECKS: Record<string, (output: string, input: string) => Promise<void>> = {
  "notes-international.xlsx": async (output) => {
    const { strings } = await generatedCells(output);
    for (const note of INTERNATIONAL_NOTES.filter((n) => !n.includes("\uFEFF"))) expect(strings).toContain(note);
  },
  "notes-formula-like.xlsx": async (output) => {
    const { strings, formulas } = await generatedCells(output);
    for (const note of FORMULA_NOTES) {
      expect(strings).toContain(note);
      expect(formulas.filter((f) => note.includes(f.replace(/^=/, "")) || f.includes("HYPERLINK") || f.includes("cmd"))).toEqual([]);
    }
  },
  "notes-markup.xlsx": async (output) => {
    const { strings } = await generatedCells(output);
    for (const note of MARKUP_NOTES) expect(strings).toContain(note);
  },
  "notes-32767-chars.xlsx": async (output) => {
    expect(await longestGeneratedString(output)).toBeLessThanOrEqual(32767);
  },
  "notes-over-limit.xlsx": async (output) => {
    expect(await longestGeneratedString(output)).toBeLessThanOrEqual(32767);
  },
  "cell-10000-line-breaks.xlsx": async (output) => {
    expect(await longestGeneratedString(output)).toBeLessThanOrEqual(32767);
  },
  "generated-sheets-edited.xlsx": async (output) => {
    const { strings } = await generatedCells(output);
    expect(strings).not.toContain("My comment");
    const zip = await JSZip.loadAsync(readFileSync(output));
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      expect(await zip.file(name)!.async("string")).not.toContain("<v>999</v>");
    }
  },
  "user-summary-sheet.xlsx": async (output) => {
    const { sheets } = await generatedCells(output);
    expect(sheets.sort()).toEqual(["Action plan", "Strengths & improvements", "Summary (2)"]);
  },
};

// ---------------------------------------------------------------------------------------------

describe("the corpus", () => {
  test("has at least 40 workbooks, each with an answer, and the manifest lists exactly the script's entries", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(manifest.map((m) => m.file)).toEqual(CORPUS.map((e) => e.file));
    for (const m of manifest) expect(m.expected).toEqual(JSON.parse(JSON.stringify(CORPUS.find((e) => e.file === m.file)!.expected)));
    const exitCodes = new Set(CORPUS.map((e) => e.expected.exit));
    expect([...exitCodes].sort()).toEqual([0, 1, 2]);
  });

  test("the committed files are what the script makes, byte for byte, and stay small", async () => {
    let total = 0;
    const committed = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).sort();
    expect(committed).toEqual(CORPUS.filter((e) => !e.large).map((e) => e.file).sort());
    for (const entry of CORPUS.filter((e) => !e.large)) {
      const onDisk = readFileSync(path.join(FIXTURES, entry.file));
      total += onDisk.length;
      const m = manifest.find((x) => x.file === entry.file)!;
      expect({ file: entry.file, sha: sha256(onDisk) }).toEqual({ file: entry.file, sha: m.sha256 });
      if (entry.portableBytes !== false) expect({ file: entry.file, sha: sha256(await entry.build()) }).toEqual({ file: entry.file, sha: m.sha256 });
    }
    expect(total).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);
});

describe.each(CORPUS.map((e) => [e.file, e] as const))("%s", (file, entry) => {
  const expected = entry.expected;

  test(`validate --json: ${expected.exit === 2 ? `exit 2 "${expected.reason}"` : `exit ${expected.exit}`}`, async () => {
    const run = runs.get(file)!;
    const r = await run.validate;
    if (expected.exit === 2) {
      expectCleanRefusal(r, expected.reason!);
    } else {
      expectCleanRun(r, expected.exit);
      expect(r.stderr).toBe("");
      const doc = JSON.parse(r.stdout) as { errors: number; warnings: number; issues: Issue[] };
      expect(Object.keys(doc)).toEqual(["errors", "warnings", "issues"]);
      expect({ errors: doc.errors, warnings: doc.warnings }).toEqual({ errors: expected.errors, warnings: expected.warnings });
      expectIssues(doc.issues, expected);
      expectWellFormedIssues(doc.issues);
    }
    expect(r.ms).toBeLessThan(entry.large ? LARGE_TIMEOUT_MS : SMALL_TIMEOUT_MS);
    expect(sha256File(run.input)).toBe(run.before);
  });

  test(`report --out --json: ${expected.exit === 2 ? "refused, no output file" : "written with the right counts"}`, async () => {
    const run = runs.get(file)!;
    const r = await run.report;
    const left = readdirSync(run.outDir);
    if (expected.exit === 2) {
      expectCleanRefusal(r, expected.reason!);
      expect(left).toEqual([]);
    } else {
      expectCleanRun(r, expected.exit);
      expect(left).toEqual(["report.xlsx"]);
      const doc = JSON.parse(r.stdout) as Counted & { overall: { relevant: number; met: number } };
      expectCounted(doc, expected);
      const stderr = r.stderr.split("\n").filter((l) => l !== "");
      expect(stderr).toContain(`inspection-workbook: report written to ${path.join(run.outDir, "report.xlsx")}`);
      for (const phrase of expected.notices ?? []) expect(stderr.some((l) => l.includes(phrase))).toBe(true);
      if (!expected.notices) expect(stderr).toHaveLength(1);
      const output = path.join(run.outDir, "report.xlsx");
      if (expected.outputSheets) expect(await sheetNamesOf(output)).toEqual(expected.outputSheets);
      if (!entry.large) {
        // The copy reads back with the same answer, and only the parts a report may touch changed.
        const again = analyseWorkbook((await readWorkbookFile(output)).grids);
        expectCounted(countedOf(again), expected);
        expect(await unexpectedPartChanges(readFileSync(run.input), readFileSync(output))).toEqual([]);
      }
      await OUTPUT_CHECKS[file]?.(output, run.input);
    }
    expect(r.ms).toBeLessThan(entry.large ? LARGE_TIMEOUT_MS : SMALL_TIMEOUT_MS);
    expect(sha256File(run.input)).toBe(run.before);
  });

  const engineGrids = entry.engine === false ? null : entry.spec ? () => gridsOfSpec(entry.spec!) : largeGrids(entry) ? () => largeGrids(entry)! : null;
  if (engineGrids && expected.exit !== 2) {
    test("the engine on the same grids gives the same answer, and the layouts build", () => {
      const analysis = analyseWorkbook(engineGrids());
      expectCounted(countedOf(analysis), expected);
      const layouts = buildReportLayouts(analysis, { generatedAt: new Date(Date.UTC(2026, 0, 15)) });
      expect(layouts.map((l) => l.kind)).toEqual(reportKinds(analysis));
    });
  }

  if (entry.spec && entry.double !== false && !entry.large && expected.exit !== 2) {
    test("the Office.js adapter on the test double gives the same answer and writes the sheets", async () => {
      const double = createExcelDouble(doubleSeedOf(entry.spec!) as unknown as WorkbookSeed, { responseLimitBytes: Infinity });
      const run = runnerFor(double);
      const read = await readExcelGrids({ run });
      if (read.kind !== "ok") throw new Error(read.reason);
      const analysis = analyseWorkbook(read.grids);
      expectCounted(countedOf(analysis), expected);
      const written = await writeLayouts(buildReportLayouts(analysis, { generatedAt: new Date(Date.UTC(2026, 0, 15)) }), { run });
      expect(written.sheets).toHaveLength(reportKinds(analysis).length);
    });
  }
});
