/**
 * How far two markers agree: the share of cases they judged the same, and Cohen's kappa (Cohen
 * 1960), which discounts the agreement two markers would reach by chance given how often each says
 * Yes. Kappa is read in the words of Landis & Koch (1977): "substantial agreement" and so on.
 *
 * Which judgements are compared: the cases both markers judged Yes or No on a criterion (the
 * judgements the percentages count). A case one marker found not applicable (N/A) and the other
 * judged Yes or No is not in the kappa: it is counted apart, as a difference on relevance, and
 * goes to the moderation list like any other difference. Cases both found not applicable are
 * counted apart too (their agreement says nothing about the quality of a judgement). A blank on
 * either side, or a cell with an error, is not compared.
 */
import type { Judgement } from "./values";

/** Observed and chance agreement over a square table of counts, and kappa. */
export interface KappaResult {
  /** How many things both raters classified (the table's total). */
  readonly n: number;
  /** The share classified the same (0–1). */
  readonly observed: number;
  /** The share expected the same by chance, from each rater's own shares (0–1). */
  readonly expected: number;
  /** (observed − expected) / (1 − expected); null when chance agreement is certain (1). */
  readonly kappa: number | null;
}

/**
 * Cohen's kappa for a square table of counts: `table[i][j]` things the first rater put in
 * category i and the second in category j. Null for an empty table. Kappa itself is null when
 * chance agreement is 1 (both raters put everything in one and the same category: then kappa is
 * 0 / 0 and says nothing).
 * @example
 * // Two readers, 50 proposals: both yes 20, first yes second no 5, first no second yes 10, both no 15.
 * cohensKappa([[20, 5], [10, 15]]) // { n: 50, observed: 0.7, expected: 0.5, kappa: 0.4 }
 */
export function cohensKappa(table: readonly (readonly number[])[]): KappaResult | null {
  const k = table.length;
  if (table.some((row) => row.length !== k || row.some((x) => !Number.isFinite(x) || x < 0))) {
    throw new RangeError("cohensKappa needs a square table of counts");
  }
  let n = 0;
  let same = 0;
  for (let i = 0; i < k; i++) {
    same += table[i]![i]!;
    for (let j = 0; j < k; j++) n += table[i]![j]!;
  }
  if (n === 0) return null;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    let firstSaid = 0;
    let secondSaid = 0;
    for (let j = 0; j < k; j++) {
      firstSaid += table[i]![j]!;
      secondSaid += table[j]![i]!;
    }
    chance += (firstSaid / n) * (secondSaid / n);
  }
  const observed = same / n;
  const expected = chance;
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa };
}

/**
 * Landis & Koch (1977), Table 1, each band's words and where it ends: their bands are of kappa to
 * two decimals (0.21–0.40 fair), so each ends half-way to the next hundredth.
 */
const LANDIS_KOCH: readonly (readonly [upTo: number, words: string])[] = [
  [-0.005, "poor agreement"],
  [0.205, "slight agreement"],
  [0.405, "fair agreement"],
  [0.605, "moderate agreement"],
  [0.805, "substantial agreement"],
  [Infinity, "almost perfect agreement"],
];

/**
 * What a kappa means, in the words of Landis & Koch (1977): below 0 poor, 0–0.20 slight,
 * 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect agreement.
 * The band is that of kappa as shown, to two decimal places.
 * @example
 * kappaMeaning(0.65) // "substantial agreement"
 * kappaMeaning(0.4)  // "fair agreement"
 * kappaMeaning(null) // "kappa not defined: every judgement was the same"
 */
export function kappaMeaning(kappa: number | null): string {
  if (kappa === null) return "kappa not defined: every judgement was the same";
  // As shown: toFixed(2), as the Moderation sheet writes it (0.605 is stored as 0.60499… and shows 0.60).
  const shown = Number(kappa.toFixed(2));
  return LANDIS_KOCH.find(([upTo]) => shown < upTo)![1];
}

/** One case compared: the first marker's judgement and the second marker's. */
export interface JudgementPair {
  readonly first: Judgement;
  readonly second: Judgement;
}

/** Agreement between two markers over a set of compared judgements. */
export interface AgreementFigures {
  /** Cases both judged Yes or No: what the percentage and kappa are over. */
  readonly compared: number;
  readonly agreed: number;
  /** 100 × agreed / compared; null when nothing was compared. */
  readonly percent: number | null;
  readonly kappa: number | null;
  /** Landis & Koch's words for the kappa, or why there is none. */
  readonly meaning: string;
  /** The 2 × 2 table: first marker's answer, then the second's. */
  readonly yesYes: number;
  readonly yesNo: number;
  readonly noYes: number;
  readonly noNo: number;
  /** One marker found the criterion not applicable (N/A), the other judged it Yes or No. */
  readonly differOnRelevance: number;
  /** Both found it not applicable. */
  readonly bothNotApplicable: number;
}

/**
 * Percentage agreement and kappa over pairs of judgements, as the module comment says.
 * @example
 * const f = agreementOf([{ first: "Yes", second: "Yes" }, { first: "No", second: "No" }, { first: "Yes", second: "N/A" }]);
 * f.compared // 2; f.percent // 100; f.kappa // 1; f.differOnRelevance // 1
 */
export function agreementOf(pairs: Iterable<JudgementPair>): AgreementFigures {
  let yesYes = 0;
  let yesNo = 0;
  let noYes = 0;
  let noNo = 0;
  let differOnRelevance = 0;
  let bothNotApplicable = 0;
  for (const { first, second } of pairs) {
    if (first === "N/A" || second === "N/A") {
      if (first === second) bothNotApplicable++;
      else differOnRelevance++;
    } else if (first === "Yes") {
      if (second === "Yes") yesYes++;
      else yesNo++;
    } else if (second === "Yes") noYes++;
    else noNo++;
  }
  const compared = yesYes + yesNo + noYes + noNo;
  const agreed = yesYes + noNo;
  const k = cohensKappa([
    [yesYes, yesNo],
    [noYes, noNo],
  ]);
  const kappa = k?.kappa ?? null;
  return {
    compared,
    agreed,
    percent: compared === 0 ? null : (100 * agreed) / compared,
    kappa,
    meaning: compared === 0 ? "no cases compared" : kappaMeaning(kappa),
    yesYes,
    yesNo,
    noYes,
    noNo,
    differOnRelevance,
    bothNotApplicable,
  };
}
