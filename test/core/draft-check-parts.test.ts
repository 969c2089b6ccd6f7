/**
 * Parts of the draft check an inspector sees through: which criterion a statement is tied to by
 * the heading it sits under, the number of cases examined, and the word stems that tie a
 * statement to a criterion's words. The sample workbook's counts (its input): 2.1 has 11 met and
 * 8 not met of 19, 5.1 the same; no criterion of section 3 has 8 not met of 19; 20 cases, 9
 * interviewees.
 */
import { analyseWorkbook, checkDraft, splitDraftText, toCheckTextJson, wordStems, type Analysis, type WorkbookGrids } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import * as path from "node:path";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");
let grids: WorkbookGrids;
beforeAll(async () => {
  grids = (await readWorkbookFile(SAMPLE)).grids;
});
let sample: Analysis;
beforeEach(() => {
  sample = analyseWorkbook(grids);
});

const UNNAMED = "In 8 out of 19 cases it was not done well.";
const tied = (draft: string): [string | null, string, string | null][] =>
  checkDraft(splitDraftText(draft), sample).statements.map((s) => [s.criterionId, s.verdict, s.tiedBy]);

describe("a statement naming no criterion is tied within the section its heading names", () => {
  it("by the section's number or its title", () => {
    expect(tied(`2. Protecting the public\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`5. Operational management\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
    expect(tied(`Section 2:\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`Protecting the public\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`OPERATIONAL MANAGEMENT:\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
  });

  it("a section's number is read however it is written", () => {
    expect(tied(`Section 02\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`2\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`5 Operational management\n\n${UNNAMED}`)).toEqual([["5.1", "agrees", "section"]]);
  });

  it("a heading is shorter than 100 characters", () => {
    const title = "Protecting the public "; // 22 characters
    expect(tied(`${title}${"x".repeat(77)}\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`${title}${"x".repeat(78)}\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
  });

  it("within a section where nothing has those counts, it is unmatched, not tied elsewhere", () => {
    expect(tied(`3. Protecting the child or young person\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
  });

  it("a heading naming no section, or a number no section has, leaves no section", () => {
    expect(tied(`2. Protecting the public\n\nOur findings\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
    expect(tied(`9. Appendix\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
    expect(tied(UNNAMED)).toEqual([[null, "unmatched", null]]);
  });

  it("a sentence, or a line too long for a heading, does not change the section", () => {
    expect(tied(`2. Protecting the public\n\nThe team was visited.\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
    expect(tied(`2. Protecting the public\n\n${"Word ".repeat(25).trim()}\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
  });

  it("a numbered paragraph sets the section of the paragraphs after it", () => {
    const draft = `- 2.3. Planning to manage risk of harm to others was done well in 12 out of 19 cases.\n\n${UNNAMED}`;
    expect(tied(draft)).toEqual([
      ["2.3", "agrees", "number"],
      ["2.1", "agrees", "section"],
    ]);
    expect(tied(`- 9.1. Something else was seen.\n\n${UNNAMED}`)).toEqual([[null, "unmatched", null]]);
    // A number no section has leaves the section as it was.
    expect(tied(`2. Protecting the public\n\n- 9.1. Something else was seen.\n\n${UNNAMED}`)).toEqual([["2.1", "agrees", "section"]]);
  });

  it("a line holding a statement is no heading, even without a full stop", () => {
    const statements = tied(`2. Protecting the public\n\nIn 3 out of 4 cases of operational management\n\n${UNNAMED}`);
    expect(statements[statements.length - 1]).toEqual(["2.1", "agrees", "section"]);
  });

  it("a statement of the section's cases together is tied to the section's pooled counts", () => {
    // Section 2 pools 51 met and 33 not met of 84.
    expect(tied("2. Protecting the public\n\nIn 33 out of 84 cases it was not done well.")).toEqual([[null, "agrees", "section"]]);
  });
});

describe("the number of cases examined, or people interviewed", () => {
  it("is stated as the cases there are, against the workbook's cases, all examined", () => {
    const [s] = checkDraft(splitDraftText("The inspection team examined 20 cases."), sample).statements;
    expect(s).toMatchObject({ criterionId: null, verdict: "agrees", tiedBy: "sample", stated: { relevant: 20, phrase: "20" }, actual: { met: 20, notMet: 0, relevant: 20 } });
    expect(s!.means).toBe("the number of cases examined");
  });

  it("people interviewed are held to the interviewees", () => {
    const [s] = checkDraft(splitDraftText("Inspectors spoke to 9 staff."), sample).statements;
    expect(s).toMatchObject({ verdict: "agrees", tiedBy: "sample", counted: "interviews", actual: { met: 9, notMet: 0, relevant: 9 } });
    expect(s!.means).toBe("the number of people interviewed");
    const [wrong] = checkDraft(splitDraftText("Inspectors spoke to twelve staff."), sample).statements;
    expect(wrong).toMatchObject({ verdict: "disagrees", suggestion: "Inspectors spoke to nine staff." });
  });

  it("a sample statement with a negation is no statement of the sample", () => {
    expect(tied("We examined 20 cases where the plan was not reviewed.").map((t) => t[2])).not.toContain("sample");
  });
});

describe("the word stems a statement is tied to a criterion by", () => {
  it("reduces endings so that forms of one word meet", () => {
    // "assessments", "assessment" and "assessed" all meet at "asses" (a doubled last letter is dropped).
    expect([...wordStems("Reviews of the assessments")]).toEqual(["review", "asses"]);
    expect([...wordStems("assessment assessed assess")]).toEqual(["asses"]);
    expect([...wordStems("children")]).toEqual(["child"]);
    expect([...wordStems("planning stopped")]).toEqual(["plan", "stop"]);
    expect([...wordStems("families supplied")]).toEqual(["family", "supply"]);
    expect([...wordStems("quickly engagements safeguarding")]).toEqual(["quick", "engage", "safeguard"]);
    expect([...wordStems("cares mentions")]).toEqual(["car", "mention"]);
  });

  it("keeps a stem of at least three letters", () => {
    expect([...wordStems("uses ties bed bee")]).toEqual(["use", "tie", "bed", "bee"]);
  });

  it("drops short words, common words, and words whose stem is a common word", () => {
    expect([...wordStems("Go ox in the")]).toEqual([]);
    expect([...wordStems("needs Risk-of-harm")]).toEqual(["risk", "harm"]);
  });
});

describe("what a statement states, and the JSON the command line prints", () => {
  const first = (draft: string) => checkDraft(splitDraftText(draft), sample).statements[0]!;

  it("reads the counts a statement names into met, not met and relevant", () => {
    // 1.4 has 8 met and none not met of 8.
    expect(first("- 1.4. The plan was done well in all 8 relevant cases.").stated).toEqual({ met: 8, relevant: 8, phrase: "all 8" });
    expect(first("- 2.1. It was done well in all but eight of the 19 cases.").stated).toEqual({ notMet: 8, relevant: 19, phrase: "all but eight of the 19" });
    expect(first("- 1.4. In none of the 8 cases was the plan done well.")).toMatchObject({ stated: { met: 0, relevant: 8 }, verdict: "disagrees" });
  });

  it("joins the words of a bracketed count to the term they belong to", () => {
    expect(first("- 2.3. Planning was done well in just under two-thirds of the cases (12 out of 19).").stated).toEqual({
      met: 12,
      relevant: 19,
      phrase: "just under two-thirds 12 out of 19",
    });
    // What it was read as names both terms, then whose work: "…, and … met".
    const means = first("- 2.3. Planning was done well in just under two-thirds of the cases (12 out of 19).").means;
    expect(means).toMatch(/^.+, and .+ met$/);
    expect(means).not.toMatch(/not met$/);
    expect(first("- 2.1. In 8 out of 19 relevant cases this was not done well.").means).toMatch(/ not met$/);
  });

  it("corrects a false 'not done well' about a criterion met in every case with a strength, not an improvement", () => {
    // 1.4 has 8 met and none not met of 8: there is nothing not done well to write.
    const s = first("- 1.4. In 2 out of 8 cases it was not done well.");
    expect(s).toMatchObject({ verdict: "disagrees", stated: { notMet: 2, relevant: 8 }, actual: { met: 8, notMet: 0, relevant: 8 } });
    expect(s.suggestion).toMatch(/done well/);
    expect(s.suggestion).not.toMatch(/not done well/);
  });

  it("a count out of all the cases inspected is true of a criterion with fewer relevant", () => {
    // 2.1: 11 met of 19 relevant; the workbook has 20 cases.
    expect(first("- 2.1. This assessment was done well in 11 of the 20 cases inspected.")).toMatchObject({ verdict: "agrees", actual: { met: 11, relevant: 19 } });
    expect(first("- 2.1. This assessment was done well in 11 of the 21 cases inspected.").verdict).toBe("disagrees");
  });

  it("gives the sentence as written, with its white space made single", () => {
    expect(first("- 2.1. In 8 out of 19 relevant cases   this assessment was not done well.").text).toBe("In 8 out of 19 relevant cases this assessment was not done well.");
    expect(first("We  examined 20 cases.").text).toBe("We examined 20 cases.");
  });

  it("corrects a sample size it cannot find in the sentence with the workbook's number alone", () => {
    // The draft's en dash is read as a hyphen, so its words are not found as written.
    expect(first("In total we inspected twenty\u2013two cases.")).toMatchObject({ verdict: "disagrees", suggestion: "Twenty cases." });
    expect(first("We interviewed twenty\u2013two staff.")).toMatchObject({ verdict: "disagrees", suggestion: "Nine interviewees." });
    expect(first("In total we inspected twenty two cases.")).toMatchObject({ verdict: "disagrees", suggestion: "In total we inspected twenty cases." });
  });

  it("prints exactly the documented fields, the suggestion only when there is one", () => {
    const check = checkDraft(splitDraftText("- 2.1. In 9 out of 19 relevant cases this assessment was not done well.\n\n- 2.1. In 8 out of 19 relevant cases this assessment was not done well.\n\nIn 3 out of 4 cases it was."), sample);
    expect(toCheckTextJson(check)).toStrictEqual({
      statements: [
        {
          text: "In 9 out of 19 relevant cases this assessment was not done well.",
          paragraph: 1,
          criterionId: "2.1",
          stated: { notMet: 9, relevant: 19, phrase: "9 out of 19" },
          actual: { met: 11, notMet: 8, relevant: 19 },
          verdict: "disagrees",
          suggestion: "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well.",
        },
        {
          text: "In 8 out of 19 relevant cases this assessment was not done well.",
          paragraph: 2,
          criterionId: "2.1",
          stated: { notMet: 8, relevant: 19, phrase: "8 out of 19" },
          actual: { met: 11, notMet: 8, relevant: 19 },
          verdict: "agrees",
        },
        { text: "In 3 out of 4 cases it was.", paragraph: 3, criterionId: null, stated: { met: 3, relevant: 4, phrase: "3 out of 4" }, actual: null, verdict: "unmatched" },
      ],
      agrees: 1,
      disagrees: 1,
      unmatched: 1,
    });
  });
});

describe("a sentence holding two findings", () => {
  it("a negation in the second finding, after ', and', does not turn the first into a count of work not done well", () => {
    // 2.3 has 12 met of 19: the first statement is true and must not be flagged.
    const draft =
      "Planning to manage risk of harm was done well in 12 out of 19 cases, and the initial assessment of risk of harm to others was not done well in 8 out of 19 cases.";
    expect(tied(draft)).toEqual([
      ["2.3", "agrees", "words"],
      ["2.1", "agrees", "words"],
    ]);
  });

  it("ties each statement by the words of its own clause first", () => {
    const draft =
      "Planning to manage risk of harm was done well in 12 out of 19 cases, but the initial assessment of risk of harm to others was not done well in 8 out of 19 cases.";
    expect(tied(draft)).toEqual([
      ["2.3", "agrees", "words"],
      ["2.1", "agrees", "words"],
    ]);
  });
});
