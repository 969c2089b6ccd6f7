import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  criterionHeader,
  MODERATION_HEADERS,
  MODERATION_MARKER,
  readModerationSheet,
  type CellValue,
  type Grid,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

// Every workbook is analysed inside its test (never in a describe body), so a mutation run sees
// each test reach the code it checks.

const criteria = BUILT_IN_FRAMEWORK.criteria;
const k21 = criteria.findIndex((c) => c.id === "2.1");
const TITLE_21 = "Initial assessment of risk of harm to others";

/** A Moderation list row as the sheet's headers have it: [case, criterion, marker, moderated, reason]. */
function typed(id: CellValue, crit: CellValue, who: CellValue, moderated: CellValue, reason: CellValue): CellValue[] {
  const row: CellValue[] = MODERATION_HEADERS.map(() => null);
  row[0] = id;
  row[1] = crit;
  row[2] = who;
  row[7] = moderated;
  row[8] = reason;
  return row;
}

/**
 * A Moderation sheet as built before: title, the A2 marker, a line of text, a row above the list
 * (blank unless given), the header (sheet row 5), then the list from sheet row 6. Its Moderated
 * judgement column is H.
 */
function moderationSheet(body: CellValue[][], options: { header?: CellValue[]; above?: CellValue[]; top?: number; left?: number } = {}): Grid {
  const rows = [["Moderation: Northshire YOS"], [`${MODERATION_MARKER} on 1 December 2026.`], ["Every difference between the markers."], options.above ?? [], options.header ?? [...MODERATION_HEADERS], ...body];
  return makeGrid(rows, { sheet: "Moderation", top: options.top ?? 0, left: options.left ?? 0 });
}

const secondGrid = (rows: CellValue[][]): Grid => makeGrid([["Case ID", "Second marker", ...criteria.map(criterionHeader), "2 Notes"], ...rows], { sheet: "Second marking" });
/** A second-marking row: 2.1 as given, every other criterion blank, then its 2 Notes. */
const markRow = (id: string, marker: string, on21: CellValue, note: CellValue = null): CellValue[] => [id, marker, ...criteria.map((c) => (c.id === "2.1" ? on21 : null)), note];

// First markers on 2.1: C01 Yes, C02 Yes (both community, new PSR), C03 No (custody, no PSR).
const casesGrid = (): Grid =>
  makeGrid([standardHeader(), validRow("C01", "Community", "Yes", { "2.1": "Yes" }), validRow("C02", "Community", "Yes", { "2.1": "Yes" }), validRow("C03", "Custody", "No", { "2.1": "No" })]);
// R. Lead second-marks C01 and C02 No on 2.1: two differences.
const leadSaysNo = (): Grid => secondGrid([markRow("C01", "R. Lead", "No"), markRow("C02", "R. Lead", "No")]);
const moderationIssues = (a: ReturnType<typeof analyseWorkbook>) => a.issues.filter((i) => i.sheet === "Moderation");

describe("reading a Moderation sheet built earlier", () => {
  it("reads each typed row under the list's header, tidied as the other sheets are: case ID and marker spaces collapsed, reason trimmed, (not named) as no name", () => {
    const grid = moderationSheet(
      [
        typed("  C  02 ", `2.1 ${TITLE_21}`, "  R.   Lead ", "No", "  Agreed at the meeting.  "),
        typed(null, "2.1", "R. Lead", "No", "A row with no case."),
        typed("C03", "2.1", "(not named)", "Yes", ""),
        typed("C04", "2.1", "Q. Second", null, "  "),
        typed("C05", "2.1", "Q. Second", null, "Ask the case manager."),
        typed("C06", "Notes", "Q. Second", "Yes", ""),
      ],
      { above: typed("C01", "2.1", "R. Lead", "Yes", "Not in the list: above its header.") },
    );
    expect(readModerationSheet(grid)).toEqual([
      { caseId: "C 02", criterionId: "2.1", marker: "R. Lead", judgement: "No", reason: "Agreed at the meeting.", cell: { sheet: "Moderation", cell: "H6" } },
      { caseId: "C03", criterionId: "2.1", marker: "", judgement: "Yes", reason: "", cell: { sheet: "Moderation", cell: "H8" } },
      { caseId: "C05", criterionId: "2.1", marker: "Q. Second", judgement: null, reason: "Ask the case manager.", cell: { sheet: "Moderation", cell: "H10" } },
    ]);
  });

  it("reads nothing from a sheet whose A2 is not the marker, or whose list has no Moderated judgement header", () => {
    const body = [typed("C02", "2.1", "R. Lead", "No", "")];
    expect(readModerationSheet(moderationSheet(body))).toHaveLength(1);
    // The same rows lower down or further right: the marker is no longer in A2.
    expect(readModerationSheet(moderationSheet(body, { top: 2 }))).toEqual([]);
    expect(readModerationSheet(moderationSheet(body, { left: 1 }))).toEqual([]);
    expect(readModerationSheet(moderationSheet(body, { header: MODERATION_HEADERS.map((h) => (h === "Moderated judgement" ? "Judgement" : h)) }))).toEqual([]);
  });

  it("finds the list's header wherever it is, even on the first row", () => {
    const grid = makeGrid([[...MODERATION_HEADERS], [`${MODERATION_MARKER} on 1 December 2026.`], typed("C02", "2.1", "R. Lead", "No", "")], { sheet: "Moderation" });
    expect(readModerationSheet(grid)).toEqual([{ caseId: "C02", criterionId: "2.1", marker: "R. Lead", judgement: "No", reason: "", cell: { sheet: "Moderation", cell: "H3" } }]);
  });

  it("reads the first of two columns with one header", () => {
    const grid = moderationSheet([[...typed("C02", "2.1", "R. Lead", "No", "The first reason."), "A later column."]], { header: [...MODERATION_HEADERS, "Reason"] });
    expect(readModerationSheet(grid).map((e) => e.reason)).toEqual(["The first reason."]);
  });

  it("needs only Case ID, Criterion and Moderated judgement: no marker and no reason read as none", () => {
    const grid = moderationSheet([["C02", "2.1", "No"], ["C03", "2.1", null]], { header: ["Case ID", "Criterion", "Moderated judgement"] });
    expect(readModerationSheet(grid)).toEqual([{ caseId: "C02", criterionId: "2.1", marker: "", judgement: "No", reason: "", cell: { sheet: "Moderation", cell: "C6" } }]);
  });
});

describe("moderated judgements counted", () => {
  it("the same as the first marker's are moderated but not changed", () => {
    const a = analyseWorkbook({ cases: casesGrid(), secondMarking: leadSaysNo(), moderation: moderationSheet([typed("C01", "2.1", "R. Lead", "Yes", "First marker was right.")]) });
    expect(a.moderation).toMatchObject({ differences: 2, moderated: 1, changed: 0, open: 1 });
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 3, met: 2, notMet: 1 });
    expect(moderationIssues(a)).toEqual([]);
  });

  it("N/A where the criterion may not apply counts as not applicable, with no issue", () => {
    const a = analyseWorkbook({ cases: casesGrid(), secondMarking: leadSaysNo(), moderation: moderationSheet([typed("C01", "2.1", "R. Lead", "N/A", "No identifiable risk.")]) });
    expect(moderationIssues(a)).toEqual([]);
    // 2.1 applies where relevant: C01 now N/A, C02 Yes, C03 No.
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 2, met: 1, notMet: 1, excluded: 0 });
    expect(a.moderation).toMatchObject({ moderated: 1, changed: 1 });
  });

  it("Yes or No where the criterion does not apply to the case is an error naming the cell, left out of the counts", () => {
    // 3.6 is for custody cases; C01 is a community case (its 3.6 N/A in Cases), C03 a custody case (3.6 Yes).
    const a = analyseWorkbook({ cases: casesGrid(), secondMarking: leadSaysNo(), moderation: moderationSheet([typed("C01", "3.6", "R. Lead", "Yes", "")]) });
    expect(moderationIssues(a)).toEqual([
      {
        severity: "error",
        code: "judgement-not-expected",
        sheet: "Moderation",
        cell: "H6",
        caseId: "C01",
        criterionId: "3.6",
        message: "Criterion 3.6 applies only to custody cases and this is a community case. Enter N/A or leave it blank.",
      },
    ]);
    expect(a.criteria.find((c) => c.id === "3.6")).toMatchObject({ relevant: 1, met: 1, excluded: 1 });
  });

  it("showing a formula's error is an error saying what to type instead", () => {
    const a = analyseWorkbook({ cases: casesGrid(), secondMarking: leadSaysNo(), moderation: moderationSheet([typed("C02", "2.1", "R. Lead", { error: "#N/A" }, "")]) });
    expect(moderationIssues(a).map((i) => [i.code, i.cell, i.caseId, i.criterionId, i.message])).toEqual([
      ["cell-error", "H6", "C02", "2.1", "This cell shows the error #N/A, so it cannot be read. Correct the formula or type Yes, No or N/A instead."],
    ]);
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 2, met: 1, notMet: 1, excluded: 1 });
  });

  it("given differently in two rows of one case and criterion name both cells in the error", () => {
    const second = secondGrid([markRow("C02", "R. Lead", "No"), markRow("C02", "Q. Second", "No")]);
    const a = analyseWorkbook({ cases: casesGrid(), secondMarking: second, moderation: moderationSheet([typed("C02", "2.1", "R. Lead", "No", ""), typed("C02", "2.1", "Q. Second", "Yes", "")]) });
    expect(moderationIssues(a).map((i) => [i.code, i.cell, i.message])).toEqual([
      [
        "moderation-conflict",
        "H6",
        'Case "C02" has different moderated judgements for criterion 2.1 (H6, H7), so it is left out of the counts. Enter one moderated judgement, or the same one in each row.',
      ],
    ]);
  });

  it("for an ID the Cases sheet repeats apply to its first case, and its kept row shows that case", () => {
    // C01 on row 2 judged 2.1 Yes; C01 again on row 5 judged No. Moderated: No.
    const cases = makeGrid([standardHeader(), validRow("C01", "Community", "Yes", { "2.1": "Yes" }), validRow("C02", "Community", "Yes"), validRow("C03", "Community", "Yes"), validRow("C01", "Community", "Yes", { "2.1": "No" })]);
    const a = analyseWorkbook({ cases, secondMarking: secondGrid([markRow("C02", "R. Lead", "Yes")]), moderation: moderationSheet([typed("C01", "2.1", "R. Lead", "No", "Agreed.")]) });
    expect(a.cases.cases.map((c) => c.outcomes[k21])).toEqual(["notMet", "met", "met", "notMet"]);
    expect(a.moderation).toMatchObject({ moderated: 1, changed: 1 });
    expect(a.moderation!.rows.map((r) => [r.caseId, r.status, r.first, r.firstCell])).toEqual([["C01", "no longer a difference", "Yes", { sheet: "Cases", cell: "I2" }]]);
  });
});

describe("the Moderation list", () => {
  it("gives each difference both markers' cells, its notes (none: blank), what was typed first for it and whether it is still to moderate", () => {
    const a = analyseWorkbook({
      cases: casesGrid(),
      secondMarking: leadSaysNo(),
      moderation: moderationSheet([typed("C02", "2.1", "R. Lead", " No ", "The first reason."), typed("C02", "2.1", "R. Lead", "No", "The same typed again.")]),
    });
    // Both differences: 2.1, R. Lead, first Yes and second No, no notes on either side.
    const difference = { criterionId: "2.1", criterionTitle: TITLE_21, marker: "R. Lead", first: "Yes", second: "No", firstNote: "", secondNote: "" };
    expect(a.moderation!.rows).toEqual([
      { ...difference, caseId: "C01", moderated: "", reason: "", status: "to moderate", firstCell: { sheet: "Cases", cell: "I2" }, secondCell: { sheet: "Second marking", cell: "G2" } },
      { ...difference, caseId: "C02", moderated: "No", reason: "The first reason.", status: "moderated", firstCell: { sheet: "Cases", cell: "I3" }, secondCell: { sheet: "Second marking", cell: "G3" } },
    ]);
    expect(a.moderation).toMatchObject({ differences: 2, open: 1 });
  });

  it("keeps a typed row whose difference has gone with the case's judgements, notes and cells now, and one whose case or criterion is gone with none", () => {
    // R. Lead now agrees with C02's first marker (Yes), with a note; C09 is in no sheet; 9.9 in no framework.
    const a = analyseWorkbook({
      cases: casesGrid(),
      secondMarking: secondGrid([markRow("C03", "R. Lead", "No"), markRow("C02", "R. Lead", "Yes", "Risk plan seen.")]),
      moderation: moderationSheet([typed("C02", "2.1", "R. Lead", " No ", "Agreed."), typed("C09", "2.1", "Q. Second", "Yes", "Withdrawn."), typed("C01", "9.9", "R. Lead", "", "Old criterion.")]),
    });
    expect(a.moderation!.rows).toEqual([
      {
        caseId: "C02",
        criterionId: "2.1",
        criterionTitle: TITLE_21,
        marker: "R. Lead",
        first: "Yes",
        second: "Yes",
        firstNote: "",
        secondNote: "Risk plan seen.",
        moderated: "No",
        reason: "Agreed.",
        status: "no longer a difference",
        firstCell: { sheet: "Cases", cell: "I3" },
        secondCell: { sheet: "Second marking", cell: "G3" },
      },
      {
        caseId: "C09",
        criterionId: "2.1",
        criterionTitle: TITLE_21,
        marker: "Q. Second",
        first: null,
        second: null,
        firstNote: "",
        secondNote: "",
        moderated: "Yes",
        reason: "Withdrawn.",
        status: "case not found",
        firstCell: null,
        secondCell: null,
      },
      {
        caseId: "C01",
        criterionId: "9.9",
        criterionTitle: "",
        marker: "R. Lead",
        first: null,
        second: null,
        firstNote: "",
        secondNote: "",
        moderated: "",
        reason: "Old criterion.",
        status: "criterion not found",
        firstCell: null,
        secondCell: null,
      },
    ]);
  });

  it("matches a second marker written as (not named) with the list's (not named) rows", () => {
    const a = analyseWorkbook({
      cases: casesGrid(),
      secondMarking: secondGrid([markRow("C01", "(not named)", "No")]),
      moderation: moderationSheet([typed("C01", "2.1", "(not named)", "No", "Agreed.")]),
    });
    expect(a.moderation!.rows.map((r) => [r.caseId, r.marker, r.moderated, r.status])).toEqual([["C01", "(not named)", "No", "moderated"]]);
    expect(a.moderation).toMatchObject({ differences: 1, open: 0 });
  });
});
