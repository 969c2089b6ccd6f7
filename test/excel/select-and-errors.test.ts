/**
 * selectCell (clicking an issue in the pane) and formatOfficeError (Excel's errors in words).
 */
import { formatOfficeError, selectCell } from "../../src/excel";
import { createExcelDouble, FakeOfficeError } from "../excel-double";
import { inspectionSeed } from "../excel-double/inspection-seed";
import { runnerFor } from "../excel-double/measure";

describe("selectCell", () => {
  test("activates the sheet and selects the cell, in one sync", async () => {
    const double = createExcelDouble(inspectionSeed({ cases: 5 }));
    double.state.activeSheetId = double.state.findSheet("Settings")!.id;
    await selectCell("Cases", "F7", { run: runnerFor(double) });
    expect(double.activeSheet).toBe("Cases");
    expect(double.selection).toBe("Cases!F7");
    expect(double.syncs).toBe(1);
  });

  test("works through the installed global Excel", async () => {
    const double = createExcelDouble(inspectionSeed({ cases: 5 }));
    const uninstall = double.install();
    try {
      await selectCell("Criteria", "B3");
    } finally {
      uninstall();
    }
    expect(double.selection).toBe("Criteria!B3");
  });

  test("a sheet renamed since the check gives a plain message", async () => {
    const double = createExcelDouble(inspectionSeed({ cases: 5 }));
    const error = await selectCell("Old name", "A1", { run: runnerFor(double) }).catch((e: unknown) => e);
    const report = formatOfficeError(error);
    expect(report.code).toBe("ItemNotFound");
    expect(report.message).toMatch(/renamed or deleted/);
  });
});

describe("cell edit mode", () => {
  test("a user typing in a cell delays the command (Excel.run with delayForCellEdit) instead of failing it", async () => {
    const double = createExcelDouble(inspectionSeed({ cases: 5 }));
    const uninstall = double.install();
    try {
      double.editMode = true;
      let done = false;
      const selecting = selectCell("Cases", "F7").then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(done).toBe(false);
      expect(double.selection).toBeNull();
      double.editMode = false;
      await selecting;
      expect(double.selection).toBe("Cases!F7");
    } finally {
      uninstall();
    }
  });

  test("where the host cannot delay, the command fails with the plain message: finish editing, then try again", async () => {
    const double = createExcelDouble(inspectionSeed({ cases: 5 }), { delayForCellEdit: false });
    const uninstall = double.install();
    try {
      double.editMode = true;
      const error = await selectCell("Cases", "F7").catch((e: unknown) => e);
      expect(formatOfficeError(error)).toMatchObject({ code: "InvalidOperationInCellEditMode", action: "Finish editing the cell, press Enter, then try again." });
      expect(double.selection).toBeNull();
    } finally {
      uninstall();
    }
  });
});

describe("formatOfficeError", () => {
  const error = (code: string, message = "raw") => new FakeOfficeError(code, message, "Range.values");

  test("a cell in edit mode: finish editing, press Enter, try again", () => {
    const r = formatOfficeError(error("InvalidOperationInCellEditMode"));
    expect(r.action).toBe("Finish editing the cell, press Enter, then try again.");
    expect(r.text).toBe(`${r.message} ${r.action}`);
  });

  test("a protected sheet or workbook: unprotect it", () => {
    const r = formatOfficeError(error("AccessDenied"));
    expect(r.message).toMatch(/protected/);
    expect(r.action).toMatch(/Unprotect/);
  });

  test("someone else editing: wait and try again (by code, or by Excel's wording)", () => {
    expect(formatOfficeError(error("Conflict")).message).toMatch(/Someone else/);
    expect(formatOfficeError(error("GeneralException", "The file is locked for editing by another user.")).action).toMatch(/Wait/);
  });

  test("too large for Excel on the web", () => {
    expect(formatOfficeError(error("RequestPayloadSizeLimitExceeded")).message).toMatch(/too large/);
    expect(formatOfficeError(error("ResponsePayloadSizeLimitExceeded")).action).toMatch(/desktop/);
  });

  test("keeps the code and debugInfo for the log", () => {
    const r = formatOfficeError(error("ItemNotFound"));
    expect(r.code).toBe("ItemNotFound");
    expect(r.debugInfo).toEqual({ code: "ItemNotFound", message: "raw", errorLocation: "Range.values" });
  });

  test("an unknown code and a plain error still read as words", () => {
    expect(formatOfficeError(error("SomethingNew")).message).toBe("Excel could not complete the action (SomethingNew).");
    const plain = formatOfficeError(new Error("boom"));
    expect(plain).toMatchObject({ code: null, debugInfo: null, message: "Something went wrong: boom" });
    expect(formatOfficeError(undefined).message).toMatch(/Something went wrong/);
  });
});
