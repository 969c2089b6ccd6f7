/**
 * The quantity statements of one sentence (normalised form): which words count cases or
 * interviewees, and whether the count is of the work done well or, after a negation in its own
 * clause, of the work not done well. Each expectation is worked by hand from the sentence.
 */
import { findStatements } from "../../src/core";

/** Each statement as "words|negative|counted", the words of its terms joined by " + ". */
function read(sentence: string): string[] {
  return findStatements(sentence).map((s) => `${s.terms.map((t) => t.words).join(" + ")}|${s.negative ? "not met" : "met"}|${s.counted}`);
}

describe("what a count counts, from the noun after it", () => {
  it("young people are cases; young offenders' workers are not named, so nothing is counted", () => {
    expect(read("in 8 out of 19 young people the plan was done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("in 8 out of 19 young person cases the plan was done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("8 out of 19 young offenders had a plan")).toEqual([]);
  });

  it("staff are interviewees; other people only where the sentence is about interviews", () => {
    expect(read("8 out of 19 staff said they had training")).toEqual(["8 out of 19|met|interviews"]);
    expect(read("8 out of 19 practitioners said they had training")).toEqual([]);
    expect(read("in interviews, 8 out of 19 practitioners said they had training")).toEqual(["8 out of 19|met|interviews"]);
  });

  it("case managers are interviewees in a sentence about interviews, and not cases otherwise", () => {
    expect(read("in interviews, 8 out of 19 case managers said they had training")).toEqual(["8 out of 19|met|interviews"]);
    expect(read("8 out of 19 case managers said they had training")).toEqual([]);
  });

  it("a count of days is no count of cases, even when a case noun follows", () => {
    expect(read("8 out of 19 days the plan was reviewed")).toEqual([]);
  });

  it("'at least' and 'none' look only three words ahead for their noun", () => {
    expect(read("at least 8 of the very many cases were done well")).toEqual([]);
    expect(read("at least 8 of the cases were done well")).toEqual(["8|met|cases"]);
    expect(read("none of the 12 were in the cases")).toEqual([]);
  });

  it("a free-standing term counts interviewees only when the interview sentence names them", () => {
    expect(read("in interviews, the vast majority of staff had completed training")).toEqual(["the vast majority|met|interviews"]);
    expect(read("in interviews, the vast majority had completed training")).toEqual(["the vast majority|met|cases"]);
    expect(read("the vast majority of staff had completed training")).toEqual(["the vast majority|met|interviews"]);
    expect(read("in interviews, the vast majority said that they had completed the whole training course, as an interviewee put it")).toEqual([
      "the vast majority|met|interviews",
    ]);
  });

  it("a term right after 'in' counts cases; the same term elsewhere names nothing", () => {
    expect(read("in most, the plan was done well")).toEqual(["most|met|cases"]);
    expect(read("in the majority, it was done well")).toEqual(["the majority|met|cases"]);
    expect(read("most of it was done well")).toEqual([]);
    expect(read("in most, it was done well")).toEqual(["most|met|cases"]);
    expect(read("in x most, it was done well")).toEqual([]);
    expect(read("in 8, it was done well")).toEqual([]);
  });

  it("a noun counts up to seven words after the term, and no further", () => {
    expect(read("most x x x x x x cases were done well")).toEqual(["most|met|cases"]);
    expect(read("most x x x x x x x cases were done well")).toEqual([]);
  });
});

describe("counts named by structure", () => {
  it("'of which' and 'of the N cases' count out of the cases just named, never more than them", () => {
    expect(read("in ten cases, of which, eight were done well")).toEqual(["ten cases, of which, eight|met|cases"]);
    expect(read("in ten cases, of which, ten were done well")).toEqual(["ten cases, of which, ten|met|cases"]);
    expect(read("in ten cases, of which, twelve were done well").some((s) => s.includes("twelve"))).toBe(false);
    expect(read("of the relevant 15 cases, we found that 7 did not show it")).toEqual(["of the relevant 15 cases, we found that 7|not met|cases"]);
  });

  it("a bracketed count straight after a term is the same statement; one after a closed bracket is not", () => {
    expect(read("just under two-thirds of the cases (12 out of 19) were done well")).toEqual(["just under two-thirds + 12 out of 19|met|cases"]);
    expect(read("just under two-thirds of the cases (in fact) and 12 out of 19 cases were done well")).toHaveLength(2);
    expect(read("just under two-thirds of the cases; (12 out of 19) were done well")).toHaveLength(2);
  });
});

describe("whether a count is of the work not done well", () => {
  it("a negation in the clause of the count", () => {
    expect(read("there were gaps in 8 out of 19 cases")).toEqual(["8 out of 19|not met|cases"]);
    expect(read("in 8 out of 19 cases, there were gaps")).toEqual(["8 out of 19|not met|cases"]);
    expect(read("in 8 out of 19 cases the plan was not done well")).toEqual(["8 out of 19|not met|cases"]);
  });

  it("a negation in another clause, before or after, does not reach the count", () => {
    expect(read("the plan was not done well, but in 8 out of 19 cases it was")).toEqual(["8 out of 19|met|cases"]);
    expect(read("it was not, but in 8 out of 19 cases it was")).toEqual(["8 out of 19|met|cases"]);
    expect(read("it was not done;8 out of 19 cases were done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("in 8 out of 19 cases it was done well; in others it was not")).toEqual(["8 out of 19|met|cases"]);
    expect(read("in 8 out of 19; it was not done elsewhere")).toEqual(["8 out of 19|met|cases"]);
    expect(read("in 8 out of 19 cases the plan was done well, whereas in others it was not")).toEqual(["8 out of 19|met|cases"]);
  });

  it("a subordinate clause of its own does not negate the count; the count's own clause does", () => {
    expect(read("where the child did not engage, in 8 out of 19 cases the plan was done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("in 8 out of 19 cases, where the child did not engage, the plan was done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("where 8 out of 19 cases did not have a plan, it was noted")).toEqual(["8 out of 19|not met|cases"]);
  });

  it("'not only' is no negation, nor are the quantity's own words", () => {
    expect(read("in 8 out of 19 cases the plan was not only done, it was done well")).toEqual(["8 out of 19|met|cases"]);
    expect(read("not all of the cases were done well")).toEqual(["not all|met|cases"]);
  });
});
