/**
 * `rollup` end to end: the spawned command line on the sample and generated workbooks (other
 * services and dates, a damaged file, the same inspection twice, one with errors, one on another
 * framework). Its JSON and the roll-up workbook (read with ExcelJS, the test oracle, and
 * recalculated by LibreOffice) must give the figures counted in test/helpers/rollup-set.ts from the
 * rows written into the workbooks.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { RollupJson } from "../../src/core";
import { convertWithLibreOffice, describeWithLibreOffice, recalculate } from "../helpers/libreoffice";
import { checkRollupWorkbook, expectedCriteria, expectedSections, keyOf, oneDecimal, rowWhere, value, writeRollupSet, type ExpectedCriterion, type RollupSet } from "../helpers/rollup-set";
import { makeTempDir } from "../helpers/workbook-files";
import { buildCli } from "../hostile/cli-runner";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const tmp = makeTempDir("ciw-rollup-");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let set: RollupSet;
let run: Run;
let json: RollupJson;
let expected: ExpectedCriterion[];
const OUT = (): string => tmp.file("rollup.xlsx");

beforeAll(async () => {
  buildCli();
  const dir = tmp.file("inspections");
  mkdirSync(dir);
  set = await writeRollupSet(dir);
  expected = expectedCriteria(set.services);
  // Two threads, so the worker path is the one tested (the machine may have one core).
  run = cli(["rollup", "--dir", dir, "--out", OUT(), "--json"], { INSPECTION_WORKBOOK_THREADS: "2" });
  json = JSON.parse(run.stdout) as RollupJson;
}, 240_000);

afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

const serviceOf = (name: string) => json.services.find((s) => s.name === name)!;

describe("rollup --json on the sample and generated workbooks", () => {
  test("exit 1 (files left out, a workbook with errors), the roll-up written, one line on stderr", () => {
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([`inspection-workbook: roll-up written to ${OUT()}`]);
    expect(existsSync(OUT())).toBe(true);
  });

  test("one service per usable workbook, counted once, with its cases, errors and cells left out", () => {
    expect(json.services.map((s) => s.name).sort()).toEqual(set.services.map((s) => s.service).sort());
    for (const s of set.services) {
      expect(serviceOf(s.service)).toMatchObject({ cases: s.cases, excludedCells: s.errorCells, file: path.join(set.dir, s.file) });
      expect(serviceOf(s.service).errors > 0).toBe(s.errorCells > 0);
    }
    expect(json.pooled).toMatchObject({ services: set.services.length, cases: set.services.reduce((n, s) => n + s.cases, 0) });
  });

  test("every criterion, matched by ID and title: each service's counts, pooled, median, lowest, highest", () => {
    expect(json.criteria).toHaveLength(expected.length);
    for (const e of expected) {
      const got = json.criteria.find((c) => c.id === e.id && c.title === e.title);
      expect(got).toBeDefined();
      expect(Object.fromEntries(got!.byService.map((b) => [b.service, { met: b.met, relevant: b.relevant }]))).toEqual(Object.fromEntries(e.byService));
      expect(got).toMatchObject({ met: e.met, relevant: e.relevant, percent: oneDecimal(e.percent), median: oneDecimal(e.median) });
      expect(got!.lowest?.percent ?? null).toBe(oneDecimal(e.lowest));
      expect(got!.highest?.percent ?? null).toBe(oneDecimal(e.highest));
    }
  });

  test("each service's sections and overall are its criteria pooled", () => {
    for (const s of set.services) {
      const sections = expectedSections(s);
      const got = serviceOf(s.service);
      expect(Object.fromEntries(got.sections.map((x) => [x.number, [x.met, x.relevant]]))).toEqual(Object.fromEntries([...sections].map(([n, c]) => [n, [c.met, c.relevant]])));
      const met = [...s.counts.values()].reduce((n, c) => n + c.met, 0);
      const relevant = [...s.counts.values()].reduce((n, c) => n + c.relevant, 0);
      expect(got.overall).toMatchObject({ met, relevant, percent: oneDecimal((100 * met) / relevant) });
    }
    // Pooled overall: every service's judgements together.
    const met = set.services.flatMap((s) => [...s.counts.values()]).reduce((n, c) => n + c.met, 0);
    const relevant = set.services.flatMap((s) => [...s.counts.values()]).reduce((n, c) => n + c.relevant, 0);
    expect(json.pooled).toMatchObject({ met, relevant, percent: oneDecimal((100 * met) / relevant) });
  });

  test("left out: the damaged file with its reason; the same inspection twice, with the file it repeats", () => {
    const skipped = new Map(json.skipped.map((s) => [path.basename(s.file), s]));
    expect([...skipped.keys()].sort()).toEqual([...set.skipped.keys()].sort());
    for (const [file, reason] of set.skipped) expect(skipped.get(file)!.reason).toMatch(reason);
    expect(skipped.get("eastshire-copy.xlsx")!.duplicateOf).toBe(path.join(set.dir, "eastshire.xlsx"));
    expect(skipped.get("damaged.xlsx")!.reason.split("\n")).toHaveLength(1);
  });

  test("another framework: nothing matched by position; what cannot be compared is listed", () => {
    const titles21 = json.criteria.filter((c) => c.id === "2.1").map((c) => c.byService.map((b) => b.service));
    expect(titles21).toHaveLength(2);
    expect(titles21).toContainEqual(["Riverside Youth Justice"]);
    const listed = new Map(json.notCompared.map((x) => [`${x.kind} ${x.id}`, x.reason]));
    expect(listed.get("criterion 2.1")).toBe("different-titles");
    for (const id of ["4.6", "5.1", "6.1"]) expect(listed.get(`criterion ${id}`)).toBe("not-in-every-framework");
    expect(listed.get("section 6")).toBe("not-in-every-framework");
  });

  test("the reading: Southshire stands apart on 1.1; a criterion weak in every service is said to be", () => {
    const c11 = json.criteria.find((c) => c.id === "1.1")!;
    expect(c11.reading.outliers).toEqual([expect.objectContaining({ service: "Southshire YOS", direction: "low" })]);
    // Which criteria are at or below 65% in every service that judged them, counted here.
    const weak = expected.filter((e) => e.byService.size >= 3 && [...e.byService.values()].every((c) => c.relevant > 0 && (100 * c.met) / c.relevant <= 65));
    expect(weak.length).toBeGreaterThan(0);
    expect(json.criteria.filter((c) => c.reading.pattern === "weak-everywhere").map((c) => keyOf(c.id, c.title))).toEqual(weak.map((e) => keyOf(e.id, e.title)));
  });

  test("sources: every file with its size and SHA-256, in the order read", () => {
    expect(json.sources.map((s) => path.basename(s.file))).toEqual(expect.arrayContaining(set.files as string[]));
    for (const s of json.sources) {
      const bytes = readFileSync(s.file);
      expect(s).toMatchObject({ bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
      expect(Number.isNaN(Date.parse(s.readAt))).toBe(false);
    }
  });
});

describe("reading on several threads", () => {
  test("worker threads read what one thread reads, in the files' order", async () => {
    // The compiled pool, so its worker script is there.
    const { readFilesForRollup } = require(path.join(ROOT, "lib", "cli", "rollup-pool.js")) as typeof import("../../src/cli/rollup-pool");
    const files = set.files.map((f) => path.join(set.dir, f));
    const without = (reads: readonly unknown[]) => JSON.stringify(reads, (k, v: unknown) => (k === "readAt" ? undefined : v));
    const one = await readFilesForRollup(files, 1);
    const three = await readFilesForRollup(files, 3);
    expect([one.threads, three.threads]).toEqual([1, 3]);
    expect(without(three.reads)).toBe(without(one.reads));
    expect(one.reads.map((r) => path.basename(r.kind === "workbook" ? r.workbook.source.file : r.source.file))).toEqual(set.files);
  });
});

describe("rollup exit codes and refusals", () => {
  test("exit 0 when every workbook is read with no errors; files named one by one; text output", () => {
    const files = ["eastshire.xlsx", "westshire.xlsx", "sample.xlsx"].map((f) => path.join(set.dir, f));
    const r = cli(["rollup", ...files, "--out", tmp.file("clean.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Roll-up of 3 services \(75 cases\) written to /);
    expect(r.stderr).toBe("");
  });

  test("exit 2 with one line when nothing can be used; nothing written", () => {
    const r = cli(["rollup", path.join(set.dir, "damaged.xlsx"), tmp.file("missing.xlsx"), "--out", tmp.file("none.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^inspection-workbook: nothing to roll up: none of the 2 files/);
    expect(existsSync(tmp.file("none.xlsx"))).toBe(false);
  });

  test("a folder that does not exist, an output among the inputs, a roll-up not replaced without --force", () => {
    expect(cli(["rollup", "--dir", tmp.file("nowhere"), "--out", tmp.file("x.xlsx")]).stderr).toMatch(/cannot use --dir ".*nowhere": the folder does not exist\.\n$/);
    const east = path.join(set.dir, "eastshire.xlsx");
    expect(cli(["rollup", east, "--out", east]).stderr).toMatch(/is one of the workbooks to roll up/);
    // An earlier roll-up is replaced; a file that is not one is not.
    copyFileSync(east, tmp.file("not-a-rollup.xlsx"));
    const refused = cli(["rollup", east, "--out", tmp.file("not-a-rollup.xlsx")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not a roll-up made by inspection-workbook/);
    copyFileSync(OUT(), tmp.file("earlier-rollup.xlsx"));
    expect(cli(["rollup", east, "--out", tmp.file("earlier-rollup.xlsx"), "--json"]).code).toBe(0);
  });

  test("an earlier roll-up in the folder is left out with its reason, not mistaken for a workbook", () => {
    const dir = tmp.file("with-rollup");
    mkdirSync(dir);
    copyFileSync(path.join(set.dir, "eastshire.xlsx"), path.join(dir, "eastshire.xlsx"));
    copyFileSync(OUT(), path.join(dir, "old-rollup.xlsx"));
    const r = cli(["rollup", "--dir", dir, "--out", tmp.file("again.xlsx"), "--json"]);
    expect((JSON.parse(r.stdout) as RollupJson).skipped).toEqual([{ file: path.join(dir, "old-rollup.xlsx"), reason: expect.stringMatching(/roll-up made by this tool/) }]);
  });
});

describe("the roll-up workbook", () => {
  test("its cells (the values cached in the file) are the figures counted from the rows", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(OUT());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Services", "Criteria", "Chart", "Sources"]);
    checkRollupWorkbook(wb, set);
  });

  test("Sources: each file's name, size and SHA-256, and what became of it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(OUT());
    const sheet = wb.getWorksheet("Sources")!;
    const header = rowWhere(sheet, "File");
    for (const name of set.files) {
      const file = path.join(set.dir, name);
      const row = rowWhere(sheet, file, header + 1);
      expect(value(sheet.getCell(row, 2))).toBe(statSync(file).size);
      expect(value(sheet.getCell(row, 3))).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
      expect(value(sheet.getCell(row, 4))).toBe(statSync(file).mtime.toISOString().replace("T", " ").replace(/\.\d+Z$/, ""));
      const status = String(value(sheet.getCell(row, 8)));
      expect(status).toMatch(set.skipped.has(name) ? /^Not (used|counted again)/ : /^Counted/);
    }
  });
});

describeWithLibreOffice("the roll-up workbook in LibreOffice", () => {
  test("recalculated by LibreOffice, its formulas give the same figures", async () => {
    const recalculated = await recalculate(OUT(), tmp.file("recalculated"));
    // Make sure LibreOffice did recalculate: change nothing, but compare against the expected figures.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    checkRollupWorkbook(wb, set);
  });

  test("its Chart sheet's chart opens in LibreOffice: a bar per section for each service, reading the Chart sheet's cells", async () => {
    // Zero every value the chart part cached, so only the cells can give the bars their heights.
    const zip = await JSZip.loadAsync(readFileSync(OUT()));
    const parts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(parts).toHaveLength(1);
    const xml = await zip.file(parts[0]!)!.async("string");
    zip.file(parts[0]!, xml.replace(/(<c:numCache>.*?<\/c:numCache>)/gs, (cache) => cache.replace(/<c:v>[^<]*<\/c:v>/g, "<c:v>0</c:v>")));
    const zeroed = tmp.file("rollup-zeroed-chart.xlsx");
    writeFileSync(zeroed, await zip.generateAsync({ type: "uint8array" }));
    const ods = await convertWithLibreOffice(zeroed, tmp.file("ods"), "ods");
    const odsZip = await JSZip.loadAsync(readFileSync(ods));
    const objects = Object.keys(odsZip.files).filter((n) => /^Object \d+\/content\.xml$/.test(n));
    expect(objects).toHaveLength(1);
    const chart = await odsZip.file(objects[0]!)!.async("string");
    expect(chart).toContain('chart:class="chart:bar"');
    const sections = [...new Set(set.services.flatMap((s) => [...s.sections].map(([n, t]) => `${n} ${t}`)))];
    const series = [...chart.matchAll(/<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/g)].map((m) => m[1]);
    expect(series).toHaveLength(sections.length);
    for (const range of series) expect(range).toMatch(/^Chart\.[B-Z]\d+:Chart\.[B-Z]\d+$/);
    expect(/<chart:categories table:cell-range-address="([^"]+)"/.exec(chart)?.[1]).toMatch(/^Chart\.A\d+:Chart\.A\d+$/);
    // The chart's own table, filled by LibreOffice from those cells: a row per service, its first
    // section's percentage first.
    const rows = [...chart.matchAll(/<table:table-row><table:table-cell office:value-type="string"><text:p>([^<]*)<\/text:p>(?:<draw:g>.*?<\/draw:g>)?<\/table:table-cell>(.*?)<\/table:table-row>/gs)];
    expect(rows.map((m) => m[1])).toEqual(json.services.map((s) => s.name));
    for (const m of rows) {
      const service = set.services.find((s) => s.service === m[1])!;
      const first = expectedSections(service).get("1")!;
      const shown = /office:value="([^"]+)"/.exec(m[2]!)?.[1];
      expect([m[1], Number(shown)]).toEqual([m[1], expect.closeTo(first.met / first.relevant, 6)]);
    }
  }, 180_000);

  test("it renders to PDF: every sheet, the services and criteria on pages one page wide", async () => {
    const pdf = await convertWithLibreOffice(OUT(), tmp.file("pdf"), "pdf");
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    expect(text).toMatch(/Case inspections rolled up: 5 services/);
    expect(text).toMatch(/Criteria across 5 services/);
    expect(text).toMatch(/Section scores across 5 services/);
    expect(text).toMatch(/Where the figures come from/);
    writeFileSync(tmp.file("pdf/text.txt"), text);
  });
});
