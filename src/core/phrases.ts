/**
 * The quantity language of inspection reports: "all but three of the 20 cases", "just under
 * two-thirds of the cases (12 out of 19)", "five out of six cases". Every phrase carries its
 * counts, in digits or in words.
 */
import { DEFAULT_PHRASE_OPTIONS, type PhraseOptions } from "./settings";

const SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

/**
 * A count in words up to twenty, digits beyond.
 * @example countInWords(7) // "seven"; countInWords(21) // "21"
 */
export function countInWords(n: number): string {
  return n >= 1 && n <= 20 && Number.isInteger(n) ? SMALL[n]! : String(n);
}

/** Landmark shares that "just under/over" applies to, nearest first when tied. */
const LANDMARKS: readonly { readonly value: number; readonly words: string; readonly num: number; readonly den: number }[] = [
  { value: 1 / 2, words: "half", num: 1, den: 2 },
  { value: 2 / 3, words: "two-thirds", num: 2, den: 3 },
  { value: 1 / 3, words: "a third", num: 1, den: 3 },
  { value: 3 / 4, words: "three-quarters", num: 3, den: 4 },
  { value: 1 / 4, words: "a quarter", num: 1, den: 4 },
];

/** Shares named only when exact. */
const EXACT_ONLY: readonly { readonly words: string; readonly num: number; readonly den: number }[] = [
  { words: "two-fifths", num: 2, den: 5 },
  { words: "three-fifths", num: 3, den: 5 },
  { words: "four-fifths", num: 4, den: 5 },
  { words: "a fifth", num: 1, den: 5 },
];

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
 */
export function describeProportion(met: number, relevant: number, options: DescribeProportionOptions = {}): string {
  if (!Number.isInteger(met) || !Number.isInteger(relevant) || met < 0 || relevant < 0 || met > relevant) {
    throw new RangeError(`describeProportion needs whole numbers with 0 <= met <= relevant, got ${met} of ${relevant}`);
  }
  const o: PhraseOptions = { ...DEFAULT_PHRASE_OPTIONS, ...stripUndefined(options) };
  const [one, many] = options.noun ?? ["case", "cases"];
  const count = `(${met} out of ${relevant})`;
  const missed = relevant - met;

  if (relevant === 0) return `no relevant ${many} (0 out of 0)`;
  if (relevant === 1) return met === 1 ? `the one relevant ${one} (1 out of 1)` : `not the one relevant ${one} (0 out of 1)`;
  if (met === relevant) return `all ${relevant} ${many}`;
  if (met === 0) return `none of the ${relevant} ${many}`;
  if (relevant <= o.wordsUpTo) return `${countInWords(met)} out of ${countInWords(relevant)} ${many}`;
  if (missed <= o.allButUpTo) return `all but ${countInWords(missed)} of the ${relevant} ${many}`;
  if (met <= o.allButUpTo) return `only ${countInWords(met)} of the ${relevant} ${many}`;

  const share = met / relevant;
  const of = `of the ${many} ${count}`;
  for (const l of LANDMARKS) if (met * l.den === relevant * l.num) return `${l.words} ${of}`;
  for (const l of EXACT_ONLY) if (met * l.den === relevant * l.num) return `${l.words} ${of}`;

  let nearest: (typeof LANDMARKS)[number] | null = null;
  for (const l of LANDMARKS) {
    const d = Math.abs(share - l.value);
    if (d <= o.nearMargin + 1e-9 && (!nearest || d < Math.abs(share - nearest.value) - 1e-12)) nearest = l;
  }
  if (nearest) {
    const under = share < nearest.value;
    const words = nearest.words === "half" && under ? "just under half" : `${under ? "just under" : "just over"} ${nearest.words}`;
    return `${words} ${of}`;
  }
  if (share >= o.vastMajority) return `the vast majority ${of}`;
  if (share > 0.5) return `the majority ${of}`;
  if (share < o.smallMinority) return `a small minority ${of}`;
  return `a minority ${of}`;
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
 * criterionSentence("the initial assessment of risk of harm to others", 11, 19, "improvement")
 * // "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well."
 */
export function criterionSentence(subject: string, met: number, relevant: number, kind: "strength" | "improvement", options: DescribeProportionOptions = {}): string {
  if (kind === "strength") {
    const phrase = met === relevant && relevant > 1 ? `every case (${met} out of ${relevant})` : describeProportion(met, relevant, options);
    const clause = isClause(subject) ? subject : `${subject} was done well`;
    return `${capitalise(clause)} in ${phrase}.`;
  }
  const wordsUpTo = options.wordsUpTo ?? DEFAULT_PHRASE_OPTIONS.wordsUpTo;
  const count = (n: number): string => (relevant <= wordsUpTo ? countInWords(n) : String(n));
  const negative = isClause(subject) ? subject.replace(AUXILIARY, "$1 not") : `${subject} was not done well`;
  const notMet = relevant - met;
  const where =
    relevant === 1 ? "In the one relevant case" : notMet === relevant ? `In all ${count(relevant)} relevant cases` : `In ${count(notMet)} out of ${count(relevant)} relevant cases`;
  return `${where}, ${negative}.`;
}
