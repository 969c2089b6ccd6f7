import { cohensKappa, kappaMeaning } from "../../src/core";

describe("Cohen's kappa refuses what is not a square table of counts", () => {
  it.each([
    ["a short row after a full one", [[1, 2], [3]]],
    ["one negative count among counts", [[1, -1], [0, 1]]],
    ["a count that is not a number", [[1, Number.NaN], [0, 1]]],
    ["an infinite count", [[1, 0], [Number.POSITIVE_INFINITY, 1]]],
  ])("%s", (_what, table) => {
    expect(() => cohensKappa(table)).toThrow(new RangeError("cohensKappa needs a square table of counts"));
  });
});

describe("kappa's words at the end of a band", () => {
  // Landis & Koch's bands are of kappa to two decimals, and the words are those of kappa as the
  // Moderation sheet shows it (toFixed(2)): 0.405 and 0.805 show as 0.41 and 0.81, the next band
  // up; 0.605, 0.205 and -0.005 are stored just below or above those decimals and show as 0.60,
  // 0.20 and -0.01, so they read as the band of what is shown, not of the decimal typed here.
  it.each([
    [0.405, "0.41", "moderate agreement"],
    [0.805, "0.81", "almost perfect agreement"],
    [0.605, "0.60", "moderate agreement"],
    [0.205, "0.20", "slight agreement"],
    [-0.005, "-0.01", "poor agreement"],
  ])("reads %f, shown as %s, as %s", (kappa, shown, words) => {
    expect(kappa.toFixed(2)).toBe(shown);
    expect(kappaMeaning(kappa)).toBe(words);
  });
});
