import { BUILT_IN_FRAMEWORK, findCaseColumns, meaningOfHeader, normaliseHeader, type CellValue, type Issue } from "../../src/core";
import { makeGrid } from "../helpers/grids";

const codes = (issues: readonly Issue[]): [string, string | null, string | null][] => issues.map((i) => [i.code, i.cell, i.criterionId]);
const criteria = BUILT_IN_FRAMEWORK.criteria;
const columnsOf = (header: CellValue[], interviews = false) => findCaseColumns(makeGrid([header]), interviews ? BUILT_IN_FRAMEWORK.interviewQuestions : criteria, interviews);

describe("what a header means", () => {
  it.each([
    ["2.1 Initial assessment", { kind: "criterion", id: "2.1" }],
    ["02.01", { kind: "criterion", id: "2.1" }],
    ["2.1.3 Keeping people safe", { kind: "criterion", id: "2.1.3" }],
    ["2.1 Notes", { kind: "numbered-notes", number: "2.1" }],
    ["  2.1\nNOTES ", { kind: "numbered-notes", number: "2.1" }],
    ["2.1notes", { kind: "numbered-notes", number: "2.1" }],
    ["02.1 Note", { kind: "numbered-notes", number: "2.1" }],
    ["2.1.3 notes", { kind: "numbered-notes", number: "2.1.3" }],
    ["2.10 notes", { kind: "numbered-notes", number: "2.10" }],
    ["12.10.11 notes", { kind: "numbered-notes", number: "12.10.11" }],
    ["2.1 Notes on risk", { kind: "criterion", id: "2.1" }],
    ["3 Notes", { kind: "numbered-notes", number: "3" }],
    ["03notes", { kind: "numbered-notes", number: "3" }],
    ["Notes", { kind: "general-notes" }],
    ["Evidence notes", { kind: "general-notes" }],
    ["Case ref", { kind: "field", field: "caseId" }],
    ["Case manager", { kind: "field", field: "manager" }],
    ["Sentence type", { kind: "field", field: "sentence" }],
    ["New PSR", { kind: "field", field: "psr" }],
    ["Role", { kind: "other" }],
    ["123.456 notes", { kind: "other" }],
  ])("%j in the Cases table", (header, meaning) => {
    expect(meaningOfHeader(normaliseHeader(header), false)).toEqual(meaning);
  });

  it.each([
    ["Interviewee", { kind: "field", field: "caseId" }],
    ["Case manager", { kind: "field", field: "caseId" }],
    ["Case ID", { kind: "other" }],
    ["Sentence", { kind: "other" }],
  ])("%j in the Interviews table", (header, meaning) => {
    expect(meaningOfHeader(normaliseHeader(header), true)).toEqual(meaning);
  });
});

describe("findCaseColumns", () => {
  it("finds every column by its header, wherever it is", () => {
    const { columns, issues } = columnsOf(["Notes", "PSR", "2.1 Risk", "Case manager", "Case ID", "2 Notes", "Sentence", "2.1 Notes", "1.1 Assessment"]);
    expect(columns).toMatchObject({ caseId: 4, manager: 3, sentence: 6, psr: 1 });
    expect([...columns.criteria]).toEqual([
      ["2.1", 2],
      ["1.1", 8],
    ]);
    expect(columns.notes.general).toBe(0);
    expect([...columns.notes.bySection]).toEqual([["2", 5]]);
    expect([...columns.notes.byCriterion]).toEqual([["2.1", 7]]);
    expect(issues.map((i) => i.code)).toEqual(Array(criteria.length - 2).fill("missing-criterion-column"));
  });

  it("keeps the first of a repeated column and reports the others, naming the criterion", () => {
    const { columns, issues } = columnsOf(["Case ID", "Sentence", "PSR", "2.1 Notes", "2.1 A", "2.1 notes", "2.1 B", "Case", "1 Notes", "1 notes", "Notes", "Evidence notes"]);
    expect(columns.criteria.get("2.1")).toBe(4);
    expect(columns.notes.byCriterion.get("2.1")).toBe(3);
    expect(columns.notes.bySection.get("1")).toBe(8);
    expect(columns.notes.general).toBe(10);
    expect(codes(issues.filter((i) => i.code === "duplicate-column"))).toEqual([
      ["duplicate-column", "F1", "2.1"],
      ["duplicate-column", "G1", "2.1"],
      ["duplicate-column", "H1", null],
      ["duplicate-column", "J1", null],
      ["duplicate-column", "L1", null],
    ]);
    expect(issues.find((i) => i.cell === "F1")!.message).toMatch(/already at D1/);
  });

  it("takes a numbered notes column as a section's where the framework has such a section and no such criterion", () => {
    const nested = [
      { id: "2.1.1", section: "2.1", title: "Assessment", subject: "assessment", appliesTo: "all" as const },
      { id: "2.1.2", section: "2.1", title: "Planning", subject: "planning", appliesTo: "all" as const },
    ];
    const { columns, issues } = findCaseColumns(makeGrid([["Case ID", "Sentence", "PSR", "2.1.1 A", "2.1.2 P", "2.1 Notes", "2.1.2 Notes", "2 Notes", "2.2 Notes"]]), nested, false);
    expect([...columns.notes.bySection]).toEqual([
      ["2.1", 5],
      ["2", 7],
    ]);
    expect([...columns.notes.byCriterion]).toEqual([["2.1.2", 6]]);
    expect(codes(issues)).toEqual([["unknown-criterion-column", "I1", "2.2"]]);
  });

  it("warns about a criterion, or a criterion's notes, not in the framework", () => {
    const { columns, issues } = columnsOf(["Case ID", "Sentence", "PSR", "9.9 New", "9.9 Notes"]);
    expect(codes(issues.filter((i) => i.code === "unknown-criterion-column"))).toEqual([
      ["unknown-criterion-column", "D1", "9.9"],
      ["unknown-criterion-column", "E1", "9.9"],
    ]);
    expect(columns.notes.byCriterion.size).toBe(0);
  });

  it("reports each missing required column and each criterion without a column", () => {
    const { issues } = columnsOf(["Case manager", ...criteria.slice(1).map((c) => `${c.id} x`)]);
    expect(codes(issues)).toEqual([
      ["missing-column", "A1", null],
      ["missing-column", "A1", null],
      ["missing-column", "A1", null],
      ["missing-criterion-column", "A1", "1.1"],
    ]);
    expect(issues.map((i) => i.severity)).toEqual(["error", "error", "error", "warning"]);
    expect(issues.slice(0, 3).map((i) => /"([^"]+)" column/.exec(i.message)![1])).toEqual(["Case ID", "Sentence", "PSR"]);
  });

  it("in the Interviews table takes the first interviewee column without complaint and needs no Sentence or PSR", () => {
    const { columns, issues } = columnsOf(["Role", "Name", "Interviewee", "2.6 Policies", "3.5 Safeguarding", "5.2 Priorities"], true);
    expect(columns.caseId).toBe(1);
    expect(columns.sentence).toBeNull();
    expect(issues).toEqual([]);
    const missing = columnsOf(["Role", "5.2 Priorities"], true).issues;
    expect(codes(missing)).toEqual([
      ["missing-column", "A1", null],
      ["missing-criterion-column", "A1", "2.6"],
      ["missing-criterion-column", "A1", "3.5"],
    ]);
    expect(missing[0]!.message).toMatch(/"Interviewee" column.*header row/);
    // A repeated question's column is still reported there.
    expect(codes(columnsOf(["Interviewee", "2.6 Policies", "3.5 Safeguarding", "5.2 Priorities", "2.6 Policies again"], true).issues)).toEqual([["duplicate-column", "E1", "2.6"]]);
  });

  it("reads the notes columns of different criteria and sections side by side, none a repeat of another", () => {
    const { columns, issues } = columnsOf(["Case ID", "Sentence", "PSR", "2.1 Notes", "2.2 Notes", "2 Notes", "3 Notes", "Notes"]);
    expect(issues.filter((i) => i.code === "duplicate-column")).toEqual([]);
    expect([...columns.notes.byCriterion]).toEqual([["2.1", 3], ["2.2", 4]]);
    expect([...columns.notes.bySection]).toEqual([["2", 5], ["3", 6]]);
    expect(columns.notes.general).toBe(7);
  });

  it("names a repeated column by its header, spaces folded", () => {
    const repeated = columnsOf(["Case ID", "Sentence", "PSR", "Case   ID"]).issues.find((i) => i.code === "duplicate-column")!;
    expect(repeated.message).toMatch(/"Case ID"/);
  });

  it("names a repeated column by its position when the header row is off the sheet", () => {
    const { issues } = findCaseColumns(makeGrid([["Case ID", "Sentence", "PSR", "Case ID"]], { top: -1 }), criteria, false);
    const repeated = issues.find((i) => i.code === "duplicate-column")!;
    expect(repeated.cell).toBeNull();
    expect(repeated.message).toMatch(/already at column 1 of the table/);
  });

  it("keeps each header's text, spaces folded, for every column of the widest row", () => {
    const { columns } = findCaseColumns(makeGrid([[" Case\nID ", 12, null], ["a", "b", "c", "d"]]), criteria, false);
    expect(columns.headers).toEqual(["Case ID", "12", "", ""]);
  });
});
