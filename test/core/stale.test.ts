/**
 * The pieces that keep generated text from going stale unseen: text shown only while its counts
 * hold, long text split into Excel's string constants, and the judgement fingerprint behind the
 * banner (its formula is proved equal to it in LibreOffice by test/xlsx/summary-recalc.test.ts).
 */
import { bannerFormula, dataReference, judgementFingerprint, judgementsKept, stringExpression, textWhileUnchanged, typedJudgementsFingerprint, typedJudgementsFormula, type Grid } from "../../src/core";

describe("textWhileUnchanged", () => {
  it("shows the text while every kept cell holds its count, the stale words otherwise", () => {
    expect(textWhileUnchanged("all eight cases", [{ cell: "D9", value: 8 }, { cell: "E9", value: 0 }], "Out of date")).toBe(
      'IF(AND(D9=8,E9=0),"all eight cases","Out of date")',
    );
    expect(textWhileUnchanged("one", [{ cell: "D9", value: 1 }], "x")).toBe('IF(D9=1,"one","x")');
    expect(textWhileUnchanged('say "so"', [], "x")).toBe('"say ""so"""');
  });
});

describe("stringExpression", () => {
  it("splits text longer than Excel's 255-character constants, joined with &", () => {
    const text = `${"a".repeat(255)}${"b".repeat(255)}"c`;
    const expression = stringExpression(text);
    const parts = expression.split("&");
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p.slice(1, -1).replace(/""/g, '"').length).toBeLessThanOrEqual(255);
    expect(parts[2]).toBe('"""c"');
  });
});

describe("the judgement fingerprint", () => {
  const grid: Grid = {
    sheet: "Cases",
    top: 0,
    left: 0,
    rows: [
      ["Case ID", "2.1", "Sentence"],
      ["C01", "Yes", "Custody"],
      ["C02", " no ", { error: "#N/A" }],
    ],
  };

  it("sums a code per reading times a weight per position (worked by hand)", () => {
    // Yes (1) at data row 0, column 1: weight 2; Custody (4) at row 0, column 2: weight 3;
    // " no " (2) at row 1, column 1: weight 16384 + 2; the error counts nothing.
    expect(judgementFingerprint(grid)).toBe(1 * 2 + 4 * 3 + 2 * 16386);
  });

  it("changes when a judgement moves to another case", () => {
    const swapped: Grid = { ...grid, rows: [grid.rows[0]!, ["C01", "No", "Custody"], ["C02", "Yes", { error: "#N/A" }]] };
    expect(judgementFingerprint(swapped)).not.toBe(judgementFingerprint(grid));
  });

  it("reads an Excel table's data by its structured reference, a plain range by its address", () => {
    expect(dataReference({ ...grid, tableName: "Cases" })).toBe("Cases[[#Data]]");
    expect(dataReference({ ...grid, top: 3, left: 1 })).toBe("Cases!$B$5:$D$6");
  });

  it("builds a banner that is empty while the fingerprint is the one computed at generation", () => {
    const { formula, text } = bannerFormula([judgementsKept({ ...grid, tableName: "Cases" })], "25 November 2026 at 10:00");
    expect(text).toBe("Judgements have changed since this sheet was built on 25 November 2026 at 10:00: build it again.");
    expect(formula).toMatch(/^IF\(SUMPRODUCT\(.*Cases\[\[#Data\]\].*\)=32786,"","Judgements have changed since this sheet was built on 25 November 2026 at 10:00: build it again."\)$/);
  });

  it("with the moderated judgements too, the banner is empty only while both fingerprints hold", () => {
    const { formula } = bannerFormula([judgementsKept({ ...grid, tableName: "Cases" }), { cell: "MOD", value: 7 }], "25 November 2026 at 10:00");
    expect(formula).toMatch(/^IF\(AND\(SUMPRODUCT\(.*\)=32786,MOD=7\),"",/);
  });
});

describe("the moderated judgements' fingerprint", () => {
  it("codes Yes 1, No 2, N/A 3, anything else typed 4, blank 0, times the place in the column (worked by hand)", () => {
    // " yes" at 1, blank at 2, "NO" at 3, "n/a" at 4, "Maybe" at 5, spaces at 6, 0 at 7.
    expect(typedJudgementsFingerprint([" yes", null, "NO", "n/a", "Maybe", "   ", 0])).toBe(1 * 1 + 2 * 3 + 3 * 4 + 4 * 5 + 4 * 7);
    expect(typedJudgementsFingerprint(["", null])).toBe(0);
  });

  it("changes when a judgement is typed, changed or moved to another row", () => {
    const base = typedJudgementsFingerprint(["Yes", null, null]);
    expect(typedJudgementsFingerprint(["Yes", "No", null])).not.toBe(base);
    expect(typedJudgementsFingerprint(["No", null, null])).not.toBe(base);
    expect(typedJudgementsFingerprint([null, "Yes", null])).not.toBe(base);
  });

  it("is one SUMPRODUCT of TRUE/FALSE terms over the range, without IF (Excel 2019 computes it as a plain formula)", () => {
    const formula = typedJudgementsFormula("Moderation!$H$10:$H$12");
    expect(formula).toMatch(/^SUMPRODUCT\(\(4\*\(ISNUMBER\(1\/LEN\(TRIM\(CLEAN\(.*Moderation!\$H\$10:\$H\$12.*\)\)\)\)\+ISERROR\(Moderation!\$H\$10:\$H\$12\)\)-3\*ISNUMBER\(MATCH\(.*\)\*\(ROW\(Moderation!\$H\$10:\$H\$12\)-MIN\(ROW\(Moderation!\$H\$10:\$H\$12\)\)\+1\)\)$/);
    expect(formula).not.toMatch(/\bIF\(/);
  });
});
