/**
 * The Office.js test double itself: it must punish what real Excel punishes, or the adapter tests
 * prove nothing. (Some tests read before loading or syncing on purpose, hence the lint exceptions.)
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */
import { createExcelDouble, FakeOfficeError, WEB_PAYLOAD_LIMIT_BYTES, type ExcelDouble, type FakeRequestContext } from "../excel-double";

async function run<T>(double: ExcelDouble, batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
  return double.run<T>(batch);
}

function seeded(): ExcelDouble {
  return createExcelDouble({
    sheets: [
      { name: "Cases", rows: [["Case ID", "Sentence"], ["C01", "Custody"], ["C02", { error: "#N/A" }]], tables: [{ name: "Cases", range: "A1:B3" }] },
      { name: "Notes", at: "C4", rows: [["x"]] },
    ],
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e.code;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("load and sync", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded, before and after the sync", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const range = context.workbook.worksheets.getItem("Cases").getRange("A1:B2");
      expect(() => range.values).toThrow(/is not available/);
      range.load("address");
      expect(() => range.address).toThrow(FakeOfficeError);
      await context.sync();
      expect(range.address).toBe("Cases!A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("loaded values are a snapshot of the sync that loaded them", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Cases");
      const a2 = sheet.getRange("A2").load("values");
      await context.sync();
      expect(a2.values).toEqual([["C01"]]);
      sheet.getRange("A2").values = [["C99"]];
      expect(a2.values).toEqual([["C01"]]);
      await context.sync();
      expect(a2.values).toEqual([["C01"]]);
      a2.load("values");
      await context.sync();
      expect(a2.values).toEqual([["C99"]]);
    });
  });

  test("writes are queued and applied only at sync", async () => {
    const double = seeded();
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Cases").getRange("A2").values = [["changed"]];
      context.workbook.worksheets.add("New");
      expect(double.sheet("Cases").value("A2")).toBe("C01");
      expect(double.hasSheet("New")).toBe(false);
      await context.sync();
      expect(double.sheet("Cases").value("A2")).toBe("changed");
      expect(double.hasSheet("New")).toBe(true);
    });
  });

  test("errors read back as Excel's error strings; empty cells as empty strings", async () => {
    const double = seeded();
    const values = await run(double, async (context) => {
      const r = context.workbook.worksheets.getItem("Cases").getRange("B3:C3").load("values");
      await context.sync();
      return r.values;
    });
    expect(values).toEqual([["#N/A", ""]]);
  });

  test("getItem of a missing sheet fails at sync with ItemNotFound; getItemOrNullObject gives a null object", async () => {
    const double = seeded();
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Nope");
          await context.sync();
        }),
      ),
    ).toBe("ItemNotFound");
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Nope");
      const table = context.workbook.tables.getItemOrNullObject("cases");
      expect(() => sheet.isNullObject).toThrow(/not available/);
      await context.sync();
      expect(sheet.isNullObject).toBe(true);
      expect(table.isNullObject).toBe(false);
    });
  });

  test("children of a null object are null objects whose properties read as undefined; with nullChildren 'throw' using one fails", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const used = context.workbook.worksheets.getItemOrNullObject("Nope").getUsedRange();
      used.load("values");
      await context.sync();
      expect(used.isNullObject).toBe(true);
      // As in Office.js: no error, nothing there.
      expect(used.values).toBeUndefined();
    });
    const strict = createExcelDouble({ sheets: [{ name: "A" }] }, { nullChildren: "throw" });
    expect(
      await codeOf(
        run(strict, async (context) => {
          context.workbook.worksheets.getItemOrNullObject("Nope").getRange("A1").load("values");
          await context.sync();
        }),
      ),
    ).toBe("ItemNotFound");
  });

  test("a values array must match the range's dimensions", async () => {
    const double = seeded();
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Cases").getRange("A1:B2").values = [["only one row"]];
          await context.sync();
        }),
      ),
    ).toBe("InvalidArgument");
  });

  test("a batch stops at the first failing command; commands before it stay applied", async () => {
    const double = seeded();
    const code = await codeOf(
      run(double, async (context) => {
        const sheet = context.workbook.worksheets.getItem("Notes");
        sheet.getRange("A1").values = [["first"]];
        sheet.getRange("A2:A3").values = [["bad"]];
        sheet.getRange("A4").values = [["never"]];
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
    expect(double.sheet("Notes").value("A1")).toBe("first");
    expect(double.sheet("Notes").value("A4")).toBe("");
  });

  test("Excel.run flushes what is still queued with one more sync", async () => {
    const double = seeded();
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["late"]];
    });
    expect(double.syncs).toBe(1);
    expect(double.sheet("Notes").value("A1")).toBe("late");
  });

  test("objects are sealed: a property the double lacks cannot be set silently", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const format = context.workbook.worksheets.getItem("Cases").getRange("A1").format as unknown as Record<string, unknown>;
      expect(() => {
        format["shrinkToFit"] = true;
      }).toThrow(TypeError);
    });
  });
});

describe("objects the adapter uses", () => {
  test("select, then getSelectedRange and the active sheet", async () => {
    const double = seeded();
    const address = await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("B2:C3").select();
      await context.sync();
      const selected = context.workbook.getSelectedRange().load("address");
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      return [selected.address, active.name];
    });
    expect(address).toEqual(["Notes!B2:C3", "Notes"]);
    expect(double.selection).toBe("Notes!B2:C3");
  });

  test("tables: add with headers, rename, parts, columns", async () => {
    const double = seeded();
    const parts = await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("A1:B1").values = [["Name", ""]];
      const table = sheet.tables.add("A1:B4", true);
      table.name = "People";
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("address");
      const column = table.columns.getItemAt(1).getDataBodyRange().load("address");
      const columns = table.columns.load("items/name");
      await context.sync();
      return { header: header.values, body: body.address, column: column.address, names: columns.items.map((c) => c.name) };
    });
    expect(parts).toEqual({ header: [["Name", "Column2"]], body: "Notes!A2:B4", column: "Notes!B2:B4", names: ["Name", "Column2"] });
    expect(double.table("People")).toMatchObject({ sheet: "Notes", address: "Notes!A1:B4" });
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Notes").tables.add("B2:C5", true);
          await context.sync();
        }),
      ),
    ).toBe("InvalidOperation");
  });

  test("tables.add on a header row alone gives the table one empty body row", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("A1:C1").values = [["Name", "Role", "Notes"]];
      sheet.tables.add("A1:C1", true).name = "People";
      await context.sync();
    });
    expect(double.table("People")).toMatchObject({ address: "Notes!A1:C2" });
  });

  test("tables.add(…, false) inserts a header row above the data and shifts the data and the cells below it down", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Notes", rows: [["a", "b", "side"], ["c", "d"], [], ["below"]] }] });
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").tables.add("A1:B2", false).name = "Data";
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect(double.table("Data")).toMatchObject({ address: "Notes!A1:B3" });
    expect(notes.values("A1:C5")).toEqual([
      ["Column1", "Column2", "side"],
      ["a", "b", ""],
      ["c", "d", ""],
      ["", "", ""],
      ["below", "", ""],
    ]);
  });

  test("a conditional format has only the part of its type; list validation needs a source", async () => {
    const double = seeded();
    expect(
      await codeOf(
        run(double, async (context) => {
          const cf = context.workbook.worksheets.getItem("Notes").getRange("A1:A5").conditionalFormats.add("DataBar");
          (cf.custom["rule"] as { formula: string }).formula = "=A1>0";
          await context.sync();
        }),
      ),
    ).toBe("InvalidOperation");
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Notes").getRange("A1:A5").dataValidation.rule = { list: { inCellDropDown: true } } as never;
          await context.sync();
        }),
      ),
    ).toBe("InvalidArgument");
  });

  test("frozen panes, page layout and charts are recorded", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.freezePanes.freezeAt("A1:B3");
      sheet.pageLayout.orientation = "Landscape";
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("C4:C6"), "Columns");
      (chart["title"] as { text: string }).text = "T";
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect(notes.freeze).toEqual({ rows: 3, cols: 2 });
    expect(notes.pageLayout).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(notes.charts[0]).toMatchObject({ type: "ColumnClustered", props: { "title/text": "T" } });
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Notes").pageLayout.orientation = "Sideways";
          await context.sync();
        }),
      ),
    ).toBe("InvalidArgument");
  });
});

describe("the regional format", () => {
  async function areas(locale: string, address: string): Promise<string> {
    const double = createExcelDouble({ sheets: [{ name: "Notes" }] }, { locale });
    try {
      return await run(double, async (context) => {
        const ranges = context.workbook.worksheets.getItem("Notes").getRanges(address).load("areaCount");
        await context.sync();
        return `${ranges.areaCount} areas`;
      });
    } catch (e) {
      if (e instanceof FakeOfficeError) return e.code;
      throw e;
    }
  }

  test("getRanges takes the areas separated by the list separator of the regional format, as Excel on Windows does", async () => {
    expect(await areas("en-GB", "A1:B2,D4")).toBe("2 areas");
    expect(await areas("en-GB", "A1:B2;D4")).toBe("InvalidArgument");
    for (const locale of ["de-DE", "fr-FR", "cs-CZ", "nl-NL"]) {
      expect(await areas(locale, "A1:B2;D4")).toBe("2 areas");
      expect(await areas(locale, "A1:B2,D4")).toBe("InvalidArgument");
    }
  });
});

describe("what Excel does with input", () => {
  test("text starting with = + - becomes a formula unless the cell is formatted as text (@)", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("A1:D1").values = [["=1+1", "+44 20", "-x", "-5"]];
      const text = sheet.getRange("A2:C2");
      text.numberFormat = [["@", "@", "@"]];
      text.values = [["=1+1", "+44 20", "1.10"]];
      sheet.getRange("A3").values = [["1.10"]];
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect(notes.formula("A1")).toBe("=1+1");
    expect(notes.formula("B1")).toBe("=+44 20");
    expect(notes.formula("C1")).toBe("=-x");
    expect(notes.value("D1")).toBe(-5);
    expect(notes.formula("A2")).toBeNull();
    expect(notes.value("A2")).toBe("=1+1");
    expect(notes.value("B2")).toBe("+44 20");
    expect(notes.value("C2")).toBe("1.10");
    expect(notes.value("A3")).toBe(1.1);
  });
});

describe("activating a new sheet", () => {
  async function activeAfter(platform: "web" | "desktop", syncFirst: boolean): Promise<string | null> {
    const double = createExcelDouble({ sheets: [{ name: "Sheet1" }] }, { platform });
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.add("New");
      if (syncFirst) await context.sync();
      sheet.activate();
      await context.sync();
    });
    return double.activeSheet;
  }

  test("on the web, only after the sync that added it (office-js#930); on the desktop, in the same sync too", async () => {
    expect(await activeAfter("web", false)).toBe("Sheet1");
    expect(await activeAfter("web", true)).toBe("New");
    expect(await activeAfter("desktop", false)).toBe("New");
  });
});

describe("structured references in formulas", () => {
  const header = "2.1 Risk [draft] #1 o'clock";
  async function write(formula: string): Promise<string> {
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID", header, "Sentence"], ["C01", "Yes", "Custody"]], tables: [{ name: "Cases", range: "A1:C2" }] }, { name: "Out" }] });
    try {
      await run(double, async (context) => {
        context.workbook.worksheets.getItem("Out").getRange("A1").formulas = [[formula]];
        await context.sync();
      });
      return "written";
    } catch (e) {
      if (e instanceof FakeOfficeError) return e.code;
      throw e;
    }
  }

  test("a header with special characters needs double brackets, with [ ] # ' escaped by an apostrophe", async () => {
    expect(await write("=COUNTA(Cases[Sentence])")).toBe("written");
    expect(await write("=COUNTA(Cases[Case ID])")).toBe("written");
    expect(await write("=COUNTA(Cases[[Case ID]])")).toBe("written");
    expect(await write("=COUNTA(Cases[[2.1 Risk '[draft'] '#1 o''clock]])")).toBe("written");
    expect(await write("=COUNTA(Cases[2.1 Risk '[draft'] '#1 o''clock])")).toBe("InvalidArgument");
    expect(await write("=COUNTA(Cases[[2.1 Risk [draft] #1 o'clock]])")).toBe("InvalidArgument");
    expect(await write("=COUNTA(Cases[1.1 Initial assessment])")).toBe("InvalidArgument");
  });

  test("the column must be one of the table's headers; text in quotes is not a reference", async () => {
    expect(await write("=COUNTA(Cases[[No such column]])")).toBe("InvalidArgument");
    expect(await write('="Cases[2.1 x.y]"')).toBe("written");
    expect(await write("=COUNTA(Cases[[#Data],[Sentence]])")).toBe("written");
  });
});

describe("values written as typed entry", () => {
  test("numbers, amounts, percentages, fractions, dates, times, logicals and error spellings are converted; @ keeps text; a leading apostrophe is dropped", async () => {
    const typed = ["1,000", "£5", "(1,000)", "50%", "1 1/2", "15/1/2026", "10:30", "TRUE", "#N/A", "'007", "12 Angry Men"];
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("A1:K1").values = [typed];
      const text = sheet.getRange("A2:K2");
      text.numberFormat = [typed.map(() => "@")];
      text.values = [typed];
      await context.sync();
    });
    const notes = double.sheet("Notes");
    // 15 January 2026 is day 46,037 counted from 30 December 1899; 10:30 is 0.4375 of a day.
    expect(["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "J1", "K1"].map((a) => notes.cell(a)!.value)).toEqual([1000, 5, -1000, 0.5, 1.5, 46037, 0.4375, true, "007", "12 Angry Men"]);
    expect(notes.cell("I1")!.value).toEqual({ error: "#N/A" });
    expect(notes.values("A2:K2")).toEqual([typed]);
  });

  test("day and month follow the regional format (en-US month first)", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Notes" }] }, { locale: "en-US" });
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1:B1").values = [["1/15/2026", "15/1/2026"]];
      await context.sync();
    });
    expect(double.sheet("Notes").values("A1:B1")).toEqual([[46037, "15/1/2026"]]);
  });
});

describe("formulas naming other sheets", () => {
  test("follow a renamed sheet (quoted as its new name needs) and read #REF! once it is deleted; longer names are untouched", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.add("Moderation");
      sheets.add("QA Moderation");
      sheets.add("OldModeration");
      sheets.getItem("Notes").getRange("A1:C1").formulas = [["=Moderation!A1+'QA Moderation'!A1+OldModeration!A1", "=SUM(Moderation!$K$2:$K$9)", "=Cases!A1"]];
      await context.sync();
      sheets.getItem("Moderation").name = "Moderation (2)";
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect([notes.formula("A1"), notes.formula("B1")]).toEqual(["='Moderation (2)'!A1+'QA Moderation'!A1+OldModeration!A1", "=SUM('Moderation (2)'!$K$2:$K$9)"]);
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Moderation (2)").delete();
      await context.sync();
    });
    expect([notes.formula("A1"), notes.formula("B1"), notes.formula("C1")]).toEqual(["=#REF!A1+'QA Moderation'!A1+OldModeration!A1", "=SUM(#REF!$K$2:$K$9)", "=Cases!A1"]);
  });
});

describe("protection, edit mode, failures", () => {
  test("writing to a protected sheet fails at sync with AccessDenied", async () => {
    const double = seeded();
    double.protectSheet("Cases");
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Cases").getRange("A2").values = [["x"]];
          await context.sync();
        }),
      ),
    ).toBe("AccessDenied");
    expect(double.sheet("Cases").value("A2")).toBe("C01");
  });

  test("a protected workbook structure refuses new, deleted and renamed sheets", async () => {
    const double = seeded();
    double.protectWorkbookStructure();
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.add("X");
          await context.sync();
        }),
      ),
    ).toBe("AccessDenied");
  });

  test("in cell edit mode every sync fails and nothing is applied", async () => {
    const double = seeded();
    double.editMode = true;
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["x"]];
          await context.sync();
        }),
      ),
    ).toBe("InvalidOperationInCellEditMode");
    expect(double.sheet("Notes").value("A1")).toBe("");
  });

  test("an injected failure can stop a sync part-way", async () => {
    const double = seeded();
    double.failSync({ at: 1, code: "GeneralException", afterOps: 1 });
    expect(
      await codeOf(
        run(double, async (context) => {
          const sheet = context.workbook.worksheets.getItem("Notes");
          sheet.getRange("A1").values = [["one"]];
          sheet.getRange("A2").values = [["two"]];
          await context.sync();
        }),
      ),
    ).toBe("GeneralException");
    // The first command (getItem) ran; neither write did.
    expect(double.sheet("Notes").value("A1")).toBe("");
  });
});

describe("instrumentation", () => {
  test("counts syncs, measures each request and records what was written", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("A1:B1").values = [["a", "b"]];
      sheet.getRange("A1").format.fill.color = "#FF0000";
      await context.sync();
      sheet.getRange("A2").format.font.bold = true;
      await context.sync();
    });
    expect(double.syncs).toBe(2);
    expect(double.syncLog[0]!.requestBytes).toBeGreaterThan(double.syncLog[1]!.requestBytes);
    expect(double.writes("values", "Notes")).toEqual([expect.objectContaining({ address: "A1:B1", data: [["a", "b"]], sync: 1 })]);
    expect(double.writes("format", "Notes").map((w) => w.data)).toEqual([{ "fill/color": "#FF0000" }, { "font/bold": true }]);
    expect(double.sheet("Notes").format("A1", "fill/color")).toBe("#FF0000");
  });

  test("a request over Excel on the web's 5 MB limit is refused and nothing is applied", async () => {
    const double = seeded();
    const big = "x".repeat(30_000);
    const rows = Array.from({ length: 200 }, () => [big]);
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Notes").getRange("A1:A200").values = rows;
          await context.sync();
        }),
      ),
    ).toBe("RequestPayloadSizeLimitExceeded");
    expect(double.syncLog[0]!.requestBytes).toBeGreaterThan(WEB_PAYLOAD_LIMIT_BYTES);
    expect(double.sheet("Notes").value("A1")).toBe("");
  });

  test("a response over the limit is refused too", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Big", rows: Array.from({ length: 100 }, () => ["y".repeat(1000)]) }] }, { responseLimitBytes: 50_000 });
    expect(
      await codeOf(
        run(double, async (context) => {
          context.workbook.worksheets.getItem("Big").getRange("A1:A100").load("values");
          await context.sync();
        }),
      ),
    ).toBe("ResponsePayloadSizeLimitExceeded");
  });

  test("install puts Excel, Office and OfficeExtension on globalThis and takes them away again", async () => {
    const double = seeded();
    const uninstall = double.install();
    try {
      const names = await Excel.run(async (context) => {
        const sheets = context.workbook.worksheets.load("items/name");
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
      expect(names).toEqual(["Cases", "Notes"]);
      expect(typeof Office.onReady).toBe("function");
    } finally {
      uninstall();
    }
    expect((globalThis as Record<string, unknown>)["Excel"]).toBeUndefined();
  });
});

describe("column outline and insertion (ExcelApi 1.2 columnHidden, 1.10 grouping, 1.1 insert)", () => {
  test("group by columns puts the columns one outline level deeper; hideGroupDetails folds the whole group away; showGroupDetails brings it back", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("C:D").group("ByColumns");
      sheet.getRange("F:F").group("ByColumns");
      sheet.getRange("C:C").hideGroupDetails("ByColumns");
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect([0, 1, 2, 3, 4, 5].map((c) => notes.columnOutlineLevel(c))).toEqual([0, 0, 1, 1, 0, 1]);
    // The whole group C:D folds, though only C was named; F's group is another one.
    expect([2, 3, 4, 5].map((c) => notes.columnHidden(c))).toEqual([true, true, false, false]);
    const hidden = await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      const all = sheet.getRange("C:D").load("columnHidden");
      const mixed = sheet.getRange("B:C").load("columnHidden");
      const none = sheet.getRange("E:F").load("columnHidden");
      await context.sync();
      return [all.columnHidden, mixed.columnHidden, none.columnHidden];
    });
    expect(hidden).toEqual([true, null, false]);
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("D:D").showGroupDetails("ByColumns");
      await context.sync();
    });
    expect([2, 3].map((c) => notes.columnHidden(c))).toEqual([false, false]);
  });

  test("showOutlineLevels(0, 1) folds every column group; columnHidden hides and shows columns", async () => {
    const double = seeded();
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Notes");
      sheet.getRange("C:C").group("ByColumns");
      sheet.getRange("E:E").group("ByColumns");
      sheet.showOutlineLevels(0, 1);
      sheet.getRange("H:H").columnHidden = true;
      await context.sync();
    });
    const notes = double.sheet("Notes");
    expect([2, 3, 4, 7].map((c) => notes.columnHidden(c))).toEqual([true, false, true, true]);
  });

  test("grouping columns of a range of whole rows is InvalidArgument; a ninth level is refused", async () => {
    const double = seeded();
    const rows = run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("2:3").group("ByColumns");
      await context.sync();
    });
    expect(await codeOf(rows)).toBe("InvalidArgument");
    const ninth = run(double, async (context) => {
      const column = context.workbook.worksheets.getItem("Notes").getRange("C:C");
      for (let i = 0; i < 9; i++) column.group("ByColumns");
      await context.sync();
    });
    expect(await codeOf(ninth)).toBe("InvalidOperation");
  });

  test("on a host without ExcelApi 1.10, grouping fails at sync with ApiNotFound and isSetSupported says so; columnHidden (1.2) works", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Notes" }] }, { excelApi: "1.9" });
    expect([double.isSetSupported("ExcelApi", "1.9"), double.isSetSupported("ExcelApi", "1.10")]).toEqual([true, false]);
    for (const call of [(r: Excel.Range) => r.group("ByColumns"), (r: Excel.Range) => r.hideGroupDetails("ByColumns")]) {
      const failed = run(double, async (context) => {
        call(context.workbook.worksheets.getItem("Notes").getRange("C:C") as unknown as Excel.Range);
        await context.sync();
      });
      expect(await codeOf(failed)).toBe("ApiNotFound");
    }
    await run(double, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("C:C").columnHidden = true;
      await context.sync();
    });
    expect(double.sheet("Notes").columnHidden(2)).toBe(true);
    expect(createExcelDouble().isSetSupported("ExcelApi", "1.10")).toBe(true);
  });

  test("inserting whole columns moves every cell, width, group and dropdown right; a table spanning the column grows by a Column1; the new column is formatted like its left neighbour", async () => {
    const double = createExcelDouble({
      sheets: [{ name: "Cases", rows: [["Case ID", "1.1 A", "1.2 B"], ["C01", "Yes", "No"], ["C02", "No", "Yes"], [], ["below", null, "under 1.2"]], tables: [{ name: "Cases", range: "A1:C3" }] }],
    });
    await run(double, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Cases");
      sheet.getRange("B:B").format.columnWidth = 60;
      sheet.getRange("C:C").format.columnWidth = 70;
      const v = sheet.getRange("B2:B3").dataValidation;
      v.rule = { list: { inCellDropDown: true, source: "Yes,No" } };
      sheet.getRange("C:C").group("ByColumns");
      await context.sync();
      sheet.getRange("C:C").insert("Right");
      await context.sync();
    });
    const cases = double.sheet("Cases");
    expect(cases.values("A1:D3")).toEqual([
      ["Case ID", "1.1 A", "Column1", "1.2 B"],
      ["C01", "Yes", "", "No"],
      ["C02", "No", "", "Yes"],
    ]);
    expect(cases.value("D5")).toBe("under 1.2");
    expect(double.table("Cases")!.address).toBe("Cases!A1:D3");
    expect([1, 2, 3].map((c) => cases.columnWidth(c))).toEqual([60, 60, 70]);
    expect([2, 3].map((c) => cases.columnOutlineLevel(c))).toEqual([0, 1]);
    // The dropdown of B reaches into the new column C, as Excel's Format Same As Left has it.
    expect(cases.validations.flatMap((v) => v.rects)).toEqual([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 1, left: 2, bottom: 2, right: 2 },
    ]);
  });
});
