/**
 * The engine alone: parse, validate, compute and phrase (analyseWorkbook) over an in-memory Cases
 * grid — its absolute time and cases per second. For information only, the floor: a bare loop
 * that only counts "Yes" and "No" in the same grid's criterion columns.
 */
import { analyseWorkbook, BUILT_IN_FRAMEWORK, leadingCriterionId, normaliseHeader, type Grid } from "../src/core";
import { casesGrid } from "./generate";
import { median, progress, round, timeOnce } from "./measure";

export interface CoreSize {
  readonly cases: number;
  /** Median milliseconds of analyseWorkbook. */
  readonly engineMs: number;
  readonly engineUsPerCase: number;
  readonly casesPerSecond: number;
  /** Median milliseconds of the bare counting loop (information only). */
  readonly floorMs: number;
  readonly runs: number;
  readonly issues: number;
}

/** The criterion columns of a Cases grid's header (found once, outside the timed loop). */
function criterionColumns(grid: Grid): number[] {
  const ids = new Set(BUILT_IN_FRAMEWORK.criteria.map((c) => c.id));
  const cols: number[] = [];
  (grid.rows[0] ?? []).forEach((h, c) => {
    const id = leadingCriterionId(normaliseHeader(h));
    if (id && ids.has(id)) cols.push(c);
  });
  return cols;
}

/** The floor: counts Yes and No over the criterion columns, nothing else. */
export function floorCount(grid: Grid, cols: readonly number[]): number {
  const rows = grid.rows;
  let yes = 0;
  let no = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    for (let k = 0; k < cols.length; k++) {
      const v = row[cols[k]!];
      if (v === "Yes") yes++;
      else if (v === "No") no++;
    }
  }
  return yes * 4_000_000 + no;
}

/** Runs the engine and the floor at each size; runs alternate so both see the same machine state. */
export function benchCore(sizes: readonly number[], runs: number): CoreSize[] {
  const out: CoreSize[] = [];
  for (const cases of sizes) {
    progress(`engine: ${cases} cases`);
    const grid = casesGrid(cases);
    const cols = criterionColumns(grid);
    if (cols.length !== 20) throw new Error(`expected 20 criterion columns, found ${cols.length}`);
    const engine: number[] = [];
    const floor: number[] = [];
    // Warm up until the JIT has settled (at least a second, or five runs), then measure.
    const warmUntil = performance.now() + 1000;
    for (let i = 0; i < 5 || performance.now() < warmUntil; i++) {
      analyseWorkbook({ cases: grid });
      floorCount(grid, cols);
    }
    const n = Math.max(runs, Math.min(41, Math.round((runs * 100_000) / cases / 10) * 2 + 1));
    for (let i = 0; i < n; i++) {
      engine.push(timeOnce(() => analyseWorkbook({ cases: grid })));
      floor.push(timeOnce(() => floorCount(grid, cols)));
    }
    const issues = analyseWorkbook({ cases: grid }).issues.length;
    const engineMs = median(engine);
    const floorMs = median(floor);
    out.push({
      cases,
      engineMs: round(engineMs),
      engineUsPerCase: round((engineMs * 1000) / cases, 3),
      casesPerSecond: Math.round((cases * 1000) / engineMs),
      floorMs: round(floorMs, 3),
      runs: n,
      issues,
    });
  }
  return out;
}
