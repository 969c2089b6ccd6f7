/**
 * How sure a percentage met can be: the 95% Wilson score interval (Wilson 1927), the interval
 * Newcombe (1998) recommends for a single proportion. Unlike "percent ± 1.96 standard errors" it
 * never leaves 0–100% and stays honest when the count is small or every case went the same way:
 * 2 out of 2 is "100% (34–100%)", not "100% (100–100%)".
 */

/** The 97.5th percentile of the standard normal distribution: z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** An interval of percentages (0–100). */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * The Wilson score interval for `met` out of `relevant`, as percentages; null when nothing is
 * relevant. With p = met / relevant, n = relevant and z = 1.96:
 * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n).
 * @example
 * wilsonInterval(11, 19) // { low: 36.3, high: 76.9 } (to one decimal)
 * wilsonInterval(2, 2)   // { low: 34.2, high: 100 }
 * wilsonInterval(0, 0)   // null
 */
export function wilsonInterval(met: number, relevant: number, z: number = Z_95): Interval | null {
  if (!Number.isInteger(met) || !Number.isInteger(relevant) || met < 0 || met > relevant) {
    throw new RangeError(`wilsonInterval needs whole numbers with 0 <= met <= relevant, got ${met} of ${relevant}`);
  }
  if (relevant === 0) return null;
  const n = relevant;
  const p = met / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  // At 0 and at n the formula gives exactly 0 and 1 in exact arithmetic; say so in floating point.
  const low = met === 0 ? 0 : (centre - spread) / scale;
  const high = met === n ? 1 : (centre + spread) / scale;
  return { low: 100 * low, high: 100 * high };
}

/**
 * A percentage with its interval in whole percentages, as the Summary shows it.
 * @example
 * formatWithInterval(57.89, { low: 36.28, high: 76.86 }) // "58% (36–77%)"
 * formatWithInterval(null, null)                           // ""
 */
export function formatWithInterval(percent: number | null, interval: Interval | null): string {
  if (percent === null || interval === null) return "";
  const whole = (x: number): number => Math.round(x + 1e-9);
  return `${whole(percent)}% (${whole(interval.low)}–${whole(interval.high)}%)`;
}

/**
 * The 95% interval for the difference between two independent proportions, `met1` of `relevant1`
 * less `met2` of `relevant2`, in percentage points: Newcombe's hybrid score interval (Newcombe
 * 1998, "Interval estimation for the difference between independent proportions: comparison of
 * eleven methods", Statistics in Medicine 17:873–890, method 10). It joins the two Wilson score
 * intervals (l1–u1 around p1, l2–u2 around p2) with d = p1 − p2:
 * low = d − √((p1 − l1)² + (u2 − p2)²), high = d + √((u1 − p1)² + (p2 − l2)²).
 * Like the Wilson interval it stays within −100 to 100 and behaves at 0% and 100%. Null when
 * either has nothing relevant.
 * @example
 * newcombeDifference(9, 10, 3, 10)   // { low: 17.05, high: 80.90 } (to two decimals; Newcombe's example b)
 * newcombeDifference(11, 19, 12, 19) // { low: -35.7, high: 25.6 } (about): no clear change
 * newcombeDifference(1, 0, 0, 0)     // RangeError (more met than relevant)
 */
export function newcombeDifference(met1: number, relevant1: number, met2: number, relevant2: number, z: number = Z_95): Interval | null {
  const first = wilsonInterval(met1, relevant1, z);
  const second = wilsonInterval(met2, relevant2, z);
  if (first === null || second === null) return null;
  const p1 = (100 * met1) / relevant1;
  const p2 = (100 * met2) / relevant2;
  const d = p1 - p2;
  const low = d - Math.hypot(p1 - first.low, second.high - p2);
  const high = d + Math.hypot(first.high - p1, p2 - second.low);
  return { low: Math.max(-100, low), high: Math.min(100, high) };
}
