/**
 * The quantity language read backwards, as "check a draft" reads it: a statement a draft might
 * contain, the term it is read as, what that term means in words, and whether it holds for given
 * counts (met of relevant). Defaults (src/core/settings.ts): nearMargin 0.05, vastMajority 0.85,
 * smallMinority 0.2. Every boundary below is worked by hand in the comment beside it.
 */
import { findStatements, normaliseSentence, phraseOptions, QUANTITY_TERMS, readCount, readShare, type QuantityTermName, type ReadingContext, type TermUse } from "../../src/core";

/** The default bands, asked for inside each test (a call at load time is out of a mutation run's sight). */
const o = () => phraseOptions();
const term = (name: QuantityTermName) => QUANTITY_TERMS.find((t) => t.name === name)!;

/** What a draft's words say, read as the named term (the words must match it). */
function read(name: QuantityTermName, words: string): TermUse {
  const m = term(name).read.exec(words);
  if (m === null) throw new Error(`"${words}" is not read as ${name}`);
  return term(name).use(m);
}

/** Whether the words, read as the named term, hold of met out of relevant. */
function holds(name: QuantityTermName, words: string, met: number, relevant: number, context: ReadingContext = {}): boolean {
  return term(name).holds(met, relevant, read(name, words), o(), context);
}

const means = (name: QuantityTermName, words: string): string => term(name).means(read(name, words), o());

describe("readCount: a count as a draft writes it", () => {
  it("reads digits, words and compound tens, in any case and with spaces around", () => {
    expect(readCount("12")).toBe(12);
    expect(readCount(" Twelve ")).toBe(12);
    expect(readCount("twenty")).toBe(20);
    expect(readCount("thirty")).toBe(30);
    expect(readCount("forty two")).toBe(42);
    expect(readCount("ninety-nine")).toBe(99);
  });

  it("reads 'zero', 'no' and 'a single'", () => {
    expect(readCount("zero")).toBe(0);
    expect(readCount("no")).toBe(0);
    expect(readCount("a single")).toBe(1);
  });

  it("reads nothing else as a count", () => {
    for (const text of ["12a", "a12", "3twenty", "twenty-one!", "twenty-twelve", "twenty-eleven", "twenty-no", "twenty-foo", "several", ""]) {
      expect([text, readCount(text)]).toEqual([text, null]);
    }
  });
});

describe("readShare: a named share as a draft spells it", () => {
  it("reads 'a half', 'one-half', 'a third', 'one third', 'Two Thirds'", () => {
    expect(readShare("a half")?.words).toBe("half");
    expect(readShare("one-half")?.words).toBe("half");
    expect(readShare("half")?.words).toBe("half");
    expect(readShare("a third")?.words).toBe("a third");
    expect(readShare("one third")?.words).toBe("a third");
    expect(readShare(" Two Thirds ")?.words).toBe("two-thirds");
    expect(readShare("two halves")).toBeNull();
  });
});

describe("what each term means, in words", () => {
  it.each<[QuantityTermName, string, string]>([
    ["no-relevant", "there were no relevant cases", "no relevant cases"],
    ["the-one", "in the one relevant case", "exactly 1 of 1"],
    ["the-one", "not in the one relevant case", "exactly 0 of 1"],
    ["all", "in all 20 cases", "all 20"],
    ["all", "in all cases", "all"],
    ["none", "none of the 7 cases", "none of 7"],
    ["none", "in none", "none"],
    ["count", "eight out of ten cases", "exactly 8 of 10"],
    ["all-but", "all but three of the 20 cases", "all except exactly 3 of 20"],
    ["all-but", "all but three cases", "all except exactly 3"],
    ["only", "only two of the 30 cases", "exactly 2 of 30"],
    ["only", "only two cases", "exactly 2"],
    // Two-thirds ± 5 points: 61.7%–71.7%.
    ["share", "about two-thirds of the cases", "61.7%–71.7%"],
    // Within twice the margin on its side: 56.7% to under 66.7%, over 66.7% to 76.7%.
    ["near-share", "just under two-thirds of the cases", "56.7% to under 66.7%"],
    ["near-share", "just over two-thirds of the cases", "over 66.7% to 76.7%"],
    ["vast-majority", "the vast majority of cases", "75% or more"],
    ["majority", "the majority of cases", "more than half"],
    // The small-minority band (20%) and the margin (5 points).
    ["small-minority", "a small minority of cases", "at least one, under 25%"],
    ["minority", "a minority of cases", "less than half"],
    ["not-all", "not in all cases", "fewer than all"],
    ["nearly-all", "nearly all cases", "75% or more"],
    ["percent", "in 45% of cases", "within one point of 45%"],
    ["at-least", "in five cases", "at least 5"],
  ])("%s: '%s' means %s", (name, words, meaning) => {
    expect(means(name, words)).toBe(meaning);
  });
});

describe("whether a statement holds of the counts", () => {
  it("'no relevant cases' holds only when none were relevant", () => {
    expect(holds("no-relevant", "there were no relevant cases", 0, 0)).toBe(true);
    expect(holds("no-relevant", "there were no relevant cases", 3, 5)).toBe(false);
  });

  it("'the one relevant case' holds only of one relevant case", () => {
    expect(holds("the-one", "in the one relevant case", 1, 1)).toBe(true);
    expect(holds("the-one", "in the one relevant case", 1, 5)).toBe(false);
  });

  it("'all' holds of every relevant case, of the number it names, and never of none relevant", () => {
    expect(holds("all", "in all cases", 20, 20)).toBe(true);
    expect(holds("all", "in all cases", 0, 0)).toBe(false);
    expect(holds("all", "in all 19 cases", 20, 20)).toBe(false);
  });

  it("'11 of the 20 cases' holds of 11 met of 19 relevant when 20 cases were inspected, and of no other denominator", () => {
    expect(holds("count", "11 of the 20 cases", 11, 19, { inspected: 20 })).toBe(true);
    expect(holds("count", "11 of the 20 cases", 11, 19)).toBe(false);
    expect(holds("count", "11 of the 25 cases", 11, 19, { inspected: 20 })).toBe(false);
  });

  it("'about half' holds within five points either side (11 of 20 is 55%), not beyond", () => {
    expect(holds("share", "about half of the cases", 11, 20)).toBe(true);
    expect(holds("share", "about half of the cases", 12, 20)).toBe(false);
  });

  it("'just under half' holds from 40% to under 50% (8 of 20 yes, 10 of 20 no, 2 of 20 no)", () => {
    expect(holds("near-share", "just under half of the cases", 8, 20)).toBe(true);
    expect(holds("near-share", "just under half of the cases", 9, 20)).toBe(true);
    expect(holds("near-share", "just under half of the cases", 10, 20)).toBe(false);
    expect(holds("near-share", "just under half of the cases", 2, 20)).toBe(false);
    expect(holds("near-share", "just under half of the cases", 0, 0)).toBe(false);
  });

  it("'just over half' holds from over 50% to 60% (12 of 20 yes, 19 of 20 no)", () => {
    expect(holds("near-share", "just over half of the cases", 12, 20)).toBe(true);
    expect(holds("near-share", "just over half of the cases", 11, 20)).toBe(true);
    expect(holds("near-share", "just over half of the cases", 10, 20)).toBe(false);
    expect(holds("near-share", "just over half of the cases", 19, 20)).toBe(false);
  });

  it("'the vast majority' holds from three-quarters (the seed report says it of 15 in 20), not of 14 or 1 in 20", () => {
    expect(holds("vast-majority", "the vast majority of cases", 15, 20)).toBe(true);
    expect(holds("vast-majority", "the vast majority of cases", 14, 20)).toBe(false);
    expect(holds("vast-majority", "the vast majority of cases", 1, 20)).toBe(false);
  });

  it("'the majority' holds of more than half, not of exactly half", () => {
    expect(holds("majority", "the majority of cases", 11, 20)).toBe(true);
    expect(holds("majority", "the majority of cases", 10, 20)).toBe(false);
    expect(holds("majority", "the majority of cases", 1, 20)).toBe(false);
  });

  it("'a small minority' holds of at least one case and under 25% (4 of 20 yes; 0, 5 and 10 of 20 no)", () => {
    expect(holds("small-minority", "a small minority of cases", 4, 20)).toBe(true);
    expect(holds("small-minority", "a small minority of cases", 0, 20)).toBe(false);
    expect(holds("small-minority", "a small minority of cases", 5, 20)).toBe(false);
    expect(holds("small-minority", "a small minority of cases", 10, 20)).toBe(false);
  });

  it("'a minority' holds of less than half, not of exactly half", () => {
    expect(holds("minority", "a minority of cases", 9, 20)).toBe(true);
    expect(holds("minority", "a minority of cases", 10, 20)).toBe(false);
    expect(holds("minority", "a minority of cases", 15, 20)).toBe(false);
  });

  it("'not in all cases' holds of fewer than all", () => {
    expect(holds("not-all", "not in all cases", 19, 20)).toBe(true);
    expect(holds("not-all", "not in all cases", 20, 20)).toBe(false);
  });

  it("'nearly all' holds from three-quarters (15 of 20), not of 14 of 20 nor of none relevant", () => {
    expect(holds("nearly-all", "nearly all cases", 15, 20)).toBe(true);
    expect(holds("nearly-all", "almost every case", 19, 20)).toBe(true);
    expect(holds("nearly-all", "nearly all cases", 14, 20)).toBe(false);
    expect(holds("nearly-all", "nearly all cases", 1, 20)).toBe(false);
    expect(holds("nearly-all", "nearly all cases", 0, 0)).toBe(false);
  });

  it("'44%' does not hold of 9 of 20 (45%): a percentage holds only within one point", () => {
    expect(holds("percent", "in 45% of cases", 9, 20)).toBe(true);
    expect(holds("percent", "in 44.5 per cent of cases", 9, 20)).toBe(true);
    expect(holds("percent", "in 44% of cases", 9, 20)).toBe(false);
  });
});

describe("a draft's sentence is read as the term it uses, and judged on the counts", () => {
  /** The terms a sentence is read as, each with whether it counts the work not done well. */
  const terms = (sentence: string): [QuantityTermName, boolean][] =>
    findStatements(normaliseSentence(sentence)).flatMap((s) => s.terms.map((t): [QuantityTermName, boolean] => [t.term.name, s.negative]));
  /** Whether every statement of the sentence holds of met out of relevant (not met, after a negation). */
  const sentenceHolds = (sentence: string, met: number, relevant: number): boolean =>
    findStatements(normaliseSentence(sentence)).every((s) => s.terms.every((t) => t.term.holds(s.negative ? relevant - met : met, relevant, t.use, o(), {})));

  it.each<[string, [QuantityTermName, boolean][], [number, number], [number, number]]>([
    // sentence, terms read, counts it holds of, counts it does not hold of
    ["Nearly all cases had a plan.", [["nearly-all", false]], [15, 20], [14, 20]],
    ["Not all cases had a plan.", [["not-all", false]], [19, 20], [20, 20]],
    ["In all but three of the 20 cases the plan was good.", [["all-but", false]], [17, 20], [18, 20]],
    ["In just under half of the cases (9 out of 20), planning was good.", [["near-share", false], ["count", false]], [9, 20], [10, 20]],
    ["Assessment was not done well in 8 out of 19 relevant cases.", [["count", true]], [11, 19], [8, 19]],
    ["In five cases the assessment was insufficient.", [["at-least", true]], [15, 20], [16, 20]],
    ["About two thirds of the cases had a plan.", [["share", false]], [13, 20], [15, 20]],
    ["Only two of the 30 cases had a plan.", [["only", false]], [2, 30], [3, 30]],
    ["None of the 7 cases had a plan.", [["none", false]], [0, 7], [1, 7]],
    ["Most cases had a plan.", [["majority", false]], [11, 20], [10, 20]],
    ["A small minority of cases had a review.", [["small-minority", false]], [2, 20], [0, 20]],
    ["In 45% of cases the plan was good.", [["percent", false]], [9, 20], [10, 20]],
  ])("%s", (sentence, read, yes, no) => {
    expect(terms(sentence)).toEqual(read);
    expect(sentenceHolds(sentence, ...yes)).toBe(true);
    expect(sentenceHolds(sentence, ...no)).toBe(false);
  });
});
