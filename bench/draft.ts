/**
 * The draft check on a long draft: the sample findings repeated (with the section and criterion
 * numbers kept) to about 200 pages, checked in process and through the spawned command line as
 * .md and as a .docx the `docx` library wrote.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { analyseWorkbook, checkDraft, splitDraftText } from "../src/core";
import { readWorkbookFile } from "../src/xlsx/read-workbook";
import { median, progress, round } from "./measure";

const ROOT = path.join(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const FINDINGS = path.join(ROOT, "test", "fixtures", "drafts", "sample-findings.md");
/** Words on a page of an inspection report (A4, 11 pt, with headings). */
const WORDS_PER_PAGE = 500;

export interface DraftFigures {
  readonly pages: number;
  readonly words: number;
  readonly statements: number;
  /** checkDraft on the paragraphs, in process (workbook already read). */
  readonly inProcessMs: number;
  /** `check-text sample.xlsx draft.md --json`, spawned, Node start-up included. */
  readonly cliMarkdownMs: number;
  /** The same on a .docx (mammoth reading included). */
  readonly cliDocxMs: number;
  readonly docxBytes: number;
}

export async function benchDraft(pages: number, runs: number): Promise<DraftFigures> {
  const once = readFileSync(FINDINGS, "utf8");
  const copies = Math.ceil((pages * WORDS_PER_PAGE) / once.split(/\s+/).length);
  const text = Array.from({ length: copies }, () => once).join("\n\n");
  const words = text.split(/\s+/).length;
  progress(`draft check: ${words.toLocaleString("en-GB")} words (${Math.round(words / WORDS_PER_PAGE)} pages)`);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-draft-"));
  try {
    const md = path.join(dir, "draft.md");
    const docx = path.join(dir, "draft.docx");
    writeFileSync(md, text);
    const doc = new Document({ sections: [{ children: text.split("\n").filter((l) => l.trim() !== "").map((l) => new Paragraph({ text: l })) }] });
    const docxBytes = await Packer.toBuffer(doc);
    writeFileSync(docx, docxBytes);

    const analysis = analyseWorkbook((await readWorkbookFile(SAMPLE)).grids);
    const paragraphs = splitDraftText(text);
    let statements = 0;
    const inProcess: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const start = process.hrtime.bigint();
      statements = checkDraft(paragraphs, analysis).statements.length;
      if (i > 0) inProcess.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const spawned = (file: string): number => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [BIN, "check-text", SAMPLE, file, "--json"], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (r.status !== 0) throw new Error(`check-text exited ${String(r.status)}: ${r.stderr}`);
      }
      return median(times);
    };
    return {
      pages: Math.round(words / WORDS_PER_PAGE),
      words,
      statements,
      inProcessMs: round(median(inProcess), 1),
      cliMarkdownMs: round(spawned(md), 0),
      cliDocxMs: round(spawned(docx), 0),
      docxBytes: docxBytes.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
