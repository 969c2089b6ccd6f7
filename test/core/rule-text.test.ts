import { overallRuleNote, sectionRuleNote } from "../../src/core/rule-text";

// The words are the README's ("the Summary, pane and JSON name the criterion that set it";
// "rated by hand"; "Score sum"), written out here by hand for each rule.
describe("sectionRuleNote: which rule made a section's figure", () => {
  it("says nothing for a pooled section that counts in the overall", () => {
    expect(
      sectionRuleNote({
        rule: "pooled",
        decidedBy: null,
        counted: true,
        rating: "Good",
      }),
    ).toBe("");
  });

  it("names the criterion that set a lowest-criterion section", () => {
    expect(
      sectionRuleNote({
        rule: "lowest",
        decidedBy: "2.1.3",
        counted: true,
        rating: "Good",
      }),
    ).toBe("lowest criterion: 2.1.3");
  });

  it("says no criterion is judged yet when a lowest-criterion section has none", () => {
    expect(
      sectionRuleNote({
        rule: "lowest",
        decidedBy: null,
        counted: true,
        rating: null,
      }),
    ).toBe("lowest criterion: none judged yet");
  });

  it("says a section was rated by hand, or that its hand rating is still to come", () => {
    expect(
      sectionRuleNote({
        rule: "by-hand",
        decidedBy: null,
        counted: true,
        rating: "Inadequate",
      }),
    ).toBe("rated by hand");
    expect(
      sectionRuleNote({
        rule: "by-hand",
        decidedBy: null,
        counted: true,
        rating: null,
      }),
    ).toBe("rated by hand: not yet rated");
  });

  it('says a section does not count in the overall, alone or after its rule, joined by "; "', () => {
    expect(
      sectionRuleNote({
        rule: "pooled",
        decidedBy: null,
        counted: false,
        rating: "Good",
      }),
    ).toBe("not counted in the overall");
    expect(
      sectionRuleNote({
        rule: "by-hand",
        decidedBy: null,
        counted: false,
        rating: "Good",
      }),
    ).toBe("rated by hand; not counted in the overall");
    expect(
      sectionRuleNote({
        rule: "by-hand",
        decidedBy: null,
        counted: false,
        rating: null,
      }),
    ).toBe("rated by hand: not yet rated; not counted in the overall");
    expect(
      sectionRuleNote({
        rule: "lowest",
        decidedBy: "3.4.1",
        counted: false,
        rating: "Good",
      }),
    ).toBe("lowest criterion: 3.4.1; not counted in the overall");
    expect(
      sectionRuleNote({
        rule: "lowest",
        decidedBy: null,
        counted: false,
        rating: null,
      }),
    ).toBe("lowest criterion: none judged yet; not counted in the overall");
  });

  it("does not call a by-hand section's rating a lowest criterion, nor the reverse", () => {
    // decidedBy set on a by-hand section (it never is in practice) must not leak into the words
    expect(
      sectionRuleNote({
        rule: "by-hand",
        decidedBy: "1.1",
        counted: true,
        rating: "Good",
      }),
    ).toBe("rated by hand");
    // a lowest section with no rating is still described by its criterion, not as unrated
    expect(
      sectionRuleNote({
        rule: "lowest",
        decidedBy: "2.2.1",
        counted: true,
        rating: null,
      }),
    ).toBe("lowest criterion: 2.2.1");
  });
});

describe("overallRuleNote: how the overall rating was made", () => {
  it("says nothing for a pooled overall, whatever its scores", () => {
    expect(
      overallRuleNote({
        rule: "pooled",
        score: null,
        maxScore: null,
        unrated: [],
      }),
    ).toBe("");
    expect(
      overallRuleNote({
        rule: "pooled",
        score: 5,
        maxScore: 9,
        unrated: ["1.1"],
      }),
    ).toBe("");
  });

  it("gives a score sum as score of maximum", () => {
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: 25,
        maxScore: 36,
        unrated: [],
      }),
    ).toBe("score sum: 25 of 36");
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: 0,
        maxScore: 3,
        unrated: [],
      }),
    ).toBe("score sum: 0 of 3");
  });

  it("shows a missing score or maximum as 0", () => {
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: null,
        maxScore: null,
        unrated: [],
      }),
    ).toBe("score sum: 0 of 0");
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: null,
        maxScore: 12,
        unrated: [],
      }),
    ).toBe("score sum: 0 of 12");
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: 7,
        maxScore: null,
        unrated: [],
      }),
    ).toBe("score sum: 7 of 0");
  });

  it('names the sections not yet rated, comma-separated, after "; "', () => {
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: 14,
        maxScore: 36,
        unrated: ["1.1"],
      }),
    ).toBe("score sum: 14 of 36; not yet rated: 1.1");
    expect(
      overallRuleNote({
        rule: "score-sum",
        score: 14,
        maxScore: 36,
        unrated: ["1.1", "3.4", "4.1"],
      }),
    ).toBe("score sum: 14 of 36; not yet rated: 1.1, 3.4, 4.1");
  });
});
