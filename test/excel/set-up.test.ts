/**
 * setUpWorkbook: creates what is missing from the template, never touches what exists.
 */
import { analyseWorkbook, buildTemplate, columnLetters, readFramework, BUILT_IN_FRAMEWORK } from "../../src/core";
import { formatOfficeError, readWorkbookGrids, setUpWorkbook } from "../../src/excel";
import { createExcelDouble } from "../excel-double";
import { inspectionSeed } from "../excel-double/inspection-seed";
import { runnerFor } from "../excel-double/measure";

describe("setUpWorkbook", () => {
  test("on a blank workbook: the Cases table with dropdowns, Interviews, Second marking, Criteria and Settings", async () => {
    const double = createExcelDouble();
    const template = buildTemplate();
    const result = await setUpWorkbook({ run: runnerFor(double) });

    expect(result.created).toEqual(["Cases", "Interviews", "Second marking", "Criteria", "Settings"]);
    expect(result.existing).toEqual([]);
    expect(result.message).toMatch(/^Created "Cases"/);
    expect(double.sheetNames()).toEqual(["Sheet1", "Cases", "Interviews", "Second marking", "Criteria", "Settings"]);
    // The Cases sheet is activated in a sync after the one that created it, as Excel on the web needs.
    expect(double.syncs).toBe(3);
    expect(double.activeSheet).toBe("Cases");
    expect(double.writes("activate")[0]!.sync).toBeGreaterThan(double.writes("sheet-add")[0]!.sync);

    const last = columnLetters(template.cases.headers.length - 1);
    expect(double.table("Cases")).toMatchObject({ sheet: "Cases", address: `Cases!A1:${last}31`, showHeaders: true });
    const cases = double.sheet("Cases");
    expect(cases.values(`A1:${last}1`)).toEqual([template.cases.headers]);
    expect(cases.freeze).toEqual({ rows: 1, cols: 0 });
    expect(cases.columnWidth(0)).toBe(56.25);
    expect(cases.columnWidth(template.cases.headers.length - 1)).toBe((40 * 7 + 5) * 0.75);

    // A dropdown on every column the template asks for, over the body rows, with its error alert.
    expect(cases.validations).toHaveLength(template.cases.validations.length);
    const sentence = cases.validations.find((v) => v.rects[0]!.left === 2)!;
    expect(sentence.rects).toEqual([{ top: 1, left: 2, bottom: 30, right: 2 }]);
    expect(sentence.rule).toEqual({ list: { inCellDropDown: true, source: "Community,Custody" } });
    expect(sentence.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
    const judgement = cases.validations.find((v) => v.rects[0]!.left === 4)!;
    expect(judgement.rule).toEqual({ list: { inCellDropDown: true, source: "Yes,No,N/A" } });
    expect(judgement.errorAlert).toMatchObject({ style: "Warning", message: "Enter Yes, No or N/A, or leave blank until judged." });

    expect(double.table("Interviews")).toMatchObject({ sheet: "Interviews" });
    // The Second marking table: its own table name (no spaces), the template's headers, dropdowns.
    const lastSecond = columnLetters(template.secondMarking.headers.length - 1);
    expect(double.table("SecondMarking")).toMatchObject({ sheet: "Second marking", address: `'Second marking'!A1:${lastSecond}11` });
    expect(double.sheet("Second marking").values(`A1:${lastSecond}1`)).toEqual([template.secondMarking.headers]);
    expect(double.sheet("Second marking").validations).toHaveLength(template.secondMarking.validations.length);
    expect(double.sheet("Criteria").values("A1:I1")).toEqual([[...template.criteria.rows[0]!]]);
    expect(double.sheet("Settings").format("A1", "font/bold")).toBe(true);
  });

  test("what it writes reads back as the same framework and settings (criterion IDs stay text)", async () => {
    const double = createExcelDouble();
    await setUpWorkbook({ run: runnerFor(double) });
    const criteria = double.sheet("Criteria");
    expect(criteria.value("A2")).toBe("1.1");
    expect(criteria.numberFormat("A2")).toBe("@");
    expect(double.sheet("Settings").numberFormat("B5")).toBe("0%");

    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error("not read");
    const framework = readFramework(read.grids.criteria ?? null);
    expect(framework.issues).toEqual([]);
    expect(framework.framework.criteria.map((c) => [c.id, c.appliesTo, c.title])).toEqual(BUILT_IN_FRAMEWORK.criteria.map((c) => [c.id, c.appliesTo, c.title]));
    const analysis = analyseWorkbook(read.grids);
    expect(analysis.settings.strengthThreshold).toBe(80);
    expect(analysis.issues.filter((i) => i.sheet === "Settings")).toEqual([]);
    expect(analysis.errors).toBe(0);
  });

  test("on an inspection workbook: touches nothing, reports what exists", async () => {
    const double = createExcelDouble(
      inspectionSeed({ cases: 20, extraSheets: [{ name: "Interviews", rows: [["Interviewee"]] }, { name: "Second marking", rows: [["Case ID", "Second marker"]] }] }),
    );
    const before = JSON.stringify(double.state.sheets.map((s) => [s.name, [...s.cells.entries()]]));
    const result = await setUpWorkbook({ run: runnerFor(double) });
    expect(result.created).toEqual([]);
    expect(result.existing).toEqual(["Cases (table)", "Interviews", "Second marking", "Criteria", "Settings"]);
    expect(result.message).toMatch(/^Nothing to set up/);
    expect(double.recorded).toEqual([]);
    expect(JSON.stringify(double.state.sheets.map((s) => [s.name, [...s.cells.entries()]]))).toBe(before);
    expect(double.syncs).toBe(2);
  });

  test("a Cases sheet without a table is left alone; only the missing sheets are added", async () => {
    const double = createExcelDouble({ sheets: [{ name: "cases", rows: [["Case ID"], ["C1"]] }] });
    const result = await setUpWorkbook({ run: runnerFor(double) });
    expect(result.created).toEqual(["Interviews", "Second marking", "Criteria", "Settings"]);
    expect(result.existing).toEqual(["cases"]);
    expect(double.table("Cases")).toBeUndefined();
    expect(double.writes("values", "cases")).toEqual([]);
  });

  test("neither the number of syncs nor the request grows with the blank rows", async () => {
    const bytes: number[] = [];
    for (const blankRows of [20, 20_000]) {
      const double = createExcelDouble();
      await setUpWorkbook({ run: runnerFor(double), blankRows });
      expect(double.syncs).toBe(3);
      expect(double.table("Cases")!.rect.bottom).toBe(blankRows);
      bytes.push(double.maxRequestBytes);
    }
    // Office.js's structure of every command counted (about 60 KB for the whole template).
    expect(bytes[1]! - bytes[0]!).toBeLessThan(100);
    expect(bytes[1]!).toBeLessThan(100_000);
  });

  test("a protected workbook structure gives a plain message", async () => {
    const double = createExcelDouble();
    double.protectWorkbookStructure();
    const error = await setUpWorkbook({ run: runnerFor(double) }).catch((e: unknown) => e);
    const report = formatOfficeError(error);
    expect(report.code).toBe("AccessDenied");
    expect(report.text).toMatch(/protected/);
    expect(report.action).toMatch(/Unprotect/);
    expect(double.sheetNames()).toEqual(["Sheet1"]);
  });
});
