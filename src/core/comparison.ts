/**
 * Comparison with the previous inspection: each criterion, section and the overall figure beside
 * the previous inspection's, the change in points, and whether it improved, declined or shows no
 * clear change.
 *
 * Criteria are matched by ID and title together (titles folded for case, spacing and punctuation),
 * never by position: a criterion in only one of the two inspections, or worded differently, is
 * listed as not comparable. Sections are matched by number and title; the overall figures are
 * always set side by side, and say when the criteria behind them differ.
 *
 * A change is called improved or declined only when it is beyond what chance alone would give for
 * those counts: when the 95% interval for the difference of the two proportions (Newcombe's hybrid
 * score interval, see interval.ts) lies wholly above or below zero. Otherwise there is "no clear
 * change", however many points apart the percentages are: 11 of 19 against 14 of 19 is 16 points
 * but no clear change. Pooled section and overall figures count every judgement as if it were
 * independent, which judgements on the same cases are not quite, so their intervals are a little
 * narrower than they should be.
 */
import type { Analysis } from "./analyse";
import { newcombeDifference, type Interval } from "./interval";
import { describeFramework, foldTitle, type PreviousFigure, type PreviousInspection } from "./previous-inspection";
import { inspectionDates } from "./layout/text";
import { roundPercent } from "./statistics";

/** What the difference says, beyond chance. */
export type Direction = "improved" | "declined" | "no clear change";

/** A figure now and at the previous inspection. */
export interface FigureChange {
  readonly current: PreviousFigure & { readonly percent: number | null };
  readonly previous: PreviousFigure & { readonly percent: number | null };
  /** Percentage points, now less before; null when either has nothing relevant. */
  readonly change: number | null;
  /** The 95% interval of the change, in points (Newcombe 1998, method 10); null as `change`. */
  readonly interval: Interval | null;
  /** Null when either has nothing relevant. */
  readonly direction: Direction | null;
}

export interface CriterionComparison extends FigureChange {
  readonly id: string;
  readonly title: string;
  readonly interview: boolean;
}

export interface SectionComparison extends FigureChange {
  readonly number: string;
  readonly title: string;
  readonly currentRating: string | null;
  readonly previousRating: string | null;
  /** Whether every criterion behind it was compared on both sides. */
  readonly sameCriteria: boolean;
}

export interface OverallComparison extends FigureChange {
  readonly currentRating: string | null;
  readonly previousRating: string | null;
  readonly sameCriteria: boolean;
}

/** A criterion that cannot be compared, and why. */
export interface NotComparable {
  readonly id: string;
  readonly title: string;
  /** Which inspection has it: "this inspection" or "the previous inspection". */
  readonly in: "this inspection" | "the previous inspection";
  readonly reason: string;
}

export interface Comparison {
  readonly previous: PreviousInspection;
  /** Matched criteria and interview questions, in this inspection's order. */
  readonly criteria: readonly CriterionComparison[];
  readonly sections: readonly SectionComparison[];
  readonly overall: OverallComparison | null;
  readonly notComparable: readonly NotComparable[];
  /** What was compared, in a sentence or two. */
  readonly compared: string;
}

const percentOf = (f: PreviousFigure): number | null => (f.relevant === 0 ? null : (100 * f.met) / f.relevant);

/**
 * A figure now against before: the change in points, its interval and its direction.
 * @example figureChange({ met: 17, relevant: 19 }, { met: 9, relevant: 19 }).direction // "improved"
 * @example figureChange({ met: 14, relevant: 19 }, { met: 11, relevant: 19 }).direction // "no clear change" (15.8 points)
 */
export function figureChange(current: PreviousFigure, previous: PreviousFigure): FigureChange {
  const now = { met: current.met, relevant: current.relevant, percent: percentOf(current) };
  const before = { met: previous.met, relevant: previous.relevant, percent: percentOf(previous) };
  const interval = newcombeDifference(current.met, current.relevant, previous.met, previous.relevant);
  if (interval === null || now.percent === null || before.percent === null) return { current: now, previous: before, change: null, interval: null, direction: null };
  return { current: now, previous: before, change: now.percent - before.percent, interval, direction: directionOf(interval) };
}

/**
 * The direction an interval of a difference shows: improved when it lies wholly above zero,
 * declined when wholly below, otherwise no clear change.
 * @example directionOf({ low: 2.1, high: 40 }) // "improved"; directionOf({ low: -3, high: 30 }) // "no clear change"
 */
export function directionOf(interval: Interval): Direction {
  if (interval.low > 0) return "improved";
  if (interval.high < 0) return "declined";
  return "no clear change";
}

/**
 * This inspection against the previous one.
 * @example compareWithPrevious(analysis, previous).criteria.find((c) => c.id === "2.1")?.direction // "improved"
 */
export function compareWithPrevious(a: Analysis, previous: PreviousInspection): Comparison {
  const byKey = new Map(previous.criteria.map((p) => [criterionKey(p.interview, p.id, p.title), p]));
  const byId = new Map(previous.criteria.map((p) => [`${p.interview ? "i" : "c"}\u0000${p.id}`, p]));
  const current = [
    ...a.criteria.filter((c) => c.hasColumn).map((c) => ({ stats: c, interview: false })),
    ...a.interviewStats.filter((c) => c.hasColumn).map((c) => ({ stats: c, interview: true })),
  ];
  const criteria: CriterionComparison[] = [];
  const notComparable: NotComparable[] = [];
  const matchedPrevious = new Set<PreviousInspection["criteria"][number]>();
  const matchedCurrent = new Set<string>();
  for (const { stats: c, interview } of current) {
    const p = byKey.get(criterionKey(interview, c.id, c.title));
    if (p) {
      matchedPrevious.add(p);
      matchedCurrent.add(c.id);
      criteria.push({ id: c.id, title: c.title, interview, ...figureChange(c, p) });
      continue;
    }
    const sameId = byId.get(`${interview ? "i" : "c"}\u0000${c.id}`);
    const reason = sameId ? `worded differently at the previous inspection ("${sameId.title}")` : "not in the previous inspection";
    notComparable.push({ id: c.id, title: c.title, in: "this inspection", reason });
  }
  for (const p of previous.criteria) {
    if (matchedPrevious.has(p)) continue;
    const worded = current.some((c) => c.interview === p.interview && c.stats.id === p.id);
    if (!worded) notComparable.push({ id: p.id, title: p.title, in: "the previous inspection", reason: "not in this inspection" });
  }

  const sectionOfId = (id: string): string => id.slice(0, id.lastIndexOf("."));
  const currentIds = a.criteria.filter((c) => c.hasColumn).map((c) => c.id);
  const previousIds = previous.criteria.filter((p) => !p.interview).map((p) => p.id);
  const comparedIds = new Set(criteria.filter((c) => !c.interview).map((c) => c.id));
  const allCompared = (ids: readonly string[]): boolean => ids.every((id) => comparedIds.has(id));

  const previousSections = new Map(previous.sections.map((s) => [`${s.number}\u0000${foldTitle(s.title)}`, s]));
  const sections: SectionComparison[] = [];
  for (const s of a.sections) {
    const p = previousSections.get(`${s.number}\u0000${foldTitle(s.title)}`);
    if (!p) continue;
    const same =
      allCompared(currentIds.filter((id) => sectionOfId(id) === s.number)) &&
      allCompared(previousIds.filter((id) => sectionOfId(id) === s.number)) &&
      previousIds.filter((id) => sectionOfId(id) === s.number).length === currentIds.filter((id) => sectionOfId(id) === s.number).length;
    sections.push({ number: s.number, title: s.title, currentRating: s.rating, previousRating: p.rating, sameCriteria: same, ...figureChange(s, p) });
  }

  const overall: OverallComparison | null = previous.overall
    ? {
        currentRating: a.overall.rating,
        previousRating: previous.overall.rating,
        sameCriteria: allCompared(currentIds) && allCompared(previousIds) && currentIds.length === previousIds.length,
        ...figureChange(a.overall, previous.overall),
      }
    : null;

  return { previous, criteria, sections, overall, notComparable, compared: comparedSentence(a, previous, criteria, notComparable) };
}

function criterionKey(interview: boolean, id: string, title: string): string {
  return `${interview ? "i" : "c"}\u0000${id}\u0000${foldTitle(title)}`;
}

/**
 * Items in words, the last after "and".
 * @example listed(["Summary", "Action plan", "Moderation"]) // "Summary, Action plan and Moderation"
 */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function comparedSentence(a: Analysis, previous: PreviousInspection, criteria: readonly CriterionComparison[], notComparable: readonly NotComparable[]): string {
  const n = criteria.filter((c) => !c.interview).length;
  const q = criteria.length - n;
  const parts = [`${n} ${n === 1 ? "criterion" : "criteria"}${q > 0 ? ` and ${q} interview question${q === 1 ? "" : "s"}` : ""} compared, matched by ID and title`];
  const here = notComparable.filter((x) => x.in === "this inspection" && x.reason === "not in the previous inspection").map((x) => x.id);
  const there = notComparable.filter((x) => x.in === "the previous inspection").map((x) => x.id);
  const worded = notComparable.filter((x) => x.in === "this inspection" && x.reason !== "not in the previous inspection").map((x) => x.id);
  if (here.length > 0) parts.push(`${listed(here)} only in this inspection`);
  if (there.length > 0) parts.push(`${listed(there)} only in the previous one`);
  if (worded.length > 0) parts.push(`${listed(worded)} worded differently, so not compared`);
  const when = inspectionDates(previous.start, previous.end);
  const who = previous.service === "" ? "the previous inspection" : `the previous inspection of ${previous.service}`;
  let text = `Compared with ${who} (${when === "not recorded" ? "dates not recorded" : when}): ${parts.join("; ")}.`;
  const now = describeFramework(a.framework);
  if (previous.framework !== "" && foldTitle(previous.framework) !== foldTitle(now)) text += ` The previous inspection used ${previous.framework}; this one uses ${now}.`;
  return text;
}

/** A percentage as the comparison writes it: whole, as reports do. */
const whole = (p: number): string => `${Math.round(p + 1e-9)}%`;

/**
 * Points rounded to one decimal place the same way either side of zero.
 * @example roundPoints(-2.25) // -2.3
 */
export function roundPoints(x: number): number;
export function roundPoints(x: number | null): number | null;
export function roundPoints(x: number | null): number | null {
  return x === null ? null : Math.sign(x) * roundPercent(Math.abs(x))! + 0;
}

/**
 * A figure of the last inspection as a reader sees it.
 * @example previousFigureText({ met: 17, relevant: 19, percent: 89.47 }) // "89% (17 of 19)"
 */
export function previousFigureText(p: { readonly met: number; readonly relevant: number; readonly percent: number | null }): string {
  return `${p.percent === null ? "–" : whole(p.percent)} (${p.met} of ${p.relevant})`;
}

/**
 * The clause a finding's sentence may end with, when the change is worth saying (beyond chance):
 * "up from 58% (11 of 19) at the last inspection". Null otherwise.
 * @example changeClause(figureChange({ met: 19, relevant: 19 }, { met: 11, relevant: 19 })) // "up from 58% (11 of 19) at the last inspection"
 */
export function changeClause(change: FigureChange): string | null {
  if (change.direction !== "improved" && change.direction !== "declined") return null;
  const p = change.previous;
  return `${change.direction === "improved" ? "up" : "down"} from ${whole(p.percent!)} (${p.met} of ${p.relevant}) at the last inspection`;
}

/**
 * A finding's sentence with the change, when it is worth saying: a strength's sentence (which says
 * how often the work was done well) ends with the clause; an improvement's (which says how often
 * it was not) is followed by a sentence of its own, so "up" cannot be read as more cases not done well.
 * @example withChange("Planning was done well in all 19 cases.", change, "strength")
 * // "Planning was done well in all 19 cases, up from 58% (11 of 19) at the last inspection."
 * @example withChange("In 8 out of 19 relevant cases, planning was not done well.", change, "improvement")
 * // "In 8 out of 19 relevant cases, planning was not done well. This is down from 84% (16 of 19) done well at the last inspection."
 */
export function withChange(sentence: string, change: FigureChange | undefined, kind: "strength" | "improvement"): string {
  const clause = change ? changeClause(change) : null;
  if (clause === null) return sentence;
  if (kind === "strength") return `${sentence.replace(/\.\s*$/, "")}, ${clause}.`;
  const p = change!.previous;
  return `${sentence} This is ${change!.direction === "improved" ? "up" : "down"} from ${whole(p.percent!)} (${p.met} of ${p.relevant}) done well at the last inspection.`;
}

/**
 * The marker a reader sees for a change: "Improved", "Declined", "No clear change", with a note
 * when the criteria behind a section or the overall figure differ.
 * @example changeMarker(figureChange({ met: 17, relevant: 19 }, { met: 9, relevant: 19 })) // "Improved"
 */
export function changeMarker(change: FigureChange, sameCriteria = true): string {
  if (change.direction === null) return "Not comparable (no relevant cases)";
  const word = change.direction === "improved" ? "Improved" : change.direction === "declined" ? "Declined" : "No clear change";
  return sameCriteria ? word : `${word} (over different criteria)`;
}
