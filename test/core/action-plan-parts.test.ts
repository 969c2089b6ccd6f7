/**
 * The Action plan's parts, each on its own: reading a plan built before (found by its A2 marker,
 * its header by both Action and Owner, added columns by what is in them below the header, blank
 * rows skipped), the count as the plan writes it, and the plan made from the areas for
 * improvement and the plan read back. Every expected value is worked by hand from the README's
 * "The Action plan" and the module's contract.
 */
import { ACTION_PLAN_HEADERS, ACTION_PLAN_MARKER, countText, planActions, readActionPlanSheet, type ActionPlanFinding, type ActionPlanRead, type CellValue } from "../../src/core";
import { makeGrid } from "../helpers/grids";

const TITLE: CellValue[] = ["Action plan"];
const MARKER: CellValue[] = [`${ACTION_PLAN_MARKER} on 1 May 2027.`];
/** Twelve blank cells then one: something typed at column M. */
const atM = (v: CellValue): CellValue[] => [...Array<CellValue>(12).fill(null), v];

describe("reading an Action plan sheet: where it is ours", () => {
  const rows: CellValue[][] = [TITLE, MARKER, [], [], [...ACTION_PLAN_HEADERS], ["2.1 Initial", "x", null, null, "Brief the team"]];

  test("its marker is read in A2 only: a grid that starts below row 1 or right of column A is not the sheet's own A2", () => {
    expect(readActionPlanSheet(makeGrid(rows, { sheet: "Action plan" }))?.rows).toEqual([{ criterionId: "2.1", cells: ["2.1 Initial", "x", null, null, "Brief the team", null, null, null, null] }]);
    expect(readActionPlanSheet(makeGrid(rows, { sheet: "Action plan", top: 1 }))).toBeNull();
    expect(readActionPlanSheet(makeGrid(rows, { sheet: "Action plan", left: 1 }))).toBeNull();
  });

  test("a row is the header only with both Action and Owner in it: an action typed as the word 'Action' is a plan row", () => {
    const read = readActionPlanSheet(makeGrid([TITLE, MARKER, [], [], ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Action", "A. Shah"]]))!;
    expect(read.rows).toEqual([{ criterionId: "2.1", cells: ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Action", "A. Shah", null, null, null] }]);
  });

  test("a header moved up to row 1 is still the header: the rows under it are read by its columns", () => {
    const read = readActionPlanSheet(makeGrid([["Owner", "Criterion", "Action"], MARKER, ["A. Shah", "2.1 Initial", "Brief the team"]]))!;
    expect(read.rows.find((r) => r.criterionId === "2.1")).toEqual({ criterionId: "2.1", cells: ["2.1 Initial", null, null, null, "Brief the team", "A. Shah", null, null, null] });
  });
});

describe("reading an Action plan sheet: added columns and blank rows", () => {
  // Columns J to M: J has a header; K is empty; L has no header but a value in one row; M has
  // something only above the plan's rows (not a column of the plan). Row 7 is blank.
  test("with its header: a column with a header or a value below it is added, in order; an empty row is skipped", () => {
    const read = readActionPlanSheet(
      makeGrid([
        TITLE,
        MARKER,
        [],
        atM("typed above the plan"),
        [...ACTION_PLAN_HEADERS, "Cost (£)"],
        ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief", "A. Shah", null, "Done", null, 1200, null, "own note", null],
        [],
        ["2.3 Planning", "y", "2 of 5", "Area for improvement", "Audit"],
      ]),
    )!;
    expect(read.addedHeaders).toEqual(["Cost (£)", ""]);
    expect(read.rows).toEqual([
      { criterionId: "2.1", cells: ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief", "A. Shah", null, "Done", null, 1200, "own note"] },
      { criterionId: "2.3", cells: ["2.3 Planning", "y", "2 of 5", "Area for improvement", "Audit", null, null, null, null, null, null] },
    ]);
  });

  test("with its header row deleted: a column right of the plan with a value below row 4 is added; an empty row is skipped", () => {
    const read = readActionPlanSheet(
      makeGrid([
        TITLE,
        MARKER,
        atM("typed above the plan"),
        [],
        ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief", null, null, "Done", null, 1200, null, "own note"],
        [],
        ["2.3 Planning", "y", "2 of 5", "Area for improvement", "Audit"],
      ]),
    )!;
    expect(read.addedHeaders).toEqual(["", ""]);
    expect(read.rows).toEqual([
      { criterionId: "2.1", cells: ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief", null, null, "Done", null, 1200, "own note"] },
      { criterionId: "2.3", cells: ["2.3 Planning", "y", "2 of 5", "Area for improvement", "Audit", null, null, null, null, null, null] },
    ]);
  });
});

describe("the count as the plan writes it", () => {
  test("met of relevant, and the percentage to a whole number, a half rounded up", () => {
    expect(countText({ met: 11, relevant: 19, percent: (100 * 11) / 19 })).toBe("11 of 19 met (58%)");
    expect(countText({ met: 1, relevant: 8, percent: 12.5 })).toBe("1 of 8 met (13%)");
    expect(countText({ met: 0, relevant: 0, percent: null })).toBe("no relevant cases");
  });
});

describe("planning the actions", () => {
  const c21 = { id: "2.1", title: "Initial assessment of risk of harm to others", met: 3, relevant: 10, percent: 30 };
  const c23 = { id: "2.3", title: "Planning to manage risk of harm to others", met: 5, relevant: 10, percent: 50 };
  const c31 = { id: "3.1", title: "Initial assessment of safeguarding and vulnerability", met: 0, relevant: 0, percent: null };
  const improvements: ActionPlanFinding[] = [
    { criterion: c21, sentence: "In seven out of ten cases, the initial assessment of risk of harm to others was not done well." },
    { criterion: c23, sentence: "Half of the cases had no good plan." },
  ];
  const options = { today: "12 March 2027", criteria: [c21, c23, c31] };

  test("with no plan built before: a row per area, in the order given, its typed columns empty; the tally says so", () => {
    expect(planActions(improvements, null, options)).toEqual({
      rows: [
        { kind: "improvement", criterionId: "2.1", cells: ["2.1 Initial assessment of risk of harm to others", improvements[0]!.sentence, "3 of 10 met (30%)", "Area for improvement", null, null, null, null, null] },
        { kind: "improvement", criterionId: "2.3", cells: ["2.3 Planning to manage risk of harm to others", "Half of the cases had no good plan.", "5 of 10 met (50%)", "Area for improvement", null, null, null, null, null] },
      ],
      addedHeaders: [],
      improvements: 2,
      added: 2,
      noLonger: 0,
      kept: 0,
    });
  });

  test("an area no longer one says its figure now, a half rounded up: 7 of 8 is 88%", () => {
    const c22 = { id: "2.2", title: "Planning", met: 7, relevant: 8, percent: 87.5 };
    const read: ActionPlanRead = {
      sheet: "Action plan",
      addedHeaders: [],
      rows: [{ criterionId: "2.2", cells: ["2.2 Planning", "Plans were weak.", "3 of 8 met (38%)", "Area for improvement", "Coach", null, null, null, null] }],
    };
    const plan = planActions([], read, { today: "12 March 2027", criteria: [c22] });
    expect(plan.rows.map((r) => [r.kind, r.cells[3]])).toEqual([["no longer", "No longer an area for improvement (12 March 2027): now 88% (7 of 8)"]]);
  });

  test("with a plan read back: rows carried in order with what was typed, no-longer rows marked, a new area added last with the added column empty", () => {
    const read: ActionPlanRead = {
      sheet: "Action plan",
      addedHeaders: ["Cost (£)"],
      rows: [
        { criterionId: "2.1", cells: ["2.1 Old title", "Old sentence", "1 of 10 met (10%)", "Area for improvement", "Brief", "A. Shah", 46112, "In progress", "note", 1200] },
        { criterionId: null, cells: ["(added by hand)", "Staff survey", null, null, "Survey", "HR", null, "Not started", null, null] },
        { criterionId: "3.1", cells: ["3.1 Initial assessment", "Safeguarding was weak.", "2 of 10 met (20%)", "Area for improvement", "Train", null, null, null, null, null] },
        { criterionId: "9.9", cells: ["9.9 Gone", "Old finding", "1 of 2 met (50%)", "No longer an area for improvement (2 May 2027): now 100% (2 of 2)", "Done thing", null, null, "Done", null, null] },
      ],
    };
    expect(planActions(improvements, read, options)).toEqual({
      rows: [
        { kind: "improvement", criterionId: "2.1", cells: ["2.1 Initial assessment of risk of harm to others", improvements[0]!.sentence, "3 of 10 met (30%)", "Area for improvement", "Brief", "A. Shah", 46112, "In progress", "note", 1200] },
        { kind: "kept", criterionId: null, cells: ["(added by hand)", "Staff survey", null, null, "Survey", "HR", null, "Not started", null, null] },
        {
          kind: "no longer",
          criterionId: "3.1",
          cells: ["3.1 Initial assessment of safeguarding and vulnerability", "Safeguarding was weak.", "2 of 10 met (20%)", "No longer an area for improvement (12 March 2027): now no relevant cases", "Train", null, null, null, null, null],
        },
        {
          kind: "no longer",
          criterionId: "9.9",
          cells: ["9.9 Gone", "Old finding", "1 of 2 met (50%)", "No longer an area for improvement (2 May 2027): the criterion is no longer in the framework", "Done thing", null, null, "Done", null, null],
        },
        { kind: "improvement", criterionId: "2.3", cells: ["2.3 Planning to manage risk of harm to others", "Half of the cases had no good plan.", "5 of 10 met (50%)", "Area for improvement", null, null, null, null, null, null] },
      ],
      addedHeaders: ["Cost (£)"],
      improvements: 2,
      added: 1,
      noLonger: 2,
      kept: 1,
    });
  });
});
