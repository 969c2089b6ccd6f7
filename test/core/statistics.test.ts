import fc from "fast-check";
import { analyseWorkbook, bandOf, BUILT_IN_FRAMEWORK, rateScore, readSettings, roundPercent, type Analysis, type CellValue, type Grid } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

describe("statistics as the contract defines them", () => {
  const rows: CellValue[][] = [
    validRow("C01", "Community", "Yes", { "2.1": "Yes" }),
    validRow("C02", "Community", "No", { "2.1": "No" }),
    validRow("C03", "Custody", "No", { "2.1": "N/A", "3.6": "No" }),
    validRow("C04", "Custody", "Yes", { "2.1": null }),
    validRow("C05", "Community", "Yes", { "2.1": "Bad" }),
  ];
  // Analysed in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let a: Analysis;
  beforeEach(() => {
    a = analyseWorkbook({ cases: makeGrid([standardHeader(), ...rows]) });
  });
  const by = (id: string) => a.criteria.find((c) => c.id === id)!;

  it("counts relevant, met, not met and unjudged per criterion", () => {
    expect(by("2.1")).toMatchObject({ relevant: 2, met: 1, notMet: 1, unjudged: 1, notApplicable: 1, excluded: 1, percent: 50 });
    expect(by("3.6")).toMatchObject({ relevant: 2, met: 1, notMet: 1, notApplicable: 3 });
    expect(by("1.2")).toMatchObject({ relevant: 3, met: 3 });
    expect(a.cases.cases).toHaveLength(5);
  });

  it("pools sections over their criteria", () => {
    const s2 = a.sections.find((s) => s.number === "2")!;
    const crit = a.criteria.filter((c) => c.section === "2");
    expect(s2.relevant).toBe(crit.reduce((n, c) => n + c.relevant, 0));
    expect(s2.met).toBe(crit.reduce((n, c) => n + c.met, 0));
    expect(s2.percent).toBeCloseTo((100 * s2.met) / s2.relevant, 10);
    expect(a.overall.relevant).toBe(a.criteria.reduce((n, c) => n + c.relevant, 0));
  });

  it("has no percentage when nothing is relevant", () => {
    const b = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "No", { "2.1": "N/A" })]) });
    expect(b.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 0, percent: null, band: null });
  });

  it("rates with the HMI Probation 2018 bands and rounds to one decimal", () => {
    expect([rateScore(80, "hmip-2018"), rateScore(79.9, "hmip-2018"), rateScore(65, "hmip-2018"), rateScore(50, "hmip-2018"), rateScore(49.9, "hmip-2018")]).toEqual([
      "Outstanding",
      "Good",
      "Good",
      "Requires improvement",
      "Inadequate",
    ]);
    expect(rateScore(90, "none")).toBeNull();
    expect(roundPercent((100 * 11) / 19)).toBe(57.9);
    expect(roundPercent((100 * 2) / 3)).toBe(66.7);
    expect(bandOf(80, { strengthThreshold: 80, improvementThreshold: 65 })).toBe("strength");
    expect(bandOf(65, { strengthThreshold: 80, improvementThreshold: 65 })).toBe("improvement");
    expect(bandOf(70, { strengthThreshold: 80, improvementThreshold: 65 })).toBe("middle");
  });
});

describe("the Settings sheet", () => {
  const grid = (rows: CellValue[][]): Grid => makeGrid([["Setting", "Value"], ...rows], { sheet: "Settings" });
  it("has defaults", () => {
    const { settings, issues } = readSettings(null);
    expect(settings).toMatchObject({ strengthThreshold: 80, improvementThreshold: 65, ratingScheme: "none", redact: false });
    expect(issues).toEqual([]);
  });
  it("reads values typed any common way", () => {
    const { settings, issues } = readSettings(
      grid([
        ["Service name", " Northbrook YJS "],
        ["Inspection start", 41806],
        ["Inspection end", "2014-06-18"],
        ["Strength threshold", 0.75],
        ["Improvement threshold", "60%"],
        ["Rating scheme", "HMI Probation 2018"],
        ["Redact case IDs and names", "yes"],
        ["Counts in words up to", 12],
      ]),
    );
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({
      serviceName: "Northbrook YJS",
      inspectionStart: "2014-06-16",
      inspectionEnd: "2014-06-18",
      strengthThreshold: 75,
      improvementThreshold: 60,
      ratingScheme: "hmip-2018",
      redact: true,
    });
    expect(settings.phrases.wordsUpTo).toBe(12);
  });
  it("warns on a bad value and keeps the default", () => {
    const { settings, issues } = readSettings(grid([["Strength threshold", "lots"], ["Rating scheme", "Stars"], ["Colour", "blue"]]));
    expect(issues.map((i) => [i.code, i.cell, i.severity])).toEqual([
      ["invalid-setting", "B2", "warning"],
      ["invalid-setting", "B3", "warning"],
      ["unknown-setting", "A4", "warning"],
    ]);
    expect(settings.strengthThreshold).toBe(80);
  });
});

describe("properties (fast-check)", () => {
  const judgement = fc.constantFrom<CellValue>("Yes", "No", "N/A", null, "yes", "Y", "n/a", "Maybe", 3, true, { error: "#N/A" }, "");
  const caseRow = fc.tuple(
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
    fc.constantFrom<CellValue>("Community", "Custody", "custody", "", "Prison", null),
    fc.constantFrom<CellValue>("Yes", "No", "", "maybe"),
    fc.array(judgement, { minLength: 20, maxLength: 20 }),
  ).map(([id, sentence, psr, js]): CellValue[] => [id, "M", sentence, psr, ...js]);
  const rowsArb = fc.array(caseRow, { maxLength: 40 });

  it("met + notMet = relevant, percent within 0–100, sections pooled", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const a = analyseWorkbook({ cases: makeGrid([standardHeader(), ...rows]) });
        for (const c of a.criteria) {
          if (c.met + c.notMet !== c.relevant) return false;
          if (c.percent !== null && (c.percent < 0 || c.percent > 100)) return false;
          if (c.relevant === 0 && c.percent !== null) return false;
          if (!c.phrase.includes(String(c.relevant)) && c.relevant > 10) return false;
        }
        const pooled = a.sections.reduce((n, s) => n + s.relevant, 0);
        return pooled === a.overall.relevant && a.overall.met <= a.overall.relevant;
      }),
      { numRuns: 200 },
    );
  });

  it("results do not depend on row order", () => {
    const pair = rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })));
    fc.assert(
      fc.property(pair, ([rows, perm]) => {
        const a = analyseWorkbook({ cases: makeGrid([standardHeader(), ...rows]) });
        const b = analyseWorkbook({ cases: makeGrid([standardHeader(), ...perm]) });
        return JSON.stringify(a.criteria) === JSON.stringify(b.criteria) && a.errors === b.errors && a.warnings === b.warnings;
      }),
      { numRuns: 150 },
    );
  });

  it("parsing never throws on any grid", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom<CellValue>({ error: "#REF!" }, "Case ID", "Sentence", "PSR", "1.1 x", "2.1", "1 Notes", "Yes", "No", "N/A", "Custody"),
    );
    const grid = fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 15 });
    fc.assert(
      fc.property(grid, grid, grid, grid, fc.string({ maxLength: 10 }), (cases, criteria, settings, interviews, sheet) => {
        const a = analyseWorkbook({
          cases: makeGrid(cases, { sheet }),
          criteria: makeGrid(criteria, { sheet: "Criteria" }),
          settings: makeGrid(settings, { sheet: "Settings" }),
          interviews: makeGrid(interviews, { sheet: "Interviews" }),
        });
        return a.issues.every((i) => typeof i.message === "string" && i.message.length > 0) && Array.isArray(a.criteria);
      }),
      { numRuns: 300 },
    );
  });

  it("framework criteria always produce one statistic each", () => {
    const a = analyseWorkbook({ cases: makeGrid([standardHeader()]) });
    expect(a.criteria.map((c) => c.id)).toEqual(BUILT_IN_FRAMEWORK.criteria.map((c) => c.id));
  });
});
