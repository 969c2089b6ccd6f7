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
import { spawnTimed } from "./cli";
import { caseRows, casesGrid, SEED } from "./generate";
import { median, progress, round } from "./measure";

const ROOT = path.join(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const FLOOR = path.join(__dirname, "floor-exceljs-many.js");

export interface RollupFigures {
  readonly workbooks: number;
  readonly casesEach: number;
  readonly totalMb: number;
  /** Median wall-clock milliseconds of the spawned roll-up (Node start-up included), default threads. */
  readonly rollupMs: number;
  readonly rollupMaxRssMb: number | null;
  /** Threads that read the workbooks by default (the main thread and its workers; fewer on a busy machine). */
  readonly threads: number;
  /** The load average when the threads were chosen. */
  readonly loadAverage: number;
  /** The same with one thread, and with a thread per core. */
  readonly oneThreadMs: number;
  readonly oneThreadMaxRssMb: number | null;
  readonly allCores: number;
  readonly allCoresMs: number;
  readonly allCoresMaxRssMb: number | null;
  /** Median milliseconds of ExcelJS alone reading the same files. */
  readonly floorMs: number;
  readonly floorMaxRssMb: number | null;
  /** Roll-up ÷ floor. */
  readonly ratio: number;
  readonly runs: number;
  /** Whether the roll-up's pooled counts are the engine's on the same rows in memory. */
  readonly countsMatch: boolean;
}

function timed(args: readonly string[], dir: string, runs: number, env: NodeJS.ProcessEnv, label: string): { ms: number; maxRssMb: number | null; stdout: string } {
  const times: number[] = [];
  const rss: number[] = [];
  let stdout = "";
  for (let i = 0; i < runs; i++) {
    progress(`${label}, run ${i + 1} of ${runs}`);
    const r = spawnTimed(args, dir, env);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.trim()}`);
    times.push(r.ms);
    if (r.maxRssMb !== null) rss.push(r.maxRssMb);
    stdout = r.stdout;
  }
  return { ms: round(median(times), 0), maxRssMb: rss.length ? Math.max(...rss) : null, stdout };
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
    const args = [BIN, "rollup", "--dir", inputs, "--out", out, "--force", "--json"];
    const loadAverage = round(loadavg()[0] ?? 0, 2);
    const threads = threadsFor(files.length);
    const many = timed(args, dir, runs, {}, `roll-up of ${workbooks} workbooks, default threads (${threads} at load ${loadAverage})`);
    const one = timed(args, dir, runs, { [THREADS_VARIABLE]: "1" }, `roll-up of ${workbooks} workbooks, 1 thread`);
    const allCores = Math.min(availableParallelism(), 8);
    const all = timed(args, dir, runs, { [THREADS_VARIABLE]: String(allCores) }, `roll-up of ${workbooks} workbooks, ${allCores} threads`);
    const floor = timed([FLOOR, ...files], dir, runs, {}, `floor: ExcelJS reading the ${workbooks} workbooks`);
    const json = JSON.parse(many.stdout) as RollupJson;
    return {
      workbooks,
      casesEach: cases,
      totalMb,
      rollupMs: many.ms,
      rollupMaxRssMb: many.maxRssMb,
      threads,
      loadAverage,
      oneThreadMs: one.ms,
      oneThreadMaxRssMb: one.maxRssMb,
      allCores,
      allCoresMs: all.ms,
      allCoresMaxRssMb: all.maxRssMb,
      floorMs: floor.ms,
      floorMaxRssMb: floor.maxRssMb,
      ratio: round(many.ms / floor.ms, 3),
      runs,
      countsMatch: json.services.length === workbooks && json.pooled.met === met && json.pooled.relevant === relevant,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
