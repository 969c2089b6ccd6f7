/**
 * The Summary sheet, part by part, as a reader sees it: the heading's wording, the facts and the
 * rules in force, the table's header, each kind of section (pooled, lowest criterion, rated by
 * hand, not counted), the overall row (pooled or by the sections' scores), the staff interviews,
 * the section scores and their chart, the colours, the page, and the three columns a previous
 * inspection adds. Expected values are worked out by hand from the cases below and the product
 * contract (docs/PRODUCT: phrases, bands, Newcombe's interval for a change), not by the code.
 *
 * Every workbook is analysed inside its test, never in a describe body (see the README's
 * mutation-testing section).
 */
import {
  analyseWorkbook,
  buildReportLayouts,
  buildSummaryLayout,
  criteriaSheetRows,
  moderationChange,
  type Analysis,
  type CellValue,
  type Framework,
  type LayoutCell,
  type PreviousInspection,
  type SheetLayout,
} from "../../src/core";
import { makeGrid } from "../helpers/grids";
import { smallCriteria } from "../helpers/small-framework";

const generatedAt = new Date(2026, 10, 25, 9, 30);
const STALE = "Out of date: build the Summary again";

/**
 * Four sections: 1 pooled (1.1, 1.2), 2 by its lowest criterion (2.1, 2.2), 3 rated by hand,
 * 4 pooled but not counted (4.1); two staff-interview questions, 5.1 and 5.2.
 */
function tinyFramework(parts: { handRating?: "Good" | null; overall?: Framework["overall"] } = {}): Framework {
  return {
    sections: [
      { number: "1", title: "Assessment" },
      { number: "2", title: "Risk", rule: "lowest" },
      { number: "3", title: "Governance", rule: "by-hand", rating: parts.handRating === undefined ? "Good" : parts.handRating },
      { number: "4", title: "Resettlement", counted: false },
    ],
    criteria: smallCriteria(),
    interviewQuestions: [
      { id: "5.1", section: "5", title: "Staff trained", subject: "training", appliesTo: "interviews" },
      { id: "5.2", section: "5", title: "Staff supervised", subject: "supervision", appliesTo: "interviews" },
    ],
    ...(parts.overall ? { overall: parts.overall } : {}),
  };
}

const CASES_HEADER = ["Case ID", "Sentence", "PSR", "1.1 Assessed well", "1.2 Planned well", "2.1 Risk assessed", "2.2 Risk managed", "4.1 Resettled"];

/**
 * Three cases. 1.1: Yes, Yes, No (2 of 3); 1.2: Yes, No, Yes (2 of 3); 2.1: all Yes (3 of 3);
 * 2.2: No, Yes, Yes (2 of 3, the lowest of section 2); 4.1: Yes, No, Yes (2 of 3).
 * Section 1 pooled: 4 of 6; section 2 lowest: 2.2's 2 of 3; overall (sections 1 and 2): 9 of 12.
 * Interviews: 5.1 Yes, No (1 of 2); 5.2 Yes, Yes (2 of 2).
 */
const CASE_ROWS: CellValue[][] = [
  ["C1", "Community", "No", "Yes", "Yes", "Yes", "No", "Yes"],
  ["C2", "Community", "No", "Yes", "No", "Yes", "Yes", "No"],
  ["C3", "Custody", "No", "No", "Yes", "Yes", "Yes", "Yes"],
];

function tinyAnalysis(
  parts: {
    framework?: Framework;
    rows?: CellValue[][];
    header?: string[];
    interviewees?: CellValue[][];
    settings?: CellValue[][];
    service?: string;
    previous?: PreviousInspection;
  } = {},
): Analysis {
  const interviewees = parts.interviewees ?? [
    ["A. One", "Case manager", "Yes", "Yes"],
    ["B. Two", "Case manager", "No", "Yes"],
  ];
  return analyseWorkbook(
    {
      cases: makeGrid([parts.header ?? CASES_HEADER, ...(parts.rows ?? CASE_ROWS)], { tableName: "Cases" }),
      criteria: makeGrid(criteriaSheetRows(parts.framework ?? tinyFramework()) as CellValue[][], { sheet: "Criteria" }),
      interviews: makeGrid([["Interviewee", "Role", "5.1 Staff trained", "5.2 Staff supervised"], ...interviewees], { sheet: "Interviews", tableName: "Interviews" }),
      settings: makeGrid([["Setting", "Value"], ["Service name", parts.service ?? "Testshire Youth Offending Service"], ...(parts.settings ?? [])], { sheet: "Settings" }),
    },
    parts.previous ? { previous: parts.previous } : {},
  );
}

/** The previous inspection: 1.1 0 of 20, 2.1 20 of 20, 2.2 40 of 40, interview question 5.1 1 of 2; 1.2, 4.1 and 5.2 not there. */
function previousInspection(): PreviousInspection {
  return {
    service: "Testshire",
    start: "2023-03-01",
    end: "2023-03-03",
    source: "",
    framework: "",
    criteria: [
      { id: "1.1", title: "Assessed well", met: 0, relevant: 20, interview: false },
      { id: "2.1", title: "Risk assessed", met: 20, relevant: 20, interview: false },
      { id: "2.2", title: "Risk managed", met: 40, relevant: 40, interview: false },
      { id: "5.1", title: "Staff trained", met: 1, relevant: 2, interview: true },
    ],
    sections: [
      { number: "1", title: "Assessment", met: 0, relevant: 40, rating: null },
      { number: "2", title: "Risk", met: 10, relevant: 20, rating: null },
    ],
    overall: { met: 10, relevant: 20, rating: null },
  };
}

const summaryOf = (a: Analysis): SheetLayout => buildSummaryLayout(a, { generatedAt });

/** The cell at an A1 address; fails when the layout has none or more than one there. */
function cell(l: SheetLayout, a1: string): LayoutCell {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  const found = l.cells.filter((c) => c.row === row && c.col === col);
  if (found.length !== 1) throw new Error(`${found.length} cells at ${a1}`);
  return found[0]!;
}

/** What a cell shows before recalculating: its text, number, or a formula's cached value. */
function shown(l: SheetLayout, a1: string): string | number | boolean | null {
  const c = cell(l, a1);
  return c.kind === "text" ? c.text : c.kind === "number" ? c.number : c.kind === "boolean" ? c.value : c.result;
}

const texts = (l: SheetLayout): string[] => l.cells.flatMap((c) => (c.kind === "text" ? [c.text] : c.kind === "formula" && typeof c.result === "string" ? [c.result] : []));

/** No two cells at one place: a writer would keep only one of them. */
function expectOneCellEach(l: SheetLayout): void {
  const places = l.cells.map((c) => `${c.row}:${c.col}`);
  expect(new Set(places).size).toBe(places.length);
}

describe("the Summary's heading", () => {
  it("names the service, says what is live over both sheets, the facts and the rules in force", () => {
    const l = summaryOf(tinyAnalysis());
    expect(cell(l, "A1")).toMatchObject({ kind: "text", text: "Case inspection summary: Testshire Youth Offending Service", style: "title" });
    expect(cell(l, "A2")).toMatchObject({ kind: "text", text: "Generated by Case Inspection Workbook (Summary) on 25 November 2026 at 09:30, from 12 judgements.", style: "marker" });
    expect(cell(l, "A3")).toMatchObject({
      kind: "text",
      text: 'Counts, percentages, intervals and ratings are live formulas over the Cases and Interviews sheets; a phrase whose counts have changed says "Out of date: build the Summary again".',
      style: "marker",
    });
    expect(shown(l, "A4")).toBe("Inspection dates: not recorded. Cases inspected: 3. Judgements counted: 12. Not yet judged: 0. Cells left out for errors: 0.");
    // Shown while the Cases table's judgements are those counted (their fingerprint over the table).
    expect(cell(l, "A4")).toMatchObject({ kind: "formula", style: "value" });
    expect((cell(l, "A4") as { formula: string }).formula).toMatch(/^IF\(SUMPRODUCT\(.*Cases\[\[#Data\]\].*,"Inspection dates: not recorded\. .*","Inspection dates: not recorded\. .* These figures are as built on 25 November 2026 at 09:30: judgements have changed since, so build the Summary again\."\)$/);
    // A section rated by hand needs the HMI Probation bands, whatever Settings says.
    expect(cell(l, "A5")).toMatchObject({
      kind: "text",
      text: "Key strengths: 80% met or more; areas requiring improvement: 65% or less. Ratings (HMI Probation 2018): Outstanding from 80%, Good from 65%, Requires improvement from 50%, Inadequate below 50%.",
      style: "value",
    });
    expect(l.cells.some((c) => c.row === 5)).toBe(false);
    expect(["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7", "I7"].map((a) => shown(l, a))).toEqual(["ID", "Criterion", "Relevant", "Met", "Not met", "% met", "Rating", "Phrase", "% met (95% interval)"]);
    expect(["A7", "B7", "C7", "G7", "H7", "I7"].map((a) => cell(l, a).style)).toEqual(["header", "header", "headerCentre", "headerCentre", "header", "headerCentre"]);
    expect(l.freeze).toEqual({ rows: 7, cols: 0 });
    expect(l.print.repeatRows).toEqual({ first: 6, last: 6 });
    expect(l.columnWidths).toEqual([6, 54, 9, 7, 9, 8, 20, 50, 15]);
    expect(l.print.footer).toBe("Testshire Youth Offending Service · Summary · generated 25 November 2026");
    expectOneCellEach(l);
  });

  it("says the moderated judgements count, and how many are still to moderate", () => {
    // R. Lead second-marks C1: 1.1 No where the first marker said Yes, to be moderated.
    const secondMarking = makeGrid(
      [
        ["Case ID", "Second marker", "1.1 Assessed well", "1.2 Planned well", "2.1 Risk assessed", "2.2 Risk managed", "4.1 Resettled"],
        ["C1", "R. Lead", "No", "Yes", null, null, null],
      ],
      { sheet: "Second marking", tableName: "SecondMarking" },
    );
    const a = analyseWorkbook({
      cases: makeGrid([CASES_HEADER, ...CASE_ROWS], { tableName: "Cases" }),
      criteria: makeGrid(criteriaSheetRows(tinyFramework()) as CellValue[][], { sheet: "Criteria" }),
      secondMarking,
    });
    expect(a.moderation).not.toBeNull();
    const l = summaryOf(a);
    expect(shown(l, "A3")).toBe(
      'Counts, percentages, intervals and ratings are live formulas over the Cases sheet (with the Moderation sheet\'s moderated judgements); a phrase whose counts have changed says "Out of date: build the Summary again".',
    );
    expect(shown(l, "A4")).toBe(
      "Inspection dates: not recorded. Cases inspected: 3. Judgements counted: 12. Not yet judged: 0. Cells left out for errors: 0. Judgements moderated after second marking: 0 (0 counted differently from the first marker's; 1 still to moderate).",
    );
  });

  it("without a rating scheme, says only the thresholds and heads the column Band", () => {
    const framework: Framework = { ...tinyFramework(), sections: tinyFramework().sections.filter((s) => s.rule !== "by-hand") };
    const a = tinyAnalysis({ framework, settings: [["Strength threshold", 75]] });
    expect(a.settings.ratingScheme).toBe("none");
    const l = summaryOf(a);
    expect(shown(l, "A5")).toBe("Key strengths: 75% met or more; areas requiring improvement: 65% or less.");
    expect(shown(l, "G7")).toBe("Band");
  });

  it("counts one judgement in the singular", () => {
    const a = tinyAnalysis({ rows: [["C1", "Community", "No", "Yes", null, null, null, null]] });
    expect(shown(summaryOf(a), "A2")).toBe("Generated by Case Inspection Workbook (Summary) on 25 November 2026 at 09:30, from 1 judgement.");
  });

  it("says how many errors were found, in a note of its own above the table", () => {
    const one = summaryOf(tinyAnalysis({ rows: [["C1", "Community", "No", "Maybe", "Yes", "Yes", "Yes", "Yes"], ...CASE_ROWS.slice(1)] }));
    expect(cell(one, "A6")).toMatchObject({
      kind: "text",
      text: "1 error was found when checking the cases: the cells concerned are left out of these counts. The add-in's Check cases, or inspection-workbook validate, lists them.",
      style: "note",
    });
    expect(shown(one, "A8")).toBe("ID");
    expect(one.freeze).toEqual({ rows: 8, cols: 0 });
    const two = summaryOf(tinyAnalysis({ rows: [["C1", "Community", "No", "Maybe", "Perhaps", "Yes", "Yes", "Yes"], ...CASE_ROWS.slice(1)] }));
    expect(shown(two, "A6")).toMatch(/^2 errors were found when checking the cases: /);
  });

  it("names a service not named yet, and leaves it out of the footer", () => {
    const l = summaryOf(tinyAnalysis({ service: "" }));
    expect(shown(l, "A1")).toBe("Case inspection summary: Service not named (set it in Settings)");
    expect(l.print.footer).toBe("Summary · generated 25 November 2026");
  });

  it("shortens a service name longer than 48 characters in the footer, at a word's end, and keeps one of 48", () => {
    const long = `${"A".repeat(46)} ${"B".repeat(13)}`;
    expect(summaryOf(tinyAnalysis({ service: long })).print.footer).toBe(`${"A".repeat(46)}… · Summary · generated 25 November 2026`);
    const exactly = "C".repeat(48);
    expect(summaryOf(tinyAnalysis({ service: exactly })).print.footer).toBe(`${exactly} · Summary · generated 25 November 2026`);
    const [, strengths] = buildReportLayouts(tinyAnalysis({ service: long }), { generatedAt });
    expect(strengths!.print.footer).toBe(`${"A".repeat(46)}… · Strengths and improvements · generated 25 November 2026`);
  });
});

describe("the Summary's sections and overall row", () => {
  it("sums a pooled section's criteria, takes a lowest-criterion section's lowest row, and leaves a section rated by hand to its rating", () => {
    const l = summaryOf(tinyAnalysis());
    // Section 1, pooled, on row 8: its criteria on rows 9 and 10.
    expect(cell(l, "A8")).toMatchObject({ text: "1", style: "section" });
    expect(cell(l, "D8")).toMatchObject({ kind: "formula", formula: "SUM(D9:D10)", result: 4, style: "sectionCount" });
    expect(cell(l, "E8")).toMatchObject({ kind: "formula", formula: "SUM(E9:E10)", result: 2, style: "sectionCount" });
    expect(cell(l, "C8")).toMatchObject({ kind: "formula", formula: "D8+E8", result: 6 });
    expect(cell(l, "F8")).toMatchObject({ kind: "formula", formula: 'IF(C8=0,"",D8/C8)', style: "sectionPercent" });
    expect(cell(l, "H8")).toMatchObject({ kind: "text", text: "", style: "sectionNote" });
    // Section 2, lowest criterion, on row 11: 2.2 (2 of 3) decides, in bold.
    expect(cell(l, "D11")).toMatchObject({ kind: "formula", formula: "IFERROR(INDEX(D12:D13,MATCH(MIN(F12:F13),F12:F13,0)),0)", result: 2 });
    expect(cell(l, "E11")).toMatchObject({ kind: "formula", formula: "IFERROR(INDEX(E12:E13,MATCH(MIN(F12:F13),F12:F13,0)),0)", result: 1 });
    expect(cell(l, "H11")).toMatchObject({
      kind: "formula",
      formula: `IF(AND(D12=3,E12=0,D13=2,E13=1),"Its lowest criterion, 2.2.","${STALE}")`,
      result: "Its lowest criterion, 2.2.",
      style: "sectionNote",
    });
    expect([cell(l, "A12").style, cell(l, "B12").style, cell(l, "A13").style, cell(l, "B13").style]).toEqual(["id", "text", "decidingId", "deciding"]);
    // Section 3, rated by hand, on row 14: no counts, its rating.
    for (const a1 of ["C14", "D14", "E14", "F14", "I14"]) expect(cell(l, a1)).toMatchObject({ kind: "text", text: "", style: "sectionCount" });
    expect(cell(l, "G14")).toMatchObject({ kind: "text", text: "Good", style: "sectionBand" });
    expect(cell(l, "H14")).toMatchObject({ kind: "text", text: "Rated by hand in the Criteria sheet.", style: "sectionNote" });
    // Section 4, not counted, on row 15.
    expect(cell(l, "H15")).toMatchObject({ kind: "text", text: "Not counted in the overall figure.", style: "sectionNote" });
    expectOneCellEach(l);
  });

  it("says a section rated by hand is not rated yet", () => {
    const l = summaryOf(tinyAnalysis({ framework: tinyFramework({ handRating: null }) }));
    expect(cell(l, "G14")).toMatchObject({ kind: "text", text: "Not rated yet", style: "sectionBand" });
  });

  it("says a lowest-criterion section with nothing judged has no lowest criterion yet, as plain text", () => {
    const rows: CellValue[][] = CASE_ROWS.map((r) => [...r.slice(0, 5), null, null, r[7]!]);
    const l = summaryOf(tinyAnalysis({ rows }));
    expect(cell(l, "H11")).toMatchObject({ kind: "text", text: "Its lowest criterion (none judged yet).", style: "sectionNote" });
  });

  it("pools the overall row over the counted sections' criteria only", () => {
    const l = summaryOf(tinyAnalysis());
    expect(cell(l, "B17")).toMatchObject({ text: "All criteria", style: "overall" });
    expect(cell(l, "D17")).toMatchObject({ kind: "formula", formula: "SUM(D9:D10)+SUM(D12:D13)", result: 9, style: "overallCount" });
    expect(cell(l, "E17")).toMatchObject({ kind: "formula", formula: "SUM(E9:E10)+SUM(E12:E13)", result: 3, style: "overallCount" });
    expect(cell(l, "H17")).toMatchObject({ kind: "text", text: "", style: "overall" });
    expect(cell(l, "G17")).toMatchObject({ kind: "formula", result: "Good", style: "overallBand" });
  });

  it("counts nothing overall when no counted section has criteria", () => {
    const framework: Framework = {
      ...tinyFramework(),
      sections: [
        { number: "1", title: "Assessment", counted: false },
        { number: "3", title: "Governance", rule: "by-hand", rating: "Good" },
      ],
      criteria: tinyFramework().criteria.filter((c) => c.section === "1"),
    };
    const l = summaryOf(tinyAnalysis({ framework, header: CASES_HEADER.slice(0, 5), rows: CASE_ROWS.map((r) => r.slice(0, 5)) }));
    const overall = l.cells.find((c) => c.kind === "text" && c.text === "All criteria")!.row;
    expect(l.cells.find((c) => c.row === overall && c.col === 3)).toMatchObject({ kind: "formula", formula: "0", result: 0 });
    expect(l.cells.find((c) => c.row === overall && c.col === 4)).toMatchObject({ kind: "formula", formula: "0", result: 0 });
  });

  it("leaves the percentage and interval of a criterion with no relevant cases empty", () => {
    // 1.1 not yet judged in any case.
    const rows: CellValue[][] = CASE_ROWS.map((r) => [...r.slice(0, 3), null, ...r.slice(4)]);
    const l = summaryOf(tinyAnalysis({ rows }));
    expect(shown(l, "F9")).toBe("");
    expect(shown(l, "I9")).toBe("");
    expect(shown(l, "I10")).toBe("67% (21–94%)");
  });

  it("says a criterion has no column, naming the sheet, with no phrase formula", () => {
    const header = CASES_HEADER.filter((h) => !h.startsWith("1.2 "));
    const rows = CASE_ROWS.map((r) => r.filter((_v, i) => i !== 4));
    const l = summaryOf(tinyAnalysis({ header, rows }));
    expect(cell(l, "H10")).toMatchObject({ kind: "text", text: "no column for this criterion in the Cases sheet", style: "text" });
    expect(cell(l, "D10")).toMatchObject({ kind: "number", number: 0, style: "count" });
  });
});

describe("the Summary's staff interviews", () => {
  it("follow the overall row after a blank row, headed by how many were interviewed, in plain type", () => {
    const l = summaryOf(tinyAnalysis());
    expect(l.cells.some((c) => c.row === 17)).toBe(false);
    expect(cell(l, "A19")).toMatchObject({ kind: "text", text: "Staff interviews (2 interviewed)", style: "section" });
    expect(l.merges).toContainEqual({ top: 18, left: 0, bottom: 18, right: 8 });
    expect([shown(l, "A20"), shown(l, "B20"), cell(l, "A20").style, cell(l, "B20").style]).toEqual(["5.1", "Staff trained", "id", "text"]);
    expect(shown(l, "H20")).toBe("one out of two interviewees");
    expect([shown(l, "A21"), shown(l, "H21")]).toEqual(["5.2", "both interviewees"]);
    expect(l.cells.some((c) => c.row === 21)).toBe(false);
    expect(cell(l, "A23")).toMatchObject({ text: "Section scores", style: "header" });
    expect(l.print.fitToHeight).toBe(1);
  });

  it("are left out when no one was interviewed", () => {
    const l = summaryOf(tinyAnalysis({ interviewees: [] }));
    expect(texts(l).filter((t) => t.startsWith("Staff interviews"))).toEqual([]);
    expect(cell(l, "A19")).toMatchObject({ text: "Section scores", style: "header" });
  });

  it("name the Interviews sheet when a question has no column there", () => {
    const a = analyseWorkbook({
      cases: makeGrid([CASES_HEADER, ...CASE_ROWS], { tableName: "Cases" }),
      criteria: makeGrid(criteriaSheetRows(tinyFramework()) as CellValue[][], { sheet: "Criteria" }),
      interviews: makeGrid([["Interviewee", "Role", "5.1 Staff trained"], ["A. One", "Case manager", "Yes"]], { sheet: "Interviews", tableName: "Interviews" }),
    });
    const l = summaryOf(a);
    expect(cell(l, "H21")).toMatchObject({ kind: "text", text: "no column for this criterion in the Interviews sheet", style: "text" });
  });
});

describe("the Summary's section scores and chart", () => {
  it("list the sections with a percentage, beside a chart of them", () => {
    const l = summaryOf(tinyAnalysis());
    expect(cell(l, "A23")).toMatchObject({ text: "Section scores", style: "header" });
    expect(cell(l, "C23")).toMatchObject({ text: "% met", style: "headerCentre" });
    expect(l.cells.some((c) => c.row === 22 && c.col === 3)).toBe(false);
    expect([shown(l, "A24"), shown(l, "A25"), shown(l, "A26")]).toEqual(["1 Assessment", "2 Risk", "4 Resettlement"]);
    expect(cell(l, "C24")).toMatchObject({ kind: "formula", formula: "F8", style: "percent" });
    expect(cell(l, "C26")).toMatchObject({ kind: "formula", formula: "F15" });
    expect(l.merges).toContainEqual({ top: 23, left: 0, bottom: 23, right: 1 });
    expect(l.chart).toEqual({
      title: "Section scores (% met)",
      categories: "A24:A26",
      values: "C24:C26",
      cachedCategories: ["1 Assessment", "2 Risk", "4 Resettlement"],
      cachedValues: [expect.closeTo(4 / 6, 9), expect.closeTo(2 / 3, 9), expect.closeTo(2 / 3, 9)],
      valueFormat: "0.0%",
      axisFormat: "0%",
      valueMax: 1,
      colour: "5B9BD5",
      anchor: { row: 22, col: 3 },
      widthCols: 5,
      heightRows: 9,
    });
  });

  it("has no chart when every section is rated by hand", () => {
    const framework: Framework = { sections: [{ number: "3", title: "Governance", rule: "by-hand", rating: "Good" }], criteria: [], interviewQuestions: [] };
    const l = summaryOf(tinyAnalysis({ framework, header: CASES_HEADER.slice(0, 3), rows: CASE_ROWS.map((r) => r.slice(0, 3)) }));
    expect(l.chart).toBeNull();
    expect(texts(l)).not.toContain("Section scores");
  });
});

/** n criteria in sections of five (1.1–1.5, 2.1–2.5, …), every case judged Yes; optionally one interview question. */
function manyCriteria(n: number, interviewed: number): Analysis {
  const criteria = Array.from({ length: n }, (_, i) => ({ id: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`, section: String(Math.floor(i / 5) + 1), title: `Criterion ${i + 1}`, subject: `thing ${i + 1}`, appliesTo: "all" as const }));
  const sections = [...new Set(criteria.map((c) => c.section))].map((number) => ({ number, title: `Section ${number}` }));
  const framework: Framework = { sections, criteria, interviewQuestions: [{ id: "99.1", section: "99", title: "Staff trained", subject: "training", appliesTo: "interviews" }] };
  const header = ["Case ID", "Sentence", "PSR", ...criteria.map((c) => `${c.id} ${c.title}`)];
  return analyseWorkbook({
    cases: makeGrid([header, ["C1", "Community", "No", ...criteria.map(() => "Yes")]], { tableName: "Cases" }),
    criteria: makeGrid(criteriaSheetRows(framework) as CellValue[][], { sheet: "Criteria" }),
    interviews: makeGrid([["Interviewee", "Role", "99.1 Staff trained"], ...Array.from({ length: interviewed }, (_, i) => [`Person ${i + 1}`, "Case manager", "Yes"])], { sheet: "Interviews", tableName: "Interviews" }),
  });
}

describe("the Summary's page", () => {
  it("fits on one page up to 40 criteria and interview questions together, and runs on to more pages after", () => {
    expect(summaryOf(manyCriteria(40, 0)).print.fitToHeight).toBe(1);
    expect(summaryOf(manyCriteria(41, 0)).print.fitToHeight).toBe(0);
    expect(summaryOf(manyCriteria(39, 1)).print.fitToHeight).toBe(1);
    expect(summaryOf(manyCriteria(40, 1)).print.fitToHeight).toBe(0);
  });

  it("gives a chart of many sections three rows more than it has sections", () => {
    // 41 criteria: nine sections charted.
    expect(summaryOf(manyCriteria(41, 0)).chart!.heightRows).toBe(12);
    expect(summaryOf(manyCriteria(30, 0)).chart!.heightRows).toBe(9);
  });

  it("prints landscape, one page wide, with the header row repeated", () => {
    const l = summaryOf(tinyAnalysis());
    expect(l.print).toMatchObject({ orientation: "landscape", fitToWidth: 1, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } });
  });
});

describe("the Summary's colours", () => {
  it("colour the percentage and band of every score row, from the first criterion's section to the last interview question", () => {
    const l = summaryOf(tinyAnalysis());
    const ranges = [...new Set(l.conditionalFormats.filter((f) => f.kind === "expression" && f.range !== "A4").map((f) => f.range))];
    expect(ranges).toEqual(["F8:F21", "G8:G21"]);
    expect(l.conditionalFormats).toContainEqual({ kind: "text-equals", range: "H8:H21", text: STALE, style: { fill: "FFC7CE", colour: "9C0006", bold: true } });
  });
});

describe("the Summary's overall rating by the sections' scores", () => {
  const bands = [
    { from: 0, to: 3, rating: "Inadequate" as const },
    { from: 4, to: 5, rating: "Requires improvement" as const },
    { from: 6, to: 7, rating: "Good" as const },
    { from: 8, to: 9, rating: "Outstanding" as const },
  ];

  it("writes the rating and the score as built, and colours the band column around that row", () => {
    // Section 1: 4 of 6, 66.7%, Good (2); section 2: 2 of 3, Good (2); section 3 by hand: Good (2). 6 of 9: Good.
    const l = summaryOf(tinyAnalysis({ framework: tinyFramework({ overall: { kind: "score-sum", bands } }) }));
    expect(cell(l, "G17")).toMatchObject({ kind: "formula", formula: `IF(AND(D9=2,E9=1,D10=2,E10=1,D12=3,E12=0,D13=2,E13=1),"Good","${STALE}")`, result: "Good", style: "overallBand" });
    expect(cell(l, "H17")).toMatchObject({
      kind: "formula",
      formula: `IF(AND(D9=2,E9=1,D10=2,E10=1,D12=3,E12=0,D13=2,E13=1),"Score 6 of 9 (0–3 Inadequate, 4–5 Requires improvement, 6–7 Good, 8–9 Outstanding).","${STALE}")`,
      style: "overall",
    });
    const ranges = [...new Set(l.conditionalFormats.filter((f) => f.kind === "expression" && f.range !== "A4").map((f) => f.range))];
    expect(ranges).toEqual(["F8:F21", "G8:G16", "G18:G21"]);
    expect(l.conditionalFormats).toContainEqual({ kind: "text-equals", range: "G17", text: STALE, style: { fill: "FFC7CE", colour: "9C0006", bold: true } });
  });

  it("colours the band column down to the overall row when it is the last score row", () => {
    const l = summaryOf(tinyAnalysis({ framework: tinyFramework({ overall: { kind: "score-sum", bands } }), interviewees: [] }));
    const ranges = [...new Set(l.conditionalFormats.filter((f) => f.kind === "expression" && f.range !== "A4").map((f) => f.range))];
    expect(ranges).toEqual(["F8:F17", "G8:G16"]);
  });

  it("waits for every counted section's rating, naming those not rated", () => {
    const two: Framework = { ...tinyFramework({ handRating: null, overall: { kind: "score-sum", bands } }) };
    const withSix: Framework = { ...two, sections: [...two.sections, { number: "6", title: "Partnerships", rule: "by-hand", rating: null }] };
    expect(shown(summaryOf(tinyAnalysis({ framework: withSix })), "H18")).toBe("Rated by the sections' scores once every counted section is rated (3, 6 not yet).");
    const l = summaryOf(tinyAnalysis({ framework: tinyFramework({ handRating: null, overall: { kind: "score-sum", bands } }) }));
    expect(shown(l, "G17")).toBe("Not rated yet");
    expect(cell(l, "H17")).toMatchObject({ kind: "formula", result: "Rated by the sections' scores once every counted section is rated (3 not yet).", style: "overall" });
  });
});

describe("the Summary with a previous inspection", () => {
  it("says what was compared and how a change is called, under the rules", () => {
    const l = summaryOf(tinyAnalysis({ previous: previousInspection() }));
    expect(shown(l, "A3")).toBe(
      'Counts, percentages, intervals and ratings are live formulas over the Cases and Interviews sheets; a phrase or a change since the last inspection whose counts have changed says "Out of date: build the Summary again".',
    );
    expect(cell(l, "A6")).toMatchObject({
      kind: "text",
      text: "Compared with the previous inspection of Testshire (1 March 2023 to 3 March 2023): 3 criteria and 1 interview question compared, matched by ID and title; 1.2, 4.1 and 5.2 only in this inspection. A change is called improved or declined only when the 95% interval of the difference (Newcombe's hybrid score method) leaves out zero; otherwise no clear change, since with few cases a large change can be chance.",
      style: "value",
    });
    expect(shown(l, "A8")).toBe("ID");
    expect(l.freeze).toEqual({ rows: 8, cols: 0 });
    expect(l.columnWidths).toEqual([6, 54, 9, 7, 9, 8, 20, 50, 15, 15, 9, 32]);
    expect(l.styles.change).toMatchObject({ numberFormat: '+0.0;"−"0.0;0.0', horizontal: "center" });
    expect(l.styles.sectionChange).toMatchObject({ numberFormat: '+0.0;"−"0.0;0.0', fill: "DDEBF7" });
    expect(l.styles.overallChange).toMatchObject({ numberFormat: '+0.0;"−"0.0;0.0', fill: "D9D9D9" });
    expectOneCellEach(l);
  });

  it("adds the last figure, the change in points and the marker to every row", () => {
    const l = summaryOf(tinyAnalysis({ previous: previousInspection() }));
    expect(["J8", "K8", "L8"].map((a) => cell(l, a))).toEqual([
      { row: 7, col: 9, kind: "text", text: "Last inspection", style: "headerCentre" },
      { row: 7, col: 10, kind: "text", text: "Change (points)", style: "headerCentre" },
      { row: 7, col: 11, kind: "text", text: "Since last inspection", style: "headerCentre" },
    ]);
    // Section 1: 0 of 40 then, 4 of 6 now (+66.7 points); 1.2 was not there, so over different criteria.
    expect(cell(l, "J9")).toMatchObject({ kind: "text", text: "0% (0 of 40)", style: "sectionBand" });
    expect(cell(l, "K9")).toMatchObject({ kind: "formula", formula: 'IF(AND(D10=2,E10=1,D11=2,E11=1),66.7,"")', result: 66.7, style: "sectionChange" });
    expect(cell(l, "L9")).toMatchObject({ kind: "formula", formula: `IF(AND(D10=2,E10=1,D11=2,E11=1),"Improved (over different criteria)","${STALE}")`, result: "Improved (over different criteria)", style: "sectionBand" });
    // 1.1: 0 of 20 then, 2 of 3 now: the interval of the difference leaves out zero.
    expect(cell(l, "J10")).toMatchObject({ kind: "text", text: "0% (0 of 20)", style: "band" });
    expect(cell(l, "K10")).toMatchObject({ kind: "formula", formula: 'IF(AND(D10=2,E10=1),66.7,"")', result: 66.7, style: "change" });
    expect(cell(l, "L10")).toMatchObject({ kind: "formula", formula: `IF(AND(D10=2,E10=1),"Improved","${STALE}")`, result: "Improved", style: "band" });
    // 1.2: not in the previous inspection.
    expect([cell(l, "J11"), cell(l, "K11"), cell(l, "L11")]).toEqual([
      { row: 10, col: 9, kind: "text", text: "–", style: "band" },
      { row: 10, col: 10, kind: "text", text: "", style: "change" },
      { row: 10, col: 11, kind: "text", text: "Not compared", style: "band" },
    ]);
    // Section 2: 10 of 20 then, 2 of 3 now: no clear change, over the same criteria.
    expect(cell(l, "J12")).toMatchObject({ text: "50% (10 of 20)", style: "sectionBand" });
    expect(cell(l, "K12")).toMatchObject({ result: 16.7, style: "sectionChange" });
    expect(shown(l, "L12")).toBe("No clear change");
    // 2.1: 20 of 20 then and 3 of 3 now; 2.2: 40 of 40 then, 2 of 3 now, a decline.
    expect([shown(l, "J13"), shown(l, "K13"), shown(l, "L13")]).toEqual(["100% (20 of 20)", 0, "No clear change"]);
    expect(cell(l, "K13")).toMatchObject({ formula: 'IF(AND(D13=3,E13=0),0,"")' });
    expect(cell(l, "L14")).toMatchObject({ formula: `IF(AND(D14=2,E14=1),"Declined","${STALE}")` });
    expect([shown(l, "J14"), shown(l, "K14"), shown(l, "L14")]).toEqual(["100% (40 of 40)", -33.3, "Declined"]);
    // Section 3 (by hand), section 4 and 4.1: not compared.
    expect([cell(l, "J15"), cell(l, "K15"), cell(l, "L15")].map((c) => [shown(l, `${"JKL"[c.col - 9]}15`), c.style])).toEqual([
      ["–", "sectionBand"],
      ["", "sectionChange"],
      ["Not compared", "sectionBand"],
    ]);
    expect([shown(l, "L16"), shown(l, "L17")]).toEqual(["Not compared", "Not compared"]);
    // Overall: 10 of 20 then, 9 of 12 now.
    expect(cell(l, "J18")).toMatchObject({ text: "50% (10 of 20)", style: "overallBand" });
    expect(cell(l, "K18")).toMatchObject({ kind: "formula", formula: 'IF(AND(D18=9,E18=3),25,"")', result: 25, style: "overallChange" });
    expect(cell(l, "L18")).toMatchObject({ result: "No clear change (over different criteria)", style: "overallBand" });
    // Interview questions: 5.1 1 of 2 then and now; 5.2 not asked then.
    expect(cell(l, "J21")).toMatchObject({ text: "50% (1 of 2)", style: "band" });
    expect(cell(l, "K21")).toMatchObject({ kind: "formula", formula: 'IF(AND(D21=1,E21=1),0,"")', result: 0, style: "change" });
    expect(cell(l, "L21")).toMatchObject({ result: "No clear change", style: "band" });
    expect([shown(l, "J22"), shown(l, "K22"), shown(l, "L22")]).toEqual(["–", "", "Not compared"]);
  });

  it("says a criterion with no relevant cases now cannot be compared, with no change in points", () => {
    const previous = previousInspection();
    const withResettled: PreviousInspection = { ...previous, criteria: [...previous.criteria, { id: "4.1", title: "Resettled", met: 2, relevant: 4, interview: false }] };
    // 4.1 not yet judged in any case.
    const rows: CellValue[][] = CASE_ROWS.map((r) => [...r.slice(0, 7), null]);
    const l = summaryOf(tinyAnalysis({ previous: withResettled, rows }));
    expect(shown(l, "B17")).toBe("Resettled");
    expect(cell(l, "J17")).toMatchObject({ kind: "text", text: "50% (2 of 4)", style: "band" });
    expect(cell(l, "K17")).toMatchObject({ kind: "text", text: "", style: "change" });
    expect(shown(l, "L17")).toBe("Not comparable (no relevant cases)");
  });

  it("compares the overall row rated by the sections' scores too", () => {
    const bands = [
      { from: 0, to: 4, rating: "Inadequate" as const },
      { from: 5, to: 9, rating: "Good" as const },
    ];
    const l = summaryOf(tinyAnalysis({ framework: tinyFramework({ overall: { kind: "score-sum", bands } }), previous: previousInspection() }));
    expect(shown(l, "B18")).toBe("All criteria");
    expect(cell(l, "J18")).toMatchObject({ kind: "text", text: "50% (10 of 20)", style: "overallBand" });
    expect(cell(l, "K18")).toMatchObject({ kind: "formula", result: 25, style: "overallChange" });
    expect(cell(l, "L18")).toMatchObject({ kind: "formula", style: "overallBand" });
  });

  it("colours the markers from the first score row to the last", () => {
    const l = summaryOf(tinyAnalysis({ previous: previousInspection() }));
    const markers = l.conditionalFormats.filter((f) => f.kind === "text-equals" && f.range.startsWith("L"));
    expect(markers).toEqual([
      { kind: "text-equals", range: "L9:L22", text: "Improved", style: { fill: "C6EFCE", colour: "006100" } },
      { kind: "text-equals", range: "L9:L22", text: "Declined", style: { fill: "FFC7CE", colour: "9C0006" } },
      { kind: "text-equals", range: "L9:L22", text: STALE, style: { fill: "FFC7CE", colour: "9C0006", bold: true } },
    ]);
  });

  it("sets last time's section scores beside this time's, in the table and the chart", () => {
    const l = summaryOf(tinyAnalysis({ previous: previousInspection() }));
    expect(cell(l, "D24")).toMatchObject({ kind: "text", text: "Last time", style: "headerCentre" });
    expect(cell(l, "D25")).toMatchObject({ kind: "number", number: 0, style: "percent" });
    expect(cell(l, "D26")).toMatchObject({ kind: "number", number: 0.5, style: "percent" });
    expect(cell(l, "D27")).toMatchObject({ kind: "text", text: "", style: "percent" });
    expect(l.chart).toMatchObject({
      categories: "A25:A27",
      values: "C25:C27",
      seriesName: "This inspection",
      moreSeries: [{ name: "Last inspection", values: "D25:D27", cachedValues: [0, 0.5, null], colour: "A5A5A5" }],
      anchor: { row: 23, col: 4 },
    });
  });
});

describe("the action plan built with the Summary", () => {
  it("lists the areas for improvement in the framework's order, not by how far each is below the threshold", () => {
    // 1.2: 1 of 3 (33%); 2.1: none of 3 (0%), further below: first among the findings, second in the plan.
    const rows: CellValue[][] = [
      ["C1", "Community", "No", "Yes", "Yes", "No", "Yes", "Yes"],
      ["C2", "Community", "No", "Yes", "No", "No", "Yes", "Yes"],
      ["C3", "Custody", "No", "Yes", "No", "No", "Yes", "Yes"],
    ];
    const layouts = buildReportLayouts(tinyAnalysis({ rows }), { generatedAt });
    const strengths = layouts.find((l) => l.kind === "strengths")!;
    const findingIds = strengths.cells.filter((c) => c.kind === "text" && c.style === "findingId").map((c) => (c as { text: string }).text);
    expect(findingIds.slice(-2)).toEqual(["2.1", "1.2"]);
    const plan = layouts.find((l) => l.kind === "action-plan")!;
    const planned = [...plan.cells].filter((c) => c.col === 0 && c.row > 4).sort((x, y) => x.row - y.row);
    expect(planned.map((c) => (c.kind === "text" ? c.text : null))).toEqual(["1.2 Planned well", "2.1 Risk assessed"]);
  });
});

describe("moderationChange", () => {
  it("adds nothing without a Moderation list, or with an empty one", () => {
    expect(moderationChange(null, "2.1", "Yes")).toBe("");
    expect(moderationChange({ first: 9, last: 8 }, "2.1", "Yes")).toBe("");
  });

  it("adds the Moderation rows' change to the Yes or the No count of the criterion, over the list's rows", () => {
    expect(moderationChange({ first: 9, last: 9 }, "2.1", "Yes")).toBe('+SUMPRODUCT((LEFT(⟦moderation⟧!$B$10:$B$10,4)="2.1 ")*⟦moderation⟧!$K$10:$K$10)');
    expect(moderationChange({ first: 9, last: 12 }, "10.2", "No")).toBe('+SUMPRODUCT((LEFT(⟦moderation⟧!$B$10:$B$13,5)="10.2 ")*⟦moderation⟧!$L$10:$L$13)');
  });
});
