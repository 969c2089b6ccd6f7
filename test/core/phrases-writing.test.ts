/**
 * What the product writes, at the edges the reference cases do not reach: counts in words only
 * from one to twenty, "only" up to the all-but band, the nearest landmark for "just under/over"
 * (and the first listed when two are as near), the small-minority band, the checks on the counts,
 * and the sentences of a finding at ten cases, the one relevant case and cases not yet judged.
 * Defaults (src/core/settings.ts): nearMargin 0.05, vastMajority 0.85, smallMinority 0.2,
 * wordsUpTo 10, allButUpTo 3.
 */
import { countInWords, criterionSentence, DEFAULT_PHRASE_OPTIONS, describeProportion, leftOutSentence, phraseOptions, type PhraseOptions } from "../../src/core";

describe("countInWords", () => {
  it("writes one to twenty in words and anything else in digits", () => {
    expect(countInWords(1)).toBe("one");
    expect(countInWords(20)).toBe("twenty");
    expect(countInWords(0)).toBe("0");
    expect(countInWords(21)).toBe("21");
    expect(countInWords(2.5)).toBe("2.5");
  });
});

describe("describeProportion at the edges of its bands", () => {
  it("says 'only three' up to the all-but band (three), then a small minority", () => {
    expect(describeProportion(3, 30)).toBe("only three of the 30 cases");
    expect(describeProportion(4, 30)).toBe("a small minority of the cases (4 out of 30)");
  });

  it("says 'just over/under' of the nearest landmark when two are within the margin", () => {
    // 14 of 20 is 70%: 3.3 points over two-thirds, 5 under three-quarters.
    expect(describeProportion(14, 20)).toBe("just over two-thirds of the cases (14 out of 20)");
    // 22 of 31 is 70.97%: 4.3 points over two-thirds, 4.0 under three-quarters.
    expect(describeProportion(22, 31)).toBe("just under three-quarters of the cases (22 out of 31)");
  });

  it("names the landmark listed first (two-thirds before three-quarters) when a share is exactly between them", () => {
    // 17 of 24 is 70.83%: 4.17 points from two-thirds and from three-quarters.
    expect(describeProportion(17, 24)).toBe("just over two-thirds of the cases (17 out of 24)");
  });

  it("calls a share a small minority only below the small-minority band", () => {
    // 6 of 40 is exactly 15%: with the band at 15%, it is a minority, not a small one.
    expect(describeProportion(6, 40, { smallMinority: 0.15 })).toBe("a minority of the cases (6 out of 40)");
    expect(describeProportion(5, 40, { smallMinority: 0.15 })).toBe("a small minority of the cases (5 out of 40)");
  });

  it("names the one relevant case in the singular", () => {
    expect(describeProportion(1, 1)).toBe("the one relevant case (1 out of 1)");
    expect(describeProportion(0, 1)).toBe("not the one relevant case (0 out of 1)");
  });

  it("refuses counts that are not whole, saying what it got", () => {
    expect(() => describeProportion(1.5, 3)).toThrow(RangeError);
    expect(() => describeProportion(1, 2.5)).toThrow(RangeError);
    expect(() => describeProportion(3, 2)).toThrow("describeProportion needs whole numbers with 0 <= met <= relevant, got 3 of 2");
  });
});

describe("phraseOptions", () => {
  it("keeps a default where an option is given as undefined, and takes no noun into the bands", () => {
    // An option read from outside (a settings sheet, the CLI) may come as undefined despite the type.
    const unset = { wordsUpTo: undefined, nearMargin: 0.1 } as unknown as Partial<PhraseOptions>;
    expect(phraseOptions(unset)).toEqual({ ...DEFAULT_PHRASE_OPTIONS, nearMargin: 0.1 });
    expect(phraseOptions({ noun: ["interviewee", "interviewees"] } as Partial<PhraseOptions>)).toEqual(DEFAULT_PHRASE_OPTIONS);
  });
});

describe("criterionSentence at ten cases, the one relevant case, and cases left out", () => {
  it("says 'all ten cases' for ten of ten (in words up to ten), 'every case' only beyond", () => {
    expect(criterionSentence("the review", 10, 10, "strength")).toBe("The review was done well in all ten cases.");
    expect(criterionSentence("the review", 11, 11, "strength")).toBe("The review was done well in every case (11 out of 11).");
  });

  it("writes the counts of an improvement in words up to ten relevant cases", () => {
    expect(criterionSentence("planning", 7, 10, "improvement")).toBe("In three out of ten relevant cases, planning was not done well.");
  });

  it("says 'In the one relevant case' when there was only one", () => {
    expect(criterionSentence("planning", 0, 1, "improvement")).toBe("In the one relevant case, planning was not done well.");
  });

  it("says how many cases are not yet judged, in the plural", () => {
    expect(leftOutSentence(0, 2)).toBe("Two cases are not yet judged.");
  });
});
