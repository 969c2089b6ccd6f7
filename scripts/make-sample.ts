/**
 * Writes assets/sample-inspection.xlsx and assets/sample-previous-inspection.xlsx (the same
 * service's previous inspection): new workbooks from the template writer, filled with the
 * fictional Northbrook sample (test/fixtures/seed-sample.ts). The same input gives the same bytes.
 *
 *   npm run make-sample            (compiles with scripts/tsconfig.json, then runs)
 *   npm run make-sample -- out.xlsx  (write the current sample somewhere else)
 */
import * as path from "node:path";
import { buildTemplate } from "../src/core";
import { writeFileAtomic } from "../src/xlsx/atomic-write";
import { writeTemplate } from "../src/xlsx/template";
import {
  PREVIOUS_SAMPLE_CASES,
  PREVIOUS_SAMPLE_FRAMEWORK,
  PREVIOUS_SAMPLE_INTERVIEWS,
  PREVIOUS_SAMPLE_SETTINGS,
  SAMPLE_FILE_DATE,
  SAMPLE_FRAMEWORK,
  SAMPLE_SETTINGS,
  sampleCaseRows,
  sampleInterviewRows,
} from "../test/fixtures/seed-sample";

/** The sample workbook's bytes; with `previous`, those of the same service's previous inspection. */
export async function makeSample(which: "current" | "previous" = "current"): Promise<Uint8Array> {
  const previous = which === "previous";
  const template = buildTemplate({ framework: previous ? PREVIOUS_SAMPLE_FRAMEWORK : SAMPLE_FRAMEWORK, blankRows: 0 });
  return writeTemplate(template, {
    caseRows: previous ? sampleCaseRows(template.cases.headers, PREVIOUS_SAMPLE_CASES) : sampleCaseRows(template.cases.headers),
    interviewRows: previous ? sampleInterviewRows(template.interviews.headers, PREVIOUS_SAMPLE_INTERVIEWS) : sampleInterviewRows(template.interviews.headers),
    settingValues: previous ? PREVIOUS_SAMPLE_SETTINGS : SAMPLE_SETTINGS,
    created: SAMPLE_FILE_DATE,
  });
}

async function run(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..", "..");
  const out = path.resolve(process.argv[2] ?? path.join(root, "assets", "sample-inspection.xlsx"));
  await writeFileAtomic(out, await makeSample());
  process.stdout.write(`Sample written to ${out}\n`);
  if (process.argv[2] === undefined) {
    const previous = path.join(root, "assets", "sample-previous-inspection.xlsx");
    await writeFileAtomic(previous, await makeSample("previous"));
    process.stdout.write(`Previous inspection's sample written to ${previous}\n`);
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    process.stderr.write(`make-sample: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
