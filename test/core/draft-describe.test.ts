/**
 * The words a checked statement is described in (command line and task pane alike): what the
 * draft says and what the workbook has, worked by hand from the statement.
 */
import { describeActual, describeStated, type DraftStatement } from "../../src/core";

function statement(over: Partial<DraftStatement>): DraftStatement {
  return {
    text: "In 8 out of 19 relevant cases this was not done well.",
    paragraph: 1,
    criterionId: "2.1",
    stated: { notMet: 8, relevant: 19, phrase: "8 out of 19" },
    actual: { met: 11, notMet: 8, relevant: 19 },
    verdict: "agrees",
    means: "exactly 8 of 19 not met",
    tiedBy: "number",
    counted: "cases",
    ...over,
  };
}

describe("what a statement says", () => {
  it("names the counts it states, with its words and how they were read", () => {
    expect(describeStated(statement({}))).toBe('8 not met of 19 ("8 out of 19", read as exactly 8 of 19 not met)');
    const met = statement({ stated: { met: 17, phrase: "all but two" }, means: "all but 2 met" });
    expect(describeStated(met)).toBe('17 met ("all but two", read as all but 2 met)');
  });

  it("a statement naming no count is described by its words alone", () => {
    const s = statement({ stated: { phrase: "the vast majority" }, means: "at least 80% met" });
    expect(describeStated(s)).toBe('"the vast majority" (read as at least 80% met)');
    expect(describeStated(statement({ stated: {}, means: "most met" }))).toBe('"" (read as most met)');
    expect(describeStated(statement({ stated: { met: 3 }, means: "3 met" }))).toBe('3 met ("", read as 3 met)');
  });

  it("a statement of how many were inspected names cases or interviewees", () => {
    const cases = statement({ tiedBy: "sample", criterionId: null, stated: { relevant: 20, phrase: "20 cases" }, means: "20 cases" });
    expect(describeStated(cases)).toBe('20 cases ("20 cases", read as 20 cases)');
    const people = statement({ tiedBy: "sample", counted: "interviews", criterionId: null, stated: { relevant: 6 }, means: "6 interviewees" });
    expect(describeStated(people)).toBe('6 interviewees ("", read as 6 interviewees)');
  });
});

describe("what the workbook has", () => {
  it("met, not met and relevant cases of the criterion", () => {
    expect(describeActual(statement({}))).toBe("11 met and 8 not met of 19 relevant cases");
  });

  it("interviewees for a statement about staff interviews", () => {
    const s = statement({ counted: "interviews", actual: { met: 5, notMet: 1, relevant: 6 } });
    expect(describeActual(s)).toBe("5 met and 1 not met of 6 interviewees");
  });

  it("the number inspected for a statement of the sample", () => {
    expect(describeActual(statement({ tiedBy: "sample", actual: { met: 0, notMet: 0, relevant: 20 } }))).toBe("20 cases");
    expect(describeActual(statement({ tiedBy: "sample", counted: "interviews", actual: { met: 0, notMet: 0, relevant: 7 } }))).toBe("7 interviewees");
  });

  it("says so when the statement is tied to nothing", () => {
    expect(describeActual(statement({ actual: null, verdict: "unmatched", tiedBy: null }))).toBe("no counts for it");
  });
});
