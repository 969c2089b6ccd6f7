/**
 * The previous inspection's figures kept in the workbook: the Previous inspection sheet gives back
 * what was written in it, so a later build compares without the old file; a figure a person
 * spoiled is named by its cell; a user's own sheet of that name is not read.
 */
import {
  analyseWorkbook,
  buildPreviousSheet,
  buildReportLayouts,
  PREVIOUS_MARKER,
  previousFromAnalysis,
  readPreviousSheet,
  type Analysis,
  type CellValue,
  type Grid,
  type PreviousInspection,
  type SheetLayout,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";
import { layoutGrid } from "../helpers/layout-grid";

const at = new Date(2027, 2, 12, 9);

function casesWith(yes21: number, dates: [string, string]): { cases: Grid; settings: Grid } {
  const rows = Array.from({ length: 12 }, (_, i) => validRow(`C${i + 1}`, "Community", "Yes", { "2.1": i < yes21 ? "Yes" : "No" }));
  const settings = makeGrid(
    [
      ["Setting", "Value"],
      ["Service name", "Northbrook YJS"],
      ["Inspection start", dates[0]],
      ["Inspection end", dates[1]],
    ],
    { sheet: "Settings" },
  );
  return { cases: makeGrid([standardHeader(), ...rows]), settings };
}

// Analysed in beforeEach, not at the top level, in a describe body or in beforeAll, so a mutation run sees each
// test reach the code it checks.
let earlier: Analysis;
let previous: PreviousInspection;
beforeEach(() => {
  earlier = analyseWorkbook(casesWith(3, ["2024-02-13", "2024-02-15"]));
  previous = previousFromAnalysis(earlier, "northbrook-2024.xlsx");
});

describe("the Previous inspection sheet", () => {
  let now: Analysis;
  let layout: SheetLayout;
  beforeEach(() => {
    now = analyseWorkbook(casesWith(11, ["2026-03-10", "2026-03-12"]), { previous });
    layout = buildPreviousSheet(now, { generatedAt: at })!;
  });

  test("holds the previous inspection's service, dates, source and every figure, and gives them back", () => {
    expect(layout.name).toBe("Previous inspection");
    const read = readPreviousSheet(layoutGrid(layout));
    expect(read.issues).toEqual([]);
    expect(read.previous).toEqual(previous);
    expect(previous).toMatchObject({ service: "Northbrook YJS", start: "2024-02-13", end: "2024-02-15", source: "northbrook-2024.xlsx", framework: "Youth Short Quality Screening (2014)" });
    expect(previous.criteria.find((c) => c.id === "2.1")).toEqual({ id: "2.1", title: "Initial assessment of risk of harm to others", met: 3, relevant: 12, interview: false });
  });

  test("a later build without the old file compares with the figures kept in it", () => {
    const later = analyseWorkbook({ ...casesWith(11, ["2026-03-10", "2026-03-12"]), previous: layoutGrid(layout) });
    expect(later.previousFrom).toBe("sheet");
    expect(later.comparison!.criteria.find((c) => c.id === "2.1")).toMatchObject({ previous: { met: 3, relevant: 12 }, current: { met: 11, relevant: 12 }, direction: "improved" });
    // And the sheet is written again, so the comparison lasts.
    expect(buildReportLayouts(later, { generatedAt: at }).map((l) => l.kind)).toContain("previous");
  });

  test("a file given for the build takes the place of the figures kept", () => {
    const other = { ...previous, service: "Another service", criteria: previous.criteria.map((c) => (c.id === "2.1" ? { ...c, met: 12 } : c)) };
    const a = analyseWorkbook({ ...casesWith(11, ["2026-03-10", "2026-03-12"]), previous: layoutGrid(layout) }, { previous: other });
    expect(a.previousFrom).toBe("file");
    expect(a.comparison!.criteria.find((c) => c.id === "2.1")!.previous.met).toBe(12);
  });

  test("without it there is no comparison and no Previous inspection sheet", () => {
    const a = analyseWorkbook(casesWith(11, ["2026-03-10", "2026-03-12"]));
    expect(a.comparison).toBeNull();
    expect(buildReportLayouts(a, { generatedAt: at }).map((l) => l.kind)).not.toContain("previous");
  });

  test("a figure a person spoiled is an error naming its cell, and only that row is left out", () => {
    const grid = layoutGrid(layout);
    const rowOf = (id: string): number => grid.rows.findIndex((r) => r[1] === id);
    const edited: CellValue[][] = grid.rows.map((r) => [...r]);
    edited[rowOf("2.1")]![3] = 13; // more met than relevant (12)
    edited[rowOf("2.2")]![4] = "twelve";
    const read = readPreviousSheet({ ...grid, rows: edited });
    expect(read.issues.map((i) => [i.code, i.cell, i.criterionId])).toEqual([
      ["previous-invalid-figure", `D${rowOf("2.1") + 1}`, "2.1"],
      ["previous-invalid-figure", `E${rowOf("2.2") + 1}`, "2.2"],
    ]);
    expect(read.previous!.criteria.map((c) => c.id)).not.toContain("2.1");
    expect(read.previous!.criteria.map((c) => c.id)).toContain("1.1");
    const a = analyseWorkbook({ ...casesWith(11, ["2026-03-10", "2026-03-12"]), previous: { ...grid, rows: edited } });
    expect(a.issues.filter((i) => i.sheet === "Previous inspection")).toHaveLength(2);
  });

  test("a user's own sheet named Previous inspection is not read", () => {
    const own = makeGrid([["Previous inspection"], ["Notes from the 2024 visit"], ["2.1", 3, 12]], { sheet: "Previous inspection" });
    expect(readPreviousSheet(own)).toEqual({ previous: null, issues: [] });
    expect(analyseWorkbook({ ...casesWith(11, ["2026-03-10", "2026-03-12"]), previous: own }).comparison).toBeNull();
  });

  test("its marker is the generated marker of its kind", () => {
    expect(layout.marker.startsWith(PREVIOUS_MARKER)).toBe(true);
  });
});

describe("the previous figures of an analysis", () => {
  test("leave out a criterion the earlier workbook had no column for", () => {
    const header = standardHeader().filter((h) => !h.startsWith("2.2 "));
    const rows = [validRow("C1", "Community", "Yes")].map((r) => r.filter((_, i) => !standardHeader()[i]!.startsWith("2.2 ")));
    const p: PreviousInspection = previousFromAnalysis(analyseWorkbook({ cases: makeGrid([header, ...rows]) }), "");
    expect(p.criteria.map((c) => c.id)).not.toContain("2.2");
  });
});
