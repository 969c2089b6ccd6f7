/**
 * Key strengths and Areas requiring improvement: the criteria at or above the strength
 * threshold and at or below the improvement threshold, each with a report sentence and the
 * evidence notes of the cases behind it.
 */
import type { Analysis } from "./analyse";
import { Outcome, outcomeOf, type CaseRecord } from "./cases";
import { compareNumbers } from "./framework";
import { countInWords, criterionSentence } from "./phrases";
import type { CriterionStats } from "./statistics";

export interface Evidence {
  /** The case ID, or "Case 3" when redaction is on (or the ID is missing). */
  readonly label: string;
  readonly note: string;
}

export interface Finding {
  readonly kind: "strength" | "improvement";
  readonly criterion: CriterionStats;
  readonly sentence: string;
  /** How far the percentage is from the threshold, in points (always ≥ 0). */
  readonly distance: number;
  readonly evidence: readonly Evidence[];
  /** Supporting cases with a note, before any cap. */
  readonly evidenceTotal: number;
  /** A finding on few cases says so: "Based on only two relevant cases …"; null otherwise. */
  readonly caution: string | null;
}

/** Findings on fewer relevant cases than this carry a caution. */
export const FEW_CASES_FOR_A_FINDING = 10;

/**
 * The caution under a finding on fewer than {@link FEW_CASES_FOR_A_FINDING} relevant cases, with
 * the 95% interval of its percentage; null for a finding on more.
 * @example findingCaution({ relevant: 2, interval: { low: 34.2, high: 100 } })
 * // "Based on only two relevant cases, so treat it with care: with 95% confidence the rate lies between 34% and 100%."
 */
export function findingCaution(c: Pick<CriterionStats, "relevant" | "interval">): string | null {
  if (c.relevant >= FEW_CASES_FOR_A_FINDING) return null;
  if (c.interval === null) return null;
  const cases = c.relevant === 1 ? "only one relevant case" : `only ${countInWords(c.relevant)} relevant cases`;
  const whole = (x: number): string => `${Math.round(x + 1e-9)}%`;
  return `Based on ${cases}, so treat it with care: with 95% confidence the rate lies between ${whole(c.interval.low)} and ${whole(c.interval.high)}.`;
}

export interface Findings {
  readonly strengths: readonly Finding[];
  readonly improvements: readonly Finding[];
}

/** Options for {@link selectFindings}. */
export interface SelectFindingsOptions {
  /** At most this many evidence notes per finding (default 50). */
  readonly maxEvidence?: number;
}

/**
 * The label a case is shown under in generated sheets.
 * @example caseLabel({ id: "C03", number: 3 }, true) // "Case 3"
 */
export function caseLabel(c: Pick<CaseRecord, "id" | "number">, redact: boolean): string {
  return redact || c.id === "" ? `Case ${c.number}` : c.id;
}

/**
 * Selects the findings of an analysis, ordered by how far each is from its threshold.
 * @example selectFindings(analysis).strengths[0].sentence
 */
export function selectFindings(analysis: Analysis, options: SelectFindingsOptions = {}): Findings {
  const max = options.maxEvidence ?? 50;
  const { settings } = analysis;
  const make = (kind: Finding["kind"], k: number, c: CriterionStats): Finding => {
    const wanted = kind === "strength" ? Outcome.Met : Outcome.NotMet;
    const evidence: Evidence[] = [];
    let total = 0;
    for (const kase of analysis.cases.cases) {
      if (outcomeOf(kase, k) !== wanted) continue;
      const note = kase.notes.get(Number(c.section)) ?? kase.notes.get(0);
      if (note === undefined || note.trim() === "") continue;
      total++;
      if (evidence.length < max) evidence.push({ label: caseLabel(kase, settings.redact), note });
    }
    const pct = c.percent ?? 0;
    return {
      kind,
      criterion: c,
      sentence: criterionSentence(c.subject, c.met, c.relevant, kind, settings.phrases),
      distance: kind === "strength" ? pct - settings.strengthThreshold : settings.improvementThreshold - pct,
      evidence,
      evidenceTotal: total,
      caution: findingCaution(c),
    };
  };
  const strengths: Finding[] = [];
  const improvements: Finding[] = [];
  analysis.criteria.forEach((c, k) => {
    if (c.band === "strength") strengths.push(make("strength", k, c));
    else if (c.band === "improvement") improvements.push(make("improvement", k, c));
  });
  const order = (a: Finding, b: Finding): number =>
    b.distance - a.distance || b.criterion.relevant - a.criterion.relevant || compareIds(a.criterion.id, b.criterion.id);
  return { strengths: strengths.sort(order), improvements: improvements.sort(order) };
}

/**
 * Orders criterion IDs numerically ("2.10" after "2.9").
 * @example compareIds("2.10", "2.9") // > 0
 */
export function compareIds(a: string, b: string): number {
  return compareNumbers(a, b);
}
