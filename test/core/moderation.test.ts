import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  criterionHeader,
  MODERATION_HEADERS,
  MODERATION_MARKER,
  readModerationSheet,
  toReportJson,
  type CellValue,
  type Grid,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const criteria = BUILT_IN_FRAMEWORK.criteria;
const k21 = criteria.findIndex((c) => c.id === "2.1");
const k36 = criteria.findIndex((c) => c.id === "3.6");
const secondGrid = (rows: CellValue[][]): Grid =>
  makeGrid([["Case ID", "Second marker", ...criteria.map(criterionHeader)], ...rows], { sheet: "Second marking", tableName: "SecondMarking" });
const markRow = (id: string, marker: string, values: Record<string, CellValue>): CellValue[] => [id, marker, ...criteria.map((c) => values[c.id] ?? null)];

/** A Moderation sheet as built before, with rows [case, criterion, marker, moderated, reason]. */
function moderationGrid(rows: [string, string, string, CellValue, string][], marker = `${MODERATION_MARKER} on 1 December 2026.`): Grid {
  const header = [...MODERATION_HEADERS] as CellValue[];
  const at = (name: string): number => header.indexOf(name);
  const body = rows.map(([id, crit, who, moderated, reason]) => {
    const row: CellValue[] = header.map(() => null);
    row[at("Case ID")] = id;
    row[at("Criterion")] = crit;
    row[at("Second marker")] = who;
    row[at("Moderated judgement")] = moderated;
    row[at("Reason")] = reason;
    return row;
  });
  return makeGrid([["Moderation: Northshire YOS"], [marker], ["Every difference between the markers."], [], header, ...body], { sheet: "Moderation" });
}

describe("moderated judgements", () => {
  // Made in beforeEach (their headers come from the core), not in the describe body, so a mutation run's per-test coverage sees them.
  let cases: Grid;
  let second: Grid;
  beforeEach(() => {
    cases = makeGrid([
      standardHeader(),
      validRow("C01", "Community", "Yes", { "2.1": "Yes" }),
      validRow("C02", "Community", "Yes", { "2.1": "Yes" }),
      validRow("C03", "Custody", "No", { "2.1": "No", "3.6": "Yes" }),
      validRow("C04", "Community", "No", { "2.1": "No" }),
    ]);
    second = secondGrid([markRow("C02", "R. Lead", { "2.1": "No" }), markRow("C03", "R. Lead", { "2.1": "Yes", "3.6": "No" })]);
  });

  it("count in place of the first marker's, while the Cases sheet keeps the first marker's", () => {
    const before = analyseWorkbook({ cases, secondMarking: second });
    const after = analyseWorkbook({ cases, secondMarking: second, moderation: moderationGrid([["C02", "2.1 Initial assessment", "R. Lead", "No", "No victim work."]]) });
    const c21 = (a: typeof before) => a.criteria.find((c) => c.id === "2.1")!;
    expect(c21(before)).toMatchObject({ relevant: 4, met: 2, notMet: 2 });
    expect(c21(after)).toMatchObject({ relevant: 4, met: 1, notMet: 3 });
    expect(after.cases.cases[1]!.outcomes[k21]).toBe("notMet");
    // The first marker's judgement is still what the Cases sheet and the first-marking table say.
    expect(after.firstMarking.cases[1]!.outcomes[k21]).toBe("met");
    expect(cases.rows[2]![4 + k21]).toBe("Yes");
    expect(after.moderation).toMatchObject({ differences: 3, moderated: 1, changed: 1, open: 2 });
    expect(after.moderation!.rows.find((r) => r.caseId === "C02")).toMatchObject({ moderated: "No", reason: "No victim work.", status: "moderated" });
    expect(toReportJson(after).criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 1, notMet: 3 });
    // The agreement figures compare the markers as they judged, before moderation.
    expect(after.agreement).toEqual(before.agreement);
  });

  it("are checked like a Cases cell: a value that is not a judgement, or against the criterion's applicability, is an error left out of the counts", () => {
    const a = analyseWorkbook({
      cases,
      secondMarking: second,
      moderation: moderationGrid([
        ["C02", "2.1", "R. Lead", "Perhaps", ""],
        ["C03", "3.6", "R. Lead", "N/A", "Not custody?"],
        ["C03", "2.1", "R. Lead", "yes", ""],
      ]),
    });
    expect(a.issues.filter((i) => i.sheet === "Moderation").map((i) => [i.severity, i.code, i.cell, i.caseId, i.criterionId])).toEqual([
      ["error", "invalid-value", "H6", "C02", "2.1"],
      ["error", "not-applicable-not-allowed", "H7", "C03", "3.6"],
      ["warning", "non-canonical-value", "H8", "C03", "2.1"],
    ]);
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 3, met: 2, notMet: 1, excluded: 1 });
    expect(a.criteria.find((c) => c.id === "3.6")).toMatchObject({ relevant: 0, excluded: 1 });
    expect(a.moderation).toMatchObject({ moderated: 3, changed: 3 });
  });

  it("given differently by two second markers of one case is an error, not a guess", () => {
    const two = secondGrid([markRow("C02", "R. Lead", { "2.1": "No" }), markRow("C02", "Q. Second", { "2.1": "No" })]);
    const a = analyseWorkbook({ cases, secondMarking: two, moderation: moderationGrid([["C02", "2.1", "R. Lead", "No", ""], ["C02", "2.1", "Q. Second", "Yes", ""]]) });
    expect(a.issues.filter((i) => i.code === "moderation-conflict").map((i) => i.cell)).toEqual(["H6"]);
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 3, excluded: 1 });
    const agreeing = analyseWorkbook({ cases, secondMarking: two, moderation: moderationGrid([["C02", "2.1", "R. Lead", "No", ""], ["C02", "2.1", "Q. Second", "No", ""]]) });
    expect(agreeing.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 4, notMet: 3 });
  });

  it("keep every typed row: a difference that has gone stays listed, and still counts, while something is typed in it", () => {
    const agreed = secondGrid([markRow("C02", "R. Lead", { "2.1": "Yes" })]);
    const a = analyseWorkbook({
      cases,
      secondMarking: agreed,
      moderation: moderationGrid([
        ["C02", "2.1", "R. Lead", "No", "Agreed at moderation meeting."],
        ["C09", "2.1", "R. Lead", "", "Case withdrawn from the sample."],
        ["C03", "2.1", "R. Lead", "", ""],
      ]),
    });
    expect(a.moderation!.rows.map((r) => [r.caseId, r.criterionId, r.status, r.moderated, r.reason])).toEqual([
      ["C02", "2.1", "no longer a difference", "No", "Agreed at moderation meeting."],
      ["C09", "2.1", "case not found", "", "Case withdrawn from the sample."],
    ]);
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 1, notMet: 3 });
  });

  it("are read only from a Moderation sheet this tool built (its cell A2)", () => {
    expect(readModerationSheet(moderationGrid([["C02", "2.1", "R. Lead", "No", ""]], "My own notes"))).toEqual([]);
    expect(readModerationSheet(moderationGrid([["C02", "2.1", "R. Lead", "No", ""]]))).toEqual([
      { caseId: "C02", criterionId: "2.1", marker: "R. Lead", judgement: "No", reason: "", cell: { sheet: "Moderation", cell: "H6" } },
    ]);
  });
});
