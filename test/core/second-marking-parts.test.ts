import { BUILT_IN_FRAMEWORK, compareMarking, criterionHeader, foldId, readCases, readSecondMarking, type CellValue, type Grid } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

// Every grid is read inside its test (never in a describe body), so a mutation run sees each test
// reach the code it checks.

const criteria = BUILT_IN_FRAMEWORK.criteria;
const k21 = criteria.findIndex((c) => c.id === "2.1");
const secondHeader = (): string[] => ["Case ID", "Second marker", ...criteria.map(criterionHeader)];
/** A second-marking row: every criterion blank unless given. */
const markRow = (id: CellValue, marker: CellValue, values: Record<string, CellValue> = {}): CellValue[] => [id, marker, ...criteria.map((c) => values[c.id] ?? null)];
const secondGrid = (rows: CellValue[][], options: { top?: number; left?: number } = {}): Grid => makeGrid([secondHeader(), ...rows], { sheet: "Second marking", ...options });
/** The column letter of a criterion in secondHeader() (Case ID in A, Second marker in B, 1.1 in C). */
const col = (id: string): string => String.fromCharCode(65 + 2 + criteria.findIndex((c) => c.id === id));
const casesOf = (rows: CellValue[][]) => readCases(makeGrid([standardHeader(), ...rows]), BUILT_IN_FRAMEWORK).table;
const twoCases = () => casesOf([validRow("C01", "Community", "Yes", { "2.1": "Yes" }), validRow("C02", "Custody", "No", { "2.1": "No" })]);

describe("the Second marking table's header row", () => {
  it("takes the first column of each kind: the first Case ID and Second marker column, the first notes column of each kind, criterion notes not a criterion", () => {
    const header = ["Case ID", "Comments", "Second marker", criterionHeader(criteria[k21]!), "Case ref", "Moderator", "Notes", "Evidence notes", "2 Notes", "2 notes", "2.1 Notes", "2.1 notes"];
    const row = ["C01", "see the file", "R. Lead", "No", "C02", "Q. Other", "general first", "general second", "section first", "section second", "criterion first", "criterion second"];
    const { table, issues } = readSecondMarking(makeGrid([header, row], { sheet: "Second marking" }), criteria, twoCases());
    expect(issues).toEqual([]);
    expect(table.columns).toMatchObject({ caseId: 0, marker: 2 });
    expect(table.marks).toHaveLength(1);
    const mark = table.marks[0]!;
    expect([mark.caseId, mark.marker, mark.kase.id, mark.judgements[k21]]).toEqual(["C01", "R. Lead", "C01", "No"]);
    expect(mark.notes.general).toBe("general first");
    expect(mark.notes.bySection.get("2")).toBe("section first");
    expect(mark.notes.byCriterion.get("2.1")).toBe("criterion first");
  });

  it("names the header cell of a missing column, with what to add", () => {
    const noId = readSecondMarking(makeGrid([["Second marker", "2.1 Risk"], ["R. Lead", "Yes"]], { sheet: "Second marking" }), criteria, twoCases());
    expect(noId.issues).toEqual([
      {
        severity: "error",
        code: "missing-column",
        sheet: "Second marking",
        cell: "A1",
        caseId: null,
        criterionId: null,
        message: 'The Second marking sheet has no "Case ID" column. Add a column headed "Case ID" to the header row.',
      },
    ]);
    const noMarker = readSecondMarking(makeGrid([["Case ID", "2.1 Risk"], ["C01", "Yes"]], { sheet: "Second marking" }), criteria, twoCases());
    expect(noMarker.issues.map((i) => [i.code, i.cell, i.message])).toEqual([
      ["missing-column", "A1", 'The Second marking sheet has no "Second marker" column. Add a column headed "Second marker" to the header row.'],
    ]);
    // Without a marker column the row is still compared, under no name.
    expect(noMarker.table.marks.map((m) => [m.caseId, m.marker])).toEqual([["C01", ""]]);
  });

  it("says where a repeated criterion column first was, by its cell", () => {
    const header = ["Case ID", "Second marker", "2.1 Risk", " 2.1 Again ", "9.9 Unknown"];
    const { issues } = readSecondMarking(makeGrid([header, ["C01", "R. Lead", "Yes", "No", "Yes"]], { sheet: "Second marking" }), criteria, twoCases());
    expect(issues.map((i) => [i.severity, i.code, i.cell, i.criterionId, i.message])).toEqual([
      ["error", "duplicate-column", "D1", "2.1", 'This column repeats "2.1 Again", already at C1; only the first is counted. Rename or remove this one.'],
      ["warning", "unknown-criterion-column", "E1", "9.9", "Criterion 9.9 is not in the framework, so this column is not counted. Add 9.9 to the Criteria sheet, or correct the ID at the start of the header."],
    ]);
  });

  it("whose header row is not on the sheet (a table with its header hidden) names the column by its place in the table, and no cell", () => {
    const header = ["Case ID", "Second marker", "2.1 Risk", " 2.1 Again ", "9.9 Unknown"];
    const grid: Grid = { sheet: "Second marking", top: -1, left: 0, rows: [header, ["C01", "R. Lead", "Yes", "No", "Yes"]] };
    const { table, issues } = readSecondMarking(grid, criteria, twoCases());
    expect(issues.map((i) => [i.code, i.cell, i.message])).toEqual([
      ["duplicate-column", null, 'This column repeats "2.1 Again", already at column 3 of the table; only the first is counted. Rename or remove this one.'],
      ["unknown-criterion-column", null, expect.stringContaining("Criterion 9.9")],
    ]);
    // The first data row is the sheet's first row (zero-based 0).
    expect(table.marks.map((m) => [m.caseId, m.row, m.judgements[k21]])).toEqual([["C01", 0, "Yes"]]);
  });
});

describe("the Second marking table's rows", () => {
  it("read the case ID and marker as written, with spaces tidied, and match the case as the Cases sheet does (any case, spaces collapsed)", () => {
    const cases = casesOf([validRow("C01", "Community", "Yes"), validRow("C 02", "Community", "Yes")]);
    const { table, issues } = readSecondMarking(
      secondGrid([markRow("C01 ", " R.  Lead\n", { "2.1": "No" }), markRow("c  02", "Q.\tSecond ", { "2.1": "Yes" }), markRow("C02", "R. Lead", { "2.1": "Yes" })]),
      criteria,
      cases,
    );
    expect(table.marks.map((m) => [m.caseId, m.marker, m.kase.id, m.row])).toEqual([
      ["C01", "R. Lead", "C01", 1],
      ["c 02", "Q. Second", "C 02", 2],
    ]);
    // "C02" is not "C 02": only spaces are collapsed, never removed.
    expect(issues).toEqual([
      {
        severity: "error",
        code: "second-marking-unknown-case",
        sheet: "Second marking",
        cell: "A4",
        caseId: "C02",
        criterionId: null,
        message: 'Case ID "C02" is not in the Cases sheet, so this row is not compared. Enter the ID exactly as the Cases sheet has it.',
      },
    ]);
  });

  it("give their sheet row and cells where the table starts lower down and to the right", () => {
    const { table, issues } = readSecondMarking(secondGrid([markRow("C01", "R. Lead", { "2.1": "Yes" }), markRow("C09", "R. Lead")], { top: 3, left: 1 }), criteria, twoCases());
    // Header on sheet row 4 (zero-based 3), first data row 5 (zero-based 4); Case ID in column B.
    expect(table.marks.map((m) => [m.caseId, m.row])).toEqual([["C01", 4]]);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["second-marking-unknown-case", "B6"]]);
  });

  it("with an error for a case ID say so once, with what to type, and are not looked up", () => {
    const { table, issues } = readSecondMarking(secondGrid([markRow({ error: "#REF!" }, "R. Lead", { "2.1": "Yes" })]), criteria, twoCases());
    expect(issues).toEqual([
      {
        severity: "error",
        code: "cell-error",
        sheet: "Second marking",
        cell: "A2",
        caseId: null,
        criterionId: null,
        message: "This cell shows the error #REF!, so it cannot be read. Correct the formula or type the case ID instead.",
      },
    ]);
    expect(table.marks).toEqual([]);
    expect(table.filledRows).toBe(1);
  });

  it("name the case of a judgement's issue when the row has one, and no case when it has none", () => {
    const { issues } = readSecondMarking(
      secondGrid([markRow("C01", "R. Lead", { "2.1": { error: "#DIV/0!" } }), markRow(null, "R. Lead", { "2.1": "Maybe" })]),
      criteria,
      twoCases(),
    );
    expect(issues).toEqual([
      {
        severity: "error",
        code: "cell-error",
        sheet: "Second marking",
        cell: `${col("2.1")}2`,
        caseId: "C01",
        criterionId: "2.1",
        message: "This cell shows the error #DIV/0!, so it cannot be read. Correct the formula or type Yes, No or N/A instead.",
      },
      {
        severity: "error",
        code: "invalid-value",
        sheet: "Second marking",
        cell: `${col("2.1")}3`,
        caseId: null,
        criterionId: "2.1",
        message: '"Maybe" is not a judgement for criterion 2.1. Enter Yes, No or N/A, or leave it blank until judged.',
      },
      {
        severity: "error",
        code: "missing-case-id",
        sheet: "Second marking",
        cell: "A3",
        caseId: null,
        criterionId: null,
        message: "This second-marking row has no Case ID. Enter the ID of the case, as written in the Cases sheet.",
      },
    ]);
  });

  it("with a criterion judgement but no Case ID column name no case", () => {
    const { issues } = readSecondMarking(makeGrid([["Second marker", "2.1 Risk"], ["R. Lead", "Maybe"]], { sheet: "Second marking" }), criteria, twoCases());
    expect(issues.map((i) => [i.code, i.cell, i.caseId])).toEqual([
      ["missing-column", "A1", null],
      ["invalid-value", "B2", null],
    ]);
  });

  it("repeating a case and marker name the marker as the row has it (or as not named) and the first row's cell", () => {
    const { table, issues } = readSecondMarking(
      secondGrid([markRow("C01", "R. Lead", { "2.1": "Yes" }), markRow("c01", "r.  lead", { "2.1": "No" }), markRow("C02", ""), markRow("C02", " ")]),
      criteria,
      twoCases(),
    );
    expect(issues.map((i) => [i.severity, i.code, i.cell, i.message])).toEqual([
      ["error", "second-marking-duplicate", "A3", 'Case "c01" is already second-marked by "r. lead" at A2; only that row is compared. Remove this row or name a different marker.'],
      ["warning", "second-marking-missing-marker", "B4", 'The second marker is not named, so this row counts under "(not named)". Enter who second-marked the case.'],
      ["warning", "second-marking-missing-marker", "B5", 'The second marker is not named, so this row counts under "(not named)". Enter who second-marked the case.'],
      ["error", "second-marking-duplicate", "A5", 'Case "C02" is already second-marked by "(not named)" at A4; only that row is compared. Remove this row or name a different marker.'],
    ]);
    expect(table.marks.map((m) => [m.caseId, m.marker, m.row])).toEqual([
      ["C01", "R. Lead", 1],
      ["C02", "", 3],
    ]);
  });

  it("second-mark the first case of an ID the Cases sheet repeats", () => {
    const cases = casesOf([validRow("C01", "Community", "Yes", { "2.1": "Yes" }), validRow("C02", "Community", "Yes"), validRow("C01", "Custody", "No", { "2.1": "No" })]);
    const { table } = readSecondMarking(secondGrid([markRow("C01", "R. Lead", { "2.1": "No" })]), criteria, cases);
    // The Cases sheet's row 2 (zero-based 1), not its repeat on row 4.
    expect(table.marks.map((m) => [m.kase.id, m.kase.row, m.kase.sentence])).toEqual([["C01", 1, "Community"]]);
  });
});

describe("comparing the markers", () => {
  it("groups a marker's rows however the name is spaced or capitalised, under the name first written, and unnamed rows under (not named)", () => {
    // First markers on 2.1: C01 Yes, C02 Yes, C03 No.
    const cases = casesOf([validRow("C01", "Community", "Yes", { "2.1": "Yes" }), validRow("C02", "Community", "Yes", { "2.1": "Yes" }), validRow("C03", "Community", "Yes", { "2.1": "No" })]);
    const { table } = readSecondMarking(
      secondGrid([markRow("C01", "R. Lead", { "2.1": "No" }), markRow("C02", "r.  LEAD", { "2.1": "Yes" }), markRow("C03", "", { "2.1": "Yes" })]),
      criteria,
      cases,
    );
    const { agreement, differences } = compareMarking(table);
    // R. Lead: C01 Yes/No, C02 Yes/Yes — 2 compared, 1 agreed. Not named: C03 No/Yes — 1 compared, 0 agreed.
    expect(agreement.markers.map((m) => [m.marker, m.cases, m.compared, m.agreed])).toEqual([
      ["R. Lead", 2, 2, 1],
      ["(not named)", 1, 1, 0],
    ]);
    expect(agreement).toMatchObject({ cases: 3, rows: 3 });
    expect(differences.map((d) => [d.mark.caseId, d.mark.marker, d.criterion.id, d.first, d.second])).toEqual([
      ["C01", "R. Lead", "2.1", "Yes", "No"],
      ["C03", "", "2.1", "No", "Yes"],
    ]);
  });
});

describe("foldId", () => {
  it("matches IDs as its example says: any case, spaces collapsed and trimmed", () => {
    expect(foldId(" c01 ")).toBe(foldId("C01"));
    expect(foldId("C \t 01")).toBe(foldId("c 01"));
    expect(foldId("C 01")).not.toBe(foldId("C01"));
  });
});
