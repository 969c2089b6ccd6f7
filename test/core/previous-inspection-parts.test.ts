/**
 * The previous inspection's figures, part by part: the Previous inspection sheet read back (its
 * facts, each kind of row, what is passed over, each spoiled figure named by its cell and in
 * words), the figures taken from an earlier analysis, a framework named, and titles folded for
 * matching. Grids are written by hand as the sheet lays them out (marker in A2, facts from row 5
 * with their value in column C, the table's header in row 11); every expected value is worked by
 * hand, and every sheet is read inside its test so a mutation run sees each test reach the code.
 */
import {
  BUILT_IN_FRAMEWORK,
  describeFramework,
  foldTitle,
  HMIP_YOUTH_FRAMEWORK,
  PREVIOUS_MARKER,
  previousFromAnalysis,
  readPreviousSheet,
  type Analysis,
  type CellValue,
  type Framework,
  type Grid,
} from "../../src/core";

const MARK = `${PREVIOUS_MARKER} on 12 March 2027 at 09:00, from northbrook-2024.xlsx.`;
const HEADER: CellValue[] = ["Row", "ID", "Title", "Met", "Relevant", "% met", "Rating"];
// 45335 is 13 February 2024 as a spreadsheet date: 19766 days after 1 January 1970 (serial 25569),
// and 1 January 2024 is day 19723 (54 years of 365 days and 13 leap days), 43 days earlier.
const FACTS: CellValue[][] = [
  ["Service", null, "Northbrook YJS"],
  ["Inspection start", null, 45335],
  ["Inspection end", null, "2024-02-15"],
  ["Read from", null, "northbrook-2024.xlsx"],
  ["Framework", null, "Youth Short Quality Screening (2014)"],
];

/** A Previous inspection sheet: title, marker, note, blank, facts (rows 5 to 9), then (unless header is null) a blank row, the table's header (row 11) and rows from row 12. */
function sheet(rows: CellValue[][], options: { facts?: CellValue[][]; header?: CellValue[] | null; top?: number; left?: number } = {}): Grid {
  const above: CellValue[][] = [["Previous inspection: Northbrook YJS"], [MARK], ["The previous inspection's figures, kept so that Build summary compares."], [], ...(options.facts ?? FACTS)];
  const table = options.header === null ? [] : [[], options.header ?? HEADER, ...rows];
  return { sheet: "Previous inspection", top: options.top ?? 0, left: options.left ?? 0, rows: [...above, ...table] };
}

describe("the facts above the table", () => {
  it("are read by their label: service (spaces trimmed), dates from a spreadsheet date or ISO text, source, framework; a repeated label counts once, the first", () => {
    const facts = [["Service", null, "  Northbrook YJS  "], ...FACTS.slice(1), ["Service", null, "Another service"]];
    const read = readPreviousSheet(sheet([["Criterion", "2.1", "Risk", 3, 12, 0.25, ""]], { facts }));
    expect(read.issues).toEqual([]);
    expect(read.previous).toMatchObject({
      service: "Northbrook YJS",
      start: "2024-02-13",
      end: "2024-02-15",
      source: "northbrook-2024.xlsx",
      framework: "Youth Short Quality Screening (2014)",
    });
  });

  it("without a table, every fact is still read (the last too), and there are no figures", () => {
    expect(readPreviousSheet(sheet([], { header: null }))).toEqual({
      previous: { service: "Northbrook YJS", start: "2024-02-13", end: "2024-02-15", source: "northbrook-2024.xlsx", framework: "Youth Short Quality Screening (2014)", criteria: [], sections: [], overall: null },
      issues: [],
    });
  });

  it("only a sheet whose A2 is the marker, read from A1, is ours: a grid starting elsewhere gives nothing", () => {
    const rows = [["Criterion", "2.1", "Risk", 3, 12, 0.25, ""]];
    expect(readPreviousSheet(sheet(rows)).previous).not.toBeNull();
    expect(readPreviousSheet(sheet(rows, { left: 2 }))).toEqual({ previous: null, issues: [] });
    expect(readPreviousSheet(sheet(rows, { top: 3 }))).toEqual({ previous: null, issues: [] });
  });
});

describe("the table of figures", () => {
  it("its header is the first row with Row in column A and a Relevant column; a row above with only one of the two is not it", () => {
    const facts = [...FACTS, ["Row", "counts checked by R. Lead"], ["Checked", "Relevant", "Met"]];
    const read = readPreviousSheet(sheet([["Criterion", "2.1", "Risk", 3, 12, 0.25, ""]], { facts }));
    expect(read.issues).toEqual([]);
    expect(read.previous!.criteria).toEqual([{ id: "2.1", title: "Risk", met: 3, relevant: 12, interview: false }]);
  });

  it("reads each kind of row: criterion, interview question, section with its number and rating, overall; titles' spaces tidied, ID and rating trimmed; the first column of a repeated header", () => {
    const header = [...HEADER, "Met"];
    const rows: CellValue[][] = [
      ["Criterion", " 2.1 ", "  Initial  assessment\n of risk  ", 3, 12, 0.25, "", "checked"],
      ["interview question", "5.1", "Staff know the plan", 1, 4, 0.25, "", "checked"],
      ["Section", " 2 ", "Protecting the public", 10, 40, 0.25, " Good ", "checked"],
      ["Overall", "", "All criteria", 100, 200, 0.5, "Requires improvement", "checked"],
    ];
    const read = readPreviousSheet(sheet(rows, { header }));
    expect(read.issues).toEqual([]);
    expect(read.previous!.criteria).toEqual([
      { id: "2.1", title: "Initial assessment of risk", met: 3, relevant: 12, interview: false },
      { id: "5.1", title: "Staff know the plan", met: 1, relevant: 4, interview: true },
    ]);
    expect(read.previous!.sections).toEqual([{ number: "2", title: "Protecting the public", met: 10, relevant: 40, rating: "Good" }]);
    expect(read.previous!.overall).toEqual({ met: 100, relevant: 200, rating: "Requires improvement" });
  });

  it("passes over, without an issue, a blank row, a repeated row (the first counts), a section without a number and rows of no known kind", () => {
    const rows: CellValue[][] = [
      ["Criterion", "2.1", "Risk", 3, 12, 0.25, ""],
      [null, null, null, null, null, null, null],
      ["Criterion", "2.1", "Risk again", 12, 12, 1, ""],
      ["Section", "", "A section without a number", 1, 2, 0.5, "Good"],
      ["Overall", "", "All criteria", 100, 200, 0.5, "Good"],
      ["Total", "9", "A person's own total", 5, 10, 0.5, "Inadequate"],
    ];
    const read = readPreviousSheet(sheet(rows));
    expect(read.issues).toEqual([]);
    expect(read.previous!.criteria).toEqual([{ id: "2.1", title: "Risk", met: 3, relevant: 12, interview: false }]);
    expect(read.previous!.sections).toEqual([]);
    expect(read.previous!.overall).toEqual({ met: 100, relevant: 200, rating: "Good" });
  });

  it("names a spoiled figure by its cell, in words of its kind (criterion, interview question, section, the overall figure), and leaves that row out", () => {
    const rows: CellValue[][] = [
      ["Criterion", "2.1", "Risk", 3, 12, 0.25, ""], // row 12
      ["Section", "2", "Protecting the public", 41, 40, "", "Good"], // row 13: more met than relevant
      ["Overall", "", "All criteria", 100, "two hundred", "", ""], // row 14
      ["Interview question", "5.1", "Staff know the plan", -1, 4, "", ""], // row 15
      ["Criterion", "Risk", "No ID", 1, 2, 0.5, ""], // row 16
    ];
    const read = readPreviousSheet(sheet(rows));
    expect(read.issues).toEqual([
      {
        severity: "error",
        code: "previous-invalid-figure",
        sheet: "Previous inspection",
        cell: "D13",
        caseId: null,
        criterionId: null,
        message: "The previous inspection's met count for section 2 is not a whole number from 0 to its relevant count, so section 2 is not compared. Enter how many cases met it, such as 11.",
      },
      {
        severity: "error",
        code: "previous-invalid-figure",
        sheet: "Previous inspection",
        cell: "E14",
        caseId: null,
        criterionId: null,
        message:
          "The previous inspection's relevant count for the overall figure is not a whole number, so the overall figure is not compared. Enter the number of relevant cases it had, such as 19.",
      },
      {
        severity: "error",
        code: "previous-invalid-figure",
        sheet: "Previous inspection",
        cell: "D15",
        caseId: null,
        criterionId: "5.1",
        message: "The previous inspection's met count for criterion 5.1 is not a whole number from 0 to its relevant count, so criterion 5.1 is not compared. Enter how many cases met it, such as 11.",
      },
      {
        severity: "error",
        code: "previous-invalid-figure",
        sheet: "Previous inspection",
        cell: "B16",
        caseId: null,
        criterionId: null,
        message: '"Risk" is not a criterion ID, so this row is not compared. Enter the criterion\'s ID, such as 2.1.',
      },
    ]);
    expect(read.previous!.criteria.map((c) => c.id)).toEqual(["2.1"]);
    expect(read.previous!.sections).toEqual([]);
    expect(read.previous!.overall).toBeNull();
  });

  it("names every row whose ID is not a criterion ID, not only the first", () => {
    const rows: CellValue[][] = [
      ["Criterion", "Risk", "No ID", 1, 2, 0.5, ""], // row 12
      ["Criterion", "Planning", "No ID either", 1, 2, 0.5, ""], // row 13
    ];
    const read = readPreviousSheet(sheet(rows));
    expect(read.issues.map((i) => [i.cell, i.message])).toEqual([
      ["B12", '"Risk" is not a criterion ID, so this row is not compared. Enter the criterion\'s ID, such as 2.1.'],
      ["B13", '"Planning" is not a criterion ID, so this row is not compared. Enter the criterion\'s ID, such as 2.1.'],
    ]);
    expect(read.previous!.criteria).toEqual([]);
  });

  it("accepts a count written as digits, with spaces around or none, and refuses any other (a fraction, a negative, a blank, text Number would read)", () => {
    const good: [CellValue, CellValue][] = [
      [3, 12],
      ["3", "12"],
      [" 3 ", " 12 "],
    ];
    for (const [met, relevant] of good) {
      const read = readPreviousSheet(sheet([["Criterion", "2.1", "Risk", met, relevant, "", ""]]));
      expect([read.issues, read.previous!.criteria]).toEqual([[], [{ id: "2.1", title: "Risk", met: 3, relevant: 12, interview: false }]]);
    }
    const badMet: CellValue[] = [3.5, -1, null, "1.5", "-1", "1e1", "3 of 12", true];
    for (const met of badMet) {
      const read = readPreviousSheet(sheet([["Criterion", "2.1", "Risk", met, 12, "", ""]]));
      expect([met, read.issues.map((i) => i.cell), read.previous!.criteria]).toEqual([met, ["D12"], []]);
    }
  });
});

describe("the figures of an earlier analysis", () => {
  it("take its service, dates, framework, the criteria and interview questions it had a column for (in that order), its sections and overall figure", () => {
    const stat = (id: string, title: string, met: number, relevant: number, hasColumn: boolean) => ({ id, title, met, relevant, hasColumn, section: id.split(".")[0], notApplicable: 0 });
    const a = {
      settings: { serviceName: "Northbrook YJS", inspectionStart: "2024-02-13", inspectionEnd: "2024-02-15" },
      framework: BUILT_IN_FRAMEWORK,
      criteria: [stat("1.1", "Assessment", 9, 10, true), stat("1.2", "Planning", 0, 0, false)],
      interviewStats: [stat("5.1", "Staff know the plan", 3, 4, true), stat("5.2", "Not asked", 0, 0, false)],
      sections: [{ number: "1", title: "Assessment and planning", met: 9, relevant: 10, rating: "Good", rule: "pooled" }],
      overall: { met: 9, relevant: 10, rating: "Good", percent: 90 },
    } as unknown as Analysis;
    expect(previousFromAnalysis(a, "northbrook-2024.xlsx")).toEqual({
      service: "Northbrook YJS",
      start: "2024-02-13",
      end: "2024-02-15",
      source: "northbrook-2024.xlsx",
      framework: "Youth Short Quality Screening (2014)",
      criteria: [
        { id: "1.1", title: "Assessment", met: 9, relevant: 10, interview: false },
        { id: "5.1", title: "Staff know the plan", met: 3, relevant: 4, interview: true },
      ],
      sections: [{ number: "1", title: "Assessment and planning", met: 9, relevant: 10, rating: "Good" }],
      overall: { met: 9, relevant: 10, rating: "Good" },
    });
  });
});

describe("a framework in words, and titles folded for matching", () => {
  it("names each built-in framework by its criteria, whatever their titles' case and spacing; any other is the workbook's own, counted", () => {
    expect(describeFramework(BUILT_IN_FRAMEWORK)).toBe("Youth Short Quality Screening (2014)");
    expect(describeFramework(HMIP_YOUTH_FRAMEWORK)).toBe("HMI Probation youth standards (2018 onward)");
    const shouted: Framework = { ...BUILT_IN_FRAMEWORK, criteria: BUILT_IN_FRAMEWORK.criteria.map((c) => ({ ...c, title: ` ${c.title.toUpperCase()}.` })) };
    expect(describeFramework(shouted)).toBe("Youth Short Quality Screening (2014)");
    const n = BUILT_IN_FRAMEWORK.criteria.length;
    const retitled: Framework = { ...BUILT_IN_FRAMEWORK, criteria: BUILT_IN_FRAMEWORK.criteria.map((c, i) => (i === 0 ? { ...c, title: "Another first criterion" } : c)) };
    expect(describeFramework(retitled)).toBe(`the workbook's own criteria (${n} criteria)`);
    expect(describeFramework({ ...BUILT_IN_FRAMEWORK, criteria: BUILT_IN_FRAMEWORK.criteria.slice(0, 1) })).toBe("the workbook's own criteria (1 criterion)");
  });

  it("folds curly quotes, dashes, runs of spaces, case and a final run of stops, colons and semicolons — nothing else", () => {
    expect(foldTitle("  Child\u2019s  \u2018own\u2019 plan \u201Cagreed\u201D \u2013 with the family\u2011team.;: ")).toBe("child's 'own' plan \"agreed\" - with the family-team");
    expect(foldTitle("Review: risk of harm.")).toBe("review: risk of harm");
    expect(foldTitle("Review of risk")).toBe("review of risk");
  });
});
