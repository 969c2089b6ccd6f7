/**
 * One rule for a score's band and its colour: the rating scheme's bands when one is set, the
 * strength and improvement thresholds otherwise. The Summary writes the rule twice from this one
 * table — as a live formula giving the band's words, and as conditional formats colouring the
 * percentage and band cells — so a recalculated score shows the right words in the right colour,
 * exactly as the engine would band it (`bandOf`, `ratingOfPercent` over `PERCENT_BANDS`).
 */
import type { Settings } from "../settings";
import { PERCENT_BANDS, type Rating } from "../ratings";
import { THRESHOLD_TOLERANCE, type Band, type CriterionStats } from "../statistics";
import type { CellStyle } from "./model";

/** A band: its words, its colours (none for the middle band), and when a score is in it. */
export interface BandRule {
  readonly label: string;
  readonly style: Pick<CellStyle, "fill" | "colour"> | null;
  /** The condition on a percentage expression (0–100) that puts a score in this band, tested in order. */
  readonly test: (percent: string) => string;
}

const GREEN: Pick<CellStyle, "fill" | "colour"> = { fill: "C6EFCE", colour: "006100" };
const LIGHT_GREEN: Pick<CellStyle, "fill" | "colour"> = { fill: "E2EFDA", colour: "375623" };
const AMBER: Pick<CellStyle, "fill" | "colour"> = { fill: "FFEB9C", colour: "9C5700" };
const RED: Pick<CellStyle, "fill" | "colour"> = { fill: "FFC7CE", colour: "9C0006" };

const RATING_STYLE: Readonly<Record<Rating, Pick<CellStyle, "fill" | "colour">>> = {
  Outstanding: GREEN,
  Good: LIGHT_GREEN,
  "Requires improvement": AMBER,
  Inadequate: RED,
};

/** Words for a score with nothing to band. */
export const NO_RELEVANT_CASES = "No relevant cases";
/** Words for a score on fewer relevant cases than the Settings' minimum. */
export const TOO_FEW_TO_RATE = "Too few cases to rate";

/** What the band rule reads from the settings. */
export type BandSettings = Pick<Settings, "ratingScheme" | "strengthThreshold" | "improvementThreshold" | "minRelevant">;

/**
 * The band or rating words the engine gives a score: its rating under a scheme, else its band;
 * no relevant cases, or too few to rate.
 * @example bandText({ relevant: 19, tooFew: false, band: "improvement", rating: null }) // "Improvement needed"
 */
export function bandText(s: Pick<CriterionStats, "relevant" | "tooFew" | "band" | "rating">): string {
  if (s.relevant === 0) return NO_RELEVANT_CASES;
  if (s.tooFew) return TOO_FEW_TO_RATE;
  return s.rating ?? bandLabel(s.band);
}

/**
 * Band words as a reader sees them.
 * @example bandLabel("improvement") // "Improvement needed"
 */
export function bandLabel(band: Band | null): string {
  return band === "strength" ? "Strength" : band === "improvement" ? "Improvement needed" : band === "middle" ? "–" : NO_RELEVANT_CASES;
}

/** A number as a formula constant. */
const constant = (n: number): string => String(n);
/** The engine's tolerance at a threshold, as a formula constant ("1E-9"). */
const tolerance = THRESHOLD_TOLERANCE.toExponential().toUpperCase();

/**
 * The bands in the order they are tested: the scheme's ratings, or strength, improvement, middle.
 * @example bandRules(DEFAULT_SETTINGS).map((r) => r.label) // ["Strength", "Improvement needed", "–"]
 */
export function bandRules(settings: Omit<BandSettings, "minRelevant">): BandRule[] {
  if (settings.ratingScheme !== "none") {
    // As ratingOfPercent reads the bands: a score within a hair of a band's floor is in it.
    return PERCENT_BANDS.map((b, i) => ({
      label: b.rating,
      style: RATING_STYLE[b.rating],
      test: i === PERCENT_BANDS.length - 1 ? () => "TRUE" : (p: string) => `${p}>=${constant(b.from)}-${tolerance}`,
    }));
  }
  return [
    { label: bandLabel("strength"), style: GREEN, test: (p) => `${p}>=${constant(settings.strengthThreshold)}-${tolerance}` },
    { label: bandLabel("improvement"), style: RED, test: (p) => `${p}<=${constant(settings.improvementThreshold)}+${tolerance}` },
    { label: bandLabel("middle"), style: null, test: () => "TRUE" },
  ];
}

/** The percentage as the engine computes it, 100 × met / relevant, from two cells. */
function percentOf(relevant: string, met: string): string {
  return `100*${met}/${relevant}`;
}

/**
 * The live formula for a score's band words, from its relevant and met cells.
 * @example bandFormula("C9", "D9", DEFAULT_SETTINGS) // 'IF(C9=0,"No relevant cases",IF(100*D9/C9>=80-1E-9,"Strength",…))'
 */
export function bandFormula(relevant: string, met: string, settings: BandSettings): string {
  const rules = bandRules(settings);
  const p = percentOf(relevant, met);
  let formula = `"${rules[rules.length - 1]!.label}"`;
  for (let i = rules.length - 2; i >= 0; i--) formula = `IF(${rules[i]!.test(p)},"${rules[i]!.label}",${formula})`;
  if (settings.minRelevant !== null) formula = `IF(${relevant}<${constant(settings.minRelevant)},"${TOO_FEW_TO_RATE}",${formula})`;
  return `IF(${relevant}=0,"${NO_RELEVANT_CASES}",${formula})`;
}

/**
 * Conditional-format conditions, one per coloured band, each true for exactly the scores in its
 * band (and none when nothing is relevant), written for cells in the row of `relevant` / `met`.
 * @example bandColourConditions("$C9", "$D9", DEFAULT_SETTINGS)[0].formula // "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=80-1E-9)"
 */
export function bandColourConditions(relevant: string, met: string, settings: BandSettings): { formula: string; style: Pick<CellStyle, "fill" | "colour"> }[] {
  const rules = bandRules(settings);
  const p = percentOf(relevant, met);
  const out: { formula: string; style: Pick<CellStyle, "fill" | "colour"> }[] = [];
  // A blank count (a section rated by hand) is text, which compares greater than any number.
  const rated = `ISNUMBER(${relevant}),${settings.minRelevant !== null && settings.minRelevant > 1 ? `${relevant}>=${constant(settings.minRelevant)}` : `${relevant}>0`}`;
  rules.forEach((rule, i) => {
    if (!rule.style) return;
    const earlier = rules.slice(0, i).map((r) => r.test(p));
    const terms = [rated, ...(rule.test(p) === "TRUE" ? [] : [rule.test(p)]), ...(earlier.length > 0 ? [`NOT(OR(${earlier.join(",")}))`] : [])];
    out.push({ formula: `AND(${terms.join(",")})`, style: rule.style });
  });
  return out;
}
