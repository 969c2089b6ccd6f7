/**
 * A roll-up row's reading in words (src/core/rollup-reading.ts), as the Criteria sheet and
 * `rollup --json`'s `reading.text` show it. Expected texts are written out by hand from the README's
 * roll-up section and docs/json.md, with the thresholds each test gives.
 */
import { percentText, readingText } from "../../src/core";

const bands = { strengthThreshold: 80, improvementThreshold: 65 };

describe("readingText", () => {
  test("weak everywhere names the improvement threshold it was read against", () => {
    expect(readingText({ pattern: "weak-everywhere", outliers: [] }, bands)).toBe("Weak everywhere: every service at or below 65%");
    expect(readingText({ pattern: "weak-everywhere", outliers: [] }, { strengthThreshold: 90, improvementThreshold: 55 })).toBe("Weak everywhere: every service at or below 55%");
  });

  test("strong everywhere names the strength threshold", () => {
    expect(readingText({ pattern: "strong-everywhere", outliers: [] }, bands)).toBe("Strong everywhere: every service at or above 80%");
  });

  test("stands apart: each service, low or high, its percentage and the others' to one decimal place", () => {
    const r = readingText(
      {
        pattern: "outliers",
        outliers: [
          { service: "North YOS", direction: "low", percent: 10, othersPercent: 90 },
          { service: "South YOS", direction: "high", percent: 57.894, othersPercent: 100 / 3 },
        ],
      },
      bands,
    );
    expect(r).toBe("Stands apart: North YOS low (10.0%; the others 90.0%); South YOS high (57.9%; the others 33.3%)");
  });

  test("mixed is a dash; fewer than three services and nothing relevant are said in words", () => {
    expect(readingText({ pattern: "mixed", outliers: [] }, bands)).toBe("–");
    expect(readingText({ pattern: "too-few-services", outliers: [] }, bands)).toBe("Judged in fewer than three services");
    expect(readingText({ pattern: "not-judged", outliers: [] }, bands)).toBe("No relevant cases in any service");
  });
});

describe("percentText", () => {
  test("one decimal place, always shown, with a per cent sign", () => {
    expect(percentText(57.894)).toBe("57.9%");
    expect(percentText(10)).toBe("10.0%");
    expect(percentText(0)).toBe("0.0%");
    // 2 of 3 = 66.666…%
    expect(percentText(200 / 3)).toBe("66.7%");
  });
});
