/**
 * The JSON documents the command line prints (`report --json`, `validate --json`), as the
 * product contract specifies them.
 */
import type { AgreementFigures } from "./agreement";
import type { Analysis } from "./analyse";
import type { Interval } from "./interval";
import type { Issue } from "./issues";
import type { ModerationRow } from "./moderation";
import { roundPercent, type CriterionStats } from "./statistics";

/** An interval as the JSON gives it: percentages to one decimal place. */
export interface IntervalJson {
  readonly low: number;
  readonly high: number;
}

/** Agreement figures as the JSON gives them: percent to one decimal, kappa to three. */
export interface AgreementJson {
  readonly compared: number;
  readonly agreed: number;
  readonly percent: number | null;
  readonly kappa: number | null;
  readonly meaning: string;
  readonly differOnRelevance: number;
  readonly bothNotApplicable: number;
  /** First marker's answer, then the second's. */
  readonly table: { readonly yesYes: number; readonly yesNo: number; readonly noYes: number; readonly noNo: number };
}

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
  /** The 95% Wilson interval of `percent`. */
  readonly interval: IntervalJson | null;
  /** Fewer relevant cases than the Settings' minimum: no band, no rating. */
  readonly tooFewToRate: boolean;
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
    readonly interval: IntervalJson | null;
    readonly tooFewToRate: boolean;
    readonly rating: string | null;
  }[];
  readonly overall: {
    readonly relevant: number;
    readonly met: number;
    readonly percent: number | null;
    readonly interval: IntervalJson | null;
    readonly tooFewToRate: boolean;
    readonly rating: string | null;
  };
  readonly interviews: { readonly count: number; readonly questions: readonly CriterionJson[] } | null;
  /** First and second markers' agreement; null without a Second marking table. */
  readonly agreement: {
    readonly cases: number;
    readonly rows: number;
    readonly overall: AgreementJson;
    readonly criteria: readonly (AgreementJson & { readonly id: string })[];
    readonly markers: readonly (AgreementJson & { readonly marker: string; readonly cases: number })[];
  } | null;
  /** The Moderation list; null without a Second marking table or moderated judgements. */
  readonly moderation: {
    readonly differences: number;
    readonly moderated: number;
    readonly changed: number;
    readonly open: number;
    readonly rows: readonly ModerationRow[];
  } | null;
  readonly excludedCells: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
}

function intervalJson(i: Interval | null): IntervalJson | null {
  return i === null ? null : { low: roundPercent(i.low)!, high: roundPercent(i.high)! };
}

function agreementJson(f: AgreementFigures): AgreementJson {
  return {
    compared: f.compared,
    agreed: f.agreed,
    percent: roundPercent(f.percent),
    kappa: f.kappa === null ? null : Math.round(f.kappa * 1000) / 1000,
    meaning: f.meaning,
    differOnRelevance: f.differOnRelevance,
    bothNotApplicable: f.bothNotApplicable,
    table: { yesYes: f.yesYes, yesNo: f.yesNo, noYes: f.noYes, noNo: f.noNo },
  };
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
    interval: intervalJson(c.interval),
    tooFewToRate: c.tooFew,
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
      interval: intervalJson(s.interval),
      tooFewToRate: s.tooFew,
      rating: s.rating,
    })),
    overall: {
      relevant: a.overall.relevant,
      met: a.overall.met,
      percent: roundPercent(a.overall.percent),
      interval: intervalJson(a.overall.interval),
      tooFewToRate: a.overall.tooFew,
      rating: a.overall.rating,
    },
    interviews: a.interviews ? { count: a.interviews.cases.length, questions: a.interviewStats.map(criterionJson) } : null,
    agreement: a.agreement
      ? {
          cases: a.agreement.cases,
          rows: a.agreement.rows,
          overall: agreementJson(a.agreement.overall),
          criteria: a.agreement.criteria.map((c) => ({ id: c.id, ...agreementJson(c) })),
          markers: a.agreement.markers.map((m) => ({ marker: m.marker, cases: m.cases, ...agreementJson(m) })),
        }
      : null,
    moderation: a.moderation
      ? { differences: a.moderation.differences, moderated: a.moderation.moderated, changed: a.moderation.changed, open: a.moderation.open, rows: a.moderation.rows }
      : null,
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
