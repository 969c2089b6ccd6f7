/**
 * Command-line arguments: which command, its file arguments and flags. A misuse is a
 * {@link UsageError} with one line saying what to type instead.
 */
import { parseArgs } from "node:util";

export type Command =
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "template"; readonly out: string; readonly force: boolean }
  | { readonly kind: "validate"; readonly input: string; readonly json: boolean }
  | { readonly kind: "report"; readonly input: string; readonly out: string; readonly json: boolean };

/** A command line that cannot be run as typed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const PROGRAM = "inspection-workbook";

export const USAGE = `Usage:
  ${PROGRAM} template <out.xlsx> [--force]
      Write a new, empty inspection workbook (Cases table with dropdowns, Interviews,
      Criteria and Settings sheets). --force replaces an existing file.
  ${PROGRAM} validate <in.xlsx> [--json]
      Check every case row against the criteria and list the issues.
  ${PROGRAM} report <in.xlsx> --out <out.xlsx> [--json]
      Write a copy of the workbook with the Summary and Strengths & improvements
      sheets. The input file is never modified.
  ${PROGRAM} --help | --version

Exit codes:
  0  done, no errors (warnings allowed)
  1  errors found in the workbook (report: still written, errors listed)
  2  the file cannot be used (missing, not an .xlsx, damaged, no Cases sheet),
     or the command line is not valid

--json prints one JSON document on standard output.
`;

const HINT = `Run "${PROGRAM} --help" for usage.`;

/**
 * Parses the arguments after the program name.
 * @example parseCommand(["report", "in.xlsx", "--out", "out.xlsx"]) // { kind: "report", ... }
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        json: { type: "boolean" },
        force: { type: "boolean" },
        out: { type: "string", short: "o" },
      },
    });
  } catch (e) {
    const text = e instanceof Error ? e.message.split("\n")[0]!.trim() : String(e);
    throw new UsageError(`${text.replace(/\.$/, "")}. ${HINT}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  const [name, ...files] = positionals;
  if (values.version && name === undefined) return { kind: "version" };
  if (name === undefined) throw new UsageError(`No command given. ${HINT}`);

  const onlyFlags = (allowed: readonly string[]): void => {
    for (const flag of ["json", "force", "out", "version"] as const) {
      if (values[flag] !== undefined && !allowed.includes(flag)) throw new UsageError(`--${flag} cannot be used with "${name}". ${HINT}`);
    }
  };
  const oneFile = (what: string): string => {
    if (files.length === 0) throw new UsageError(`"${name}" needs ${what}. ${HINT}`);
    if (files.length > 1) throw new UsageError(`"${name}" takes one file; got ${files.length} (${files.map((f) => `"${f}"`).join(", ")}). ${HINT}`);
    const file = files[0]!;
    if (file.trim() === "") throw new UsageError(`The file name is empty. ${HINT}`);
    return file;
  };

  switch (name) {
    case "help":
      return { kind: "help" };
    case "template":
      onlyFlags(["force"]);
      return { kind: "template", out: oneFile("the name of the workbook to create, such as inspection.xlsx"), force: values.force ?? false };
    case "validate":
      onlyFlags(["json"]);
      return { kind: "validate", input: oneFile("the workbook to check, such as inspection.xlsx"), json: values.json ?? false };
    case "report": {
      onlyFlags(["json", "out"]);
      const input = oneFile("the workbook to report on, such as inspection.xlsx");
      const out = values.out;
      if (out === undefined) throw new UsageError(`"report" needs --out <out.xlsx>, the copy to write. ${HINT}`);
      if (out.trim() === "") throw new UsageError(`--out needs a file name, such as report.xlsx. ${HINT}`);
      return { kind: "report", input, out, json: values.json ?? false };
    }
    default:
      throw new UsageError(`Unknown command "${name}"; the commands are template, validate and report. ${HINT}`);
  }
}
