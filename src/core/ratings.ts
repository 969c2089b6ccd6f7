/**
 * Ratings: the HMI Probation bands a percentage falls in, the score each band is worth when
 * standards' scores are summed, and the bands of an overall score. Written as the inspectorate
 * writes them: "Outstanding 80% or more, Good 65–79%, Requires improvement 50–64%, Inadequate
 * under 50%"; "each standard scores 0–3"; "0–6 Inadequate, 7–18 Requires improvement, 19–30
 * Good, 31–36 Outstanding".
 */
import { cellText, isBlank, isCellError, type CellValue } from "./grid";

export type Rating = "Outstanding" | "Good" | "Requires improvement" | "Inadequate";

/** The ratings from lowest to highest: a rating's score is its place here (Inadequate 0 … Outstanding 3). */
export const RATINGS: readonly Rating[] = ["Inadequate", "Requires improvement", "Good", "Outstanding"];

/** The HMI Probation (2018) bands of a percentage: the lowest percentage of each rating. */
export const PERCENT_BANDS: readonly { readonly rating: Rating; readonly from: number }[] = [
  { rating: "Outstanding", from: 80 },
  { rating: "Good", from: 65 },
  { rating: "Requires improvement", from: 50 },
  { rating: "Inadequate", from: 0 },
];

/**
 * The rating a percentage earns under the HMI Probation bands.
 * @example ratingOfPercent(64.9) // "Requires improvement"
 */
export function ratingOfPercent(percent: number): Rating {
  for (const b of PERCENT_BANDS) if (percent >= b.from - 1e-9) return b.rating;
  return "Inadequate";
}

/**
 * What a rating scores when standards' scores are summed: Outstanding 3, Good 2, Requires
 * improvement 1, Inadequate 0.
 * @example ratingScore("Good") // 2
 */
export function ratingScore(rating: Rating): number {
  return RATINGS.indexOf(rating);
}

/** One band of an overall score: `from`–`to` inclusive. */
export interface ScoreBand {
  readonly rating: Rating;
  readonly from: number;
  readonly to: number;
}

/** The overall bands of HMI Probation's youth inspections (twelve standards, 36 at most). */
export const HMIP_YOUTH_SCORE_BANDS: readonly ScoreBand[] = [
  { rating: "Inadequate", from: 0, to: 6 },
  { rating: "Requires improvement", from: 7, to: 18 },
  { rating: "Good", from: 19, to: 30 },
  { rating: "Outstanding", from: 31, to: 36 },
];

/**
 * The band a score falls in, or null when no band holds it.
 * @example ratingOfScore(25, HMIP_YOUTH_SCORE_BANDS) // "Good"
 */
export function ratingOfScore(score: number, bands: readonly ScoreBand[]): Rating | null {
  return bands.find((b) => score >= b.from && score <= b.to)?.rating ?? null;
}

/**
 * Score bands as a person writes them: "0–6 Inadequate, 7–18 Requires improvement, …".
 * @example describeScoreBands(HMIP_YOUTH_SCORE_BANDS) // "0–6 Inadequate, 7–18 Requires improvement, 19–30 Good, 31–36 Outstanding"
 */
export function describeScoreBands(bands: readonly ScoreBand[]): string {
  return bands.map((b) => `${b.from}–${b.to} ${b.rating}`).join(", ");
}

/** A rating read from a cell: the rating, blank, or the text that is not one. */
export type ReadRating =
  | { readonly kind: "blank" }
  | { readonly kind: "rating"; readonly rating: Rating }
  | { readonly kind: "invalid"; readonly text: string };

const fold = (text: string): string => text.replace(/[\s_-]+/g, " ").trim().toLowerCase();

/**
 * Reads a rating typed in a cell, in any case and spacing ("good", "Requires  improvement", "RI").
 * @example readRating(" requires improvement ") // { kind: "rating", rating: "Requires improvement" }
 */
export function readRating(value: CellValue): ReadRating {
  if (isCellError(value)) return { kind: "invalid", text: value.error };
  if (isBlank(value)) return { kind: "blank" };
  const text = cellText(value).trim();
  const folded = fold(text);
  const rating = RATINGS.find((r) => fold(r) === folded) ?? (folded === "ri" ? "Requires improvement" : undefined);
  return rating ? { kind: "rating", rating } : { kind: "invalid", text };
}

/**
 * Reads overall score bands written as "0–6 Inadequate, 7–18 Requires improvement, 19–30 Good,
 * 31–36 Outstanding" (commas or semicolons between bands, any dash). The bands must be ratings
 * of the scheme, in order from 0 without gaps or overlaps.
 * @example parseScoreBands("0-6 Inadequate; 7-18 Requires improvement; 19-30 Good; 31-36 Outstanding").bands?.length // 4
 */
export function parseScoreBands(text: string): { readonly bands: readonly ScoreBand[] } | { readonly problem: string } {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return { problem: "no bands are given" };
  const bands: ScoreBand[] = [];
  for (const part of parts) {
    const m = /^(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*[:=]?\s*(.+)$/i.exec(part);
    if (!m) return { problem: `"${part}" is not a band such as 19–30 Good` };
    const read = readRating(m[3]!);
    if (read.kind !== "rating") return { problem: `"${m[3]!.trim()}" is not a rating (Outstanding, Good, Requires improvement or Inadequate)` };
    bands.push({ rating: read.rating, from: Number(m[1]), to: Number(m[2]) });
  }
  bands.sort((a, b) => a.from - b.from);
  if (bands[0]!.from !== 0) return { problem: "the lowest band must start at 0" };
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.to < b.from) return { problem: `the band ${b.from}–${b.to} ends before it starts` };
    const next = bands[i + 1];
    if (next && next.from !== b.to + 1) return { problem: `the bands ${b.from}–${b.to} and ${next.from}–${next.to} do not meet` };
    if (next && ratingScore(next.rating) <= ratingScore(b.rating)) return { problem: `${next.rating} is below ${b.rating}, so it cannot be the higher band` };
  }
  return { bands };
}
