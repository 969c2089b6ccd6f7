/**
 * More of the draft check, as an inspector sees it: which statement a paragraph's criterion
 * number ties, when a criterion's words are clear enough to tie one, the clause a statement's
 * words are read from, headings, the correction written for interviews, and what a statement
 * states. The sample workbook's counts (its input): 2.1 has 11 met and 8 not met of 19; 2.3 12 met
 * of 19; 2.4 11 met and 9 not met of 20; 3.2 2 met of 5; 4.4 20 of 20; 4.5 11 of 11; 5.1 11 met
 * and 8 not met of 19; the interview question 5.2 8 met and 1 not met of 9; section 3 pools 42 met
 * and 22 not met of 64; 20 cases.
 */
import { checkDraft, findStatements, normaliseSentence, splitDraftText, type Analysis } from "../../src/core";
import { useSampleAnalysis } from "../helpers/sample-analysis";

const sample = useSampleAnalysis();

const tied = (draft: string, analysis: Analysis = sample()): [string | null, string, string | null][] =>
  checkDraft(splitDraftText(draft), analysis).statements.map((s) => [s.criterionId, s.verdict, s.tiedBy]);
const first = (draft: string, analysis: Analysis = sample()) => checkDraft(splitDraftText(draft), analysis).statements[0]!;

describe("a numbered paragraph holding two statements", () => {
  it("ties its first statement when it names one of the criterion's words, and not a later one that names only one", () => {
    // "initial" is one of 2.1's words; 9 not met is wrong for 2.1 (8).
    expect(tied("- 2.1. The initial work was not done well in 9 out of 19 cases. Initial contact was not done well in 9 out of 19 cases.")).toEqual([
      ["2.1", "disagrees", "number"],
      [null, "unmatched", null],
    ]);
  });

  it("ties a later statement that names two of the criterion's words", () => {
    expect(tied("- 2.1. The initial work was not done well in 9 out of 19 cases. The assessment of risk was not done well in 9 out of 19 cases.")).toEqual([
      ["2.1", "disagrees", "number"],
      ["2.1", "disagrees", "number"],
    ]);
  });

  it("lets a later statement naming another criterion's words agree with that criterion", () => {
    expect(tied("- 2.1. The initial work was not done well in 8 out of 19 cases. Attention to health and well-being outcomes was good in all 20 cases.")).toEqual([
      ["2.1", "agrees", "number"],
      ["4.4", "agrees", "number"],
    ]);
  });
});

describe("a criterion's words tie a statement only when they are clear", () => {
  it("one word of a criterion is not enough; two are", () => {
    // Only 4.5 has "enforcement" and "action"; 4.5 has none of 11 not met.
    expect(tied("Enforcement was not done well in 5 out of 11 cases.")).toEqual([[null, "unmatched", null]]);
    expect(tied("Enforcement action was not done well in 5 out of 11 cases.")).toEqual([["4.5", "disagrees", "words"]]);
  });

  it("words shared equally by several criteria tie none of them", () => {
    // "Initial assessment" is the start of 1.1, 2.1 and 3.1 alike.
    expect(tied("The initial assessment was not done well in 9 out of 19 cases.")).toEqual([[null, "unmatched", null]]);
  });

  it("a word few criteria have counts for more than words many share", () => {
    // "identifiable victims" names 2.4 alone; review, safeguarding and vulnerability are shared by 3.x.
    expect(tied("For identifiable victims, the review of safeguarding and vulnerability was not done well in 9 out of 20 cases.")).toEqual([["2.4", "agrees", "words"]]);
  });
});

describe("the clause a statement's words are read from", () => {
  it("starts after ', although', even when the clause before ends with another criterion's word", () => {
    // The clause names 2.3 (12 met of 19); "victims" before it would name 2.4 (11 met of 20).
    expect(tied("Contact was made with victims, although planning to manage risk of harm was done well in 12 out of 19 cases.")).toEqual([["2.3", "agrees", "words"]]);
  });

  it("starts after a semicolon with no space after it", () => {
    expect(tied("Contact was made with victims;12 out of 19 cases had planning to manage risk of harm done well.")).toEqual([["2.3", "agrees", "words"]]);
  });

  it("ends at ', although' straight after a short quantity, and the negation after it is not the statement's", () => {
    // The clause names 2.1 (11 met of 19: most); the next names safeguarding and vulnerability (3.x).
    const s = first("The initial assessment of risk of harm was done well in most, although safeguarding and vulnerability were not always considered.");
    expect([s.criterionId, s.verdict, s.tiedBy]).toEqual(["2.1", "agrees", "words"]);
    expect(s.means).not.toMatch(/not met$/);
  });
});

describe("a statement of staff interviewed under a section heading", () => {
  it("is not held to the section's pooled counts, which are of cases", () => {
    // Section 3 pools 22 not met of 64 cases; its interview question 3.5 has 2 not met of 9.
    expect(tied("3. Protecting the child or young person\n\nIn 22 out of 64 interviews, staff said they were not supported.")).toEqual([[null, "unmatched", null]]);
  });
});

describe("headings", () => {
  const UNNAMED = "In 8 out of 19 cases it was not done well.";

  it("a heading may hold a full stop inside it", () => {
    expect(tied(`2. Protecting the public\n\nOperational management, incl. partnerships\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
  });

  it("a number names a section only at the start of the heading", () => {
    expect(tied(`Appendix 2\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
  });

  it("reads 'Section' and the number with any space between", () => {
    expect(tied(`Section  2\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
  });

  it("reads a number followed by words with no full stop", () => {
    expect(tied(`2 Our findings\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
  });

  it("reads a heading's number written as a list marker, '2. ' before a title that names no section", () => {
    expect(tied(`2. Our findings\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`5) Our findings\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
  });

  it("reads the section's number before a colon, whatever follows it", () => {
    expect(tied(`Section 5: Our findings\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
  });

  it("a number no section has gives way to the section title the heading names", () => {
    expect(tied(`7 Protecting the public\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
  });
});

describe("the correction written for a statement about interviews", () => {
  it("counts interviewees, in words for a small number, and names the question", () => {
    // 5.2: 8 of the 9 interviewees met.
    const s = first("- 5.2. Six out of nine case managers interviewed were clear about the organisation's priorities.");
    expect(s).toMatchObject({ criterionId: "5.2", verdict: "disagrees", counted: "interviews" });
    expect(s.productPhrase).toBe("eight out of nine interviewees");
    expect(s.suggestion).toBe("Eight out of nine interviewees: case managers were clear about how the organisation's priorities affected their role.");
  });

  it("names the one relevant interviewee, or case, in the singular", () => {
    const one = { met: 1, notMet: 0, relevant: 1 };
    const analysis: Analysis = {
      ...sample(),
      criteria: sample().criteria.map((c) => (c.id === "1.4" ? { ...c, ...one } : c)),
      interviewStats: sample().interviewStats.map((q) => (q.id === "2.6" ? { ...q, ...one } : q)),
    };
    const interview = first("- 2.6. Two out of two staff interviewed understood the policies.", analysis);
    expect(interview).toMatchObject({ criterionId: "2.6", verdict: "disagrees", productPhrase: "the one relevant interviewee (1 out of 1)" });
    expect(interview.suggestion).toBe("The one relevant interviewee (1 out of 1): staff understood local policies and procedures for managing risk of harm to others.");
    expect(first("- 1.4. In 2 out of 2 cases the review of the assessment was done well.", analysis)).toMatchObject({
      criterionId: "1.4",
      verdict: "disagrees",
      productPhrase: "the one relevant case (1 out of 1)",
    });
  });
});

describe("what a statement states", () => {
  it("'only 8 out of 19' states the count, as 'in eight cases' does", () => {
    expect(first("- 2.1. Only 8 out of 19 relevant cases were not done well.").stated).toEqual({ notMet: 8, relevant: 19, phrase: "only 8 out of 19" });
    expect(first("- 2.1. It was not done well in eight cases.").stated).toEqual({ notMet: 8, phrase: "eight" });
  });
});

describe("the number of cases examined", () => {
  it("a proportion after the examining verb is no sample size", () => {
    const s = first("We examined 8 out of 19 cases.");
    expect(s.tiedBy).not.toBe("sample");
    expect(s.verdict).toBe("unmatched");
  });

  it("'all 20 cases' after the examining verb is the sample size too", () => {
    expect(first("We examined all 20 cases.")).toMatchObject({ verdict: "agrees", tiedBy: "sample", stated: { relevant: 20, phrase: "all 20" } });
    expect(first("We examined all 22 cases.")).toMatchObject({ verdict: "disagrees", tiedBy: "sample", suggestion: "We examined all 20 cases." });
    expect(first("We interviewed all nine staff.")).toMatchObject({ verdict: "agrees", tiedBy: "sample", counted: "interviews" });
  });

  it("corrects the number before the cases, not the same number earlier in the sentence", () => {
    // The workbook has 20 cases and 9 interviewees.
    expect(first("Across 12 teams, inspectors examined 12 cases.")).toMatchObject({ verdict: "disagrees", suggestion: "Across 12 teams, inspectors examined 20 cases." });
    expect(first("In two areas we interviewed two case managers.")).toMatchObject({ verdict: "disagrees", suggestion: "In two areas we interviewed nine case managers." });
  });

  it("finds the draft's number whatever its capitals, and corrects it in the draft's sentence", () => {
    expect(first("We examined Twenty-two cases.")).toMatchObject({ verdict: "disagrees", suggestion: "We examined twenty cases." });
  });
});

describe("what a term counts, and whether it is negated", () => {
  const read = (text: string): { terms: string[]; negative: boolean; counted: string }[] =>
    findStatements(normaliseSentence(text)).map((s) => ({ terms: s.terms.map((t) => t.term.name), negative: s.negative, counted: s.counted }));

  it("'cases' followed by 'managers' still counts cases", () => {
    expect(read("In 5 out of 19 cases managers had not countersigned the plan.")).toEqual([{ terms: ["count"], negative: true, counted: "cases" }]);
  });

  it("'case' followed by a word that only begins like 'manager' counts cases", () => {
    expect(read("In 3 out of 19 case managerial reviews the plan was late.")).toEqual([{ terms: ["count"], negative: false, counted: "cases" }]);
  });

  it("looks for the noun a term counts only up to the next comma or stop", () => {
    // "inspectors" after the comma is who found it, not what "most" counts; "staff" is who said it.
    expect(read("The plan was good in most, inspectors found.")).toEqual([{ terms: ["majority"], negative: false, counted: "cases" }]);
    expect(read("It was done in five, staff said.")).toEqual([]);
  });

  it("a negation after ', although' or ', but' is not the statement's", () => {
    expect(read("It was done well in most, although not always promptly.")).toEqual([{ terms: ["majority"], negative: false, counted: "cases" }]);
    expect(read("The plan was done well in 12 out of 19 cases, but not in the others.")).toEqual([{ terms: ["count"], negative: false, counted: "cases" }]);
  });

  it("a ', but' inside 'ten cases, but of these, eight' does not cut the negation after it off", () => {
    expect(read("We looked at ten cases, but of these, eight were not done well.")).toEqual([{ terms: ["count"], negative: true, counted: "cases" }]);
  });
});

describe("'more than half' and 'less than half'", () => {
  const read = (text: string): string[] => findStatements(normaliseSentence(text)).flatMap((s) => s.terms.map((t) => t.term.name));

  it("are read as the majority and the minority, not as 'just over' or 'just under' half", () => {
    for (const words of ["more than half", "over half"]) expect(read(`It was done well in ${words} of the cases.`)).toEqual(["majority"]);
    for (const words of ["less than half", "fewer than half", "under half"]) expect(read(`It was done well in ${words} of the cases.`)).toEqual(["minority"]);
    // "Almost half" and "just over half" stay near half.
    expect(read("It was done well in almost half of the cases.")).toEqual(["near-share"]);
    expect(read("It was done well in just over half of the cases.")).toEqual(["near-share"]);
  });

  it("'more than half' is true of a criterion met in every case, so it is not flagged", () => {
    // 4.4: 20 met of 20.
    expect(tied("- 4.4. Attention to health and well-being outcomes was good in more than half of the cases.")).toEqual([["4.4", "agrees", "number"]]);
    // 2.1: 11 met of 19 (57.9%), 8 not met (42.1%).
    expect(tied("- 2.1. The initial assessment was not done well in less than half of the cases.")).toEqual([["2.1", "agrees", "number"]]);
  });
});
