/**
 * The quantity language of inspection reports: "all but three of the 20 cases", "just under
 * two-thirds of the cases (12 out of 19)", "five out of six cases". Every phrase carries its
 * counts, in digits or in words.
 *
 * One table, {@link QUANTITY_TERMS}, says for each term both when the product writes it and what
 * it means when a draft report uses it. {@link describeProportion} reads the table forwards
 * (counts → phrase); the draft check (`draft/`) reads it backwards (phrase → the counts it can be
 * true of). A term reads more widely than the product writes it, never more narrowly, so every
 * phrase the product writes reads back as true of its own counts.
 */
import { DEFAULT_PHRASE_OPTIONS, type PhraseOptions } from "./settings";

const SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/**
 * A count in words up to twenty, digits beyond.
 * @example countInWords(7) // "seven"; countInWords(21) // "21"
 */
export function countInWords(n: number): string {
  return n >= 1 && n <= 20 && Number.isInteger(n) ? SMALL[n]! : String(n);
}

/** A count as a draft may write it: digits, or words from zero to ninety-nine. */
export const COUNT_PATTERN = `(?:\\d{1,6}|(?:${TENS.slice(2).join("|")})(?:[- ](?:${SMALL.slice(1, 10).join("|")}))?|${SMALL.slice(1).join("|")}|zero|a single)`;

/**
 * The number a count in a draft stands for, in digits or words; null when it is not one.
 * @example readCount("twenty-one") // 21; readCount("12") // 12; readCount("several") // null
 */
export function readCount(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === "zero" || t === "no") return 0;
  if (t === "a single") return 1;
  const small = SMALL.indexOf(t);
  if (small >= 1) return small;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(t);
  const tens = m ? TENS.indexOf(m[1]!) : -1;
  if (!m || tens < 2) return null;
  if (m[2] === undefined) return tens * 10;
  const unit = SMALL.indexOf(m[2]);
  return unit >= 1 && unit <= 9 ? tens * 10 + unit : null;
}

/** A share named in words. Landmarks take "just under/over"; the others are named only when exact. */
export interface NamedShare {
  readonly value: number;
  readonly words: string;
  readonly num: number;
  readonly den: number;
  readonly landmark: boolean;
}

/** Named shares, landmarks nearest first when tied, then the shares named only when exact. */
export const NAMED_SHARES: readonly NamedShare[] = [
  { value: 1 / 2, words: "half", num: 1, den: 2, landmark: true },
  { value: 2 / 3, words: "two-thirds", num: 2, den: 3, landmark: true },
  { value: 1 / 3, words: "a third", num: 1, den: 3, landmark: true },
  { value: 3 / 4, words: "three-quarters", num: 3, den: 4, landmark: true },
  { value: 1 / 4, words: "a quarter", num: 1, den: 4, landmark: true },
  { value: 2 / 5, words: "two-fifths", num: 2, den: 5, landmark: false },
  { value: 3 / 5, words: "three-fifths", num: 3, den: 5, landmark: false },
  { value: 4 / 5, words: "four-fifths", num: 4, den: 5, landmark: false },
  { value: 1 / 5, words: "a fifth", num: 1, den: 5, landmark: false },
];

/** How a draft may spell a named share: "two-thirds", "two thirds", "one third", "a half". */
function shareSpelling(words: string): string {
  if (words === "half") return "(?:a |one[- ])?half";
  return words.replace(/-/g, "[- ]").replace(/^a /, "(?:a |one[- ])");
}

/** A regular-expression source matching any named share; its one group is the share as written. */
const SHARE_PATTERN = `(${NAMED_SHARES.map((s) => shareSpelling(s.words)).join("|")})`;

/**
 * The named share a draft's words stand for.
 * @example readShare("two thirds")?.value // 0.666…
 */
export function readShare(text: string): NamedShare | null {
  const t = text.trim().toLowerCase();
  return NAMED_SHARES.find((s) => new RegExp(`^${shareSpelling(s.words)}$`).test(t)) ?? null;
}

/** What a use of a term in a draft said, beyond the term itself. */
export interface TermUse {
  /** The count named ("eight" in "eight out of ten", "three" in "all but three"). */
  readonly count?: number;
  /** The denominator named ("ten" in "eight out of ten", "20" in "all 20 cases"). */
  readonly of?: number;
  readonly share?: NamedShare;
  readonly side?: "under" | "over";
  readonly percent?: number;
}

/** What a reading can lean on beyond met and relevant. */
export interface ReadingContext {
  /** Cases (or interviewees) in the table: "11 of the 20 cases inspected" is true of 11 met when 19 were relevant. */
  readonly inspected?: number;
}

/** The names of the terms of the quantity language. */
export type QuantityTermName =
  | "no-relevant"
  | "the-one"
  | "all"
  | "none"
  | "count"
  | "all-but"
  | "only"
  | "share"
  | "near-share"
  | "vast-majority"
  | "majority"
  | "small-minority"
  | "minority"
  | "not-all"
  | "nearly-all"
  | "percent"
  | "at-least";

/** One term of the quantity language: when the product writes it and what it means when read. */
export interface QuantityTerm {
  readonly name: QuantityTermName;
  /**
   * The product's wording for met of relevant, or null when it does not use this term for them.
   * Terms are tried in table order; the first that answers is the phrase. Read-only terms have none.
   */
  readonly write?: (met: number, relevant: number, o: PhraseOptions, nouns: readonly [string, string]) => string | null;
  /** How a draft says it: matched on lower-case text with single spaces. */
  readonly read: RegExp;
  /** The range a use of the term stands for, in words ("more than half", "57%–67%"). */
  readonly means: (use: TermUse, o: PhraseOptions) => string;
  /** What a match of {@link read} said. */
  readonly use: (m: RegExpExecArray) => TermUse;
  /** Whether the term, used as it was, can be true of met of relevant: the range a phrase stands for. */
  readonly holds: (met: number, relevant: number, use: TermUse, o: PhraseOptions, context: ReadingContext) => boolean;
}

/** From this share up, "the vast majority" can be true even when the product would not write it (the seed report says it of 15 in 20). */
const VAST_MAJORITY_READS_FROM = 3 / 4;
/** "Nearly all", "almost every": read as at least three-quarters. */
const NEARLY_ALL_READS_FROM = 3 / 4;

const N = COUNT_PATTERN;
const count = (s: string | undefined): number | undefined => (s === undefined ? undefined : (readCount(s) ?? undefined));
const denominatorHolds = (relevant: number, use: TermUse, context: ReadingContext): boolean =>
  use.of === undefined || use.of === relevant || (context.inspected !== undefined && use.of === context.inspected);
const share = (met: number, relevant: number): number => met / relevant;
const pct = (share: number): string => `${Math.round(Math.max(0, Math.min(1, share)) * 1000) / 10}%`;
const counted = (met: number, relevant: number): string => `(${met} out of ${relevant})`;

/** The landmark nearest to a share within the "just under/over" margin, or null. */
function nearestLandmark(met: number, relevant: number, o: PhraseOptions): NamedShare | null {
  const s = met / relevant;
  let nearest: NamedShare | null = null;
  for (const l of NAMED_SHARES) {
    if (!l.landmark) continue;
    const d = Math.abs(s - l.value);
    if (d <= o.nearMargin + 1e-9 && (!nearest || d < Math.abs(s - nearest.value) - 1e-12)) nearest = l;
  }
  return nearest;
}

/**
 * The quantity language, in the order the product tries its terms. Read-only terms (what drafts
 * say that the product never writes) come last.
 */
export const QUANTITY_TERMS: readonly QuantityTerm[] = [
  {
    name: "no-relevant",
    means: () => "no relevant cases",
    write: (_met, relevant, _o, [, many]) => (relevant === 0 ? `no relevant ${many} (0 out of 0)` : null),
    read: /\bno relevant\b/,
    use: () => ({}),
    holds: (_met, relevant) => relevant === 0,
  },
  {
    name: "the-one",
    means: (u) => `exactly ${u.count} of 1`,
    write: (met, relevant, _o, [one]) => (relevant !== 1 ? null : met === 1 ? `the one relevant ${one} (1 out of 1)` : `not the one relevant ${one} (0 out of 1)`),
    read: /\b(not )?(?:in )?the (?:one|only|single) relevant\b/,
    use: (m) => ({ count: m[1] ? 0 : 1, of: 1 }),
    holds: (met, relevant, use) => relevant === 1 && met === use.count,
  },
  {
    name: "all",
    means: (u) => (u.of !== undefined ? `all ${u.of}` : "all"),
    write: (met, relevant, o, [, many]) => (met === relevant ? allOf(relevant, many, o.wordsUpTo) : null),
    read: new RegExp(`\\b(?:all|every|each)(?! but\\b)(?: (?:of )?(?:the |these |those )?(${N})(?= ))?|\\bwithout exception\\b`),
    use: (m) => (m[1] !== undefined ? { of: count(m[1]) } : {}) as TermUse,
    holds: (met, relevant, use) => relevant > 0 && met === relevant && (use.of === undefined || use.of === relevant),
  },
  {
    name: "none",
    means: (u) => (u.of !== undefined ? `none of ${u.of}` : "none"),
    write: (met, relevant, _o, [, many]) => (met !== 0 ? null : relevant === 2 ? `neither of the two ${many}` : `none of the ${relevant} ${many}`),
    read: new RegExp(`\\b(?:none|neither|not one|not a single|no)\\b(?: of (?:the |these |those )?(${N})(?= ))?`),
    use: (m) => (m[1] !== undefined ? { of: count(m[1]) } : {}) as TermUse,
    holds: (met, relevant, use, _o, context) => met === 0 && denominatorHolds(relevant, use, context),
  },
  {
    name: "count",
    means: (u) => `exactly ${u.count} of ${u.of}`,
    write: (met, relevant, o, [, many]) => (relevant <= o.wordsUpTo ? `${countInWords(met)} out of ${countInWords(relevant)} ${many}` : null),
    read: new RegExp(`\\b(${N}) (?:out )?of (?:the |these |those |all |all the )?(?:relevant )?(${N})\\b`),
    use: (m) => ({ count: count(m[1]), of: count(m[2]) }) as TermUse,
    holds: (met, relevant, use, _o, context) => met === use.count && denominatorHolds(relevant, use, context),
  },
  {
    name: "all-but",
    means: (u) => `all except exactly ${u.count}${u.of !== undefined ? ` of ${u.of}` : ""}`,
    write: (met, relevant, o, [, many]) => (relevant - met <= o.allButUpTo ? `all but ${countInWords(relevant - met)} of the ${relevant} ${many}` : null),
    read: new RegExp(`\\ball but (${N})\\b(?: of (?:the |these |those )?(${N})(?= ))?`),
    use: (m) => ({ count: count(m[1]), ...(m[2] !== undefined ? { of: count(m[2]) } : {}) }) as TermUse,
    holds: (met, relevant, use, _o, context) => relevant - met === use.count && denominatorHolds(relevant, use, context),
  },
  {
    name: "only",
    means: (u) => `exactly ${u.count}${u.of !== undefined ? ` of ${u.of}` : ""}`,
    write: (met, relevant, o, [, many]) => (met <= o.allButUpTo ? `only ${countInWords(met)} of the ${relevant} ${many}` : null),
    read: new RegExp(`\\bonly (${N})\\b(?: (?:out )?of (?:the |these |those )?(${N})\\b)?`),
    use: (m) => ({ count: count(m[1]), ...(m[2] !== undefined ? { of: count(m[2]) } : {}) }) as TermUse,
    holds: (met, relevant, use, _o, context) => met === use.count && denominatorHolds(relevant, use, context),
  },
  {
    name: "share",
    means: (u, o) => `${pct(u.share!.value - o.nearMargin)}–${pct(u.share!.value + o.nearMargin)}`,
    write: (met, relevant, _o, [, many]) => {
      const exact = NAMED_SHARES.find((l) => met * l.den === relevant * l.num);
      return exact ? `${exact.words} of the ${many} ${counted(met, relevant)}` : null;
    },
    read: new RegExp(`\\b(?:(?:about|around|roughly|approximately|some|exactly|precisely) )?${SHARE_PATTERN}\\b`),
    use: (m) => ({ share: readShare(m[1]!)! }),
    // Named plainly, a share may be rounded: it reads as true within the "just under/over" margin.
    holds: (met, relevant, use, o) => relevant > 0 && Math.abs(share(met, relevant) - use.share!.value) <= o.nearMargin + 1e-9,
  },
  {
    name: "near-share",
    means: (u, o) => (u.side === "under" ? `${pct(u.share!.value - 2 * o.nearMargin)} to under ${pct(u.share!.value)}` : `over ${pct(u.share!.value)} to ${pct(u.share!.value + 2 * o.nearMargin)}`),
    write: (met, relevant, o, [, many]) => {
      const l = nearestLandmark(met, relevant, o);
      if (!l) return null;
      const under = met / relevant < l.value;
      const words = l.words === "half" && under ? "just under half" : `${under ? "just under" : "just over"} ${l.words}`;
      return `${words} of the ${many} ${counted(met, relevant)}`;
    },
    // Bare "over half", "more than half", "under half"… are the majority's and the minority's
    // words (above or below half), not "just over half".
    read: new RegExp(
      `\\b(?:(?:just|slightly|a little|marginally|a bit) (under|below|less than|fewer than|over|above|more than)|(almost|nearly|not quite|approaching|close to|(?:under|over|more than|less than|fewer than)(?![ -]half\\b)))[ -]${SHARE_PATTERN}\\b`,
    ),
    use: (m) => {
      const word = m[1] ?? m[2] ?? "";
      const side = /^(over|above|more than)$/.test(word) ? "over" : "under";
      return { share: readShare(m[3]!)!, side };
    },
    // Read within twice the margin the product writes it within, on its side of the landmark.
    holds: (met, relevant, use, o) => {
      if (relevant === 0) return false;
      const s = share(met, relevant);
      const v = use.share!.value;
      return use.side === "under" ? s < v - 1e-12 && s >= v - 2 * o.nearMargin - 1e-9 : s > v + 1e-12 && s <= v + 2 * o.nearMargin + 1e-9;
    },
  },
  {
    name: "vast-majority",
    means: (_u, o) => `${pct(Math.min(o.vastMajority, VAST_MAJORITY_READS_FROM))} or more`,
    write: (met, relevant, o, [, many]) => (met / relevant >= o.vastMajority ? `the vast majority of the ${many} ${counted(met, relevant)}` : null),
    read: /\b(?:the |a )?(?:vast|overwhelming|great|large) majority\b/,
    use: () => ({}),
    holds: (met, relevant, _use, o) => relevant > 0 && share(met, relevant) >= Math.min(o.vastMajority, VAST_MAJORITY_READS_FROM) - 1e-9,
  },
  {
    name: "majority",
    means: () => "more than half",
    write: (met, relevant, _o, [, many]) => (met / relevant > 0.5 ? `the majority of the ${many} ${counted(met, relevant)}` : null),
    read: /\b(?:the|a) majority\b|(?<!\bat )\bmost\b|\bmore than half\b|\bover half\b/,
    use: () => ({}),
    holds: (met, relevant) => relevant > 0 && share(met, relevant) > 0.5,
  },
  {
    name: "small-minority",
    means: (_u, o) => `at least one, under ${pct(o.smallMinority + o.nearMargin)}`,
    write: (met, relevant, o, [, many]) => (met / relevant < o.smallMinority ? `a small minority of the ${many} ${counted(met, relevant)}` : null),
    read: /\ba (?:small|tiny) minority\b|\ba small number\b/,
    use: () => ({}),
    holds: (met, relevant, _use, o) => relevant > 0 && met > 0 && share(met, relevant) < o.smallMinority + o.nearMargin,
  },
  {
    name: "minority",
    means: () => "less than half",
    write: (met, relevant, _o, [, many]) => `a minority of the ${many} ${counted(met, relevant)}`,
    read: /\ba minority\b|\b(?:less|fewer) than half\b|\bunder half\b/,
    use: () => ({}),
    holds: (met, relevant) => relevant > 0 && share(met, relevant) < 0.5,
  },
  {
    name: "not-all",
    means: () => "fewer than all",
    read: /\bnot (?:in )?(?:all|every)\b/,
    use: () => ({}),
    holds: (met, relevant) => met < relevant,
  },
  {
    name: "nearly-all",
    means: () => `${pct(NEARLY_ALL_READS_FROM)} or more`,
    read: /\b(?:almost|nearly|virtually|practically) (?:all|every|each)\b/,
    use: () => ({}),
    holds: (met, relevant) => relevant > 0 && share(met, relevant) >= NEARLY_ALL_READS_FROM - 1e-9,
  },
  {
    name: "percent",
    means: (u) => `within one point of ${u.percent}%`,
    read: /\b(\d{1,3}(?:\.\d+)?) ?(?:%|per ?cent\b)/,
    use: (m) => ({ percent: Number(m[1]) }),
    // A percentage may be rounded or cut: true within one point.
    holds: (met, relevant, use) => relevant > 0 && Math.abs((100 * met) / relevant - use.percent!) < 1,
  },
  {
    name: "at-least",
    means: (u) => `at least ${u.count}`,
    // "In five cases the assessment was insufficient", "in both PSRs": true of that many or more.
    read: new RegExp(`\\b(${N}|both)\\b`),
    use: (m) => ({ count: m[1] === "both" ? 2 : count(m[1]) }) as TermUse,
    holds: (met, _relevant, use) => met >= use.count!,
  },
];

/**
 * Every one of a small or large number: "both cases", "all three cases", "all 20 cases".
 * @example allOf(2, "cases", 10) // "both cases"
 */
function allOf(n: number, many: string, wordsUpTo: number): string {
  if (n === 2) return `both ${many}`;
  return n <= wordsUpTo ? `all ${countInWords(n)} ${many}` : `all ${n} ${many}`;
}

/** Options for {@link describeProportion}. */
export interface DescribeProportionOptions extends Partial<PhraseOptions> {
  /** The noun counted, singular and plural. Default case / cases. */
  readonly noun?: readonly [singular: string, plural: string];
}

/**
 * The report-register phrase for `met` out of `relevant`, always with the counts.
 * @example
 * describeProportion(17, 20) // "all but three of the 20 cases"
 * describeProportion(12, 19) // "just under two-thirds of the cases (12 out of 19)"
 * describeProportion(5, 6)   // "five out of six cases"
 * describeProportion(0, 7)   // "none of the 7 cases"
 * describeProportion(2, 2)   // "both cases"
 * describeProportion(3, 3)   // "all three cases"
 */
export function describeProportion(met: number, relevant: number, options: DescribeProportionOptions = {}): string {
  if (!Number.isInteger(met) || !Number.isInteger(relevant) || met < 0 || relevant < 0 || met > relevant) {
    throw new RangeError(`describeProportion needs whole numbers with 0 <= met <= relevant, got ${met} of ${relevant}`);
  }
  const o = phraseOptions(options);
  const nouns = options.noun ?? ["case", "cases"];
  for (const term of QUANTITY_TERMS) {
    const phrase = term.write?.(met, relevant, o, nouns);
    if (phrase != null) return phrase;
  }
  throw new Error("the quantity table has no term for these counts"); // unreachable: "minority" always answers
}

/**
 * The bands in force: the defaults with any given option in place.
 * @example phraseOptions({ wordsUpTo: 5 }).allButUpTo // 3
 */
export function phraseOptions(options: Partial<PhraseOptions> = {}): PhraseOptions {
  return { ...DEFAULT_PHRASE_OPTIONS, ...stripUndefined(options) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== "noun") (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Upper-cases the first letter of a sentence.
 * @example capitalise("the review") // "The review"
 */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const AUXILIARY = /\b(was|were|had|has|did)\b/;

/** Whether a subject phrase is already a clause with its own verb ("enforcement action … was taken appropriately"). */
function isClause(subject: string): boolean {
  return AUXILIARY.test(subject);
}

/**
 * The report sentence for a criterion's result. A strength says how often the work was done well,
 * with the quantity phrase; an improvement says, as inspection reports do, in how many relevant
 * cases it was not.
 * @example
 * criterionSentence("enforcement action, when required, was taken appropriately", 11, 11, "strength")
 * // "Enforcement action, when required, was taken appropriately in every case (11 out of 11)."
 * criterionSentence("the review of the assessment", 2, 2, "strength")
 * // "The review of the assessment was done well in both cases."
 * criterionSentence("the initial assessment of risk of harm to others", 11, 19, "improvement")
 * // "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well."
 */
export function criterionSentence(subject: string, met: number, relevant: number, kind: "strength" | "improvement", options: DescribeProportionOptions = {}): string {
  if (kind === "strength") {
    const wordsUpTo = options.wordsUpTo ?? DEFAULT_PHRASE_OPTIONS.wordsUpTo;
    const phrase =
      met === relevant && relevant > wordsUpTo ? `every case (${met} out of ${relevant})` : describeProportion(met, relevant, options);
    const clause = isClause(subject) ? subject : `${subject} was done well`;
    return `${capitalise(clause)} in ${phrase}.`;
  }
  const wordsUpTo = options.wordsUpTo ?? DEFAULT_PHRASE_OPTIONS.wordsUpTo;
  const count = (n: number): string => (relevant <= wordsUpTo ? countInWords(n) : String(n));
  const negative = isClause(subject) ? subject.replace(AUXILIARY, "$1 not") : `${subject} was not done well`;
  const notMet = relevant - met;
  const where =
    relevant === 1
      ? "In the one relevant case"
      : notMet === relevant
        ? `In ${allOf(relevant, "relevant cases", wordsUpTo)}`
        : `In ${count(notMet)} out of ${count(relevant)} relevant cases`;
  return `${where}, ${negative}.`;
}

/**
 * What a count leaves out, as a sentence, when anything: judgements left out for errors in their
 * cells, and cases not yet judged. Empty when nothing was left out.
 * @example
 * leftOutSentence(2, 0) // "Two cases were left out because their cells have errors."
 * leftOutSentence(1, 3) // "One case was left out because its cell has an error; three are not yet judged."
 */
export function leftOutSentence(excluded: number, unjudged: number, noun: readonly [singular: string, plural: string] = ["case", "cases"]): string {
  const parts: string[] = [];
  if (excluded > 0) {
    parts.push(
      excluded === 1
        ? `one ${noun[0]} was left out because its cell has an error`
        : `${countInWords(excluded)} ${noun[1]} were left out because their cells have errors`,
    );
  }
  if (unjudged > 0) {
    const verb = unjudged === 1 ? "is" : "are";
    parts.push(parts.length > 0 ? `${countInWords(unjudged)} ${verb} not yet judged` : `${countInWords(unjudged)} ${unjudged === 1 ? noun[0] : noun[1]} ${verb} not yet judged`);
  }
  return parts.length === 0 ? "" : `${capitalise(parts.join("; "))}.`;
}

/**
 * The same, short, for a table cell beside a phrase.
 * @example leftOutShort(2, 1) // "2 left out for errors, 1 not yet judged"
 */
export function leftOutShort(excluded: number, unjudged: number): string {
  const parts: string[] = [];
  if (excluded > 0) parts.push(`${excluded} left out for errors`);
  if (unjudged > 0) parts.push(`${unjudged} not yet judged`);
  return parts.join(", ");
}
