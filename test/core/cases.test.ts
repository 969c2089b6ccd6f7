import { analyseWorkbook, BUILT_IN_FRAMEWORK, readCases, type CellValue, type Issue } from "../../src/core";
import { makeGrid, standardCol, standardHeader, validRow } from "../helpers/grids";
import { columnLetters } from "../../src/core";

const codes = (issues: readonly Issue[]): [string, string | null, string][] => issues.map((i) => [i.code, i.cell, i.severity]);
const colOf = (id: string): string => columnLetters(standardCol(id));

function read(rows: CellValue[][], options: { top?: number; left?: number } = {}) {
  return readCases(makeGrid([standardHeader(), ...rows], options), BUILT_IN_FRAMEWORK);
}

describe("readCases: every validation rule, by code and cell", () => {
  it("accepts a clean sheet with no issues", () => {
    const { issues, table } = read([validRow("C01", "Community", "Yes"), validRow("C02", "Custody", "No")]);
    expect(issues).toEqual([]);
    expect(table.cases.map((c) => c.id)).toEqual(["C01", "C02"]);
  });

  it("reports an invalid value and leaves it out of the counts", () => {
    const a = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "Yes", { "2.1": "Maybe" })]) });
    expect(codes(a.issues)).toEqual([["invalid-value", `${colOf("2.1")}2`, "error"]]);
    expect(a.issues[0]!.caseId).toBe("C01");
    expect(a.issues[0]!.criterionId).toBe("2.1");
    expect(a.issues[0]!.message).toMatch(/Enter Yes, No or N\/A/);
    const c21 = a.criteria.find((c) => c.id === "2.1")!;
    expect([c21.relevant, c21.excluded]).toEqual([0, 1]);
    expect(a.excludedCells).toBe(1);
  });

  it("refuses N/A on an All cases criterion", () => {
    expect(codes(read([validRow("C01", "Community", "Yes", { "1.1": "N/A" })]).issues)).toEqual([["not-applicable-not-allowed", `${colOf("1.1")}2`, "error"]]);
  });

  it("checks custody criteria against the sentence", () => {
    const { issues } = read([
      validRow("C01", "Community", "Yes", { "3.6": "Yes" }),
      validRow("C02", "Custody", "Yes", { "3.6": "N/A" }),
      validRow("C03", "Community", "Yes", { "3.6": null }),
      validRow("C04", "Custody", "Yes", { "3.6": null }),
    ]);
    const col = colOf("3.6");
    expect(codes(issues)).toEqual([
      ["judgement-not-expected", `${col}2`, "error"],
      ["not-applicable-not-allowed", `${col}3`, "error"],
      ["not-yet-judged", `${col}5`, "warning"],
    ]);
  });

  it("checks community criteria against the sentence", () => {
    const framework = { ...BUILT_IN_FRAMEWORK, criteria: [{ id: "4.6", section: "4", title: "Community work", subject: "community work", appliesTo: "community" as const }] };
    const grid = makeGrid([
      ["Case ID", "Sentence", "PSR", "4.6 Community work"],
      ["A", "Custody", "No", "No"],
      ["B", "Community", "No", "N/A"],
      ["C", "Community", "No", "Yes"],
      ["D", "Custody", "No", "N/A"],
    ]);
    expect(codes(readCases(grid, framework).issues)).toEqual([
      ["judgement-not-expected", "D2", "error"],
      ["not-applicable-not-allowed", "D3", "error"],
    ]);
  });

  it("checks PSR criteria against the PSR column", () => {
    const { issues } = read([validRow("C01", "Community", "No", { "1.2": "Yes", "4.2": "N/A" }), validRow("C02", "Community", "Yes", { "1.2": "N/A" })]);
    expect(codes(issues)).toEqual([
      ["judgement-not-expected", `${colOf("1.2")}2`, "error"],
      ["not-applicable-not-allowed", `${colOf("1.2")}3`, "error"],
    ]);
  });

  it("allows Yes, No and N/A where relevant or required", () => {
    const { issues } = read([validRow("C01", "Community", "Yes", { "2.1": "N/A", "2.2": "No", "5.1": "N/A" })]);
    expect(issues).toEqual([]);
  });

  it("reports blanks as not yet judged, a warning", () => {
    const a = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "Yes", { "1.1": null, "2.1": "" })]) });
    expect(codes(a.issues)).toEqual([
      ["not-yet-judged", `${colOf("1.1")}2`, "warning"],
      ["not-yet-judged", `${colOf("2.1")}2`, "warning"],
    ]);
    expect(a.criteria.find((c) => c.id === "1.1")!.unjudged).toBe(1);
    expect(a.errors).toBe(0);
  });

  it("reads values tolerantly with a warning and still counts them", () => {
    const row = validRow("C01", "Custody", "Yes", { "1.1": " yes", "1.3": "NO", "2.1": "n/a", "2.2": "Not applicable", "2.3": true });
    row[2] = "custody ";
    row[3] = "y";
    const a = analyseWorkbook({ cases: makeGrid([standardHeader(), row]) });
    expect(a.issues.every((i) => i.code === "non-canonical-value" && i.severity === "warning")).toBe(true);
    expect(a.issues.map((i) => i.cell)).toEqual(["C2", "D2", `${colOf("1.1")}2`, `${colOf("1.3")}2`, `${colOf("2.1")}2`, `${colOf("2.2")}2`, `${colOf("2.3")}2`]);
    const by = (id: string) => a.criteria.find((c) => c.id === id)!;
    expect([by("1.1").met, by("1.3").notMet, by("2.1").relevant, by("2.3").met]).toEqual([1, 1, 0, 1]);
    expect(by("3.6").met).toBe(1);
  });

  it("reports Excel error values in cells", () => {
    const { issues } = read([validRow("C01", "Community", "Yes", { "1.1": { error: "#N/A" } }), [{ error: "#REF!" }, "", { error: "#VALUE!" }, "Yes", ...validRow("x", "Community", "Yes").slice(4)]]);
    expect(codes(issues)).toEqual([
      ["cell-error", `${colOf("1.1")}2`, "error"],
      ["cell-error", "A3", "error"],
      ["cell-error", "C3", "error"],
    ]);
  });

  it("requires unique case IDs, ignoring case and spaces, and numbers count as IDs", () => {
    const { issues, table } = read([validRow("C01", "Community", "Yes"), validRow(" c01 ", "Community", "Yes"), validRow("", "Community", "Yes"), [12, ...validRow("x", "Community", "Yes").slice(1)]]);
    expect(codes(issues)).toEqual([
      ["duplicate-case-id", "A3", "error"],
      ["missing-case-id", "A4", "error"],
    ]);
    expect(table.cases.map((c) => c.id)).toEqual(["C01", "c01", "", "12"]);
    // Rows without an ID are each missing one, not repeats of each other.
    expect(codes(read([validRow("", "Community", "Yes"), validRow("", "Community", "Yes")]).issues)).toEqual([
      ["missing-case-id", "A2", "error"],
      ["missing-case-id", "A3", "error"],
    ]);
  });

  it("checks Sentence and PSR", () => {
    const { issues } = read([validRow("C01", "Community", "Yes"), ["C02", "", "Prison", "Maybe", ...validRow("x", "Community", "Yes").slice(4)], ["C03", "", null, null, ...validRow("x", "Community", "Yes").slice(4)]]);
    expect(codes(issues)).toEqual([
      ["invalid-sentence", "C3", "error"],
      ["invalid-psr", "D3", "error"],
      ["missing-sentence", "C4", "error"],
      ["missing-psr", "D4", "error"],
    ]);
  });

  it("reports missing required columns, unknown and repeated criterion columns", () => {
    const grid = makeGrid([
      ["Case ref", "1.1 Assessment", "9.9 Something new", "1.1 Assessment again", "Notes from the day"],
      ["A", "Yes", "Yes", "No", "x"],
    ]);
    const { issues, table } = readCases(grid, BUILT_IN_FRAMEWORK);
    const structural = issues.filter((i) => i.code !== "missing-criterion-column");
    expect(codes(structural)).toEqual([
      ["unknown-criterion-column", "C1", "warning"],
      ["duplicate-column", "D1", "error"],
      ["missing-column", "A1", "error"],
      ["missing-column", "A1", "error"],
    ]);
    expect(structural.slice(2).map((i) => i.message)).toEqual([expect.stringMatching(/Sentence/), expect.stringMatching(/PSR/)]);
    expect(issues.filter((i) => i.code === "missing-criterion-column")).toHaveLength(19);
    expect(table.columns.criteria.get("1.1")).toBe(1);
  });

  it("matches headers with extra spaces, other case and line breaks", () => {
    const grid = makeGrid([["  CASE\nid ", "sentence", " Psr", "1.1\nInitial assessment"], ["A", "Community", "No", "Yes"]]);
    const { table, issues } = readCases(grid, BUILT_IN_FRAMEWORK);
    expect(issues.filter((i) => i.code === "missing-column")).toEqual([]);
    expect(table.columns.criteria.get("1.1")).toBe(3);
    expect(table.cases[0]!.outcomes[0]).toBe("met");
  });

  it("ignores blank rows and names cells where the table starts", () => {
    const { issues, table } = read([validRow("C01", "Community", "Yes"), [null, "  "], validRow("C02", "Community", "Yes", { "1.1": "Perhaps" })], { top: 2, left: 1 });
    expect(table.cases).toHaveLength(2);
    expect(codes(issues)).toEqual([["invalid-value", `${columnLetters(standardCol("1.1") + 1)}6`, "error"]]);
  });

  it("reads section notes", () => {
    const grid = makeGrid([["Case ID", "Sentence", "PSR", "1.1 A", "1 Notes", "Notes"], ["A", "Community", "No", "Yes", "=not a formula", "general"]]);
    const { table } = readCases(grid, BUILT_IN_FRAMEWORK);
    expect(table.cases[0]!.notes.bySection.get("1")).toBe("=not a formula");
    expect(table.cases[0]!.notes.general).toBe("general");
  });
});

describe("readCases: each case as a record", () => {
  it("numbers the cases in order, skipping blank rows, with the sheet row of each and the manager trimmed", () => {
    const manager = (row: CellValue[], name: CellValue): CellValue[] => [row[0]!, name, ...row.slice(2)];
    const { table } = read([manager(validRow("C01", "Community", "Yes"), "  A. Khan "), [null], manager(validRow("C02", "Custody", "No"), null)], { top: 3, left: 2 });
    expect(table.cases.map((c) => [c.id, c.number, c.row, c.manager])).toEqual([
      ["C01", 1, 4, "A. Khan"],
      ["C02", 2, 6, ""],
    ]);
  });

  it("has an empty ID and manager where the table has no such column", () => {
    const grid = makeGrid([["Sentence", "PSR", "1.1 A"], ["Community", "No", "Yes"]]);
    const { table, issues } = readCases(grid, BUILT_IN_FRAMEWORK);
    expect(table.cases.map((c) => [c.id, c.manager, c.outcomes[0]])).toEqual([["", "", "met"]]);
    expect(issues.filter((i) => i.severity === "error").map((i) => [i.code, i.cell, i.caseId])).toEqual([["missing-column", "A1", null]]);
  });

  it("names the first row of a repeated ID in the message, and the case in each issue of its row", () => {
    const { issues } = read([validRow("C01", "Community", "Yes"), validRow("c01", "Custody", "Maybe" as "Yes", { "1.1": "Perhaps" })], { top: 4 });
    expect(issues.map((i) => [i.code, i.cell, i.caseId, i.criterionId])).toEqual([
      ["duplicate-case-id", "A7", "c01", null],
      ["invalid-psr", "D7", "c01", null],
      ["invalid-value", `${colOf("1.1")}7`, "c01", "1.1"],
    ]);
    expect(issues[0]!.message).toMatch(/A6/);
    // A row without an ID: its issues name no case.
    const anonymous = read([["", "M", "Prison", "No", ...validRow("x", "Community", "No").slice(4)]]).issues;
    expect(anonymous.map((i) => [i.code, i.caseId])).toEqual([
      ["missing-case-id", null],
      ["invalid-sentence", null],
    ]);
  });

  it("warns when a Cases table with a header has no case rows, but not an Interviews table", () => {
    expect(codes(read([[null, "  "]]).issues)).toEqual([["no-case-rows", null, "warning"]]);
    expect(readCases(makeGrid([]), BUILT_IN_FRAMEWORK).issues.filter((i) => i.code === "no-case-rows")).toEqual([]);
    const interviews = readCases(makeGrid([["Interviewee", "2.6 Policies"]]), BUILT_IN_FRAMEWORK, { interviews: true });
    expect(interviews.issues.filter((i) => i.code === "no-case-rows")).toEqual([]);
  });
});

describe("the Interviews table", () => {
  it("is counted the same way", () => {
    const a = analyseWorkbook({
      cases: makeGrid([standardHeader(), validRow("C01", "Community", "Yes")]),
      interviews: makeGrid(
        [
          ["Interviewee", "Role", "2.6 Policies", "5.2 Priorities"],
          ["I1", "Case manager", "Yes", "Yes"],
          ["I2", "Case manager", "Yes", "No"],
          ["", "Manager", "Maybe", "Yes"],
        ],
        { sheet: "Interviews" },
      ),
    });
    const q = Object.fromEntries(a.interviewStats.map((s) => [s.id, [s.met, s.relevant]]));
    expect(q).toEqual({ "2.6": [2, 2], "3.5": [0, 0], "5.2": [2, 3] });
    expect(codes(a.issues.filter((i) => i.sheet === "Interviews"))).toEqual([
      ["missing-criterion-column", "A1", "warning"],
      ["missing-case-id", "A4", "error"],
      ["invalid-value", "C4", "error"],
    ]);
  });
});
