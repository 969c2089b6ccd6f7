/**
 * Key strengths and Areas requiring improvement: the criteria at or above the strength
 * threshold and at or below the improvement threshold, each with a report sentence and the
 * evidence that fits it.
 *
 * The evidence rule, as an inspector would apply it:
 * - under an area for improvement, the notes of the cases judged **No** on that criterion;
 * - under a strength, at most three notes of cases judged **Yes**, the most specific first;
 * - a case never appears under a finding its judgement contradicts.
 *
 * A note is the most specific when it is the case's own note on the criterion (a `2.1 Notes`
 * column); then come section notes, first those of cases judged No on nothing else in the
 * section (so a strength's note cannot be about a failure elsewhere, and an improvement's note is
 * about this failure), among them first those that use more of the criterion's own words
 * ("health" for attention to health and well-being); then a general `Notes` column.
 */
import type { Analysis } from "./analyse";
import { sourcedEvidenceNote } from "./case-notes";
import type { CaseRecord } from "./cases";
import type { Outcome } from "./judgements";
import { withChange } from "./comparison";
import { compareNumbers } from "./framework";
import { countInWords, criterionSentence, leftOutSentence } from "./phrases";
import type { CriterionStats } from "./statistics";

/** Where an evidence note was written: the case's note on the criterion, on its section, or a general note. */
export type NoteSource = "criterion" | "section" | "general";

export interface Evidence {
  /** The case ID, or "Case 3" when redaction is on (or the ID is missing). */
  readonly label: string;
  readonly source: NoteSource;
  readonly note: string;
}

export interface Finding {
  readonly kind: "strength" | "improvement";
  readonly criterion: CriterionStats;
  readonly sentence: string;
  /** How far the percentage is from the threshold, in points (always ≥ 0). */
  readonly distance: number;
  readonly evidence: readonly Evidence[];
  /** Cases with a note that could be shown (judged the finding's way), before any cap. */
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
  /** At most this many evidence notes under an area for improvement (default 50). */
  readonly maxEvidence?: number;
  /** At most this many evidence notes under a strength (default 3). */
  readonly maxStrengthEvidence?: number;
}

/**
 * The label a case is shown under in generated sheets.
 * @example caseLabel({ id: "C03", number: 3 }, true) // "Case 3"
 */
export function caseLabel(c: Pick<CaseRecord, "id" | "number">, redact: boolean): string {
  return redact || c.id === "" ? `Case ${c.number}` : c.id;
}

/** A candidate note with what ranks it (see {@link specificity}). */
interface Candidate {
  readonly evidence: Evidence;
  /** 0: the case's note on the criterion, 1: on its section, 2: a general note. */
  readonly rank: number;
  /** Other criteria of the section the case was judged the opposite way on (for a section note). */
  readonly opposite: number;
  /** Other criteria of the section the case was judged the same way on (for a section note). */
  readonly same: number;
  /** How many of the criterion's own words the note uses. */
  readonly words: number;
  readonly order: number;
}

/**
 * The notes a finding could show, most specific first: cases judged `wanted` on the k-th
 * criterion that have a note.
 */
function candidateNotes(analysis: Analysis, k: number, wanted: Outcome): Candidate[] {
  const c = analysis.criteria[k]!;
  const sameSection: number[] = [];
  analysis.criteria.forEach((other, j) => {
    if (j !== k && other.section === c.section) sameSection.push(j);
  });
  const opposite: Outcome = wanted === "met" ? "notMet" : "met";
  const own = wordStems(`${c.title} ${c.subject}`);
  const out: Candidate[] = [];
  for (const kase of analysis.cases.cases) {
    if (kase.outcomes[k] !== wanted) continue;
    const found = sourcedEvidenceNote(kase.notes, c);
    if (found === undefined) continue;
    const evidence: Evidence = { label: caseLabel(kase, analysis.settings.redact), ...found };
    if (found.source !== "section") {
      out.push({ evidence, rank: found.source === "criterion" ? 0 : 2, opposite: 0, same: 0, words: 0, order: kase.number });
      continue;
    }
    let against = 0;
    let same = 0;
    for (const j of sameSection) {
      const o = kase.outcomes[j];
      if (o === opposite) against++;
      else if (o === wanted) same++;
    }
    out.push({ evidence, rank: 1, opposite: against, same, words: 0, order: kase.number });
  }
  // Words are compared only for a sample of inspection size: a table of thousands of cases is
  // ordered without reading every note.
  const scored = out.length <= WORD_SCORING_LIMIT ? out.map((c) => ({ ...c, words: sharedWords(own, c.evidence.note) })) : out;
  return scored.sort(specificity(wanted));
}

/** Above this many candidate notes for a finding, notes are not ranked by the criterion's words. */
const WORD_SCORING_LIMIT = 500;

/**
 * Most specific first. The case's own note on the criterion comes first, a general note last.
 * Between section notes: under a strength, first those of cases judged No on nothing else in the
 * section (their note cannot praise one thing and report the failure of another); under an area
 * for improvement, first those of cases judged No on nothing else in the section (the failure the
 * note describes is this one). Then more of the criterion's own words, then case order.
 */
function specificity(wanted: Outcome): (a: Candidate, b: Candidate) => number {
  const key = (c: Candidate): number => (wanted === "met" ? c.opposite : c.same);
  const then = (c: Candidate): number => (wanted === "met" ? c.same : c.opposite);
  return (a, b) => a.rank - b.rank || key(a) - key(b) || b.words - a.words || then(a) - then(b) || a.order - b.order;
}

/** Words too common in criteria and notes to say what a note is about. */
const COMMON_WORDS = new Set(
  "about after also and any are been before being between both but case cases child children done each from had has have her his into its made make more not other over person people should such than that the their them then there these they this those through under well were what when where which while whom with work would young".split(" "),
);

/**
 * The stems (first four letters) of a text's meaningful words: "assessment" and "assessed" alike.
 * @example [...wordStems("Attention to health and well-being outcomes")] // ["atte", "heal", "outc"]
 */
function wordStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z]+/)) if (word.length >= 4 && !COMMON_WORDS.has(word)) stems.add(word.slice(0, 4));
  return stems;
}

function sharedWords(stems: ReadonlySet<string>, note: string): number {
  let n = 0;
  for (const stem of wordStems(note)) if (stems.has(stem)) n++;
  return n;
}


/**
 * Up to `max` notes for a strength: the most specific, preferring notes not already shown under
 * an earlier strength. A section note that may speak of a failure elsewhere in the section
 * (the case was judged No on another of its criteria) is shown only when nothing cleaner exists.
 */
function strengthEvidence(candidates: readonly Candidate[], max: number, shown: Set<string>): Evidence[] {
  const clean = candidates.filter((c) => c.opposite === 0);
  const pool = clean.length > 0 ? clean : candidates.slice(0, 1);
  const picked: Candidate[] = [];
  const texts = new Set<string>();
  // Notes not yet shown under an earlier strength first; never the same text twice in one finding.
  for (const c of [...pool.filter((c) => !shown.has(c.evidence.note)), ...pool.filter((c) => shown.has(c.evidence.note))]) {
    if (picked.length === max) break;
    if (texts.has(c.evidence.note)) continue;
    texts.add(c.evidence.note);
    picked.push(c);
  }
  return picked.sort((a, b) => pool.indexOf(a) - pool.indexOf(b)).map((c) => c.evidence);
}

/**
 * Selects the findings of an analysis, ordered by how far each is from its threshold, each with
 * the evidence that fits it (see the module comment).
 * @example selectFindings(analysis).improvements[0].evidence[0] // { label: "C05", source: "section", note: "…" }
 */
export function selectFindings(analysis: Analysis, options: SelectFindingsOptions = {}): Findings {
  const maxImprovement = options.maxEvidence ?? 50;
  const maxStrength = options.maxStrengthEvidence ?? 3;
  const { settings } = analysis;
  const base = (kind: Finding["kind"], c: CriterionStats): Omit<Finding, "evidence" | "evidenceTotal"> => {
    const pct = c.percent ?? 0;
    return {
      kind,
      criterion: c,
      // With the change since the previous inspection, where it is beyond chance.
      sentence: [
        withChange(criterionSentence(c.subject, c.met, c.relevant, kind, settings.phrases), analysis.comparison?.criteria.find((x) => !x.interview && x.id === c.id), kind),
        leftOutSentence(c.excluded, c.unjudged),
      ]
        .filter((t) => t !== "")
        .join(" "),
      distance: kind === "strength" ? pct - settings.strengthThreshold : settings.improvementThreshold - pct,
      caution: findingCaution(c),
    };
  };
  const strengths: { finding: Omit<Finding, "evidence" | "evidenceTotal">; k: number }[] = [];
  const improvements: typeof strengths = [];
  analysis.criteria.forEach((c, k) => {
    if (c.band === "strength") strengths.push({ finding: base("strength", c), k });
    else if (c.band === "improvement") improvements.push({ finding: base("improvement", c), k });
  });
  const order = (a: (typeof strengths)[number], b: (typeof strengths)[number]): number =>
    b.finding.distance - a.finding.distance ||
    b.finding.criterion.relevant - a.finding.criterion.relevant ||
    compareIds(a.finding.criterion.id, b.finding.criterion.id);

  const shown = new Set<string>();
  return {
    strengths: strengths.sort(order).map(({ finding, k }) => {
      const candidates = candidateNotes(analysis, k, "met");
      const evidence = strengthEvidence(candidates, maxStrength, shown);
      for (const e of evidence) shown.add(e.note);
      return { ...finding, evidence, evidenceTotal: candidates.length };
    }),
    improvements: improvements.sort(order).map(({ finding, k }) => {
      const candidates = candidateNotes(analysis, k, "notMet");
      return { ...finding, evidence: candidates.slice(0, maxImprovement).map((c) => c.evidence), evidenceTotal: candidates.length };
    }),
  };
}

/**
 * Orders criterion IDs numerically ("2.10" after "2.9").
 * @example compareIds("2.10", "2.9") // > 0
 */
export function compareIds(a: string, b: string): number {
  return compareNumbers(a, b);
}
