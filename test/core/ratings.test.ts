import {
  describeScoreBands,
  HMIP_YOUTH_SCORE_BANDS,
  parseScoreBands,
  ratingOfPercent,
  ratingOfScore,
  ratingScore,
  readRating,
} from "../../src/core/ratings";

// The inspectorate's words: "Outstanding 80% or more, Good 65–79%, Requires improvement 50–64%,
// Inadequate under 50%"; "each standard scores 0–3"; "0–6 Inadequate, 7–18 Requires improvement,
// 19–30 Good, 31–36 Outstanding".
describe("ratingOfPercent: the HMI Probation bands", () => {
  it.each([
    [100, "Outstanding"],
    [80, "Outstanding"],
    [79.9, "Good"],
    [65, "Good"],
    [64.9, "Requires improvement"],
    [50, "Requires improvement"],
    [49.9, "Inadequate"],
    [0, "Inadequate"],
    [-5, "Inadequate"], // not a percentage the engine makes, but never "no rating"
  ])("%d%% is %s", (percent, rating) => {
    expect(ratingOfPercent(percent)).toBe(rating);
  });
});

describe("ratingScore: what a rating is worth in a score sum", () => {
  it("scores Inadequate 0, Requires improvement 1, Good 2, Outstanding 3", () => {
    expect(ratingScore("Inadequate")).toBe(0);
    expect(ratingScore("Requires improvement")).toBe(1);
    expect(ratingScore("Good")).toBe(2);
    expect(ratingScore("Outstanding")).toBe(3);
  });
});

describe("ratingOfScore: the band an overall score falls in", () => {
  it.each([
    [0, "Inadequate"],
    [6, "Inadequate"],
    [7, "Requires improvement"],
    [18, "Requires improvement"],
    [19, "Good"],
    [25, "Good"],
    [30, "Good"],
    [31, "Outstanding"],
    [36, "Outstanding"],
  ])("%i of 36 is %s", (score, rating) => {
    expect(ratingOfScore(score, HMIP_YOUTH_SCORE_BANDS)).toBe(rating);
  });

  it("gives no rating to a score outside every band", () => {
    expect(ratingOfScore(37, HMIP_YOUTH_SCORE_BANDS)).toBeNull();
    expect(ratingOfScore(-1, HMIP_YOUTH_SCORE_BANDS)).toBeNull();
    expect(ratingOfScore(3, [])).toBeNull();
  });

  it("writes the bands as a person does", () => {
    expect(describeScoreBands(HMIP_YOUTH_SCORE_BANDS)).toBe(
      "0–6 Inadequate, 7–18 Requires improvement, 19–30 Good, 31–36 Outstanding",
    );
  });
});

describe("readRating: a rating typed in a cell", () => {
  it.each([
    ["Good", "Good"],
    ["good", "Good"],
    ["  OUTSTANDING ", "Outstanding"],
    ["Requires  improvement", "Requires improvement"],
    ["requires-improvement", "Requires improvement"],
    ["Requires_Improvement", "Requires improvement"],
    ["RI", "Requires improvement"],
    ["ri", "Requires improvement"],
    ["inadequate", "Inadequate"],
  ])("reads %j as %s", (typed, rating) => {
    expect(readRating(typed)).toEqual({ kind: "rating", rating });
  });

  it("reads an empty cell as blank", () => {
    expect(readRating(null)).toEqual({ kind: "blank" });
    expect(readRating("   ")).toEqual({ kind: "blank" });
  });

  it("gives back, trimmed, the text that is not a rating", () => {
    expect(readRating(" Very good ")).toEqual({
      kind: "invalid",
      text: "Very good",
    });
    expect(readRating("R I")).toEqual({ kind: "invalid", text: "R I" });
    expect(readRating("Goodish")).toEqual({ kind: "invalid", text: "Goodish" });
    expect(readRating(3)).toEqual({ kind: "invalid", text: "3" });
    expect(readRating({ error: "#N/A" })).toEqual({
      kind: "invalid",
      text: "#N/A",
    });
  });
});

describe("parseScoreBands: overall bands written in the Criteria sheet", () => {
  const youth = [
    { rating: "Inadequate", from: 0, to: 6 },
    { rating: "Requires improvement", from: 7, to: 18 },
    { rating: "Good", from: 19, to: 30 },
    { rating: "Outstanding", from: 31, to: 36 },
  ];

  it("reads bands with commas, semicolons or new lines between, any dash or 'to', and a colon or = before the rating", () => {
    expect(
      parseScoreBands(
        "0–6 Inadequate, 7–18 Requires improvement, 19–30 Good, 31–36 Outstanding",
      ),
    ).toEqual({ bands: youth });
    expect(
      parseScoreBands(
        "0-6 Inadequate; 7-18 Requires improvement; 19-30 Good; 31-36 Outstanding",
      ),
    ).toEqual({ bands: youth });
    expect(
      parseScoreBands(
        "0 — 6: inadequate\n7 to 18 = RI\n19 TO 30 good;;\n 31-36 outstanding ,",
      ),
    ).toEqual({ bands: youth });
  });

  it("reads a band with no space after its colon", () => {
    expect(parseScoreBands("0–6:Inadequate, 7–9:Good")).toEqual({
      bands: [
        { rating: "Inadequate", from: 0, to: 6 },
        { rating: "Good", from: 7, to: 9 },
      ],
    });
  });

  it("puts bands written out of order in order", () => {
    expect(
      parseScoreBands(
        "19–30 Good, 0–6 Inadequate, 31–36 Outstanding, 7–18 Requires improvement",
      ),
    ).toEqual({ bands: youth });
  });

  it("takes fewer bands, if they rise", () => {
    expect(parseScoreBands("0-3 Inadequate, 4-6 Good")).toEqual({
      bands: [
        { rating: "Inadequate", from: 0, to: 3 },
        { rating: "Good", from: 4, to: 6 },
      ],
    });
    expect(parseScoreBands("0-0 Good")).toEqual({
      bands: [{ rating: "Good", from: 0, to: 0 }],
    });
  });

  it.each([
    ["", "no bands are given"],
    [" , ; ", "no bands are given"],
    [
      "0–6 Inadequate, 7 Requires improvement",
      '"7 Requires improvement" is not a band such as 19–30 Good',
    ],
    [
      "about 0–6 Inadequate",
      '"about 0–6 Inadequate" is not a band such as 19–30 Good',
    ],
    [
      "0–6 Inadequate, 7–18 Fair",
      '"Fair" is not a rating (Outstanding, Good, Requires improvement or Inadequate)',
    ],
    ["1–6 Inadequate, 7–18 Good", "the lowest band must start at 0"],
    ["0–6 Inadequate, 7–5 Good", "the band 7–5 ends before it starts"],
    ["0–6 Inadequate, 8–18 Good", "the bands 0–6 and 8–18 do not meet"],
    ["0–6 Inadequate, 6–18 Good", "the bands 0–6 and 6–18 do not meet"],
    [
      "0–6 Good, 7–18 Inadequate",
      "Inadequate is below Good, so it cannot be the higher band",
    ],
    [
      "0–6 Good, 7–18 Good",
      "Good is below Good, so it cannot be the higher band",
    ],
  ])("refuses %j: %s", (text, problem) => {
    expect(parseScoreBands(text)).toEqual({ problem });
  });
});
