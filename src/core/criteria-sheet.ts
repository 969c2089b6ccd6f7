/**
 * Reading a user-edited Criteria sheet into a framework. Rows that cannot be used are reported
 * and left out; a sheet that cannot be used at all falls back to the built-in framework.
 */
import { toA1 } from "./address";
import { cellText, isBlankRow, normaliseHeader, type Grid } from "./grid";
import {
  APPLICABILITY_LABELS,
  BUILT_IN_FRAMEWORK,
  leadingCriterionId,
  parseApplicability,
  type Criterion,
  type Framework,
  type Section,
} from "./framework";
import type { Issue, IssueCode } from "./issues";
import { criteriaMessages } from "./messages";

/** The Criteria sheet's columns, in the order the template writes them. */
export const CRITERIA_HEADERS = ["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase"] as const;

export interface ReadFrameworkResult {
  readonly framework: Framework;
  /** Whether the framework came from the sheet (false: built-in). */
  readonly fromSheet: boolean;
  readonly issues: readonly Issue[];
}

/**
 * The framework a workbook uses: its Criteria sheet when there is one that can be read,
 * otherwise the built-in framework.
 * @example readFramework(null).framework === BUILT_IN_FRAMEWORK // true
 */
export function readFramework(grid: Grid | null): ReadFrameworkResult {
  if (!grid) return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues: [] };
  const issues: Issue[] = [];
  const issue = (code: IssueCode, row: number | null, col: number | null, message: string, criterionId: string | null = null): void => {
    const cell = row === null || grid.top + row < 0 ? null : toA1({ row: grid.top + row, col: grid.left + (col ?? 0) });
    issues.push({ severity: "error", code, sheet: grid.sheet, cell, caseId: null, criterionId, message });
  };

  const headerRowIndex = grid.rows.findIndex((r) => !isBlankRow(r));
  const header = grid.rows[headerRowIndex] ?? [];
  const colOf = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key !== "" && !colOf.has(key)) colOf.set(key, i);
  });
  const find = (...names: string[]): number | undefined => {
    for (const n of names) {
      const c = colOf.get(n);
      if (c !== undefined) return c;
    }
    return undefined;
  };
  const idCol = find("id", "criterion id");
  const titleCol = find("criterion", "title", "criterion (short)");
  const appliesCol = find("applies to", "applicability");
  const sectionCol = find("section", "section number");
  const sectionTitleCol = find("section title", "section name");
  const subjectCol = find("done well phrase", "subject", "done well subject");

  const missing: string[] = [];
  if (idCol === undefined) missing.push("ID");
  if (titleCol === undefined) missing.push("Criterion");
  if (appliesCol === undefined) missing.push("Applies to");
  if (idCol === undefined || titleCol === undefined || appliesCol === undefined) {
    for (const m of missing) issue("criteria-missing-column", headerRowIndex < 0 ? null : headerRowIndex, 0, criteriaMessages.missingColumn(m));
    return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues };
  }

  const criteria: Criterion[] = [];
  const interviewQuestions: Criterion[] = [];
  const firstRowOfId = new Map<string, string>();
  const sectionTitles = new Map<number, string>();

  for (let r = headerRowIndex + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    if (isBlankRow(row)) continue;
    const idText = cellText(row[idCol] ?? null).trim();
    const title = cellText(row[titleCol] ?? null).replace(/\s+/g, " ").trim();
    const appliesText = cellText(row[appliesCol] ?? null);
    if (idText === "") {
      issue("criteria-missing-field", r, idCol, criteriaMessages.missingField("ID", "an ID such as 2.1"));
      continue;
    }
    const id = leadingCriterionId(idText);
    if (!id || !/^\d{1,2}\.\d{1,2}$/.test(idText)) {
      issue("criteria-invalid-id", r, idCol, criteriaMessages.invalidId(idText));
      continue;
    }
    const firstCell = firstRowOfId.get(id);
    const here = toA1({ row: grid.top + r, col: grid.left + idCol });
    if (firstCell) {
      issue("criteria-duplicate-id", r, idCol, criteriaMessages.duplicateId(id, firstCell), id);
      continue;
    }
    if (title === "") {
      issue("criteria-missing-field", r, titleCol, criteriaMessages.missingField("Criterion", "a short wording of the criterion"), id);
      continue;
    }
    const appliesTo = parseApplicability(appliesText);
    if (!appliesTo) {
      if (appliesText.trim() === "") {
        issue("criteria-missing-field", r, appliesCol, criteriaMessages.missingField("Applies to", `one of: ${Object.values(APPLICABILITY_LABELS).join(", ")}`), id);
      } else issue("criteria-unknown-applicability", r, appliesCol, criteriaMessages.unknownApplicability(appliesText.trim()), id);
      continue;
    }
    firstRowOfId.set(id, here);
    const section = Number(id.split(".")[0]);
    if (sectionCol !== undefined) {
      const sText = cellText(row[sectionCol] ?? null).trim();
      const sNum = /^(\d+)/.exec(sText);
      if (sNum && Number(sNum[1]) !== section) {
        issues.push({
          severity: "warning",
          code: "criteria-section-mismatch",
          sheet: grid.sheet,
          cell: toA1({ row: grid.top + r, col: grid.left + sectionCol }),
          caseId: null,
          criterionId: id,
          message: criteriaMessages.sectionMismatch(id, Number(sNum[1])),
        });
      }
      const titleInSection = sText.replace(/^\d+\s*[.:-]?\s*/, "").trim();
      if (titleInSection !== "" && !sectionTitles.has(section)) sectionTitles.set(section, titleInSection);
    }
    if (sectionTitleCol !== undefined) {
      const st = cellText(row[sectionTitleCol] ?? null).replace(/\s+/g, " ").trim();
      if (st !== "" && !sectionTitles.has(section)) sectionTitles.set(section, st);
    }
    const subjectText = subjectCol === undefined ? "" : cellText(row[subjectCol] ?? null).replace(/\s+/g, " ").trim();
    const subject = subjectText !== "" ? subjectText : title.charAt(0).toLowerCase() + title.slice(1);
    const criterion: Criterion = { id, section, title, subject, appliesTo };
    (appliesTo === "interviews" ? interviewQuestions : criteria).push(criterion);
  }

  if (criteria.length === 0 && interviewQuestions.length === 0) {
    if (issues.length === 0) {
      issues.push({ severity: "warning", code: "criteria-empty", sheet: grid.sheet, cell: null, caseId: null, criterionId: null, message: criteriaMessages.empty() });
    }
    return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues };
  }

  const numbers = [...new Set([...criteria, ...interviewQuestions].map((c) => c.section))].sort((a, b) => a - b);
  const sections: Section[] = numbers.map((n) => ({
    number: n,
    title: sectionTitles.get(n) ?? BUILT_IN_FRAMEWORK.sections.find((s) => s.number === n)?.title ?? `Section ${n}`,
  }));
  return { framework: { sections, criteria, interviewQuestions }, fromSheet: true, issues };
}
