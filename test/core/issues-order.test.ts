import {
  countIssues,
  sortIssues,
  type Issue,
  type Severity,
} from "../../src/core/issues";

/** An issue on a sheet and cell; the message names it, so a failing order reads plainly. */
function issue(
  sheet: string,
  cell: string | null,
  severity: Severity = "error",
): Issue {
  return {
    severity,
    code: "invalid-value",
    sheet,
    cell,
    caseId: null,
    criterionId: null,
    message: `${sheet}!${cell ?? "-"} ${severity}`,
  };
}
const names = (issues: readonly Issue[]) => issues.map((i) => i.message);

describe("sortIssues: issues in reading order", () => {
  it("puts sheets in the order given, then the other sheets by name", () => {
    const found = [
      issue("Zeta", "A1"),
      issue("Criteria", "A1"),
      issue("Alpha", "A1"),
      issue("Cases", "A1"),
      issue("Settings", "A1"),
    ];
    expect(names(sortIssues(found, ["Cases", "Criteria", "Settings"]))).toEqual(
      [
        "Cases!A1 error",
        "Criteria!A1 error",
        "Settings!A1 error",
        "Alpha!A1 error",
        "Zeta!A1 error",
      ],
    );
    // the order given wins over the alphabet
    expect(
      names(
        sortIssues(
          [issue("Cases", "A1"), issue("Settings", "A1")],
          ["Settings", "Cases"],
        ),
      ),
    ).toEqual(["Settings!A1 error", "Cases!A1 error"]);
  });

  it("orders sheets by name when no order is given", () => {
    expect(
      names(
        sortIssues([
          issue("Settings", "A1"),
          issue("Cases", "B2"),
          issue("Criteria", "A1"),
        ]),
      ),
    ).toEqual(["Cases!B2 error", "Criteria!A1 error", "Settings!A1 error"]);
  });

  it("orders by row before column, reading multi-letter columns as numbers, not text", () => {
    const found = [
      issue("Cases", "AA10"),
      issue("Cases", "B2"),
      issue("Cases", "C1"),
      issue("Cases", "Z10"),
      issue("Cases", "B10"),
      issue("Cases", "A2"),
    ];
    expect(names(sortIssues(found))).toEqual([
      "Cases!C1 error",
      "Cases!A2 error",
      "Cases!B2 error",
      "Cases!B10 error",
      "Cases!Z10 error", // column 26
      "Cases!AA10 error", // column 27
    ]);
    // AB (28) after AA (27), BA (53) after AZ (52), AAA (703) after ZZ (702)
    expect(
      names(
        sortIssues([
          issue("S", "BA3"),
          issue("S", "AZ3"),
          issue("S", "AAA3"),
          issue("S", "ZZ3"),
          issue("S", "AB3"),
        ]),
      ),
    ).toEqual([
      "S!AB3 error",
      "S!AZ3 error",
      "S!BA3 error",
      "S!ZZ3 error",
      "S!AAA3 error",
    ]);
    // row 9 before row 10 (numbers, not text)
    expect(names(sortIssues([issue("S", "A10"), issue("S", "A9")]))).toEqual([
      "S!A9 error",
      "S!A10 error",
    ]);
    // BA (53) after C (3); B (2) before BA; letters weighed by place: AB (28) before BA (53)
    expect(
      names(
        sortIssues([issue("S", "BA1"), issue("S", "C1"), issue("S", "AB1")]),
      ),
    ).toEqual(["S!C1 error", "S!AB1 error", "S!BA1 error"]);
  });

  it("puts an issue about the whole sheet, or with a cell it cannot read, before every cell of that sheet", () => {
    const found = [
      issue("Cases", "A1"),
      issue("Cases", null),
      issue("Criteria", null),
      issue("Cases", "B"),
    ];
    expect(names(sortIssues(found, ["Cases", "Criteria"]))).toEqual([
      "Cases!- error",
      "Cases!B error",
      "Cases!A1 error",
      "Criteria!- error",
    ]);
    // an address with something after it is not read for its start
    expect(names(sortIssues([issue("S", "A1"), issue("S", "B2x")]))).toEqual([
      "S!B2x error",
      "S!A1 error",
    ]);
    // lower-case or padded addresses are not A1 addresses the engine makes: they sort as "no cell"
    expect(
      names(
        sortIssues([issue("S", "A1"), issue("S", "a1"), issue("S", " A2")]),
      ),
    ).toEqual(["S!a1 error", "S! A2 error", "S!A1 error"]);
  });

  it("puts errors before warnings on the same cell, and keeps the order found otherwise", () => {
    const found = [
      issue("Cases", "B2", "warning"),
      issue("Cases", "B2", "error"),
      issue("Cases", "A1", "warning"),
    ];
    expect(names(sortIssues(found))).toEqual([
      "Cases!A1 warning",
      "Cases!B2 error",
      "Cases!B2 warning",
    ]);
    const first = { ...issue("Cases", "C3", "warning"), message: "first" };
    const second = { ...issue("Cases", "C3", "warning"), message: "second" };
    expect(names(sortIssues([first, second]))).toEqual(["first", "second"]);
    expect(names(sortIssues([second, first]))).toEqual(["second", "first"]);
    // a warning on an earlier cell still comes before an error on a later one
    expect(
      names(
        sortIssues([issue("S", "A2", "error"), issue("S", "A1", "warning")]),
      ),
    ).toEqual(["S!A1 warning", "S!A2 error"]);
    expect(
      names(
        sortIssues([issue("S", "B1", "error"), issue("S", "A1", "warning")]),
      ),
    ).toEqual(["S!A1 warning", "S!B1 error"]);
  });

  it("does not reorder the list it is given", () => {
    const found = [issue("S", "B1"), issue("S", "A1")];
    sortIssues(found);
    expect(names(found)).toEqual(["S!B1 error", "S!A1 error"]);
  });
});

describe("countIssues", () => {
  it("counts errors and warnings apart", () => {
    expect(countIssues([])).toEqual({ errors: 0, warnings: 0 });
    expect(
      countIssues([
        issue("S", "A1", "error"),
        issue("S", "A2", "warning"),
        issue("S", "A3", "warning"),
        issue("S", null, "error"),
        issue("S", "B1", "warning"),
      ]),
    ).toEqual({
      errors: 2,
      warnings: 3,
    });
    expect(countIssues([issue("S", "A1", "warning")])).toEqual({
      errors: 0,
      warnings: 1,
    });
    expect(countIssues([issue("S", "A1", "error")])).toEqual({
      errors: 1,
      warnings: 0,
    });
  });
});
