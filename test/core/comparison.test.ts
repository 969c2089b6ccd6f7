/**
 * Comparison with a previous inspection: Newcombe's interval for a difference of two proportions
 * against its published worked examples, the direction it gives, and criteria matched by ID and
 * title, never by position.
 */
import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  changeClause,
  changeMarker,
  compareWithPrevious,
  figureChange,
  newcombeDifference,
  withChange,
  type Analysis,
  type Comparison,
  type PreviousInspection,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  // Newcombe RG (1998). Interval estimation for the difference between independent proportions:
  // comparison of eleven methods. Statistics in Medicine 17:873–890. Table II, method 10 (score
  // interval for each proportion, no continuity correction), 95% limits for p1 − p2. Examples a, b
  // and d are also reproduced by the test suites of the R packages propint and ratesci.
  test.each([
    ["a", 56, 70, 48, 80, 0.0524, 0.3339],
    ["b", 9, 10, 3, 10, 0.1705, 0.809],
    ["d", 5, 56, 0, 29, -0.0381, 0.1926],
    ["e", 0, 10, 0, 20, -0.1611, 0.2775],
    ["f", 0, 10, 0, 10, -0.2775, 0.2775],
    ["g", 10, 10, 0, 20, 0.6791, 1],
    ["h", 10, 10, 0, 10, 0.6075, 1],
  ])("example (%s): %i/%i − %i/%i is %f to %f", (_example, m1, n1, m2, n2, low, high) => {
    const d = newcombeDifference(m1, n1, m2, n2)!;
    expect(d.low / 100).toBeCloseTo(low, 4);
    expect(d.high / 100).toBeCloseTo(high, 4);
  });

  test("swapping the two proportions turns the interval round", () => {
    const forward = newcombeDifference(9, 10, 3, 10)!;
    const back = newcombeDifference(3, 10, 9, 10)!;
    expect(back.low).toBeCloseTo(-forward.high, 10);
    expect(back.high).toBeCloseTo(-forward.low, 10);
  });

  test("nothing relevant on either side gives no interval; counts that cannot be are refused", () => {
    expect(newcombeDifference(3, 5, 0, 0)).toBeNull();
    expect(newcombeDifference(0, 0, 3, 5)).toBeNull();
    expect(() => newcombeDifference(6, 5, 1, 5)).toThrow(RangeError);
  });
});

describe("the direction of a change", () => {
  test("improved or declined only when the interval lies wholly on one side of zero", () => {
    // Example b: 17.05 to 80.90 points, wholly above zero.
    expect(figureChange({ met: 9, relevant: 10 }, { met: 3, relevant: 10 }).direction).toBe("improved");
    expect(figureChange({ met: 3, relevant: 10 }, { met: 9, relevant: 10 }).direction).toBe("declined");
    // Example d: −3.81 to 19.26 points: 8.9 points up, but no clear change.
    const d = figureChange({ met: 5, relevant: 56 }, { met: 0, relevant: 29 });
    expect(d.change).toBeCloseTo((100 * 5) / 56, 10);
    expect(d.direction).toBe("no clear change");
    // Example f: the same nothing on both sides.
    expect(figureChange({ met: 0, relevant: 10 }, { met: 0, relevant: 10 }).direction).toBe("no clear change");
  });

  test("a small count makes a large change no clear change: 4 of 5 to 2 of 5 is 40 points", () => {
    const c = figureChange({ met: 2, relevant: 5 }, { met: 4, relevant: 5 });
    expect(c.change).toBeCloseTo(-40, 10);
    expect(c.interval!.low).toBeLessThan(0);
    expect(c.interval!.high).toBeGreaterThan(0);
    expect(c.direction).toBe("no clear change");
    expect(changeMarker(c)).toBe("No clear change");
  });

  test("nothing relevant on one side: no change, no direction", () => {
    const c = figureChange({ met: 3, relevant: 4 }, { met: 0, relevant: 0 });
    expect(c).toMatchObject({ change: null, interval: null, direction: null });
    expect(c.previous.percent).toBeNull();
    expect(changeMarker(c)).toMatch(/^Not comparable/);
  });

  test("the sentence says a change only when it is beyond chance", () => {
    // 19 of 19 against 11 of 19: an improvement beyond chance.
    const up = figureChange({ met: 19, relevant: 19 }, { met: 11, relevant: 19 });
    expect(up.direction).toBe("improved");
    expect(changeClause(up)).toBe("up from 58% (11 of 19) at the last inspection");
    expect(withChange("Planning was done well in every case (19 out of 19).", up, "strength")).toBe(
      "Planning was done well in every case (19 out of 19), up from 58% (11 of 19) at the last inspection.",
    );
    const down = figureChange({ met: 11, relevant: 19 }, { met: 19, relevant: 19 });
    expect(withChange("In 8 out of 19 relevant cases, planning was not done well.", down, "improvement")).toBe(
      "In 8 out of 19 relevant cases, planning was not done well. This is down from 100% (19 of 19) done well at the last inspection.",
    );
    const same = figureChange({ met: 14, relevant: 19 }, { met: 11, relevant: 19 });
    expect(same.direction).toBe("no clear change");
    expect(changeClause(same)).toBeNull();
    expect(withChange("Planning was done well in 14 of 19.", same, "strength")).toBe("Planning was done well in 14 of 19.");
  });
});

describe("criteria matched by ID and title, never by position", () => {
  const criteria = BUILT_IN_FRAMEWORK.criteria;
  // 20 cases; 2.1 judged Yes in the first 15 of 19 where relevant (the last is N/A).
  const rows = Array.from({ length: 20 }, (_, i) =>
    validRow(`C${String(i + 1).padStart(2, "0")}`, "Community", "Yes", { "2.1": i === 19 ? "N/A" : i < 15 ? "Yes" : "No", "1.1": i < 10 ? "Yes" : "No" }),
  );
  // Analysed and compared in beforeEach, not in the describe body or beforeAll, so a mutation run sees each test
  // reach the code it checks.
  let analysis: Analysis;
  const title = (id: string): string => criteria.find((c) => c.id === id)!.title;

  // The previous inspection lists its criteria in another order; 1.1 was worded differently, 9.9 is
  // gone, 1.2 has the title of 1.3 (a renumbering is not a match), and 2.1's title differs only in
  // case, spacing and a full stop.
  const previous: PreviousInspection = {
    service: "Northbrook",
    start: "2024-02-13",
    end: "2024-02-15",
    source: "old.xlsx",
    framework: "Youth Short Quality Screening (2014)",
    criteria: [
      { id: "9.9", title: "A criterion no longer used", met: 3, relevant: 4, interview: false },
      { id: "2.1", title: `  ${title("2.1").toUpperCase().replace(/ /g, "  ")}.`, met: 5, relevant: 19, interview: false },
      { id: "1.1", title: "Assessment of the likelihood of reoffending", met: 2, relevant: 20, interview: false },
      { id: "1.2", title: title("1.3"), met: 1, relevant: 10, interview: false },
      ...criteria.filter((c) => !["1.1", "1.2", "2.1"].includes(c.id)).map((c) => ({ id: c.id, title: c.title, met: 1, relevant: 2, interview: false })),
    ],
    sections: [{ number: "2", title: "Protecting the public", met: 10, relevant: 40, rating: "Inadequate" }],
    overall: { met: 100, relevant: 200, rating: null },
  };
  let c: Comparison;
  beforeEach(() => {
    analysis = analyseWorkbook({ cases: makeGrid([standardHeader(), ...rows]) });
    c = compareWithPrevious(analysis, previous);
  });

  test("a criterion is compared with the one of the same ID and title", () => {
    const x = c.criteria.find((k) => k.id === "2.1")!;
    expect(x.previous).toMatchObject({ met: 5, relevant: 19 });
    expect(x.current).toMatchObject({ met: 15, relevant: 19 });
    expect(x.direction).toBe("improved");
    expect(c.criteria.map((k) => k.id)).not.toContain("1.1");
    expect(c.criteria.map((k) => k.id)).not.toContain("1.2");
  });

  test("one worded differently, one only in each: not comparable, with the reason", () => {
    expect(c.notComparable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "1.1", in: "this inspection", reason: expect.stringMatching(/worded differently.*Assessment of the likelihood/) }),
        expect.objectContaining({ id: "1.2", in: "this inspection", reason: expect.stringMatching(/worded differently/) }),
        expect.objectContaining({ id: "9.9", in: "the previous inspection", reason: "not in this inspection" }),
      ]),
    );
    expect(c.notComparable).toHaveLength(3);
    expect(c.compared).toMatch(/18 criteria compared, matched by ID and title; 9\.9 only in the previous one; 1\.1 and 1\.2 worded differently, so not compared\./);
  });

  test("a section is compared by number and title, and says when its criteria differ", () => {
    expect(c.sections.map((s) => s.number)).toEqual(["2"]);
    expect(c.sections[0]).toMatchObject({ previousRating: "Inadequate", sameCriteria: true, previous: { met: 10, relevant: 40 } });
    expect(c.overall).toMatchObject({ sameCriteria: false });
    expect(changeMarker(c.overall!, c.overall!.sameCriteria)).toMatch(/\(over different criteria\)$/);
  });
});
