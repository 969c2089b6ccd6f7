/**
 * The roll-up as a user runs it: `inspection-workbook rollup --dir … --out … --json` spawned on
 * generated workbooks (each its own service and dates, 60 cases), with the reading threads it
 * chooses and with one thread, against the floor: ExcelJS alone reading the same files (spawned).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { analyseWorkbook, buildTemplate, type RollupJson } from "../src/core";
import { threadsFor, THREADS_VARIABLE } from "../src/cli/rollup-pool";
import { writeTemplate } from "../src/xlsx/template";
import { spawnTimed, type CliRun } from "./cli";
import { caseRows, casesGrid, SEED } from "./generate";
import { median, progress, round } from "./measure";

const ROOT = path.join(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const FLOOR = path.join(__dirname, "floor-exceljs-many.js");

/** One way of reading the files, measured. */
export interface RollupMeasure {
  /** Median wall-clock milliseconds (Node start-up included). */
  readonly ms: number;
  /** Median CPU milliseconds of the process, every thread: what the machine's load does not change. */
  readonly cpuMs: number | null;
  /** Largest peak RSS over the runs, MB. */
  readonly maxRssMb: number | null;
}

export interface RollupFigures {
  readonly workbooks: number;
  readonly casesEach: number;
  readonly totalMb: number;
  /** Threads that read the workbooks by default (the main thread and its workers; fewer on a busy machine). */
  readonly threads: number;
  /** The load average when the threads were chosen. */
  readonly loadAverage: number;
  /** The roll-up with its default threads, with one thread, with a thread per core. */
  readonly rollup: RollupMeasure;
  readonly oneThread: RollupMeasure;
  readonly allCores: number;
  readonly allCoresRollup: RollupMeasure;
  /** ExcelJS alone reading the same files. */
  readonly floor: RollupMeasure;
  /** Roll-up (default threads) ÷ floor, wall time and CPU time. */
  readonly ratio: number;
  readonly cpuRatio: number | null;
  readonly runs: number;
  /** Whether the roll-up's pooled counts are the engine's on the same rows in memory. */
  readonly countsMatch: boolean;
}

/** Medians of runs. */
function summarise(runs: readonly CliRun[]): RollupMeasure {
  const cpu = runs.flatMap((r) => (r.cpuMs === null ? [] : [r.cpuMs]));
  const rss = runs.flatMap((r) => (r.maxRssMb === null ? [] : [r.maxRssMb]));
  return { ms: round(median(runs.map((r) => r.ms)), 0), cpuMs: cpu.length ? round(median(cpu), 0) : null, maxRssMb: rss.length ? Math.max(...rss) : null };
}

/**
 * Writes `workbooks` workbooks of `cases` cases and times the roll-up of them.
 * @example const figures = await benchRollup(200, 60, 3);
 */
export async function benchRollup(workbooks: number, cases: number, runs: number): Promise<RollupFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "ciw-bench-rollup-"));
  try {
    const inputs = path.join(dir, "inspections");
    mkdirSync(inputs);
    progress(`roll-up: writing ${workbooks} workbooks of ${cases} cases`);
    const template = buildTemplate({ blankRows: 0 });
    let met = 0;
    let relevant = 0;
    for (let i = 0; i < workbooks; i++) {
      const seed = SEED + i;
      const start = new Date(Date.UTC(2025, 0, 6) + i * 7 * 86_400_000);
      const bytes = await writeTemplate(template, {
        caseRows: caseRows(cases, seed).map((row) => row.map((v) => (v === null || typeof v === "string" || typeof v === "number" ? v : null))),
        settingValues: { "Service name": `Service ${String(i + 1).padStart(3, "0")} YOS`, "Inspection start": start, "Inspection end": new Date(start.getTime() + 2 * 86_400_000) },
        created: new Date(Date.UTC(2026, 0, 15)),
      });
      writeFileSync(path.join(inputs, `service-${String(i + 1).padStart(3, "0")}.xlsx`), bytes);
      const a = analyseWorkbook({ cases: casesGrid(cases, seed) });
      met += a.overall.met;
      relevant += a.overall.relevant;
    }
    const files = readdirSync(inputs).map((f) => path.join(inputs, f));
    const totalMb = round(files.reduce((n, f) => n + statSync(f).size, 0) / (1024 * 1024), 2);
    const out = path.join(dir, "rollup.xlsx");
    const loadAverage = round(loadavg()[0] ?? 0, 2);
    const threads = threadsFor(files.length);
    const allCores = Math.min(availableParallelism(), 8);
    // Each run measures every configuration in turn, so a change in the machine's load falls on all of them.
    const args = [BIN, "rollup", "--dir", inputs, "--out", out, "--force", "--json"];
    const configs = [
      { name: `default threads (${threads} at load ${loadAverage})`, args, env: {} },
      { name: "1 thread", args, env: { [THREADS_VARIABLE]: "1" } },
      { name: `${allCores} threads`, args, env: { [THREADS_VARIABLE]: String(allCores) } },
      { name: "floor: ExcelJS reading the files", args: [FLOOR, ...files], env: {} },
    ];
    const results: CliRun[][] = configs.map(() => []);
    let stdout = "";
    for (let run = 0; run < runs; run++) {
      configs.forEach((c, k) => {
        progress(`roll-up of ${workbooks} workbooks: ${c.name}, run ${run + 1} of ${runs}`);
        const r = spawnTimed(c.args, dir, c.env);
        if (r.status !== 0 && r.status !== 1) throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr.trim()}`);
        results[k]!.push(r);
        if (k === 0) stdout = r.stdout;
      });
    }
    const [rollup, oneThread, allCoresRollup, floor] = results.map(summarise) as [RollupMeasure, RollupMeasure, RollupMeasure, RollupMeasure];
    const json = JSON.parse(stdout) as RollupJson;
    return {
      workbooks,
      casesEach: cases,
      totalMb,
      threads,
      loadAverage,
      rollup,
      oneThread,
      allCores,
      allCoresRollup,
      floor,
      ratio: round(rollup.ms / floor.ms, 3),
      cpuRatio: rollup.cpuMs !== null && floor.cpuMs !== null ? round(rollup.cpuMs / floor.cpuMs, 3) : null,
      runs,
      countsMatch: json.services.length === workbooks && json.pooled.met === met && json.pooled.relevant === relevant,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
