/**
 * Parts of the draft check an inspector sees through: which criterion a statement is tied to by
 * the heading it sits under, the number of cases examined, and the word stems that tie a
 * statement to a criterion's words. The sample workbook's counts (its input): 2.1 has 11 met and
 * 8 not met of 19, 5.1 the same; no criterion of section 3 has 8 not met of 19; 20 cases, 9
 * interviewees.
 */
import { analyseWorkbook, checkDraft, splitDraftText, wordStems, type Analysis, type WorkbookGrids } from "../../src/core";
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
