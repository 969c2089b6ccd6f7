/**
 * The comparison with the previous inspection, part by part: which criterion is set beside which
 * (by kind, ID and title, never by position), what is listed as not compared and why, when a
 * section or the overall figure says its criteria differ, the sentence saying what was compared,
 * and the words and figures a reader sees. Every expected value is worked by hand from the README
 * ("After the inspection") and Newcombe's Table II (examples b and h); every comparison is made
 * inside its test, so a mutation run sees each test reach the code it checks.
 */
import {
  BUILT_IN_FRAMEWORK,
  changeClause,
  changeMarker,
  compareWithPrevious,
  directionOf,
  figureChange,
  listed,
  previousFigureText,
  roundPoints,
  withChange,
  type Analysis,
  type Framework,
  type PreviousCriterion,
  type PreviousInspection,
  type PreviousSection,
} from "../../src/core";

interface Stat {
  readonly id: string;
  readonly title: string;
  readonly met: number;
  readonly relevant: number;
  readonly hasColumn: boolean;
}
interface Section {
  readonly number: string;
  readonly title: string;
  readonly met: number;
  readonly relevant: number;
  readonly rating: string | null;
}

/** A criterion's (or interview question's) figures in this inspection. */
const stat = (id: string, title: string, met: number, relevant: number, hasColumn = true): Stat => ({ id, title, met, relevant, hasColumn });
const prevCriterion = (id: string, title: string, met: number, relevant: number, interview = false): PreviousCriterion => ({ id, title, met, relevant, interview });

/** Just what a comparison reads of an analysis: its criteria, interview questions, sections, overall figure and framework. */
function analysisOf(parts: {
  criteria: readonly Stat[];
  interview?: readonly Stat[];
  sections?: readonly Section[];
  overall?: { met: number; relevant: number; rating: string | null };
  framework?: Framework;
}): Analysis {
  return {
    criteria: parts.criteria,
    interviewStats: parts.interview ?? [],
    sections: parts.sections ?? [],
    overall: parts.overall ?? { met: 0, relevant: 0, rating: null },
    framework: parts.framework ?? BUILT_IN_FRAMEWORK,
  } as unknown as Analysis;
}

function previousOf(parts: Partial<PreviousInspection> & { criteria: readonly PreviousCriterion[] }): PreviousInspection {
  return { service: "", start: null, end: null, source: "", framework: "", sections: [], overall: null, ...parts };
}

// This inspection: 1.3 and 10.2 and the interview question 5.3 have no column; 3.1 is new.
const nowCriteria = [
  stat("1.1", "Assessment of the case", 9, 10),
  stat("1.2", "Planning", 2, 10),
  stat("1.3", "No column here", 0, 0, false),
  stat("2.1", "Risk of harm", 6, 12),
  stat("2.2", "Safety and wellbeing", 4, 8),
  stat("3.1", "Reviewing", 5, 5),
  stat("10.1", "Tenth section's criterion", 10, 10),
  stat("10.2", "Tenth section, no column", 0, 0, false),
];
const nowInterview = [stat("5.1", "Staff know the plan", 10, 10), stat("5.2", "Staff had training", 2, 2), stat("5.3", "Not asked", 0, 0, false)];
const nowSections: Section[] = [
  { number: "1", title: "Assessment and planning", met: 11, relevant: 20, rating: "Good" },
  { number: "2", title: "Risk", met: 10, relevant: 20, rating: "Requires improvement" },
  { number: "3", title: "Review", met: 5, relevant: 5, rating: "Outstanding" },
  { number: "10", title: "Tenth", met: 10, relevant: 10, rating: "Good" },
];
// The previous inspection, in another order: 1.2's title differs only in case and a full stop;
// 2.1 and the interview question 5.2 were worded differently; 4.1 is gone; 3.1 was an interview
// question then (another kind: not the same); 1.3 and 5.3 have no column now.
const thenCriteria = [
  prevCriterion("2.2", "Safety and wellbeing", 4, 8),
  prevCriterion("1.2", "PLANNING.", 8, 10),
  prevCriterion("1.1", "Assessment of the case", 3, 10),
  prevCriterion("2.1", "Risk of harm to others", 6, 12),
  prevCriterion("5.1", "Staff know the plan", 0, 10, true),
  prevCriterion("5.2", "Staff were trained", 2, 2, true),
  prevCriterion("4.1", "Gone", 1, 1),
  prevCriterion("3.1", "Reviewing", 1, 1, true),
  prevCriterion("1.3", "No column here", 1, 2),
  prevCriterion("5.3", "Not asked", 1, 1, true),
  prevCriterion("10.1", "Tenth section's criterion", 0, 10),
];
const thenSections: PreviousSection[] = [
  { number: "1", title: "assessment  and planning", met: 11, relevant: 20, rating: "Inadequate" },
  { number: "2", title: "Risk", met: 8, relevant: 20, rating: null },
  { number: "3", title: "Reviewing work", met: 1, relevant: 1, rating: null },
  { number: "4", title: "Gone", met: 1, relevant: 1, rating: null },
  { number: "10", title: "Tenth", met: 0, relevant: 10, rating: "Inadequate" },
];

function mainComparison() {
  const a = analysisOf({ criteria: nowCriteria, interview: nowInterview, sections: nowSections, overall: { met: 40, relevant: 60, rating: "Good" } });
  const previous = previousOf({
    service: "Northbrook YJS",
    start: "2024-02-13",
    end: "2024-02-15",
    framework: "HMI Probation youth standards (2018 onward)",
    criteria: thenCriteria,
    sections: thenSections,
    overall: { met: 30, relevant: 60, rating: "Requires improvement" },
  });
  return compareWithPrevious(a, previous);
}

describe("criteria set side by side", () => {
  it("each with the one of the same kind, ID and title, in this inspection's order, whatever the previous order", () => {
    const c = mainComparison();
    // 9 of 10 against 3 of 10 is Newcombe's example b (17.05 to 80.90 points): improved; the
    // reverse, declined; 4 of 8 both times, no change; 10 of 10 against 0 of 10 is example h.
    expect(c.criteria.map((k) => [k.id, k.title, k.interview, k.current.met, k.current.relevant, k.previous.met, k.previous.relevant, k.change, k.direction])).toEqual([
      ["1.1", "Assessment of the case", false, 9, 10, 3, 10, 60, "improved"],
      ["1.2", "Planning", false, 2, 10, 8, 10, -60, "declined"],
      ["2.2", "Safety and wellbeing", false, 4, 8, 4, 8, 0, "no clear change"],
      ["10.1", "Tenth section's criterion", false, 10, 10, 0, 10, 100, "improved"],
      ["5.1", "Staff know the plan", true, 10, 10, 0, 10, 100, "improved"],
    ]);
    expect(c.criteria[0]!.current.percent).toBe(90);
    expect(c.criteria[0]!.previous.percent).toBe(30);
  });

  it("lists what is not compared, with the reason: worded differently (with the old wording), only in this inspection, only in the previous one, another kind", () => {
    const c = mainComparison();
    expect(c.notComparable).toEqual([
      { id: "2.1", title: "Risk of harm", in: "this inspection", reason: 'worded differently at the previous inspection ("Risk of harm to others")' },
      { id: "3.1", title: "Reviewing", in: "this inspection", reason: "not in the previous inspection" },
      { id: "5.2", title: "Staff had training", in: "this inspection", reason: 'worded differently at the previous inspection ("Staff were trained")' },
      { id: "4.1", title: "Gone", in: "the previous inspection", reason: "not in this inspection" },
      { id: "3.1", title: "Reviewing", in: "the previous inspection", reason: "not in this inspection" },
      { id: "1.3", title: "No column here", in: "the previous inspection", reason: "not in this inspection" },
      { id: "5.3", title: "Not asked", in: "the previous inspection", reason: "not in this inspection" },
    ]);
  });

  it("says in a sentence what was compared, who and when the previous inspection was, and that its framework differed", () => {
    expect(mainComparison().compared).toBe(
      "Compared with the previous inspection of Northbrook YJS (13 February 2024 to 15 February 2024): " +
        "4 criteria and 1 interview question compared, matched by ID and title; 3.1 only in this inspection; " +
        "4.1, 3.1, 1.3 and 5.3 only in the previous one; 2.1 and 5.2 worded differently, so not compared. " +
        "The previous inspection used HMI Probation youth standards (2018 onward); this one uses Youth Short Quality Screening (2014).",
    );
  });

  it("says one criterion and interview questions in the plural; no service, no dates, no framework named: none said", () => {
    const a = analysisOf({ criteria: [stat("1.1", "Assessment", 1, 2)], interview: [stat("5.1", "Q one", 1, 1), stat("5.2", "Q two", 1, 1)] });
    const previous = previousOf({ criteria: [prevCriterion("1.1", "Assessment", 1, 2), prevCriterion("5.1", "Q one", 1, 1, true), prevCriterion("5.2", "Q two", 0, 1, true)] });
    expect(compareWithPrevious(a, previous).compared).toBe("Compared with the previous inspection (dates not recorded): 1 criterion and 2 interview questions compared, matched by ID and title.");
  });

  it("says no interview questions when none were compared; only a start date; the same framework written another way is not a difference", () => {
    const a = analysisOf({ criteria: [stat("1.1", "Assessment", 1, 2), stat("1.2", "Planning", 1, 2)] });
    const previous = previousOf({
      start: "2024-02-13",
      framework: "youth short  quality screening (2014).",
      criteria: [prevCriterion("1.1", "Assessment", 1, 2), prevCriterion("1.2", "Planning", 1, 2)],
    });
    expect(compareWithPrevious(a, previous).compared).toBe("Compared with the previous inspection (from 13 February 2024): 2 criteria compared, matched by ID and title.");
  });
});

describe("sections and the overall figure", () => {
  it("a section is set beside the one of the same number and title, and says when the criteria behind it differ", () => {
    const c = mainComparison();
    // 1: the previous one had 1.3, which has no column now; 2: 2.1 was worded differently;
    // 3: titled differently, so not compared; 10: 10.1 on both sides (10.2 has no column).
    expect(c.sections.map((s) => [s.number, s.title, s.currentRating, s.previousRating, s.sameCriteria, s.current.met, s.current.relevant, s.previous.met, s.previous.relevant, s.change])).toEqual([
      ["1", "Assessment and planning", "Good", "Inadequate", false, 11, 20, 11, 20, 0],
      ["2", "Risk", "Requires improvement", null, false, 10, 20, 8, 20, 10],
      ["10", "Tenth", "Good", "Inadequate", true, 10, 10, 0, 10, 100],
    ]);
    expect(c.sections.map((s) => s.direction)).toEqual(["no clear change", "no clear change", "improved"]);
    expect(changeMarker(c.sections[2]!, c.sections[2]!.sameCriteria)).toBe("Improved");
    expect(changeMarker(c.sections[1]!, c.sections[1]!.sameCriteria)).toBe("No clear change (over different criteria)");
  });

  it("the overall figures are set side by side with their ratings, over different criteria here", () => {
    const o = mainComparison().overall!;
    expect([o.currentRating, o.previousRating, o.sameCriteria, o.current.met, o.current.relevant, o.previous.met, o.previous.relevant]).toEqual(["Good", "Requires improvement", false, 40, 60, 30, 60]);
    expect(o.change).toBeCloseTo((100 * 40) / 60 - 50, 10);
  });

  it("over the same criteria and interview questions, the overall figure says so", () => {
    const a = analysisOf({ criteria: [stat("1.1", "Assessment", 9, 10), stat("1.2", "Planning", 5, 10)], interview: [stat("5.1", "Q one", 1, 1)], overall: { met: 14, relevant: 20, rating: "Good" } });
    const previous = previousOf({
      criteria: [prevCriterion("1.2", "Planning", 5, 10), prevCriterion("1.1", "Assessment", 3, 10), prevCriterion("5.1", "Q one", 0, 1, true)],
      overall: { met: 8, relevant: 20, rating: null },
    });
    expect(compareWithPrevious(a, previous).overall).toMatchObject({ sameCriteria: true, currentRating: "Good", previousRating: null, change: 30 });
  });

  it("the same number of criteria, one of them worded differently, is not the same criteria", () => {
    const a = analysisOf({ criteria: [stat("1.1", "Assessment", 9, 10), stat("1.2", "Planning", 5, 10)], overall: { met: 14, relevant: 20, rating: null } });
    const previous = previousOf({ criteria: [prevCriterion("1.1", "Assessment", 3, 10), prevCriterion("1.2", "Plans", 5, 10)], overall: { met: 8, relevant: 20, rating: null } });
    expect(compareWithPrevious(a, previous).overall!.sameCriteria).toBe(false);
  });
});

describe("the direction, the points and the words a reader sees", () => {
  it("an interval touching zero is no clear change, on either side", () => {
    expect(directionOf({ low: 0, high: 20 })).toBe("no clear change");
    expect(directionOf({ low: -20, high: 0 })).toBe("no clear change");
    expect(directionOf({ low: 0.1, high: 20 })).toBe("improved");
    expect(directionOf({ low: -20, high: -0.1 })).toBe("declined");
  });

  it("points rounded to one decimal the same way either side of zero, and never minus nothing", () => {
    expect(roundPoints(2.25)).toBe(2.3);
    expect(roundPoints(-2.25)).toBe(-2.3);
    expect(Object.is(roundPoints(-0.04), 0)).toBe(true);
    expect(roundPoints(null)).toBeNull();
  });

  it("a previous figure as a reader sees it: a whole percentage, half rounded up; a dash with nothing relevant", () => {
    expect(previousFigureText({ met: 1, relevant: 8, percent: 12.5 })).toBe("13% (1 of 8)");
    expect(previousFigureText({ met: 0, relevant: 0, percent: null })).toBe("– (0 of 0)");
  });

  it("a decline is said as down, in the clause and in an improvement's own sentence; a rise in an improvement's, as up", () => {
    // Newcombe's example b, both ways round.
    const down = figureChange({ met: 3, relevant: 10 }, { met: 9, relevant: 10 });
    const up = figureChange({ met: 9, relevant: 10 }, { met: 3, relevant: 10 });
    expect(changeClause(down)).toBe("down from 90% (9 of 10) at the last inspection");
    expect(withChange("In 1 out of 10 relevant cases, planning was not done well.", up, "improvement")).toBe(
      "In 1 out of 10 relevant cases, planning was not done well. This is up from 30% (3 of 10) done well at the last inspection.",
    );
  });

  it("a strength's sentence loses only its final full stop (and spaces after it) before the clause", () => {
    const up = figureChange({ met: 9, relevant: 10 }, { met: 3, relevant: 10 });
    expect(withChange("Criterion 2.1 was done well in 9 of 10 cases.  ", up, "strength")).toBe("Criterion 2.1 was done well in 9 of 10 cases, up from 30% (3 of 10) at the last inspection.");
  });

  it("the marker: Improved, Declined, No clear change, with a note over different criteria", () => {
    const up = figureChange({ met: 9, relevant: 10 }, { met: 3, relevant: 10 });
    const down = figureChange({ met: 3, relevant: 10 }, { met: 9, relevant: 10 });
    expect(changeMarker(up)).toBe("Improved");
    expect(changeMarker(down)).toBe("Declined");
    expect(changeMarker(down, false)).toBe("Declined (over different criteria)");
  });

  it("items in words, the last after and", () => {
    expect(listed([])).toBe("");
    expect(listed(["2.1"])).toBe("2.1");
    expect(listed(["2.1", "3.4"])).toBe("2.1 and 3.4");
    expect(listed(["2.1", "3.4", "4.6"])).toBe("2.1, 3.4 and 4.6");
  });
});
