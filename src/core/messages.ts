/**
 * The words of every issue (UK English). Each message says what is wrong and what to enter
 * instead. Codes live in `issues.ts`; tests assert codes, so wording here can change freely.
 */
import type { Applicability } from "./framework";
import { APPLICABILITY_LABELS } from "./framework";

const q = (s: string): string => `"${s.length > 40 ? `${s.slice(0, 37)}...` : s}"`;

export const messages = {
  missingColumn: (sheet: string, header: string, where: string) =>
    `The ${sheet} sheet has no "${header}" column. Add a column headed "${header}" to ${where}.`,
  duplicateColumn: (header: string, firstCell: string) =>
    `This column repeats "${header}", already at ${firstCell}; only the first is counted. Rename or remove this one.`,
  unknownCriterionColumn: (id: string) =>
    `Criterion ${id} is not in the framework, so this column is not counted. Add ${id} to the Criteria sheet, or correct the ID at the start of the header.`,
  missingCriterionColumn: (id: string, title: string) =>
    `Criterion ${id} (${title}) has no column in the Cases sheet, so it has no results. Add a column whose header starts with "${id} ".`,
  noCaseRows: (sheet: string) => `The ${sheet} sheet has a header row but no cases yet. Enter one case per row under the headers.`,
  missingCaseId: () => `This case has no Case ID. Enter a unique ID, such as C01.`,
  duplicateCaseId: (id: string, firstCell: string) =>
    `Case ID ${q(id)} is also used at ${firstCell}. Give each case its own ID.`,
  missingSentence: () => `Sentence is blank. Enter Community or Custody (a court sentence) or Out-of-court.`,
  invalidSentence: (text: string) => `Sentence ${q(text)} is not recognised. Enter Community or Custody (a court sentence) or Out-of-court.`,
  missingPsr: () => `PSR is blank. Enter Yes if a new pre-sentence report was prepared, otherwise No.`,
  invalidPsr: (text: string) => `PSR ${q(text)} is not recognised. Enter Yes if a new pre-sentence report was prepared, otherwise No.`,
  invalidValue: (text: string, criterionId: string) =>
    `${q(text)} is not a judgement for criterion ${criterionId}. Enter Yes, No or N/A, or leave it blank until judged.`,
  cellError: (text: string, what: string) =>
    `This cell shows the error ${text}, so it cannot be read. Correct the formula or type ${what} instead.`,
  nonCanonical: (text: string, canonical: string) => `${q(text)} is read as ${canonical}. Enter ${canonical} exactly to clear this warning.`,
  notApplicableNotAllowed: (criterionId: string, applies: Applicability, why: string) =>
    `N/A is not allowed for criterion ${criterionId} (${APPLICABILITY_LABELS[applies]})${why}. Enter Yes or No.`,
  judgementNotExpected: (criterionId: string, applies: Applicability, why: string) =>
    `Criterion ${criterionId} applies only to ${APPLICABILITY_LABELS[applies].toLowerCase()}${why}. Enter N/A or leave it blank.`,
  notYetJudged: (criterionId: string, options: string) => `Criterion ${criterionId} is not yet judged. Enter ${options}.`,
  missingInterviewee: () => `This interview has no interviewee. Enter a name or reference for the person interviewed.`,
} as const;

export const criteriaMessages = {
  missingColumn: (header: string) =>
    `The Criteria sheet has no "${header}" column, so the built-in framework is used. Add a column headed "${header}" to its header row (the first row that is not blank), or delete the sheet to use the built-in framework on purpose.`,
  missingField: (field: string, example: string) => `${field} is blank. Enter ${example}.`,
  invalidId: (text: string) => `${q(text)} is not a criterion ID. Enter a section number, a dot and a number, such as 2.1.`,
  duplicateId: (id: string, firstCell: string) => `Criterion ID ${id} is also used at ${firstCell}; this row is ignored. Give each criterion its own ID.`,
  unknownApplicability: (text: string) =>
    `${q(text)} is not a kind of case this criterion can apply to; this row is ignored. Enter one of: ${Object.values(APPLICABILITY_LABELS).join(", ")}.`,
  sectionMismatch: (id: string, given: string, section: string) =>
    `Criterion ${id} is listed under section ${given}; its ID says section ${section}, which is used. Make the section and the ID agree.`,
  empty: () => `The Criteria sheet lists no criteria, so the built-in framework is used. Add criteria below the headers, or delete the sheet.`,
  invalidSectionNumber: (text: string) =>
    `${q(text)} is not a section number for a section rated by hand; this row is ignored. Enter the section's number, such as 1.1.`,
  unknownSectionRule: (text: string) =>
    `${q(text)} is not a rule for a section, so its judgements are pooled. Enter Pooled, Lowest (the lowest criterion's percentage) or By hand.`,
  unknownOverallRule: (text: string) =>
    `${q(text)} is not a rule for the overall figure, so all judgements are pooled. Enter Pooled, or Score sum followed by its bands, such as "Score sum: 0-6 Inadequate, 7-18 Requires improvement, 19-30 Good, 31-36 Outstanding".`,
  invalidBands: (problem: string) =>
    `The overall score bands cannot be used (${problem}), so all judgements are pooled. Write them as "Score sum: 0-6 Inadequate, 7-18 Requires improvement, 19-30 Good, 31-36 Outstanding".`,
  scoreRange: (top: number, counted: number) =>
    `The overall score bands end at ${top}, but the ${counted} counted section${counted === 1 ? "" : "s"} can score at most ${counted * 3} (3 each). Make the top band end at ${counted * 3}, or check which sections are counted.`,
  invalidRating: (section: string, text: string) =>
    `${q(text)} is not a rating for section ${section}, so it has no rating. Enter Outstanding, Good, Requires improvement or Inadequate.`,
  missingRating: (section: string, hasColumn: boolean) =>
    hasColumn
      ? `Section ${section} is rated by hand and has no rating yet. Enter Outstanding, Good, Requires improvement or Inadequate in its Rating cell.`
      : `Section ${section} is rated by hand but the Criteria sheet has no Rating column. Add a column headed "Rating" and enter its rating there.`,
  ratingIgnored: (section: string) =>
    `Section ${section} is rated from its cases, so a rating typed on a criterion's row is not used. Clear this cell, or make the section's Rule "By hand" on a row of its own.`,
  ruleConflict: (section: string, firstCell: string) =>
    `Section ${section} already has its rule at ${firstCell}; this different rule is not used. Give every criterion of a section the same rule, or leave the cell blank.`,
  countedConflict: (firstCell: string) =>
    `This section is already marked at ${firstCell}; this different answer is not used. Give every row of a section the same answer, or leave the cell blank.`,
  invalidCounted: (text: string) => `${q(text)} is not Yes or No, so the section is counted. Enter Yes to count the section in the overall figure, or No to leave it out.`,
  handRatedWithCriteria: (section: string) =>
    `Section ${section} is rated by hand but also has criteria judged case by case, so it is rated from its cases. Remove this row, or give the criteria a section of their own.`,
} as const;

/** Messages for the Settings sheet. */
export function settingMessage(code: "invalid-setting" | "unknown-setting", label: string, expected: string, text = ""): string {
  return code === "unknown-setting"
    ? `${q(label)} is not a setting this workbook uses; it is ignored. Check the spelling against the template's Settings sheet.`
    : `${label} ${q(text)} cannot be used, so the default applies. Enter ${expected}.`;
}

export const secondMarkingMessages = {
  missingCaseId: () => `This second-marking row has no Case ID. Enter the ID of the case, as written in the Cases sheet.`,
  unknownCase: (id: string, casesSheet: string) =>
    `Case ID ${q(id)} is not in the ${casesSheet} sheet, so this row is not compared. Enter the ID exactly as the ${casesSheet} sheet has it.`,
  missingMarker: () => `The second marker is not named, so this row counts under "(not named)". Enter who second-marked the case.`,
  duplicate: (id: string, marker: string, firstCell: string) =>
    `Case ${q(id)} is already second-marked by ${q(marker)} at ${firstCell}; only that row is compared. Remove this row or name a different marker.`,
} as const;

export const moderationMessages = {
  conflict: (id: string, criterionId: string, cells: string) =>
    `Case ${q(id)} has different moderated judgements for criterion ${criterionId} (${cells}), so it is left out of the counts. Enter one moderated judgement, or the same one in each row.`,
} as const;

export const previousMessages = {
  invalidFigure: (which: "met" | "relevant", what: string) =>
    which === "relevant"
      ? `The previous inspection's relevant count for ${what} is not a whole number, so ${what} is not compared. Enter the number of relevant cases it had, such as 19.`
      : `The previous inspection's met count for ${what} is not a whole number from 0 to its relevant count, so ${what} is not compared. Enter how many cases met it, such as 11.`,
  invalidId: (text: string) => `${q(text)} is not a criterion ID, so this row is not compared. Enter the criterion's ID, such as 2.1.`,
} as const;
