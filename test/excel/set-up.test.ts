/**
 * setUpWorkbook: creates what is missing from the template, never touches what exists.
 */
import { analyseWorkbook, buildTemplate, columnLetters, readFramework, BUILT_IN_FRAMEWORK } from "../../src/core";
import { formatOfficeError, readWorkbookGrids, setUpWorkbook } from "../../src/excel";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { caseRows, inspectionSeed } from "../excel-double/inspection-seed";
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

  describe("criterion notes columns (a template with criterionNotes)", () => {
    const notesTemplate = buildTemplate({ criterionNotes: true });
    const ids = BUILT_IN_FRAMEWORK.criteria.map((c) => c.id);
    const isNotes = (h: unknown): boolean => /^\d+\.\d+ Notes$/.test(String(h));
    const headersOf = (double: ExcelDouble): unknown[] => {
      const t = double.table("Cases")!;
      return double.sheet("Cases").values(`A1:${columnLetters(t.rect.right)}1`)[0]!;
    };
    /** Each column's header, outline level and whether it is hidden. */
    const columnsOf = (double: ExcelDouble): { header: unknown; level: number; hidden: boolean }[] => {
      const cases = double.sheet("Cases");
      return headersOf(double).map((header, c) => ({ header, level: cases.columnOutlineLevel(c), hidden: cases.columnHidden(c) }));
    };
    const expectFolded = (double: ExcelDouble): void => {
      for (const col of columnsOf(double)) {
        if (isNotes(col.header)) expect(col).toEqual({ header: col.header, level: 1, hidden: true });
        else expect(col).toEqual({ header: col.header, level: 0, hidden: false });
      }
    };
    /** The columns with a dropdown on the body rows. */
    const dropdownColumns = (double: ExcelDouble): unknown[] => {
      const headers = headersOf(double);
      return [...new Set(double.sheet("Cases").validations.flatMap((v) => v.rects.flatMap((r) => Array.from({ length: r.right - r.left + 1 }, (_, i) => headers[r.left + i]))))];
    };

    test("on a blank workbook: a notes column after each criterion, each grouped and folded away, no dropdown on them, in the same three syncs", async () => {
      const double = createExcelDouble();
      const result = await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: notesTemplate });
      expect(result.created).toEqual(["Cases", "Interviews", "Second marking", "Criteria", "Settings"]);
      expect(result.addedColumns).toEqual([]);
      expect(double.syncs).toBe(3);
      const headers = headersOf(double);
      expect(headers).toEqual(notesTemplate.cases.headers);
      for (const id of ids) expect(headers[headers.findIndex((h) => String(h).startsWith(`${id} `)) + 1]).toBe(`${id} Notes`);
      expectFolded(double);
      // One group per notes column, grouped and folded in the sync that made the table.
      expect(double.writes("group", "Cases").map((w) => w.sync)).toEqual(ids.map(() => 2));
      expect(double.writes("hideGroupDetails", "Cases")).toHaveLength(ids.length);
      expect(dropdownColumns(double).filter(isNotes)).toEqual([]);
      expect(dropdownColumns(double).filter((h) => ids.some((id) => String(h).startsWith(`${id} `)))).toHaveLength(ids.length);
      expect(double.sheet("Cases").columnWidth(headers.indexOf("2.1 Notes"))).toBe((30 * 7 + 5) * 0.75);
    });

    test("on a workbook set up earlier and filled in: adds the notes columns after their criteria, moving every case's data with its column; a second Set up adds nothing", async () => {
      const double = createExcelDouble();
      await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: buildTemplate({ blankRows: 5 }) });
      const before = buildTemplate().cases.headers;
      // A person fills in three cases (every column) and writes a memo below the table under 1.2.
      const typing = double.sheet("Cases");
      for (let r = 2; r <= 4; r++) before.forEach((h, c) => typing.type(`${columnLetters(c)}${r}`, c === 0 ? `C0${r - 1}` : `${h.slice(0, 3)} r${r}`));
      const under12 = columnLetters(before.findIndex((h) => h.startsWith("1.2 ")));
      typing.type(`${under12}9`, "memo under 1.2");
      double.resetStats();

      const result = await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: notesTemplate });
      expect(result.created).toEqual([]);
      expect(result.addedColumns).toEqual(ids.map((id) => `${id} Notes`));
      expect(result.message).toMatch(/^Added 20 notes columns to the Cases table \(1\.1 Notes, 1\.2 Notes … 5\.1 Notes\).*\+/);
      expect(double.syncs).toBe(3);

      const headers = headersOf(double);
      expect(headers).toEqual(notesTemplate.cases.headers);
      // Every typed value is in the same row under the same header.
      const cases = double.sheet("Cases");
      for (let r = 2; r <= 4; r++) {
        before.forEach((h, c) => expect([h, r, cases.value(`${columnLetters(headers.indexOf(h))}${r}`)]).toEqual([h, r, c === 0 ? `C0${r - 1}` : `${h.slice(0, 3)} r${r}`]));
        for (const h of headers.filter(isNotes)) expect(cases.value(`${columnLetters(headers.indexOf(h))}${r}`)).toBe("");
      }
      expect(cases.value(`${columnLetters(headers.findIndex((h) => String(h).startsWith("1.2 ") && !isNotes(h)))}9`)).toBe("memo under 1.2");
      expectFolded(double);
      // The judgement columns keep their dropdowns; a new column takes its left neighbour's, which Set up clears.
      expect(dropdownColumns(double).filter(isNotes)).toEqual([]);
      expect(dropdownColumns(double).filter((h) => ids.some((id) => String(h).startsWith(`${id} `)))).toHaveLength(ids.length);

      double.resetStats();
      const again = await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: notesTemplate });
      expect(again.addedColumns).toEqual([]);
      expect(again.message).toMatch(/^Nothing to set up/);
      expect(double.recorded).toEqual([]);
      expect(double.syncs).toBe(2);
    });

    test("never duplicates a notes column the table already has, in any case or spacing", async () => {
      const rows = caseRows({ cases: 4 }).map((row, r) => [...row, r === 0 ? "2.1  notes" : `note ${r}`, r === 0 ? "3.2 NOTES" : null]);
      const last = columnLetters(rows[0]!.length - 1);
      const double = createExcelDouble({ sheets: [{ name: "Cases", rows, tables: [{ name: "Cases", range: `A1:${last}5` }] }] });
      const result = await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: notesTemplate });
      expect(result.addedColumns).toEqual(ids.filter((id) => id !== "2.1" && id !== "3.2").map((id) => `${id} Notes`));
      const headers = headersOf(double);
      expect(headers.filter((h) => /^2\.1\s+notes$/i.test(String(h)))).toEqual(["2.1  notes"]);
      expect(headers.filter((h) => /^3\.2\s+notes$/i.test(String(h)))).toEqual(["3.2 NOTES"]);
      expect(double.sheet("Cases").value(`${columnLetters(headers.indexOf("2.1  notes"))}3`)).toBe("note 2");
      // What the engine reads from it: the user's column is 2.1's notes, the added ones the others'.
      const read = await readWorkbookGrids({ run: runnerFor(double) });
      if (read.kind !== "ok") throw new Error("not read");
      const analysis = analyseWorkbook(read.grids);
      expect(analysis.issues.filter((i) => i.code === "duplicate-column")).toEqual([]);
    });

    test("on a host without ExcelApi 1.10 (grouping), the notes columns are hidden instead, with no failure", async () => {
      const double = createExcelDouble({}, { excelApi: "1.9" });
      await setUpWorkbook({ run: runnerFor(double), isSetSupported: double.isSetSupported, template: notesTemplate });
      expect(double.syncs).toBe(3);
      expect(double.writes("group")).toEqual([]);
      for (const col of columnsOf(double)) expect(col).toEqual({ header: col.header, level: 0, hidden: isNotes(col.header) });

      // On an existing table too, and the message says how to show a hidden one.
      const older = createExcelDouble({}, { excelApi: "1.9" });
      await setUpWorkbook({ run: runnerFor(older), isSetSupported: older.isSetSupported, template: buildTemplate({ blankRows: 3 }) });
      const result = await setUpWorkbook({ run: runnerFor(older), isSetSupported: older.isSetSupported, template: notesTemplate });
      expect(result.addedColumns).toHaveLength(ids.length);
      expect(result.message).toMatch(/hidden after its criterion.*Unhide/);
      expect(older.writes("group")).toEqual([]);
      for (const col of columnsOf(older)) expect(col).toEqual({ header: col.header, level: 0, hidden: isNotes(col.header) });
    });
  });
});
