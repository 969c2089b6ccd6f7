/**
 * The quantity statements of one sentence: each use of a term of the quantity language
 * (`phrases.ts`) that counts cases or interviewees, whether it counts the work done well or, after
 * a negation ("was not done well in 8 out of 19"), the work not done well.
 */
import { COUNT_PATTERN, QUANTITY_TERMS, readCount, type QuantityTerm, type TermUse } from "../phrases";

/** What a statement counts: inspected cases, or staff interviewed. */
export type CountedKind = "cases" | "interviews";

/** One term used in a sentence. */
export interface TermMatch {
  readonly term: QuantityTerm;
  readonly use: TermUse;
  /** The words as written (lower case). */
  readonly words: string;
  readonly start: number;
  readonly end: number;
}

/** A quantity statement: one or more terms about the same count ("just under two-thirds (12 out of 19)"). */
export interface QuantityStatement {
  readonly terms: readonly TermMatch[];
  /** Whether the terms count the work not done well. */
  readonly negative: boolean;
  readonly counted: CountedKind;
}

const N = COUNT_PATTERN;

/** Nouns that count cases (each case is a child's sentence). */
const CASE_NOUNS = new Set([
  "case", "cases", "psr", "psrs", "report", "reports", "assessment", "assessments", "plan", "plans", "review", "reviews",
  "child", "children", "young", "instance", "instances", "file", "files", "sentence", "sentences", "order", "orders", "example", "examples",
]);
/** Nouns that count people interviewed. */
const PERSON_NOUNS = new Set(["staff", "interviewee", "interviewees", "practitioner", "practitioners", "officer", "officers", "worker", "workers", "member", "members", "managers", "manager"]);
/** Nouns that show a number is not a count of cases: durations, inspectors, other people. */
const OTHER_NOUNS = new Set([
  "inspector", "inspectors", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
  "time", "times", "male", "males", "female", "females", "victim", "victims", "offence", "offences", "point", "points", "page", "pages",
  "session", "sessions", "meeting", "meetings", "people", "person", "parent", "parents", "way", "visit", "visits",
]);

/** Terms that are statements even with no noun after them ("The vast majority had completed…"). */
const FREE_STANDING = new Set<QuantityTerm["name"]>(["count", "all-but", "percent", "vast-majority", "minority", "small-minority"]);
/** How many words after a term its noun may come. */
const NOUN_WINDOW = 7;

/** "in ten cases, of which, eight…": a count out of the cases just named. */
const OF_WHICH = new RegExp(`\\b(${N}) (?:[a-z-]+ ){0,2}?(?:cases|psrs|reports|assessments|plans|reviews|children)\\b[^.;]{0,60}?\\bof (?:which|these|those|whom),? (${N})\\b`, "g");
/** "Of the relevant 15 cases, we found that 7 did not…": a count out of the cases just named. */
const OF_THE = new RegExp(`\\bof the (?:relevant )?(${N}) (?:relevant |inspected )?(?:cases|psrs|reports|assessments|plans|reviews|children)\\b,? (?:[a-z' ]{0,40}? )?(${N})\\b`, "g");

/** Each term's pattern, made once, to find every use in a sentence. */
const GLOBAL_READS: readonly (readonly [QuantityTerm, RegExp])[] = QUANTITY_TERMS.map((t) => [t, new RegExp(t.read.source, "g")]);

const COUNT_TERM = QUANTITY_TERMS.find((t) => t.name === "count")!;

const NEGATIVE =
  /\b(?:not|never|no evidence|no longer|insufficient(?:ly)?|inadequate(?:ly)?|poor(?:ly)?|lack(?:ed|ing|s)?|missed|failed|fail(?:s|ing)?|unsatisfactory|unclear|deficient|deficienc(?:y|ies)|gaps?|weak(?:ness|nesses)?)\b|n't\b/;
const SUBORDINATE = /^(?:where|when|whenever|if|unless|although|though|while|whilst|whereas|because|since|as|which|who|once|until)\b/;
/** Where a clause ends: its negation does not reach past these. */
const CLAUSE_BREAK = /;|, and\b|,? \bbut\b|,? \bhowever\b|,? \bwhereas\b|,? \balthough\b|,? \bthough\b|,? \bwhilst\b|,? \bwhile\b|,? \bin contrast\b|,? \bsimilarly\b/g;

/**
 * The quantity statements of a sentence in normalised form (see `normaliseSentence`).
 * @example findStatements("in 8 out of 19 relevant cases this assessment was not done well")[0].negative // true
 */
export function findStatements(sentence: string): QuantityStatement[] {
  const candidates = chooseMatches(structuralMatches(sentence), termMatches(sentence));
  const kept: { match: TermMatch; counted: CountedKind }[] = [];
  for (const match of candidates) {
    const counted = countedBy(sentence, match);
    if (counted) kept.push({ match, counted });
  }
  const statements: QuantityStatement[] = [];
  for (let i = 0; i < kept.length; i++) {
    const { match, counted } = kept[i]!;
    const group = [match];
    // "just under two-thirds of the cases (12 out of 19)": the bracketed count is the same statement.
    const next = kept[i + 1];
    if (next && /^[^.;()]{0,40}\($/.test(sentence.slice(match.end, next.match.start))) {
      group.push(next.match);
      i++;
    }
    statements.push({ terms: group, negative: isNegative(sentence, group), counted });
  }
  return statements;
}

function structuralMatches(sentence: string): TermMatch[] {
  const out: TermMatch[] = [];
  for (const re of [OF_WHICH, OF_THE]) {
    for (const m of sentence.matchAll(re)) {
      const of = readCount(m[1]!);
      const count = readCount(m[2]!);
      if (of === null || count === null || count > of) continue;
      out.push({ term: COUNT_TERM, use: { count, of }, words: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

function termMatches(sentence: string): TermMatch[] {
  const out: TermMatch[] = [];
  for (const [term, re] of GLOBAL_READS) {
    for (const m of sentence.matchAll(re)) {
      if (m[0] === "") continue;
      const use = term.use(m);
      if (Object.values(use).some((v) => v === undefined)) continue;
      out.push({ term, use, words: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/** Overlapping matches: one found by structure first, then the longest, then the first in the table. */
function chooseMatches(structural: readonly TermMatch[], terms: readonly TermMatch[]): TermMatch[] {
  const order = (m: TermMatch): number => QUANTITY_TERMS.indexOf(m.term);
  const ranked = [...terms].sort((a, b) => b.end - b.start - (a.end - a.start) || order(a) - order(b));
  const chosen: TermMatch[] = [];
  for (const m of [...structural, ...ranked]) if (!chosen.some((c) => m.start < c.end && c.start < m.end)) chosen.push(m);
  return chosen.sort((a, b) => a.start - b.start);
}

/** What a term counts, from the noun after it; null when it counts something else or nothing named. */
function countedBy(sentence: string, match: TermMatch): CountedKind | null {
  // The words after the term, and the punctuation that ends the search for its noun.
  const after = sentence.slice(match.end).match(/[a-z'-]+|[,.;:]/g) ?? [];
  const interview = /\binterview/.test(sentence);
  const window = match.term.name === "at-least" || match.term.name === "none" ? 3 : NOUN_WINDOW;
  for (let i = 0; i < Math.min(window, after.length); i++) {
    const w = after[i]!;
    if (w === "case" && /^managers?$/.test(after[i + 1] ?? "")) return interview ? "interviews" : null;
    if (CASE_NOUNS.has(w)) return w === "young" && after[i + 1] !== "people" && after[i + 1] !== "person" ? null : "cases";
    if (PERSON_NOUNS.has(w)) return interview || w === "staff" ? "interviews" : null;
    if (OTHER_NOUNS.has(w)) return null;
    if (/^[,.;:]/.test(w)) break;
  }
  // "done well in most" or a register term standing alone: cases, unless it names something else.
  if (FREE_STANDING.has(match.term.name)) return interview && /\b(?:staff|interviewees?|case managers)\b/.test(sentence) ? "interviews" : "cases";
  if (match.term.name !== "at-least" && /\bin (?:the )?$/.test(sentence.slice(Math.max(0, match.start - 7), match.start))) return "cases";
  return null;
}

function isNegative(sentence: string, group: readonly TermMatch[]): boolean {
  const first = group[0]!;
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index + m[0].length <= first.start) from = m.index + m[0].length;
    else if (m.index >= first.end) {
      to = m.index;
      break;
    }
  }
  // The quantity's own words ("not all", "none") are not a negation of the work.
  let blanked = sentence;
  for (const t of group) blanked = blanked.slice(0, t.start) + " ".repeat(t.end - t.start) + blanked.slice(t.end);
  // A subordinate clause of its own ("where they did not cooperate, …") does not negate the count.
  let own = "";
  let at = from;
  for (const part of sentence.slice(from, to).split(",")) {
    const end = at + part.length;
    const holdsCount = first.start < end && first.end > at;
    if (holdsCount || !SUBORDINATE.test(part.trim())) own += `${blanked.slice(at, end)},`;
    at = end + 1;
  }
  return NEGATIVE.test(own.replace(/\bnot (?:only|just)\b/g, ""));
}
