/**
 * The whole analysis, part by part: when the Interviews sheet is read, the interview questions'
 * phrases counted in interviewees, the cells left out added over cases and interviews, a
 * Moderation sheet kept without a second marking, and the ratings a framework needs. Expected
 * values are worked out by hand from the product contract and docs/workbook.md.
 */
import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  effectiveSettings,
  HMIP_YOUTH_SCORE_BANDS,
  MODERATION_HEADERS,
  MODERATION_MARKER,
  readSettings,
  type CellValue,
  type Framework,
  type Grid,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

// Every workbook is analysed inside its test (never in a describe body), so a mutation run sees
// each test reach the code it checks.

const INTERVIEW_HEADER = ["Interviewee", "Role", "2.6 Staff understood policies for managing risk of harm", "3.5 Staff understood safeguarding policies", "5.2 Case managers clear about the organisation's priorities"];

/** Three interviewees: 2.6 answered Yes, Yes, No; 3.5 and 5.2 as given. */
function interviews(on35: CellValue[] = ["Yes", "Yes", "Yes"], on52: CellValue[] = ["Yes", "No", "No"]): Grid {
  return makeGrid(
    [INTERVIEW_HEADER, ["A. One", "Case manager", "Yes", on35[0]!, on52[0]!], ["B. Two", "Case manager", "Yes", on35[1]!, on52[1]!], ["C. Three", "Team leader", "No", on35[2]!, on52[2]!]],
    { sheet: "Interviews", tableName: "Interviews" },
  );
}

/** Four community cases with a new PSR, every criterion judged Yes unless overridden. */
function cases(overrides: Record<string, CellValue>[] = []): Grid {
  return makeGrid([standardHeader(), ...[0, 1, 2, 3].map((i) => validRow(`C0${i + 1}`, "Community", "Yes", overrides[i] ?? {}))]);
}

describe("the Interviews sheet", () => {
  it("is counted in interviewees under a framework with interview questions", () => {
    const a = analyseWorkbook({ cases: cases(), interviews: interviews() });
    expect(a.interviews).not.toBeNull();
    expect(a.interviewStats.map((s) => [s.id, s.met, s.relevant, s.phrase])).toEqual([
      ["2.6", 2, 3, "two out of three interviewees"],
      ["3.5", 3, 3, "all three interviewees"],
      ["5.2", 1, 3, "one out of three interviewees"],
    ]);
  });

  it("names a single interviewee in the singular", () => {
    // 5.2 answered by A. One only; the others not yet asked.
    const a = analyseWorkbook({ cases: cases(), interviews: interviews(undefined, ["Yes", null, null]) });
    expect(a.interviewStats.find((s) => s.id === "5.2")).toMatchObject({ met: 1, relevant: 1, phrase: "the one relevant interviewee (1 out of 1)" });
  });

  it("is not read under a framework that asks no interview questions", () => {
    const criteria = makeGrid(
      [
        ["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase"],
        ["1.1", 1, "Reducing reoffending", "Assessment", "All cases", "the assessment"],
        ["2.1", 2, "Protecting the public", "Risk of harm", "All cases", "the risk of harm work"],
      ],
      { sheet: "Criteria" },
    );
    const caseGrid = makeGrid([["Case ID", "Case manager", "Sentence", "PSR", "1.1 Assessment", "2.1 Risk of harm"], ["C01", "A. Manager", "Community", "No", "Yes", "No"]]);
    // Its cells would be errors if it were read: none of its columns is a question of this framework.
    const a = analyseWorkbook({ cases: caseGrid, criteria, interviews: interviews(["Maybe", "Maybe", "Maybe"]) });
    expect(a.framework.interviewQuestions).toEqual([]);
    expect(a.interviews).toBeNull();
    expect(a.interviewStats).toEqual([]);
    expect(a.issues.filter((i) => i.sheet === "Interviews")).toEqual([]);
    expect(a.excludedCells).toBe(0);
  });
});

describe("cells left out of the counts", () => {
  it("adds those of the Cases sheet and those of the Interviews sheet", () => {
    // Two case cells that are no judgement, and one interview cell.
    const a = analyseWorkbook({ cases: cases([{ "2.1": "Maybe" }, {}, { "4.1": "Perhaps" }]), interviews: interviews(["Yes", "Unsure", "Yes"]) });
    expect(a.criteria.reduce((n, c) => n + c.excluded, 0)).toBe(2);
    expect(a.interviewStats.find((s) => s.id === "3.5")!.excluded).toBe(1);
    expect(a.excludedCells).toBe(3);
  });

  it("counts interview cells left out when the cases have none", () => {
    const a = analyseWorkbook({ cases: cases(), interviews: interviews(["Unsure", "Unsure", "Yes"], ["Yes", { error: "#N/A" }, "No"]) });
    expect(a.excludedCells).toBe(3);
  });
});

describe("a Moderation sheet built earlier, with no second marking now", () => {
  /** The sheet as built before: title, the A2 marker, a line, a blank row, the header, the list. */
  function moderationSheet(rows: CellValue[][]): Grid {
    return makeGrid([["Moderation: Northshire YOS"], [`${MODERATION_MARKER} on 1 December 2026.`], ["Every difference between the markers."], [], [...MODERATION_HEADERS], ...rows], { sheet: "Moderation" });
  }
  function typed(id: string, crit: string, who: string, moderated: CellValue, reason: string): CellValue[] {
    const row: CellValue[] = MODERATION_HEADERS.map(() => null);
    row[MODERATION_HEADERS.indexOf("Case ID")] = id;
    row[MODERATION_HEADERS.indexOf("Criterion")] = crit;
    row[MODERATION_HEADERS.indexOf("Second marker")] = who;
    row[MODERATION_HEADERS.indexOf("Moderated judgement")] = moderated;
    row[MODERATION_HEADERS.indexOf("Reason")] = reason;
    return row;
  }

  it("keeps the typed rows in the Moderation list, and counts the moderated judgement", () => {
    const a = analyseWorkbook({ cases: cases(), moderation: moderationSheet([typed("C02", "2.1", "R. Lead", "No", "Agreed at the meeting.")]) });
    expect(a.secondMarking).toBeNull();
    expect(a.moderation).not.toBeNull();
    expect(a.moderation!.rows.map((r) => [r.caseId, r.criterionId, r.marker, r.first, r.moderated, r.reason, r.status])).toEqual([
      ["C02", "2.1", "R. Lead", "Yes", "No", "Agreed at the meeting.", "no longer a difference"],
    ]);
    expect(a.moderation).toMatchObject({ differences: 0, moderated: 1, changed: 1, open: 0 });
    // Four cases judged Yes on 2.1 by their first markers; C02 moderated to No.
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 3, relevant: 4 });
  });

  it("has no Moderation list without second marking or a Moderation sheet", () => {
    expect(analyseWorkbook({ cases: cases() }).moderation).toBeNull();
    expect(analyseWorkbook({ cases: cases(), moderation: moderationSheet([]) }).moderation).toBeNull();
  });
});

describe("effectiveSettings: the rating bands a framework needs", () => {
  const scored: Framework = {
    sections: [
      { number: "1", title: "Assessment" },
      { number: "2", title: "Planning" },
    ],
    criteria: [
      { id: "1.1", section: "1", title: "Assessment", subject: "assessment", appliesTo: "all" },
      { id: "2.1", section: "2", title: "Planning", subject: "planning", appliesTo: "all" },
    ],
    interviewQuestions: [],
    overall: { kind: "score-sum", bands: HMIP_YOUTH_SCORE_BANDS },
  };
  const settingsSheet = (scheme: string): Grid => makeGrid([["Setting", "Value"], ["Rating scheme", scheme]], { sheet: "Settings" });

  it("rates a score-summed framework on the HMI Probation bands even when Settings says None", () => {
    expect(effectiveSettings(readSettings(settingsSheet("None")), scored).settings.ratingScheme).toBe("hmip-2018");
    expect(effectiveSettings(readSettings(null), scored).settings.ratingScheme).toBe("hmip-2018");
  });

  it("keeps the scheme Settings chose for a framework that does not need one", () => {
    expect(effectiveSettings(readSettings(settingsSheet("None")), BUILT_IN_FRAMEWORK).settings.ratingScheme).toBe("none");
    expect(effectiveSettings(readSettings(settingsSheet("HMI Probation 2018")), BUILT_IN_FRAMEWORK).settings.ratingScheme).toBe("hmip-2018");
  });
});
