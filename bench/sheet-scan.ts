/**
 * Micro-benchmark of the worksheet reader: the fast scanner (src/xlsx/sheet-scan.ts) against
 * saxes on the same Cases part, through the same reader (spreadsheetml.ts), warm, in one thread.
 * Each is timed twice: tokenizing alone (events to empty handlers) and reading the values.
 * Two parts: the roll-up bench's workbook (60 cases, inline strings, as the template writer
 * writes it) and the command-line bench's (shared strings, as Excel saves it).
 *
 *   npx tsc -p bench/tsconfig.json && node lib/bench/bench/sheet-scan.js [cases]
 */
import { SaxesParser } from "saxes";
import { buildTemplate } from "../src/core";
import { loadPackage, readText } from "../src/xlsx/ooxml/package";
import { SheetScanner } from "../src/xlsx/sheet-scan";
import { readSheetValuesFast, readSheetValuesSaxes, type ReadSheetOptions } from "../src/xlsx/spreadsheetml";
import { writeTemplate } from "../src/xlsx/template";
import { caseRows, inspectionWorkbook, SEED } from "./generate";
import { median, round, table } from "./measure";

async function casesPart(bytes: Uint8Array): Promise<string> {
  const pkg = await loadPackage(bytes);
  const path = pkg.sheets.find((s) => s.name === "Cases")?.path;
  const xml = path ? await readText(pkg, path) : null;
  if (xml === null || xml === undefined) throw new Error("no Cases part");
  return xml;
}

/** The part as package-parts.ts delivers one under 1 MB: whole, then an empty chunk. */
const streamOf =
  (xml: string) =>
  async (onText: (t: string) => void): Promise<void> => {
    onText(xml);
    onText("");
  };

const ignore = (): void => undefined;

/** saxes with the options and handlers spreadsheetml.ts gives it, the handlers empty. */
function saxesTokens(xml: string): void {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on("opentag", ignore);
  parser.on("closetag", ignore);
  parser.on("text", ignore);
  parser.on("cdata", ignore);
  parser.write(xml).close();
}

function scannerTokens(xml: string): void {
  const scanner = new SheetScanner({ open: ignore, close: ignore, text: ignore });
  if (!scanner.write(xml) || !scanner.write("") || !scanner.end()) throw new Error("the scanner declined the part");
}

async function time(read: () => unknown, runs: number): Promise<number> {
  for (let i = 0; i < 50; i++) await read();
  const samples: number[] = [];
  for (let r = 0; r < 15; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await read();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / runs);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 60);
  const inline = await casesPart(
    await writeTemplate(buildTemplate({ blankRows: 0 }), {
      caseRows: caseRows(cases, SEED).map((row) => row.map((v) => (v === null || typeof v === "string" || typeof v === "number" ? v : null))),
      settingValues: { "Service name": "Service 001 YOS" },
      created: new Date(Date.UTC(2026, 0, 15)),
    }),
  );
  const sharedBytes = await inspectionWorkbook(cases, SEED);
  const shared = await casesPart(sharedBytes);
  const o: ReadSheetOptions = { shared: Array.from({ length: 10_000 }, (_, i) => `s${i}`), dateStyles: new Set(), date1904: false, keepRows: 100_000, keepCols: 1_000 };
  const rows: (string | number)[][] = [];
  for (const [name, xml] of [
    ["inline strings (roll-up bench)", inline],
    ["shared strings (Excel)", shared],
  ] as const) {
    const fast = await readSheetValuesFast("Cases", streamOf(xml), o);
    if (fast === null) throw new Error(`the scanner declined the ${name} part`);
    if (JSON.stringify(fast) !== JSON.stringify(await readSheetValuesSaxes("Cases", streamOf(xml), o))) throw new Error(`the readers differ on the ${name} part`);
    const runs = Math.max(1, Math.round(2_000_000 / xml.length));
    const saxesTokensMs = await time(() => saxesTokens(xml), runs);
    const scannerTokensMs = await time(() => scannerTokens(xml), runs);
    const saxesMs = await time(() => readSheetValuesSaxes("Cases", streamOf(xml), o), runs);
    const fastMs = await time(() => readSheetValuesFast("Cases", streamOf(xml), o), runs);
    const size = `${round(xml.length / 1024, 1)} KB`;
    rows.push([`${name}: tokens`, size, `${round(saxesTokensMs, 3)} ms`, `${round(scannerTokensMs, 3)} ms`, `${round(saxesTokensMs / scannerTokensMs, 1)}×`]);
    rows.push([`${name}: values`, size, `${round(saxesMs, 3)} ms`, `${round(fastMs, 3)} ms`, `${round(saxesMs / fastMs, 1)}×`]);
  }
  process.stdout.write(`Cases part of ${cases} cases, read warm (median of 15 batches):\n`);
  process.stdout.write(`${table(["part", "size", "saxes", "scanner", "speed-up"], rows)}\n`);
}

void main();
