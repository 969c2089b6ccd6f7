import fc from "fast-check";
import { countInWords, criterionSentence, describeProportion, leftOutShort, leftOutSentence } from "../../src/core";

describe("describeProportion: the contract's reference cases", () => {
  it.each([
    [20, 20, /^all 20 cases$/],
    [19, 20, /^all but one of the 20 cases$/],
    [17, 20, /^all but three of the 20 cases$/],
    [12, 19, /^just under two-thirds of the cases \(12 out of 19\)$/],
    [10, 19, /^just over half of the cases \(10 out of 19\)$/],
    [9, 20, /^just under half of the cases \(9 out of 20\)$/],
    [15, 20, /^three-quarters of the cases \(15 out of 20\)$/],
    [0, 7, /^none of the 7 cases$/],
  ])("%i of %i", (met, relevant, expected) => {
    expect(describeProportion(met, relevant)).toMatch(expected);
  });

  it("reads small denominators as counts in words", () => {
    expect(describeProportion(5, 6)).toBe("five out of six cases");
    expect(describeProportion(7, 9)).toBe("seven out of nine cases");
    expect(describeProportion(8, 10)).toBe("eight out of ten cases");
  });

  it("reads every case of a small number in words: both, all three", () => {
    expect(describeProportion(2, 2)).toBe("both cases");
    expect(describeProportion(3, 3)).toBe("all three cases");
    expect(describeProportion(10, 10)).toBe("all ten cases");
    expect(describeProportion(11, 11)).toBe("all 11 cases");
    expect(describeProportion(0, 2)).toBe("neither of the two cases");
    expect(describeProportion(2, 2, { noun: ["interviewee", "interviewees"] })).toBe("both interviewees");
  });

  it("handles the edges", () => {
    expect(describeProportion(0, 0)).toBe("no relevant cases (0 out of 0)");
    expect(describeProportion(1, 1)).toContain("1 out of 1");
    expect(describeProportion(0, 1)).toContain("0 out of 1");
    expect(describeProportion(2, 30)).toBe("only two of the 30 cases");
    expect(() => describeProportion(3, 2)).toThrow(RangeError);
    expect(() => describeProportion(-1, 2)).toThrow(RangeError);
  });

  it("uses the configured bands", () => {
    expect(describeProportion(17, 20, { allButUpTo: 2 })).toBe("the vast majority of the cases (17 out of 20)");
    expect(describeProportion(17, 20, { allButUpTo: 2, vastMajority: 0.9 })).toBe("the majority of the cases (17 out of 20)");
    expect(describeProportion(9, 20, { nearMargin: 0.02 })).toBe("a minority of the cases (9 out of 20)");
    expect(describeProportion(5, 6, { wordsUpTo: 5 })).toBe("all but one of the 6 cases");
  });

  it("names other landmarks", () => {
    expect(describeProportion(24, 40)).toBe("three-fifths of the cases (24 out of 40)");
    expect(describeProportion(13, 40)).toBe("just under a third of the cases (13 out of 40)");
    expect(describeProportion(23, 40)).toBe("the majority of the cases (23 out of 40)");
    expect(describeProportion(4, 40)).toBe("a small minority of the cases (4 out of 40)");
  });

  const words = (n: number): string[] => [String(n), countInWords(n)];
  it("always carries its counts (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }).chain((rel) => fc.tuple(fc.integer({ min: 0, max: rel }), fc.constant(rel))), ([met, rel]) => {
        const p = describeProportion(met, rel);
        const hasRelevant = words(rel).some((w) => new RegExp(`\\b${w}\\b`).test(p)) || (rel === 1 && p.includes("one")) || (rel === 2 && /^both /.test(p));
        const hasMet =
          words(met).some((w) => new RegExp(`\\b${w}\\b`).test(p)) ||
          (met === rel && /^(all|both) /.test(p)) ||
          (met === 0 && rel === 2 && /^neither /.test(p)) ||
          (met === 0 && /^none /.test(p)) ||
          /^all but /.test(p);
        return hasRelevant && hasMet;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("criterionSentence", () => {
  it("writes a strength in the seed report's register", () => {
    expect(criterionSentence("enforcement action, when required, was taken appropriately", 11, 11, "strength")).toBe(
      "Enforcement action, when required, was taken appropriately in every case (11 out of 11).",
    );
    expect(criterionSentence("the initial assessment of the likelihood of reoffending", 17, 20, "strength")).toBe(
      "The initial assessment of the likelihood of reoffending was done well in all but three of the 20 cases.",
    );
  });
  it("writes an improvement as the seed report does", () => {
    expect(criterionSentence("the initial assessment of risk of harm to others", 11, 19, "improvement")).toBe(
      "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well.",
    );
    expect(criterionSentence("supervisory input had made a positive difference", 11, 19, "improvement")).toBe(
      "In 8 out of 19 relevant cases, supervisory input had not made a positive difference.",
    );
    expect(criterionSentence("the review of the safeguarding and vulnerability assessment", 2, 5, "improvement")).toBe(
      "In three out of five relevant cases, the review of the safeguarding and vulnerability assessment was not done well.",
    );
    expect(criterionSentence("planning", 0, 4, "improvement")).toBe("In all four relevant cases, planning was not done well.");
    expect(criterionSentence("planning", 0, 2, "improvement")).toBe("In both relevant cases, planning was not done well.");
  });
  it("says both cases and all three cases, never 'every case (2 out of 2)'", () => {
    expect(criterionSentence("the review", 2, 2, "strength")).toBe("The review was done well in both cases.");
    expect(criterionSentence("the review", 3, 3, "strength")).toBe("The review was done well in all three cases.");
    expect(criterionSentence("the review", 12, 12, "strength")).toBe("The review was done well in every case (12 out of 12).");
  });
});

describe("leftOutSentence / leftOutShort", () => {
  it("says what a count leaves out, and nothing when nothing is", () => {
    expect(leftOutSentence(0, 0)).toBe("");
    expect(leftOutSentence(2, 0)).toBe("Two cases were left out because their cells have errors.");
    expect(leftOutSentence(1, 3)).toBe("One case was left out because its cell has an error; three are not yet judged.");
    expect(leftOutSentence(0, 1)).toBe("One case is not yet judged.");
    expect(leftOutShort(2, 1)).toBe("2 left out for errors, 1 not yet judged");
    expect(leftOutShort(0, 0)).toBe("");
  });
});
