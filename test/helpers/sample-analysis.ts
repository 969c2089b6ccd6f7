/**
 * The sample workbook (assets/sample-inspection.xlsx), analysed for tests of the core.
 */
import { analyseWorkbook, type Analysis, type WorkbookGrids } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import * as path from "node:path";

export const SAMPLE_WORKBOOK = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");

/**
 * Reads the sample workbook once (the .xlsx reader, in beforeAll) and analyses it afresh before
 * each test (the core, in beforeEach, so that a mutation run's per-test coverage sees it).
 * @example const sample = useSampleAnalysis(); it("…", () => expect(sample().cases.cases).toHaveLength(20));
 */
export function useSampleAnalysis(): () => Analysis {
  let grids: WorkbookGrids;
  let analysis: Analysis;
  beforeAll(async () => {
    grids = (await readWorkbookFile(SAMPLE_WORKBOOK)).grids;
  });
  beforeEach(() => {
    analysis = analyseWorkbook(grids);
  });
  return () => analysis;
}
