/**
 * The roll-up's parts (src/core/rollup.ts), each figure worked out by hand from issue 17, the
 * README's roll-up section and docs/json.md: a workbook's summary and band words, text matched
 * whatever its quotes, dashes, spaces and case, the same inspection counted once (and the later
 * save the one counted), services labelled and ordered, bands agreed or not, pooled totals, median
 * and range, the reading of a row, and what is listed as not compared. Every roll-up is made inside
 * its test, never at load time.
 */
import {
  baseName,
  bandWords,
  countOnce,
  matchKey,
  readSpread,
  rollUp,
  sameInspection,
  summariseForRollup,
  type Analysis,
  type RollupBandSettings,
  type RollupSource,
  type RollupWorkbook,
} from "../../src/core";
import { DEFAULT_BANDS, rollupWorkbook as workbook } from "../helpers/rollup-workbook";

const undated = { inspectionStart: null, inspectionEnd: null };
const files = (r: { services: readonly { workbook: RollupWorkbook }[] }): string[] => r.services.map((s) => s.workbook.source.file);

describe("a workbook's summary", () => {
  test("the service name trimmed, the counts and band words as its own Summary gives them", () => {
    const settings = { ...DEFAULT_BANDS, serviceName: "  North YOS  ", inspectionStart: "2026-03-01", inspectionEnd: null };
    const stat = (relevant: number, met: number, extra: object) => ({ relevant, met, percent: relevant === 0 ? null : (100 * met) / relevant, tooFew: false, band: null, rating: null, ...extra });
    const analysis = {
      settings,
      cases: { cases: [{}, {}, {}] },
      sections: [{ number: 2, title: "Assessment", ...stat(10, 9, { band: "strength" }) }],
      overall: stat(10, 9, { band: "strength" }),
      criteria: [
        { id: "2.1", section: 2, title: "Risk", notMet: 1, excluded: 2, ...stat(4, 3, { tooFew: true }) },
        { id: "2.2", section: 2, title: "Plan", notMet: 0, excluded: 0, ...stat(6, 6, { band: "strength" }) },
      ],
      errors: 1,
      warnings: 4,
      excludedCells: 2,
    } as unknown as Analysis;
    const source: RollupSource = { file: "north.xlsx", bytes: 1, sha256: "ab", readAt: "2026-12-01T09:00:00.000Z", modifiedAt: null };
    const w = summariseForRollup(analysis, source);
    expect(w).toEqual({
      source,
      service: "North YOS",
      inspectionStart: "2026-03-01",
      inspectionEnd: null,
      cases: 3,
      sections: [{ number: "2", title: "Assessment", relevant: 10, met: 9, percent: 90, band: "Strength" }],
      overall: { relevant: 10, met: 9, percent: 90, band: "Strength" },
      criteria: [
        { id: "2.1", section: "2", title: "Risk", notMet: 1, excluded: 2, relevant: 4, met: 3, percent: 75, band: "Too few cases to rate" },
        { id: "2.2", section: "2", title: "Plan", notMet: 0, excluded: 0, relevant: 6, met: 6, percent: 100, band: "Strength" },
      ],
      errors: 1,
      warnings: 4,
      excludedCells: 2,
      bands: DEFAULT_BANDS,
    });
  });

  test("band words: a rating first, then no relevant cases, then too few, then the band", () => {
    expect(bandWords({ relevant: 0, tooFew: true, band: null, rating: "Good" })).toBe("Good");
    expect(bandWords({ relevant: 0, tooFew: true, band: null, rating: null })).toBe("No relevant cases");
    expect(bandWords({ relevant: 0, tooFew: false, band: null, rating: null })).toBe("No relevant cases");
    expect(bandWords({ relevant: 3, tooFew: true, band: null, rating: null })).toBe("Too few cases to rate");
    expect(bandWords({ relevant: 10, tooFew: false, band: "strength", rating: null })).toBe("Strength");
    expect(bandWords({ relevant: 10, tooFew: false, band: "improvement", rating: null })).toBe("Improvement needed");
    expect(bandWords({ relevant: 10, tooFew: false, band: "middle", rating: null })).toBe("–");
  });
});

describe("text matched whatever its quotes, dashes, spaces and case", () => {
  test("matchKey", () => {
    expect(matchKey("  Young Person\u2019s  \u201cPlan\u201d \u2013 REVIEWED\t")).toBe("young person's \"plan\" - reviewed");
    expect(matchKey("Child\u02bcs plan \u2010 \u2018risk\u2019")).toBe("child's plan - 'risk'");
    // NFKC: the ligature ﬁ is f and i; a no-break space is a space.
    expect(matchKey("Proﬁle\u00a0review")).toBe("profile review");
  });

  test("criteria worded alike but for quotes and spacing are one row, not listed as not compared", () => {
    const north = workbook("north.xlsx", "North YOS", { "2.1": [8, 10] }, { titles: { "2.1": "Young person\u2019s plan" } });
    const south = workbook("south.xlsx", "South YOS", { "2.1": [2, 10] }, { titles: { "2.1": "young person's  PLAN" } });
    const r = rollUp([north, south]);
    expect(r.criteria.map((c) => [c.id, c.met, c.relevant])).toEqual([["2.1", 10, 20]]);
    expect(r.notCompared).toEqual([]);
  });

  test("baseName: the file name without its folder, for / and \\ alike", () => {
    expect(baseName("/data/q1/north.xlsx")).toBe("north.xlsx");
    expect(baseName("C:\\data\\q1\\south.xlsx")).toBe("south.xlsx");
    expect(baseName("C:\\data/q1\\east.xlsx")).toBe("east.xlsx");
    expect(baseName("D:/data\\q1/west.xlsx")).toBe("west.xlsx");
    expect(baseName("north.xlsx")).toBe("north.xlsx");
  });
});

describe("the same inspection: why, or not", () => {
  const a = workbook("a.xlsx", "North YOS", { "1.1": [8, 10] });

  test("each reason in full", () => {
    expect(sameInspection({ ...a, source: { ...a.source, file: "copy.xlsx" } }, a)).toBe("it is the same file (same SHA-256)");
    expect(sameInspection(workbook("b.xlsx", "north yos", { "1.1": [9, 10] }), a)).toBe("it is the same service and inspection dates");
    const n1 = workbook("n1.xlsx", "North YOS", { "1.1": [8, 10] }, undated);
    const n2 = workbook("n2.xlsx", "North YOS", { "1.1": [8, 10] }, undated);
    expect(sameInspection(n2, n1)).toBe("it has the same service and figures, and no inspection dates to tell them apart");
    const u1 = workbook("u1.xlsx", "", { "1.1": [8, 10] }, undated);
    const u2 = workbook("u2.xlsx", "", { "1.1": [8, 10] }, undated);
    expect(sameInspection(u2, u1)).toBe("it has the same figures, and no inspection dates to tell them apart");
  });

  test("another service on the same dates is another inspection", () => {
    expect(sameInspection(workbook("s.xlsx", "South YOS", { "1.1": [8, 10] }), a)).toBeNull();
  });

  test("a start date alone, or an end date alone, dates an inspection", () => {
    const start = (file: string, met: number) => workbook(file, "North YOS", { "1.1": [met, 10] }, { inspectionStart: "2026-03-01", inspectionEnd: null });
    const end = (file: string, met: number) => workbook(file, "North YOS", { "1.1": [met, 10] }, { inspectionStart: null, inspectionEnd: "2026-03-03" });
    expect(sameInspection(start("x.xlsx", 7), start("y.xlsx", 9))).toBe("it is the same service and inspection dates");
    expect(sameInspection(end("x.xlsx", 7), end("y.xlsx", 9))).toBe("it is the same service and inspection dates");
  });

  test("two workbooks with no service name are not the same inspection by their dates", () => {
    expect(sameInspection(workbook("x.xlsx", "", { "1.1": [7, 10] }), workbook("y.xlsx", "", { "1.1": [9, 10] }))).toBeNull();
  });

  test("two files that could not be hashed are not the same file for it", () => {
    const x = workbook("x.xlsx", "North YOS", { "1.1": [7, 10] }, { source: { sha256: null } });
    expect(sameInspection(workbook("y.xlsx", "South YOS", { "1.1": [9, 10] }, { source: { sha256: null } }), x)).toBeNull();
    expect(sameInspection(workbook("z.xlsx", "North YOS", { "1.1": [9, 10] }, { source: { sha256: null } }), x)).toBe("it is the same service and inspection dates");
  });

  test("an undated workbook is not a dated one with the same figures", () => {
    const dated = workbook("d.xlsx", "North YOS", { "1.1": [8, 10] });
    const plain = workbook("p.xlsx", "North YOS", { "1.1": [8, 10] }, undated);
    expect(sameInspection(plain, dated)).toBeNull();
  });
});

describe("the same inspection counted once", () => {
  test("workbooks whose files could not be hashed are not taken for one file", () => {
    const x = workbook("x.xlsx", "North YOS", { "1.1": [8, 10] }, { source: { sha256: null } });
    const y = workbook("y.xlsx", "South YOS", { "1.1": [5, 10] }, { source: { sha256: null } });
    expect(files(rollUp([x, y]))).toEqual(["x.xlsx", "y.xlsx"]);
  });

  test("workbooks with no service name, on the same dates, are each counted", () => {
    const r = rollUp([workbook("/q1/b.xlsx", "", { "1.1": [7, 10] }), workbook("/q1/a.xlsx", "", { "1.1": [9, 10] })]);
    expect(r.services.map((s) => s.label)).toEqual(["Not named (a.xlsx)", "Not named (b.xlsx)"]);
    expect(r.skipped).toEqual([]);
  });

  test("undated saves of one service with other figures are two inspections, told apart by file", () => {
    const r = rollUp([workbook("b.xlsx", "North YOS", { "1.1": [7, 10] }, undated), workbook("a.xlsx", "North YOS", { "1.1": [9, 10] }, undated)]);
    expect(r.services.map((s) => s.label)).toEqual(["North YOS (not recorded) [a.xlsx]", "North YOS (not recorded) [b.xlsx]"]);
  });

  test("undated copies with the same figures count once; undated services apart are each counted", () => {
    const r = rollUp([
      workbook("n1.xlsx", "North YOS", { "1.1": [8, 10] }, undated),
      workbook("n2.xlsx", "north yos", { "1.1": [8, 10] }, undated),
      workbook("s.xlsx", "South YOS", { "1.1": [8, 10] }, undated),
    ]);
    expect(files(r)).toEqual(["n1.xlsx", "s.xlsx"]);
    expect(r.skipped).toEqual([
      {
        file: "n2.xlsx",
        duplicateOf: "n1.xlsx",
        reason: 'Not counted again: it has the same service and figures, and no inspection dates to tell them apart as "n1.xlsx" (North YOS), which is counted.',
      },
    ]);
  });

  test("figures that only run together alike are not the same figures", () => {
    // 1.1 1 of 1 and 12.1 3 of 4, against 1.1 1 of 11 and 2.1 3 of 4: other figures.
    const x = workbook("x.xlsx", "North YOS", { "1.1": [1, 1], "12.1": [3, 4] }, undated);
    const y = workbook("y.xlsx", "North YOS", { "1.1": [1, 11], "2.1": [3, 4] }, undated);
    expect(files(rollUp([x, y]))).toEqual(["x.xlsx", "y.xlsx"]);
  });

  test("the same service on other dates with the very same figures is another inspection", () => {
    const q1 = workbook("q1.xlsx", "North YOS", { "1.1": [8, 10] });
    const q2 = workbook("q2.xlsx", "North YOS", { "1.1": [8, 10] }, { inspectionStart: "2026-06-01", inspectionEnd: "2026-06-03" });
    expect(files(rollUp([q2, q1]))).toEqual(["q1.xlsx", "q2.xlsx"]);
  });

  test("saves dated by a start or an end date alone are grouped, the later counted", () => {
    for (const dates of [
      { inspectionStart: "2026-03-01", inspectionEnd: null },
      { inspectionStart: null, inspectionEnd: "2026-03-03" },
    ]) {
      const older = workbook("draft.xlsx", "North YOS", { "1.1": [6, 10] }, { ...dates, source: { modifiedAt: "2026-03-04T09:00:00.000Z" } });
      const newer = workbook("final.xlsx", "North YOS", { "1.1": [9, 10] }, { ...dates, source: { modifiedAt: "2026-03-05T09:00:00.000Z" } });
      const r = rollUp([older, newer]);
      expect(files(r)).toEqual(["final.xlsx"]);
      expect(r.criteria[0]).toMatchObject({ met: 9, relevant: 10 });
      expect(r.skipped).toEqual([
        { file: "draft.xlsx", duplicateOf: "final.xlsx", reason: 'Not counted again: it is the same service and inspection dates as "final.xlsx" (North YOS), which was saved later and is counted.' },
      ]);
    }
  });

  test("a save with a known time is counted before one whose time is not known", () => {
    const unknown = workbook("unknown.xlsx", "North YOS", { "1.1": [6, 10] });
    const known = workbook("known.xlsx", "North YOS", { "1.1": [9, 10] }, { source: { modifiedAt: "2026-03-05T09:00:00.000Z" } });
    expect(countOnce([unknown, known]).kept.map((w) => w.source.file)).toEqual(["known.xlsx"]);
    expect(countOnce([known, unknown]).kept.map((w) => w.source.file)).toEqual(["known.xlsx"]);
  });

  test("saves at the same time: the first given counts, and no later save is claimed", () => {
    const t = { modifiedAt: "2026-03-05T09:00:00.000Z" };
    const first = workbook("first.xlsx", "North YOS", { "1.1": [6, 10] }, { source: t });
    const second = workbook("second.xlsx", "North YOS", { "1.1": [9, 10] }, { source: t });
    const r = rollUp([first, second]);
    expect(files(r)).toEqual(["first.xlsx"]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['Not counted again: it is the same service and inspection dates as "first.xlsx" (North YOS), which is counted.']);
  });

  test("a copy of the same file saved later is counted, but not said to be a later save", () => {
    const a = workbook("north.xlsx", "North YOS", { "1.1": [8, 10] }, { source: { modifiedAt: "2026-03-04T09:00:00.000Z" } });
    const copy = { ...a, source: { ...a.source, file: "copy.xlsx", modifiedAt: "2026-03-09T09:00:00.000Z" } };
    const r = rollUp([a, copy]);
    expect(files(r)).toEqual(["copy.xlsx"]);
    expect(r.skipped).toEqual([{ file: "north.xlsx", duplicateOf: "copy.xlsx", reason: 'Not counted again: it is the same file (same SHA-256) as "copy.xlsx" (North YOS), which is counted.' }]);
    expect(r.sources.map((s) => s.status)).toEqual(['Not counted again: it is the same file (same SHA-256) as "copy.xlsx" (North YOS), which is counted.', "Counted."]);
  });

  test("a copy of a workbook with no service name says so", () => {
    const x = workbook("x.xlsx", "", { "1.1": [8, 10] });
    const r = rollUp([x, { ...x, source: { ...x.source, file: "again.xlsx" } }]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['Not counted again: it is the same file (same SHA-256) as "x.xlsx" (a service not named in Settings), which is counted.']);
  });
});

describe("services labelled and ordered", () => {
  test("a name used once is the label alone", () => {
    const r = rollUp([workbook("s.xlsx", "South YOS", { "1.1": [1, 2] }), workbook("n.xlsx", "North YOS", { "1.1": [1, 2] })]);
    expect(r.services.map((s) => s.label)).toEqual(["North YOS", "South YOS"]);
  });

  test("by name, then by dates, then by file — whatever the order given", () => {
    const q2 = workbook("a.xlsx", "North YOS", { "1.1": [1, 2] }, { inspectionStart: "2026-06-01", inspectionEnd: "2026-06-03" });
    const q1 = workbook("b.xlsx", "North YOS", { "1.1": [1, 2] });
    const east = workbook("c.xlsx", "East YOS", { "1.1": [1, 2] });
    const r = rollUp([q2, q1, east]);
    expect(r.services.map((s) => s.label)).toEqual(["East YOS", "North YOS (1 March 2026 to 3 March 2026)", "North YOS (1 June 2026 to 3 June 2026)"]);
  });

  test("the name decides before the dates: a later name with earlier dates still comes after", () => {
    const alpha = workbook("a.xlsx", "Alpha", { "1.1": [1, 2] }, { inspectionStart: "2026-06-01", inspectionEnd: "2026-06-03" });
    const bravo = workbook("b.xlsx", "Bravo", { "1.1": [1, 2] });
    expect(rollUp([alpha, bravo]).services.map((s) => s.label)).toEqual(["Alpha", "Bravo"]);
    expect(rollUp([bravo, alpha]).services.map((s) => s.label)).toEqual(["Alpha", "Bravo"]);
  });
});

describe("bands of the pooled figures", () => {
  // Pooled 14 of 20 = 70%: Strength at 70/50, neither band at the defaults (80/65).
  const own: RollupBandSettings = { strengthThreshold: 70, improvementThreshold: 50, ratingScheme: "none", minRelevant: 5 };
  const pair = (second: Partial<RollupBandSettings>) => [
    workbook("n.xlsx", "North YOS", { "1.1": [7, 10] }, { bands: own }),
    workbook("s.xlsx", "South YOS", { "1.1": [7, 10] }, { bands: { ...own, ...second } }),
  ];

  test("the workbooks' own when they all agree", () => {
    const r = rollUp(pair({}));
    expect([r.bands, r.bandsAgreed, r.criteria[0]!.band, r.overall.band]).toEqual([own, true, "Strength", "Strength"]);
  });

  test.each([
    ["strength threshold", { strengthThreshold: 75 }],
    ["improvement threshold", { improvementThreshold: 55 }],
    ["rating scheme", { ratingScheme: "hmip-2018" as const }],
    ["minimum of relevant cases", { minRelevant: null }],
  ])("the defaults when their %s differs", (_, second) => {
    const r = rollUp(pair(second));
    expect([r.bands, r.bandsAgreed, r.criteria[0]!.band]).toEqual([DEFAULT_BANDS, false, "–"]);
  });

  test("the bands given when they differ, if any are given", () => {
    const given: RollupBandSettings = { strengthThreshold: 60, improvementThreshold: 40, ratingScheme: "none", minRelevant: null };
    const r = rollUp(pair({ strengthThreshold: 75 }), [], { bands: given });
    expect([r.bands, r.bandsAgreed]).toEqual([given, false]);
  });

  test("nothing to roll up: the defaults, nothing disagreeing", () => {
    const r = rollUp([]);
    expect([r.bands, r.bandsAgreed, r.services, r.criteria, r.overall.percent]).toEqual([DEFAULT_BANDS, true, [], [], null]);
  });
});

describe("pooled totals, median and range", () => {
  test("the services tied lowest or highest are all named; a service with nothing relevant is not among them", () => {
    const r = rollUp([
      workbook("a.xlsx", "Alpha", { "1.1": [5, 10] }),
      workbook("b.xlsx", "Bravo", { "1.1": [10, 20] }),
      workbook("c.xlsx", "Charlie", { "1.1": [9, 10] }),
      workbook("d.xlsx", "Delta", { "1.1": [9, 10] }),
      workbook("e.xlsx", "Echo", { "1.1": [0, 0] }),
    ]);
    // 50, 50, 90, 90 (Echo none): median 70; pooled 33 of 50 = 66%.
    expect(r.criteria[0]).toMatchObject({
      met: 33,
      relevant: 50,
      percent: 66,
      median: 70,
      lowest: { percent: 50, services: ["Alpha", "Bravo"] },
      highest: { percent: 90, services: ["Charlie", "Delta"] },
      servicesJudged: 4,
    });
  });

  test("totals over the services counted, not over copies; a status for every file", () => {
    const a = workbook("a.xlsx", "Alpha", { "1.1": [5, 10] }, { cases: 12, errors: 1, warnings: 3, excludedCells: 1 });
    const b = workbook("b.xlsx", "Bravo", { "1.1": [5, 10] }, { cases: 30, errors: 2, warnings: 0, excludedCells: 3 });
    const c = workbook("c.xlsx", "Charlie", { "1.1": [5, 10] }, { cases: 7, warnings: 5 });
    const bad: RollupSource = { file: "bad.xlsx", bytes: null, sha256: null, readAt: "2026-12-01T09:00:00.000Z", modifiedAt: null };
    const r = rollUp([a, b, c, { ...a, source: { ...a.source, file: "a copy.xlsx" } }], [{ source: bad, reason: "The file is damaged." }]);
    expect(r.totals).toEqual({ cases: 49, errors: 3, warnings: 8, excludedCells: 4, withErrors: 2 });
    expect(r.sources.map((s) => [s.source.file, s.status])).toEqual([
      ["a.xlsx", "Counted, with 1 error: 1 cell left out of the counts."],
      ["b.xlsx", "Counted, with 2 errors: 3 cells left out of the counts."],
      ["c.xlsx", "Counted."],
      ["a copy.xlsx", 'Not counted again: it is the same file (same SHA-256) as "a.xlsx" (Alpha), which is counted.'],
      ["bad.xlsx", "Not used: The file is damaged."],
    ]);
  });
});

describe("reading a row", () => {
  const bands = DEFAULT_BANDS;
  const f = (service: string, met: number, relevant: number) => ({ service, met, relevant });

  test("strong everywhere: every judged service at or above the strength threshold", () => {
    // 16/20 = 80% (at it), 18/20, 20/20
    expect(readSpread([f("A", 16, 20), f("B", 18, 20), f("C", 20, 20)], bands)).toEqual({ pattern: "strong-everywhere", outliers: [] });
    // 15/20 = 75% is below it; the three overlap
    expect(readSpread([f("A", 15, 20), f("B", 18, 20), f("C", 20, 20)], bands).pattern).toBe("mixed");
  });

  test("nothing relevant anywhere is not judged; services with nothing relevant do not count towards three", () => {
    expect(readSpread([f("A", 0, 0), f("B", 0, 0), f("C", 0, 0)], bands)).toEqual({ pattern: "not-judged", outliers: [] });
    expect(readSpread([f("A", 2, 20), f("B", 18, 20), f("C", 0, 0)], bands)).toEqual({ pattern: "too-few-services", outliers: [] });
  });

  test("of three services one may stand apart, and only one", () => {
    // A 0/40: 95% interval 0–8.8%; the others 61/80 (76.25%): 65.9–84.2%. C 40/40: 91.2–100%;
    // the others 21/80: 17.9–36.8%. A is further apart (57.1 points against 54.4) and taken; of
    // three, at most one stands apart, though B (37.5–67.1%) and C are apart too.
    expect(readSpread([f("A", 0, 40), f("B", 21, 40), f("C", 40, 40)], bands)).toEqual({
      pattern: "outliers",
      outliers: [{ service: "A", direction: "low", percent: 0, othersPercent: 76.25 }],
    });
  });

  test("the furthest apart is taken, not the first found apart", () => {
    // As above, given the other way round: C (54.4 points apart) comes first, A (57.1) is taken.
    expect(readSpread([f("C", 40, 40), f("B", 21, 40), f("A", 0, 40)], bands).outliers).toEqual([{ service: "A", direction: "low", percent: 0, othersPercent: 76.25 }]);
  });

  test("a service far above the rest stands apart high", () => {
    // A 20/20: 83.9–100%; the others 5/40 (12.5%): 5.5–26.1%.
    expect(readSpread([f("A", 20, 20), f("B", 2, 20), f("C", 3, 20)], bands)).toEqual({
      pattern: "outliers",
      outliers: [{ service: "A", direction: "high", percent: 100, othersPercent: 12.5 }],
    });
    // B 2/20 (2.8–30.1%) is apart from A and C's 23/40 (42.2–71.5%) too, by less: A is still the one.
    expect(readSpread([f("B", 2, 20), f("C", 3, 20), f("A", 20, 20)], bands).outliers).toEqual([{ service: "A", direction: "high", percent: 100, othersPercent: 12.5 }]);
  });

  test("equally far apart: the first in order is taken first, then the test repeated without it", () => {
    // A and B 0/20 (0–16.1%) against the others' 60/80 (64.5–83.2%): the same gap; A first. Then
    // B against C, D, E's 60/60 (94.0–100%). Two of five at most.
    expect(readSpread([f("A", 0, 20), f("B", 0, 20), f("C", 20, 20), f("D", 20, 20), f("E", 20, 20)], bands).outliers).toEqual([
      { service: "A", direction: "low", percent: 0, othersPercent: 75 },
      { service: "B", direction: "low", percent: 0, othersPercent: 100 },
    ]);
  });

  test("in the roll-up, each row's reading is its services' (weak everywhere on a criterion)", () => {
    const r = rollUp([
      workbook("a.xlsx", "Alpha", { "1.1": [13, 20], "1.2": [20, 20] }),
      workbook("b.xlsx", "Bravo", { "1.1": [10, 20], "1.2": [18, 20] }),
      workbook("c.xlsx", "Charlie", { "1.1": [12, 20], "1.2": [16, 20] }),
    ]);
    expect(r.criteria.map((c) => [c.id, c.reading.pattern])).toEqual([
      ["1.1", "weak-everywhere"],
      ["1.2", "strong-everywhere"],
    ]);
  });
});

describe("rows matched by ID and title; what is not compared, listed", () => {
  test("criteria in ID order (10 after 2), whatever each framework's order", () => {
    const north = workbook("n.xlsx", "North YOS", { "10.1": [1, 2], "2.1": [1, 2], "1.1": [1, 2] });
    const south = workbook("s.xlsx", "South YOS", { "2.1": [1, 2], "1.1": [1, 2], "10.1": [2, 2] });
    expect(rollUp([north, south]).criteria.map((c) => [c.id, c.met, c.relevant])).toEqual([
      ["1.1", 2, 4],
      ["2.1", 2, 4],
      ["10.1", 3, 4],
    ]);
  });

  test("each criterion and section not in every framework, or worded differently, in one line each", () => {
    const north = workbook("n.xlsx", "North YOS", { "1.1": [1, 2], "2.1": [1, 2], "3.1": [1, 2] });
    const south = workbook("s.xlsx", "South YOS", { "1.1": [1, 2], "2.1": [1, 2] }, { titles: { "2.1": "Risk (revised)" } });
    const r = rollUp([north, south]);
    expect(r.notCompared).toEqual([
      { kind: "section", id: "3", reason: "not-in-every-framework", message: 'Section 3 "Section 3" is only in North YOS; not in South YOS.' },
      { kind: "criterion", id: "2.1", reason: "different-titles", message: 'Criterion 2.1 is worded differently: "Criterion 2.1" in North YOS; "Risk (revised)" in South YOS. Each wording is shown on its own row.' },
      { kind: "criterion", id: "3.1", reason: "not-in-every-framework", message: 'Criterion 3.1 "Criterion 3.1" is only in North YOS; not in South YOS.' },
    ]);
    expect(r.criteria.map((c) => [c.id, c.title, c.byService.map((x) => x?.met ?? null)])).toEqual([
      ["1.1", "Criterion 1.1", [1, 1]],
      ["2.1", "Criterion 2.1", [1, null]],
      ["2.1", "Risk (revised)", [null, 1]],
      ["3.1", "Criterion 3.1", [1, null]],
    ]);
  });

  test("services listed in full up to four, then the first three and how many more", () => {
    const names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
    const roll = (withIt: number) =>
      rollUp(names.map((n, i) => workbook(`${n}.xlsx`, n, i < withIt ? { "1.1": [1, 2], "1.2": [1, 2] } : { "1.1": [1, 2] }))).notCompared.find((x) => x.kind === "criterion")!.message;
    expect(roll(5)).toBe('Criterion 1.2 "Criterion 1.2" is only in Alpha, Bravo, Charlie and 2 more; not in Foxtrot.');
    expect(roll(4)).toBe('Criterion 1.2 "Criterion 1.2" is only in Alpha, Bravo, Charlie and Delta; not in Echo and Foxtrot.');
    expect(roll(3)).toBe('Criterion 1.2 "Criterion 1.2" is only in Alpha, Bravo and Charlie; not in Delta, Echo and Foxtrot.');
  });
});
