#!/usr/bin/env node
/**
 * `npm run mutate:parts [-- PART…]`: the mutation run over src/core in parts, each with its own
 * incremental file, so that the whole of src/core (about 10,000 mutants, three hours and more on
 * two cores) can be built up over several sittings and each later run re-tests only what changed.
 * Each part's report is kept in reports/mutation-parts/<part>/ (mutation.json, incremental.json);
 * at the end the score of every part that has a report, and of all of them together, is printed.
 * `--score` prints the scores without running anything.
 *
 *   npm run mutate:parts                 # every part in turn
 *   npm run mutate:parts -- counting     # one part
 *   npm run mutate:parts -- --score      # the scores kept so far
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "reports", "mutation-parts");
const BASE = JSON.parse(fs.readFileSync(path.join(ROOT, "stryker.config.json"), "utf8"));

/** The parts: every file stryker.config.json mutates falls in exactly one (checked below). */
const PARTS = {
  counting: ["src/core/statistics.ts", "src/core/values.ts", "src/core/grid.ts", "src/core/issues.ts", "src/core/ratings.ts", "src/core/interval.ts", "src/core/address.ts", "src/core/rule-text.ts"],
  reading: ["src/core/cases.ts", "src/core/case-columns.ts", "src/core/case-ids.ts", "src/core/case-notes.ts", "src/core/judgements.ts", "src/core/settings.ts", "src/core/criteria-sheet.ts", "src/core/framework.ts", "src/core/analyse.ts"],
  wording: ["src/core/phrases.ts", "src/core/findings.ts"],
  marking: ["src/core/second-marking.ts", "src/core/agreement.ts", "src/core/moderation.ts"],
  followup: ["src/core/previous-inspection.ts", "src/core/comparison.ts", "src/core/action-plan.ts", "src/core/report-json.ts", "src/core/template.ts"],
  rollup: ["src/core/rollup.ts", "src/core/rollup-json.ts", "src/core/rollup-reading.ts"],
  draft: ["src/core/draft/**/*.ts", "!src/core/draft/index.ts"],
  layout: ["src/core/layout/**/*.ts"],
};

/** Killed, timed out, survived, not covered — and left out (not compiling, ignored) — in a mutation.json. */
function tally(report) {
  const t = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Killed") t.killed++;
      else if (m.status === "Timeout") t.timeout++;
      else if (m.status === "Survived") t.survived++;
      else if (m.status === "NoCoverage") t.noCoverage++;
      else t.other++;
    }
  }
  return t;
}

const score = (t) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? null : (100 * (t.killed + t.timeout)) / valid;
};

function printScores() {
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  const rows = [];
  for (const part of Object.keys(PARTS)) {
    const file = path.join(OUT, part, "mutation.json");
    if (!fs.existsSync(file)) {
      rows.push(`${part.padEnd(9)} not run yet`);
      continue;
    }
    const t = tally(JSON.parse(fs.readFileSync(file, "utf8")));
    for (const k of Object.keys(total)) total[k] += t[k];
    const s = score(t);
    rows.push(`${part.padEnd(9)} ${s === null ? "  n/a" : `${s.toFixed(1).padStart(5)}%`}  killed ${t.killed}, timed out ${t.timeout}, survived ${t.survived}, not covered ${t.noCoverage}; left out ${t.other}`);
  }
  const s = score(total);
  process.stdout.write(`${rows.join("\n")}\n${"together".padEnd(9)} ${s === null ? "  n/a" : `${s.toFixed(1).padStart(5)}%`}  (${total.killed + total.timeout} of ${total.killed + total.timeout + total.survived + total.noCoverage} killed or timed out)\n`);
  return s;
}

/** Every file the whole run mutates, each in exactly one part: a file added to src/core must be given a part. */
function checkParts() {
  const left = new Set(["src/core/index.ts", "src/core/messages.ts", "src/core/built-in-frameworks.ts", "src/core/draft/index.ts"]);
  const files = fs
    .readdirSync(path.join(ROOT, "src", "core"), { recursive: true })
    .map((f) => `src/core/${String(f).split(path.sep).join("/")}`)
    .filter((f) => f.endsWith(".ts") && !left.has(f));
  const inPart = (file, patterns) =>
    patterns.some((p) => !p.startsWith("!") && (p === file || (p.endsWith("/**/*.ts") && file.startsWith(p.slice(0, -"**/*.ts".length))))) &&
    !patterns.some((p) => p.startsWith("!") && p.slice(1) === file);
  const wrong = files.map((f) => [f, Object.keys(PARTS).filter((part) => inPart(f, PARTS[part]))]).filter(([, parts]) => parts.length !== 1);
  if (wrong.length > 0) throw new Error(`each file of src/core must be in exactly one part: ${wrong.map(([f, parts]) => `${f} (${parts.length === 0 ? "none" : parts.join(", ")})`).join("; ")}`);
}

function runPart(part) {
  const dir = path.join(OUT, part);
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    ...BASE,
    mutate: [...PARTS[part], "!src/core/index.ts", "!src/core/messages.ts", "!src/core/built-in-frameworks.ts"],
    incremental: true,
    incrementalFile: path.relative(ROOT, path.join(dir, "incremental.json")),
    jsonReporter: { fileName: path.relative(ROOT, path.join(dir, "mutation.json")) },
    htmlReporter: { fileName: path.relative(ROOT, path.join(dir, "mutation.html")) },
    reporters: ["clear-text", "progress", "html", "json"],
    thresholds: { ...BASE.thresholds, break: null },
  };
  delete config.$schema;
  const configFile = path.join(dir, "stryker.config.json");
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  process.stdout.write(`\n=== mutation part "${part}": ${PARTS[part].join(", ")}\n`);
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js"), "run", configFile], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`the mutation run of part "${part}" failed (exit ${r.status})`);
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("--score")) {
    printScores();
    return;
  }
  checkParts();
  const unknown = args.filter((a) => !(a in PARTS));
  if (unknown.length > 0) throw new Error(`no such part: ${unknown.join(", ")} (the parts: ${Object.keys(PARTS).join(", ")})`);
  for (const part of args.length > 0 ? args : Object.keys(PARTS)) runPart(part);
  const s = printScores();
  const floor = BASE.thresholds.break;
  if (args.length === 0 && s !== null && s < floor) {
    process.stderr.write(`mutation score ${s.toFixed(1)}% is below the threshold of ${floor}%\n`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`mutate-parts: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
