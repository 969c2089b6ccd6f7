/**
 * The JSON documents the command line prints (`report --json`, `validate --json`), as the
 * product contract specifies them.
 */
import type { Analysis } from "./analyse";
import type { Issue } from "./issues";
import { roundPercent, type CriterionStats } from "./statistics";

export interface CriterionJson {
  readonly id: string;
  readonly section: number;
  readonly title: string;
  readonly relevant: number;
  readonly met: number;
  readonly notMet: number;
  readonly unjudged: number;
  readonly excluded: number;
  readonly percent: number | null;
  readonly phrase: string;
  readonly band: string | null;
  readonly rating: string | null;
}

export interface ReportJson {
  readonly cases: number;
  readonly criteria: readonly CriterionJson[];
  readonly sections: readonly {
    readonly number: number;
    readonly title: string;
    readonly relevant: number;
    readonly met: number;
    readonly notMet: number;
    readonly percent: number | null;
    readonly rating: string | null;
  }[];
  readonly overall: { readonly relevant: number; readonly met: number; readonly percent: number | null; readonly rating: string | null };
  readonly interviews: { readonly count: number; readonly questions: readonly CriterionJson[] } | null;
  readonly excludedCells: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
}

function criterionJson(c: CriterionStats): CriterionJson {
  return {
    id: c.id,
    section: c.section,
    title: c.title,
    relevant: c.relevant,
    met: c.met,
    notMet: c.notMet,
    unjudged: c.unjudged,
    excluded: c.excluded,
    percent: roundPercent(c.percent),
    phrase: c.phrase,
    band: c.band,
    rating: c.rating,
  };
}

/**
 * The `report --json` document.
 * @example toReportJson(analyseWorkbook(grids)).criteria[0].percent // 85
 */
export function toReportJson(a: Analysis): ReportJson {
  return {
    cases: a.cases.cases.length,
    criteria: a.criteria.map(criterionJson),
    sections: a.sections.map((s) => ({
      number: s.number,
      title: s.title,
      relevant: s.relevant,
      met: s.met,
      notMet: s.notMet,
      percent: roundPercent(s.percent),
      rating: s.rating,
    })),
    overall: { relevant: a.overall.relevant, met: a.overall.met, percent: roundPercent(a.overall.percent), rating: a.overall.rating },
    interviews: a.interviews ? { count: a.interviews.cases.length, questions: a.interviewStats.map(criterionJson) } : null,
    excludedCells: a.excludedCells,
    errors: a.errors,
    warnings: a.warnings,
    issues: a.issues,
  };
}

/**
 * The `validate --json` document.
 * @example toValidateJson(analysis) // { errors: 0, warnings: 2, issues: [...] }
 */
export function toValidateJson(a: Analysis): { errors: number; warnings: number; issues: readonly Issue[] } {
  return { errors: a.errors, warnings: a.warnings, issues: a.issues };
}
