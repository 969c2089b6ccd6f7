import fc from "fast-check";
import { formatWithInterval, wilsonInterval } from "../../src/core";

describe("the 95% Wilson score interval", () => {
  // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17:857–872. Table II, method 3 (Wilson's score method
  // without continuity correction), its four illustrative examples, to four decimal places.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("matches Newcombe (1998), Table II: %i out of %i is %f to %f", (met, n, low, high) => {
    const i = wilsonInterval(met, n)!;
    expect(i.low / 100).toBeCloseTo(low, 4);
    expect(i.high / 100).toBeCloseTo(high, 4);
  });

  it("is exactly 0 at none and exactly 100 at all, and null when nothing is relevant", () => {
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    expect(wilsonInterval(20, 20)!.high).toBe(100);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("refuses counts that cannot be: fewer than none met, more met than relevant, not whole", () => {
    expect(() => wilsonInterval(-1, 5)).toThrow(/0 <= met <= relevant, got -1 of 5/);
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(2.5, 5)).toThrow(RangeError);
  });

  it("mirrors: the interval of met out of n is 100 minus that of the misses", () => {
    // 1 out of 29 (Newcombe's example d) seen from the other side: 28 out of 29.
    const i = wilsonInterval(28, 29)!;
    expect(i.low / 100).toBeCloseTo(1 - 0.1718, 4);
    expect(i.high / 100).toBeCloseTo(1 - 0.0061, 4);
  });

  it("always holds the percentage and stays within 0–100%", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const met = Math.round(share * n);
        const i = wilsonInterval(met, n)!;
        const p = (100 * met) / n;
        return i.low >= 0 && i.high <= 100 && i.low <= p + 1e-9 && p <= i.high + 1e-9 && i.low < i.high;
      }),
    );
  });

  it("refuses counts that are not counts", () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });

  it("reads as the Summary shows it: 11 out of 19 is 58% (36–77%)", () => {
    expect(formatWithInterval((100 * 11) / 19, wilsonInterval(11, 19))).toBe("58% (36–77%)");
    expect(formatWithInterval(100, wilsonInterval(2, 2))).toBe("100% (34–100%)");
    expect(formatWithInterval(null, null)).toBe("");
  });
});
