/**
 * Reading a Criteria sheet, part by part: the headers found under their other names, the
 * cell each message names and its exact words, IDs and section numbers that are and are not
 * accepted, the overall rule's spellings, sections rated by hand and the titles a section gets.
 * Every expected value is worked out by hand from the README's "Writing a new framework" and the
 * messages a user reads; each sheet is read inside its test.
 */
import { BUILT_IN_FRAMEWORK, findCriteriaColumns, readFramework, type CellValue, type Issue } from "../../src/core";
import { makeGrid } from "../helpers/grids";

const criteriaSheet = (rows: CellValue[][], options: { top?: number; left?: number } = {}) => makeGrid(rows, { sheet: "Criteria", ...options });
/** Each issue as a user reads it: severity, code, cell and message. */
const told = (issues: readonly Issue[]) => issues.map((i) => [i.severity, i.code, i.cell, i.message]);

const KINDS_OF_CASE =
  "All cases, Custody cases, Community cases, Court disposals, Court disposals where required, Out-of-court disposals, Cases with a new PSR, Where relevant, Where required, Staff interviews";
const missingColumn = (header: string) =>
  `The Criteria sheet has no "${header}" column, so the built-in framework is used. Add a column headed "${header}" to its header row (the first row that is not blank), or delete the sheet to use the built-in framework on purpose.`;

describe("findCriteriaColumns through readFramework: headers under their other names", () => {
  it("reads Criterion ID, Title, Applicability and Subject", () => {
    const r = readFramework(
      criteriaSheet([
        ["Criterion ID", "Title", "Applicability", "Subject"],
        ["1.1", "Assessment", "All cases", "the assessment of risk"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.fromSheet).toBe(true);
    expect(r.framework.criteria).toEqual([{ id: "1.1", section: "1", title: "Assessment", subject: "the assessment of risk", appliesTo: "all" }]);
  });

  it("reads ID and Criterion (short)", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion (short)", "Applies to"],
        ["2.3", "Planning", "Custody cases"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.framework.criteria).toEqual([{ id: "2.3", section: "2", title: "Planning", subject: "planning", appliesTo: "custody" }]);
  });

  it("reads Key question, as hmip-youth's key questions are headed", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Key question", "Applies to"],
        ["2.1.1", "Assessment: supporting desistance", "Court disposals"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.framework.criteria).toEqual([
      { id: "2.1.1", section: "2.1", title: "Assessment: supporting desistance", subject: "assessment: supporting desistance", appliesTo: "court" },
    ]);
  });

  it("takes the first of two columns with the same header", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to", "Criterion"],
        ["1.1", "Initial assessment", "All cases", "Old wording"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.framework.criteria.map((c) => c.title)).toEqual(["Initial assessment"]);
  });
});

describe("readFramework: a sheet that cannot be used", () => {
  it("without a sheet is the built-in framework, with nothing to say", () => {
    const r = readFramework(null);
    expect(r.fromSheet).toBe(false);
    expect(r.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(r.issues).toEqual([]);
  });

  it("names the header row's first cell for a missing column, wherever the header row is", () => {
    const atA1 = readFramework(
      criteriaSheet([
        ["ID", "Criterion"],
        ["1.1", "Assessment"],
      ]),
    );
    expect(atA1.fromSheet).toBe(false);
    expect(atA1.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(told(atA1.issues)).toEqual([["error", "criteria-missing-column", "A1", missingColumn("Applies to")]]);

    // a blank row above the header, and a sheet whose used range starts at C5: the header row is
    // row 6, so the message must not send the user to row 1 (it did: a column added there would
    // have made row 1 the header row)
    const lower = readFramework(
      criteriaSheet(
        [
          [null, ""],
          ["Criterion", "Applies to"],
        ],
        { top: 4, left: 2 },
      ),
    );
    expect(told(lower.issues)).toEqual([["error", "criteria-missing-column", "C6", missingColumn("ID")]]);
    expect(lower.issues[0]!.message).not.toMatch(/\brow 1\b/);
  });

  it("names no cell when the header row is not on the sheet or there is none", () => {
    // a table whose header row is hidden: its grid starts one row above the sheet
    const hidden = readFramework(
      criteriaSheet(
        [
          ["ID", "Applies to"],
          ["1.1", "All cases"],
        ],
        { top: -1 },
      ),
    );
    expect(told(hidden.issues)).toEqual([["error", "criteria-missing-column", null, missingColumn("Criterion")]]);

    // blank rows only, from row 4 down
    const blank = readFramework(
      criteriaSheet(
        [
          [null, null],
          ["", null],
        ],
        { top: 3 },
      ),
    );
    expect(blank.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(told(blank.issues)).toEqual([
      ["error", "criteria-missing-column", null, missingColumn("ID")],
      ["error", "criteria-missing-column", null, missingColumn("Criterion")],
      ["error", "criteria-missing-column", null, missingColumn("Applies to")],
    ]);
  });

  it("warns that a sheet of headers only lists nothing, and uses the built-in framework", () => {
    const r = readFramework(criteriaSheet([["ID", "Criterion", "Applies to"]]));
    expect(r.fromSheet).toBe(false);
    expect(r.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(told(r.issues)).toEqual([
      ["warning", "criteria-empty", null, "The Criteria sheet lists no criteria, so the built-in framework is used. Add criteria below the headers, or delete the sheet."],
    ]);
  });

  it("does not also call a sheet empty when its only rows are wrong", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to"],
        ["x", "Assessment", "All cases"],
      ]),
    );
    expect(r.fromSheet).toBe(false);
    expect(r.framework).toBe(BUILT_IN_FRAMEWORK);
    expect(told(r.issues)).toEqual([["error", "criteria-invalid-id", "A2", '"x" is not a criterion ID. Enter a section number, a dot and a number, such as 2.1.']]);
  });
});

describe("readFramework: criterion rows", () => {
  const header = ["ID", "Criterion", "Applies to"];

  it("reads cells trimmed, with runs of spaces and line breaks as one space", () => {
    const r = readFramework(criteriaSheet([header, [" 1.1 ", "  Initial   assessment\n of risk ", " All cases "]]));
    expect(r.issues).toEqual([]);
    expect(r.framework.criteria).toEqual([{ id: "1.1", section: "1", title: "Initial assessment of risk", subject: "initial assessment of risk", appliesTo: "all" }]);
  });

  it("passes over a blank row between criteria", () => {
    const r = readFramework(criteriaSheet([header, ["1.1", "First", "All cases"], [null, "", null], ["1.2", "Second", "All cases"]]));
    expect(r.issues).toEqual([]);
    expect(r.framework.criteria.map((c) => c.id)).toEqual(["1.1", "1.2"]);
  });

  it("says a row's ID is blank, at its ID cell, and leaves the row out", () => {
    const r = readFramework(criteriaSheet([header, ["1.1", "First", "All cases"], ["", "Orphan wording", "All cases"]]));
    expect(told(r.issues)).toEqual([["error", "criteria-missing-field", "A3", "ID is blank. Enter an ID such as 2.1."]]);
    expect(r.framework.criteria.map((c) => c.id)).toEqual(["1.1"]);
  });

  it("accepts two-digit parts and refuses an ID with anything before or after it", () => {
    const r = readFramework(
      criteriaSheet([
        header,
        ["1.10", "Tenth", "All cases"],
        ["2.1.10", "Tenth key question", "All cases"],
        ["1.1 Assessment", "Worded ID", "All cases"],
        ["2.1 or 2.2", "Two IDs", "All cases"],
      ]),
    );
    expect(r.framework.criteria.map((c) => [c.id, c.section])).toEqual([
      ["1.10", "1"],
      ["2.1.10", "2.1"],
    ]);
    expect(told(r.issues)).toEqual([
      ["error", "criteria-invalid-id", "A4", '"1.1 Assessment" is not a criterion ID. Enter a section number, a dot and a number, such as 2.1.'],
      ["error", "criteria-invalid-id", "A5", '"2.1 or 2.2" is not a criterion ID. Enter a section number, a dot and a number, such as 2.1.'],
    ]);
  });

  it("says what to enter for a blank wording, a blank or unknown Applies to", () => {
    const r = readFramework(criteriaSheet([header, ["1.1", "", "All cases"], ["1.2", "Planning", "   "], ["1.3", "Review", "  Sometimes  "], ["1.4", "Kept", "All cases"]]));
    expect(told(r.issues)).toEqual([
      ["error", "criteria-missing-field", "B2", "Criterion is blank. Enter a short wording of the criterion."],
      ["error", "criteria-missing-field", "C3", `Applies to is blank. Enter one of: ${KINDS_OF_CASE}.`],
      ["error", "criteria-unknown-applicability", "C4", `"Sometimes" is not a kind of case this criterion can apply to; this row is ignored. Enter one of: ${KINDS_OF_CASE}.`],
    ]);
    expect(r.issues.map((i) => i.criterionId)).toEqual(["1.1", "1.2", "1.3"]);
    expect(r.framework.criteria.map((c) => c.id)).toEqual(["1.4"]);
  });

  it("uses a sheet of staff-interview questions only", () => {
    const r = readFramework(criteriaSheet([header, ["2.6", "Staff understood policies", "Staff interviews"]]));
    expect(r.issues).toEqual([]);
    expect(r.fromSheet).toBe(true);
    expect(r.framework.criteria).toEqual([]);
    expect(r.framework.interviewQuestions.map((c) => [c.id, c.appliesTo])).toEqual([["2.6", "interviews"]]);
  });
});

describe("readFramework: the Overall row's rule", () => {
  // One counted section, so a score sum's top band ends at 3.
  const withOverall = (rule: string) =>
    readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to", "Rule"],
        ["1.1", "Assessment", "All cases", ""],
        ["Overall", "", "", rule],
      ]),
    );
  const twoBands = {
    kind: "score-sum",
    bands: [
      { rating: "Inadequate", from: 0, to: 1 },
      { rating: "Good", from: 2, to: 3 },
    ],
  };
  const unknownRule = (text: string) =>
    `"${text}" is not a rule for the overall figure, so all judgements are pooled. Enter Pooled, or Score sum followed by its bands, such as "Score sum: 0-6 Inadequate, 7-18 Requires improvement, 19-30 Good, 31-36 Outstanding".`;

  it("pools when the rule is blank, without a word", () => {
    const r = withOverall("");
    expect(r.issues).toEqual([]);
    expect(r.framework.overall).toEqual({ kind: "pooled" });
  });

  it.each(["Score - sum: 0-1 Inadequate, 2-3 Good", "Score sum (0-1 Inadequate, 2-3 Good)", "Score sum:0-1 Inadequate, 2-3 Good", "score SUM - 0-1 Inadequate; 2-3 Good"])(
    "reads %j as a score sum",
    (rule) => {
      const r = withOverall(rule);
      expect(r.issues).toEqual([]);
      expect(r.framework.overall).toEqual(twoBands);
    },
  );

  it.each(["Not pooled", "Pooled (all judgements)"])("refuses %j, naming its Rule cell, and pools", (rule) => {
    const r = withOverall(rule);
    expect(told(r.issues)).toEqual([["error", "criteria-unknown-rule", "D3", unknownRule(rule)]]);
    expect(r.framework.overall).toEqual({ kind: "pooled" });
  });

  it("says a score sum without bands has none, and pools", () => {
    const r = withOverall("Score sum");
    expect(told(r.issues)).toEqual([
      [
        "error",
        "criteria-invalid-bands",
        "D3",
        'The overall score bands cannot be used (no bands are given), so all judgements are pooled. Write them as "Score sum: 0-6 Inadequate, 7-18 Requires improvement, 19-30 Good, 31-36 Outstanding".',
      ],
    ]);
    expect(r.framework.overall).toEqual({ kind: "pooled" });
  });
});

describe("readFramework: sections rated by hand", () => {
  it("reads a row whose Applies to says By hand when the sheet has no Rule column", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to", "Rating"],
        ["1", "Governance", "By hand", "Good"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.fromSheet).toBe(true);
    expect(r.framework.criteria).toEqual([]);
    expect(r.framework.sections).toEqual([{ number: "1", title: "Governance", rule: "by-hand", counted: true, rating: "Good" }]);
  });

  it("lets a Rule of Pooled decide, so By hand under Applies to is not a kind of case", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to", "Rule"],
        ["1.1", "Governance", "By hand", "Pooled"],
      ]),
    );
    expect(told(r.issues)).toEqual([
      ["error", "criteria-unknown-applicability", "C2", `"By hand" is not a kind of case this criterion can apply to; this row is ignored. Enter one of: ${KINDS_OF_CASE}.`],
    ]);
    expect(r.fromSheet).toBe(false);
  });

  it("reads numbers, titles and ratings, and refuses a bad or repeated number", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Section title", "Criterion", "Applies to", "Rule", "Counted in overall", "Rating"],
        ["9", "Partnerships", "Something else", "", "By hand", "", "Good"],
        ["1.10", "", "", "", "By hand", "", "Outstanding"],
        ["1.1x", "", "", "", "By hand", "", "Good"],
        ["9", "", "", "", "By hand", "", "Inadequate"],
        ["2", "", "", "", "By hand", "", ""],
        ["2.2", "", "", "", "By hand", "", "Requires improvement"],
      ]),
    );
    expect(told(r.issues)).toEqual([
      ["error", "criteria-invalid-id", "A4", '"1.1x" is not a section number for a section rated by hand; this row is ignored. Enter the section\'s number, such as 1.1.'],
      ["error", "criteria-duplicate-id", "A5", "Criterion ID 9 is also used at A2; this row is ignored. Give each criterion its own ID."],
      [
        "warning",
        "criteria-missing-rating",
        "G6",
        "Section 2 is rated by hand and has no rating yet. Enter Outstanding, Good, Requires improvement or Inadequate in its Rating cell.",
      ],
    ]);
    expect(r.issues.map((i) => i.criterionId)).toEqual([null, "9", "2"]);
    // titles: the sheet's Section title first, then a built-in framework's (2 is the default
    // framework's "Protecting the public", 2.2 hmip-youth's "Court disposals: Planning"), else "Section n"
    expect(r.framework.sections).toEqual([
      { number: "1.10", title: "Section 1.10", rule: "by-hand", counted: true, rating: "Outstanding" },
      { number: "2", title: "Protecting the public", rule: "by-hand", counted: true, rating: null },
      { number: "2.2", title: "Court disposals: Planning", rule: "by-hand", counted: true, rating: "Requires improvement" },
      { number: "9", title: "Partnerships", rule: "by-hand", counted: true, rating: "Good" },
    ]);
  });

  it("says where to add a Rating column when the sheet has none, at the row's ID", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Criterion", "Applies to", "Rule"],
        ["6", "Governance", "", "By hand"],
      ]),
    );
    expect(told(r.issues)).toEqual([
      [
        "warning",
        "criteria-missing-rating",
        "A2",
        'Section 6 is rated by hand but the Criteria sheet has no Rating column. Add a column headed "Rating" and enter its rating there.',
      ],
    ]);
    expect(r.framework.sections).toEqual([{ number: "6", title: "Governance", rule: "by-hand", counted: true, rating: null }]);
  });
});

describe("readFramework: a section's number and title from the Section column", () => {
  it("checks the number against the ID and takes the words after it as the title", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Section", "Criterion", "Applies to"],
        ["1.1", "1 - Assessment work", "A", "All cases"],
        ["2.1", "2. Planning work", "B", "All cases"],
        ["3.1", "3 Delivery work", "C", "All cases"],
        ["10.1", "10 Resettlement work", "D", "All cases"],
        ["4.10.1", "4.10: Review work", "E", "All cases"],
        ["5.1", "Phase 2 planning", "F", "All cases"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.framework.sections).toEqual([
      { number: "1", title: "Assessment work", rule: "pooled", counted: true },
      { number: "2", title: "Planning work", rule: "pooled", counted: true },
      { number: "3", title: "Delivery work", rule: "pooled", counted: true },
      { number: "4.10", title: "Review work", rule: "pooled", counted: true },
      { number: "5", title: "Phase 2 planning", rule: "pooled", counted: true },
      { number: "10", title: "Resettlement work", rule: "pooled", counted: true },
    ]);
  });

  it("gives a section with a blank Section title the built-in title, else Section n", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Section title", "Criterion", "Applies to"],
        ["9.1", "", "Nine", "All cases"],
        ["2.1", "", "Two", "All cases"],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.framework.sections).toEqual([
      { number: "2", title: "Protecting the public", rule: "pooled", counted: true },
      { number: "9", title: "Section 9", rule: "pooled", counted: true },
    ]);
  });
});

describe("findCriteriaColumns: every other name a column may have", () => {
  // The README's "Writing a new framework" lists these; each is found alone, in the third column.
  const names: [keyof ReturnType<typeof findCriteriaColumns>, string][] = [
    ["id", "ID"],
    ["id", "Criterion ID"],
    ["title", "Criterion"],
    ["title", "Title"],
    ["title", "Criterion (short)"],
    ["title", "Key question"],
    ["appliesTo", "Applies to"],
    ["appliesTo", "Applicability"],
    ["section", "Section"],
    ["section", "Section number"],
    ["section", "Standard"],
    ["sectionTitle", "Section title"],
    ["sectionTitle", "Section name"],
    ["sectionTitle", "Standard title"],
    ["subject", "Done well phrase"],
    ["subject", "Subject"],
    ["subject", "Done well subject"],
    ["rule", "Rule"],
    ["rule", "Section rule"],
    ["rule", "Rating rule"],
    ["counted", "Counted in overall"],
    ["counted", "Counted"],
    ["counted", "Counts towards overall"],
    ["counted", "In overall"],
    ["rating", "Rating"],
    ["rating", "Rating (by hand)"],
    ["rating", "Hand rating"],
  ];

  it.each(names)("finds %s under the header %p", (field, header) => {
    const cols = findCriteriaColumns(["Notes", "Comments", header]);
    expect(cols[field]).toBe(2);
    // …and no other column is taken for it.
    expect(Object.entries(cols).filter(([, c]) => c !== undefined)).toEqual([[field, 2]]);
  });
});

describe("a section rated by hand: one or two digits a level", () => {
  it("accepts 12 and 12.10 and refuses 123 and 1.123", () => {
    const r = readFramework(
      criteriaSheet([
        ["ID", "Section title", "Criterion", "Applies to", "Rule", "Counted in overall", "Rating"],
        ["12", "Partnerships", "", "", "By hand", "", "Good"],
        ["12.10", "Resources", "", "", "By hand", "", "Outstanding"],
        ["123", "", "", "", "By hand", "", "Good"],
        ["1.123", "", "", "", "By hand", "", "Good"],
      ]),
    );
    expect(told(r.issues)).toEqual([
      ["error", "criteria-invalid-id", "A4", '"123" is not a section number for a section rated by hand; this row is ignored. Enter the section\'s number, such as 1.1.'],
      ["error", "criteria-invalid-id", "A5", '"1.123" is not a section number for a section rated by hand; this row is ignored. Enter the section\'s number, such as 1.1.'],
    ]);
  });
});
