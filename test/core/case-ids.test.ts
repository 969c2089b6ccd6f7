import { earlierRowWithId, foldCaseId, readCaseId, type SeenCaseIds } from "../../src/core";

describe("case IDs", () => {
  it("are read as text with runs of white space made one space, trimmed", () => {
    expect(readCaseId("  C 01\n", false)).toEqual({ id: "C 01", problem: null });
    expect(readCaseId("C \t\u00A0 01", false)).toEqual({ id: "C 01", problem: null });
    expect(readCaseId(12, false)).toEqual({ id: "12", problem: null });
  });

  it("must be there: a blank or an error value is reported, naming an interviewee in the Interviews table", () => {
    expect(readCaseId("  ", false).problem).toMatchObject({ severity: "error", code: "missing-case-id", message: expect.stringMatching(/Case ID/) });
    expect(readCaseId(null, true).problem).toMatchObject({ severity: "error", code: "missing-case-id", message: expect.stringMatching(/interviewee/) });
    expect(readCaseId({ error: "#REF!" }, false)).toEqual({ id: "", problem: expect.objectContaining({ severity: "error", code: "cell-error", message: expect.stringMatching(/#REF!.*the case ID/) }) });
  });

  it("are compared in lower case", () => {
    expect(foldCaseId("C01")).toBe("c01");
    expect(foldCaseId("ÉCOLE-7")).toBe("école-7");
  });

  it("give the row an ID was first seen on, and remember only the first", () => {
    const seen: SeenCaseIds = new Map();
    expect(earlierRowWithId(seen, "C01", 1)).toBeNull();
    expect(earlierRowWithId(seen, "C02", 2)).toBeNull();
    expect(earlierRowWithId(seen, "c01", 4)).toBe(1);
    expect(earlierRowWithId(seen, "C01", 7)).toBe(1);
    expect(earlierRowWithId(seen, "C 01", 8)).toBeNull();
    expect([...seen]).toEqual([
      ["c01", 1],
      ["c02", 2],
      ["c 01", 8],
    ]);
  });
});
