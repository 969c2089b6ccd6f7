import {
  columnLetters,
  fromA1,
  quoteSheetName,
  toA1,
  toA1Range,
} from "../../src/core/address";

// Column letters as Excel shows them: A is the first column (0 here), Z the 26th, AA the 27th,
// AZ the 52nd, BA the 53rd, ZZ the 702nd, AAA the 703rd.
const columns: [number, string][] = [
  [0, "A"],
  [1, "B"],
  [25, "Z"],
  [26, "AA"],
  [27, "AB"],
  [51, "AZ"],
  [52, "BA"],
  [701, "ZZ"],
  [702, "AAA"],
  [16383, "XFD"], // Excel's last column
];

describe("column letters", () => {
  it.each(columns)("column %i is %s, and back", (col, letters) => {
    expect(columnLetters(col)).toBe(letters);
    expect(fromA1(`${letters}1`)).toEqual({ row: 0, col });
  });

  it("refuses a negative or fractional column", () => {
    expect(() => columnLetters(-1)).toThrow(RangeError);
    expect(() => columnLetters(-1)).toThrow(
      "column must be a non-negative integer, got -1",
    );
    expect(() => columnLetters(1.5)).toThrow(RangeError);
    expect(() => columnLetters(Number.NaN)).toThrow(RangeError);
  });
});

describe("A1 addresses", () => {
  it("makes and reads addresses", () => {
    expect(toA1({ row: 0, col: 0 })).toBe("A1");
    expect(toA1({ row: 6, col: 5 })).toBe("F7");
    expect(toA1({ row: 9, col: 26 })).toBe("AA10");
    expect(fromA1("F7")).toEqual({ row: 6, col: 5 });
    expect(fromA1("$AB$12")).toEqual({ row: 11, col: 27 });
    expect(fromA1("ab12")).toEqual({ row: 11, col: 27 });
    expect(fromA1(" C3 ")).toEqual({ row: 2, col: 2 });
    expect(toA1Range({ row: 0, col: 0 }, { row: 9, col: 2 })).toBe("A1:C10");
  });

  it("refuses a negative or fractional row", () => {
    expect(() => toA1({ row: -1, col: 0 })).toThrow(RangeError);
    expect(() => toA1({ row: -1, col: 0 })).toThrow(
      "row must be a non-negative integer, got -1",
    );
    expect(() => toA1({ row: 0.5, col: 0 })).toThrow(RangeError);
    expect(() => toA1({ row: 0, col: -1 })).toThrow(RangeError);
  });

  it("refuses what is not an A1 address", () => {
    for (const bad of ["", "A", "12", "A0", "ABCD1", "A1B", "A-1", "1A"]) {
      expect(() => fromA1(bad)).toThrow(RangeError);
    }
    expect(() => fromA1("Q")).toThrow("not an A1 cell address: Q");
    expect(() => fromA1("B0")).toThrow("not an A1 cell address: B0");
  });
});

describe("quoteSheetName: a sheet name as a formula may use it", () => {
  it.each([
    ["Cases", "Cases"],
    ["Second_marking", "Second_marking"],
    ["_private", "_private"],
    ["v1.2", "v1.2"],
    ["ABCD1", "ABCD1"], // four letters: past Excel's last column, so not a cell reference
    ["Cases2", "Cases2"],
  ])("leaves %s alone", (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });

  it.each([
    ["AB12", "'AB12'"], // looks like a cell reference
    ["ABC1", "'ABC1'"],
    ["A1", "'A1'"],
    ["xfd9", "'xfd9'"],
    ["Second marking", "'Second marking'"], // a space
    ["2024 cases", "'2024 cases'"], // starts with a digit
    ["1", "'1'"],
    ["Bob's cases", "'Bob''s cases'"], // an apostrophe is doubled
    ["It's Sam's", "'It''s Sam''s'"],
    ["Cases-old", "'Cases-old'"],
    [".hidden", "'.hidden'"],
  ])("quotes %s as %s", (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });
});
