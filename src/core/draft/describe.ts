/**
 * A checked statement in words for people, the same in the command line and the task pane: what
 * the draft says and what the workbook has.
 */
import type { DraftStatement } from "./check-draft";

/**
 * What a statement says: the counts it names, with its words and how they were read.
 * @example describeStated(s) // '9 not met of 19 ("9 out of 19", read as exactly 9 of 19 not met)'
 */
export function describeStated(s: DraftStatement): string {
  if (s.tiedBy === "sample") return `${s.stated.relevant} ${noun(s)} ("${s.stated.phrase ?? ""}", read as ${s.means})`;
  const parts: string[] = [];
  if (s.stated.met !== undefined) parts.push(`${s.stated.met} met`);
  if (s.stated.notMet !== undefined) parts.push(`${s.stated.notMet} not met`);
  if (s.stated.relevant !== undefined) parts.push(`of ${s.stated.relevant}`);
  return parts.length > 0 ? `${parts.join(" ")} ("${s.stated.phrase ?? ""}", read as ${s.means})` : `"${s.stated.phrase ?? ""}" (read as ${s.means})`;
}

/**
 * The counts the workbook has for the criterion a statement is tied to.
 * @example describeActual(s) // "11 met and 8 not met of 19 relevant cases"
 */
export function describeActual(s: DraftStatement): string {
  if (!s.actual) return "no counts for it";
  if (s.tiedBy === "sample") return `${s.actual.relevant} ${noun(s)}`;
  const { met, notMet, relevant } = s.actual;
  const who = s.counted === "interviews" ? "interviewees" : "relevant cases";
  return `${met} met and ${notMet} not met of ${relevant} ${who}`;
}

function noun(s: DraftStatement): string {
  return s.counted === "interviews" ? "interviewees" : "cases";
}
