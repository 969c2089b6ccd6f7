/**
 * Writes assets/sample-inspection.xlsx: a new workbook from the template writer, filled with the
 * fictional Northbrook sample (test/fixtures/seed-sample.ts). The same input gives the same bytes.
 *
 *   npm run make-sample            (compiles with scripts/tsconfig.json, then runs)
 *   npm run make-sample -- out.xlsx  (write somewhere else)
 */
import * as path from "node:path";
import { buildTemplate } from "../src/core";
import { writeFileAtomic } from "../src/xlsx/atomic-write";
import { writeTemplate } from "../src/xlsx/template";
import { SAMPLE_FILE_DATE, SAMPLE_FRAMEWORK, SAMPLE_SETTINGS, sampleCaseRows, sampleInterviewRows } from "../test/fixtures/seed-sample";

/** The sample workbook's bytes. */
export async function makeSample(): Promise<Uint8Array> {
  const template = buildTemplate({ framework: SAMPLE_FRAMEWORK, blankRows: 0 });
  return writeTemplate(template, {
    caseRows: sampleCaseRows(template.cases.headers),
    interviewRows: sampleInterviewRows(template.interviews.headers),
    settingValues: SAMPLE_SETTINGS,
    created: SAMPLE_FILE_DATE,
  });
}

async function run(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..", "..");
  const out = path.resolve(process.argv[2] ?? path.join(root, "assets", "sample-inspection.xlsx"));
  await writeFileAtomic(out, await makeSample());
  process.stdout.write(`Sample written to ${out}\n`);
}

if (require.main === module) {
  run().catch((e: unknown) => {
    process.stderr.write(`make-sample: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
