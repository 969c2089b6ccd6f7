/**
 * The framework's small rules, part by part: criterion IDs ordered part by part (2.10 after 2.9),
 * which frameworks need the rating bands, and the Criteria sheet's words for a section rule and
 * for who a criterion applies to. Expected values are worked out by hand from docs/workbook.md.
 */
import {
  BUILT_IN_FRAMEWORK,
  compareNumbers,
  HMIP_YOUTH_SCORE_BANDS,
  needsRatings,
  parseApplicability,
  parseSectionRule,
  sectionOf,
  type Criterion,
  type Framework,
} from "../../src/core";

const criterion = (id: string, section: string): Criterion => ({ id, section, title: `Criterion ${id}`, subject: `criterion ${id}`, appliesTo: "all" });

describe("compareNumbers: section numbers and criterion IDs part by part", () => {
  it("puts 2.10 after 2.9, and 10 after 9", () => {
    expect(compareNumbers("2.10", "2.9")).toBeGreaterThan(0);
    expect(compareNumbers("2.9", "2.10")).toBeLessThan(0);
    expect(compareNumbers("10", "9")).toBeGreaterThan(0);
    expect(compareNumbers("2.1.10", "2.1.9")).toBeGreaterThan(0);
  });

  it("puts a section before its own criteria, and a criterion after its section", () => {
    expect(compareNumbers("2", "2.1")).toBeLessThan(0);
    expect(compareNumbers("2.1", "2")).toBeGreaterThan(0);
    expect(compareNumbers("2.1", "2.1.1")).toBeLessThan(0);
    expect(compareNumbers("2.1.1", "2.1")).toBeGreaterThan(0);
  });

  it("finds the same number equal", () => {
    expect(compareNumbers("2.10", "2.10")).toBe(0);
    expect(compareNumbers("3", "3")).toBe(0);
  });

  it("sorts a mixed list of sections and criteria into reading order", () => {
    const ids = ["2.10", "10", "2.9", "2", "1.1", "2.1", "1", "2.1.2", "9.1"];
    expect([...ids].sort(compareNumbers)).toEqual(["1", "1.1", "2", "2.1", "2.1.2", "2.9", "2.10", "9.1", "10"]);
  });
});

describe("sectionOf: the section a criterion belongs to", () => {
  it("finds the criterion's own section, and none for a section the framework lacks", () => {
    const c21 = BUILT_IN_FRAMEWORK.criteria.find((c) => c.id === "2.1")!;
    expect(sectionOf(BUILT_IN_FRAMEWORK, c21)).toEqual({ number: "2", title: "Protecting the public" });
    expect(sectionOf(BUILT_IN_FRAMEWORK, criterion("7.1", "7"))).toBeUndefined();
  });
});

describe("needsRatings: frameworks whose figures mean nothing without the rating bands", () => {
  const sections = [
    { number: "1", title: "Assessment" },
    { number: "2", title: "Planning" },
  ];
  const criteria = [criterion("1.1", "1"), criterion("2.1", "2")];

  it("is false for the built-in framework and any pooled one", () => {
    expect(needsRatings(BUILT_IN_FRAMEWORK)).toBe(false);
    expect(needsRatings({ sections, criteria, interviewQuestions: [], overall: { kind: "pooled" } })).toBe(false);
    expect(needsRatings({ sections: [{ ...sections[0]!, rule: "lowest" }, sections[1]!], criteria, interviewQuestions: [] })).toBe(false);
  });

  it("is true for an overall score summed from ratings, even with every section pooled", () => {
    const scored: Framework = { sections, criteria, interviewQuestions: [], overall: { kind: "score-sum", bands: HMIP_YOUTH_SCORE_BANDS } };
    expect(needsRatings(scored)).toBe(true);
  });

  it("is true for a section rated by hand", () => {
    expect(needsRatings({ sections: [sections[0]!, { number: "2", title: "Governance", rule: "by-hand" }], criteria: [criteria[0]!], interviewQuestions: [] })).toBe(true);
  });
});

describe("parseSectionRule: the Rule column's words", () => {
  it("reads each rule's label and its variants", () => {
    expect(parseSectionRule("Pooled")).toBe("pooled");
    expect(parseSectionRule("Lowest key question")).toBe("lowest");
    expect(parseSectionRule("By hand")).toBe("by-hand");
    expect(parseSectionRule("manual")).toBe("by-hand");
  });

  it("is tolerant of spaces, hyphens, underscores and full stops", () => {
    expect(parseSectionRule("  Lowest  ")).toBe("lowest");
    expect(parseSectionRule("By  hand")).toBe("by-hand");
    expect(parseSectionRule("by-hand")).toBe("by-hand");
    expect(parseSectionRule("by_-_hand")).toBe("by-hand");
    expect(parseSectionRule("Rated by hand.")).toBe("by-hand");
    expect(parseSectionRule("Pooled judgements.")).toBe("pooled");
  });

  it("reads nothing it does not know", () => {
    expect(parseSectionRule("Highest")).toBeNull();
    expect(parseSectionRule("")).toBeNull();
    expect(parseSectionRule("   ")).toBeNull();
  });
});

describe("parseApplicability: the Applies to column's words", () => {
  it("is tolerant of repeated spaces and full stops", () => {
    expect(parseApplicability("Custody  only")).toBe("custody");
    expect(parseApplicability("Out of\u00a0court  cases")).toBe("out-of-court");
    expect(parseApplicability("Custody cases.")).toBe("custody");
    expect(parseApplicability("Where relevant.")).toBe("where-relevant");
    expect(parseApplicability("Community only.")).toBe("community");
  });

  it("reads nothing from a blank cell", () => {
    expect(parseApplicability("")).toBeNull();
    expect(parseApplicability("   ")).toBeNull();
    expect(parseApplicability(".")).toBeNull();
  });
});
