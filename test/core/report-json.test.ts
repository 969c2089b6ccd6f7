/**
 * The `report --json` document's parts that only this module decides: section numbers as numbers
 * or text, the score fields only under a score sum, and the `previous` object (its date, and the
 * criteria and interview questions kept apart). Expected values are worked by hand from
 * docs/json.md and the product contract.
 */
import { analyseWorkbook, sectionNumberJson, toReportJson, type PreviousInspection } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

/** Ten community cases with a new PSR; 2.1 judged Yes in the first six, No in the rest. */
function cases() {
  return makeGrid([standardHeader(), ...Array.from({ length: 10 }, (_, i) => validRow(`C${String(i + 1).padStart(2, "0")}`, "Community", "Yes", { "2.1": i < 6 ? "Yes" : "No" }))]);
}

/** Three interviewees answering the three built-in interview questions. */
function interviews() {
  return makeGrid(
    [
      ["Interviewee", "Role", "2.6 Staff understood policies for managing risk of harm", "3.5 Staff understood safeguarding policies", "5.2 Case managers clear about the organisation's priorities", "Notes"],
      ["A. One", "Case manager", "Yes", "Yes", "No", null],
      ["B. Two", "Case manager", "Yes", "No", "Yes", null],
      ["C. Three", "Team leader", "No", "Yes", "Yes", null],
    ],
    { sheet: "Interviews", tableName: "Interviews" },
  );
}

const PREVIOUS: PreviousInspection = {
  service: "Northshire YOS",
  start: "2024-02-13",
  end: "2024-02-23",
  source: "northshire-2024.xlsx",
  framework: "youth SQS",
  criteria: [
    { id: "2.1", title: "Initial assessment of risk of harm to others", met: 11, relevant: 20, interview: false },
    { id: "2.6", title: "Staff understood policies for managing risk of harm", met: 4, relevant: 9, interview: true },
  ],
  sections: [],
  overall: null,
};

describe("section numbers in the JSON", () => {
  test("a whole number is a number (2, 10); one with a dot stays text", () => {
    expect(sectionNumberJson("2")).toBe(2);
    expect(sectionNumberJson("10")).toBe(10);
    expect(sectionNumberJson("2.1")).toBe("2.1");
  });
});

describe("the score fields", () => {
  test("under the pooled overall rule no section or overall has score, maxScore, bands or unrated", () => {
    const json = toReportJson(analyseWorkbook({ cases: cases() }));
    expect(json.overall.rule).toBe("pooled");
    expect(json.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    for (const s of json.sections) expect(s).not.toHaveProperty("score");
    for (const key of ["score", "maxScore", "bands", "unrated"]) expect(json.overall).not.toHaveProperty(key);
    // The pooled figures are there: 19 criteria relevant to each of ten community cases (3.6 is for custody) = 190,
    // every one met but the four 2.1 judged No = 186, 97.9%; no rating scheme, no rating.
    expect(json.overall).toMatchObject({ relevant: 190, met: 186, percent: 97.9, tooFewToRate: false, rating: null });
  });
});

describe("previous in the JSON", () => {
  test("dates the previous inspection by its first day of fieldwork, and keeps its criteria and interview questions apart", () => {
    const a = analyseWorkbook({ cases: cases(), interviews: interviews() }, { previous: PREVIOUS });
    const p = toReportJson(a).previous!;
    expect(p).toMatchObject({ date: "2024-02-13", start: "2024-02-13", end: "2024-02-23", service: "Northshire YOS", source: "northshire-2024.xlsx", from: "file", framework: "youth SQS" });
    // 11 of 20 = 55%; 4 of 9 = 44.4%.
    expect(p.criteria.map((c) => [c.id, c.title, c.met, c.relevant, c.percent])).toEqual([["2.1", "Initial assessment of risk of harm to others", 11, 20, 55]]);
    expect(p.interviews.map((c) => [c.id, c.title, c.met, c.relevant, c.percent])).toEqual([["2.6", "Staff understood policies for managing risk of harm", 4, 9, 44.4]]);
  });

  test("with only its last day recorded, the date is that day", () => {
    const a = analyseWorkbook({ cases: cases() }, { previous: { ...PREVIOUS, start: null } });
    expect(toReportJson(a).previous).toMatchObject({ date: "2024-02-23", start: null, end: "2024-02-23" });
  });
});
