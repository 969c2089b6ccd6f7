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
  missingSentence: () => `Sentence is blank. Enter Community or Custody.`,
  invalidSentence: (text: string) => `Sentence ${q(text)} is not recognised. Enter Community or Custody.`,
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
    `The Criteria sheet has no "${header}" column, so the built-in framework is used. Add a "${header}" column to row 1, or delete the sheet to use the built-in framework on purpose.`,
  missingField: (field: string, example: string) => `${field} is blank. Enter ${example}.`,
  invalidId: (text: string) => `${q(text)} is not a criterion ID. Enter a section number, a dot and a number, such as 2.1.`,
  duplicateId: (id: string, firstCell: string) => `Criterion ID ${id} is also used at ${firstCell}; this row is ignored. Give each criterion its own ID.`,
  unknownApplicability: (text: string) =>
    `${q(text)} is not a kind of case this criterion can apply to; this row is ignored. Enter one of: ${Object.values(APPLICABILITY_LABELS).join(", ")}.`,
  sectionMismatch: (id: string, section: number) =>
    `Criterion ${id} is listed under section ${section}; its ID's first number is used (section ${id.split(".")[0]}). Make the section and the ID agree.`,
  empty: () => `The Criteria sheet lists no criteria, so the built-in framework is used. Add criteria below the headers, or delete the sheet.`,
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
