/**
 * The roll-up's core: plain statistics checked against hand-worked values, workbooks matched by
 * ID and title (never by position), the same inspection counted once, and the reading of a row
 * (weak everywhere, one service apart). Every expected value here is worked out by hand from the
 * figures in the test, not with the code under test.
 */
import { DEFAULT_SETTINGS, median, pooled, range, readSpread, rollUp, sameInspection, toRollupJson, type Rollup, type RollupWorkbook } from "../../src/core";
import { rollupWorkbook, type Counts } from "../helpers/rollup-workbook";

/** A workbook summary from counts per criterion ("2.1": [met, relevant]); titles "Criterion 2.1" unless given. */
const workbook = rollupWorkbook;

describe("plain statistics", () => {
  test("median: the middle value, or the mean of the middle two; none for no values", () => {
    expect(median([40, 90, 70])).toBe(70);
    expect(median([40, 90, 70, 50])).toBe(60);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  test("range: lowest and highest", () => {
    expect(range([40, 90, 70])).toEqual({ min: 40, max: 90 });
    expect(range([-1, -1])).toEqual({ min: -1, max: -1 });
    expect(range([])).toBeNull();
  });

  test("pooled: met over relevant summed, not the mean of the percentages", () => {
    // 9 of 10 (90%) and 10 of 40 (25%): pooled 19 of 50 = 38%, where the mean of the two would be 57.5%.
    expect(pooled([{ met: 9, relevant: 10 }, { met: 10, relevant: 40 }])).toEqual({ met: 19, relevant: 50, percent: 38 });
    expect(pooled([{ met: 0, relevant: 0 }])).toEqual({ met: 0, relevant: 0, percent: null });
  });
});

describe("the same inspection counted once", () => {
  const a = workbook("a.xlsx", "North YOS", { "1.1": [8, 10] });

  test("the same file, by its SHA-256, whatever its name", () => {
    const copy = { ...a, source: { ...a.source, file: "copy of a.xlsx" } };
    expect(sameInspection(copy, a)).toMatch(/same file/);
  });

  test("the same service and dates, even with other contents (a later save)", () => {
    const later = workbook("a-v2.xlsx", " north  yos ", { "1.1": [9, 10] });
    expect(sameInspection(later, a)).toMatch(/same service and inspection dates/);
  });

  test("the same service on other dates is another inspection", () => {
    expect(sameInspection(workbook("q2.xlsx", "North YOS", { "1.1": [8, 10] }, { inspectionStart: "2026-06-01", inspectionEnd: "2026-06-03" }), a)).toBeNull();
  });

  test("without dates, only the very same figures make it the same inspection", () => {
    const undated = (file: string, counts: Counts) => workbook(file, "", counts, { inspectionStart: null, inspectionEnd: null });
    expect(sameInspection(undated("x.xlsx", { "1.1": [8, 10] }), undated("y.xlsx", { "1.1": [8, 10] }))).toMatch(/same figures/);
    expect(sameInspection(undated("x.xlsx", { "1.1": [8, 10] }), undated("y.xlsx", { "1.1": [7, 10] }))).toBeNull();
  });

  test("a copy of a workbook with no service name, dated, is still the same file", () => {
    const unnamed = workbook("x.xlsx", "", { "1.1": [8, 10] });
    const r = rollUp([unnamed, { ...unnamed, source: { ...unnamed.source, file: "copy of x.xlsx" } }]);
    expect([r.services.length, r.skipped.map((s) => s.duplicateOf)]).toEqual([1, ["x.xlsx"]]);
  });

  test("rollUp counts the first and lists the other with the file it repeats", () => {
    const r = rollUp([a, { ...a, source: { ...a.source, file: "again.xlsx" } }]);
    expect(r.services.map((s) => s.workbook.source.file)).toEqual(["a.xlsx"]);
    expect(r.skipped).toEqual([{ file: "again.xlsx", reason: expect.stringMatching(/^Not counted again: .*"a\.xlsx"/), duplicateOf: "a.xlsx" }]);
    expect(r.criteria[0]).toMatchObject({ met: 8, relevant: 10 });
  });
});

describe("of several saves of one inspection, the last counts", () => {
  const at = (w: RollupWorkbook, modifiedAt: string): RollupWorkbook => ({ ...w, source: { ...w.source, modifiedAt } });
  const older = at(workbook("north.xlsx", "North YOS", { "1.1": [7, 10] }), "2026-03-05T10:00:00.000Z");
  const newer = at(workbook("north final.xlsx", "North YOS", { "1.1": [9, 10] }), "2026-03-06T10:00:00.000Z");

  test.each([
    ["newer first", [newer, older]],
    ["older first", [older, newer]],
  ])("%s", (_, list) => {
    const r = rollUp(list);
    expect(r.services.map((s) => s.workbook.source.file)).toEqual(["north final.xlsx"]);
    expect(r.criteria[0]).toMatchObject({ met: 9, relevant: 10 });
    expect(r.skipped).toEqual([{ file: "north.xlsx", duplicateOf: "north final.xlsx", reason: expect.stringMatching(/which was saved later and is counted/) }]);
  });
});

describe("criteria matched by ID and title, never by position", () => {
  const north = workbook("north.xlsx", "North YOS", { "1.1": [8, 10], "2.1": [5, 10], "2.2": [1, 4] });
  // South words 2.1 differently, lacks 2.2, and lists its criteria in another order.
  const south = workbook("south.xlsx", "South YOS", { "2.1": [9, 10], "1.1": [3, 10] }, { titles: { "2.1": "Risk of harm assessment (revised)" } });
  // Rolled up inside each test (beforeEach), not in the describe body, so a mutation run sees it.
  let r: Rollup;
  beforeEach(() => {
    r = rollUp([north, south]);
  });

  test("the same ID and title is one row, whatever the order in each framework", () => {
    const row = r.criteria.find((c) => c.id === "1.1")!;
    expect(row.byService.map((f) => f && [f.met, f.relevant])).toEqual([
      [8, 10],
      [3, 10],
    ]);
    expect(row).toMatchObject({ met: 11, relevant: 20, percent: 55 });
  });

  test("one ID worded two ways is two rows, each only where it belongs, and listed", () => {
    const rows = r.criteria.filter((c) => c.id === "2.1");
    expect(rows.map((c) => c.title).sort()).toEqual(["Criterion 2.1", "Risk of harm assessment (revised)"]);
    expect(rows.map((c) => c.byService.map((f) => f?.met ?? null))).toEqual(expect.arrayContaining([[5, null], [null, 9]]));
    expect(r.notCompared).toContainEqual(expect.objectContaining({ kind: "criterion", id: "2.1", reason: "different-titles" }));
  });

  test("a criterion one framework lacks is shown where it is, and listed", () => {
    expect(r.criteria.find((c) => c.id === "2.2")!.byService.map((f) => f?.met ?? null)).toEqual([1, null]);
    expect(r.notCompared).toContainEqual(expect.objectContaining({ id: "2.2", reason: "not-in-every-framework", message: expect.stringMatching(/only in North YOS; not in South YOS/) }));
  });
});

describe("reading a row across services", () => {
  const bands = DEFAULT_SETTINGS;

  test("weak everywhere: every service at or below the improvement threshold", () => {
    const f = (service: string, met: number) => ({ service, met, relevant: 20 });
    // 13/20 = 65% (at the threshold), 10/20 = 50%, 12/20 = 60%
    expect(readSpread([f("A", 13), f("B", 10), f("C", 12)], bands).pattern).toBe("weak-everywhere");
    // 14/20 = 70% is above it
    expect(readSpread([f("A", 14), f("B", 10), f("C", 12)], bands).pattern).not.toBe("weak-everywhere");
  });

  test("one service far below the rest stands apart; the rest are not made to look high by it", () => {
    // A: 2 of 20 (10%); B: 18 of 20; C: 17 of 20; D: 19 of 20. A's 95% interval is about 3–30%,
    // the others' pooled 54 of 60 (90%) about 80–95%: they do not overlap. With A set aside, B, C
    // and D (85–95% on 20 cases each) overlap one another.
    const reading = readSpread(
      [
        { service: "A", met: 2, relevant: 20 },
        { service: "B", met: 18, relevant: 20 },
        { service: "C", met: 17, relevant: 20 },
        { service: "D", met: 19, relevant: 20 },
      ],
      bands,
    );
    expect(reading.pattern).toBe("outliers");
    expect(reading.outliers).toEqual([{ service: "A", direction: "low", percent: 10, othersPercent: 90 }]);
  });

  test("services that overlap are read as mixed; fewer than three as too few", () => {
    expect(readSpread([{ service: "A", met: 12, relevant: 20 }, { service: "B", met: 15, relevant: 20 }, { service: "C", met: 17, relevant: 20 }], bands).pattern).toBe("mixed");
    expect(readSpread([{ service: "A", met: 2, relevant: 20 }, { service: "B", met: 18, relevant: 20 }], bands).pattern).toBe("too-few-services");
  });
});

describe("rollUp", () => {
  const a = workbook("a.xlsx", "Alpha", { "1.1": [9, 10], "1.2": [2, 4] });
  const b = workbook("b.xlsx", "Bravo", { "1.1": [5, 10], "1.2": [0, 0] }, { errors: 2, excludedCells: 2 });
  const c = workbook("c.xlsx", "Charlie", { "1.1": [14, 20], "1.2": [3, 3] });
  let r: Rollup;
  beforeEach(() => {
    r = rollUp([c, b, a], [{ source: { file: "bad.xlsx", bytes: 10, sha256: "x", readAt: "2026-12-01T09:00:00.000Z", modifiedAt: null }, reason: "The file is damaged." }]);
  });

  test("services in name order; median and range over the services that judged a criterion", () => {
    expect(r.services.map((s) => s.label)).toEqual(["Alpha", "Bravo", "Charlie"]);
    // 1.1: 90%, 50%, 70% → median 70, lowest 50 (Bravo), highest 90 (Alpha); pooled 28 of 40 = 70%.
    expect(r.criteria.find((x) => x.id === "1.1")).toMatchObject({ met: 28, relevant: 40, percent: 70, median: 70, lowest: { percent: 50, services: ["Bravo"] }, highest: { percent: 90, services: ["Alpha"] } });
    // 1.2: Bravo had no relevant case: 50% and 100% → median 75; pooled 5 of 7.
    const c12 = r.criteria.find((x) => x.id === "1.2")!;
    expect(c12).toMatchObject({ met: 5, relevant: 7, median: 75, servicesJudged: 2 });
    expect(c12.percent).toBeCloseTo(500 / 7, 10);
  });

  test("workbooks with errors are counted and totalled; unusable files are listed, never counted", () => {
    expect(r.totals).toMatchObject({ errors: 2, excludedCells: 2, withErrors: 1, cases: 60 });
    expect(r.skipped).toEqual([{ file: "bad.xlsx", reason: "The file is damaged." }]);
    expect(r.sources.map((s) => [s.source.file, s.status.split(":")[0]])).toEqual([
      ["c.xlsx", "Counted."],
      ["b.xlsx", "Counted, with 2 errors"],
      ["a.xlsx", "Counted."],
      ["bad.xlsx", "Not used"],
    ]);
  });

  test("the JSON document has services, criteria, pooled and skipped, percentages to one decimal", () => {
    const json = toRollupJson(r);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["services", "criteria", "pooled", "skipped"]));
    expect(json.criteria.find((x) => x.id === "1.2")).toMatchObject({ percent: 71.4, median: 75, range: 50 });
    // Overall: Alpha 11/14, Bravo 5/10, Charlie 17/23 → pooled 33 of 47 = 70.2%.
    expect(json.pooled).toMatchObject({ services: 3, met: 33, relevant: 47, percent: 70.2 });
    expect(json.skipped).toEqual([{ file: "bad.xlsx", reason: "The file is damaged." }]);
  });

  test("a service named twice on other dates is told apart by its dates", () => {
    const q1 = workbook("q1.xlsx", "Alpha", { "1.1": [9, 10] });
    const q2 = workbook("q2.xlsx", "Alpha", { "1.1": [5, 10] }, { inspectionStart: "2026-06-01", inspectionEnd: "2026-06-01" });
    expect(rollUp([q2, q1]).services.map((s) => s.label)).toEqual(["Alpha (1 March 2026 to 3 March 2026)", "Alpha (1 June 2026)"]);
  });
});
