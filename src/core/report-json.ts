/**
 * The JSON documents the command line prints (`report --json`, `validate --json`), as the
 * product contract specifies them.
 */
import type { AgreementFigures } from "./agreement";
import type { Analysis } from "./analyse";
import { roundPoints, type Comparison, type Direction, type FigureChange } from "./comparison";
import type { Interval } from "./interval";
import { selectFindings, type Finding, type NoteSource } from "./findings";
import type { Issue } from "./issues";
import type { ModerationRow } from "./moderation";
import type { ScoreBand } from "./ratings";
import { roundPercent, type CriterionStats, type SectionStats } from "./statistics";

/** A section number as the JSON gives it: a whole number as a number (2), as the contract has it; "2.1" as text. */
export type SectionNumberJson = number | string;

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
  readonly section: SectionNumberJson;
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

/** One evidence note shown under a finding on the Strengths & improvements sheet. */
export interface EvidenceJson {
  /** The case ID, or the redacted label ("Case 3") when the Settings say so. */
  readonly case: string;
  /** Where the note was written: the case's note on this criterion, on its section, or a general note. */
  readonly source: NoteSource;
  readonly text: string;
}

export interface ReportCriterionJson extends CriterionJson {
  /** The finding the criterion is (strength, improvement) or null, and the evidence shown under it. */
  readonly finding: Finding["kind"] | null;
  readonly evidence: readonly EvidenceJson[];
}

export interface ReportJson {
  readonly cases: number;
  readonly criteria: readonly ReportCriterionJson[];
  readonly sections: readonly SectionJson[];
  readonly overall: OverallJson;
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
  /** The previous inspection compared with; null without one. */
  readonly previous: PreviousJson | null;
  readonly excludedCells: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
}

/** A figure at the previous inspection and how it changed: percentages and points to one decimal. */
export interface ChangeJson {
  /** The previous inspection's counts and percentage. */
  readonly met: number;
  readonly relevant: number;
  readonly percent: number | null;
  /** Percentage points, this inspection less the previous one. */
  readonly change: number | null;
  /** The 95% interval of the change, in points (Newcombe's hybrid score interval). */
  readonly interval: IntervalJson | null;
  /** Beyond chance: "improved" or "declined"; otherwise "no clear change"; null without relevant cases on either side. */
  readonly direction: Direction | null;
}

export interface PreviousJson {
  /** The previous inspection's first day of fieldwork (its last when only that is recorded), ISO; null when not recorded. */
  readonly date: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly service: string;
  /** The file the figures were read from. */
  readonly source: string;
  /** "file" (given for this report) or "sheet" (the Previous inspection sheet kept in the workbook). */
  readonly from: "file" | "sheet";
  readonly framework: string;
  /** What was compared, in words. */
  readonly compared: string;
  readonly criteria: readonly (ChangeJson & { readonly id: string; readonly title: string })[];
  readonly interviews: readonly (ChangeJson & { readonly id: string; readonly title: string })[];
  readonly sections: readonly (ChangeJson & { readonly number: SectionNumberJson; readonly title: string; readonly rating: string | null; readonly sameCriteria: boolean })[];
  readonly overall: (ChangeJson & { readonly rating: string | null; readonly sameCriteria: boolean }) | null;
  readonly notComparable: readonly { readonly id: string; readonly title: string; readonly in: string; readonly reason: string }[];
}

export interface SectionJson {
  readonly number: SectionNumberJson;
  readonly title: string;
  /** The rule that made the figure: "pooled", "lowest" (see decidedBy) or "by-hand". */
  readonly rule: SectionStats["rule"];
  /** Whether the section counts towards the overall figure. */
  readonly counted: boolean;
  readonly relevant: number;
  readonly met: number;
  readonly notMet: number;
  readonly percent: number | null;
  readonly interval: IntervalJson | null;
  readonly tooFewToRate: boolean;
  /** Under "lowest": the criterion whose percentage is the section's. */
  readonly decidedBy?: string | null;
  readonly rating: string | null;
  /** When the overall is a score sum: the rating's score (0–3). */
  readonly score?: number | null;
}

export interface OverallJson {
  /** The rule that made the rating: "pooled" or "score-sum". */
  readonly rule: string;
  /** The counted sections' judgements, pooled (whatever the rule). */
  readonly relevant: number;
  readonly met: number;
  readonly percent: number | null;
  readonly interval: IntervalJson | null;
  readonly tooFewToRate: boolean;
  readonly rating: string | null;
  /** Under "score-sum": the sections' scores added up, its maximum, the bands, and the sections not yet rated. */
  readonly score?: number | null;
  readonly maxScore?: number | null;
  readonly bands?: readonly ScoreBand[] | null;
  readonly unrated?: readonly SectionNumberJson[];
}

/**
 * A section number for the JSON: a number when it is a whole number, as the contract writes it.
 * @example sectionNumberJson("2") // 2; sectionNumberJson("2.1") // "2.1"
 */
export function sectionNumberJson(number: string): SectionNumberJson {
  return /^\d+$/.test(number) ? Number(number) : number;
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
    section: sectionNumberJson(c.section),
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
  const findings = selectFindings(a);
  const byId = new Map([...findings.strengths, ...findings.improvements].map((f) => [f.criterion.id, f]));
  return {
    cases: a.cases.cases.length,
    criteria: a.criteria.map((c) => {
      const f = byId.get(c.id);
      return {
        ...criterionJson(c),
        finding: f?.kind ?? null,
        evidence: (f?.evidence ?? []).map((e) => ({ case: e.label, source: e.source, text: e.note })),
      };
    }),
    sections: a.sections.map((s) => sectionJson(s, a.overall.rule === "score-sum")),
    overall: overallJson(a),
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
    previous: a.comparison ? previousJson(a.comparison, a.previousFrom ?? "sheet") : null,
    excludedCells: a.excludedCells,
    errors: a.errors,
    warnings: a.warnings,
    issues: a.issues,
  };
}

function changeJson(c: FigureChange): ChangeJson {
  return {
    met: c.previous.met,
    relevant: c.previous.relevant,
    percent: roundPercent(c.previous.percent),
    change: roundPoints(c.change),
    interval: c.interval === null ? null : { low: roundPoints(c.interval.low)!, high: roundPoints(c.interval.high)! },
    direction: c.direction,
  };
}

function previousJson(c: Comparison, from: "file" | "sheet"): PreviousJson {
  const p = c.previous;
  const criterion = (x: Comparison["criteria"][number]) => ({ id: x.id, title: x.title, ...changeJson(x) });
  return {
    date: p.start ?? p.end,
    start: p.start,
    end: p.end,
    service: p.service,
    source: p.source,
    from,
    framework: p.framework,
    compared: c.compared,
    criteria: c.criteria.filter((x) => !x.interview).map(criterion),
    interviews: c.criteria.filter((x) => x.interview).map(criterion),
    sections: c.sections.map((s) => ({ number: sectionNumberJson(s.number), title: s.title, rating: s.previousRating, sameCriteria: s.sameCriteria, ...changeJson(s) })),
    overall: c.overall ? { rating: c.overall.previousRating, sameCriteria: c.overall.sameCriteria, ...changeJson(c.overall) } : null,
    notComparable: c.notComparable.map((n) => ({ id: n.id, title: n.title, in: n.in, reason: n.reason })),
  };
}

function sectionJson(s: SectionStats, scoreSum: boolean): SectionJson {
  return {
    number: sectionNumberJson(s.number),
    title: s.title,
    rule: s.rule,
    counted: s.counted,
    relevant: s.relevant,
    met: s.met,
    notMet: s.notMet,
    percent: roundPercent(s.percent),
    interval: intervalJson(s.interval),
    tooFewToRate: s.tooFew,
    ...(s.rule === "lowest" ? { decidedBy: s.decidedBy } : {}),
    rating: s.rating,
    ...(scoreSum ? { score: s.score } : {}),
  };
}

function overallJson(a: Analysis): OverallJson {
  const o = a.overall;
  const pooled = {
    rule: o.rule,
    relevant: o.relevant,
    met: o.met,
    percent: roundPercent(o.percent),
    interval: intervalJson(o.interval),
    tooFewToRate: o.tooFew,
    rating: o.rating,
  };
  if (o.rule !== "score-sum") return pooled;
  return { ...pooled, score: o.score, maxScore: o.maxScore, bands: o.bands, unrated: o.unrated.map(sectionNumberJson) };
}

/**
 * The `validate --json` document.
 * @example toValidateJson(analysis) // { errors: 0, warnings: 2, issues: [...] }
 */
export function toValidateJson(a: Analysis): { errors: number; warnings: number; issues: readonly Issue[] } {
  return { errors: a.errors, warnings: a.warnings, issues: a.issues };
}
