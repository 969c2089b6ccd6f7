/**
 * The add-in's cost in round trips: set-up, check (read + analyse) and build each take the same
 * small number of context.sync() calls at 20, 2,000 and 20,000 cases, and no request is above 4 MB.
 */
import { analyseWorkbook, buildReportLayouts } from "../../src/core";
import { readWorkbookGrids, setUpWorkbook, writeLayouts } from "../../src/excel";
import { createExcelDouble } from "../excel-double";
import { inspectionSeed } from "../excel-double/inspection-seed";
import { measureAdapterCommands, runnerFor } from "../excel-double/measure";

const FOUR_MB = 4 * 1024 * 1024;

test("syncs per command do not grow with the number of cases, and stay at 4 or fewer", async () => {
  const m = await measureAdapterCommands([20, 2_000, 20_000]);
  for (const command of ["setup", "check", "build"] as const) {
    const counts = Object.values(m.syncs[command]);
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(4);
  }
  expect(m.syncs).toEqual({
    // Set-up's third sync activates the new Cases sheet after the sync that created it (Excel on the web).
    setup: { "20": 3, "2000": 3, "20000": 3 },
    check: { "20": 2, "2000": 2, "20000": 2 },
    build: { "20": 3, "2000": 3, "20000": 3 },
  });
  expect(m.maxRequestBytes).toBeLessThan(FOUR_MB);
  // The check's response (the case values) stays under Excel on the web's 5 MB limit too.
  expect(m.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
});

test("the adapter never uses a child of a null object (it works where that is an error)", async () => {
  const double = createExcelDouble(inspectionSeed({ cases: 20, criteriaSheet: false }), { nullChildren: "throw" });
  const run = runnerFor(double);
  await setUpWorkbook({ run });
  const read = await readWorkbookGrids({ run });
  if (read.kind !== "ok") throw new Error(read.reason);
  await writeLayouts(buildReportLayouts(analyseWorkbook(read.grids), { generatedAt: new Date(2026, 0, 1) }), { run });
  expect(double.sheetNames()).toEqual(["Summary", "Strengths & improvements", "Action plan", "Cases", "Settings", "Interviews", "Second marking", "Criteria"]);
});
