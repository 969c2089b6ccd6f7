/**
 * The action plan keeps everything a person typed in it: across builds with the judgements
 * changed, every typed cell stays with its criterion exactly as it was, a new area for improvement
 * adds a row, one that is no longer an area keeps its row (marked with the date it stopped being
 * one), and rows and columns added by hand stay.
 */
import {
  ACTION_PLAN_HEADERS,
  ACTION_PLAN_MARKER,
  analyseWorkbook,
  buildReportLayouts,
  generatedKindOf,
  readActionPlanSheet,
  type CellValue,
  type Grid,
  type SheetLayout,
} from "../../src/core";
import { makeGrid, tenCommunityCases as cases } from "../helpers/grids";
import { layoutGrid, type Edits } from "../helpers/layout-grid";

function build(yes: Record<string, number>, plan: Grid | null, at: Date): SheetLayout {
  const a = analyseWorkbook({ cases: cases(yes), actionPlan: plan });
  return buildReportLayouts(a, { generatedAt: at }).find((l) => l.kind === "action-plan")!;
}

/** The plan's rows below its header, as a person reads them: criterion ID, finding status, then the typed cells (and any added). */
function rowsOf(layout: SheetLayout): { id: string; status: CellValue; typed: CellValue[] }[] {
  const grid = layoutGrid(layout);
  const header = grid.rows.findIndex((r) => r[0] === "Criterion");
  return grid.rows.slice(header + 1).map((r) => ({ id: String(r[0] ?? "").split(" ")[0]!, status: r[3] ?? null, typed: r.slice(4) }));
}

// Typed as people type: spaces kept at both ends, line breaks, text that looks like a formula or a
// number, a date (Excel's serial number), a value outside the dropdown, emoji, a boolean.
const TYPED_21: CellValue[] = ["  Rewrite the risk of harm guidance;\nbrief every case manager.  ", "=Team leader (A. Shah)", 46112, "Blocked", "0012 — waiting for the police 👮 data-sharing agreement"];
const TYPED_23: CellValue[] = ["Audit ten plans a month", "R. Lead", "end of June", "In progress", "+ first audit done"];
const HAND: CellValue[] = ["(added by hand)", "Our own action: staff survey", null, null, "Survey the staff", "HR", 46203, "Not started", "-"];

describe("the action plan across builds with changing judgements", () => {
  const days = [new Date(2027, 2, 12, 9), new Date(2027, 3, 20, 9), new Date(2027, 4, 2, 9), new Date(2027, 5, 9, 9)];

  const typedIn = (layout: SheetLayout, id: string): number => rowsOf(layout).findIndex((r) => r.id === id) + 6; // sheet row: header on row 5
  let first: SheetLayout;
  let second: SheetLayout;
  let third: SheetLayout;
  let fourth: SheetLayout;

  // Built in beforeEach, not in the describe body or beforeAll, so a mutation run's per-test coverage sees the work.
  beforeEach(() => {
    // Build 1: 2.1 (3 of 10) and 2.3 (5 of 10) are areas for improvement.
    first = build({ "2.1": 3, "2.3": 5 }, null, days[0]!);
    const edits: Edits = {
      ...Object.fromEntries(TYPED_21.map((v, i) => [`${"EFGHI"[i]}${typedIn(first, "2.1")}`, v])),
      ...Object.fromEntries(TYPED_23.map((v, i) => [`${"EFGHI"[i]}${typedIn(first, "2.3")}`, v])),
      // A column added to the right of the plan, and a row added by hand below it.
      J5: "Cost (£)",
      [`J${typedIn(first, "2.1")}`]: 1200,
      [`J${typedIn(first, "2.3")}`]: true,
      ...Object.fromEntries(HAND.map((v, i) => [`${"ABCDEFGHI"[i]}${typedIn(first, "2.3") + 1}`, v])),
    };
    const grid1 = layoutGrid(first, edits, "Action plan");

    // Build 2: 2.1 is fixed (10 of 10); 3.1 (2 of 10) is new; 2.3 still an area.
    second = build({ "2.1": 10, "2.3": 5, "3.1": 2 }, grid1, days[1]!);
    // Build 3: 2.1 slips back (3 of 10), 2.3 is fixed, 3.1 still an area.
    third = build({ "2.1": 3, "2.3": 10, "3.1": 2 }, layoutGrid(second), days[2]!);
    // Build 4: the same judgements, a later day.
    fourth = build({ "2.1": 3, "2.3": 10, "3.1": 2 }, layoutGrid(third), days[3]!);
  });

  test("the first build has a row per area for improvement, in framework order, with the typed columns empty", () => {
    expect(generatedKindOf(layoutGrid(first).rows[1]![0])).toBe("action-plan");
    expect(layoutGrid(first).rows[4]!.slice(0, ACTION_PLAN_HEADERS.length)).toEqual([...ACTION_PLAN_HEADERS]);
    expect(rowsOf(first).map((r) => [r.id, r.status])).toEqual([
      ["2.1", "Area for improvement"],
      ["2.3", "Area for improvement"],
    ]);
    expect(rowsOf(first).every((r) => r.typed.every((v) => v === null))).toBe(true);
  });

  test.each([
    ["second", () => second],
    ["third", () => third],
    ["fourth", () => fourth],
  ])("after the %s build every typed cell is exactly as typed, with its criterion", (_n, layout) => {
    const rows = rowsOf(layout());
    expect(rows.find((r) => r.id === "2.1")!.typed).toStrictEqual([...TYPED_21, 1200]);
    expect(rows.find((r) => r.id === "2.3")!.typed).toStrictEqual([...TYPED_23, true]);
    const hand = layoutGrid(layout()).rows.find((r) => r[0] === "(added by hand)")!;
    expect(hand.slice(0, 10)).toStrictEqual([...HAND, null]);
    expect(layoutGrid(layout()).rows[4]![9]).toBe("Cost (£)");
  });

  test("a new area for improvement adds a row after the others; one no longer an area keeps its row, marked with the day", () => {
    expect(rowsOf(second).map((r) => [r.id, r.status])).toEqual([
      ["2.1", "No longer an area for improvement (20 April 2027): now 100% (10 of 10)"],
      ["2.3", "Area for improvement"],
      ["(added", null],
      ["3.1", "Area for improvement"],
    ]);
    expect(rowsOf(third).map((r) => [r.id, r.status])).toEqual([
      ["2.1", "Area for improvement"],
      ["2.3", "No longer an area for improvement (2 May 2027): now 100% (10 of 10)"],
      ["(added", null],
      ["3.1", "Area for improvement"],
    ]);
    // The day it stopped being an area is kept on later builds.
    expect(rowsOf(fourth).find((r) => r.id === "2.3")!.status).toBe("No longer an area for improvement (2 May 2027): now 100% (10 of 10)");
  });

  test("a no-longer row keeps the finding it was about", () => {
    const grid = layoutGrid(second);
    const row = grid.rows.find((r) => String(r[0]).startsWith("2.1"))!;
    expect(row[1]).toBe("In seven out of ten relevant cases, the initial assessment of risk of harm to others was not done well.");
    expect(row[2]).toBe("3 of 10 met (30%)");
  });

  test("the Status column offers the dropdown, down past the plan for rows added later", () => {
    expect(second.validations).toEqual([expect.objectContaining({ list: ["Not started", "In progress", "Done"], range: expect.stringMatching(/^H6:H\d{3}$/) })]);
  });
});

describe("reading an Action plan sheet", () => {
  test("a sheet without the marker is a user's own: nothing is read from it", () => {
    expect(readActionPlanSheet(makeGrid([["Action plan"], ["Our own plan"], [], [], [...ACTION_PLAN_HEADERS], ["2.1 x", "y", "", "", "Do it"]], { sheet: "Action plan" }))).toBeNull();
  });

  test("columns are found by header, wherever a person moved them", () => {
    const header = ["Owner", "Criterion", "Action", "Area for improvement"];
    const read = readActionPlanSheet(makeGrid([["Action plan"], [`${ACTION_PLAN_MARKER} on 1 May 2027.`], [], [], header, ["A. Shah", "2.1 Initial", "Brief the team", "x"]]))!;
    expect(read.rows).toEqual([{ criterionId: "2.1", cells: ["2.1 Initial", "x", null, null, "Brief the team", "A. Shah", null, null, null] }]);
  });

  test("with its header row deleted, the rows are read where the plan writes its columns", () => {
    const read = readActionPlanSheet(makeGrid([["Action plan"], [`${ACTION_PLAN_MARKER} on 1 May 2027.`], [], [], ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief the team", null, null, "Done", null, "extra"]]))!;
    expect(read.rows[0]).toEqual({ criterionId: "2.1", cells: ["2.1 Initial", "x", "1 of 2", "Area for improvement", "Brief the team", null, null, "Done", null, "extra"] });
    expect(read.addedHeaders).toEqual([""]);
  });

  test("a second row for a criterion is a person's own row, kept whole", () => {
    const header = [...ACTION_PLAN_HEADERS];
    const read = readActionPlanSheet(makeGrid([["Action plan"], [`${ACTION_PLAN_MARKER}.`], [], [], header, ["2.1 Initial", "x"], ["2.1 a second action", "y", null, null, "Train"]]))!;
    expect(read.rows.map((r) => r.criterionId)).toEqual(["2.1", null]);
  });
});
