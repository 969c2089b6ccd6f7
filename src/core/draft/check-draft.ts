/**
 * Checks a drafted report against the workbook's counts: every quantity statement in the draft
 * is tied to a criterion (or interview question) and found to agree, to disagree, or to be
 * unmatched. Precision first: a statement is flagged only when it is tied to a criterion with
 * confidence and its quantity cannot be true of that criterion's counts.
 */
import type { Analysis } from "../analyse";
import { sectionNumberOf, type Criterion } from "../framework";
import { capitalise, countInWords, criterionSentence, describeProportion, type ReadingContext } from "../phrases";
import type { PhraseOptions } from "../settings";
import { normaliseSentence, splitSentences, type DraftParagraph } from "./paragraphs";
import { findStatements, type CountedKind, type QuantityStatement, type TermMatch } from "./statements";

export type Verdict = "agrees" | "disagrees" | "unmatched";

export interface JudgementCounts {
  readonly met: number;
  readonly notMet: number;
  readonly relevant: number;
}

/** The quantity a statement states, in counts where it names them. */
export interface StatedQuantity {
  readonly met?: number;
  readonly notMet?: number;
  readonly relevant?: number;
  /** The quantity words as written (lower case). */
  readonly phrase?: string;
}

export interface DraftStatement {
  /** The sentence the statement is in, as written. */
  readonly text: string;
  /** Paragraph number, from 1. */
  readonly paragraph: number;
  readonly criterionId: string | null;
  readonly stated: StatedQuantity;
  /** The counts of the criterion it is tied to; null when unmatched. */
  readonly actual: JudgementCounts | null;
  readonly verdict: Verdict;
  /** When it disagrees: the sentence the product would write for the counts. */
  readonly suggestion?: string;
  /** When it disagrees: the product's quantity phrase for the counts. */
  readonly productPhrase?: string;
  /** What the stated quantity was read as: "more than half met", "exactly 8 of 19 not met". */
  readonly means: string;
  /**
   * How it was tied: the paragraph's criterion number, the criterion's words, its section, or
   * (with no criterion) the number of cases or interviewees in the workbook ("We examined 20 cases").
   */
  readonly tiedBy: "number" | "words" | "section" | "sample" | null;
  /** Staff interviews or cases. */
  readonly counted: CountedKind;
}

export interface DraftCheck {
  readonly statements: readonly DraftStatement[];
  readonly agrees: number;
  readonly disagrees: number;
  readonly unmatched: number;
}

/** Something a statement can be tied to: a criterion, an interview question, or a section's pooled counts. */
interface Target {
  readonly id: string | null;
  readonly section: string;
  readonly subject: string;
  readonly counts: JudgementCounts;
  readonly stems: ReadonlySet<string>;
}

interface TargetPool {
  readonly targets: readonly Target[];
  readonly weight: ReadonlyMap<string, number>;
  readonly inspected: number;
  readonly kind: CountedKind;
}

/**
 * Checks the paragraphs of a draft against an analysed workbook.
 * @example
 * const check = checkDraft(splitDraftText("- 2.1. In 8 out of 19 relevant cases this was not done well."), analysis);
 * check.statements[0].verdict // "agrees" when 2.1 has 8 of 19 not met
 */
export function checkDraft(paragraphs: readonly DraftParagraph[], analysis: Analysis): DraftCheck {
  const o = analysis.settings.phrases;
  const pools: Record<CountedKind, TargetPool> = {
    cases: makePool(analysis.framework.criteria, analysis.criteria, analysis.cases.cases.length, "cases"),
    interviews: makePool(analysis.framework.interviewQuestions, analysis.interviewStats, analysis.interviews?.cases.length ?? 0, "interviews"),
  };
  const sectionPools = new Map(analysis.sections.map((s) => [s.number, target(null, s.number, s.title, s, new Set())]));
  const sectionNumbers = new Set(analysis.framework.sections.map((s) => s.number));
  const statements: DraftStatement[] = [];
  let section: string | null = null;

  for (const p of paragraphs) {
    const found = splitSentences(p.body).flatMap((sentence) => {
      const normal = normaliseSentence(sentence);
      return findStatements(normal).map((s) => ({ sentence, normal, statement: s }));
    });
    if (p.leadingId) {
      const n = sectionNumberOf(p.leadingId);
      if (sectionNumbers.has(n)) section = n;
    } else if (found.length === 0 && isHeading(p.text)) {
      // With its marker: "2. Our findings" is a numbered heading, whose number is the list marker.
      section = headingSection(p.marker + p.text, analysis);
    }
    for (const [i, f] of found.entries()) {
      const pool = pools[f.statement.counted];
      if (isSampleSize(f.normal, f.statement)) {
        statements.push(judgeSampleSize(f.sentence, p.number, f.statement, pool));
        continue;
      }
      const tie = tieStatement(f.normal, f.statement, p, found.length, i === 0, section, pool, sectionPools);
      statements.push(judge(f.sentence, p.number, f.statement, tie, pool, o));
    }
  }
  const count = (v: Verdict): number => statements.filter((s) => s.verdict === v).length;
  return { statements, agrees: count("agrees"), disagrees: count("disagrees"), unmatched: count("unmatched") };
}

/**
 * The JSON the command line prints for a check: exactly the documented fields.
 * @example toCheckTextJson(check).disagrees // 0
 */
export function toCheckTextJson(check: DraftCheck): {
  statements: { text: string; paragraph: number; criterionId: string | null; stated: StatedQuantity; actual: JudgementCounts | null; verdict: Verdict; suggestion?: string }[];
  agrees: number;
  disagrees: number;
  unmatched: number;
} {
  return {
    statements: check.statements.map((s) => ({
      text: s.text,
      paragraph: s.paragraph,
      criterionId: s.criterionId,
      stated: s.stated,
      actual: s.actual ? { met: s.actual.met, notMet: s.actual.notMet, relevant: s.actual.relevant } : null,
      verdict: s.verdict,
      ...(s.suggestion !== undefined ? { suggestion: s.suggestion } : {}),
    })),
    agrees: check.agrees,
    disagrees: check.disagrees,
    unmatched: check.unmatched,
  };
}

/** A confident tie (its verdict can be "disagrees"), or candidates the statement may agree with. */
type Tie = { readonly confident: Target; readonly by: "number" | "words" } | { readonly candidates: readonly Target[]; readonly by: "number" | "section" } | null;

function tieStatement(
  normal: string,
  statement: QuantityStatement,
  p: DraftParagraph,
  inParagraph: number,
  first: boolean,
  section: string | null,
  pool: TargetPool,
  sectionPools: ReadonlyMap<string, Target>,
): Tie {
  const blanked = blankTerms(normal, statement);
  const rank = (text: string): Scored[] => {
    const stems = wordStems(text);
    return pool.targets.map((t) => ({ t, ...score(stems, t, pool.weight) })).sort((a, b) => b.score - a.score);
  };
  const clear = (ranked: readonly Scored[]): Target | null => {
    const [best, second] = ranked;
    return best && best.matched >= 2 && (!second || best.score > second.score + 1e-9) ? best.t : null;
  };
  // A sentence may hold two findings ("…in every case where it was required, and … in all 20
  // cases"): the words of the statement's own clause decide first, then the whole sentence's.
  const scored = rank(blanked);
  const byWords = clear(rank(ownClause(blanked, statement.terms[0]!.start))) ?? clear(scored);
  const numbered = p.leadingId ? scored.find((s) => s.t.id === p.leadingId) : undefined;
  if (numbered) {
    // The paragraph's number ties its lead statement, any statement that names the criterion's
    // words or points back ("this", "these"); another statement may be about something else.
    const anaphora = /\b(?:this|these|it|they|such)\b/.test(normal);
    const lead = first && numbered.matched >= 1;
    if (inParagraph === 1 || numbered.matched >= 2 || anaphora || lead) return { confident: numbered.t, by: "number" };
    return { candidates: byWords && byWords !== numbered.t ? [numbered.t, byWords] : [numbered.t], by: "number" };
  }
  if (byWords) return { confident: byWords, by: "words" };
  if (section === null) return null;
  const inSection = scored.filter((s) => s.t.section === section).map((s) => s.t);
  const pooled = pool.kind === "cases" ? sectionPools.get(section) : undefined;
  const candidates = pooled ? [...inSection, pooled] : inSection;
  return candidates.length > 0 ? { candidates, by: "section" } : null;
}

interface Scored {
  readonly t: Target;
  readonly score: number;
  readonly matched: number;
}

/** The clause of a sentence that holds a position: clauses end at ";", ", and", ", but", "whereas". */
function ownClause(sentence: string, at: number): string {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(/;|, (?:and|but|while|whilst|whereas|although)\b|\bwhereas\b/g)) {
    if (m.index + m[0].length <= at) from = m.index + m[0].length;
    else if (m.index > at) {
      to = m.index;
      break;
    }
  }
  return sentence.slice(from, to);
}

function judge(sentence: string, paragraph: number, statement: QuantityStatement, tie: Tie, pool: TargetPool, o: PhraseOptions): DraftStatement {
  const context: ReadingContext = { inspected: pool.inspected };
  const holds = (t: Target): boolean => {
    const c = statement.negative ? t.counts.notMet : t.counts.met;
    return statement.terms.every((m) => m.term.holds(c, t.counts.relevant, m.use, o, context));
  };
  const base = {
    text: sentence.replace(/\s+/g, " ").trim(),
    paragraph,
    stated: stated(statement),
    means: `${statement.terms.map((m) => m.term.means(m.use, o)).join(", and ")} ${statement.negative ? "not met" : "met"}`,
    counted: statement.counted,
  };
  const unmatched = (): DraftStatement => ({ ...base, criterionId: null, actual: null, verdict: "unmatched", tiedBy: null });
  if (tie === null) return unmatched();
  if ("confident" in tie) {
    const t = tie.confident;
    if (holds(t)) return { ...base, criterionId: t.id, actual: t.counts, verdict: "agrees", tiedBy: tie.by };
    return { ...base, criterionId: t.id, actual: t.counts, verdict: "disagrees", tiedBy: tie.by, ...correction(t, statement.negative, pool.kind, o) };
  }
  const agreeing = tie.candidates.find(holds);
  return agreeing ? { ...base, criterionId: agreeing.id, actual: agreeing.counts, verdict: "agrees", tiedBy: tie.by } : unmatched();
}

/**
 * "We examined 20 cases supervised by…", "inspectors interviewed twelve staff": the number before
 * the noun is the size of the sample, which the workbook holds as its rows. The verb must come
 * straight before the number and the noun straight after it, with nothing narrowing the cases
 * ("10 custodial cases", "10 cases of children in custody" stay unmatched): precision first.
 */
const SAMPLE_BEFORE: Record<CountedKind, RegExp> = {
  cases: /\b(?:we|inspectors|the inspection(?: team)?)(?: [a-z]+){0,2}? (?:examined|inspected|looked at|reviewed|assessed|sampled|read)(?: a total of| a sample of| all| the)? $/,
  interviews: /\b(?:we|inspectors)(?: [a-z]+){0,2}? (?:interviewed|spoke to|spoke with|met)(?: a total of| all| the)? $/,
};
/** The nouns a sample's number comes straight before. */
const SAMPLE_NOUNS: Record<CountedKind, string> = {
  cases: "(?:cases|case files)",
  interviews: "(?:staff|interviewees|case managers|practitioners|members of staff)",
};
const SAMPLE_AFTER: Record<CountedKind, RegExp> = {
  cases: new RegExp(`^ ${SAMPLE_NOUNS.cases}(?:[.,;:]|$| (?:supervised|managed|held|from|at|across|in total|in all|between|during|over)\\b)`),
  interviews: new RegExp(`^ ${SAMPLE_NOUNS.interviews}(?:[.,;:]|$| (?:from|at|across|in total|in all|between|during|over|who)\\b)`),
};

function isSampleSize(normal: string, statement: QuantityStatement): boolean {
  const [only, ...more] = statement.terms;
  if (!only || more.length > 0 || sampleCount(only) === undefined || statement.negative) return false;
  return SAMPLE_BEFORE[statement.counted].test(normal.slice(0, only.start)) && SAMPLE_AFTER[statement.counted].test(normal.slice(only.end));
}

/** The number of a sample-size statement: "20 cases", or "all 20 cases"; undefined for another term. */
function sampleCount(m: TermMatch): number | undefined {
  if (m.term.name === "at-least") return m.use.count;
  return m.term.name === "all" ? m.use.of : undefined;
}

/** A sample size against the workbook's cases (or interviewees); when it differs, the sentence with the workbook's number. */
function judgeSampleSize(sentence: string, paragraph: number, statement: QuantityStatement, pool: TargetPool): DraftStatement {
  const { words } = statement.terms[0]!;
  const count = sampleCount(statement.terms[0]!)!;
  const n = pool.inspected;
  const text = sentence.replace(/\s+/g, " ").trim();
  const base = {
    text,
    paragraph,
    criterionId: null,
    // The draft names how many cases there are (relevant); the workbook has that many, all examined.
    stated: { relevant: count, phrase: words.trim() },
    actual: { met: n, notMet: 0, relevant: n },
    means: `the number of ${pool.kind === "interviews" ? "people interviewed" : "cases examined"}`,
    tiedBy: "sample" as const,
    counted: statement.counted,
  };
  if (count === n) return { ...base, verdict: "agrees" };
  // The draft's number, written as it was (figures or words), replaced by the workbook's: "22" of "all 22".
  const numberWords = words.trim().replace(/^(?:all|every|each) (?:of )?(?:the |these |those )?/, "");
  const figure = /^\d/.test(numberWords) ? String(n) : countInWords(n);
  // The number straight before the noun ("Across 12 teams, we examined 12 cases": the second 12).
  const number = `\\b${numberWords.replace(/[-\s]+/g, "[-\\s]+")}`;
  const at = new RegExp(`${number}(?=\\s+${SAMPLE_NOUNS[statement.counted]}\\b)`, "i").exec(text) ?? new RegExp(`${number}(?=\\s)`, "i").exec(text);
  const suggestion = at ? text.slice(0, at.index) + (at.index === 0 ? capitalise(figure) : figure) + text.slice(at.index + at[0].length) : `${capitalise(figure)} ${pool.kind === "interviews" ? "interviewees" : "cases"}.`;
  // No "the report would say": it would only repeat the workbook's number.
  return { ...base, verdict: "disagrees", suggestion };
}

/** What the product would write for the target's counts, in the statement's polarity. */
function correction(t: Target, negative: boolean, kind: CountedKind, o: PhraseOptions): { suggestion: string; productPhrase: string } {
  const { met, notMet, relevant } = t.counts;
  const noun: [string, string] = kind === "interviews" ? ["interviewee", "interviewees"] : ["case", "cases"];
  const productPhrase = describeProportion(negative ? notMet : met, relevant, { ...o, noun });
  if (kind === "interviews") return { productPhrase, suggestion: `${capitalise(describeProportion(met, relevant, { ...o, noun }))}: ${t.subject}.` };
  const suggestion = criterionSentence(t.subject, met, relevant, negative && notMet > 0 ? "improvement" : "strength", o);
  return { suggestion, productPhrase };
}

function stated(statement: QuantityStatement): StatedQuantity {
  const key = statement.negative ? "notMet" : "met";
  const other = statement.negative ? "met" : "notMet";
  const out: { met?: number; notMet?: number; relevant?: number; phrase?: string } = {};
  for (const { term, use } of statement.terms) {
    if (term.name === "count" || term.name === "only" || term.name === "at-least") out[key] = use.count!;
    if (term.name === "all-but") out[other] = use.count!;
    if (term.name === "all" && use.of !== undefined) out[key] = use.of;
    if (term.name === "none") out[key] = 0;
    if (use.of !== undefined) out.relevant = use.of;
  }
  out.phrase = statement.terms.map((m) => m.words.trim()).join(" ");
  return out;
}

function makePool(criteria: readonly Criterion[], stats: readonly (JudgementCounts & { readonly id: string })[], inspected: number, kind: CountedKind): TargetPool {
  const byId = new Map(stats.map((s) => [s.id, s]));
  const targets = criteria.flatMap((c) => {
    const s = byId.get(c.id);
    return s ? [target(c.id, c.section, c.subject, s, wordStems(`${c.title} ${c.subject}`))] : [];
  });
  const frequency = new Map<string, number>();
  for (const t of targets) for (const w of t.stems) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const weight = new Map([...frequency].map(([w, f]) => [w, Math.log(1 + targets.length / f)]));
  return { targets, weight, inspected, kind };
}

function target(id: string | null, section: string, subject: string, counts: JudgementCounts, stems: ReadonlySet<string>): Target {
  return { id, section, subject, counts: { met: counts.met, notMet: counts.notMet, relevant: counts.relevant }, stems };
}

function score(stems: ReadonlySet<string>, t: Target, weight: ReadonlyMap<string, number>): { score: number; matched: number } {
  let total = 0;
  let matched = 0;
  for (const w of t.stems) {
    if (!stems.has(w)) continue;
    matched++;
    total += weight.get(w) ?? 0;
  }
  return { score: total, matched };
}

function blankTerms(normal: string, statement: QuantityStatement): string {
  let out = normal;
  for (const m of statement.terms) out = out.slice(0, m.start) + " ".repeat(m.end - m.start) + out.slice(m.end);
  return out;
}

const STOP = new Set(
  (
    "the of a an and or to in on for with by as at from was were be been is are had has have did do does this that these those it its their they them " +
    "we our there where when which who whom whose what how case cases relevant done well work required requirement need needed not no all every " +
    "most majority half some any each other than more less over under just only also both into about within whether would could should may " +
    "inspected inspection found find pleased saw seen evidence clear"
  ).split(" "),
);

/**
 * The content words of a text, reduced to rough stems so that "assessed", "assessments" and
 * "assessment" meet (at "asses": a doubled last letter is dropped).
 * @example [...wordStems("Reviews of the assessments")] // ["review", "asses"]
 */
export function wordStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^a-z]+/)) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    const w = stem(raw);
    if (!STOP.has(w)) out.add(w);
  }
  return out;
}

function stem(word: string): string {
  if (word === "children") return "child";
  let w = word;
  for (const suffix of ["ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s", "e"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + (suffix === "ies" || suffix === "ied" ? "y" : "");
      break;
    }
  }
  return /([bcdfgklmnprstz])\1$/.test(w) ? w.slice(0, -1) : w;
}

function isHeading(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length < 100 && !/[.!?]["”’)]*$/.test(t);
}

/** The section a heading names ("2. Protecting the public", "Operational management"), or null for another heading. */
function headingSection(text: string, analysis: Analysis): string | null {
  const t = text.trim().toLowerCase().replace(/:$/, "");
  // "2", "2.", "2)", "Section 2:", "Section 4: Our work with children".
  const numbered = /^(?:section\s+)?(\d{1,2})[.:)]?(?:\s|$)/.exec(t);
  if (numbered) {
    const n = String(Number(numbered[1]));
    if (analysis.framework.sections.some((s) => s.number === n)) return n;
  }
  const titled = analysis.framework.sections.find((s) => t.includes(s.title.toLowerCase()));
  return titled ? titled.number : null;
}
