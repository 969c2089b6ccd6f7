/**
 * `npm run bench` — the performance figures of issue 6, measured on this machine in one run:
 *
 *   engine        analyseWorkbook over 1k / 10k / 100k generated cases × 20 criteria: time and cases
 *                 per second (a bare loop counting Yes/No over the same grid shown for information)
 *   command line  `inspection-workbook report` spawned on generated workbooks (1k, 10k, 20k and
 *                 99,999 cases), against ExcelJS alone reading the 20k file and writing it back
 *                 with one small sheet (also spawned); peak memory of each process
 *   roll-up       `inspection-workbook rollup` spawned on 200 generated workbooks of 60 cases, with the
 *                 reading threads it chooses, one thread and a thread per core, against ExcelJS alone
 *                 reading the same files (spawned); peak memory of each
 *   add-in        context.sync() calls and the largest request per command, counted by the
 *                 Office.js test double (test/excel-double/measure.ts)
 *   task pane     the JavaScript Excel loads, gzipped; first render in headless Chromium
 *
 * Prints a table; with --json, also one JSON line, the last line of stdout. Progress goes to
 * stderr. Options: --quick (fewer runs, smaller sizes: a smoke test), --no-pane, --no-cli, --no-rollup.
 */
import * as os from "node:os";
import * as path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { benchCli, type CliSize } from "./cli";
import { benchCore, type CoreSize } from "./core";
import { benchDraft, type DraftFigures } from "./draft";
import { SEED } from "./generate";
import { count, progress, round, table } from "./measure";
import { benchPane, type PaneFigures } from "./pane";
import { benchRollup, type RollupFigures, type RollupMeasure } from "./rollup";
import { benchSyncs, type SyncFigures } from "./syncs";

const ROOT = path.join(__dirname, "..", "..", "..");

/** The largest Cases table the reader accepts: 100,000 rows, the header included. */
const CLI_LARGEST = 99_999;

const TARGETS = {
  engineMs100k: 500,
  cliRatio: 0.5,
  cliMemoryMb: 1024,
  syncs: 4,
  requestBytes: 4 * 1024 * 1024,
  paneGzipBytes: 250 * 1024,
  firstRenderMs: 500,
  draft200PagesMs: 5000,
  rollupRatio: 0.5,
} as const;

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cpus: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

function ms(n: number | null | undefined, digits = 0): string {
  return n === null || n === undefined ? "n/a" : `${n.toFixed(digits)} ms`;
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

function yes(ok: boolean | null): string {
  return ok === null ? "not measured" : ok ? "met" : "NOT MET";
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const json = args.has("--json");
  const quick = args.has("--quick");
  const started = Date.now();
  const info = machine();
  progress(`on ${String(info.cpus)} × ${String(info.cpu)}, ${String(info.memoryGb)} GB, Node ${String(info.node)}; load ${JSON.stringify(info.loadAverageAtStart)}`);

  const coreSizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const core: CoreSize[] = benchCore(coreSizes, quick ? 3 : 7);

  let cli: CliSize[] | null = null;
  if (!args.has("--no-cli")) {
    const sizes = quick ? [1_000, 20_000] : [1_000, 10_000, 20_000, CLI_LARGEST];
    cli = await benchCli({ sizes, runs: (n) => (quick ? 2 : n >= CLI_LARGEST ? 3 : 5), floorAt: [20_000], floorRuns: quick ? 1 : 3 });
  }

  let rollup: RollupFigures | null = null;
  if (!args.has("--no-rollup")) rollup = await benchRollup(quick ? 40 : 200, 60, quick ? 1 : 3);

  progress("add-in: commands against the Office.js double at 20, 2,000 and 20,000 cases");
  const syncs: SyncFigures = await benchSyncs([20, 2_000, 20_000]);

  const draft: DraftFigures = await benchDraft(200, quick ? 2 : 3);

  let pane: PaneFigures | null = null;
  if (!args.has("--no-pane")) pane = await benchPane(quick ? 2 : 5);

  // ---- Figures against their targets
  const c100k = core.find((c) => c.cases === 100_000) ?? core[core.length - 1]!;
  const cli20k = cli?.find((c) => c.cases === 20_000) ?? null;
  const syncValues = syncs.syncs ? [syncs.syncs.setup, syncs.syncs.check, syncs.syncs.build].map((m) => Object.values(m)) : null;
  const paneGzip = pane ? pane.excelFiles.reduce((n, f) => n + f.gzipBytes, 0) : null;
  const met = {
    engineUnderHalfSecond: c100k.engineMs < TARGETS.engineMs100k,
    cliBelowFloor: cli20k?.ratio !== undefined ? cli20k.ratio < TARGETS.cliRatio : null,
    cliMemoryUnder1GB: cli20k?.reportMaxRssMb !== null && cli20k?.reportMaxRssMb !== undefined ? cli20k.reportMaxRssMb < TARGETS.cliMemoryMb : null,
    syncsFixedAndAtMost4: syncValues ? syncValues.every((v) => v.every((n) => n <= TARGETS.syncs) && v.every((n) => n === v[0])) : null,
    requestsUnder4MB: syncs.maxRequestBytes !== null ? syncs.maxRequestBytes <= TARGETS.requestBytes : null,
    paneUnder250KB: paneGzip !== null ? paneGzip < TARGETS.paneGzipBytes : null,
    draft200PagesUnder5s: draft.cliDocxMs < TARGETS.draft200PagesMs,
    rollupAtMostHalfExcelJs: rollup ? rollup.ratio <= TARGETS.rollupRatio : null,
    firstRenderUnder500ms: pane?.firstRenderMs !== null && pane?.firstRenderMs !== undefined ? pane.firstRenderMs < TARGETS.firstRenderMs : null,
  };

  // ---- The table
  const out: string[] = [];
  out.push(`Case Inspection Workbook — benchmark (seed ${SEED})`);
  out.push(`Machine: ${String(info.cpus)} × ${String(info.cpu)}, ${String(info.memoryGb)} GB, Node ${String(info.node)}, ${String(info.os)}; load average at start ${JSON.stringify(info.loadAverageAtStart)}`);
  out.push("");
  out.push("Engine: parse, validate, compute and phrase (analyseWorkbook), in process, median of runs after warm-up");
  out.push(
    table(
      ["cases", "engine", "per case", "cases per second", "issues", "runs", "floor: count Yes/No (info)"],
      core.map((c) => [count(c.cases), ms(c.engineMs, 1), `${c.engineUsPerCase.toFixed(2)} µs`, count(c.casesPerSecond), count(c.issues), c.runs, ms(c.floorMs, 2)]),
    ),
  );
  if (cli) {
    out.push("");
    out.push("Command line: `inspection-workbook report in.xlsx --out out.xlsx --json`, spawned (Node start-up included), median wall time");
    out.push(
      table(
        ["cases", "file", "report", "per case", "peak RSS", "floor: ExcelJS read+write", "floor RSS", "report ÷ floor", "counts = engine", "runs"],
        cli.map((c) => [
          count(c.cases),
          `${c.fileMb.toFixed(2)} MB`,
          ms(c.reportMs),
          `${c.reportUsPerCase.toFixed(1)} µs`,
          c.reportMaxRssMb === null ? "n/a" : `${c.reportMaxRssMb.toFixed(0)} MB`,
          c.floorMs === undefined ? "" : ms(c.floorMs),
          c.floorMaxRssMb === undefined || c.floorMaxRssMb === null ? "" : `${c.floorMaxRssMb.toFixed(0)} MB`,
          c.ratio === undefined ? "" : c.ratio.toFixed(2),
          c.countsMatch ? "yes" : "NO",
          c.runs,
        ]),
      ),
    );
    out.push(`(${count(CLI_LARGEST)} is the largest table the reader accepts: 100,000 rows with the header.)`);
  }
  if (rollup) {
    const r = rollup;
    const cpu = (m: RollupMeasure): string => (m.cpuMs === null ? "n/a" : ms(m.cpuMs));
    const rss = (m: RollupMeasure): string => (m.maxRssMb === null ? "n/a" : `${m.maxRssMb.toFixed(0)} MB`);
    const vs = (m: RollupMeasure): string => `${(m.ms / r.floor.ms).toFixed(2)} / ${m.cpuMs !== null && r.floor.cpuMs !== null ? (m.cpuMs / r.floor.cpuMs).toFixed(2) : "n/a"}`;
    out.push("");
    out.push(
      `Roll-up: \`inspection-workbook rollup --dir … --out … --json\` spawned on ${r.workbooks} workbooks of ${r.casesEach} cases (${r.totalMb.toFixed(2)} MB), median of ${r.runs} runs, each configuration in turn; floor: ExcelJS alone reading the same files, spawned`,
    );
    out.push(
      table(
        ["reading threads", "wall", "CPU (all threads)", "peak RSS", "÷ ExcelJS: wall / CPU", "counts = engine"],
        [
          [`${r.threads} (default, load ${r.loadAverage})`, ms(r.rollup.ms), cpu(r.rollup), rss(r.rollup), vs(r.rollup), r.countsMatch ? "yes" : "NO"],
          ["1", ms(r.oneThread.ms), cpu(r.oneThread), rss(r.oneThread), vs(r.oneThread), ""],
          [`${r.allCores} (a thread per core)`, ms(r.allCoresRollup.ms), cpu(r.allCoresRollup), rss(r.allCoresRollup), vs(r.allCoresRollup), ""],
          ["ExcelJS alone, reading", ms(r.floor.ms), cpu(r.floor), rss(r.floor), "1.00 / 1.00", ""],
        ],
      ),
    );
  }
  out.push("");
  out.push(`Draft check: \`check-text\` on a ${draft.pages}-page draft (${count(draft.words)} words, ${count(draft.statements)} quantity statements), median`);
  out.push(
    table(
      ["in process (checkDraft)", "spawned, .md", "spawned, .docx (mammoth)", ".docx size"],
      [[ms(draft.inProcessMs, 1), ms(draft.cliMarkdownMs), ms(draft.cliDocxMs), kb(draft.docxBytes)]],
    ),
  );
  out.push("");
  out.push("Add-in: context.sync() calls per command (Office.js test double)");
  if (syncs.syncs) {
    out.push(
      table(
        ["command", "20 cases", "2,000 cases", "20,000 cases"],
        (["setup", "check", "build"] as const).map((k) => [k, syncs.syncs![k]["20"] ?? "n/a", syncs.syncs![k]["2000"] ?? "n/a", syncs.syncs![k]["20000"] ?? "n/a"]),
      ),
    );
    out.push(`Largest request: ${kb(syncs.maxRequestBytes ?? 0)}; largest response: ${kb(syncs.maxResponseBytes ?? 0)}`);
  } else {
    out.push(`not measured: ${syncs.notMeasured ?? "no measurements"}`);
  }
  if (pane) {
    out.push("");
    out.push(`Task pane (production build, ${ms(pane.buildMs)} to build)`);
    out.push(
      table(
        ["file", "bytes", "gzipped", "loaded"],
        [
          ...pane.excelFiles.map((f) => [f.file, count(f.bytes), count(f.gzipBytes), "inside Excel"]),
          ...pane.draftFiles.map((f) => [f.file, count(f.bytes), count(f.gzipBytes), `when ${f.when}`]),
          ...pane.browserOnlyFiles.map((f) => [f.file, count(f.bytes), count(f.gzipBytes), "plain browser only"]),
        ],
      ),
    );
    out.push(`JavaScript Excel loads (without Office.js), gzipped: ${kb(paneGzip ?? 0)}`);
    const draftGzip = (when: string): number => pane!.draftFiles.filter((f) => f.when === when).reduce((n, f) => n + f.gzipBytes, 0);
    out.push(`Loaded later, only for Check a draft, gzipped: the checker ${kb(draftGzip("a draft checked"))}, the draft-file reader ${kb(draftGzip("a draft file opened"))}, the zip reader and mammoth when a .docx is opened ${kb(draftGzip("a .docx opened"))}`);
    out.push(`JavaScript only the plain-browser page loads (the .xlsx reader and writer): ${count(pane.browserOnlyBytes)} bytes, ${kb(pane.browserOnlyGzipBytes)} gzipped`);
    out.push(`First render in headless Chromium (navigation to the buttons rendered, plain-browser mode, Office.js failing at once): ${ms(pane.firstRenderMs)} median of ${JSON.stringify(pane.firstRenderRuns)}${pane.firstRenderNote ? ` — ${pane.firstRenderNote}` : ""}`);
  }
  out.push("");
  out.push("Targets");
  out.push(
    table(
      ["figure", "target", "measured", ""],
      [
        [`engine, ${count(c100k.cases)} cases × 20 criteria`, "< 0.5 s", `${ms(c100k.engineMs, 1)} (${count(c100k.casesPerSecond)} cases/s)`, yes(met.engineUnderHalfSecond)],
        ["report ÷ ExcelJS floor, 20,000 cases", "< 0.5", cli20k?.ratio?.toFixed(2) ?? "n/a", yes(met.cliBelowFloor)],
        ["report peak memory, 20,000 cases", "< 1 GB", cli20k?.reportMaxRssMb ? `${cli20k.reportMaxRssMb.toFixed(0)} MB` : "n/a", yes(met.cliMemoryUnder1GB)],
        ["syncs per command, 20 / 2,000 / 20,000", "≤ 4, equal", syncValues ? syncValues.map((v) => v.join("/")).join(", ") : "n/a", yes(met.syncsFixedAndAtMost4)],
        ["largest request", "≤ 4 MB", syncs.maxRequestBytes !== null ? kb(syncs.maxRequestBytes) : "n/a", yes(met.requestsUnder4MB)],
        ["pane JavaScript in Excel, gzipped", "< 250 KB", paneGzip !== null ? kb(paneGzip) : "n/a", yes(met.paneUnder250KB)],
        [`check-text, ${draft.pages}-page .docx, spawned`, "< 5 s", ms(draft.cliDocxMs), yes(met.draft200PagesUnder5s)],
        [
          `roll-up ÷ ExcelJS reading, ${rollup?.workbooks ?? 200} workbooks`,
          "≤ 0.5",
          rollup ? `${rollup.ratio.toFixed(2)} (${rollup.threads} thread${rollup.threads === 1 ? "" : "s"}; CPU ${rollup.cpuRatio?.toFixed(2) ?? "n/a"})` : "n/a",
          yes(met.rollupAtMostHalfExcelJs),
        ],
        ["pane first render", "< 500 ms", ms(pane?.firstRenderMs), yes(met.firstRenderUnder500ms)],
      ],
    ),
  );
  const seconds = round((Date.now() - started) / 1000, 1);
  out.push(`\nBench took ${seconds} s; load average at the end ${JSON.stringify(os.loadavg().map((l) => round(l, 2)))}.`);
  process.stdout.write(`${out.join("\n")}\n`);

  const result = {
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
    seed: SEED,
    core: { sizes: core, note: "in process; engine = analyseWorkbook on an in-memory Cases grid; floor (information only) = a loop counting Yes/No over its 20 criterion columns; medians" },
    cli: cli
      ? { mode: "spawned process (node bin/inspection-workbook.js report … --json), Node start-up included; floor = ExcelJS readFile + one small sheet + writeFile, spawned", sizes: cli }
      : null,
    draft,
    rollup,
    syncs: syncs.syncs,
    maxRequestBytes: syncs.maxRequestBytes,
    maxResponseBytes: syncs.maxResponseBytes,
    ...(syncs.notMeasured ? { syncsNotMeasured: syncs.notMeasured } : {}),
    bundle: pane
      ? {
          excelJavaScriptGzipBytes: paneGzip,
          excelFiles: pane.excelFiles,
          draftFiles: pane.draftFiles,
          browserOnlyFiles: pane.browserOnlyFiles,
          browserOnlyBytes: pane.browserOnlyBytes,
          browserOnlyGzipBytes: pane.browserOnlyGzipBytes,
          firstRenderMs: pane.firstRenderMs,
          firstRenderRuns: pane.firstRenderRuns,
          buildMs: pane.buildMs,
        }
      : null,
    targets: TARGETS,
    met,
    seconds,
  };
  try {
    const dir = path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(dir, "latest.txt"), `${out.join("\n")}\n`);
  } catch {
    // results are also on stdout
  }
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
