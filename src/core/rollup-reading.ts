/**
 * A roll-up's reading and percentages in words — its own module, so the task pane can show a
 * roll-up without loading the aggregation (src/core/rollup.ts) at start.
 */
import { roundPercent } from "./statistics";
import type { RollupBandSettings, RollupReading } from "./rollup";

/**
 * A reading in words, for the sheets and the command line.
 * @example readingText({ pattern: "weak-everywhere", outliers: [] }, DEFAULT_SETTINGS) // "Weak everywhere: every service at or below 65%"
 */
export function readingText(r: RollupReading, bands: Pick<RollupBandSettings, "strengthThreshold" | "improvementThreshold">): string {
  switch (r.pattern) {
    case "weak-everywhere":
      return `Weak everywhere: every service at or below ${bands.improvementThreshold}%`;
    case "strong-everywhere":
      return `Strong everywhere: every service at or above ${bands.strengthThreshold}%`;
    case "outliers":
      return `Stands apart: ${r.outliers.map((o) => `${o.service} ${o.direction === "low" ? "low" : "high"} (${percentText(o.percent)}; the others ${percentText(o.othersPercent)})`).join("; ")}`;
    case "mixed":
      return "–";
    case "too-few-services":
      return "Judged in fewer than three services";
    case "not-judged":
      return "No relevant cases in any service";
  }
}

/**
 * A percentage to one decimal place, as text.
 * @example percentText(57.894) // "57.9%"
 */
export function percentText(p: number): string {
  return `${roundPercent(p)!.toFixed(1)}%`;
}
