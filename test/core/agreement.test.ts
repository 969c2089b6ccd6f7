import { agreementOf, cohensKappa, kappaMeaning, type JudgementPair } from "../../src/core";

describe("Cohen's kappa", () => {
  it("matches Fleiss, Levin & Paik's worked example (three diagnoses, 100 subjects): kappa .68", () => {
    // Fleiss JL, Levin B, Paik MC (2003). Statistical Methods for Rates and Proportions, 3rd ed.,
    // Wiley. Section 18.1, Table 18.1: diagnoses of 100 subjects by two raters (psychotic,
    // neurotic, organic). Observed agreement .89, chance agreement .66, kappa = .23 / .34 = .68.
    const k = cohensKappa([
      [75, 1, 4],
      [5, 4, 1],
      [0, 0, 10],
    ])!;
    expect(k.n).toBe(100);
    expect(k.observed).toBeCloseTo(0.89, 10);
    expect(k.expected).toBeCloseTo(0.66, 10);
    expect(k.kappa!).toBeCloseTo(0.676, 3);
  });

  it("matches the SAS/STAT User's Guide agreement study (two dermatologists, four grades): kappa 0.3449", () => {
    // SAS Institute, SAS/STAT 9.4 User's Guide, The FREQ Procedure, Getting Started: "Agreement
    // Study" (SkinCondition data, 88 patients rated terrible/poor/marginal/clear by two
    // dermatologists): simple kappa coefficient 0.3449.
    const k = cohensKappa([
      [10, 4, 1, 0],
      [5, 10, 12, 2],
      [2, 4, 12, 5],
      [0, 2, 6, 13],
    ])!;
    expect(k.n).toBe(88);
    expect(k.kappa!).toBeCloseTo(0.3449, 4);
  });

  it("matches the two-reader worked example (50 grant proposals): kappa 0.4", () => {
    // The worked example of the "Cohen's kappa" article of Wikipedia, also the example of the R
    // package fmsb's Kappa.test: both readers yes 20, A yes B no 5, A no B yes 10, both no 15.
    // Observed agreement 0.7, chance agreement 0.5, kappa 0.4.
    const k = cohensKappa([
      [20, 5],
      [10, 15],
    ])!;
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa!).toBeCloseTo(0.4, 10);
  });

  it("has no kappa when chance agreement is certain, and nothing for an empty table", () => {
    expect(cohensKappa([
      [7, 0],
      [0, 0],
    ])).toMatchObject({ observed: 1, expected: 1, kappa: null });
    expect(cohensKappa([
      [0, 0],
      [0, 0],
    ])).toBeNull();
    expect(() => cohensKappa([[1, 2]])).toThrow(RangeError);
  });
});

describe("kappa in Landis & Koch's words", () => {
  // Landis JR, Koch GG (1977). The measurement of observer agreement for categorical data.
  // Biometrics 33:159–174, Table 1: <0.00 poor, 0.00–0.20 slight, 0.21–0.40 fair, 0.41–0.60
  // moderate, 0.61–0.80 substantial, 0.81–1.00 almost perfect.
  it.each([
    [-0.01, "poor agreement"],
    [0, "slight agreement"],
    [0.2, "slight agreement"],
    [0.21, "fair agreement"],
    [0.4, "fair agreement"],
    [0.41, "moderate agreement"],
    [0.6, "moderate agreement"],
    [0.61, "substantial agreement"],
    [0.8, "substantial agreement"],
    [0.81, "almost perfect agreement"],
    [1, "almost perfect agreement"],
  ])("reads %f as %s", (kappa, words) => {
    expect(kappaMeaning(kappa)).toBe(words);
  });

  it("bands kappa as shown, to two decimals", () => {
    expect(kappaMeaning(0.6049)).toBe("moderate agreement");
    expect(kappaMeaning(0.6051)).toBe("substantial agreement");
  });
});

describe("agreement over pairs of judgements", () => {
  const pairs = (n: number, first: JudgementPair["first"], second: JudgementPair["second"]): JudgementPair[] => Array.from({ length: n }, () => ({ first, second }));

  it("gives percentage agreement and kappa over the cases both judged Yes or No", () => {
    // The 50 proposals again, as pairs of judgements.
    const f = agreementOf([...pairs(20, "Yes", "Yes"), ...pairs(5, "Yes", "No"), ...pairs(10, "No", "Yes"), ...pairs(15, "No", "No")]);
    expect(f).toMatchObject({ compared: 50, agreed: 35, percent: 70, yesYes: 20, yesNo: 5, noYes: 10, noNo: 15, meaning: "fair agreement" });
    expect(f.kappa!).toBeCloseTo(0.4, 10);
  });

  it("counts N/A apart: a difference on relevance, or both not applicable, never in the kappa", () => {
    const f = agreementOf([...pairs(3, "Yes", "Yes"), ...pairs(2, "No", "No"), ...pairs(1, "Yes", "N/A"), ...pairs(1, "N/A", "No"), ...pairs(4, "N/A", "N/A")]);
    expect(f).toMatchObject({ compared: 5, agreed: 5, percent: 100, kappa: 1, differOnRelevance: 2, bothNotApplicable: 4, meaning: "almost perfect agreement" });
  });

  it("says when nothing was compared or every judgement was the same", () => {
    expect(agreementOf(pairs(2, "N/A", "N/A"))).toMatchObject({ compared: 0, percent: null, kappa: null, meaning: "no cases compared" });
    expect(agreementOf(pairs(6, "Yes", "Yes"))).toMatchObject({ compared: 6, percent: 100, kappa: null, meaning: "kappa not defined: every judgement was the same" });
  });
});
