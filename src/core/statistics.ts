/**
 * Statistics per criterion and per section, exactly as the product contract defines them:
 * relevant = Yes + No; percent = 100 × met / relevant; a section's figure made by its rule
 * (pooled over its criteria, its lowest criterion, or rated by hand) and the overall one by the
 * framework's (pooled, or the sum of the sections' scores).
 */
import type { CaseRecord } from "./cases";
import { isCounted, overallRule, sectionRule, type Criterion, type Framework, type OverallRule, type Section, type SectionRule } from "./framework";
import { wilsonInterval, type Interval } from "./interval";
import type { Outcome } from "./judgements";
import { describeProportion } from "./phrases";
import { ratingOfPercent, ratingOfScore, ratingScore, type Rating, type ScoreBand } from "./ratings";
import type { Settings } from "./settings";

export type Band = "strength" | "improvement" | "middle";
export type { Rating } from "./ratings";

/** Judgements counted over one criterion, or pooled over several. */
export interface PooledCounts {
  /** Judged Yes or No. */
  readonly relevant: number;
  readonly met: number;
  readonly notMet: number;
  /** Left blank where a judgement is expected. */
  readonly unjudged: number;
  /** Cells with an error, left out of the counts. */
  readonly excluded: number;
  /** 100 × met / relevant, unrounded; null when nothing is relevant. */
  readonly percent: number | null;
}

/** What follows from the counts and the settings: the interval, the too-few flag, the band and the rating. */
export interface CountsJudged {
  /** The 95% Wilson interval of the percentage; null when nothing is relevant. */
  readonly interval: Interval | null;
  /** Fewer relevant cases than the minimum the settings ask for: no band and no rating. */
  readonly tooFew: boolean;
  /** Against the strength and improvement thresholds; null when nothing is relevant or too few. */
  readonly band: Band | null;
  /** Under the rating scheme; null without one, when nothing is relevant or too few. */
  readonly rating: Rating | null;
}

export interface CriterionStats extends PooledCounts, CountsJudged {
  readonly id: string;
  readonly section: string;
  readonly title: string;
  readonly subject: string;
  readonly notApplicable: number;
  readonly phrase: string;
  /** Whether the sheet has a column for the criterion. */
  readonly hasColumn: boolean;
}

/**
 * A section's figure. Its counts are the judgements behind the percentage: the section's,
 * pooled; under `lowest`, those of the criterion that decided it; none for a section rated by
 * hand. `unjudged` and `excluded` are over all its criteria, whatever the rule.
 */
export interface SectionStats extends PooledCounts, CountsJudged {
  readonly number: string;
  readonly title: string;
  /** The rule that made the figure: pooled, lowest criterion, or rated by hand. */
  readonly rule: SectionRule;
  /** Whether the section counts towards the overall figure. */
  readonly counted: boolean;
  /** Under `lowest`: the criterion whose percentage is the section's (the first, on a tie). */
  readonly decidedBy: string | null;
  /** The rating's score (Inadequate 0 … Outstanding 3); null without a rating. */
  readonly score: number | null;
}

/**
 * The overall figure: every judgement of the counted sections, pooled, whatever the rule; its
 * rating is the pooled percentage's, or under a score sum the band of the score, once every
 * counted section is rated.
 */
export interface OverallStats extends PooledCounts, CountsJudged {
  /** The rule that made the rating: pooled judgements, or the sum of the sections' scores. */
  readonly rule: OverallRule["kind"];
  /** Score sum: the counted sections' scores added up (so far, while some are unrated). */
  readonly score: number | null;
  /** Score sum: 3 for each counted section. */
  readonly maxScore: number | null;
  /** Score sum: the counted sections without a rating yet. */
  readonly unrated: readonly string[];
  /** Score sum: the bands of the score. */
  readonly bands: readonly ScoreBand[] | null;
}

/**
 * The rating band of a percentage under a scheme.
 * @example rateScore(72, "hmip-2018") // "Good"
 */
export function rateScore(percent: number | null, scheme: Settings["ratingScheme"]): Rating | null {
  if (percent === null || scheme === "none") return null;
  return ratingOfPercent(percent);
}

/** Half-width of the tolerance with which a percentage meets a threshold (see {@link bandOf}). */
export const THRESHOLD_TOLERANCE = 1e-9;

/**
 * Where a percentage stands against the strength and improvement thresholds.
 * @example bandOf(85, { strengthThreshold: 80, improvementThreshold: 65 }) // "strength"
 */
export function bandOf(percent: number | null, settings: Pick<Settings, "strengthThreshold" | "improvementThreshold">): Band | null {
  if (percent === null) return null;
  if (percent >= settings.strengthThreshold - THRESHOLD_TOLERANCE) return "strength";
  if (percent <= settings.improvementThreshold + THRESHOLD_TOLERANCE) return "improvement";
  return "middle";
}

/**
 * Whether a count of relevant cases is below the settings' minimum for rating it.
 * @example tooFewToRate(4, { minRelevant: 5 }) // true; tooFewToRate(4, { minRelevant: null }) // false
 */
export function tooFewToRate(relevant: number, settings: Pick<Settings, "minRelevant">): boolean {
  return settings.minRelevant !== null && relevant < settings.minRelevant;
}

/**
 * The interval, the too-few flag, the band and the rating of `met` out of `relevant`: everything
 * that follows from the two counts and the settings.
 * @example judgeCounts(11, 19, DEFAULT_SETTINGS).band // "improvement"
 */
export function judgeCounts(met: number, relevant: number, settings: Settings): CountsJudged & { percent: number | null } {
  const percent = relevant === 0 ? null : (100 * met) / relevant;
  const tooFew = tooFewToRate(relevant, settings);
  return {
    percent,
    interval: wilsonInterval(met, relevant),
    tooFew,
    band: tooFew ? null : bandOf(percent, settings),
    rating: tooFew ? null : rateScore(percent, settings.ratingScheme),
  };
}

/**
 * A percentage rounded to one decimal place, as in the JSON output.
 * @example roundPercent(57.894736) // 57.9
 */
export function roundPercent(percent: number | null): number | null {
  return percent === null ? null : Math.round(percent * 10 + 1e-9) / 10;
}

/** How many of a criterion's cells came to each outcome. */
export type OutcomeCounts = Record<Outcome, number>;

/**
 * Counts each criterion over the cases, in one pass over them: each case's outcome on each
 * criterion adds one to that criterion's count of that outcome. `criteria` are the criteria the
 * cases were read for, in the same order (each case's `outcomes` follow it).
 * @example computeCriterionStats(criteria, table.cases, DEFAULT_SETTINGS, hasColumn)[0].met
 */
export function computeCriterionStats(
  criteria: readonly Criterion[],
  cases: readonly CaseRecord[],
  settings: Settings,
  hasColumn: (id: string) => boolean,
  noun: readonly [singular: string, plural: string] = ["case", "cases"],
): CriterionStats[] {
  const counts = criteria.map(noOutcomes);
  for (const kase of cases) {
    kase.outcomes.forEach((outcome, k) => {
      if (outcome !== null) counts[k]![outcome]++;
    });
  }
  return criteria.map((crit, k) => {
    const { met, notMet, notApplicable, unjudged, excluded } = counts[k]!;
    const relevant = met + notMet;
    const judged = judgeCounts(met, relevant, settings);
    return {
      id: crit.id,
      section: crit.section,
      title: crit.title,
      subject: crit.subject,
      relevant,
      met,
      notMet,
      unjudged,
      notApplicable,
      excluded,
      percent: judged.percent,
      phrase: describeProportion(met, relevant, { ...settings.phrases, noun }),
      interval: judged.interval,
      tooFew: judged.tooFew,
      band: judged.band,
      rating: judged.rating,
      hasColumn: hasColumn(crit.id),
    };
  });
}

function noOutcomes(): OutcomeCounts {
  return { met: 0, notMet: 0, notApplicable: 0, unjudged: 0, excluded: 0 };
}

/**
 * Each section's figure, made by its rule: `pooled`, total met over total relevant judgements;
 * `lowest`, the lowest percentage among its criteria (naming the criterion); `by-hand`, the
 * rating entered. Sections with neither criteria nor judgements are left out, unless rated by hand.
 * @example computeSectionStats(sections, criterionStats, DEFAULT_SETTINGS)[1].percent
 */
export function computeSectionStats(sections: readonly Section[], stats: readonly CriterionStats[], settings: Settings): SectionStats[] {
  const out: SectionStats[] = [];
  for (const s of sections) {
    const own = stats.filter((c) => c.section === s.number);
    const rule = sectionRule(s);
    if (own.length === 0 && rule !== "by-hand") continue;
    out.push(sectionFigure(s, rule, own, settings));
  }
  return out;
}

function sectionFigure(s: Section, rule: SectionRule, own: readonly CriterionStats[], settings: Settings): SectionStats {
  const all = poolCounts(own);
  const base = { number: s.number, title: s.title, rule, counted: isCounted(s), unjudged: all.unjudged, excluded: all.excluded };
  if (rule === "by-hand") {
    const rating = s.rating ?? null;
    const none = { relevant: 0, met: 0, notMet: 0, percent: null, interval: null, tooFew: false, band: null };
    return { ...base, ...none, decidedBy: null, rating, score: rating === null ? null : ratingScore(rating) };
  }
  let figure: PooledCounts = all;
  let decidedBy: string | null = null;
  if (rule === "lowest") {
    const lowest = lowestCriterion(own);
    figure = lowest ?? { ...all, relevant: 0, met: 0, notMet: 0, percent: null };
    decidedBy = lowest?.id ?? null;
  }
  const judged = judgeCounts(figure.met, figure.relevant, settings);
  return {
    ...base,
    relevant: figure.relevant,
    met: figure.met,
    notMet: figure.notMet,
    ...judged,
    decidedBy,
    score: judged.rating === null ? null : ratingScore(judged.rating),
  };
}

/**
 * The criterion with the lowest percentage (the first in order on a tie), among those with any
 * relevant case; null when none has one.
 * @example lowestCriterion([{ id: "2.1.1", percent: 70 }, { id: "2.1.3", percent: 55 }])?.id // "2.1.3"
 */
export function lowestCriterion<T extends { readonly percent: number | null }>(criteria: readonly T[]): T | null {
  let lowest: T | null = null;
  for (const c of criteria) if (c.percent !== null && (lowest === null || c.percent < lowest.percent!)) lowest = c;
  return lowest;
}

/**
 * Pools counts over criteria: total met over total relevant judgements.
 * @example poolCounts(criterionStats).percent
 */
export function poolCounts(stats: readonly Pick<CriterionStats, "met" | "notMet" | "unjudged" | "excluded">[]): PooledCounts {
  let met = 0;
  let notMet = 0;
  let unjudged = 0;
  let excluded = 0;
  for (const c of stats) {
    met += c.met;
    notMet += c.notMet;
    unjudged += c.unjudged;
    excluded += c.excluded;
  }
  const relevant = met + notMet;
  return { relevant, met, notMet, unjudged, excluded, percent: relevant === 0 ? null : (100 * met) / relevant };
}

/**
 * The overall figure. The judgements of every counted section are pooled whatever the rule;
 * the rating is the pooled percentage's, or under `score-sum` the band of the counted sections'
 * scores added up, given once every counted section has a rating.
 * @example computeOverallStats(framework, sections, criterionStats, settings).score // 25
 */
export function computeOverallStats(framework: Framework, sections: readonly SectionStats[], stats: readonly CriterionStats[], settings: Settings): OverallStats {
  const notCounted = new Set(framework.sections.filter((s) => !isCounted(s)).map((s) => s.number));
  const pooled = poolCounts(stats.filter((c) => !notCounted.has(c.section)));
  const rule = overallRule(framework);
  const base = { ...pooled, ...judgeCounts(pooled.met, pooled.relevant, settings) };
  if (rule.kind === "pooled") return { ...base, rule: "pooled", score: null, maxScore: null, unrated: [], bands: null };
  const scored = sections.filter((s) => s.counted);
  const unrated = scored.filter((s) => s.score === null).map((s) => s.number);
  const score = scored.reduce((n, s) => n + (s.score ?? 0), 0);
  return {
    ...base,
    rule: "score-sum",
    rating: unrated.length === 0 && scored.length > 0 ? ratingOfScore(score, rule.bands) : null,
    score,
    maxScore: scored.length * 3,
    unrated,
    bands: rule.bands,
  };
}
