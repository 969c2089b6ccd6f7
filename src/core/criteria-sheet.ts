/**
 * Reading a user-edited Criteria sheet into a framework: its criteria, its sections with the rule
 * each follows (pooled, lowest, rated by hand) and whether each counts towards the overall, and
 * the overall rule. Rows that cannot be used are reported and left out; a sheet that cannot be
 * used at all falls back to the built-in framework.
 *
 * The sheet is one table. A row is one of:
 * - a criterion: ID `2.1` (section 2) or `2.1.3` (section 2.1), its wording and who it applies to;
 *   its Rule and Counted cells say how its section is figured (the first filled cell of a section
 *   decides);
 * - a section rated by hand: Rule `By hand`, ID the section number (`1.1`), its rating in the
 *   Rating column;
 * - the overall rule: ID `Overall`, Rule `Pooled` or `Score sum: 0–6 Inadequate, 7–18 …`.
 */
import { toA1 } from "./address";
import { BUILT_IN_FRAMEWORKS } from "./built-in-frameworks";
import { cellText, isBlank, isBlankRow, normaliseHeader, type CellValue, type Grid } from "./grid";
import {
  APPLICABILITY_LABELS,
  BUILT_IN_FRAMEWORK,
  compareNumbers,
  isCounted,
  leadingCriterionId,
  parseApplicability,
  parseSectionRule,
  POOLED_OVERALL,
  sectionNumberOf,
  type Criterion,
  type Framework,
  type OverallRule,
  type Section,
  type SectionRule,
} from "./framework";
import type { Issue, IssueCode, Severity } from "./issues";
import { criteriaMessages } from "./messages";
import { parseScoreBands, readRating, type Rating } from "./ratings";
import { readYesNo } from "./values";

/** The Criteria sheet's columns, in the order the template writes them. */
export const CRITERIA_HEADERS = ["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase", "Rule", "Counted in overall", "Rating"] as const;

/** The ID of the row that holds the overall rule. */
export const OVERALL_ROW_ID = "Overall";

export interface ReadFrameworkResult {
  readonly framework: Framework;
  /** Whether the framework came from the sheet (false: built-in). */
  readonly fromSheet: boolean;
  readonly issues: readonly Issue[];
}

/** Zero-based grid columns of the Criteria sheet's headers (undefined when absent). */
interface CriteriaColumns {
  readonly id: number | undefined;
  readonly title: number | undefined;
  readonly appliesTo: number | undefined;
  readonly section: number | undefined;
  readonly sectionTitle: number | undefined;
  readonly subject: number | undefined;
  readonly rule: number | undefined;
  readonly counted: number | undefined;
  readonly rating: number | undefined;
}

/** What the rows say about one section, as read: the first filled cell of each kind decides. */
interface SectionNotes {
  title?: string;
  rule?: { value: SectionRule; cell: string };
  counted?: { value: boolean; cell: string };
  /** Set for a section rated by hand: its row's cells. */
  byHand?: { rating: Rating | null; row: number; col: number | undefined };
}

type Push = (severity: Severity, code: IssueCode, row: number | null, col: number | undefined, message: string, criterionId?: string | null) => void;

/**
 * Finds the Criteria sheet's columns by header (any case and spacing, a few synonyms each).
 * @example findCriteriaColumns(["ID", "Criterion", "Applies to"]).appliesTo // 2
 */
export function findCriteriaColumns(header: readonly CellValue[]): CriteriaColumns {
  const colOf = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key !== "" && !colOf.has(key)) colOf.set(key, i);
  });
  const find = (...names: string[]): number | undefined => names.map((n) => colOf.get(n)).find((c) => c !== undefined);
  return {
    id: find("id", "criterion id"),
    title: find("criterion", "title", "criterion (short)", "key question"),
    appliesTo: find("applies to", "applicability"),
    section: find("section", "section number", "standard"),
    sectionTitle: find("section title", "section name", "standard title"),
    subject: find("done well phrase", "subject", "done well subject"),
    rule: find("rule", "section rule", "rating rule"),
    counted: find("counted in overall", "counted", "counts towards overall", "in overall"),
    rating: find("rating", "rating (by hand)", "hand rating"),
  };
}

/**
 * The framework a workbook uses: its Criteria sheet when there is one that can be read,
 * otherwise the built-in framework.
 * @example readFramework(null).framework === BUILT_IN_FRAMEWORK // true
 */
export function readFramework(grid: Grid | null): ReadFrameworkResult {
  if (!grid) return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues: [] };
  const issues: Issue[] = [];
  const cellAt = (row: number, col: number): string => toA1({ row: grid.top + row, col: grid.left + col });
  const push: Push = (severity, code, row, col, message, criterionId = null) => {
    const cell = row === null || grid.top + row < 0 ? null : cellAt(row, col ?? 0);
    issues.push({ severity, code, sheet: grid.sheet, cell, caseId: null, criterionId, message });
  };

  const headerRowIndex = grid.rows.findIndex((r) => !isBlankRow(r));
  const cols = findCriteriaColumns(grid.rows[headerRowIndex] ?? []);
  const missing = [cols.id === undefined ? "ID" : null, cols.title === undefined ? "Criterion" : null, cols.appliesTo === undefined ? "Applies to" : null];
  if (missing.some((m) => m !== null)) {
    for (const m of missing) if (m) push("error", "criteria-missing-column", headerRowIndex < 0 ? null : headerRowIndex, 0, criteriaMessages.missingColumn(m));
    return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues };
  }

  const criteria: Criterion[] = [];
  const interviewQuestions: Criterion[] = [];
  const firstRowOfId = new Map<string, string>();
  const notes = new Map<string, SectionNotes>();
  const notesOf = (n: string): SectionNotes => {
    let s = notes.get(n);
    if (!s) notes.set(n, (s = {}));
    return s;
  };
  let overall: { rule: OverallRule; row: number } | null = null;

  for (let r = headerRowIndex + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    if (isBlankRow(row)) continue;
    const text = (col: number | undefined): string => (col === undefined ? "" : cellText(row[col] ?? null).replace(/\s+/g, " ").trim());
    const idText = text(cols.id);
    if (idText === "") {
      push("error", "criteria-missing-field", r, cols.id, criteriaMessages.missingField("ID", "an ID such as 2.1"));
      continue;
    }
    if (idText.toLowerCase() === OVERALL_ROW_ID.toLowerCase()) {
      if (overall) push("error", "criteria-duplicate-id", r, cols.id, criteriaMessages.duplicateId(OVERALL_ROW_ID, cellAt(overall.row, cols.id!)));
      else overall = { rule: readOverallRule(text(cols.rule), r, cols.rule, push), row: r };
      continue;
    }
    const ruleText = text(cols.rule);
    if (parseSectionRule(ruleText) === "by-hand" || (ruleText === "" && parseSectionRule(text(cols.appliesTo)) === "by-hand")) {
      readHandRatedRow(row, r, idText, cols, text, notesOf, firstRowOfId, cellAt, push);
      continue;
    }
    const criterion = readCriterionRow(row, r, idText, cols, text, firstRowOfId, cellAt, push);
    if (!criterion) continue;
    (criterion.appliesTo === "interviews" ? interviewQuestions : criteria).push(criterion);
    noteSectionCells(row, r, criterion, cols, text, notesOf(criterion.section), cellAt, push);
  }

  if (criteria.length === 0 && interviewQuestions.length === 0 && ![...notes.values()].some((s) => s.byHand)) {
    if (issues.length === 0) push("warning", "criteria-empty", null, undefined, criteriaMessages.empty());
    return { framework: BUILT_IN_FRAMEWORK, fromSheet: false, issues };
  }

  const sections = assembleSections(notes, [...criteria, ...interviewQuestions], push);
  const rule = overall?.rule ?? POOLED_OVERALL;
  if (overall && rule.kind === "score-sum") {
    const counted = sections.filter(isCounted).length;
    const top = rule.bands[rule.bands.length - 1]!.to;
    if (top !== counted * 3) push("warning", "criteria-score-range", overall.row, cols.rule, criteriaMessages.scoreRange(top, counted));
  }
  const framework: Framework = overall ? { sections, criteria, interviewQuestions, overall: rule } : { sections, criteria, interviewQuestions };
  return { framework, fromSheet: true, issues };
}

/** Reads the Overall row's Rule cell: "Pooled", or "Score sum" followed by its bands. */
function readOverallRule(ruleText: string, r: number, col: number | undefined, push: Push): OverallRule {
  const m = /^(pooled|score[\s-]*sum)\s*(?:[:(-]\s*(.*?)\)?)?$/i.exec(ruleText);
  if (ruleText === "" || (m && m[1]!.toLowerCase() === "pooled" && !m[2])) return POOLED_OVERALL;
  if (!m || m[1]!.toLowerCase() === "pooled") {
    push("error", "criteria-unknown-rule", r, col, criteriaMessages.unknownOverallRule(ruleText));
    return POOLED_OVERALL;
  }
  const bands = parseScoreBands(m[2] ?? "");
  if ("problem" in bands) {
    push("error", "criteria-invalid-bands", r, col, criteriaMessages.invalidBands(bands.problem));
    return POOLED_OVERALL;
  }
  return { kind: "score-sum", bands: bands.bands };
}

/** Reads a row for a section rated by hand: its number, title, rating and whether it is counted. */
function readHandRatedRow(
  row: readonly CellValue[],
  r: number,
  idText: string,
  cols: CriteriaColumns,
  text: (col: number | undefined) => string,
  notesOf: (n: string) => SectionNotes,
  firstRowOfId: Map<string, string>,
  cellAt: (row: number, col: number) => string,
  push: Push,
): void {
  if (!/^\d{1,2}(\.\d{1,2}){0,2}$/.test(idText)) {
    push("error", "criteria-invalid-id", r, cols.id, criteriaMessages.invalidSectionNumber(idText));
    return;
  }
  const number = idText.split(".").map(Number).join(".");
  const idCell = cellAt(r, cols.id!);
  const first = firstRowOfId.get(number);
  if (first) {
    push("error", "criteria-duplicate-id", r, cols.id, criteriaMessages.duplicateId(number, first), number);
    return;
  }
  firstRowOfId.set(number, idCell);
  const section = notesOf(number);
  const title = text(cols.sectionTitle) || text(cols.title);
  if (title !== "") section.title ??= title;
  let rating: Rating | null = null;
  const ratingValue = cols.rating === undefined ? null : (row[cols.rating] ?? null);
  const read = readRating(ratingValue);
  if (read.kind === "rating") rating = read.rating;
  else if (read.kind === "invalid") push("error", "criteria-invalid-rating", r, cols.rating, criteriaMessages.invalidRating(number, read.text), number);
  else push("warning", "criteria-missing-rating", r, cols.rating ?? cols.id, criteriaMessages.missingRating(number, cols.rating !== undefined), number);
  section.byHand = { rating, row: r, col: cols.id };
  section.rule = { value: "by-hand", cell: idCell };
  readCounted(row, r, cols, section, cellAt, push, number);
}

/** Reads a criterion row, or reports why it cannot be used. */
function readCriterionRow(
  row: readonly CellValue[],
  r: number,
  idText: string,
  cols: CriteriaColumns,
  text: (col: number | undefined) => string,
  firstRowOfId: Map<string, string>,
  cellAt: (row: number, col: number) => string,
  push: Push,
): Criterion | null {
  const id = leadingCriterionId(idText);
  if (!id || !/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/.test(idText)) {
    push("error", "criteria-invalid-id", r, cols.id, criteriaMessages.invalidId(idText));
    return null;
  }
  const firstCell = firstRowOfId.get(id);
  if (firstCell) {
    push("error", "criteria-duplicate-id", r, cols.id, criteriaMessages.duplicateId(id, firstCell), id);
    return null;
  }
  const title = text(cols.title);
  if (title === "") {
    push("error", "criteria-missing-field", r, cols.title, criteriaMessages.missingField("Criterion", "a short wording of the criterion"), id);
    return null;
  }
  const appliesText = cellText(row[cols.appliesTo!] ?? null);
  const appliesTo = parseApplicability(appliesText);
  if (!appliesTo) {
    if (appliesText.trim() === "") {
      push("error", "criteria-missing-field", r, cols.appliesTo, criteriaMessages.missingField("Applies to", `one of: ${Object.values(APPLICABILITY_LABELS).join(", ")}`), id);
    } else push("error", "criteria-unknown-applicability", r, cols.appliesTo, criteriaMessages.unknownApplicability(appliesText.trim()), id);
    return null;
  }
  firstRowOfId.set(id, cellAt(r, cols.id!));
  const subjectText = text(cols.subject);
  const subject = subjectText !== "" ? subjectText : title.charAt(0).toLowerCase() + title.slice(1);
  return { id, section: sectionNumberOf(id), title, subject, appliesTo };
}

/** Notes what a criterion row says about its section: title, rule, counted; a rating there is ignored. */
function noteSectionCells(
  row: readonly CellValue[],
  r: number,
  criterion: Criterion,
  cols: CriteriaColumns,
  text: (col: number | undefined) => string,
  section: SectionNotes,
  cellAt: (row: number, col: number) => string,
  push: Push,
): void {
  const id = criterion.id;
  if (cols.section !== undefined) {
    const sText = text(cols.section);
    const sNum = /^(\d+(?:\.\d+)*)/.exec(sText);
    if (sNum && sNum[1]!.split(".").map(Number).join(".") !== criterion.section) {
      push("warning", "criteria-section-mismatch", r, cols.section, criteriaMessages.sectionMismatch(id, sNum[1]!, criterion.section), id);
    }
    const titleInSection = sText.replace(/^\d+(?:\.\d+)*\s*[.:-]?\s*/, "").trim();
    if (titleInSection !== "") section.title ??= titleInSection;
  }
  const st = text(cols.sectionTitle);
  if (st !== "") section.title ??= st;

  const ruleText = text(cols.rule);
  if (ruleText !== "") {
    const rule = parseSectionRule(ruleText);
    if (!rule) push("error", "criteria-unknown-rule", r, cols.rule, criteriaMessages.unknownSectionRule(ruleText), id);
    else if (!section.rule) section.rule = { value: rule, cell: cellAt(r, cols.rule!) };
    else if (section.rule.value !== rule) push("warning", "criteria-rule-conflict", r, cols.rule, criteriaMessages.ruleConflict(criterion.section, section.rule.cell), id);
  }
  readCounted(row, r, cols, section, cellAt, push, id);
  if (cols.rating !== undefined && !isBlank(row[cols.rating] ?? null)) {
    push("warning", "criteria-rating-ignored", r, cols.rating, criteriaMessages.ratingIgnored(criterion.section), id);
  }
}

/** Reads a row's "Counted in overall" cell (Yes or No) into its section's notes. */
function readCounted(
  row: readonly CellValue[],
  r: number,
  cols: CriteriaColumns,
  section: SectionNotes,
  cellAt: (row: number, col: number) => string,
  push: Push,
  id: string,
): void {
  if (cols.counted === undefined) return;
  const read = readYesNo(row[cols.counted] ?? null);
  if (read.kind === "blank") return;
  if (read.kind !== "value") {
    push("error", "criteria-invalid-counted", r, cols.counted, criteriaMessages.invalidCounted(read.text), id);
    return;
  }
  const value = read.value === "Yes";
  if (!section.counted) section.counted = { value, cell: cellAt(r, cols.counted) };
  else if (section.counted.value !== value) push("warning", "criteria-rule-conflict", r, cols.counted, criteriaMessages.countedConflict(section.counted.cell), id);
}

/** The sections, in number order, from what the rows said; a section rated by hand may have no criteria. */
function assembleSections(notes: ReadonlyMap<string, SectionNotes>, criteria: readonly Criterion[], push: Push): Section[] {
  const withCriteria = new Set(criteria.map((c) => c.section));
  const numbers = [...new Set([...withCriteria, ...[...notes].filter(([, s]) => s.byHand).map(([n]) => n)])].sort(compareNumbers);
  const sections: Section[] = [];
  for (const n of numbers) {
    const s = notes.get(n) ?? {};
    if (s.byHand && withCriteria.has(n)) push("error", "criteria-hand-rated-with-criteria", s.byHand.row, s.byHand.col, criteriaMessages.handRatedWithCriteria(n), n);
    const rule: SectionRule = s.byHand && !withCriteria.has(n) ? "by-hand" : s.rule && s.rule.value !== "by-hand" ? s.rule.value : "pooled";
    const section: Section = {
      number: n,
      title: s.title ?? builtInSectionTitle(n) ?? `Section ${n}`,
      rule,
      counted: s.counted?.value ?? true,
      ...(rule === "by-hand" ? { rating: s.byHand?.rating ?? null } : {}),
    };
    sections.push(section);
  }
  return sections;
}

/** A section's title in the built-in frameworks, for a sheet that gives none. */
function builtInSectionTitle(number: string): string | undefined {
  for (const f of Object.values(BUILT_IN_FRAMEWORKS)) {
    const s = f.framework.sections.find((x) => x.number === number);
    if (s) return s.title;
  }
  return undefined;
}
