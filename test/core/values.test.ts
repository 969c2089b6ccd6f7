/**
 * How a typed value is read: the same way as the Summary's live formulas read it
 * (TRIM(CLEAN(SUBSTITUTE(…))) in src/core/layout/formulas.ts), so both count the same cells.
 */
import { readJudgement, readSentence, readYesNo } from "../../src/core/values";

describe("values padded as pasted from a web page or Word", () => {
  test("non-breaking spaces, tabs and line breaks read as spaces (a warning: not the canonical form)", () => {
    expect(readJudgement("\u00a0Yes\u00a0")).toEqual({ kind: "value", value: "Yes", canonical: false, text: "\u00a0Yes\u00a0" });
    expect(readJudgement("\tn\r\n")).toMatchObject({ kind: "value", value: "No", canonical: false });
    expect(readJudgement("not\u00a0\u00a0applicable")).toMatchObject({ kind: "value", value: "N/A" });
    expect(readSentence("Community\u00a0")).toMatchObject({ kind: "value", value: "Community" });
    expect(readYesNo("\u00a0No")).toMatchObject({ kind: "value", value: "No" });
  });

  test("other control characters are dropped, as CLEAN drops them; other Unicode spaces are not spaces, as TRIM keeps them", () => {
    expect(readJudgement("Y\u0007es")).toMatchObject({ kind: "value", value: "Yes" });
    expect(readJudgement("Yes\u2003")).toEqual({ kind: "invalid", text: "Yes\u2003" });
    expect(readJudgement("Y es")).toEqual({ kind: "invalid", text: "Y es" });
  });
});
