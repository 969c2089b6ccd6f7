/**
 * The new workbook's template, part by part: the Cases table's columns in the contract's order,
 * its dropdowns (each naming what to enter), the per-criterion notes columns folded away, the
 * Second marking and Interviews tables, the Criteria sheet's rows (section order, by-hand
 * sections, criteria without a section, section numbers as numbers or text, the Overall row) and
 * the Settings sheet. Expected values are written out by hand from the contract's framework table
 * (/work/shared/spec/PRODUCT.md, "The framework" and "The workbook"), never from the code.
 */
import { BUILT_IN_FRAMEWORK, buildTemplate, criteriaSheetRows, type Criterion, type Framework, type Section } from "../../src/core";

/** The built-in framework, as the contract's table gives it: sections, then their criteria's IDs and short titles. */
const SQS: [string, string, [string, string][]][] = [
  ["1", "Reducing the likelihood of reoffending", [
    ["1.1", "Initial assessment of the likelihood of reoffending"],
    ["1.2", "Quality of the pre-sentence report (PSR)"],
    ["1.3", "Planning to reduce the likelihood of reoffending"],
    ["1.4", "Review of the assessment as circumstances changed"],
  ]],
  ["2", "Protecting the public", [
    ["2.1", "Initial assessment of risk of harm to others"],
    ["2.2", "Review of the risk of harm assessment"],
    ["2.3", "Planning to manage risk of harm to others"],
    ["2.4", "Managing risk of harm to identifiable victims"],
    ["2.5", "Management oversight of risk of harm work"],
  ]],
  ["3", "Protecting the child or young person", [
    ["3.1", "Initial assessment of safeguarding and vulnerability"],
    ["3.2", "Review of safeguarding and vulnerability assessment"],
    ["3.3", "Planning to manage safeguarding and vulnerability"],
    ["3.4", "Management oversight of safeguarding and vulnerability"],
    ["3.6", "Custodial planning for safeguarding and vulnerability"],
  ]],
  ["4", "Ensuring that the sentence is served", [
    ["4.1", "Child and parents/carers involved in the assessment"],
    ["4.2", "PSR shared and explained before sentence"],
    ["4.3", "Diversity and barriers to engagement followed through"],
    ["4.4", "Attention to health and well-being outcomes"],
    ["4.5", "Enforcement proportionate and timely where needed"],
  ]],
  ["5", "Operational management", [["5.1", "Supervisory input made a positive difference"]]],
];

/** The criterion and notes columns as the contract lists them: each criterion `ID title`, then (with notes) `ID Notes`; then the section's `N Notes`. */
function judgementColumns(withCriterionNotes: boolean): string[] {
  return SQS.flatMap(([n, , criteria]) => [...criteria.flatMap(([id, title]) => (withCriterionNotes ? [`${id} ${title}`, `${id} Notes`] : [`${id} ${title}`])), `${n} Notes`]);
}

const court = (appliesTo: Criterion["appliesTo"]): Framework => ({
  ...BUILT_IN_FRAMEWORK,
  criteria: [...BUILT_IN_FRAMEWORK.criteria, { id: "5.3", section: "5", title: "Work with the court", subject: "work with the court", appliesTo }],
});

describe("the Cases table", () => {
  test("is the table named Cases on the Cases sheet, its columns in the contract's order, a width for each, no folded columns", () => {
    const t = buildTemplate().cases;
    expect([t.sheet, t.tableName]).toEqual(["Cases", "Cases"]);
    expect(t.headers).toEqual(["Case ID", "Case manager", "Sentence", "PSR", ...judgementColumns(false)]);
    expect(t.headers).toHaveLength(29);
    expect(t.columnWidths).toHaveLength(29);
    expect(t.columnWidths.every((w) => w > 0)).toBe(true);
    expect(t).not.toHaveProperty("columnGroups");
  });

  test("has dropdowns on Sentence (Community or Custody) and PSR (Yes or No), refusing anything else, each message naming what to enter", () => {
    const [sentence, psr] = buildTemplate().cases.validations;
    expect(sentence).toMatchObject({ col: 2, list: ["Community", "Custody"], strict: true });
    expect(psr).toMatchObject({ col: 3, list: ["Yes", "No"], strict: true });
    for (const v of [sentence!, psr!]) for (const value of v.list) expect(v.errorMessage).toContain(value);
    // Out-of-court is not offered by the SQS framework, so the message does not mention it.
    expect(sentence!.errorMessage).not.toMatch(/out-of-court/i);
  });

  test("a criterion for court or out-of-court disposals only brings Out-of-court into the Sentence dropdown and its message", () => {
    for (const kind of ["court", "out-of-court"] as const) {
      const sentence = buildTemplate({ framework: court(kind) }).cases.validations.find((v) => v.col === 2)!;
      expect(sentence.list).toEqual(["Community", "Custody", "Out-of-court"]);
      expect(sentence.strict).toBe(true);
      for (const value of sentence.list) expect(sentence.errorMessage).toContain(value);
    }
  });

  test("has a Yes / No / N/A dropdown on every criterion column and nowhere else, warning rather than refusing (other spellings are read)", () => {
    const t = buildTemplate().cases;
    const judged = t.validations.filter((v) => v.col > 3);
    expect(judged.map((v) => t.headers[v.col]!.split(" ")[0])).toEqual(SQS.flatMap(([, , cs]) => cs.map(([id]) => id)));
    for (const v of judged) {
      expect(v.list).toEqual(["Yes", "No", "N/A"]);
      expect(v.strict).toBe(false);
      for (const value of v.list) expect(v.errorMessage).toContain(value);
    }
  });

  test("with criterion notes: each criterion's `ID Notes` column after it, each folded away in a group of its own", () => {
    const t = buildTemplate({ criterionNotes: true }).cases;
    expect(t.headers).toEqual(["Case ID", "Case manager", "Sentence", "PSR", ...judgementColumns(true)]);
    expect(t.columnWidths).toHaveLength(t.headers.length);
    const notesCols = t.headers.flatMap((h, i) => (/^\d+\.\d+ Notes$/.test(h) ? [i] : []));
    expect(notesCols.slice(0, 4)).toEqual([5, 7, 9, 11]);
    expect(t.columnGroups).toEqual(notesCols.map((i) => ({ first: i, last: i, collapsed: true })));
    expect(t.columnGroups).toHaveLength(20); // the contract's twenty criteria
    // The dropdowns stay on the criterion columns, not their notes.
    expect(t.validations.filter((v) => v.col > 3).map((v) => t.headers[v.col])).toEqual(judgementColumns(true).filter((h) => !/Notes$/.test(h)));
  });

  test("a section with no criteria (rated by hand) gets no Notes column", () => {
    const framework: Framework = { ...BUILT_IN_FRAMEWORK, sections: [...BUILT_IN_FRAMEWORK.sections, { number: "6", title: "Leadership", rule: "by-hand" }] };
    expect(buildTemplate({ framework }).cases.headers).toEqual(["Case ID", "Case manager", "Sentence", "PSR", ...judgementColumns(false)]);
  });
});

describe("the Second marking and Interviews tables", () => {
  test("Second marking: Case ID, Second marker, then the Cases' criterion and notes columns with their dropdowns", () => {
    const t = buildTemplate().secondMarking;
    expect([t.sheet, t.tableName]).toEqual(["Second marking", "SecondMarking"]);
    expect(t.headers).toEqual(["Case ID", "Second marker", ...judgementColumns(false)]);
    expect(t.columnWidths).toHaveLength(t.headers.length);
    expect(t.validations.map((v) => t.headers[v.col])).toEqual(judgementColumns(false).filter((h) => !/Notes$/.test(h)));
  });

  test("Interviews: Interviewee, Role, a column per interview question with its dropdown, then Notes, the widest", () => {
    const t = buildTemplate().interviews;
    expect([t.sheet, t.tableName]).toEqual(["Interviews", "Interviews"]);
    expect(t.headers).toEqual([
      "Interviewee",
      "Role",
      "2.6 Staff understood policies for managing risk of harm",
      "3.5 Staff understood safeguarding policies",
      "5.2 Case managers clear about the organisation's priorities",
      "Notes",
    ]);
    expect(t.validations.map((v) => [v.col, v.list, v.strict])).toEqual([2, 3, 4].map((c) => [c, ["Yes", "No", "N/A"], false]));
    for (const v of t.validations) for (const value of v.list) expect(v.errorMessage).toContain(value);
    const [name, role, q1, q2, q3, notes] = t.columnWidths;
    expect(t.columnWidths).toHaveLength(6);
    // Names are longer than Yes/No; a note is a sentence.
    expect([role, q2, q3]).toEqual([q1, q1, q1]);
    expect(name).toBeGreaterThan(q1!);
    expect(notes).toBeGreaterThan(name!);
  });
});

describe("the Criteria sheet", () => {
  test("has the Criteria headers, a row per criterion in the contract's order, then the interview questions and the Overall row", () => {
    const rows = criteriaSheetRows(BUILT_IN_FRAMEWORK);
    expect(rows[0]).toEqual(["ID", "Section", "Section title", "Criterion", "Applies to", "Done well phrase", "Rule", "Counted in overall", "Rating"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...SQS.flatMap(([, , cs]) => cs.map(([id]) => id)), "2.6", "3.5", "5.2", "Overall"]);
    expect(rows[1]).toEqual(["1.1", 1, "Reducing the likelihood of reoffending", "Initial assessment of the likelihood of reoffending", "All cases", "the initial assessment of the likelihood of reoffending", "Pooled", "Yes", null]);
    expect(rows.at(-1)).toEqual(["Overall", null, "Overall", "How the overall rating is made", null, null, "Pooled", null, null]);
    const sheet = buildTemplate().criteria;
    expect(sheet.sheet).toBe("Criteria");
    expect(sheet.rows).toEqual(rows);
    expect(sheet.columnWidths).toHaveLength(9);
  });

  test("writes criteria by section whatever their order in the framework; a by-hand section as one row; a criterion without a section last", () => {
    const sections: Section[] = [
      { number: "2", title: "Protecting the public" },
      { number: "10", title: "Tenth", counted: false },
      { number: "2.1", title: "Assessment", rule: "lowest" },
      { number: "6", title: "Leadership", rule: "by-hand", counted: true, rating: null },
      { number: "7", title: "Partnerships", rule: "by-hand", counted: false, rating: "Good" },
    ];
    const criterion = (id: string, section: string): Criterion => ({ id, section, title: `Title ${id}`, subject: `subject ${id}`, appliesTo: "all" });
    const framework: Framework = {
      sections,
      criteria: [criterion("2.1.1", "2.1"), criterion("10.1", "10"), criterion("2.2", "2"), criterion("9.1", "9")],
      interviewQuestions: [],
    };
    expect(criteriaSheetRows(framework).slice(1)).toEqual([
      ["2.2", 2, "Protecting the public", "Title 2.2", "All cases", "subject 2.2", "Pooled", "Yes", null],
      ["10.1", 10, "Tenth", "Title 10.1", "All cases", "subject 10.1", "Pooled", "No", null],
      ["2.1.1", "2.1", "Assessment", "Title 2.1.1", "All cases", "subject 2.1.1", "Lowest", "Yes", null],
      ["6", 6, "Leadership", null, null, null, "By hand", "Yes", null],
      ["7", 7, "Partnerships", null, null, null, "By hand", "No", "Good"],
      ["9.1", 9, "", "Title 9.1", "All cases", "subject 9.1", "Pooled", "Yes", null],
      ["Overall", null, "Overall", "How the overall rating is made", null, null, "Pooled", null, null],
    ]);
  });
});

describe("the Settings sheet", () => {
  test("has Setting, Value, About and a row per setting, the thresholds at their defaults (80% and 65%) formatted as percentages", () => {
    const s = buildTemplate().settings;
    expect(s.sheet).toBe("Settings");
    expect(s.rows[0]).toEqual(["Setting", "Value", "About"]);
    const labels = s.rows.slice(1).map((r) => r[0]);
    expect(labels).toEqual([
      "Service name",
      "Inspection start",
      "Inspection end",
      "Strength threshold",
      "Improvement threshold",
      "Rating scheme",
      "Minimum relevant cases",
      "Redact case IDs and names",
      "Just under/over margin",
      "Vast majority from",
      "Small minority below",
      "Counts in words up to",
      "All but up to",
    ]);
    expect(s.rows.find((r) => r[0] === "Strength threshold")!.slice(1, 2)).toEqual([0.8]);
    expect(s.rows.find((r) => r[0] === "Improvement threshold")!.slice(1, 2)).toEqual([0.65]);
    expect(s.rows.find((r) => r[0] === "Redact case IDs and names")!.slice(1, 2)).toEqual(["No"]);
    expect(s.rows.slice(1).every((r) => r.length === 3 && typeof r[2] === "string" && r[2].length > 0)).toBe(true);
    // Rows 5, 6, 10, 11 and 12 of the sheet (zero-based 4, 5, 9, 10, 11): the percentages, in the Value column.
    expect(s.percentCells).toEqual([4, 5, 9, 10, 11].map((row) => ({ row, col: 1 })));
    expect(s.columnWidths).toHaveLength(3);
  });
});
