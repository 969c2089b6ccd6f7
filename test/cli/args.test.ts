/**
 * Usage errors as a new user meets them: each names the option as typed, the closest valid one,
 * and points to --help, in one line with balanced quotes; --help lists every alias the parser
 * accepts.
 */
import { parseCommand, USAGE, UsageError } from "../../src/cli/args";

function usageError(args: readonly string[]): string {
  try {
    parseCommand(args);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(args)} was accepted`);
}

describe("every usage error names the option, the closest valid one, and --help", () => {
  test.each([
    // [what was typed, the option or command as typed, the valid one it should name]
    [["validate", "x.xlsx", "--jsn"], "--jsn", "--json"],
    [["validate", "x.xlsx", "--JSON"], "--JSON", "--json"],
    [["validate", "x.xlsx", "-j"], "-j", "--json"],
    [["report", "x.xlsx", "--ot", "y.xlsx"], "--ot", "--out"],
    [["report", "x.xlsx", "--outt", "y.xlsx"], "--outt", "--out"],
    [["report", "x.xlsx", "--out", "y.xlsx", "--froce"], "--froce", "--force"],
    [["report", "x.xlsx", "--out", "y.xlsx", "--previos", "old.xlsx"], "--previos", "--previous"],
    [["template", "x.xlsx", "--forse"], "--forse", "--force"],
    [["--hepl"], "--hepl", "--help"],
    [["--verison"], "--verison", "--version"],
    [["valdate", "x.xlsx"], "valdate", "validate"],
    [["reprot", "x.xlsx", "--out", "y.xlsx"], "reprot", "report"],
    [["validate", "x.xlsx", "--out", "y.xlsx"], "--out", "--json"],
    [["template", "x.xlsx", "--json"], "--json", "--force"],
    [["validate", "x.xlsx", "--json=yes"], "--json=yes", "--json"],
    [["report", "x.xlsx", "--out"], "--out", "--out report.xlsx"],
    [["report", "x.xlsx", "--out", "--json"], "--json", "--out report.xlsx"],
    [["report", "x.xlsx", "--out", "y.xlsx", "--previous"], "--previous", "--previous inspection-2012.xlsx"],
    [["report", "x.xlsx"], "report", "--out <out.xlsx>"],
    [["template", "x.xlsx", "--framework", "sqs-2104"], "sqs-2104", "sqs-2014"],
    [["template", "x.xlsx", "--framework", "hmip-yuoth"], "hmip-yuoth", "hmip-youth"],
    [["template", "x.xlsx", "--framework"], "--framework", "--framework sqs-2014"],
    [["validate", "-starts-with-dash.xlsx"], "-starts-with-dash.xlsx", "validate -- -starts-with-dash.xlsx"],
  ])("%j", (args, typed, valid) => {
    const message = usageError(args);
    expect(message).toContain(typed);
    expect(message).toContain(valid);
    expect(message).toMatch(/Run "inspection-workbook --help" for usage\.$/);
    expect(message).not.toMatch(/\n/);
    // Quotes come in pairs: no half-quoted fragment of another library's message.
    expect((message.match(/"/g) ?? []).length % 2).toBe(0);
    expect(message).not.toContain("'");
  });

  test("an option far from any valid one lists the command's options", () => {
    const message = usageError(["validate", "x.xlsx", "--frobnicate"]);
    expect(message).toContain("--frobnicate");
    expect(message).toMatch(/"validate" takes --json and --help/);
  });
});

describe("--help lists every alias the parser accepts", () => {
  const letters = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];

  test.each(letters)("-%s is either refused as unknown or listed in --help", (letter) => {
    let unknown = false;
    for (const args of [["validate", "x.xlsx", `-${letter}`], ["report", "x.xlsx", "--out", "y.xlsx", `-${letter}`], [`-${letter}`]]) {
      try {
        parseCommand(args);
      } catch (e) {
        if (e instanceof UsageError && /Unknown option/.test(e.message)) unknown = true;
      }
    }
    if (!unknown) expect(USAGE).toMatch(new RegExp(`(^|[\\s|])-${letter}[,\\s]`, "m"));
  });

  test("the aliases in use are all there, beside their long names", () => {
    expect(USAGE).toMatch(/-o, --out <out\.xlsx>/);
    expect(USAGE).toMatch(/-h, --help/);
    expect(USAGE).toMatch(/-v, --version/);
    expect(parseCommand(["report", "in.xlsx", "-o", "out.xlsx"])).toMatchObject({ kind: "report", out: "out.xlsx" });
    expect(parseCommand(["-h"])).toEqual({ kind: "help" });
    expect(parseCommand(["-v"])).toEqual({ kind: "version" });
  });
});

test("--help: every option's placeholder stands apart from its help text (at least two spaces or a new line)", () => {
  const options = USAGE.slice(USAGE.indexOf("Options:"), USAGE.indexOf("Exit codes:"));
  for (const placeholder of options.match(/<[^>]+>/g) ?? []) {
    expect({ placeholder, followedBy: options.slice(options.indexOf(placeholder) + placeholder.length).match(/^(\s*)/)![1]!.length >= 2 || /^\n/.test(options.slice(options.indexOf(placeholder) + placeholder.length)) }).toEqual({ placeholder, followedBy: true });
  }
});

describe("valid command lines still parse", () => {
  test.each([
    [["report", "in.xlsx", "--out", "out.xlsx", "--json"], { kind: "report", input: "in.xlsx", out: "out.xlsx", json: true, force: false, previous: null }],
    [["report", "--out=out.xlsx", "in.xlsx", "--force"], { kind: "report", input: "in.xlsx", out: "out.xlsx", json: false, force: true, previous: null }],
    [["report", "in.xlsx", "--previous", "old.xlsx", "-o", "out.xlsx"], { kind: "report", input: "in.xlsx", out: "out.xlsx", json: false, force: false, previous: "old.xlsx" }],
    [["validate", "--", "-x.xlsx"], { kind: "validate", input: "-x.xlsx", json: false }],
    [["template", "t.xlsx", "--force"], { kind: "template", out: "t.xlsx", force: true, framework: "sqs-2014", criterionNotes: true }],
    [["template", "--framework", "SQS-2014", "t.xlsx"], { kind: "template", out: "t.xlsx", force: false, framework: "sqs-2014", criterionNotes: true }],
    [["template", "t.xlsx", "--framework", "HMIP-Youth"], { kind: "template", out: "t.xlsx", force: false, framework: "hmip-youth", criterionNotes: true }],
    [["template", "t.xlsx", "--no-criterion-notes"], { kind: "template", out: "t.xlsx", force: false, framework: "sqs-2014", criterionNotes: false }],
    [["help"], { kind: "help" }],
    [["validate", "x.xlsx", "--help"], { kind: "help" }],
  ])("%j", (args, expected) => {
    expect(parseCommand(args)).toEqual(expected);
  });
});
