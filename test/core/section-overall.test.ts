import {
  DEFAULT_SETTINGS,
  type CriterionStats,
  type Framework,
  type Settings,
} from "../../src/core";
import {
  computeOverallStats,
  computeSectionStats,
} from "../../src/core/statistics";

// A small framework with every rule, its figures worked out by hand from the contract: a pooled
// section is its criteria's met over relevant; a lowest section is its lowest criterion's; a
// section rated by hand has its rating and no counts; the overall pools the counted sections'
// judgements, and under a score sum rates the sum of the counted sections' scores (Inadequate 0 …
// Outstanding 3) once all are rated.
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  ratingScheme: "hmip-2018",
  strengthThreshold: 80,
  improvementThreshold: 65,
  minRelevant: null,
};

function crit(
  id: string,
  met: number,
  notMet: number,
  unjudged = 0,
  excluded = 0,
): CriterionStats {
  const relevant = met + notMet;
  return {
    id,
    section: id.split(".")[0]!,
    title: id,
    subject: "",
    relevant,
    met,
    notMet,
    unjudged,
    notApplicable: 0,
    excluded,
    percent: relevant === 0 ? null : (100 * met) / relevant,
    phrase: "",
    interval: null,
    tooFew: false,
    band: null,
    rating: null,
    hasColumn: true,
  };
}

const bands = [
  { rating: "Inadequate", from: 0, to: 2 },
  { rating: "Requires improvement", from: 3, to: 5 },
  { rating: "Good", from: 6, to: 7 },
  { rating: "Outstanding", from: 8, to: 9 },
] as const;

function framework(handRating: "Good" | null): Framework {
  return {
    sections: [
      { number: "1", title: "Pooled" },
      { number: "2", title: "Lowest", rule: "lowest" },
      { number: "3", title: "By hand", rule: "by-hand", rating: handRating },
      {
        number: "4",
        title: "By hand, not counted",
        rule: "by-hand",
        rating: null,
        counted: false,
      },
      { number: "5", title: "Pooled, not counted", counted: false },
      { number: "6", title: "No criteria" },
    ],
    criteria: [],
    interviewQuestions: [],
    overall: { kind: "score-sum", bands: [...bands] },
  };
}

const stats = [
  crit("1.1", 8, 2, 1, 0), // 80%
  crit("1.2", 5, 5, 0, 1), // 50%
  crit("2.1", 3, 1), // 75%
  crit("2.2", 6, 4), // 60%
  crit("2.3", 0, 0, 2), // nothing relevant
  crit("2.4", 6, 4), // 60% again: a tie, after 2.2
  crit("5.1", 0, 10), // 0%
];

describe("a section rated by hand and the minimum number of cases", () => {
  it("is never 'too few cases to rate': its rating was entered, not counted", () => {
    const sections = computeSectionStats(framework("Good").sections, stats, { ...settings, minRelevant: 5 });
    const byHand = sections.find((s) => s.number === "3")!;
    expect(byHand).toMatchObject({ rule: "by-hand", relevant: 0, tooFew: false, rating: "Good" });
    // The minimum is in force: at 25, section 1's 20 relevant judgements are too few; section 3 is still rated.
    const higher = computeSectionStats(framework("Good").sections, stats, { ...settings, minRelevant: 25 });
    expect(higher.find((s) => s.number === "1")).toMatchObject({ relevant: 20, tooFew: true, rating: null });
    expect(higher.find((s) => s.number === "3")).toMatchObject({ tooFew: false, rating: "Good" });
  });
});

describe("section figures by their rules", () => {
  // Computed in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let sections: ReturnType<typeof computeSectionStats>;
  beforeEach(() => {
    sections = computeSectionStats(
      framework("Good").sections,
      stats,
      settings,
    );
  });
  const by = (n: string) => sections.find((s) => s.number === n)!;

  it("leaves out a section with no criteria unless it is rated by hand", () => {
    expect(sections.map((s) => s.number)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("pools a pooled section: 13 of 20 is 65%, Good, an area for improvement, scoring 2", () => {
    expect(by("1")).toMatchObject({
      rule: "pooled",
      counted: true,
      met: 13,
      notMet: 7,
      relevant: 20,
      percent: 65,
      unjudged: 1,
      excluded: 1,
    });
    expect(by("1")).toMatchObject({
      rating: "Good",
      band: "improvement",
      score: 2,
      decidedBy: null,
    });
  });

  it("takes a lowest section's figure from its lowest criterion, the first on a tie, with the unjudged of all", () => {
    expect(by("2")).toMatchObject({
      rule: "lowest",
      decidedBy: "2.2",
      met: 6,
      notMet: 4,
      relevant: 10,
      percent: 60,
      unjudged: 2,
    });
    expect(by("2")).toMatchObject({
      rating: "Requires improvement",
      band: "improvement",
      score: 1,
    });
  });

  it("gives a section rated by hand its rating and score, and no counts", () => {
    expect(by("3")).toMatchObject({
      rule: "by-hand",
      rating: "Good",
      score: 2,
      relevant: 0,
      met: 0,
      notMet: 0,
      percent: null,
      band: null,
      decidedBy: null,
    });
    expect(by("4")).toMatchObject({
      rule: "by-hand",
      counted: false,
      rating: null,
      score: null,
    });
  });

  it("marks a section not counted, and still rates it", () => {
    expect(by("5")).toMatchObject({
      counted: false,
      percent: 0,
      rating: "Inadequate",
      score: 0,
    });
  });

  it("gives a lowest section with nothing relevant no figure and no deciding criterion", () => {
    const [s] = computeSectionStats(
      [{ number: "2", title: "Lowest", rule: "lowest" }],
      [crit("2.1", 0, 0, 3)],
      settings,
    );
    expect(s).toMatchObject({
      decidedBy: null,
      relevant: 0,
      met: 0,
      notMet: 0,
      percent: null,
      rating: null,
      score: null,
      unjudged: 3,
    });
  });
});

describe("the overall figure under a score sum", () => {
  const overallOf = (f: Framework, s: readonly CriterionStats[]) =>
    computeOverallStats(
      f,
      computeSectionStats(f.sections, s, settings),
      s,
      settings,
    );

  it("sums the counted sections' scores (2 + 1 + 2 = 5 of 9: Requires improvement) and pools their judgements only", () => {
    const f = framework("Good");
    const o = overallOf(f, stats);
    // pooled over sections 1–3: met 8 + 5 + 3 + 6 + 6 = 28, not met 2 + 5 + 1 + 4 + 4 = 16; section 5 left out
    expect(o).toMatchObject({
      rule: "score-sum",
      score: 5,
      maxScore: 9,
      unrated: [],
      rating: "Requires improvement",
      met: 28,
      notMet: 16,
      relevant: 44,
    });
    expect(o.bands).toEqual(bands);
  });

  it("gives no rating while a counted section is unrated, and names it", () => {
    const f = framework(null);
    const o = overallOf(f, stats);
    expect(o).toMatchObject({
      rule: "score-sum",
      score: 3,
      maxScore: 9,
      unrated: ["3"],
      rating: null,
    });
  });

  it("gives no rating when no section counts", () => {
    const f: Framework = {
      ...framework("Good"),
      sections: [{ number: "5", title: "Pooled, not counted", counted: false }],
    };
    const only5 = stats.filter((c) => c.section === "5");
    const o = overallOf(f, only5);
    expect(o).toMatchObject({
      rule: "score-sum",
      score: 0,
      maxScore: 0,
      unrated: [],
      rating: null,
      relevant: 0,
    });
  });

  it("under a pooled overall, rates the pooled percentage and has no score", () => {
    const f: Framework = { ...framework("Good"), overall: { kind: "pooled" } };
    const o = overallOf(f, stats);
    // 28 of 44 = 63.6%: Requires improvement
    expect(o).toMatchObject({
      rule: "pooled",
      score: null,
      maxScore: null,
      unrated: [],
      bands: null,
      rating: "Requires improvement",
      met: 28,
      relevant: 44,
    });
  });
});
