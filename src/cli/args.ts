/**
 * Command-line arguments: which command, its file arguments and options. The commands and
 * options are two tables; the parser and `--help` are both made from them, so every alias the
 * parser accepts is listed in the help. A misuse is a {@link UsageError} with one line naming the
 * option as typed, the closest valid one, and `--help`.
 */
import { parseArgs } from "node:util";
import { BUILT_IN_FRAMEWORKS, DEFAULT_FRAMEWORK_ID, parseFrameworkId, type FrameworkId } from "../core";

export type Command =
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "template"; readonly out: string; readonly force: boolean; readonly framework: FrameworkId; readonly criterionNotes: boolean }
  | { readonly kind: "validate"; readonly input: string; readonly json: boolean }
  | { readonly kind: "report"; readonly input: string; readonly out: string; readonly json: boolean; readonly force: boolean; readonly previous: string | null }
  | { readonly kind: "check-text"; readonly input: string; readonly draft: string; readonly json: boolean }
  | {
      readonly kind: "rollup";
      readonly inputs: readonly string[];
      /** A folder whose .xlsx workbooks are rolled up too; null when not given. */
      readonly dir: string | null;
      readonly out: string;
      readonly json: boolean;
      readonly force: boolean;
    };

/** A command line that cannot be run as typed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const PROGRAM = "inspection-workbook";

/** An option: its long name, its one-letter alias if any, the value it takes, and what it does. */
export interface OptionSpec {
  readonly long: string;
  readonly short?: string;
  /** The value's placeholder, for options that take one. */
  readonly value?: string;
  /** What its value is, and an example, for "needs …" errors (default: a file name). */
  readonly needs?: { readonly what: string; readonly example: string };
  readonly help: string;
}

const FRAMEWORK_IDS = Object.keys(BUILT_IN_FRAMEWORKS);

/** Every option the command line accepts. */
export const OPTIONS = {
  out: { long: "out", short: "o", value: "<out.xlsx>", help: "report: the copy to write; rollup: the roll-up workbook" },
  previous: {
    long: "previous",
    value: "<old.xlsx>",
    needs: { what: "the name of an earlier inspection workbook", example: "inspection-2012.xlsx" },
    help: "report: compare with this earlier inspection (its figures are kept in the report)",
  },
  dir: { long: "dir", value: "<folder>", needs: { what: "a folder name", example: "inspections" }, help: "rollup: every .xlsx workbook in this folder" },
  json: { long: "json", help: "validate, report, check-text, rollup: print one JSON document on standard output" },
  force: { long: "force", help: "template, report, rollup: replace an existing file" },
  framework: {
    long: "framework",
    value: `<${FRAMEWORK_IDS.join("|")}>`,
    needs: { what: "the name of a built-in framework", example: DEFAULT_FRAMEWORK_ID },
    help: `template: the built-in framework to write (default ${DEFAULT_FRAMEWORK_ID})`,
  },
  "no-criterion-notes": { long: "no-criterion-notes", help: "template: leave out the notes column after each criterion (written folded away)" },
  help: { long: "help", short: "h", help: "print this help" },
  version: { long: "version", short: "v", help: "print the version number" },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type OptionName = keyof typeof OPTIONS;

/** A file argument: its placeholder in the help, and what it is for "needs …" errors. */
export interface FileSpec {
  readonly placeholder: string;
  readonly needs: string;
}

/** A command: its name, the files it needs, the options it takes, and what it does. */
export interface CommandSpec {
  readonly name: "template" | "validate" | "report" | "check-text" | "rollup";
  /** The file arguments, in order. */
  readonly files: readonly FileSpec[];
  /** The last file argument may be repeated, or left out when this option is given. */
  readonly repeatLast?: { readonly orOption: OptionName };
  readonly options: readonly OptionName[];
  /** Options it must have. */
  readonly required?: readonly OptionName[];
  readonly help: readonly string[];
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "template",
    files: [{ placeholder: "<out.xlsx>", needs: "the name of the workbook to create, such as inspection.xlsx" }],
    options: ["framework", "no-criterion-notes", "force"],
    help: [
      "Write a new, empty inspection workbook (Cases table with dropdowns, Interviews,",
      `Criteria and Settings sheets) for a built-in framework: ${FRAMEWORK_IDS.join(" or ")}`,
      `(default ${DEFAULT_FRAMEWORK_ID}). After each criterion's column is a notes column`,
      `("2.1 Notes"), folded away: the + above the next column shows it.`,
      "--no-criterion-notes leaves them out. --force replaces an existing file.",
    ],
  },
  {
    name: "validate",
    files: [{ placeholder: "<in.xlsx>", needs: "the workbook to check, such as inspection.xlsx" }],
    options: ["json"],
    help: ["Check every case row against the criteria and list the issues."],
  },
  {
    name: "report",
    files: [{ placeholder: "<in.xlsx>", needs: "the workbook to report on, such as inspection.xlsx" }],
    options: ["out", "previous", "json", "force"],
    required: ["out"],
    help: [
      "Write a copy of the workbook with the Summary, Strengths & improvements and",
      "Action plan sheets. The input file is never modified. An existing <out.xlsx> is",
      "replaced only when it is a report this tool wrote and is not open in Excel or",
      "LibreOffice; --force replaces it in any case. --previous compares with an",
      "earlier inspection and keeps its figures in the report's Previous inspection",
      "sheet, so later reports compare without it.",
    ],
  },
  {
    name: "check-text",
    files: [
      { placeholder: "<in.xlsx>", needs: "the workbook, such as inspection.xlsx" },
      { placeholder: "<draft.docx|.txt|.md>", needs: "the draft report, such as draft.docx" },
    ],
    options: ["json"],
    help: [
      "Check every count and proportion in a drafted report (Word .docx, text or",
      "Markdown) against the workbook's counts: agrees, disagrees (with the counts",
      "and the wording the report would use) or unmatched. Exit 1 if any disagrees.",
    ],
  },
  {
    name: "rollup",
    files: [{ placeholder: "<in.xlsx>...", needs: "the workbooks to roll up, or --dir and a folder" }],
    repeatLast: { orOption: "dir" },
    options: ["dir", "out", "json", "force"],
    required: ["out"],
    help: [
      "Set several inspection workbooks side by side in one new workbook: each",
      "service's section and overall figures, every criterion across services with",
      "the pooled figure, median and range, a chart of section scores, and where",
      "each figure came from. Each workbook is checked as validate checks it; one",
      "that cannot be used, or the same inspection given twice, is listed and left",
      "out. Exit 1 if any was left out or has errors, 2 if none can be used.",
    ],
  },
];

const HINT = `Run "${PROGRAM} --help" for usage.`;

function optionSynopsis(name: OptionName, required: boolean): string {
  const o: OptionSpec = OPTIONS[name];
  const text = o.value ? `--${o.long} ${o.value}` : `--${o.long}`;
  return required ? text : `[${text}]`;
}

function commandSynopsis(c: CommandSpec): string {
  const either = c.repeatLast?.orOption;
  const options = c.options.map((o) => (o === either ? `| ${optionSynopsis(o, true)}` : optionSynopsis(o, c.required?.includes(o) ?? false)));
  return [PROGRAM, c.name, ...c.files.map((f) => f.placeholder), ...options].join(" ");
}

/** The column the options' help starts at; a longer name puts its help on the next line. */
const OPTION_HELP_COLUMN = 22;

function optionLine(o: OptionSpec): string {
  const names = `${o.short ? `-${o.short}, ` : "    "}--${o.long}${o.value ? ` ${o.value}` : ""}`;
  if (names.length >= OPTION_HELP_COLUMN - 1) return `  ${names}\n  ${" ".repeat(OPTION_HELP_COLUMN)}${o.help}`;
  return `  ${names.padEnd(OPTION_HELP_COLUMN)}${o.help}`;
}

/** The text `--help` prints, made from the tables above. */
export const USAGE = `Usage:
${COMMANDS.map((c) => `  ${commandSynopsis(c)}\n${c.help.map((l) => `      ${l}`).join("\n")}`).join("\n")}
  ${PROGRAM} --help | -h | help
  ${PROGRAM} --version | -v

Options:
${Object.values(OPTIONS).map(optionLine).join("\n")}
  --                    everything after it is a file name, even if it starts with -

Exit codes:
  0  done, no errors (warnings allowed)
  1  errors found in the workbook (report: still written, errors listed;
     check-text: a statement in the draft disagrees with the counts;
     rollup: a workbook was left out or has errors)
  2  a file cannot be used (missing, not an .xlsx or .docx, damaged, no Cases sheet;
     rollup: none of the workbooks can be used),
     the output cannot be replaced, or the command line is not valid

--json prints one JSON document on standard output.
`;

/**
 * The edit distance between two words (insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count one).
 * @example editDistance("jsn", "json") // 1
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to what was typed, when it is near enough to be what was meant.
 * @example closest("valdate", ["template", "validate", "report"]) // "validate"
 */
export function closest(typed: string, candidates: readonly string[]): string | null {
  const word = typed.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = c.startsWith(word) || word.startsWith(c) ? Math.min(1, editDistance(word, c)) : editDistance(word, c);
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.ceil(word.length / 3)) ? best : null;
}

const listed = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);
const COMMAND_NAMES = ["template", "validate", "report", "check-text", "rollup"] as const;

/** The options valid for a command (or before one), as typed on a command line. */
function optionsFor(command: CommandSpec | null): OptionSpec[] {
  return command ? [...command.options.map((o) => OPTIONS[o]), OPTIONS.help] : [OPTIONS.help, OPTIONS.version];
}

/** The line for an option nobody defined, naming the closest valid one. */
function unknownOption(typed: string, command: CommandSpec | null): UsageError {
  const where = command ? ` for "${command.name}"` : "";
  if (!typed.startsWith("--") && /[./\\]/.test(typed)) {
    const example = [PROGRAM, command?.name ?? "validate", "--", typed].join(" ");
    return new UsageError(`Unknown option ${typed}${where}; a file name that starts with - goes after --, as in: ${example}. ${HINT}`);
  }
  const valid = optionsFor(command);
  const name = typed.replace(/^-+/, "").split("=")[0]!;
  const guess = typed.startsWith("--")
    ? closest(name, valid.map((o) => o.long))
    : (valid.find((o) => ("short" in o && o.short === name.toLowerCase()) || o.long.startsWith(name.toLowerCase()))?.long ?? null);
  const suggestion = guess ? `did you mean --${guess}?` : `${command ? `"${command.name}" takes` : "the options are"} ${listed(valid.map((o) => `--${o.long}`))}.`;
  return new UsageError(`Unknown option ${typed}${where}; ${suggestion} ${HINT}`);
}

/**
 * Parses the arguments after the program name.
 * @example parseCommand(["report", "in.xlsx", "--out", "out.xlsx"]) // { kind: "report", ... }
 */
export function parseCommand(argv: readonly string[]): Command {
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(Object.entries(OPTIONS).map(([key, o]: [string, OptionSpec]) => [key, { type: o.value ? "string" : "boolean", ...(o.short ? { short: o.short } : {}) }])),
  });
  const positionals = tokens.flatMap((t) => (t.kind === "positional" ? [t.value] : []));
  const [name, ...files] = positionals;
  const command = COMMANDS.find((c) => c.name === name) ?? null;
  const values = new Map<OptionName, string | true>();

  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const typed = argv[t.index] ?? t.rawName;
    const key = (Object.keys(OPTIONS) as OptionName[]).find((k) => k === t.name);
    if (!key) throw unknownOption(t.rawName.startsWith("--") ? typed.split("=")[0]! : typed, command);
    const spec: OptionSpec = OPTIONS[key];
    if (command && key !== "help" && !command.options.includes(key)) {
      const owners = COMMANDS.filter((c) => c.options.includes(key)).map((c) => `"${c.name}"`);
      const takes = command.options.map((o) => `--${o}`);
      throw new UsageError(
        `--${spec.long} cannot be used with "${command.name}"${takes.length ? `, which takes ${listed(takes)}` : ""}; --${spec.long} is for ${owners.length ? listed(owners) : "use on its own"}. ${HINT}`,
      );
    }
    let value: string | true = true;
    if (spec.value) {
      const given = t.value;
      const needs = spec.needs ?? { what: "a file name", example: "report.xlsx" };
      const example = `such as --${spec.long} ${needs.example}`;
      if (given === undefined || given.trim() === "") throw new UsageError(`--${spec.long} needs ${needs.what} after it, ${example}. ${HINT}`);
      if (!t.inlineValue && /^--?[a-z]/i.test(given) && closest(given.replace(/^-+/, ""), Object.keys(OPTIONS)) !== null) {
        throw new UsageError(`--${spec.long} needs ${needs.what} after it, not the option ${given}, ${example}. ${HINT}`);
      }
      value = given;
    } else if (t.value !== undefined) {
      throw new UsageError(`--${spec.long} takes no value; write --${spec.long} alone, not ${typed}. ${HINT}`);
    }
    const earlier = values.get(key);
    if (earlier !== undefined && earlier !== value) throw new UsageError(`--${spec.long} is given twice; give it once. ${HINT}`);
    values.set(key, value);
  }

  if (values.has("help") || name === "help") return { kind: "help" };
  if (values.has("version")) {
    if (name === undefined) return { kind: "version" };
    throw new UsageError(`--version cannot be used with "${name}"; run "${PROGRAM} --version" on its own. ${HINT}`);
  }
  if (name === undefined) throw new UsageError(`No command given; the commands are ${listed([...COMMAND_NAMES])}. ${HINT}`);
  if (!command) {
    const guess = closest(name, COMMAND_NAMES);
    throw new UsageError(`Unknown command "${name}"; ${guess ? `did you mean "${guess}"? The commands are` : "the commands are"} ${listed([...COMMAND_NAMES])}. ${HINT}`);
  }

  const repeatable = command.repeatLast !== undefined;
  const missing = repeatable && values.has(command.repeatLast.orOption) ? undefined : command.files[files.length];
  if (missing) throw new UsageError(`"${command.name}" needs ${missing.needs}: ${commandSynopsis(command)}. ${HINT}`);
  if (!repeatable && files.length > command.files.length) {
    const takes = command.files.length === 1 ? "one file" : `${command.files.length} files`;
    throw new UsageError(`"${command.name}" takes ${takes}; got ${files.length} (${files.map((f) => `"${f}"`).join(", ")}). ${HINT}`);
  }
  if (files.some((f) => f.trim() === "")) throw new UsageError(`The file name is empty: ${commandSynopsis(command)}. ${HINT}`);
  const file = files[0] ?? "";
  for (const required of command.required ?? []) {
    if (!values.has(required)) throw new UsageError(`"${command.name}" needs --${required}: ${commandSynopsis(command)}. ${HINT}`);
  }
  const flag = (k: OptionName): boolean => values.get(k) === true;
  switch (command.name) {
    case "template": {
      const typed = values.get("framework");
      const framework = typeof typed === "string" ? parseFrameworkId(typed) : DEFAULT_FRAMEWORK_ID;
      if (framework === null) {
        const guess = closest(String(typed), FRAMEWORK_IDS);
        throw new UsageError(`Unknown framework "${String(typed)}"; ${guess ? `did you mean ${guess}? ` : ""}the built-in frameworks are ${listed(FRAMEWORK_IDS)}. ${HINT}`);
      }
      return { kind: "template", out: file, force: flag("force"), framework, criterionNotes: !flag("no-criterion-notes") };
    }
    case "validate":
      return { kind: "validate", input: file, json: flag("json") };
    case "report":
      return { kind: "report", input: file, out: String(values.get("out")), json: flag("json"), force: flag("force"), previous: typeof values.get("previous") === "string" ? String(values.get("previous")) : null };
    case "check-text":
      return { kind: "check-text", input: file, draft: files[1]!, json: flag("json") };
    case "rollup": {
      const dir = values.get("dir");
      return { kind: "rollup", inputs: files, dir: typeof dir === "string" ? dir : null, out: String(values.get("out")), json: flag("json"), force: flag("force") };
    }
  }
}
