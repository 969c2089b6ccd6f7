/**
 * Measures the adapter's commands against the double: syncs per command (set-up, check = read +
 * analyse, build = write the generated sheets) at several numbers of cases, and the largest request
 * and response seen. Used by the tests and the benchmark.
 *
 * @example const m = await measureAdapterCommands([20, 2000, 20000]); m.syncs.check["20000"]
 */
import { analyseWorkbook, buildReportLayouts } from "../../src/core";
import { readWorkbookGrids, setUpWorkbook, writeLayouts, type ExcelRunner } from "../../src/excel";
import { createExcelDouble, type ExcelDouble } from "./index";
import { inspectionSeed } from "./inspection-seed";

export interface AdapterMeasurements {
  /** context.sync() calls per command, by number of cases. */
  readonly syncs: {
    readonly setup: Record<string, number>;
    readonly check: Record<string, number>;
    readonly build: Record<string, number>;
  };
  /** Largest request of any command, in bytes (JSON of the commands sent). */
  readonly maxRequestBytes: number;
  /** Largest response of any command, in bytes (JSON of the values loaded). */
  readonly maxResponseBytes: number;
  /** Largest request per command and number of cases. */
  readonly requestBytes: {
    readonly setup: Record<string, number>;
    readonly check: Record<string, number>;
    readonly build: Record<string, number>;
  };
}

/** The double's `Excel.run`, typed as the adapter's runner. */
export function runnerFor(double: ExcelDouble): ExcelRunner {
  return double.run as unknown as ExcelRunner;
}

const GENERATED_AT = new Date(2026, 0, 15, 9, 30);

/** Runs set-up, check and build at each number of cases and reports what they cost. */
export async function measureAdapterCommands(caseCounts: readonly number[] = [20, 2000, 20000]): Promise<AdapterMeasurements> {
  const syncs = { setup: {} as Record<string, number>, check: {} as Record<string, number>, build: {} as Record<string, number> };
  const bytes = { setup: {} as Record<string, number>, check: {} as Record<string, number>, build: {} as Record<string, number> };
  let maxRequestBytes = 0;
  let maxResponseBytes = 0;
  const take = (double: ExcelDouble, command: "setup" | "check" | "build", n: number): void => {
    syncs[command][String(n)] = double.syncs;
    bytes[command][String(n)] = double.maxRequestBytes;
    maxRequestBytes = Math.max(maxRequestBytes, double.maxRequestBytes);
    maxResponseBytes = Math.max(maxResponseBytes, double.maxResponseBytes);
    double.resetStats();
  };
  for (const n of caseCounts) {
    const blank = createExcelDouble();
    await setUpWorkbook({ run: runnerFor(blank), blankRows: n });
    take(blank, "setup", n);

    const double = createExcelDouble(inspectionSeed({ cases: n }));
    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error(`not an inspection workbook: ${read.reason}`);
    const analysis = analyseWorkbook(read.grids);
    take(double, "check", n);

    await writeLayouts(buildReportLayouts(analysis, { generatedAt: GENERATED_AT }), { run: runnerFor(double) });
    take(double, "build", n);
  }
  return { syncs, maxRequestBytes, maxResponseBytes, requestBytes: bytes };
}
