import { analyseWorkbook, findingCaution, readSettings, selectFindings, toReportJson, wilsonInterval, type CellValue, type Grid } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const settingsGrid = (rows: CellValue[][]) => makeGrid([["Setting", "Value"], ...rows], { sheet: "Settings" });

describe("the minimum relevant count", () => {
  it("is none by default, a whole number when set, and a warning otherwise", () => {
    expect(readSettings(null).settings.minRelevant).toBeNull();
    expect(readSettings(settingsGrid([["Minimum relevant cases", 5]])).settings.minRelevant).toBe(5);
    expect(readSettings(settingsGrid([["Minimum relevant cases", "None"]])).settings.minRelevant).toBeNull();
    const bad = readSettings(settingsGrid([["Minimum relevant cases", "a few"]]));
    expect(bad.settings.minRelevant).toBeNull();
    expect(bad.issues.map((i) => [i.code, i.cell])).toEqual([["invalid-setting", "B2"]]);
  });

  // Four cases: 2.1 judged on two (Yes, Yes), 1.1 on all four (Yes ×4).
  const rows = [
    validRow("C01", "Community", "No", { "2.1": "Yes" }),
    validRow("C02", "Community", "No", { "2.1": "Yes" }),
    validRow("C03", "Community", "No", { "2.1": "N/A" }),
    validRow("C04", "Community", "No", { "2.1": "N/A" }),
  ];
  // Made in beforeEach (its header comes from the core), not in the describe body, so a mutation run's per-test coverage sees it.
  let cases: Grid;
  beforeEach(() => {
    cases = makeGrid([standardHeader(), ...rows]);
  });

  it("leaves a criterion below it without a band or rating, saying too few to rate", () => {
    const a = analyseWorkbook({ cases, settings: settingsGrid([["Minimum relevant cases", 3], ["Rating scheme", "HMI Probation 2018"]]) });
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 2, percent: 100, tooFew: true, band: null, rating: null });
    expect(a.criteria.find((c) => c.id === "1.1")).toMatchObject({ relevant: 4, tooFew: false, band: "strength", rating: "Outstanding" });
    expect(toReportJson(a).criteria.find((c) => c.id === "2.1")).toMatchObject({ tooFewToRate: true, band: null });
    // Without the setting the same criterion is rated.
    expect(analyseWorkbook({ cases }).criteria.find((c) => c.id === "2.1")).toMatchObject({ tooFew: false, band: "strength" });
  });

  it("applies to sections, pooled", () => {
    const a = analyseWorkbook({ cases, settings: settingsGrid([["Minimum relevant cases", 5]]) });
    // Section 1: 1.1 and 1.3 on four cases each (1.2 N/A without a PSR, 1.4 Yes): well over five.
    expect(a.sections.find((s) => s.number === "1")).toMatchObject({ tooFew: false });
    expect(a.sections.find((s) => s.number === "5")).toMatchObject({ relevant: 4, tooFew: true, band: null });
  });

  it("never makes a finding of a criterion too few to rate", () => {
    const a = analyseWorkbook({ cases, settings: settingsGrid([["Minimum relevant cases", 3]]) });
    expect(selectFindings(a).strengths.map((f) => f.criterion.id)).not.toContain("2.1");
  });
});

describe("a finding on few cases says so", () => {
  it("with the interval, below ten relevant cases", () => {
    const a = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "No", { "2.1": "Yes" }), validRow("C02", "Community", "No", { "2.1": "Yes" })]) });
    const f = selectFindings(a).strengths.find((s) => s.criterion.id === "2.1")!;
    expect(f.caution).toBe("Based on only two relevant cases, so treat it with care: with 95% confidence the rate lies between 34% and 100%.");
    expect(findingCaution({ relevant: 1, interval: wilsonInterval(1, 1) })).toContain("only one relevant case");
    expect(findingCaution({ relevant: 9, interval: wilsonInterval(9, 9) })).not.toBeNull();
    expect(findingCaution({ relevant: 10, interval: wilsonInterval(10, 10) })).toBeNull();
  });

  it("every figure has its interval in the JSON", () => {
    const json = toReportJson(analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "No", { "2.1": "No" })]) }));
    // 0 out of 1: Wilson 0–79.3% (z = 1.96: 1 / (1 + 3.8415) = 0.7935).
    expect(json.criteria.find((c) => c.id === "2.1")!.interval).toEqual({ low: 0, high: 79.3 });
    expect(json.sections[0]!.interval).not.toBeNull();
    expect(json.overall.interval).not.toBeNull();
  });
});
