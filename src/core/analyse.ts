/**
 * The whole engine in one call: grids in, framework, settings, checked cases, statistics and
 * every issue out.
 */
import { readActionPlanSheet, type ActionPlanRead } from "./action-plan";
import { readCases, type CaseTable } from "./cases";
import { compareWithPrevious, type Comparison } from "./comparison";
import { applyModeration, listModeration, readModerationSheet, type ModerationReport } from "./moderation";
import { compareMarking, readSecondMarking, type AgreementReport, type SecondMarkingTable } from "./second-marking";
import { readFramework } from "./criteria-sheet";
import { needsRatings, type Framework } from "./framework";
import type { Grid } from "./grid";
import { countIssues, sortIssues, type Issue } from "./issues";
import { readPreviousSheet, type PreviousInspection } from "./previous-inspection";
import { readSettings, type ReadSettingsResult, type Settings } from "./settings";
import { computeCriterionStats, computeOverallStats, computeSectionStats, type CriterionStats, type OverallStats, type SectionStats } from "./statistics";

/** The sheets the engine reads, as grids. Only Cases is required. */
export interface WorkbookGrids {
  readonly cases: Grid;
  readonly criteria?: Grid | null;
  readonly settings?: Grid | null;
  readonly interviews?: Grid | null;
  /** The Second marking table, when the workbook has one. */
  readonly secondMarking?: Grid | null;
  /** The Moderation sheet built before, whose typed moderated judgements and reasons count. */
  readonly moderation?: Grid | null;
  /** The Previous inspection sheet built before, whose figures the comparison uses. */
  readonly previous?: Grid | null;
  /** The Action plan sheet built before, whose rows and typed cells are kept. */
  readonly actionPlan?: Grid | null;
}

/** Options for {@link analyseWorkbook}. */
export interface AnalyseOptions {
  /** An earlier inspection to compare with, read from its file: it takes the place of the figures kept in the workbook. */
  readonly previous?: PreviousInspection | null;
}

export interface Analysis {
  readonly framework: Framework;
  /** Whether the framework came from the workbook's Criteria sheet. */
  readonly frameworkFromSheet: boolean;
  readonly settings: Settings;
  /** The cases as counted: a moderated judgement in place of the first marker's. */
  readonly cases: CaseTable;
  /** The cases as the first markers judged them (the Cases sheet as it is). */
  readonly firstMarking: CaseTable;
  readonly secondMarking: SecondMarkingTable | null;
  /** Agreement between first and second markers; null without a Second marking table. */
  readonly agreement: AgreementReport | null;
  /** The Moderation list; null without a Second marking table or moderated judgements. */
  readonly moderation: ModerationReport | null;
  readonly interviews: CaseTable | null;
  /** The previous inspection compared with; null when there is none. */
  readonly previous: PreviousInspection | null;
  /** Where its figures came from: a file given for this build, or the Previous inspection sheet kept in the workbook. */
  readonly previousFrom: "file" | "sheet" | null;
  /** This inspection against the previous one; null without one. */
  readonly comparison: Comparison | null;
  /** The Action plan sheet built before, as read; null when there is none. */
  readonly actionPlan: ActionPlanRead | null;
  readonly criteria: readonly CriterionStats[];
  readonly sections: readonly SectionStats[];
  readonly overall: OverallStats;
  readonly interviewStats: readonly CriterionStats[];
  /** Every issue, in reading order. */
  readonly issues: readonly Issue[];
  readonly errors: number;
  readonly warnings: number;
  /** Judgement cells left out of the counts because of an error. */
  readonly excludedCells: number;
}

/**
 * Reads, checks and counts a workbook.
 * @example
 * const a = analyseWorkbook({ cases: grid });
 * a.criteria.find((c) => c.id === "2.1")?.percent;
 */
export function analyseWorkbook(grids: WorkbookGrids, options: AnalyseOptions = {}): Analysis {
  const fw = readFramework(grids.criteria ?? null);
  const st = effectiveSettings(readSettings(grids.settings ?? null), fw.framework);
  const cases = readCases(grids.cases, fw.framework);
  const secondRead = grids.secondMarking ? readSecondMarking(grids.secondMarking, fw.framework.criteria, cases.table) : null;
  // An empty Second marking table (as every new workbook has) is no second marking yet.
  const second = secondRead && secondRead.table.filledRows > 0 ? secondRead : null;
  const compared = second ? compareMarking(second.table) : null;
  const entries = grids.moderation ? readModerationSheet(grids.moderation) : [];
  const counted = applyModeration(cases.table, entries);
  const moderation = second || entries.length > 0 ? listModeration(cases.table, second?.table ?? null, compared?.differences ?? [], entries, counted) : null;
  const interviews =
    grids.interviews && fw.framework.interviewQuestions.length > 0
      ? readCases(grids.interviews, fw.framework, { interviews: true })
      : null;

  const criteria = computeCriterionStats(fw.framework.criteria, counted.table.cases, st.settings, (id) => cases.table.columns.criteria.has(id));
  const sections = computeSectionStats(fw.framework.sections, criteria, st.settings);
  const overall = computeOverallStats(fw.framework, sections, criteria, st.settings);
  const interviewStats = interviews
    ? computeCriterionStats(fw.framework.interviewQuestions, interviews.table.cases, st.settings, (id) => interviews.table.columns.criteria.has(id), ["interviewee", "interviewees"])
    : [];

  const stored = grids.previous ? readPreviousSheet(grids.previous) : null;
  const previous = options.previous ?? stored?.previous ?? null;
  const previousFrom = options.previous ? "file" : previous ? "sheet" : null;

  const sheetOrder = [
    grids.cases.sheet,
    grids.interviews?.sheet ?? "",
    grids.secondMarking?.sheet ?? "",
    grids.moderation?.sheet ?? "",
    grids.criteria?.sheet ?? "",
    grids.settings?.sheet ?? "",
    grids.previous?.sheet ?? "",
  ];
  const storedIssues = options.previous ? [] : (stored?.issues ?? []);
  const issues = sortIssues([...fw.issues, ...st.issues, ...cases.issues, ...(interviews?.issues ?? []), ...(secondRead?.issues ?? []), ...counted.issues, ...storedIssues], sheetOrder);
  const { errors, warnings } = countIssues(issues);
  const excludedCells = criteria.reduce((n, c) => n + c.excluded, 0) + interviewStats.reduce((n, c) => n + c.excluded, 0);
  const analysis: Analysis = {
    framework: fw.framework,
    frameworkFromSheet: fw.fromSheet,
    settings: st.settings,
    cases: counted.table,
    firstMarking: cases.table,
    secondMarking: second?.table ?? null,
    agreement: compared?.agreement ?? null,
    moderation,
    interviews: interviews?.table ?? null,
    previous,
    previousFrom,
    comparison: null,
    actionPlan: grids.actionPlan ? readActionPlanSheet(grids.actionPlan) : null,
    criteria,
    sections,
    overall,
    interviewStats,
    issues,
    errors,
    warnings,
    excludedCells,
  };
  return previous ? { ...analysis, comparison: compareWithPrevious(analysis, previous) } : analysis;
}

/**
 * The settings as the framework needs them: a framework with sections rated by hand or an
 * overall score summed from ratings is rated on the HMI Probation bands even when Settings says
 * None (its figures mean nothing without them).
 * @example effectiveSettings(readSettings(null), hmipYouth).settings.ratingScheme // "hmip-2018"
 */
export function effectiveSettings(read: ReadSettingsResult, framework: Framework): ReadSettingsResult {
  if (read.settings.ratingScheme !== "none" || !needsRatings(framework)) return read;
  return { ...read, settings: { ...read.settings, ratingScheme: "hmip-2018" } };
}
