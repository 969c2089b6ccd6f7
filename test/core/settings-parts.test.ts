/**
 * The Settings sheet, part by part: every setting read the ways people type it, each bad value
 * answered with the sheet, the cell and what to enter instead, and the values the template writes.
 * Expected values are worked out by hand from docs/workbook.md ("The Settings sheet") and the
 * help line of each row.
 */
import { DEFAULT_SETTINGS, readDate, readPercent, readSettings, settingDisplayValue, SETTING_ROWS, type CellValue, type Grid, type Issue, type Settings } from "../../src/core";
import { makeGrid } from "../helpers/grids";

/** A Settings sheet with its header row on row 1, so the first setting is on row 2. */
const sheet = (rows: CellValue[][]): Grid => makeGrid([["Setting", "Value"], ...rows], { sheet: "Settings" });

/** Settings other than the defaults in every row. */
const own: Settings = {
  serviceName: "Northbrook YJS",
  inspectionStart: "2026-01-05",
  inspectionEnd: "2026-01-16",
  strengthThreshold: 75,
  improvementThreshold: 60,
  ratingScheme: "hmip-2018",
  minRelevant: 5,
  redact: true,
  phrases: { nearMargin: 0.03, vastMajority: 0.9, smallMinority: 0.15, wordsUpTo: 12, allButUpTo: 2 },
};

const brief = (issues: readonly Issue[]): [string, string, string | null, string][] => issues.map((i) => [i.code, i.sheet, i.cell, i.message]);

describe("readPercent: a percentage typed any common way", () => {
  it("reads a number formatted as % (0–1) and a plain number of percent", () => {
    expect(readPercent(0.75)).toBe(75);
    expect(readPercent(1)).toBe(100);
    expect(readPercent(0)).toBe(0);
    expect(readPercent(80)).toBe(80);
    expect(readPercent(100)).toBe(100);
  });

  it("reads text: with a % sign as written, without one as a fraction up to 1", () => {
    expect(readPercent("80%")).toBe(80);
    expect(readPercent("0.5%")).toBe(0.5);
    expect(readPercent("1%")).toBe(1);
    expect(readPercent("100%")).toBe(100);
    expect(readPercent("0.75")).toBe(75);
    expect(readPercent("0.05")).toBe(5);
    expect(readPercent("1")).toBe(100);
    expect(readPercent("50")).toBe(50);
    expect(readPercent("0")).toBe(0);
  });

  it("allows spaces around the number and the sign", () => {
    expect(readPercent(" 80 % ")).toBe(80);
    expect(readPercent("80 %")).toBe(80);
    expect(readPercent("80% ")).toBe(80);
    expect(readPercent("\t65%")).toBe(65);
  });

  it("refuses anything that is not a percentage from 0 to 100", () => {
    expect(readPercent(150)).toBeNull();
    expect(readPercent(100.5)).toBeNull();
    expect(readPercent("101%")).toBeNull();
    expect(readPercent(-5)).toBeNull();
    expect(readPercent(-0.05)).toBeNull();
    expect(readPercent("-5%")).toBeNull();
    expect(readPercent("about 80%")).toBeNull();
    expect(readPercent("80% or so")).toBeNull();
    expect(readPercent("80%x")).toBeNull();
    expect(readPercent("8 0%")).toBeNull();
    expect(readPercent("lots")).toBeNull();
    expect(readPercent(Number.POSITIVE_INFINITY)).toBeNull();
    expect(readPercent(Number.NaN)).toBeNull();
    expect(readPercent(true)).toBeNull();
    expect(readPercent(null)).toBeNull();
    expect(readPercent({ error: "#N/A" })).toBeNull();
  });
});

describe("readDate: a date cell as yyyy-mm-dd, other text as written", () => {
  it("turns an Excel date serial into its date", () => {
    expect(readDate(41806)).toBe("2014-06-16");
    expect(readDate(61)).toBe("1900-03-01");
    // 31 December 9999, the last day Excel has.
    expect(readDate(2958465)).toBe("9999-12-31");
  });

  it("keeps a number that is no Excel date as written", () => {
    expect(readDate(0)).toBe("0");
    expect(readDate(-3)).toBe("-3");
    expect(readDate(2958466)).toBe("2958466");
    expect(readDate(1e12)).toBe("1000000000000");
  });

  it("reads a date as the readers pass it, an ISO time at midnight, as its day", () => {
    expect(readDate("2014-06-18T00:00:00.000Z")).toBe("2014-06-18");
    expect(readDate("2014-06-18T00:00:00Z")).toBe("2014-06-18");
    expect(readDate("2014-06-18T00:00:00")).toBe("2014-06-18");
    expect(readDate("2014-06-18T00:00:00.000")).toBe("2014-06-18");
    expect(readDate(" 2014-06-18T00:00:00Z ")).toBe("2014-06-18");
  });

  it("keeps other text as written, trimmed", () => {
    expect(readDate(" 2014-06-18 ")).toBe("2014-06-18");
    expect(readDate(" 18 June 2014 ")).toBe("18 June 2014");
    expect(readDate("Week of 2014-06-18T00:00:00Z")).toBe("Week of 2014-06-18T00:00:00Z");
    expect(readDate("2014-06-18T00:00:00Z (Mon)")).toBe("2014-06-18T00:00:00Z (Mon)");
    expect(readDate("2014-06-18T09:30:00.000Z")).toBe("2014-06-18T09:30:00.000Z");
    expect(readDate("14-06-18T00:00:00Z")).toBe("14-06-18T00:00:00Z");
    expect(readDate("2014-6-18T00:00:00Z")).toBe("2014-6-18T00:00:00Z");
    expect(readDate("2014-06-8T00:00:00Z")).toBe("2014-06-8T00:00:00Z");
  });

  it("reads nothing from an empty or blank cell", () => {
    expect(readDate(null)).toBeNull();
    expect(readDate("")).toBeNull();
    expect(readDate("   ")).toBeNull();
  });
});

describe("readSettings: the sheet's rows", () => {
  it("reads every setting typed as the docs show", () => {
    const { settings, issues } = readSettings(
      sheet([
        ["Service name", "Northbrook YJS"],
        ["Inspection start", "2026-01-05T00:00:00.000Z"],
        ["Inspection end", 46038],
        ["Strength threshold", "75%"],
        ["Improvement threshold", 0.6],
        ["Rating scheme", "HMI Probation 2018"],
        ["Minimum relevant cases", 5],
        ["Redact case IDs and names", "Yes"],
        ["Just under/over margin", "3%"],
        ["Vast majority from", 0.9],
        ["Small minority below", "15%"],
        ["Counts in words up to", 12],
        ["All but up to", "2"],
      ]),
    );
    expect(issues).toEqual([]);
    expect(settings).toEqual(own);
  });

  it("skips blank rows and blank values, keeping the defaults without a word", () => {
    const { settings, issues } = readSettings(
      sheet([
        [null, null],
        ["", "stray"],
        ["Strength threshold", null],
        ["Improvement threshold", "   "],
        ["Rating scheme", ""],
        ["Redact case IDs and names", null],
        ["Counts in words up to", "  "],
      ]),
    );
    expect(issues).toEqual([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it("uses the first of two rows for the same setting", () => {
    const { settings, issues } = readSettings(sheet([["Strength threshold", 0.7], ["strength  THRESHOLD", 0.9], ["Strength threshold", "lots"]]));
    expect(issues).toEqual([]);
    expect(settings.strengthThreshold).toBe(70);
  });

  it("names an unknown setting as typed, trimmed, at its label cell", () => {
    const { issues } = readSettings(makeGrid([["Setting", "Value"], ["  Colour ", "blue"]], { sheet: "Settings", top: 3, left: 2 }));
    expect(brief(issues)).toEqual([
      ["unknown-setting", "Settings", "C5", `"Colour" is not a setting this workbook uses; it is ignored. Check the spelling against the template's Settings sheet.`],
    ]);
  });

  it("gives no cell for a table's column names when its header row is off the sheet", () => {
    // An Excel table with its header row turned off, starting on row 1: rows[0] has no cell.
    const { issues } = readSettings(makeGrid([["Colour", "Value"], ["Strength threshold", "lots"]], { sheet: "Settings", top: -1 }));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["unknown-setting", null],
      ["invalid-setting", "B1"],
    ]);
  });

  it("reads the thresholds at the edges and refuses them outside 0–100%", () => {
    expect(readSettings(sheet([["Strength threshold", "100%"], ["Improvement threshold", 0]])).settings).toMatchObject({ strengthThreshold: 100, improvementThreshold: 0 });
    const { settings, issues } = readSettings(sheet([["Strength threshold", "lots"], ["Improvement threshold", 150]]));
    expect(settings).toMatchObject({ strengthThreshold: 80, improvementThreshold: 65 });
    expect(brief(issues)).toEqual([
      ["invalid-setting", "Settings", "B2", `Strength threshold "lots" cannot be used, so the default applies. Enter a percentage between 0% and 100%, such as 80%.`],
      ["invalid-setting", "Settings", "B3", `Improvement threshold "150" cannot be used, so the default applies. Enter a percentage between 0% and 100%, such as 80%.`],
    ]);
  });

  it("quotes an error value by its Excel name", () => {
    const { issues } = readSettings(sheet([["Strength threshold", { error: "#REF!" }]]));
    expect(issues.map((i) => i.message)).toEqual([`Strength threshold "#REF!" cannot be used, so the default applies. Enter a percentage between 0% and 100%, such as 80%.`]);
  });

  it("allows the improvement threshold to equal the strength threshold", () => {
    const { settings, issues } = readSettings(sheet([["Strength threshold", "70%"], ["Improvement threshold", "70%"]]));
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({ strengthThreshold: 70, improvementThreshold: 70 });
  });

  it("refuses an improvement threshold above the strength threshold, and puts both back to their defaults", () => {
    const { settings, issues } = readSettings(sheet([["Strength threshold", "70%"], ["Improvement threshold", "90%"]]));
    expect(settings).toMatchObject({ strengthThreshold: 80, improvementThreshold: 65 });
    expect(brief(issues)).toEqual([
      [
        "invalid-setting",
        "Settings",
        null,
        `Improvement threshold "90%" cannot be used, so the default applies. Enter a percentage no higher than the strength threshold (70%).`,
      ],
    ]);
    expect(issues[0]!.severity).toBe("warning");
  });

  it("reads the rating scheme by its names, tolerant of case and spacing", () => {
    const scheme = (value: CellValue): [Settings["ratingScheme"], number] => {
      const { settings, issues } = readSettings(sheet([["Rating scheme", value]]));
      return [settings.ratingScheme, issues.length];
    };
    expect(scheme("None")).toEqual(["none", 0]);
    expect(scheme("no")).toEqual(["none", 0]);
    expect(scheme("HMI Probation 2018")).toEqual(["hmip-2018", 0]);
    expect(scheme("  hmi  probation   2018 ")).toEqual(["hmip-2018", 0]);
    expect(scheme("HMIP 2018")).toEqual(["hmip-2018", 0]);
    expect(scheme("HMI Probation")).toEqual(["hmip-2018", 0]);
    expect(scheme("Stars")).toEqual(["none", 1]);
    expect(scheme("HMIP2018")).toEqual(["none", 1]);
  });

  it("tells what rating scheme to enter instead", () => {
    const { issues } = readSettings(sheet([["Rating scheme", "Stars"]]));
    expect(brief(issues)).toEqual([["invalid-setting", "Settings", "B2", `Rating scheme "Stars" cannot be used, so the default applies. Enter None or HMI Probation 2018.`]]);
  });

  it("reads the minimum relevant cases: a whole number from 1 to 1,000, or None", () => {
    const min = (value: CellValue): [number | null, number] => {
      const { settings, issues } = readSettings(sheet([["Minimum relevant cases", value]]));
      return [settings.minRelevant, issues.length];
    };
    expect(min(1)).toEqual([1, 0]);
    expect(min("5")).toEqual([5, 0]);
    expect(min(1000)).toEqual([1000, 0]);
    expect(min("None")).toEqual([null, 0]);
    expect(min(" none ")).toEqual([null, 0]);
    expect(min("No")).toEqual([null, 0]);
    expect(min(0)).toEqual([null, 1]);
    expect(min(1001)).toEqual([null, 1]);
    expect(min(2.5)).toEqual([null, 1]);
    expect(min("a few")).toEqual([null, 1]);
  });

  it("tells what minimum to enter instead", () => {
    const { issues } = readSettings(sheet([["Minimum relevant cases", 0]]));
    expect(brief(issues)).toEqual([
      ["invalid-setting", "Settings", "B2", `Minimum relevant cases "0" cannot be used, so the default applies. Enter a whole number of cases, such as 5, or leave it blank for no minimum.`],
    ]);
  });

  it("reads redaction as Yes or No, and tells what to enter instead", () => {
    expect(readSettings(sheet([["Redact case IDs and names", "No"]])).settings.redact).toBe(false);
    expect(readSettings(sheet([["Redact case IDs and names", "y"]])).settings.redact).toBe(true);
    const { settings, issues } = readSettings(sheet([["Redact case IDs and names", "maybe"]]));
    expect(settings.redact).toBe(false);
    expect(brief(issues)).toEqual([["invalid-setting", "Settings", "B2", `Redact case IDs and names "maybe" cannot be used, so the default applies. Enter Yes or No.`]]);
  });

  it("reads the phrase bands as percentages, typed as 0.05 or 5%", () => {
    const { settings, issues } = readSettings(sheet([["Just under/over margin", 0.1], ["Vast majority from", "80%"], ["Small minority below", 0.25]]));
    expect(issues).toEqual([]);
    expect(settings.phrases).toEqual({ nearMargin: 0.1, vastMajority: 0.8, smallMinority: 0.25, wordsUpTo: 10, allButUpTo: 3 });
    expect(readSettings(sheet([["Small minority below", "15%"]])).settings.phrases.smallMinority).toBeCloseTo(0.15, 12);
  });

  it("tells what phrase band to enter instead", () => {
    const { settings, issues } = readSettings(sheet([["Small minority below", "a few"]]));
    expect(settings.phrases.smallMinority).toBe(0.2);
    expect(brief(issues)).toEqual([["invalid-setting", "Settings", "B2", `Small minority below "a few" cannot be used, so the default applies. Enter a percentage, such as 5%.`]]);
  });

  it("reads the counts in words and all-but limits as whole numbers from 0 to 100", () => {
    const limits = (value: CellValue): [number, number, number] => {
      const { settings, issues } = readSettings(sheet([["Counts in words up to", value], ["All but up to", value]]));
      return [settings.phrases.wordsUpTo, settings.phrases.allButUpTo, issues.length];
    };
    expect(limits(0)).toEqual([0, 0, 0]);
    expect(limits(100)).toEqual([100, 100, 0]);
    expect(limits(" 7 ")).toEqual([7, 7, 0]);
    expect(limits(2.5)).toEqual([10, 3, 2]);
    expect(limits(-1)).toEqual([10, 3, 2]);
    expect(limits(101)).toEqual([10, 3, 2]);
    expect(limits("ten")).toEqual([10, 3, 2]);
  });

  it("tells what count to enter instead", () => {
    const { issues } = readSettings(sheet([["All but up to", 101]]));
    expect(brief(issues)).toEqual([["invalid-setting", "Settings", "B2", `All but up to "101" cannot be used, so the default applies. Enter a whole number from 0 to 100.`]]);
  });
});

describe("settingDisplayValue: what the template writes", () => {

  it("writes each setting as a person would type it (percentages as fractions of a % cell)", () => {
    const written = Object.fromEntries(SETTING_ROWS.map((r) => [r.label, settingDisplayValue(own, r.key)]));
    expect(written).toEqual({
      "Service name": "Northbrook YJS",
      "Inspection start": "2026-01-05",
      "Inspection end": "2026-01-16",
      "Strength threshold": 0.75,
      "Improvement threshold": 0.6,
      "Rating scheme": "HMI Probation 2018",
      "Minimum relevant cases": 5,
      "Redact case IDs and names": "Yes",
      "Just under/over margin": 0.03,
      "Vast majority from": 0.9,
      "Small minority below": 0.15,
      "Counts in words up to": 12,
      "All but up to": 2,
    });
  });

  it("writes the defaults", () => {
    const written = Object.fromEntries(SETTING_ROWS.map((r) => [r.label, settingDisplayValue(DEFAULT_SETTINGS, r.key)]));
    expect(written).toEqual({
      "Service name": "",
      "Inspection start": null,
      "Inspection end": null,
      "Strength threshold": 0.8,
      "Improvement threshold": 0.65,
      "Rating scheme": "None",
      "Minimum relevant cases": null,
      "Redact case IDs and names": "No",
      "Just under/over margin": 0.05,
      "Vast majority from": 0.85,
      "Small minority below": 0.2,
      "Counts in words up to": 10,
      "All but up to": 3,
    });
  });

  it("writes what reads back as the same settings", () => {
    const { settings, issues } = readSettings(sheet(SETTING_ROWS.map((r) => [r.label, settingDisplayValue(own, r.key)])));
    expect(issues).toEqual([]);
    expect(settings).toEqual(own);
  });
});
