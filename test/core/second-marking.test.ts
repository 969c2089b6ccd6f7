import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  compareMarking,
  criterionHeader,
  readCases,
  readSecondMarking,
  toReportJson,
  type Analysis,
  type CellValue,
  type Grid,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const criteria = BUILT_IN_FRAMEWORK.criteria;
const secondHeader = (): string[] => ["Case ID", "Second marker", ...criteria.map(criterionHeader), "2 Notes"];
/** A second-marking row: every criterion blank (not second-marked) unless given. */
const markRow = (id: CellValue, marker: CellValue, values: Record<string, CellValue> = {}, note: CellValue = null): CellValue[] => [
  id,
  marker,
  ...criteria.map((c) => values[c.id] ?? null),
  note,
];
const secondGrid = (rows: CellValue[][]): Grid => makeGrid([secondHeader(), ...rows], { sheet: "Second marking", tableName: "SecondMarking" });

describe("reading the Second marking table", () => {
  // Read in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let table: ReturnType<typeof readCases>["table"];
  beforeEach(() => {
    const cases = makeGrid([standardHeader(), validRow("C01", "Community", "Yes"), validRow("C02", "Custody", "No")]);
    table = readCases(cases, BUILT_IN_FRAMEWORK).table;
  });

  it("reads each marker's judgements of a case, blank meaning not second-marked", () => {
    const { table: second, issues } = readSecondMarking(secondGrid([markRow("C01", "R. Lead", { "2.1": "Yes", "2.3": "n/a" }), markRow("c02", "Q. Second", { "1.1": "No" })]), criteria, table);
    expect(second.marks).toHaveLength(2);
    expect(second.marks[0]!.judgements[criteria.findIndex((c) => c.id === "2.3")]).toBe("N/A");
    expect(second.marks[0]!.judgements[0]).toBeNull();
    expect(second.marks[1]!.kase.id).toBe("C02");
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["non-canonical-value", `${col("2.3")}2`]]);
  });

  it("names every row it cannot compare: unknown case, no case ID, a value that is not a judgement, the same case and marker twice", () => {
    const { table: second, issues } = readSecondMarking(
      secondGrid([
        markRow("C09", "R. Lead", { "2.1": "Yes" }),
        markRow(null, "R. Lead", { "2.1": "Yes" }),
        markRow("C01", "R. Lead", { "2.1": "Maybe" }),
        markRow("C01", "r. lead", { "2.1": "No" }),
        markRow("C01", "", { "2.1": "No" }),
        markRow("C02", { error: "#REF!" }, { "1.1": { error: "#N/A" } }),
      ]),
      criteria,
      table,
    );
    expect(issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ["error", "second-marking-unknown-case", "A2"],
      ["error", "missing-case-id", "A3"],
      ["error", "invalid-value", `${col("2.1")}4`],
      ["error", "second-marking-duplicate", "A5"],
      ["warning", "second-marking-missing-marker", "B6"],
      ["error", "cell-error", `${col("1.1")}7`],
    ]);
    // C01 by R. Lead (its "Maybe" not read), C01 by no one named, C02 by "#REF!".
    expect(second.marks.map((m) => [m.caseId, m.marker])).toEqual([
      ["C01", "R. Lead"],
      ["C01", ""],
      ["C02", "#REF!"],
    ]);
  });

  it("says when the Case ID or Second marker column is missing", () => {
    const { issues } = readSecondMarking(makeGrid([["Case", "2.1 Risk"], ["C01", "Yes"]], { sheet: "Second marking" }), criteria, table);
    expect(issues.map((i) => [i.code, i.message.includes("Second marker")])).toEqual([["missing-column", true]]);
  });

  function col(id: string): string {
    return String.fromCharCode(65 + 2 + criteria.findIndex((c) => c.id === id));
  }
});

describe("agreement between first and second markers", () => {
  // Ten cases; criterion 2.1 judged by the first markers Yes, Yes, Yes, Yes, Yes, Yes, No, No, No, N/A.
  const first = ["Yes", "Yes", "Yes", "Yes", "Yes", "Yes", "No", "No", "No", "N/A"];
  const casesGrid = (): Grid => makeGrid([standardHeader(), ...first.map((v, i) => validRow(`C${String(i + 1).padStart(2, "0")}`, "Community", "No", { "2.1": v, "1.1": "Yes" }))]);
  // R. Lead second-marks C01–C06, Q. Second C05–C10. On 2.1:
  //   R. Lead: Yes Yes Yes Yes No Yes  (C05 differs)
  //   Q. Second: Yes(C05) No(C06) No No No Yes(C10, first said N/A)
  const secondRows = [
    markRow("C01", "R. Lead", { "2.1": "Yes", "1.1": "Yes" }),
    markRow("C02", "R. Lead", { "2.1": "Yes", "1.1": "Yes" }),
    markRow("C03", "R. Lead", { "2.1": "Yes", "1.1": "Yes" }),
    markRow("C04", "R. Lead", { "2.1": "Yes", "1.1": "Yes" }),
    markRow("C05", "R. Lead", { "2.1": "No", "1.1": "No" }, "Risk assessment missed the victim."),
    markRow("C06", "R. Lead", { "2.1": "Yes" }),
    markRow("C05", "Q. Second", { "2.1": "Yes" }),
    markRow("C06", "Q. Second", { "2.1": "No" }),
    markRow("C07", "Q. Second", { "2.1": "No" }),
    markRow("C08", "Q. Second", { "2.1": "No" }),
    markRow("C09", "Q. Second", { "2.1": "No" }),
    markRow("C10", "Q. Second", { "2.1": "Yes" }),
  ];
  // Analysed in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let cases: Grid;
  let a: Analysis;
  let c21: NonNullable<Analysis["agreement"]>["criteria"][number];
  beforeEach(() => {
    cases = casesGrid();
    a = analyseWorkbook({ cases, secondMarking: secondGrid(secondRows) });
    c21 = a.agreement!.criteria.find((c) => c.id === "2.1")!;
  });

  it("compares the cases both judged Yes or No, per criterion", () => {
    // Pairs (first, second) on 2.1 over the 11 compared rows: Yes/Yes ×6 (C01–C04, C06 by R. Lead,
    // C05 by Q. Second), Yes/No ×2 (C05 by R. Lead, C06 by Q. Second), No/No ×3 (C07–C09).
    // Agreement 9/11. First markers said Yes 8 times, No 3; second markers Yes 6, No 5: chance
    // agreement (8/11)(6/11) + (3/11)(5/11) = 63/121; kappa (99 − 63)/(121 − 63) = 36/58 = 0.621.
    expect(c21).toMatchObject({ compared: 11, agreed: 9, yesYes: 6, yesNo: 2, noYes: 0, noNo: 3, differOnRelevance: 1, bothNotApplicable: 0 });
    expect(c21.percent).toBeCloseTo((100 * 9) / 11, 10);
    expect(c21.kappa).toBeCloseTo(36 / 58, 10);
    expect(c21.meaning).toBe("substantial agreement");
  });

  it("gives per-marker and overall figures over every criterion", () => {
    const lead = a.agreement!.markers.find((m) => m.marker === "R. Lead")!;
    // R. Lead: 2.1 Yes/Yes ×5, Yes/No ×1; 1.1 Yes/Yes ×4, Yes/No ×1 (C05): 9 agreed of 11.
    expect(lead).toMatchObject({ cases: 6, compared: 11, agreed: 9, yesYes: 9, yesNo: 2 });
    expect(a.agreement!.markers.find((m) => m.marker === "Q. Second")).toMatchObject({ cases: 6, compared: 5, agreed: 4, differOnRelevance: 1 });
    expect(a.agreement!.overall).toMatchObject({ compared: 16, agreed: 13 });
    expect(a.agreement).toMatchObject({ cases: 10, rows: 12 });
  });

  it("lists every difference, N/A against a judgement included", () => {
    const { differences } = compareMarking(a.secondMarking!);
    expect(differences.map((d) => [d.mark.caseId, d.mark.marker, d.criterion.id, d.first, d.second])).toEqual([
      ["C05", "R. Lead", "1.1", "Yes", "No"],
      ["C05", "R. Lead", "2.1", "Yes", "No"],
      ["C06", "Q. Second", "2.1", "Yes", "No"],
      ["C10", "Q. Second", "2.1", "N/A", "Yes"],
    ]);
    expect(a.moderation).toMatchObject({ differences: 4, open: 4, moderated: 0, changed: 0 });
    expect(a.moderation!.rows[1]).toMatchObject({
      caseId: "C05",
      criterionId: "2.1",
      marker: "R. Lead",
      first: "Yes",
      second: "No",
      secondNote: "Risk assessment missed the victim.",
      status: "to moderate",
      firstCell: { sheet: "Cases", cell: `${String.fromCharCode(65 + 4 + 4)}6` },
      secondCell: { sheet: "Second marking", cell: `${String.fromCharCode(65 + 2 + 4)}6` },
    });
  });

  it("leaves the counts as the first markers judged until something is moderated", () => {
    const plain = analyseWorkbook({ cases });
    expect(a.criteria).toEqual(plain.criteria);
  });

  it("puts agreement and moderation in the JSON", () => {
    const json = toReportJson(a);
    expect(json.agreement!.criteria.find((c) => c.id === "2.1")).toMatchObject({ compared: 11, agreed: 9, percent: 81.8, kappa: 0.621, meaning: "substantial agreement" });
    expect(json.moderation).toMatchObject({ differences: 4, open: 4 });
    expect(toReportJson(analyseWorkbook({ cases }))).toMatchObject({ agreement: null, moderation: null });
  });
});

describe("the Second marking table in a new workbook", () => {
  it("has Case ID, Second marker and the Cases' criterion and notes columns, with dropdowns", async () => {
    const { buildTemplate } = await import("../../src/core");
    const t = buildTemplate();
    expect(t.secondMarking).toMatchObject({ sheet: "Second marking", tableName: "SecondMarking" });
    expect(t.secondMarking.headers).toEqual(["Case ID", "Second marker", ...t.cases.headers.slice(4)]);
    expect(t.secondMarking.validations.map((v) => t.secondMarking.headers[v.col])).toEqual(criteria.map(criterionHeader));
  });

  it("left empty, is no second marking yet: no agreement figures and no moderation list", () => {
    const a = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "No")]), secondMarking: secondGrid([markRow(null, null), markRow(null, null)]) });
    expect(a).toMatchObject({ agreement: null, moderation: null, errors: 0 });
  });
});
