import { APPLICABILITY_LABELS, applicabilityReason, judgeCell, requirementFor, type Applicability, type CaseFacts, type Criterion, type Requirement } from "../../src/core";

const criterion = (appliesTo: Applicability): Criterion => ({ id: "7.1", section: "7", title: "A criterion", subject: "a criterion", appliesTo });
const community: CaseFacts = { sentence: "Community", psr: "No" };
const custodyWithPsr: CaseFacts = { sentence: "Custody", psr: "Yes" };
const unknown: CaseFacts = { sentence: null, psr: null };

describe("what a criterion expects of a case (the product contract's applicability kinds)", () => {
  // Written out from PRODUCT.md, not from the code: kind × (community/no PSR, custody/new PSR, unknown).
  const table: [Applicability, Requirement, Requirement, Requirement][] = [
    ["all", "required", "required", "required"],
    ["custody", "not-expected", "required", "optional"],
    ["community", "required", "not-expected", "optional"],
    ["new-psr", "not-expected", "required", "optional"],
    ["where-relevant", "optional", "optional", "optional"],
    ["where-required", "optional", "optional", "optional"],
    ["interviews", "optional", "optional", "optional"],
    // The youth standards' kinds (README, Frameworks): court sentences are Community and Custody.
    ["court", "required", "required", "optional"],
    ["court-where-required", "optional", "optional", "optional"],
    ["out-of-court", "not-expected", "not-expected", "optional"],
  ];
  it.each(table)("%s", (kind, forCommunity, forCustodyWithPsr, forUnknown) => {
    expect([requirementFor(kind, community), requirementFor(kind, custodyWithPsr), requirementFor(kind, unknown)]).toEqual([forCommunity, forCustodyWithPsr, forUnknown]);
  });

  it("an out-of-court disposal: only out-of-court criteria (and those for every case) apply", () => {
    const ooc: CaseFacts = { sentence: "Out-of-court", psr: "No" };
    const kinds: Applicability[] = ["all", "custody", "community", "court", "court-where-required", "out-of-court", "where-relevant"];
    expect(kinds.map((k) => requirementFor(k, ooc))).toEqual(["required", "not-expected", "not-expected", "not-expected", "not-expected", "required", "optional"]);
    expect(judgeCell("Yes", criterion("court"), ooc).problems[0]?.message).toMatch(/applies only to court disposals and this is an out-of-court case/);
  });

  it("covers every applicability kind", () => {
    expect(table.map((t) => t[0]).sort()).toEqual(Object.keys(APPLICABILITY_LABELS).sort());
  });
});

describe("judging one cell", () => {
  const codes = (value: Parameters<typeof judgeCell>[0], appliesTo: Applicability, facts: CaseFacts = community) => {
    const j = judgeCell(value, criterion(appliesTo), facts);
    return [j.outcome, ...j.problems.map((p) => `${p.severity}:${p.code}`)];
  };

  it("counts Yes and No where a judgement is expected", () => {
    expect(codes("Yes", "all")).toEqual(["met"]);
    expect(codes("No", "where-relevant")).toEqual(["notMet"]);
    expect(codes("No", "custody", unknown)).toEqual(["notMet"]);
  });

  it("counts N/A where the criterion may not apply, and refuses it where a judgement is required", () => {
    expect(codes("N/A", "where-required")).toEqual(["notApplicable"]);
    expect(codes("N/A", "custody")).toEqual(["notApplicable"]);
    expect(codes("N/A", "all")).toEqual(["excluded", "error:not-applicable-not-allowed"]);
    expect(codes("N/A", "community")).toEqual(["excluded", "error:not-applicable-not-allowed"]);
  });

  it("refuses a judgement where the criterion does not apply", () => {
    expect(codes("Yes", "custody")).toEqual(["excluded", "error:judgement-not-expected"]);
    expect(codes("No", "new-psr")).toEqual(["excluded", "error:judgement-not-expected"]);
  });

  it("reads a blank as not applicable where nothing is expected, else as not yet judged", () => {
    expect(codes(null, "custody")).toEqual(["notApplicable"]);
    expect(codes("  ", "new-psr")).toEqual(["notApplicable"]);
    expect(codes(null, "all")).toEqual(["unjudged", "warning:not-yet-judged"]);
    expect(codes("", "where-relevant")).toEqual(["unjudged", "warning:not-yet-judged"]);
  });

  it("says which answers a not-yet-judged cell may take", () => {
    expect(judgeCell(null, criterion("all"), community).problems[0]!.message).toMatch(/Enter Yes or No\.$/);
    expect(judgeCell(null, criterion("where-relevant"), community).problems[0]!.message).toMatch(/Enter Yes, No or N\/A\.$/);
  });

  it("counts a tolerated spelling with a warning, before any applicability error", () => {
    expect(codes(" yes", "all")).toEqual(["met", "warning:non-canonical-value"]);
    expect(codes(false, "all")).toEqual(["notMet", "warning:non-canonical-value"]);
    expect(codes("n/a", "where-relevant")).toEqual(["notApplicable", "warning:non-canonical-value"]);
    expect(codes("not applicable", "all")).toEqual(["excluded", "warning:non-canonical-value", "error:not-applicable-not-allowed"]);
    expect(codes("Y", "custody")).toEqual(["excluded", "warning:non-canonical-value", "error:judgement-not-expected"]);
  });

  it("leaves an unreadable value or an error value out of the counts", () => {
    expect(codes("Maybe", "all")).toEqual(["excluded", "error:invalid-value"]);
    expect(codes(3, "where-relevant")).toEqual(["excluded", "error:invalid-value"]);
    expect(codes({ error: "#N/A" }, "all")).toEqual(["excluded", "error:cell-error"]);
    expect(judgeCell({ error: "#N/A" }, criterion("all"), community).problems[0]!.message).toMatch(/#N\/A.*Yes, No or N\/A/);
  });

  it("explains an applicability error by the case's Sentence or PSR", () => {
    const message = (value: string, appliesTo: Applicability, facts: CaseFacts) => judgeCell(value, criterion(appliesTo), facts).problems.at(-1)!.message;
    expect(message("Yes", "custody", community)).toMatch(/applies only to custody cases and this is a community case\./);
    expect(message("N/A", "community", community)).toMatch(/N\/A is not allowed for criterion 7\.1 \(Community cases\) and this is a community case\./);
    expect(message("N/A", "new-psr", custodyWithPsr)).toMatch(/\(Cases with a new PSR\) and this case had a new PSR\./);
    expect(message("Yes", "new-psr", community)).toMatch(/cases with a new psr and this case had no new PSR\./);
    expect(message("N/A", "all", community)).toMatch(/\(All cases\)\. Enter Yes or No\./);
    // Nothing to say of a Sentence or PSR that is not known.
    expect(["custody", "community", "new-psr", "all"].map((kind) => applicabilityReason(kind as Applicability, unknown))).toEqual(["", "", "", ""]);
  });

  it("names the case's Sentence for every applicability that turns on it", () => {
    const outOfCourt: CaseFacts = { sentence: "Out-of-court", psr: null };
    expect(applicabilityReason("custody", community)).toBe(" and this is a community case");
    expect(applicabilityReason("community", custodyWithPsr)).toBe(" and this is a custody case");
    expect(applicabilityReason("court", outOfCourt)).toBe(" and this is an out-of-court case");
    expect(applicabilityReason("court-where-required", outOfCourt)).toBe(" and this is an out-of-court case");
    expect(applicabilityReason("out-of-court", custodyWithPsr)).toBe(" and this is a custody case");
    // A criterion that does not turn on the Sentence says nothing of it.
    expect(applicabilityReason("where-relevant", community)).toBe("");
  });
});
