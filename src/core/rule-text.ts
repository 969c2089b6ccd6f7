/**
 * A few words saying which rule made a figure, for every place a figure is shown (the command
 * line, the pane, the Summary): "lowest criterion: 2.1.3", "rated by hand", "score sum: 25 of 36".
 * A pooled figure says nothing more: a total is pooled by nature.
 */
import type { OverallStats, SectionStats } from "./statistics";

/**
 * How a section's figure was made, or "" when it was pooled and counts in the overall.
 * @example sectionRuleNote({ rule: "lowest", decidedBy: "2.1.3", counted: true, ... }) // "lowest criterion: 2.1.3"
 */
export function sectionRuleNote(s: Pick<SectionStats, "rule" | "decidedBy" | "counted" | "rating">): string {
  const parts: string[] = [];
  if (s.rule === "lowest") parts.push(s.decidedBy ? `lowest criterion: ${s.decidedBy}` : "lowest criterion: none judged yet");
  if (s.rule === "by-hand") parts.push(s.rating ? "rated by hand" : "rated by hand: not yet rated");
  if (!s.counted) parts.push("not counted in the overall");
  return parts.join("; ");
}

/**
 * How the overall rating was made, or "" when it is the pooled percentage's.
 * @example overallRuleNote({ rule: "score-sum", score: 25, maxScore: 36, unrated: [] }) // "score sum: 25 of 36"
 */
export function overallRuleNote(o: Pick<OverallStats, "rule" | "score" | "maxScore" | "unrated">): string {
  if (o.rule !== "score-sum") return "";
  const pending = o.unrated.length === 0 ? "" : `; not yet rated: ${o.unrated.join(", ")}`;
  return `score sum: ${o.score ?? 0} of ${o.maxScore ?? 0}${pending}`;
}
