/**
 * readWorkbookGrids: tables and plain ranges read into the engine's grids with the real cell
 * positions, in two syncs.
 */
import { analyseWorkbook, buildTemplate, criterionHeader, BUILT_IN_FRAMEWORK, type Analysis, type CellValue, type Grid } from "../../src/core";
import { fromOfficeValue, readWorkbookGrids } from "../../src/excel";
import { createExcelDouble, type SeedValue } from "../excel-double";
import { ensureCell } from "../excel-double/workbook-state";
import { caseRows, inspectionSeed } from "../excel-double/inspection-seed";
import { runnerFor } from "../excel-double/measure";

const header11 = criterionHeader(BUILT_IN_FRAMEWORK.criteria[0]!);

/** 20 cases with problems planted: an invalid value, an error value, a non-canonical value. */
function problemRows(): SeedValue[][] {
  return caseRows({
    cases: 20,
    seed: 7,
    cell: (i, h) => {
      if (i === 3 && h === header11) return "Maybe";
      if (i === 5 && h === "Sentence") return { error: "#N/A" };
      if (i === 8 && h === header11) return " yes ";
      return undefined;
    },
  });
}

function toCellValues(rows: SeedValue[][]): CellValue[][] {
  return rows.map((r) => r.map((v) => (v !== null && typeof v === "object" && "formula" in v ? (v.value ?? null) : (v as CellValue))));
}

function expectedAnalysis(rows: SeedValue[][], grid: Omit<Grid, "rows">): Analysis {
  const template = buildTemplate();
  return analyseWorkbook({
    cases: { ...grid, rows: toCellValues(rows) },
    criteria: { sheet: "Criteria", top: 0, left: 0, rows: template.criteria.rows.map((r) => [...r]) },
    settings: { sheet: "Settings", top: 0, left: 0, rows: template.settings.rows.map((r) => [...r]) },
  });
}

function summary(a: Analysis): unknown {
  return {
    criteria: a.criteria.map((c) => [c.id, c.relevant, c.met, c.notMet, c.unjudged, c.excluded]),
    issues: a.issues.map((i) => [i.severity, i.code, i.sheet, i.cell, i.caseId, i.criterionId]),
    cases: a.cases.cases.length,
  };
}

describe("readWorkbookGrids", () => {
  test("a Cases table starting at B3: issues name the real cells (an invalid value at F7 is F7)", async () => {
    const rows = problemRows();
    const double = createExcelDouble({
      sheets: [
        { name: "Cases", at: "B3", rows, tables: [{ name: "Cases", range: `B3:AE${3 + rows.length - 1}` }] },
        ...inspectionSeed({ cases: 0 }).sheets!.filter((s) => s.name !== "Cases"),
      ],
    });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error(result.reason);
    expect(result.grids.cases).toMatchObject({ sheet: "Cases", top: 2, left: 1, tableName: "Cases" });
    const analysis = analyseWorkbook(result.grids);
    const invalid = analysis.issues.find((i) => i.code === "invalid-value");
    expect(invalid).toMatchObject({ sheet: "Cases", cell: "F7", criterionId: "1.1" });
    expect(analysis.issues.find((i) => i.code === "cell-error")?.cell).toBe("D9");
    expect(summary(analysis)).toEqual(summary(expectedAnalysis(rows, { sheet: "Cases", top: 2, left: 1, tableName: "Cases" })));
    // Two syncs, and a third for the types of the values that read like an error (D9 holds #N/A).
    expect(double.syncs).toBe(3);
  });

  test("a plain Cases range (no table) gives the same analysis as the engine on the same cells", async () => {
    const rows = problemRows();
    const withPlain = createExcelDouble({ sheets: [{ name: "Cases", rows }, ...inspectionSeed({ cases: 0 }).sheets!.filter((s) => s.name !== "Cases")] });
    const result = await readWorkbookGrids({ run: runnerFor(withPlain) });
    if (result.kind !== "ok") throw new Error(result.reason);
    expect(result.grids.cases).toMatchObject({ sheet: "Cases", top: 0, left: 0 });
    expect(result.grids.cases.tableName).toBeUndefined();
    const analysis = analyseWorkbook(result.grids);
    expect(summary(analysis)).toEqual(summary(expectedAnalysis(rows, { sheet: "Cases", top: 0, left: 0 })));
    expect(analysis.issues.find((i) => i.code === "invalid-value")?.cell).toBe("E5");
    expect(withPlain.syncs).toBe(3);
  });

  test("the table and the plain range of the same data count the same", async () => {
    const table = createExcelDouble(inspectionSeed({ cases: 50, seed: 3 }));
    const plain = createExcelDouble(inspectionSeed({ cases: 50, seed: 3, table: false }));
    const a = await readWorkbookGrids({ run: runnerFor(table) });
    const b = await readWorkbookGrids({ run: runnerFor(plain) });
    if (a.kind !== "ok" || b.kind !== "ok") throw new Error("not read");
    const sa = analyseWorkbook(a.grids);
    const sb = analyseWorkbook(b.grids);
    expect(sa.criteria.map((c) => [c.relevant, c.met])).toEqual(sb.criteria.map((c) => [c.relevant, c.met]));
    expect(sa.errors).toBe(0);
    expect(sa.frameworkFromSheet).toBe(true);
  });

  test("a table's totals row is not read as a case", async () => {
    const rows = caseRows({ cases: 5 });
    const totals: SeedValue[] = rows[0]!.map((_, i) => (i === 0 ? "Total" : null));
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [...rows, totals], tables: [{ name: "Cases", range: "A1:AD7", showTotals: true }] }] });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error(result.reason);
    expect(result.grids.cases.rows).toHaveLength(6);
    expect(analyseWorkbook(result.grids).cases.cases.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4", "C5"]);
  });

  test("a table named Cases is used wherever it is, and wins over a Cases sheet", async () => {
    const rows = caseRows({ cases: 3 });
    const double = createExcelDouble({
      sheets: [
        { name: "Cases", rows: [["an old note"]] },
        { name: "Fieldwork", at: "C5", rows, tables: [{ name: "CASES", range: "C5:AF8" }] },
      ],
    });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error(result.reason);
    expect(result.grids.cases).toMatchObject({ sheet: "Fieldwork", top: 4, left: 2, tableName: "CASES" });
    expect(result.description).toContain('table "CASES" on the sheet "Fieldwork"');
    expect(result.sources.find((s) => s.role === "cases")).toMatchObject({ kind: "table", address: "Fieldwork!C5:AF8" });
  });

  test("plain sheets are read from A1 even when their used range starts further in", async () => {
    const criteria = buildTemplate().criteria.rows.map((r) => [...r] as SeedValue[]);
    criteria[1]![0] = "one point one";
    const double = createExcelDouble({
      sheets: [
        { name: "Cases", rows: caseRows({ cases: 2 }) },
        { name: "Criteria", at: "B2", rows: criteria },
      ],
    });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error(result.reason);
    const grid = result.grids.criteria!;
    expect(grid).toMatchObject({ sheet: "Criteria", top: 0, left: 0 });
    expect(grid.rows[0]!.every((v) => v === null)).toBe(true);
    expect(grid.rows[1]!.slice(0, 3)).toEqual([null, "ID", "Section"]);
    const issue = analyseWorkbook(result.grids).issues.find((i) => i.sheet === "Criteria");
    expect(issue).toMatchObject({ severity: "error", cell: "B3" });
    expect(result.grids.settings).toBeNull();
    expect(result.grids.interviews).toBeNull();
  });

  test("Interviews are read from their table", async () => {
    const questions = BUILT_IN_FRAMEWORK.interviewQuestions.map(criterionHeader);
    const rows: SeedValue[][] = [["Interviewee", "Role", ...questions, "Notes"], ["S1", "Case manager", ...questions.map(() => "Yes"), null]];
    const double = createExcelDouble({
      sheets: [
        { name: "Cases", rows: caseRows({ cases: 2 }) },
        { name: "Interviews", rows, tables: [{ name: "Interviews", range: `A1:${String.fromCharCode(65 + rows[0]!.length - 1)}2` }] },
      ],
    });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error(result.reason);
    expect(result.grids.interviews).toMatchObject({ sheet: "Interviews", tableName: "Interviews" });
    if (BUILT_IN_FRAMEWORK.interviewQuestions.length > 0) expect(analyseWorkbook(result.grids).interviews?.cases).toHaveLength(1);
  });

  test("a workbook with no Cases sheet or table is reported, in one sync", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Sheet1", rows: [["hello"]] }, { name: "Budget" }] });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    expect(result.kind).toBe("not-inspection");
    if (result.kind === "not-inspection") {
      expect(result.reason).toMatch(/no sheet or table named "Cases".*"Sheet1", "Budget".*Set up/);
      expect(result.sheets).toEqual(["Sheet1", "Budget"]);
    }
    expect(double.syncs).toBe(1);
    expect(double.recorded).toEqual([]);
  });

  test("an empty Cases sheet gives an empty grid, not a failure", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Cases" }] });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error("expected ok");
    expect(result.grids.cases.rows).toEqual([]);
  });

  test("dates arrive as serial numbers and formulas as their results", async () => {
    const rows: SeedValue[][] = [
      ["Case ID", "Sentence"],
      [{ formula: '="C"&1', value: "C1" }, "Community"],
    ];
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows }, { name: "Settings", rows: [["Setting", "Value"], ["Inspection start", 45000]] }] });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error("expected ok");
    expect(result.grids.cases.rows[1]![0]).toBe("C1");
    expect(result.grids.settings!.rows[1]![1]).toBe(45000);
  });

  test("an error value is told from text that reads like one (valueTypes), every error value the type definitions list", async () => {
    const rows = caseRows({ cases: 4 });
    const header = rows[0]!;
    const notes = header.indexOf("1 Notes");
    const sentence = header.indexOf("Sentence");
    rows[1]![notes] = "#N/A";
    rows[2]![sentence] = { error: "#N/A" };
    rows[3]![notes] = { error: "#EXTERNAL!" };
    rows[4]![notes] = "#REF! was in the plan";
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows }] });
    const result = await readWorkbookGrids({ run: runnerFor(double) });
    if (result.kind !== "ok") throw new Error("expected ok");
    const grid = result.grids.cases.rows;
    expect(grid[1]![notes]).toBe("#N/A");
    expect(grid[2]![sentence]).toEqual({ error: "#N/A" });
    expect(grid[3]![notes]).toEqual({ error: "#EXTERNAL!" });
    expect(grid[4]![notes]).toBe("#REF! was in the plan");
    // Only values that read like an error cost a third sync, for their types.
    expect(double.syncs).toBe(3);
    for (const error of ["#BLOCKED!", "#BUSY!", "#CALC!", "#CONNECT!", "#DIV/0!", "#EXTERNAL!", "#FIELD!", "#GETTING_DATA", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#SPILL!", "#VALUE!"]) {
      expect(fromOfficeValue(error, "Error")).toEqual({ error });
      expect(fromOfficeValue(error)).toEqual({ error });
      expect(fromOfficeValue(error, "String")).toBe(error);
    }
  });

  test("the read costs two syncs at 20 and at 20,000 cases", async () => {
    for (const cases of [20, 20_000]) {
      const double = createExcelDouble(inspectionSeed({ cases }));
      const result = await readWorkbookGrids({ run: runnerFor(double) });
      expect(result.kind).toBe("ok");
      expect(double.syncs).toBe(2);
    }
  });

  test("values too large for one response are read in row bands, with the same result", async () => {
    const seed = inspectionSeed({ cases: 400, notesRate: 0.9, noteLength: 400 });
    const reference = await readWorkbookGrids({ run: runnerFor(createExcelDouble(seed)) });
    const limited = createExcelDouble(seed, { responseLimitBytes: 300_000 });
    const banded = await readWorkbookGrids({ run: runnerFor(limited), cellsPerBand: 6_000 });
    expect(banded).toEqual(reference);
    expect(limited.syncLog.filter((s) => s.failed === null).every((s) => s.responseBytes <= 300_000)).toBe(true);
    expect(limited.syncLog.some((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  });

  describe("reads over Excel's five-million-cell limit (one stray value far from the data)", () => {
    /** A plain Cases sheet of 20 cases (A1:AD21) and one stray note at AD3000: 90,000 cells. */
    function strayValueWorkbook(options: Parameters<typeof createExcelDouble>[1] = {}) {
      const double = createExcelDouble(inspectionSeed({ cases: 20, table: false }), options);
      ensureCell(double.state.findSheet("Cases")!, 2999, 29).value = "stray";
      return double;
    }

    test("values that come back null are read again in bands, with the same result", async () => {
      const reference = await readWorkbookGrids({ run: runnerFor(strayValueWorkbook()) });
      const limited = strayValueWorkbook({ cellLimit: 50_000 });
      const result = await readWorkbookGrids({ run: runnerFor(limited) });
      expect(result).toEqual(reference);
      if (result.kind !== "ok") throw new Error("expected ok");
      expect(result.grids.cases.rows).toHaveLength(3000);
      expect(result.grids.cases.rows[2999]![29]).toBe("stray");
      expect(limited.syncs).toBeGreaterThan(2);
    });

    test("a RangeExceedsLimit error (Excel before 2407) is read again in bands, with the same result", async () => {
      const reference = await readWorkbookGrids({ run: runnerFor(strayValueWorkbook()) });
      const limited = strayValueWorkbook({ cellLimit: 50_000, overCellLimit: "RangeExceedsLimit" });
      expect(await readWorkbookGrids({ run: runnerFor(limited) })).toEqual(reference);
      expect(limited.syncLog.some((s) => s.failed === "RangeExceedsLimit")).toBe(true);
    });

    test("a GeneralException for a response too large (older Excel on the web) is read again in bands", async () => {
      const seed = inspectionSeed({ cases: 400, notesRate: 0.9, noteLength: 400 });
      const reference = await readWorkbookGrids({ run: runnerFor(createExcelDouble(seed)) });
      const limited = createExcelDouble(seed, { responseLimitBytes: 300_000, responseLimitCode: "GeneralException" });
      expect(await readWorkbookGrids({ run: runnerFor(limited), cellsPerBand: 6_000 })).toEqual(reference);
      expect(limited.syncLog.some((s) => s.failed === "GeneralException")).toBe(true);
    });

    test("a GeneralException on a small read is not taken for a size problem: it reaches the caller", async () => {
      const double = createExcelDouble(inspectionSeed({ cases: 20 }));
      double.failSync({ at: 2, code: "GeneralException" });
      const error = await readWorkbookGrids({ run: runnerFor(double) }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "GeneralException" });
    });
  });
});
