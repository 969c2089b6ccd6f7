/**
 * Fuzzing. (1) Property tests throw random grids, random Criteria tables and random Settings at
 * the engine: nothing escapes as an exception and the counts keep their invariants. (2) A
 * mutation run over the sample workbook's bytes through the real command line: every mutant gets
 * exit 0, 1 or 2, and exit 2 is one clean line; no crash, no stack trace, no hang.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import {
  analyseWorkbook,
  APPLICABILITY_LABELS,
  BUILT_IN_FRAMEWORK,
  buildReportLayouts,
  criterionHeader,
  EXCEL_ERRORS,
  SETTING_ROWS,
  toReportJson,
  toValidateJson,
  type Analysis,
  type CellValue,
  type Grid,
  type SheetLayout,
  type WorkbookGrids,
} from "../../src/core";
import { randomBytes } from "../../scripts/make-hostile-corpus";
import { makeTempDir } from "../helpers/workbook-files";
import { buildCli, expectCleanRefusal, expectCleanRun, Pool, ROOT, runCliProcess, stackTraceLines, type CliRun } from "./cli-runner";
import { prng } from "../helpers/prng";

// ---------------------------------------------------------------------------------------------
// Random workbooks for the engine.

const HEADERS = ["Case ID", "case id", " CASE\nID ", "Case", "Case manager", "Sentence", "sentence type", "PSR", "new psr", "Notes", "1 Notes", "3 notes", ...BUILT_IN_FRAMEWORK.criteria.map(criterionHeader), "9.9 Unknown", "1.1", "01.01 padded", "2.10 x", "Interviewee"];
const WORDS = ["Yes", "No", "N/A", "yes", " Y ", "n", "NA", "n/a", "Not applicable", "TRUE", "Maybe", "", "  ", "Community", "Custody", "custodial", "community sentence", "C01", "C02", "c01", "=1+1", "@x", "\u202E", "😀", "x\ny"];

const text = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }));
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 50000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...EXCEL_ERRORS), fc.string({ maxLength: 6 })).map((error) => ({ error })) },
);
const headerCell: fc.Arbitrary<CellValue> = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...HEADERS) }, { weight: 1, arbitrary: cell });
const position = fc.record({ top: fc.integer({ min: 0, max: 1_048_000 }), left: fc.integer({ min: 0, max: 16_000 }) });

function gridArb(sheet: fc.Arbitrary<string>, header: fc.Arbitrary<CellValue>, body: fc.Arbitrary<CellValue>, maxRows: number): fc.Arbitrary<Grid> {
  return fc
    .record({
      sheet,
      at: fc.oneof({ weight: 4, arbitrary: fc.constant({ top: 0, left: 0 }) }, { weight: 1, arbitrary: position }),
      header: fc.array(header, { maxLength: 30 }),
      rows: fc.array(fc.array(body, { maxLength: 32 }), { maxLength: maxRows }),
      table: fc.option(fc.constantFrom("Cases", "Table1"), { nil: undefined }),
    })
    // A table with its header row turned off on row 1 has its column names on row -1.
    .map(({ sheet: name, at, header: h, rows, table }) => ({ sheet: name, top: table && at.top === 0 && rows.length % 3 === 0 ? -1 : at.top, left: at.left, rows: [h, ...rows], ...(table ? { tableName: table } : {}) }));
}

const sheetName = fc.oneof(fc.constantFrom("Cases", "Inspector's cases", "Données", "'x'", ""), fc.string({ maxLength: 31 }));
const casesGrid = gridArb(sheetName, headerCell, cell, 25);

const criteriaRow: fc.Arbitrary<CellValue[]> = fc.tuple(
  fc.oneof(fc.constantFrom("1.1", "2.1", "3.6", "5.1", "6.1", "10.10", "1.01", "x", "", "2.1 "), fc.string({ maxLength: 5 }), fc.double()),
  fc.oneof(fc.constantFrom("1", "2 Protecting", "9", ""), cell),
  fc.oneof(fc.constantFrom("Section title", ""), cell),
  fc.oneof(fc.constantFrom("Initial assessment", "", "  "), cell),
  fc.oneof(fc.constantFrom(...Object.values(APPLICABILITY_LABELS), "custody only", "Sometimes", "", "ALL CASES"), cell),
  fc.oneof(fc.constant("the initial assessment"), cell),
);
const criteriaGrid: fc.Arbitrary<Grid> = fc
  .record({
    header: fc.oneof(fc.constant<CellValue[]>(["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase"]), fc.array(headerCell, { maxLength: 7 })),
    rows: fc.array(criteriaRow, { maxLength: 30 }),
    blankAbove: fc.nat({ max: 2 }),
  })
  .map(({ header, rows, blankAbove }) => ({ sheet: "Criteria", top: blankAbove === 0 && rows.length % 2 === 0 ? -1 : 0, left: 0, rows: [...Array.from({ length: blankAbove }, () => []), header, ...rows] }));

const settingsGrid: fc.Arbitrary<Grid> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...SETTING_ROWS.map((s) => s.label), "Setting", "colour", ""), cell), fc.oneof(fc.constantFrom(0.8, 0.65, "80%", "150%", "HMI Probation 2018", "None", "Yes", "No", 5, 10, -1, 1e9), cell)), { maxLength: 16 })
  .map((rows) => ({ sheet: "Settings", top: rows.length % 2 === 0 ? -1 : 0, left: 0, rows: rows.map(([a, b]) => [a, b]) }));

const workbookArb: fc.Arbitrary<WorkbookGrids> = fc.record({
  cases: casesGrid,
  criteria: fc.option(criteriaGrid, { nil: null }),
  settings: fc.option(settingsGrid, { nil: null }),
  interviews: fc.option(gridArb(fc.constant("Interviews"), headerCell, cell, 8), { nil: null }),
});

const A1 = /^([A-Z]{1,3})([1-9]\d*)$/;

/** Everything wrong with an analysis (empty when the invariants hold). Plain checks: fast enough for many runs. */
function violations(a: Analysis, grids: WorkbookGrids): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string): void => void (ok || bad.push(what));
  const sheets = new Set([grids.cases.sheet, grids.criteria?.sheet, grids.settings?.sheet, grids.interviews?.sheet].filter((s): s is string => s !== undefined));
  const cases = a.cases.cases.length;
  for (const s of [...a.criteria, ...a.interviewStats]) {
    check(s.met + s.notMet === s.relevant, `${s.id}: met + notMet ≠ relevant`);
    for (const n of [s.met, s.notMet, s.unjudged, s.excluded, s.notApplicable]) check(Number.isInteger(n) && n >= 0, `${s.id}: count ${n}`);
    check(s.relevant === 0 ? s.percent === null : s.percent !== null && s.percent >= 0 && s.percent <= 100, `${s.id}: percent ${s.percent}`);
    check(typeof s.phrase === "string" && s.phrase.length > 0, `${s.id}: phrase`);
  }
  for (const s of a.criteria) if (s.hasColumn) check(s.relevant + s.unjudged + s.excluded + s.notApplicable === cases, `${s.id}: outcomes ≠ cases`);
  for (const s of [...a.sections, { ...a.overall, number: "overall" }]) {
    check(s.met + s.notMet === s.relevant, `section ${s.number}: met + notMet ≠ relevant`);
    check(s.relevant === 0 ? s.percent === null : s.percent !== null && s.percent >= 0 && s.percent <= 100, `section ${s.number}: percent ${s.percent}`);
  }
  check(a.overall.relevant === a.criteria.reduce((n, c) => n + c.relevant, 0), "overall relevant ≠ sum");
  check(a.excludedCells === [...a.criteria, ...a.interviewStats].reduce((n, c) => n + c.excluded, 0), "excludedCells ≠ sum");
  check(a.errors + a.warnings === a.issues.length, "errors + warnings ≠ issues");
  check(a.errors === a.issues.filter((i) => i.severity === "error").length, "errors ≠ error issues");
  for (const i of a.issues) {
    check(sheets.has(i.sheet), `issue on unknown sheet ${JSON.stringify(i.sheet)}`);
    check(typeof i.code === "string" && i.code.length > 0, "issue without code");
    check(typeof i.message === "string" && i.message.trim().length > 0, `${i.code}: no message`);
    const m = i.cell === null ? null : A1.exec(i.cell);
    check(i.cell === null || (m !== null && Number(m[2]) <= 1_048_576 + 1_000), `${i.code}: cell ${JSON.stringify(i.cell)}`);
  }
  return bad;
}

function layoutViolations(layouts: readonly SheetLayout[], a: Analysis): string[] {
  const bad: string[] = [];
  // The Action plan comes with an area requiring improvement (these workbooks have no plan of their own).
  const kinds = a.criteria.some((c) => c.band === "improvement") ? "summary,strengths,action-plan" : "summary,strengths";
  if (layouts.map((l) => l.kind).join() !== kinds) bad.push(`layout kinds ${layouts.map((l) => l.kind).join()}`);
  for (const l of layouts) {
    for (const c of l.cells) {
      if (!(Number.isInteger(c.row) && c.row >= 0 && c.row < l.rowCount && Number.isInteger(c.col) && c.col >= 0 && c.col < l.colCount)) bad.push(`${l.kind}: cell at ${c.row},${c.col}`);
      if (c.kind === "text" && c.text.length > 32767) bad.push(`${l.kind}: text of ${c.text.length}`);
      if (c.kind === "number" && !Number.isFinite(c.number)) bad.push(`${l.kind}: number ${c.number}`);
    }
  }
  return bad;
}

describe("the engine on random workbooks", () => {
  test("no exception escapes analyseWorkbook, buildReportLayouts or the JSON documents, and the invariants hold", () => {
    fc.assert(
      fc.property(workbookArb, (grids) => {
        const a = analyseWorkbook(grids);
        const layouts = buildReportLayouts(a, { generatedAt: new Date(Date.UTC(2026, 0, 15)) });
        expect([...violations(a, grids), ...layoutViolations(layouts, a)]).toEqual([]);
        JSON.parse(JSON.stringify(toReportJson(a)));
        JSON.parse(JSON.stringify(toValidateJson(a)));
      }),
      { numRuns: 1000, seed: 20260115 },
    );
  });

  test("random Criteria and Settings next to valid cases: invariants hold and the valid rows still count", () => {
    const header = ["Case ID", "Sentence", "PSR", ...BUILT_IN_FRAMEWORK.criteria.map(criterionHeader)];
    const row = (k: number): CellValue[] => [`C${k}`, k % 2 ? "Custody" : "Community", k % 3 ? "Yes" : "No", ...BUILT_IN_FRAMEWORK.criteria.map(() => (k % 4 ? "Yes" : "No"))];
    const cases: Grid = { sheet: "Cases", top: 0, left: 0, rows: [header, ...Array.from({ length: 12 }, (_x, k) => row(k))] };
    fc.assert(
      fc.property(fc.option(criteriaGrid, { nil: null }), fc.option(settingsGrid, { nil: null }), (criteria, settings) => {
        const grids = { cases, criteria, settings };
        const a = analyseWorkbook(grids);
        const layouts = buildReportLayouts(a, { generatedAt: new Date(Date.UTC(2026, 0, 15)) });
        const bad = [...violations(a, grids), ...layoutViolations(layouts, a)];
        if (a.cases.cases.length !== 12) bad.push(`${a.cases.cases.length} cases`);
        if (!(a.settings.strengthThreshold >= 0 && a.settings.strengthThreshold <= 100)) bad.push(`strength ${a.settings.strengthThreshold}`);
        if (a.settings.improvementThreshold > a.settings.strengthThreshold) bad.push("improvement above strength");
        expect(bad).toEqual([]);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Mutants of the sample workbook through the command line.

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const MUTANTS = 60;
const REPORT_EVERY = 3;


interface Mutant {
  readonly name: string;
  readonly how: string;
  readonly bytes: Uint8Array;
}

/** Where the zip's parts start, so some mutations hit the data of one part. */
function localHeaders(bytes: Uint8Array): number[] {
  const at: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04) at.push(i);
  return at;
}

function makeMutants(sample: Uint8Array, count: number, seed: number): Mutant[] {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const headers = localHeaders(sample);
  const kinds = ["flip", "flip-in-part", "truncate", "insert", "delete", "zero-run", "duplicate", "header-field"] as const;
  const mutants: Mutant[] = [];
  for (let k = 0; k < count; k++) {
    const kind = kinds[k % kinds.length]!;
    let bytes = new Uint8Array(sample);
    let how = "";
    switch (kind) {
      case "flip": {
        const n = 1 + int(16);
        for (let i = 0; i < n; i++) {
          const at = int(bytes.length);
          bytes[at] = bytes[at]! ^ (1 << int(8));
        }
        how = `${n} random bit flips`;
        break;
      }
      case "flip-in-part": {
        const start = headers[int(headers.length)]!;
        const offset = start + 30 + int(200);
        for (let i = 0; i < 4; i++) {
          const at = Math.min(bytes.length - 1, offset + i);
          bytes[at] = bytes[at]! ^ 0xff;
        }
        how = `4 bytes inverted inside the part at ${start}`;
        break;
      }
      case "truncate": {
        const at = int(bytes.length);
        bytes = bytes.slice(0, at);
        how = `cut at ${at}`;
        break;
      }
      case "insert": {
        const at = int(bytes.length);
        const junk = randomBytes(seed + k, 1 + int(64));
        bytes = new Uint8Array([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]);
        how = `${junk.length} random bytes inserted at ${at}`;
        break;
      }
      case "delete": {
        const at = int(bytes.length);
        const n = 1 + int(256);
        bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + n)]);
        how = `${n} bytes deleted at ${at}`;
        break;
      }
      case "zero-run": {
        const at = int(bytes.length);
        const n = 1 + int(512);
        bytes.fill(0, at, at + n);
        how = `${n} bytes zeroed at ${at}`;
        break;
      }
      case "duplicate": {
        const at = int(bytes.length);
        const n = 1 + int(1024);
        bytes = new Uint8Array([...bytes.subarray(0, at + n), ...bytes.subarray(at, at + n), ...bytes.subarray(at + n)]);
        how = `${n} bytes at ${at} repeated`;
        break;
      }
      case "header-field": {
        // A size, CRC or offset field of a local header or of the central directory set to junk.
        const start = headers[int(headers.length)]!;
        const field = [14, 18, 22, 26][int(4)]!;
        const junk = randomBytes(seed * 31 + k, 4);
        bytes.set(junk, start + field);
        how = `local header field +${field} of the part at ${start} set to junk`;
        break;
      }
    }
    mutants.push({ name: `mutant-${String(k + 1).padStart(2, "0")}-${kind}.xlsx`, how, bytes });
  }
  return mutants;
}

describe("mutants of the sample workbook through the command line", () => {
  const tmp = makeTempDir("ciw-mutants-");
  const pool = new Pool(2);
  const mutants = makeMutants(new Uint8Array(readFileSync(SAMPLE)), MUTANTS, 20260115);
  const results = new Map<string, { validate: Promise<CliRun>; report: Promise<CliRun> | null; outDir: string }>();
  let started = 0;

  beforeAll(() => {
    buildCli();
    started = Date.now();
    mutants.forEach((m, k) => {
      const input = tmp.file(m.name);
      writeFileSync(input, m.bytes);
      const outDir = tmp.file(`out-${k}`);
      mkdirSync(outDir);
      results.set(m.name, {
        validate: pool.run(() => runCliProcess(["validate", input, "--json"], { cwd: tmp.dir, timeoutMs: 20_000 })),
        report: k % REPORT_EVERY === 0 ? pool.run(() => runCliProcess(["report", input, "--out", path.join(outDir, "out.xlsx"), "--json"], { cwd: tmp.dir, timeoutMs: 20_000 })) : null,
        outDir,
      });
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([...results.values()].flatMap((r) => [r.validate, r.report ?? Promise.resolve()]));
    tmp.remove();
  });

  const tally = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;

  test.each(mutants.map((m) => [m.name, m.how] as const))("%s (%s): exit 0, 1 or 2, never a crash", async (name) => {
    const r = results.get(name)!;
    const v = await r.validate;
    expect(v.timedOut).toBe(false);
    expect([0, 1, 2]).toContain(v.code);
    tally[v.code!] = (tally[v.code!] ?? 0) + 1;
    if (process.env.HOSTILE_TIMINGS === "1" && v.code !== 2) console.log(`${name}: exit ${v.code} ${v.stdout.replace(/\s+/g, " ").slice(0, 300)}`);
    if (v.code === 2) expectCleanRefusal(v, "cannot use");
    else {
      expectCleanRun(v, v.code as 0 | 1);
      JSON.parse(v.stdout);
    }
    expect(stackTraceLines(v.stdout + v.stderr)).toEqual([]);
    if (r.report) {
      const p = await r.report;
      expect(p.timedOut).toBe(false);
      expect([0, 1, 2]).toContain(p.code);
      if (p.code === 2) {
        expectCleanRefusal(p, "");
        expect(readdirSync(r.outDir)).toEqual([]);
      } else {
        expectCleanRun(p, p.code as 0 | 1);
        expect(readdirSync(r.outDir)).toEqual(["out.xlsx"]);
      }
    }
  });

  // Runs after the mutants' tests (a file's tests run in order), so the tally is complete.
  test("the whole run stays bounded; every mutant answered, some refused (exit 2) and some still read (exit 0 or 1)", async () => {
    await Promise.all([...results.values()].flatMap((r) => [r.validate, r.report ?? Promise.resolve()]));
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(tally[0]! + tally[1]! + tally[2]!).toBe(mutants.length);
    expect(tally[2]).toBeGreaterThan(0);
    expect(tally[0]! + tally[1]!).toBeGreaterThan(0);
    if (process.env.HOSTILE_TIMINGS === "1") console.log(`mutants: exit 0 ×${tally[0] ?? 0}, exit 1 ×${tally[1] ?? 0}, exit 2 ×${tally[2] ?? 0}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
