/**
 * Statistics per criterion and per section, exactly as the product contract defines them:
 * relevant = Yes + No; percent = 100 × met / relevant; sections pooled over their criteria.
 */
import { Outcome, packedOutcomeCounts, type CaseRecord } from "./cases";
import type { Criterion, Section } from "./framework";
import { wilsonInterval, type Interval } from "./interval";
import { describeProportion } from "./phrases";
import type { Settings } from "./settings";

export type Band = "strength" | "improvement" | "middle";
export type Rating = "Outstanding" | "Good" | "Requires improvement" | "Inadequate";

export interface CriterionStats {
  readonly id: string;
  readonly section: number;
  readonly title: string;
  readonly subject: string;
  readonly relevant: number;
  readonly met: number;
  readonly notMet: number;
  readonly unjudged: number;
  readonly notApplicable: number;
  /** Cells with an error, left out of the counts. */
  readonly excluded: number;
  /** 100 × met / relevant, unrounded; null when nothing is relevant. */
  readonly percent: number | null;
  readonly phrase: string;
  /** The 95% Wilson interval of the percentage; null when nothing is relevant. */
  readonly interval: Interval | null;
  /** Fewer relevant cases than the minimum the settings ask for: no band and no rating. */
  readonly tooFew: boolean;
  /** Against the strength and improvement thresholds; null when nothing is relevant or too few. */
  readonly band: Band | null;
  /** Under the rating scheme; null without one, when nothing is relevant or too few. */
  readonly rating: Rating | null;
  /** Whether the sheet has a column for the criterion. */
  readonly hasColumn: boolean;
}

export interface SectionStats {
  readonly number: number;
  readonly title: string;
  readonly relevant: number;
  readonly met: number;
  readonly notMet: number;
  readonly unjudged: number;
  readonly excluded: number;
  readonly percent: number | null;
  readonly interval: Interval | null;
  readonly tooFew: boolean;
  readonly band: Band | null;
  readonly rating: Rating | null;
}

/**
 * The rating band of a percentage under a scheme.
 * @example rateScore(72, "hmip-2018") // "Good"
 */
export function rateScore(percent: number | null, scheme: Settings["ratingScheme"]): Rating | null {
  if (percent === null || scheme === "none") return null;
  if (percent >= 80) return "Outstanding";
  if (percent >= 65) return "Good";
  if (percent >= 50) return "Requires improvement";
  return "Inadequate";
}

/**
 * Where a percentage stands against the strength and improvement thresholds.
 * @example bandOf(85, { strengthThreshold: 80, improvementThreshold: 65 }) // "strength"
 */
export function bandOf(percent: number | null, settings: Pick<Settings, "strengthThreshold" | "improvementThreshold">): Band | null {
  if (percent === null) return null;
  if (percent >= settings.strengthThreshold - 1e-9) return "strength";
  if (percent <= settings.improvementThreshold + 1e-9) return "improvement";
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
export function judgeCounts(
  met: number,
  relevant: number,
  settings: Settings,
): { percent: number | null; interval: Interval | null; tooFew: boolean; band: Band | null; rating: Rating | null } {
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

/**
 * Counts each criterion over the cases.
 * @example computeCriterionStats(criteria, table.cases, DEFAULT_SETTINGS, hasColumn)[0].met
 */
export function computeCriterionStats(
  criteria: readonly Criterion[],
  cases: readonly CaseRecord[],
  settings: Settings,
  hasColumn: (id: string) => boolean,
  noun: readonly [singular: string, plural: string] = ["case", "cases"],
): CriterionStats[] {
  const n = criteria.length;
  let counts = packedOutcomeCounts(cases, criteria);
  if (!counts) {
    counts = new Int32Array(n * 6);
    for (const c of cases) {
      const o = c.outcomes;
      for (let k = 0; k < n; k++) counts[k * 6 + o[k]!]!++;
    }
  }
  return criteria.map((crit, k) => {
    const met = counts[k * 6 + Outcome.Met]!;
    const notMet = counts[k * 6 + Outcome.NotMet]!;
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
      unjudged: counts[k * 6 + Outcome.Unjudged]!,
      notApplicable: counts[k * 6 + Outcome.NotApplicable]!,
      excluded: counts[k * 6 + Outcome.Excluded]!,
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

/**
 * Pools criterion counts by section: total met over total relevant judgements.
 * @example computeSectionStats(sections, criterionStats, DEFAULT_SETTINGS)[1].percent
 */
export function computeSectionStats(sections: readonly Section[], stats: readonly CriterionStats[], settings: Settings): SectionStats[] {
  return sections
    .map((s) => pool(s.number, s.title, stats.filter((c) => c.section === s.number), settings))
    .filter((s, i) => stats.some((c) => c.section === sections[i]!.number) || s.relevant > 0);
}

/**
 * Pools any set of criterion counts (a section, or everything for the overall row).
 * @example pool(0, "Overall", stats, DEFAULT_SETTINGS).percent
 */
export function pool(number: number, title: string, stats: readonly CriterionStats[], settings: Settings): SectionStats {
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
  return { number, title, relevant, met, notMet, unjudged, excluded, ...judgeCounts(met, relevant, settings) };
}
