import { readSettings } from "../../src/core";
import { readWorkbookGrids, saveSettings, setUpWorkbook } from "../../src/excel";
import { createExcelDouble } from "../excel-double";
import { runnerFor } from "../excel-double/measure";

describe("saveSettings", () => {
  it("writes values next to their labels and keeps everything else", async () => {
    const double = createExcelDouble();
    const run = runnerFor(double);
    await setUpWorkbook({ run });
    double.resetStats();
    await saveSettings({ "Service name": "=Northbrook", "Strength threshold": "75%", "Rating scheme": "HMI Probation 2018", "Custom note": "kept" }, { run });
    expect(double.syncs).toBeLessThanOrEqual(3);
    const read = await readWorkbookGrids({ run });
    if (read.kind !== "ok") throw new Error(read.reason);
    const { settings, issues } = readSettings(read.grids.settings ?? null);
    expect(settings).toMatchObject({ serviceName: "=Northbrook", strengthThreshold: 75, ratingScheme: "hmip-2018", improvementThreshold: 65 });
    expect(issues.map((i) => i.code)).toEqual(["unknown-setting"]);
    expect(double.sheet("Settings").formula("B2")).toBeNull();
  });

  it("creates the Settings sheet when there is none", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"]] }] });
    await saveSettings({ "Service name": "Eastvale" }, { run: runnerFor(double) });
    expect(double.sheetNames()).toContain("Settings");
    expect(double.sheet("Settings").values("A1:B2")).toEqual([
      ["Setting", "Value"],
      ["Service name", "Eastvale"],
    ]);
  });
});
