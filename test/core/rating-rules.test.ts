/**
 * Rating rules as data: a Criteria sheet that pools one section, takes another's lowest
 * criterion, rates two by hand (one not counted) and sums the scores for the overall, worked out
 * by hand below; and every way such a sheet can be wrong, as an issue naming its cell.
 */
import {
  analyseWorkbook,
  buildReportLayouts,
  buildTemplate,
  BUILT_IN_FRAMEWORK,
  CRITERIA_HEADERS,
  readFramework,
  toReportJson,
  type Analysis,
  type CellValue,
  type Framework,
  type SheetLayout,
} from "../../src/core";
import { makeGrid } from "../helpers/grids";

const H = [...CRITERIA_HEADERS];
const criteriaGrid = (rows: CellValue[][]) => makeGrid([H, ...rows], { sheet: "Criteria" });

/** A Criteria sheet with every rule: section 1 pooled, 2 lowest, 6 and 7 by hand (7 not counted), overall a score sum. */
const RULES_SHEET: CellValue[][] = [
  ["1.1", 1, "Assessment", "First", "All cases", "", "Pooled", "Yes", null],
  ["1.2", 1, "Assessment", "Second", "All cases", "", "Pooled", "Yes", null],
  ["2.1", 2, "Planning", "Desistance", "All cases", "", "Lowest", "Yes", null],
  ["2.2", 2, "Planning", "Child's safety", "All cases", "", "Lowest", "Yes", null],
  ["2.3", 2, "Planning", "Others' safety", "All cases", "", "Lowest", "Yes", null],
  ["6", 6, "Governance", null, null, null, "By hand", "Yes", "Good"],
  ["7", 7, "Resettlement", null, null, null, "By hand", "No", "Outstanding"],
  ["Overall", null, "Overall", null, null, null, "Score sum: 0-2 Inadequate, 3-4 Requires improvement, 5-7 Good, 8-9 Outstanding", null, null],
];

/** Ten cases; `yes[id]` of them are judged Yes on criterion id, the rest No. */
function casesGrid(yes: Record<string, number>): ReturnType<typeof makeGrid> {
  const ids = Object.keys(yes);
  const rows: CellValue[][] = [["Case ID", "Sentence", "PSR", ...ids.map((id) => `${id} x`)]];
  for (let k = 0; k < 10; k++) rows.push([`C${k + 1}`, "Community", "No", ...ids.map((id) => (k < yes[id]! ? "Yes" : "No"))]);
  return makeGrid(rows);
}

describe("rating rules read from the Criteria sheet", () => {
  it("reads each section's rule, whether it counts, hand ratings and the overall rule", () => {
    const { framework, issues } = readFramework(criteriaGrid(RULES_SHEET));
    expect(issues).toEqual([]);
    expect(framework.sections.map((s) => [s.number, s.rule, s.counted, s.rating ?? null])).toEqual([
      ["1", "pooled", true, null],
      ["2", "lowest", true, null],
      ["6", "by-hand", true, "Good"],
      ["7", "by-hand", false, "Outstanding"],
    ]);
    expect(framework.overall).toEqual({
      kind: "score-sum",
      bands: [
        { rating: "Inadequate", from: 0, to: 2 },
        { rating: "Requires improvement", from: 3, to: 4 },
        { rating: "Good", from: 5, to: 7 },
        { rating: "Outstanding", from: 8, to: 9 },
      ],
    });
  });

  it("reads three-part IDs as criteria of a two-part section", () => {
    const { framework, issues } = readFramework(
      criteriaGrid([
        ["2.1.1", "2.1", "Court disposals: Assessment", "Assessment: desistance", "All cases", "", "Lowest", "Yes", null],
        ["2.1.2", "2.1", "", "Assessment: keeping other people safe", "Where relevant", "", "", "", null],
      ]),
    );
    expect(issues).toEqual([]);
    expect(framework.criteria.map((c) => [c.id, c.section])).toEqual([
      ["2.1.1", "2.1"],
      ["2.1.2", "2.1"],
    ]);
    expect(framework.sections).toEqual([{ number: "2.1", title: "Court disposals: Assessment", rule: "lowest", counted: true }]);
  });
});

describe("figures made by the rules (worked by hand)", () => {
  // Section 1, pooled: 1.1 9/10 and 1.2 6/10 pool to 15/20 = 75%: Good, score 2.
  // Section 2, lowest: 2.1 8/10 = 80%, 2.2 5/10 = 50%, 2.3 7/10 = 70%: 2.2 decides, 50%:
  //   Requires improvement, score 1.
  // Section 6, by hand: Good, score 2. Section 7, by hand: Outstanding, not counted.
  // Overall: 2 + 1 + 2 = 5 of 9 (three counted sections), in the band 5-7: Good. Pooled over the
  // counted sections' judgements: (9 + 6 + 8 + 5 + 7) / 50 = 70%.
  // Analysed in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let a: Analysis;
  beforeEach(() => {
    a = analyseWorkbook({ cases: casesGrid({ "1.1": 9, "1.2": 6, "2.1": 8, "2.2": 5, "2.3": 7 }), criteria: criteriaGrid(RULES_SHEET) });
  });
  const section = (n: string) => a.sections.find((s) => s.number === n)!;

  it("pools section 1", () => {
    expect(section("1")).toMatchObject({ rule: "pooled", relevant: 20, met: 15, percent: 75, rating: "Good", score: 2, decidedBy: null });
  });
  it("takes section 2 from its lowest criterion and names it", () => {
    expect(section("2")).toMatchObject({ rule: "lowest", relevant: 10, met: 5, notMet: 5, percent: 50, decidedBy: "2.2", rating: "Requires improvement", score: 1 });
  });
  it("uses the ratings entered by hand", () => {
    expect(section("6")).toMatchObject({ rule: "by-hand", relevant: 0, percent: null, rating: "Good", score: 2, counted: true });
    expect(section("7")).toMatchObject({ rule: "by-hand", rating: "Outstanding", score: 3, counted: false });
  });
  it("sums the counted sections' scores and bands the sum", () => {
    expect(a.overall).toMatchObject({ rule: "score-sum", score: 5, maxScore: 9, unrated: [], rating: "Good", relevant: 50, met: 35, percent: 70 });
  });
  it("rates on the HMI Probation bands though Settings says nothing", () => {
    expect(a.settings.ratingScheme).toBe("hmip-2018");
  });
  it("says in the JSON which rule made each figure", () => {
    const json = toReportJson(a);
    expect(json.sections.map((s) => [s.number, s.rule, s.percent, s.rating, s.score, s.decidedBy])).toEqual([
      [1, "pooled", 75, "Good", 2, undefined],
      [2, "lowest", 50, "Requires improvement", 1, "2.2"],
      [6, "by-hand", null, "Good", 2, undefined],
      [7, "by-hand", null, "Outstanding", 3, undefined],
    ]);
    expect(json.overall).toMatchObject({ rule: "score-sum", score: 5, maxScore: 9, rating: "Good", unrated: [] });
  });

  it("gives no overall rating while a counted section has none, and says which", () => {
    const unrated = RULES_SHEET.map((r) => (r[0] === "6" ? [...r.slice(0, 8), null] : r));
    const b = analyseWorkbook({ cases: casesGrid({ "1.1": 9, "1.2": 6, "2.1": 8, "2.2": 5, "2.3": 7 }), criteria: criteriaGrid(unrated) });
    expect(b.overall).toMatchObject({ score: 3, maxScore: 9, unrated: ["6"], rating: null });
  });

  it("takes the first of equal lowest criteria", () => {
    const b = analyseWorkbook({ cases: casesGrid({ "1.1": 9, "1.2": 6, "2.1": 5, "2.2": 8, "2.3": 5 }), criteria: criteriaGrid(RULES_SHEET) });
    expect(b.sections.find((s) => s.number === "2")).toMatchObject({ percent: 50, decidedBy: "2.1" });
  });

  it("pools the overall over counted sections only", () => {
    const pooledOverall = RULES_SHEET.map((r) => (r[0] === "Overall" ? [...r.slice(0, 6), "Pooled", null, null] : r[0] === "1.1" || r[0] === "1.2" ? [...r.slice(0, 7), "No", null] : r));
    const b = analyseWorkbook({ cases: casesGrid({ "1.1": 9, "1.2": 6, "2.1": 8, "2.2": 5, "2.3": 7 }), criteria: criteriaGrid(pooledOverall) });
    // Section 1 left out: (8 + 5 + 7) / 30 = 66.7%, Good.
    expect(b.overall).toMatchObject({ rule: "pooled", relevant: 30, met: 20, rating: "Good", score: null });
    expect(b.overall.percent).toBeCloseTo(66.667, 2);
  });
});

describe("a Criteria sheet's rules that cannot be used", () => {
  const issuesOf = (rows: CellValue[][]) => readFramework(criteriaGrid(rows)).issues.map((i) => [i.code, i.cell, i.severity]);

  it("names the cell of an unknown rule and pools the section", () => {
    const r = readFramework(criteriaGrid([["1.1", 1, "A", "First", "All cases", "", "Averaged", "", null]]));
    expect(r.issues.map((i) => [i.code, i.cell, i.severity])).toEqual([["criteria-unknown-rule", "G2", "error"]]);
    expect(r.framework.sections[0]!.rule).toBe("pooled");
  });
  it("names the cell of an unknown overall rule, or of bands it cannot read", () => {
    const row = (rule: string): CellValue[] => ["Overall", null, null, null, null, null, rule, null, null];
    const crit: CellValue[] = ["1.1", 1, "A", "First", "All cases", "", "", "", null];
    expect(issuesOf([crit, row("Median")])).toEqual([["criteria-unknown-rule", "G3", "error"]]);
    expect(issuesOf([crit, row("Score sum: 0-5 Poor, 6-9 Good")])).toEqual([["criteria-invalid-bands", "G3", "error"]]);
    expect(issuesOf([crit, row("Score sum: 0-1 Inadequate, 3-3 Good")])).toEqual([["criteria-invalid-bands", "G3", "error"]]);
    expect(issuesOf([crit, row("Score sum")])).toEqual([["criteria-invalid-bands", "G3", "error"]]);
    expect(readFramework(criteriaGrid([crit, row("Score sum: 0-5 Poor")])).framework.overall).toEqual({ kind: "pooled" });
  });
  it("warns when the top band is not what the counted sections can score", () => {
    expect(issuesOf([["1.1", 1, "A", "First", "All cases", "", "", "", null], ["Overall", null, null, null, null, null, "Score sum: 0-1 Inadequate, 2-6 Good", null, null]])).toEqual([
      ["criteria-score-range", "G3", "warning"],
    ]);
  });
  it("names the Rating cell of a section rated by hand with no rating, or a rating not in the scheme", () => {
    expect(issuesOf([["1.1", 1, "Governance", null, null, null, "By hand", "Yes", null]])).toEqual([["criteria-missing-rating", "I2", "warning"]]);
    expect(issuesOf([["1.1", 1, "Governance", null, null, null, "By hand", "Yes", "Excellent"]])).toEqual([["criteria-invalid-rating", "I2", "error"]]);
    expect(readFramework(criteriaGrid([["1.1", 1, "Governance", null, null, null, "By hand", "Yes", " requires  improvement"]])).framework.sections[0]).toMatchObject({
      rating: "Requires improvement",
    });
  });
  it("names a Criteria sheet with a section rated by hand but no Rating column", () => {
    const r = readFramework(makeGrid([["ID", "Criterion", "Applies to", "Rule"], ["1.1", "Governance", "", "By hand"]], { sheet: "Criteria" }));
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([["criteria-missing-rating", "A2"]]);
  });
  it("warns about a second, different rule for a section, a rating on a criterion's row, a bad Counted cell", () => {
    expect(
      issuesOf([
        ["2.1", 2, "P", "One", "All cases", "", "Lowest", "Yes", null],
        ["2.2", 2, "P", "Two", "All cases", "", "Pooled", "No", "Good"],
        ["2.3", 2, "P", "Three", "All cases", "", "", "Perhaps", null],
      ]),
    ).toEqual([
      ["criteria-rule-conflict", "G3", "warning"],
      ["criteria-rule-conflict", "H3", "warning"],
      ["criteria-rating-ignored", "I3", "warning"],
      ["criteria-invalid-counted", "H4", "error"],
    ]);
  });
  it("refuses a section rated by hand that also has criteria", () => {
    const r = readFramework(
      criteriaGrid([
        ["2", 2, "P", null, null, null, "By hand", "Yes", "Good"],
        ["2.1", 2, "P", "One", "All cases", "", "", "", null],
      ]),
    );
    expect(r.issues.map((i) => [i.code, i.cell, i.severity])).toEqual([["criteria-hand-rated-with-criteria", "A2", "error"]]);
    expect(r.framework.sections).toEqual([{ number: "2", title: "P", rule: "pooled", counted: true }]);
  });
});

describe("the template's Criteria sheet", () => {
  /** Defaults written out, so a framework and its round trip compare equal. */
  const explicit = (f: Framework) => ({
    sections: f.sections.map((s) => ({ rating: null, ...s, rule: s.rule ?? "pooled", counted: s.counted ?? true })),
    criteria: f.criteria,
    interviewQuestions: f.interviewQuestions,
    overall: f.overall ?? { kind: "pooled" },
  });
  const roundTrip = (f: Framework) => readFramework(makeGrid(buildTemplate({ framework: f }).criteria.rows.map((r) => [...r]), { sheet: "Criteria" }));

  it("reads back as the framework it was written from", () => {
    const r = roundTrip(BUILT_IN_FRAMEWORK);
    expect(r.issues).toEqual([]);
    expect(explicit(r.framework)).toEqual(explicit(BUILT_IN_FRAMEWORK));
  });
  it("writes the rules, hand ratings and overall rule of a framework that has them", () => {
    const f = readFramework(criteriaGrid(RULES_SHEET)).framework;
    const r = roundTrip(f);
    expect(r.issues).toEqual([]);
    expect(explicit(r.framework)).toEqual(explicit(f));
  });
});

describe("the Summary under the rating rules", () => {
  // The same figures as above, written by buildReportLayouts.
  let a: Analysis;
  let summary: SheetLayout | undefined;
  beforeEach(() => {
    a = analyseWorkbook({
      cases: casesGrid({ "1.1": 9, "1.2": 6, "2.1": 8, "2.2": 5, "2.3": 7 }),
      criteria: criteriaGrid(RULES_SHEET),
      settings: makeGrid([["Setting", "Value"], ["Rating scheme", "HMI Probation 2018"]], { sheet: "Settings" }),
    });
    [summary] = buildReportLayouts(a, { generatedAt: new Date(2026, 0, 1) });
  });
  const cell = (row: number, col: number) => summary!.cells.find((c) => c.row === row && c.col === col);
  const rowOf = (col: number, text: string): number => summary!.cells.find((c) => c.col === col && c.kind === "text" && c.text === text)!.row;
  const formulaOf = (row: number, col: number): string => {
    const c = cell(row, col)!;
    return c.kind === "formula" ? c.formula : "";
  };

  it("a pooled section sums its criteria's rows", () => {
    const s1 = rowOf(0, "1");
    expect(formulaOf(s1, 3)).toBe(`SUM(D${s1 + 2}:D${s1 + 3})`);
    expect(cell(s1, 6)).toMatchObject({ kind: "formula", result: "Good" });
  });

  it("a section rated by its lowest criterion reads the lowest criterion's row, live, and says which", () => {
    const s2 = rowOf(0, "2");
    // Rows 2.1–2.3 (one-based first–last): the counts of the row with the lowest %, the first on a tie.
    const [first, last] = [rowOf(0, "2.1") + 1, rowOf(0, "2.3") + 1];
    const pcts = `F${first}:F${last}`;
    expect(formulaOf(s2, 3)).toBe(`IFERROR(INDEX(D${first}:D${last},MATCH(MIN(${pcts}),${pcts},0)),0)`);
    expect(formulaOf(s2, 4)).toBe(`IFERROR(INDEX(E${first}:E${last},MATCH(MIN(${pcts}),${pcts},0)),0)`);
    expect(cell(s2, 3)).toMatchObject({ result: 5 });
    expect(cell(rowOf(0, "2.2"), 0)).toMatchObject({ style: "decidingId" });
    expect(cell(s2, 6)).toMatchObject({ kind: "formula", result: "Requires improvement" });
    // Which criterion is lowest is shown while the counts of the section's criteria are unchanged.
    expect(cell(s2, 7)).toMatchObject({ kind: "formula", result: "Its lowest criterion, 2.2." });
    const kept = ["2.1", "2.2", "2.3"].flatMap((id) => {
      const c = a.criteria.find((x) => x.id === id)!;
      return [`D${rowOf(0, id) + 1}=${c.met}`, `E${rowOf(0, id) + 1}=${c.notMet}`];
    });
    expect(formulaOf(s2, 7)).toBe(`IF(AND(${kept.join(",")}),"Its lowest criterion, 2.2.","Out of date: build the Summary again")`);
  });

  it("a section rated by hand shows its rating and no counts; one not counted says so", () => {
    const s6 = rowOf(0, "6");
    expect([2, 3, 4, 5].map((col) => cell(s6, col))).toEqual([2, 3, 4, 5].map((col) => expect.objectContaining({ kind: "text", text: "" })));
    expect(cell(s6, 6)).toMatchObject({ kind: "text", text: "Good" });
    expect(cell(rowOf(0, "7"), 7)).toMatchObject({ text: "Rated by hand in the Criteria sheet; not counted in the overall figure." });
  });

  it("the overall row pools the counted sections' criteria and gives the score sum's rating", () => {
    const overall = rowOf(1, "All criteria");
    expect(formulaOf(overall, 3)).toBe(`SUM(D${rowOf(0, "1.1") + 1}:D${rowOf(0, "1.2") + 1})+SUM(D${rowOf(0, "2.1") + 1}:D${rowOf(0, "2.3") + 1})`);
    expect(cell(overall, 3)).toMatchObject({ result: a.overall.met });
    // The score sum's rating and score, shown while the counted criteria's counts are unchanged.
    expect(cell(overall, 6)).toMatchObject({ kind: "formula", result: a.overall.rating });
    expect(formulaOf(overall, 6)).toMatch(new RegExp(`^IF\\(AND\\(D${rowOf(0, "1.1") + 1}=\\d+,E${rowOf(0, "1.1") + 1}=\\d+,.*\\),"${a.overall.rating}","Out of date: build the Summary again"\\)$`));
    expect(cell(overall, 7)).toMatchObject({ kind: "formula", result: expect.stringMatching(/^Score \d+ of 9 \(0–2 Inadequate/) });
    // Its band cell is left out of the colour rule (the score, not the percentage, rates it).
    const bandRanges = summary!.conditionalFormats.filter((f) => f.range.startsWith("G")).map((f) => f.range);
    expect(bandRanges.some((r) => new RegExp(`^G\\d+:G${overall}$`).test(r))).toBe(true);
  });
});
