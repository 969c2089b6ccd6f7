import { DEFAULT_SETTINGS, type CaseRecord, type Criterion, type Settings } from "../../src/core";
import {
  bandOf,
  computeCriterionStats,
  judgeCounts,
  lowestCriterion,
  poolCounts,
  rateScore,
  roundPercent,
  tooFewToRate,
} from "../../src/core/statistics";

// The contract's figures, worked by hand: relevant = Yes + No; percent = 100 × met / relevant;
// a strength at or above the strength threshold (80 by default), an area for improvement at or
// below the improvement threshold (65 by default); too few below the minimum relevant.
const thresholds = { strengthThreshold: 80, improvementThreshold: 65 };

describe("bandOf: a percentage against the thresholds", () => {
  it.each([
    [100, "strength"],
    [80, "strength"],
    [79.9, "middle"],
    [65.1, "middle"],
    [65, "improvement"],
    [0, "improvement"],
  ])("%d%% is %s", (percent, band) => {
    expect(bandOf(percent, thresholds)).toBe(band);
  });

  it("has no band without a percentage", () => {
    expect(bandOf(null, thresholds)).toBeNull();
  });

  it("meets a threshold typed in a cell formatted as % (55% is 0.55, read as 0.55 × 100 = 55.00000000000001)", () => {
    // 11 of 20 is exactly 55%, and 55% typed as the strength threshold must make it a strength;
    // 57 of 100 is exactly 57%, and 57% (0.57 × 100 = 56.99999999999999) as the improvement threshold an area for improvement
    expect(
      bandOf((100 * 11) / 20, {
        strengthThreshold: 0.55 * 100,
        improvementThreshold: 50,
      }),
    ).toBe("strength");
    expect(
      bandOf((100 * 57) / 100, {
        strengthThreshold: 80,
        improvementThreshold: 0.57 * 100,
      }),
    ).toBe("improvement");
  });
});

describe("tooFewToRate", () => {
  it("is never too few without a minimum", () => {
    expect(tooFewToRate(0, { minRelevant: null })).toBe(false);
  });
  it("is too few strictly below the minimum", () => {
    expect(tooFewToRate(4, { minRelevant: 5 })).toBe(true);
    expect(tooFewToRate(5, { minRelevant: 5 })).toBe(false);
    expect(tooFewToRate(6, { minRelevant: 5 })).toBe(false);
  });
});

describe("rateScore", () => {
  it("rates only under a scheme and with a percentage", () => {
    expect(rateScore(72, "hmip-2018")).toBe("Good");
    expect(rateScore(72, "none")).toBeNull();
    expect(rateScore(null, "hmip-2018")).toBeNull();
  });
});

describe("judgeCounts: what follows from met and relevant", () => {
  const rated: Settings = {
    ...DEFAULT_SETTINGS,
    ratingScheme: "hmip-2018",
    minRelevant: 5,
  };

  it("11 of 19: 57.9%, an area for improvement, Requires improvement", () => {
    const j = judgeCounts(11, 19, rated);
    expect(roundPercent(j.percent)).toBe(57.9);
    expect(j.tooFew).toBe(false);
    expect(j.band).toBe("improvement");
    expect(j.rating).toBe("Requires improvement");
    expect(j.interval).not.toBeNull();
  });

  it("4 of 4 is too few under a minimum of 5: a percentage but no band or rating", () => {
    const j = judgeCounts(4, 4, rated);
    expect(j.percent).toBe(100);
    expect(j.tooFew).toBe(true);
    expect(j.band).toBeNull();
    expect(j.rating).toBeNull();
  });

  it("nothing relevant: no percentage, interval, band or rating", () => {
    const j = judgeCounts(0, 0, { ...rated, minRelevant: null });
    expect(j).toEqual({
      percent: null,
      interval: null,
      tooFew: false,
      band: null,
      rating: null,
    });
  });
});

describe("roundPercent", () => {
  it("rounds to one decimal place, halves up", () => {
    expect(roundPercent(57.894736)).toBe(57.9);
    expect(roundPercent(100 / 3)).toBe(33.3);
    expect(roundPercent(200 / 3)).toBe(66.7);
    expect(roundPercent(12.25)).toBe(12.3);
    expect(roundPercent(0)).toBe(0);
    expect(roundPercent(null)).toBeNull();
  });
});

describe("lowestCriterion", () => {
  it("takes the lowest percentage, the first on a tie, passing over criteria with none", () => {
    const cs = [
      { id: "2.1.1", percent: 70 },
      { id: "2.1.2", percent: null },
      { id: "2.1.3", percent: 55 },
      { id: "2.1.4", percent: 55 },
      { id: "2.1.5", percent: 60 },
    ];
    expect(lowestCriterion(cs)?.id).toBe("2.1.3");
    expect(
      lowestCriterion([
        { id: "a", percent: null },
        { id: "b", percent: 0 },
      ])?.id,
    ).toBe("b");
    expect(
      lowestCriterion([
        { id: "a", percent: 0 },
        { id: "b", percent: 10 },
      ])?.id,
    ).toBe("a");
    expect(lowestCriterion([{ id: "a", percent: null }])).toBeNull();
    expect(lowestCriterion([])).toBeNull();
  });
});

describe("poolCounts", () => {
  it("adds the counts up and makes one percentage of them", () => {
    const pooled = poolCounts([
      { met: 3, notMet: 1, unjudged: 2, excluded: 0 },
      { met: 1, notMet: 5, unjudged: 0, excluded: 1 },
    ]);
    expect(pooled).toEqual({
      relevant: 10,
      met: 4,
      notMet: 6,
      unjudged: 2,
      excluded: 1,
      percent: 40,
    });
    expect(
      poolCounts([{ met: 0, notMet: 0, unjudged: 3, excluded: 2 }]),
    ).toEqual({
      relevant: 0,
      met: 0,
      notMet: 0,
      unjudged: 3,
      excluded: 2,
      percent: null,
    });
  });
});

describe("computeCriterionStats: each criterion's phrase", () => {
  // One criterion, 19 of 20 met: the contract's "all but one of the 20 cases".
  const criterion: Criterion = { id: "1.1", section: "1", title: "Assessment", subject: "assessment", appliesTo: "all" };
  const noNotes = { general: null, bySection: new Map(), byCriterion: new Map() };
  const records: CaseRecord[] = Array.from({ length: 20 }, (_, i) => ({
    id: `C${i + 1}`,
    number: i + 1,
    row: i + 1,
    manager: "",
    sentence: null,
    psr: null,
    outcomes: [i === 0 ? "notMet" : "met"],
    notes: noNotes,
  }));
  const phraseOf = (settings: Settings, noun?: readonly [string, string]): string =>
    computeCriterionStats([criterion], records, settings, () => true, noun)[0]!.phrase;

  it("counts cases unless told otherwise", () => {
    expect(phraseOf(DEFAULT_SETTINGS)).toBe("all but one of the 20 cases");
  });

  it("says 'case' of one case: the one relevant case", () => {
    const one = computeCriterionStats([criterion], records.slice(1, 2), DEFAULT_SETTINGS, () => true)[0]!;
    expect([one.met, one.relevant, one.phrase]).toEqual([1, 1, "the one relevant case (1 out of 1)"]);
  });

  it("counts what it is told to: interviewees for the interview questions", () => {
    expect(phraseOf(DEFAULT_SETTINGS, ["interviewee", "interviewees"])).toBe("all but one of the 20 interviewees");
  });

  it("follows the phrase settings: with no 'all but' allowed, 19 of 20 is not 'all but one'", () => {
    const phrase = phraseOf({ ...DEFAULT_SETTINGS, phrases: { ...DEFAULT_SETTINGS.phrases, allButUpTo: 0 } });
    expect(phrase).not.toMatch(/all but/);
    expect(phrase).toContain("19 out of 20");
  });
});
