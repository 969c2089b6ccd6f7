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
