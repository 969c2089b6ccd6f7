/**
 * The HMI Probation youth framework as data, and a planned inspection under it: the standards'
 * ratings by their lowest key question and the overall score and band, as worked out by hand in
 * test/helpers/hmip-youth.ts.
 */
import {
  analyseWorkbook,
  buildSummaryLayout,
  selectFindings,
  BUILT_IN_FRAMEWORKS,
  buildTemplate,
  criteriaSheetRows,
  HMIP_YOUTH_FRAMEWORK,
  isCounted,
  overallRule,
  readCases,
  readFramework,
  toReportJson,
  type Analysis,
  type CellValue,
  type LayoutCell,
  type SheetLayout,
} from "../../src/core";
import { makeGrid } from "../helpers/grids";
import { HMIP_CASES, HMIP_EXPECTED, HMIP_HAND_RATINGS, plannedCaseRows } from "../helpers/hmip-youth";

describe("the HMI Probation youth framework", () => {
  const f = HMIP_YOUTH_FRAMEWORK;

  it("has unique IDs, each key question in a standard, three key questions to each case standard", () => {
    const ids = f.criteria.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of f.criteria) expect(f.sections.map((s) => s.number)).toContain(c.section);
    const caseStandards = f.sections.filter((s) => s.rule === "lowest").map((s) => s.number);
    expect(caseStandards).toEqual(["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]);
    for (const n of caseStandards) expect(f.criteria.filter((c) => c.section === n).map((c) => c.title.split(": ")[1])).toEqual(["supporting the child's desistance", "keeping the child safe", "keeping other people safe"]);
  });

  it("rates the organisational standards and resettlement by hand, resettlement not counted, twelve standards to 36", () => {
    expect(f.sections.filter((s) => s.rule === "by-hand").map((s) => [s.number, isCounted(s)])).toEqual([
      ["1.1", true],
      ["1.2", true],
      ["1.3", true],
      ["1.4", true],
      ["3.4", true],
      ["4.1", false],
    ]);
    expect(f.sections.filter(isCounted)).toHaveLength(12);
    const rule = overallRule(f);
    expect(rule.kind === "score-sum" && rule.bands.map((b) => [b.from, b.to, b.rating])).toEqual([
      [0, 6, "Inadequate"],
      [7, 18, "Requires improvement"],
      [19, 30, "Good"],
      [31, 36, "Outstanding"],
    ]);
  });

  it("applies court standards to court disposals and out-of-court ones to out-of-court disposals; reviews may be N/A", () => {
    const kinds = (prefix: string) => [...new Set(f.criteria.filter((c) => c.id.startsWith(prefix)).map((c) => c.appliesTo))];
    expect(kinds("2.1.")).toEqual(["court"]);
    expect(kinds("2.3.")).toEqual(["court"]);
    expect(kinds("2.4.")).toEqual(["court-where-required"]);
    expect(kinds("3.")).toEqual(["out-of-court"]);
  });

  it("is offered by name, with its source", () => {
    expect(BUILT_IN_FRAMEWORKS["hmip-youth"].framework).toBe(f);
    expect(BUILT_IN_FRAMEWORKS["hmip-youth"].source).toMatch(/HMI Probation/);
  });

  it("reads back from the Criteria sheet it writes as the same framework", () => {
    const read = readFramework(makeGrid(criteriaSheetRows(f) as CellValue[][], { sheet: "Criteria" }));
    expect(read.framework.sections).toEqual(f.sections.map((s) => ({ ...s })));
    expect(read.framework.criteria).toEqual(f.criteria);
    expect(read.framework.overall).toEqual(f.overall);
    // Only the six hand ratings are still to be entered.
    expect(read.issues.map((i) => [i.code, i.criterionId])).toEqual(["1.1", "1.2", "1.3", "1.4", "3.4", "4.1"].map((n) => ["criteria-missing-rating", n]));
  });

  it("offers Out-of-court in the Sentence dropdown; the SQS template keeps Community and Custody", () => {
    const sentenceList = (t: ReturnType<typeof buildTemplate>) => t.cases.validations.find((v) => v.col === 2)!.list;
    expect(sentenceList(buildTemplate({ framework: f }))).toEqual(["Community", "Custody", "Out-of-court"]);
    expect(sentenceList(buildTemplate())).toEqual(["Community", "Custody"]);
  });
});

/** The grids of a template for the youth standards, filled as planned. */
export function plannedGrids(): Parameters<typeof analyseWorkbook>[0] {
  const t = buildTemplate({ framework: HMIP_YOUTH_FRAMEWORK });
  const criteria = t.criteria.rows.map((r) => (HMIP_HAND_RATINGS[String(r[0])] ? [...r.slice(0, 8), HMIP_HAND_RATINGS[String(r[0])]!] : [...r])) as CellValue[][];
  return {
    cases: makeGrid([[...t.cases.headers], ...plannedCaseRows(t.cases.headers)], { tableName: "Cases" }),
    criteria: makeGrid(criteria, { sheet: "Criteria" }),
    settings: makeGrid(t.settings.rows as CellValue[][], { sheet: "Settings" }),
  };
}

describe("a planned inspection under the youth standards (worked by hand)", () => {
  // Analysed in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let a: Analysis;
  beforeEach(() => {
    a = analyseWorkbook(plannedGrids());
  });

  it("reads every case and judgement without an error", () => {
    expect(a.cases.cases).toHaveLength(HMIP_CASES.length);
    expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("rates each standard by its lowest key question, naming it, and the organisational ones by hand", () => {
    expect(a.sections.map((s) => ({ number: s.number, rule: s.rule, decidedBy: s.decidedBy, met: s.met, relevant: s.relevant, rating: s.rating, score: s.score, counted: s.counted }))).toEqual(
      HMIP_EXPECTED.standards,
    );
  });

  it("sums the scores to 23 of 36, Good", () => {
    expect(a.overall).toMatchObject({ ...HMIP_EXPECTED.overall, unrated: [] });
    expect(toReportJson(a).overall).toMatchObject(HMIP_EXPECTED.overall);
  });

  it("refuses a court key question judged for an out-of-court disposal, and N/A on one for a court case", () => {
    const grids = plannedGrids();
    const rows = grids.cases.rows.map((r) => [...r]);
    const col = (id: string) => rows[0]!.findIndex((h) => String(h).startsWith(`${id} `));
    const letter = (id: string) => String.fromCharCode(65 + col(id));
    rows[11]![col("2.1.1")] = "Yes"; // O01, an out-of-court disposal
    rows[11]![col("2.4.1")] = "No"; // a review of an out-of-court disposal: no such standard
    rows[1]![col("2.1.1")] = "N/A"; // C01, a court case
    rows[1]![col("2.4.1")] = "N/A"; // allowed: no review was needed
    const read = readCases({ ...grids.cases, rows }, HMIP_YOUTH_FRAMEWORK);
    expect(read.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.cell])).toEqual([
      ["not-applicable-not-allowed", `${letter("2.1.1")}2`],
      ["judgement-not-expected", `${letter("2.1.1")}12`],
      ["judgement-not-expected", `${letter("2.4.1")}12`],
    ]);
    expect(read.issues.find((i) => i.code === "judgement-not-expected")!.message).toMatch(/court disposals and this is an out-of-court case/);
  });
});

describe("the Summary of the planned inspection follows the rules", () => {
  let a: Analysis;
  let summary: SheetLayout;
  beforeEach(() => {
    a = analyseWorkbook(plannedGrids());
    summary = buildSummaryLayout(a, { generatedAt: new Date(2026, 10, 25, 10, 0) });
  });
  const cellAt = (l: SheetLayout, row: number, col: number): LayoutCell | undefined => l.cells.find((c) => c.row === row && c.col === col);
  const shown = (row: number, col: number): unknown => {
    const c = cellAt(summary, row, col);
    return c?.kind === "text" ? c.text : c?.kind === "number" ? c.number : c?.kind === "formula" ? c.result : undefined;
  };
  const rowOf = (text: string, col = 0): number => summary.cells.find((c) => c.col === col && c.kind === "text" && c.text === text)!.row;

  it("marks the key question that decides each standard, and only that one", () => {
    const decidingIds = summary.cells.filter((c) => c.col === 0 && c.style === "decidingId").map((c) => (c.kind === "text" ? c.text : ""));
    expect(decidingIds).toEqual(["2.1.3", "2.2.1", "2.3.1", "2.4.2", "3.1.2", "3.2.1", "3.3.1"]);
  });

  it("gives a lowest standard the deciding key question's counts, live, and names it", () => {
    const r = rowOf("2.1");
    expect([2, 3, 4, 6, 7].map((c) => shown(r, c))).toEqual([10, 6, 4, "Requires improvement", "Its lowest criterion, 2.1.3."]);
    // Live: the counts of the key question with the lowest % among 2.1.1–2.1.3.
    const first = rowOf("2.1.1") + 1;
    const pcts = `F${first}:F${first + 2}`;
    const f = cellAt(summary, r, 3)!;
    expect(f.kind === "formula" && f.formula).toBe(`IFERROR(INDEX(D${first}:D${first + 2},MATCH(MIN(${pcts}),${pcts},0)),0)`);
  });

  it("shows a hand-rated standard's rating without counts", () => {
    const r = rowOf("1.3");
    expect(shown(r, 6)).toBe("Requires improvement");
    expect(shown(r, 7)).toBe("Rated by hand in the Criteria sheet.");
    expect(summary.cells.filter((c) => c.row === r && c.kind !== "text")).toEqual([]);
    expect(shown(rowOf("4.1"), 7)).toBe("Rated by hand in the Criteria sheet; not counted in the overall figure.");
  });

  it("gives the overall the score sum's band, with the score and its bands", () => {
    const r = rowOf("All criteria", 1);
    expect(shown(r, 2)).toBe(a.overall.relevant);
    expect(shown(r, 6)).toBe("Good");
    expect(shown(r, 7)).toBe("Score 23 of 36 (0–6 Inadequate, 7–18 Requires improvement, 19–30 Good, 31–36 Outstanding).");
  });

  it("charts only the standards with a percentage", () => {
    expect(summary.chart?.cachedCategories?.map((c) => c.split(" ")[0])).toEqual(["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]);
  });
});

describe("Strengths & improvements under the youth standards", () => {
  let findings: ReturnType<typeof selectFindings>;
  beforeEach(() => {
    findings = selectFindings(analyseWorkbook(plannedGrids()));
  });
  it("writes a sentence per key question that names its kind of disposal", () => {
    expect(findings.strengths.map((f) => f.sentence)).toContain("The delivery of services to keep other people safe in court disposals was done well in all ten cases.");
    expect(findings.improvements.map((f) => f.sentence)).toContain("In four out of six relevant cases, reviewing the child's safety in court disposals was not done well.");
  });
});
