import { BUILT_IN_FRAMEWORK, leadingCriterionId, parseApplicability, readFramework, APPLICABILITY_LABELS } from "../../src/core";
import { makeGrid } from "../helpers/grids";

describe("the built-in framework", () => {
  const all = [...BUILT_IN_FRAMEWORK.criteria, ...BUILT_IN_FRAMEWORK.interviewQuestions];
  it("has unique IDs and every criterion in a section", () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(BUILT_IN_FRAMEWORK.sections.some((s) => s.number === c.section)).toBe(true);
      expect(c.id.split(".")[0]).toBe(c.section);
      expect(c.subject).not.toBe("");
    }
  });
  it("is the contract's 20 case criteria", () => {
    expect(BUILT_IN_FRAMEWORK.criteria.map((c) => c.id)).toEqual(
      ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1"],
    );
    expect(BUILT_IN_FRAMEWORK.criteria.find((c) => c.id === "3.6")?.appliesTo).toBe("custody");
    expect(BUILT_IN_FRAMEWORK.criteria.find((c) => c.id === "1.2")?.appliesTo).toBe("new-psr");
  });
});

describe("reading IDs and applicability", () => {
  it("finds the leading criterion ID", () => {
    expect(leadingCriterionId("2.1 Initial assessment")).toBe("2.1");
    expect(leadingCriterionId(" 2.1")).toBe("2.1");
    expect(leadingCriterionId("2.1x")).toBeNull();
    expect(leadingCriterionId("Case ID")).toBeNull();
  });
  it("reads every label and common variants", () => {
    for (const [kind, label] of Object.entries(APPLICABILITY_LABELS)) expect(parseApplicability(label)).toBe(kind);
    expect(parseApplicability(" CUSTODY only ")).toBe("custody");
    expect(parseApplicability("sometimes")).toBeNull();
  });
});

describe("readFramework: a user-edited Criteria sheet", () => {
  const header = ["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase"];
  it("uses added, reworded and removed criteria and changed applicability", () => {
    const { framework, fromSheet, issues } = readFramework(
      makeGrid(
        [
          header,
          ["1.1", 1, "Reducing reoffending", "Assessment, reworded", "All cases", "the assessment"],
          ["2.1", 2, "Protecting the public", "Risk of harm", "Custody cases", ""],
          ["6.1", 6, "Resettlement", "Resettlement planning", "Community cases", "resettlement planning"],
          ["2.6", 2, "", "Staff understood policies", "Staff interviews", ""],
        ],
        { sheet: "Criteria" },
      ),
    );
    expect(issues).toEqual([]);
    expect(fromSheet).toBe(true);
    expect(framework.criteria.map((c) => [c.id, c.appliesTo])).toEqual([
      ["1.1", "all"],
      ["2.1", "custody"],
      ["6.1", "community"],
    ]);
    expect(framework.criteria[1]!.subject).toBe("risk of harm");
    expect(framework.interviewQuestions.map((c) => c.id)).toEqual(["2.6"]);
    expect(framework.sections.map((s) => [s.number, s.title])).toEqual([
      ["1", "Reducing reoffending"],
      ["2", "Protecting the public"],
      ["6", "Resettlement"],
    ]);
  });

  it("reports a malformed sheet as issues, never a crash", () => {
    const { framework, issues } = readFramework(
      makeGrid(
        [
          header,
          ["1.1", 1, "", "One", "All cases", ""],
          ["1.1", 1, "", "Again", "All cases", ""],
          ["1.2", 1, "", "Two", "Sometimes", ""],
          ["x", 1, "", "Three", "All cases", ""],
          ["1.3", 1, "", "", "All cases", ""],
          ["1.4", 1, "", "Four", "", ""],
          ["2.2", 1, "", "Five", "Where required", ""],
        ],
        { sheet: "Criteria" },
      ),
    );
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["criteria-duplicate-id", "A3"],
      ["criteria-unknown-applicability", "E4"],
      ["criteria-invalid-id", "A5"],
      ["criteria-missing-field", "D6"],
      ["criteria-missing-field", "E7"],
      ["criteria-section-mismatch", "B8"],
    ]);
    expect(framework.criteria.map((c) => c.id)).toEqual(["1.1", "2.2"]);
  });

  it("falls back to the built-in framework when required columns are missing", () => {
    const r = readFramework(makeGrid([["Number", "Words"], ["1.1", "x"]], { sheet: "Criteria" }));
    expect(r.fromSheet).toBe(false);
    expect(r.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(r.issues.map((i) => i.code)).toEqual(["criteria-missing-column", "criteria-missing-column", "criteria-missing-column"]);
  });

  it("falls back with a warning when the sheet lists nothing", () => {
    const r = readFramework(makeGrid([header], { sheet: "Criteria" }));
    expect(r.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["criteria-empty", "warning"]]);
  });
});
