/**
 * The pieces of the generated sheets' live formulas, with the formula text written out by hand:
 * band words and colours (thresholds, a rating scheme, a minimum of relevant cases), structured
 * references to a Cases column (and the plain range when a header cannot be one), a cell read as
 * the engine reads it, a case's cell found by its ID, long text as a formula, the judgements'
 * fingerprint and the out-of-date banner's condition.
 */
import {
  BUILT_IN_FRAMEWORK,
  bandColourConditions,
  bandFormula,
  bandLabel,
  bandRules,
  bandText,
  caseCell,
  columnReference,
  DEFAULT_SETTINGS,
  escapeStructuredHeader,
  judgementFingerprint,
  readCases,
  readsAs,
  stringExpression,
  writeBanner,
  type BandSettings,
} from "../../src/core";
import { SheetBuilder } from "../../src/core/layout/sheet-builder";
import { makeGrid } from "../helpers/grids";

const THRESHOLDS: BandSettings = { ratingScheme: "none", strengthThreshold: 80, improvementThreshold: 65, minRelevant: null };
const HMIP: BandSettings = { ...THRESHOLDS, ratingScheme: "hmip-2018" };

describe("band words", () => {
  it("say there are no relevant cases before anything else", () => {
    expect(bandText({ relevant: 0, tooFew: true, band: null, rating: null })).toBe("No relevant cases");
    expect(bandText({ relevant: 3, tooFew: true, band: "strength", rating: "Outstanding" })).toBe("Too few cases to rate");
    expect(bandText({ relevant: 9, tooFew: false, band: "strength", rating: "Outstanding" })).toBe("Outstanding");
    expect(bandText({ relevant: 9, tooFew: false, band: "middle", rating: null })).toBe("–");
  });

  it("name each band as the reader sees it", () => {
    expect([bandLabel("strength"), bandLabel("improvement"), bandLabel("middle"), bandLabel(null)]).toEqual(["Strength", "Improvement needed", "–", "No relevant cases"]);
    expect(bandRules(THRESHOLDS).map((r) => r.label)).toEqual(["Strength", "Improvement needed", "–"]);
    expect(bandRules(HMIP).map((r) => [r.label, r.test("P")])).toEqual([
      ["Outstanding", "P>=80-1E-9"],
      ["Good", "P>=65-1E-9"],
      ["Requires improvement", "P>=50-1E-9"],
      ["Inadequate", "TRUE"],
    ]);
  });
});

describe("bandFormula", () => {
  it("tests the thresholds in order, within a hair of each", () => {
    expect(bandFormula("C9", "D9", THRESHOLDS)).toBe('IF(C9=0,"No relevant cases",IF(100*D9/C9>=80-1E-9,"Strength",IF(100*D9/C9<=65+1E-9,"Improvement needed","–")))');
  });

  it("tests the rating scheme's floors, the lowest rating last", () => {
    expect(bandFormula("C9", "D9", HMIP)).toBe(
      'IF(C9=0,"No relevant cases",IF(100*D9/C9>=80-1E-9,"Outstanding",IF(100*D9/C9>=65-1E-9,"Good",IF(100*D9/C9>=50-1E-9,"Requires improvement","Inadequate"))))',
    );
  });

  it("says too few cases to rate below the Settings' minimum", () => {
    expect(bandFormula("C9", "D9", { ...THRESHOLDS, minRelevant: 5 })).toBe(
      'IF(C9=0,"No relevant cases",IF(C9<5,"Too few cases to rate",IF(100*D9/C9>=80-1E-9,"Strength",IF(100*D9/C9<=65+1E-9,"Improvement needed","–"))))',
    );
  });
});

describe("bandColourConditions", () => {
  it("colour a strength green and an improvement red, and the middle not at all", () => {
    expect(bandColourConditions("$C9", "$D9", THRESHOLDS)).toEqual([
      { formula: "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=80-1E-9)", style: { fill: "C6EFCE", colour: "006100" } },
      { formula: "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9<=65+1E-9,NOT(OR(100*$D9/$C9>=80-1E-9)))", style: { fill: "FFC7CE", colour: "9C0006" } },
    ]);
  });

  it("colour each rating, the lowest wherever no higher one holds", () => {
    expect(bandColourConditions("$C9", "$D9", HMIP).map((c) => c.formula)).toEqual([
      "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=80-1E-9)",
      "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=65-1E-9,NOT(OR(100*$D9/$C9>=80-1E-9)))",
      "AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=50-1E-9,NOT(OR(100*$D9/$C9>=80-1E-9,100*$D9/$C9>=65-1E-9)))",
      "AND(ISNUMBER($C9),$C9>0,NOT(OR(100*$D9/$C9>=80-1E-9,100*$D9/$C9>=65-1E-9,100*$D9/$C9>=50-1E-9)))",
    ]);
  });

  it("colour only scores on at least the Settings' minimum of cases (a minimum of one is any case)", () => {
    expect(bandColourConditions("$C9", "$D9", { ...THRESHOLDS, minRelevant: 5 })[0]!.formula).toBe("AND(ISNUMBER($C9),$C9>=5,100*$D9/$C9>=80-1E-9)");
    expect(bandColourConditions("$C9", "$D9", { ...THRESHOLDS, minRelevant: 2 })[0]!.formula).toBe("AND(ISNUMBER($C9),$C9>=2,100*$D9/$C9>=80-1E-9)");
    expect(bandColourConditions("$C9", "$D9", { ...THRESHOLDS, minRelevant: 1 })[0]!.formula).toBe("AND(ISNUMBER($C9),$C9>0,100*$D9/$C9>=80-1E-9)");
    expect(DEFAULT_SETTINGS.minRelevant).toBeNull();
  });
});

describe("references to a Cases column", () => {
  it("escape a header for a structured reference, or refuse one that cannot be", () => {
    expect(escapeStructuredHeader("2.1 Risk [draft]")).toBe("2.1 Risk '[draft']");
    expect(escapeStructuredHeader("#1 it's")).toBe("'#1 it''s");
    for (const bad of ["", " 2.1 Risk", "2.1 Risk ", "2.1\nRisk", "2.1\tRisk", "2.1\rRisk"]) expect(escapeStructuredHeader(bad)).toBeNull();
  });

  it("use the table's column by name, or the column's cells when its header cannot be named", () => {
    const grid = makeGrid(
      [
        ["Case ID", "2.1 Risk ", "2.2 Plan"],
        ["C1", "Yes", "No"],
        ["C2", "No", "Yes"],
      ],
      { tableName: "Cases", top: 3, left: 1 },
    );
    expect(columnReference(grid, 2)).toBe("Cases[[2.2 Plan]]");
    expect(columnReference(grid, 1)).toBe("Cases!$C$5:$C$6");
  });

  it("read a cell as any of the words, quotes doubled", () => {
    expect(readsAs("H7", ["yes", 'say "y"'])).toBe('ISNUMBER(MATCH(TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(H7,UNICHAR(160)," "),CHAR(9)," "),CHAR(10)," "),CHAR(13)," "))),{"yes","say ""y"""},0))');
  });

  it("find a case's cell by its ID, or give an error without a Case ID column", () => {
    const header = ["Case ID", "Sentence", "PSR", "1.1 Initial assessment of the likelihood of reoffending"];
    const withId = readCases(makeGrid([header, ["C1", "Community", "No", "Yes"]], { tableName: "Cases" }), BUILT_IN_FRAMEWORK).table;
    expect(caseCell(withId, 3, "$A7")).toBe("INDEX(Cases[[1.1 Initial assessment of the likelihood of reoffending]],MATCH($A7,Cases[[Case ID]],0))");
    const withoutId = readCases(makeGrid([header.slice(1), ["Community", "No", "Yes"]], { tableName: "Cases" }), BUILT_IN_FRAMEWORK).table;
    expect(caseCell(withoutId, 2, "$A7")).toBe("NA()");
  });
});

describe("text and fingerprints as formulas", () => {
  it("write text as one string constant up to 255 characters, else joined pieces", () => {
    expect(stringExpression("")).toBe('""');
    expect(stringExpression('say "hi"')).toBe('"say ""hi"""');
    expect(stringExpression("a".repeat(255))).toBe(`"${"a".repeat(255)}"`);
    expect(stringExpression("a".repeat(256))).toBe(`"${"a".repeat(255)}"&"a"`);
  });

  it("fingerprint sentences as well as judgements, each by its own code and place", () => {
    // Row 1 of the data, columns 1 and 2: Custody 4 × 1, Community 5 × 2.
    expect(judgementFingerprint(makeGrid([["Sentence", "Sentence"], ["Custody", "Community"]]))).toBe(14);
    expect(judgementFingerprint(makeGrid([["Sentence"], ["Community"]]))).toBe(5);
    expect(judgementFingerprint(makeGrid([["Sentence"], ["Out-of-court"]]))).toBe(6);
  });

  it("put the banner's red fill on its cell, by an absolute reference, on any row", () => {
    const b = new SheetBuilder("strengths", "S", { banner: {} });
    writeBanner(b, [{ cell: "D9", value: 3 }], "25 November 2026 at 09:30", { row: 11, lastCol: 2, width: 87 });
    const l = b.build({ columnWidths: [5, 8, 74], freeze: null, print: { orientation: "portrait", fitToWidth: 1, fitToHeight: 1, repeatRows: null, footer: "" }, chart: null, marker: "" });
    expect(l.conditionalFormats).toEqual([{ kind: "expression", range: "A12", formula: "LEN($A$12)>0", style: { fill: "FFC7CE" } }]);
    expect(l.cells[0]).toMatchObject({ row: 11, col: 0, kind: "formula", formula: 'IF(D9=3,"","Judgements have changed since this sheet was built on 25 November 2026 at 09:30: build it again.")', result: "", style: "banner" });
  });
});
