import { runCheckCases } from "../../src/commands/run-check";
import { createExcelDouble } from "../excel-double";
import { runnerFor } from "../excel-double/measure";

describe("the ribbon's Check cases", () => {
  it("selects the first error cell", async () => {
    const double = createExcelDouble({
      sheets: [{ name: "Cases", rows: [["Case ID", "Sentence", "PSR", "1.1 Assessment"], ["C01", "Community", "No", "Yes"], ["C02", "Community", "No", "Perhaps"]] }],
    });
    expect(await runCheckCases({ run: runnerFor(double) })).toBe("Cases!D3");
    expect(double.selection).toBe("Cases!D3");
  });
  it("does nothing on a workbook that is not an inspection workbook", async () => {
    const double = createExcelDouble();
    expect(await runCheckCases({ run: runnerFor(double) })).toBeNull();
    expect(double.selection).toBeNull();
  });
});
