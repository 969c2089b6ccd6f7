/**
 * The command line as a user runs it: `inspection-workbook report in.xlsx --out out.xlsx --json`
 * spawned as a new Node.js process (start-up included), on generated workbooks, against the floor
 * (ExcelJS alone reading the same file and writing it back with one small sheet, also spawned).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { analyseWorkbook, toReportJson } from "../src/core";
import { casesGrid, inspectionWorkbook } from "./generate";
import { median, progress, round } from "./measure";

const ROOT = path.join(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const PROBE = path.join(__dirname, "rss-probe.js");
const FLOOR = path.join(__dirname, "floor-exceljs.js");

export interface CliRun {
  readonly ms: number;
  readonly maxRssMb: number | null;
  /** CPU time of the process, every thread, user and system; null when not measured. */
  readonly cpuMs: number | null;
}

export interface CliSize {
  readonly cases: number;
  readonly fileMb: number;
  /** Median wall-clock milliseconds of the spawned `report` (Node start-up included). */
  readonly reportMs: number;
  readonly reportUsPerCase: number;
  /** Largest peak RSS over the runs, MB. */
  readonly reportMaxRssMb: number | null;
  readonly runs: number;
  /** Whether `report --json` gave the counts the engine gives on the same rows in memory. */
  readonly countsMatch: boolean;
  /** Median milliseconds of the floor (ExcelJS read + write with one small sheet), where measured. */
  readonly floorMs?: number;
  readonly floorMaxRssMb?: number | null;
  readonly ratio?: number;
}

export function spawnTimed(args: readonly string[], dir: string, env: NodeJS.ProcessEnv = {}): CliRun & { stdout: string; status: number | null; stderr: string } {
  const rssFile = path.join(dir, `rss-${process.hrtime.bigint()}.txt`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-r", PROBE, ...args], {
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let maxRssMb: number | null = null;
  let cpuMs: number | null = null;
  try {
    const [rss, user, system] = readFileSync(rssFile, "utf8").split(" ").map(Number);
    maxRssMb = round(rss! / 1024, 1);
    if (user !== undefined && system !== undefined) cpuMs = round((user + system) / 1000, 0);
  } catch {
    maxRssMb = null;
  }
  return { ms, maxRssMb, cpuMs, stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status };
}

/** The parts of `report --json` compared with the engine. */
function countsOf(json: { cases: number; criteria: readonly { id: string; relevant: number; met: number; unjudged: number; excluded: number }[]; errors: number; warnings: number }): string {
  return JSON.stringify([json.cases, json.errors, json.warnings, json.criteria.map((c) => [c.id, c.relevant, c.met, c.unjudged, c.excluded])]);
}

export interface BenchCliOptions {
  readonly sizes: readonly number[];
  readonly runs: (cases: number) => number;
  /** Sizes at which the floor is measured too. */
  readonly floorAt: readonly number[];
  readonly floorRuns: number;
}

export async function benchCli(options: BenchCliOptions): Promise<CliSize[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "ciw-bench-"));
  try {
    const out: CliSize[] = [];
    for (const cases of options.sizes) {
      progress(`command line: writing a ${cases}-case workbook`);
      const input = path.join(dir, `inspection-${cases}.xlsx`);
      writeFileSync(input, await inspectionWorkbook(cases));
      const expected = countsOf(toReportJson(analyseWorkbook({ cases: casesGrid(cases) })));
      const runs = options.runs(cases);
      const times: number[] = [];
      const rss: number[] = [];
      let countsMatch = true;
      for (let i = 0; i < runs; i++) {
        progress(`command line: report on ${cases} cases, run ${i + 1} of ${runs}`);
        const target = path.join(dir, `report-${cases}-${i}.xlsx`);
        const r = spawnTimed([BIN, "report", input, "--out", target, "--json"], dir);
        if (r.status !== 0 && r.status !== 1) throw new Error(`report on ${cases} cases failed (exit ${r.status}): ${r.stderr.trim()}`);
        times.push(r.ms);
        if (r.maxRssMb !== null) rss.push(r.maxRssMb);
        countsMatch &&= countsOf(JSON.parse(r.stdout)) === expected;
        rmSync(target, { force: true });
      }
      let floor: Partial<CliSize> = {};
      if (options.floorAt.includes(cases)) {
        const ft: number[] = [];
        const fr: number[] = [];
        for (let i = 0; i < options.floorRuns; i++) {
          progress(`floor: ExcelJS read + write on ${cases} cases, run ${i + 1} of ${options.floorRuns}`);
          const target = path.join(dir, `floor-${cases}-${i}.xlsx`);
          const r = spawnTimed([FLOOR, input, target], dir);
          if (r.status !== 0) throw new Error(`the ExcelJS floor failed on ${cases} cases: ${r.stderr.trim()}`);
          ft.push(r.ms);
          if (r.maxRssMb !== null) fr.push(r.maxRssMb);
          rmSync(target, { force: true });
        }
        floor = { floorMs: round(median(ft), 0), floorMaxRssMb: fr.length ? Math.max(...fr) : null, ratio: round(median(times) / median(ft), 3) };
      }
      out.push({
        cases,
        fileMb: round(statSync(input).size / (1024 * 1024), 2),
        reportMs: round(median(times), 0),
        reportUsPerCase: round((median(times) * 1000) / cases, 1),
        reportMaxRssMb: rss.length ? Math.max(...rss) : null,
        runs,
        countsMatch,
        ...floor,
      });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
