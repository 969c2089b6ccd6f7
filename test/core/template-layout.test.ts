/**
 * The new inspection workbook as sheet layouts (src/core/layout/template-layout.ts): sheets in
 * order, each table's range, dropdowns and frozen panes, the Criteria sheet's "Applies to"
 * dropdown, the Settings sheet's dropdowns, dates and percentages, values filled in, and row
 * heights from wrappedLines. Expected values are worked by hand from the contract
 * (/work/shared/spec/PRODUCT.md, "The workbook"), test/core/template-parts.test.ts and
 * test/xlsx/template.test.ts; widths in pixels from Excel's rule (a column of w characters is
 * trunc(7w + 5) pixels, less 6 of margin) and 11-point bold Calibri at 96 dpi (an em is
 * 11 × 96 / 72 = 44/3 px; "e" is half an em, a space 0.23, a capital 0.62). Every layout is made
 * inside its test (see the README's "Mutation testing").
 */
import { buildTemplate, buildTemplateLayouts, wrappedLines, type WorkbookTemplate, type WorksheetLayout } from "../../src/core";

const e = (n: number): string => "e".repeat(n);

describe("wrappedLines: lines a text takes at a column width, words kept whole", () => {
  test("a long criterion name at a 14-character column (97 px), and on one line at 60", () => {
    // Worked by hand in ems: "3.4" 1.28 (18.8 px), "Management" 5.31 (77.9), "oversight" 3.88 (56.9),
    // "of" 0.86 (12.6), "safeguarding" 5.37 (78.8), "and" 1.57 (23.0), "vulnerability" 5.26 (77.1),
    // a space 3.4 px: "3.4" | "Management" | "oversight of" (72.9) | "safeguarding" | "and" | "vulnerability".
    // (The function's @example says 5; it is 6 by its own widths.)
    expect(wrappedLines("3.4 Management oversight of safeguarding and vulnerability", 14)).toBe(6);
    expect(wrappedLines("3.4 Management oversight of safeguarding and vulnerability", 60)).toBe(1);
    expect(wrappedLines("Case ID", 10)).toBe(1);
  });

  test("a word exactly as wide as the room fits; a pixel less and it breaks", () => {
    // Six e's: 3 em = 44 px. At 6.5 characters the room is trunc(45.5 + 5) − 6 = 44 px; at 6.4, 43.
    expect(wrappedLines(e(6), 6.5)).toBe(1);
    expect(wrappedLines(e(6), 6.4)).toBe(2);
    // Three such words: one a line.
    expect(wrappedLines(`${e(6)} ${e(6)} ${e(6)}`, 6.5)).toBe(3);
  });

  test("two words on one line when they and the space fit, else the second wraps", () => {
    // "ee ee": 2.23 em = 32.7 px. Room at 5 characters: 34 px; at 4.5: trunc(36.5) − 6 = 30 px.
    expect(wrappedLines("ee ee", 5)).toBe(1);
    expect(wrappedLines("ee ee", 4.5)).toBe(2);
    // "eeee 'n": 2 + 0.23 + (0.23 + 0.54) = 3 em, 44 px, exactly the room at 6.5: one line; at 6.4, two.
    expect(wrappedLines("eeee 'n", 6.5)).toBe(1);
    expect(wrappedLines("eeee 'n", 6.4)).toBe(2);
    // Runs of spaces are one break, not empty words each taking a space.
    expect(wrappedLines("ee    ee", 5)).toBe(1);
    expect(wrappedLines("  e", 1.5)).toBe(1); // 7.3 px in trunc(15.5) − 6 = 9 px
  });

  test("a word wider than the column is broken across lines, and the next word follows on its last line", () => {
    // 17 e's: 124.7 px in 44 px rooms: 44 + 44 + 36.7, three lines.
    expect(wrappedLines(e(17), 6.5)).toBe(3);
    // Then "e" (7.3 px) after a space (3.4 px): 36.7 + 10.7 = 47.4 > 44, a fourth line.
    expect(wrappedLines(`${e(17)} e`, 6.5)).toBe(4);
    // 13 e's: 95.3 px: 44 + 44 + 7.3; then " e" fits beside the 7.3 px (18 px).
    expect(wrappedLines(`${e(13)} e`, 6.5)).toBe(3);
  });

  test("each paragraph starts a line, empty ones too, whatever the line ending", () => {
    expect(wrappedLines("", 10)).toBe(1);
    expect(wrappedLines("ee\nee", 10)).toBe(2);
    expect(wrappedLines("ee\r\nee", 10)).toBe(2);
    expect(wrappedLines("ee\n\nee", 10)).toBe(3);
  });

  test("characters outside the table count as a capital (0.62 em); a column of no width still leaves one pixel", () => {
    // Five W's: 3.1 em = 45.5 px. Room at 6.7 characters: trunc(51.9) − 6 = 45 px; at 6.8: 46 px.
    expect(wrappedLines("WWWWW", 6.7)).toBe(2);
    expect(wrappedLines("WWWWW", 6.8)).toBe(1);
    // "e" is 7.3 px; at width 0 the room is max(1, 5 − 6) = 1 px: eight lines.
    expect(wrappedLines("e", 0)).toBe(8);
  });
});

/**
 * A small template made by hand: a Cases table of three columns (a 6.5-character column whose
 * header is three 44 px words, and a 30-character notes column), a one-column Interviews table
 * with no blank rows, a Second marking table, a Criteria sheet with an "Applies To" column and a
 * Settings sheet with a date, the rating scheme, redaction and a percentage.
 */
function tiny(): WorkbookTemplate {
  const yes = { col: 1, list: ["Yes", "No"], errorMessage: "Enter Yes or No.", strict: true };
  return {
    cases: { sheet: "Cases", tableName: "Cases", headers: ["Case ID", `${e(6)} ${e(6)} ${e(6)}`, "Notes"], columnWidths: [10, 6.5, 30], validations: [yes], blankRows: 2 },
    interviews: { sheet: "Interviews", tableName: "Interviews", headers: ["Interviewee"], columnWidths: [16], validations: [], blankRows: 0 },
    secondMarking: { sheet: "Second marking", tableName: "SecondMarking", headers: ["Case ID", "Second marker", e(10)], columnWidths: [10, 18], validations: [], blankRows: 1 },
    criteria: { sheet: "Criteria", rows: [["ID", "Applies To", null], ["1.1", "All cases", 3, "a fourth column, no width given"]], columnWidths: [8, 20, 8], percentCells: [] },
    settings: {
      sheet: "Settings",
      rows: [
        ["Setting", "Value", "About"],
        ["Service name", "", "Shown on the sheets."],
        ["Inspection start", null, "A date."],
        ["Rating scheme", "None", "None or HMI Probation 2018."],
        ["Redact case IDs and names", "No", "Yes or No."],
        ["Strength threshold", 0.8, "Default 80%."],
        [null, "no label", null],
      ],
      columnWidths: [28, 22, 90],
      percentCells: [{ row: 5, col: 1 }],
    },
  };
}

const at = (layout: WorksheetLayout, row: number, col: number): Shown => {
  const hits = layout.cells.filter((c) => c.row === row && c.col === col);
  if (hits.length !== 1) throw new Error(`${layout.name} (${row}, ${col}): ${hits.length} cells`);
  return Object.fromEntries(Object.entries(hits[0]!).filter(([k]) => k !== "row" && k !== "col")) as Shown;
};
/** A cell as the tests compare it: its kind, content and style, without its position. */
type Shown = { readonly kind: string; readonly text?: string; readonly number?: number; readonly formula?: string; readonly result?: unknown; readonly style?: string };
const text = (t: string, style: string) => ({ kind: "text", text: t, style });
const num = (n: number, style: string) => ({ kind: "number", number: n, style });
const byName = (layouts: WorksheetLayout[], name: string): WorksheetLayout => layouts.find((l) => l.name === name)!;

describe("the template's sheets", () => {
  test("in order: Cases, Interviews, Second marking, Criteria, Settings", () => {
    expect(buildTemplateLayouts(buildTemplate()).map((l) => l.name)).toEqual(["Cases", "Interviews", "Second marking", "Criteria", "Settings"]);
  });

  test("Cases: the table over the header and 30 blank rows (A1:AC31, 29 columns), its columns in the contract's order, the Case ID column frozen", () => {
    const t = buildTemplate();
    const cases = buildTemplateLayouts(t)[0]!;
    expect(cases.tables).toEqual([{ name: "Cases", range: "A1:AC31", columns: t.cases.headers, style: "TableStyleLight9" }]);
    expect(cases.tables[0]!.columns.slice(0, 5)).toEqual(["Case ID", "Case manager", "Sentence", "PSR", "1.1 Initial assessment of the likelihood of reoffending"]);
    expect(cases.tables[0]!.columns.at(-1)).toBe("5 Notes");
    expect(cases.freeze).toEqual({ rows: 1, cols: 1 });
    expect(cases.columnWidths).toBe(t.cases.columnWidths);
    expect(cases.cells).toHaveLength(29 * 31);
    expect(at(cases, 0, 2)).toEqual(text("Sentence", "header"));
    // Body cells: blank, wrapped in the 40-character section Notes columns (I is "1 Notes").
    expect([at(cases, 1, 0), at(cases, 30, 8), at(cases, 30, 28)]).toEqual([text("", "body"), text("", "bodyWrap"), text("", "bodyWrap")]);
    expect(cases).not.toHaveProperty("columnGroups");
  });

  test("Cases: dropdowns on Sentence, PSR and each criterion column over the 30 rows, in the contract's order", () => {
    const cases = buildTemplateLayouts(buildTemplate())[0]!;
    const [sentence, psr, ...judged] = cases.validations;
    expect(sentence).toEqual({ range: "C2:C31", list: ["Community", "Custody"], error: "Enter Community or Custody.", strict: true });
    expect(psr).toEqual({ range: "D2:D31", list: ["Yes", "No"], error: "Enter Yes if a new pre-sentence report was prepared, otherwise No.", strict: true });
    // 1.1–1.4 in E–H, 1 Notes in I; 2.1–2.5 in J–N, O; 3.1–3.4, 3.6 in P–T, U; 4.1–4.5 in V–Z, AA; 5.1 in AB, AC.
    const columns = ["E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R", "S", "T", "V", "W", "X", "Y", "Z", "AB"];
    expect(judged).toEqual(columns.map((c) => ({ range: `${c}2:${c}31`, list: ["Yes", "No", "N/A"], error: "Enter Yes, No or N/A, or leave blank until judged.", strict: false })));
  });

  test("with criterion notes, the notes columns are folded away in the layout too", () => {
    const t = buildTemplate({ criterionNotes: true });
    const cases = buildTemplateLayouts(t)[0]!;
    expect(cases.columnGroups).toBe(t.cases.columnGroups);
    expect(cases.columnGroups!.slice(0, 2)).toEqual([
      { first: 5, last: 5, collapsed: true },
      { first: 7, last: 7, collapsed: true },
    ]);
  });

  test("Interviews over 10 blank rows (A1:F11), a dropdown per question; Second marking (A1:AA11) with two columns frozen", () => {
    const [, interviews, second] = buildTemplateLayouts(buildTemplate());
    expect(interviews!.tables).toEqual([{ name: "Interviews", range: "A1:F11", columns: expect.any(Array), style: "TableStyleLight9" }]);
    expect(interviews!.validations.map((v) => v.range)).toEqual(["C2:C11", "D2:D11", "E2:E11"]);
    expect(interviews!.freeze).toEqual({ rows: 1, cols: 1 });
    expect(second!.tables.map((x) => [x.name, x.range])).toEqual([["SecondMarking", "A1:AA11"]]);
    expect(second!.freeze).toEqual({ rows: 1, cols: 2 });
    expect(second!.validations[0]).toEqual({ range: "C2:C11", list: ["Yes", "No", "N/A"], error: "Enter Yes, No or N/A, or leave blank until judged.", strict: false });
    // 5.1 in Z, its section's Notes in AA.
    expect(second!.validations.at(-1)!.range).toBe("Z2:Z11");
  });

  test("Criteria: its rows as the template gives them, no table, an 'Applies to' dropdown (E2:E100) that warns", () => {
    const t = buildTemplate();
    const criteria = byName(buildTemplateLayouts(t), "Criteria");
    expect(criteria.tables).toEqual([]);
    expect(criteria.freeze).toEqual({ rows: 1, cols: 0 });
    expect(criteria.validations).toEqual([
      {
        range: "E2:E100",
        list: ["All cases", "Custody cases", "Community cases", "Court disposals", "Court disposals where required", "Out-of-court disposals", "Cases with a new PSR", "Where relevant", "Where required", "Staff interviews"],
        error: "Choose who the criterion applies to from the list.",
        strict: false,
      },
    ]);
    expect(at(criteria, 0, 4)).toEqual(text("Applies to", "header"));
    expect(at(criteria, 1, 0)).toEqual(text("1.1", "body"));
    expect(at(criteria, 1, 1)).toEqual(num(1, "body"));
    // Criterion (D, 52 wide) and Done well phrase (F, 60) wrap; the Rating column (I) is blank.
    expect([at(criteria, 1, 3).style, at(criteria, 1, 5).style, at(criteria, 1, 8)]).toEqual(["bodyWrap", "bodyWrap", text("", "body")]);
  });

  test("Settings: dropdowns on the rating scheme (B7) and redaction (B9) refusing anything else; the inspection dates as dates; thresholds as percentages", () => {
    const settings = byName(buildTemplateLayouts(buildTemplate()), "Settings");
    expect(settings.validations).toEqual([
      { range: "B7", list: ["None", "HMI Probation 2018"], error: "Choose None or HMI Probation 2018.", strict: true },
      { range: "B9", list: ["Yes", "No"], error: "Enter Yes or No.", strict: true },
    ]);
    expect([at(settings, 2, 1), at(settings, 3, 1)]).toEqual([text("", "date"), text("", "date")]);
    expect([at(settings, 4, 1), at(settings, 5, 1)]).toEqual([num(0.8, "percent"), num(0.65, "percent")]);
    expect([9, 10, 11].map((r) => at(settings, r, 1).style)).toEqual(["percent", "percent", "percent"]);
    expect([at(settings, 1, 1), at(settings, 6, 1), at(settings, 8, 1)]).toEqual([text("", "body"), text("None", "body"), text("No", "body")]);
    expect(at(settings, 1, 2).style).toBe("bodyWrap");
    expect(settings.freeze).toEqual({ rows: 1, cols: 0 });
    expect(settings.tables).toEqual([]);
    expect(settings.rowHeights).toEqual([{ row: 0, height: 20 }]);
  });

  test("every style names 11-point type; dates as d mmm yyyy, percentages as 0%; white bold headers on dark blue", () => {
    const cases = buildTemplateLayouts(buildTemplate())[0]!;
    expect(cases.styles).toEqual({
      header: { bold: true, size: 11, colour: "FFFFFF", fill: "1F4E79", wrap: true, vertical: "top" },
      body: { size: 11, vertical: "top" },
      bodyWrap: { size: 11, vertical: "top", wrap: true },
      percent: { size: 11, vertical: "top", numberFormat: "0%" },
      date: { size: 11, vertical: "top", numberFormat: "d mmm yyyy", horizontal: "left" },
    });
  });
});

describe("a template filled with rows and settings", () => {
  test("header rows as tall as their longest wrapped header: 15 points a line and 5", () => {
    const [cases, interviews, second, criteria, settings] = buildTemplateLayouts(tiny());
    // "eeeeee eeeeee eeeeee" at 6.5 characters: three lines, 50 points.
    expect(cases!.rowHeights).toEqual([{ row: 0, height: 50 }]);
    expect(interviews!.rowHeights).toEqual([{ row: 0, height: 20 }]);
    // Ten e's (73.3 px) in a column with no width given: Excel's 8.43, trunc(64.01) − 6 = 58 px: two lines.
    expect(second!.rowHeights).toEqual([{ row: 0, height: 35 }]);
    expect([criteria!.rowHeights, settings!.rowHeights]).toEqual([[{ row: 0, height: 20 }], [{ row: 0, height: 20 }]]);
  });

  test("case rows filled in header order: text, numbers and dates as such; blank for null, missing or not a number; wrapped notes make their row taller", () => {
    const rows = [
      ["C1", "Yes", "one\ntwo\nthree"],
      ["C2", 7, new Date(Date.UTC(2026, 2, 1))],
      ["=C3", null, "short"],
      [Number.NaN, new Date(Number.NaN)],
    ];
    const cases = buildTemplateLayouts(tiny(), { caseRows: rows })[0]!;
    // Four rows filled (more than the two blank rows asked for): the table over A1:C5.
    expect(cases.tables[0]!.range).toBe("A1:C5");
    expect(cases.validations).toEqual([{ range: "B2:B5", list: ["Yes", "No"], error: "Enter Yes or No.", strict: true }]);
    expect([at(cases, 1, 0), at(cases, 1, 1), at(cases, 1, 2)]).toEqual([text("C1", "body"), text("Yes", "body"), text("one\ntwo\nthree", "bodyWrap")]);
    // 1 March 2026 is day 46,082 counted from 30 December 1899 (45,658 for 1 January 2025, and 365 + 31 + 28).
    expect([at(cases, 2, 1), at(cases, 2, 2)]).toEqual([num(7, "body"), num(46082, "date")]);
    expect([at(cases, 3, 0), at(cases, 3, 1)]).toEqual([text("=C3", "body"), text("", "body")]);
    expect([at(cases, 4, 0), at(cases, 4, 1), at(cases, 4, 2)]).toEqual([text("", "body"), text("", "body"), text("", "bodyWrap")]);
    expect(cases.cells).toHaveLength(3 * 5);
    // Three lines of notes: 48 points (15 a line and 3); the other rows are one line.
    expect(cases.rowHeights).toEqual([
      { row: 0, height: 50 },
      { row: 1, height: 48 },
    ]);
  });

  test("only text in a column 30 or more wide counts towards a row's height", () => {
    // Two lines in the 6.5-wide column (not wrapped), two in the notes column.
    const cases = buildTemplateLayouts(tiny(), { caseRows: [["a\nb\nc\nd", "a\nb\nc", "x\ny"]] })[0]!;
    expect(cases.rowHeights).toEqual([
      { row: 0, height: 50 },
      { row: 1, height: 33 },
    ]);
  });

  test("no blank rows and nothing filled: still one body row under the header", () => {
    const interviews = buildTemplateLayouts(tiny())[1]!;
    expect(interviews.tables[0]!.range).toBe("A1:A2");
    expect(interviews.cells).toEqual([
      { row: 0, col: 0, kind: "text", text: "Interviewee", style: "header" },
      { row: 1, col: 0, kind: "text", text: "", style: "body" },
    ]);
    const filled = buildTemplateLayouts(tiny(), { interviewRows: [["Ann"], ["Bob"]], secondMarkingRows: [["C1", "Sam", "Yes"]] });
    expect(filled[1]!.tables[0]!.range).toBe("A1:A3");
    expect([at(filled[1]!, 2, 0), at(filled[2]!, 1, 1)]).toEqual([text("Bob", "body"), text("Sam", "body")]);
  });

  test("Settings values by label, whatever the case and spaces, in the Value column only; the inspection dates shown as dates", () => {
    const settings = buildTemplateLayouts(tiny(), {
      settingValues: { " SERVICE NAME ": "North YOS", "Inspection start": new Date(Date.UTC(2026, 2, 1)), Setting: "not the header", About: "nowhere" },
    })[4]!;
    expect([at(settings, 0, 0), at(settings, 0, 1), at(settings, 0, 2)]).toEqual([text("Setting", "header"), text("Value", "header"), text("About", "header")]);
    expect([at(settings, 1, 0), at(settings, 1, 1), at(settings, 1, 2)]).toEqual([text("Service name", "body"), text("North YOS", "body"), text("Shown on the sheets.", "bodyWrap")]);
    expect(at(settings, 2, 1)).toEqual(num(46082, "date"));
    expect(at(settings, 5, 1)).toEqual(num(0.8, "percent"));
    expect(settings.validations).toEqual([
      { range: "B4", list: ["None", "HMI Probation 2018"], error: "Choose None or HMI Probation 2018.", strict: true },
      { range: "B5", list: ["Yes", "No"], error: "Enter Yes or No.", strict: true },
    ]);
    // A row without a label takes no value and no dropdown.
    expect([at(settings, 6, 0), at(settings, 6, 1)]).toEqual([text("", "body"), text("no label", "body")]);
    // Without the date given, the start is still a date cell; the other rows keep their styles.
    const plain = buildTemplateLayouts(tiny())[4]!;
    expect([at(plain, 2, 1), at(plain, 1, 1), at(plain, 3, 1)]).toEqual([text("", "date"), text("", "body"), text("None", "body")]);
  });

  test("the Criteria dropdown reaches 30 rows past the last, at least to row 100; none without an 'Applies to' column", () => {
    const t = tiny();
    expect(buildTemplateLayouts(t)[3]!.validations.map((v) => v.range)).toEqual(["B2:B100"]);
    // A cell beyond the columns given widths is not wrapped.
    expect(at(buildTemplateLayouts(t)[3]!, 1, 3)).toEqual(text("a fourth column, no width given", "body"));
    const long = { ...t, criteria: { ...t.criteria, rows: [t.criteria.rows[0]!, ...Array.from({ length: 80 }, (_, i) => [`1.${i + 1}`, "All cases", null])] } };
    // 81 rows, and 30: row 111.
    expect(buildTemplateLayouts(long)[3]!.validations.map((v) => v.range)).toEqual(["B2:B111"]);
    const first = { ...t, criteria: { ...t.criteria, rows: [["Applies to", "ID"], ["All cases", "1.1"]] } };
    expect(buildTemplateLayouts(first)[3]!.validations.map((v) => v.range)).toEqual(["A2:A100"]);
    const none = { ...t, criteria: { ...t.criteria, rows: [["ID", "Applies"], ["1.1", "All cases"]] } };
    expect(buildTemplateLayouts(none)[3]!.validations).toEqual([]);
    const empty = { ...t, criteria: { ...t.criteria, rows: [] } };
    const layout = buildTemplateLayouts(empty)[3]!;
    expect([layout.validations, layout.cells, layout.rowHeights]).toEqual([[], [], [{ row: 0, height: 20 }]]);
  });
});
