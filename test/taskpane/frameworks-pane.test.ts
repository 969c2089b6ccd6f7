/**
 * The youth standards in the task pane, inside Excel (the Office.js double) and in the plain
 * browser page: a workbook set up for `hmip-youth` and filled with the planned judgements of
 * test/helpers/hmip-youth.ts shows the standards' ratings by their lowest key question and the
 * overall score and band worked out by hand, and the Summary it builds says the same.
 */
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { buildTemplate, criteriaSheetRows, HMIP_YOUTH_FRAMEWORK } from "../../src/core";
import { writeTemplate } from "../../src/xlsx/template";
import { buildOfficeDouble, buildPane, describeWithBrowser, launchBrowser, screenshotPath, serve } from "../helpers/browser";
import { fillHmipWorkbook, HMIP_EXPECTED, HMIP_HAND_RATINGS, plannedCaseRows } from "../helpers/hmip-youth";
import { makeTempDir } from "../helpers/workbook-files";

/** What the pane must show for the planned inspection. */
async function expectPlannedStatistics(page: Page): Promise<void> {
  for (const s of HMIP_EXPECTED.standards) {
    const row = (await page.textContent(`tr.section-row[data-section="${s.number}"]`)) ?? "";
    expect([s.number, row]).toEqual([s.number, expect.stringContaining(s.rating)]);
    if (s.rule === "lowest") expect([s.number, row]).toEqual([s.number, expect.stringContaining(`lowest criterion: ${s.decidedBy}`)]);
    if (s.rule === "lowest") expect([s.number, row]).toEqual([s.number, expect.stringContaining(`${s.met}/${s.relevant}`)]);
    if (s.rule === "by-hand") expect([s.number, row]).toEqual([s.number, expect.stringContaining("rated by hand")]);
  }
  const deciding = await page.locator("tr.criterion-row.decides").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
  expect(deciding).toEqual(HMIP_EXPECTED.standards.filter((s) => s.decidedBy).map((s) => s.decidedBy));
  expect(await page.textContent("#statistics .overall")).toMatch(/^Overall: Good, score sum: 23 of 36/);
}

describeWithBrowser("the youth standards in the task pane", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let server: Awaited<ReturnType<typeof serve>>;
  let officeJs: string;
  const tmp = makeTempDir("pane-frameworks-");

  beforeAll(async () => {
    const dist = buildPane();
    officeJs = buildOfficeDouble();
    server = await serve(dist);
    ({ browser, close } = await launchBrowser());
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await server?.close();
    tmp.remove();
  });

  async function open(inExcel: boolean): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (inExcel && url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
      if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      return route.abort("internetdisconnected");
    });
    await page.goto(`${server.url}/taskpane.html${inExcel ? "?_host_Info=Excel$Win32$16.01$en-GB$$$$0" : ""}`);
    await page.waitForSelector(inExcel ? "#set-up" : "#file-input", { state: "attached", timeout: 20_000 });
    return { page, errors };
  }

  it("inside Excel: Set up for the youth standards, judge the planned cases, check, build", async () => {
    const { page, errors } = await open(true);
    await page.waitForFunction(() => document.documentElement.dataset.mode === "excel");
    await page.selectOption("#set-up-framework", "hmip-youth");
    await page.click("#set-up");
    await page.waitForSelector(".message.success");

    // Type the cases into the Cases table and the hand ratings into the Criteria sheet, as a user would.
    const headers = buildTemplate({ framework: HMIP_YOUTH_FRAMEWORK, criterionNotes: true }).cases.headers;
    const rows = plannedCaseRows(headers).map((r) => r.map((v) => v ?? ""));
    const ratings = criteriaSheetRows(HMIP_YOUTH_FRAMEWORK)
      .map((r, i) => [i + 1, HMIP_HAND_RATINGS[String(r[0])]] as const)
      .filter((x): x is readonly [number, string] => x[1] !== undefined);
    await page.evaluate(
      async ({ rows, ratings }) => {
        const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
        await w.Excel.run(async (context: any) => {
          context.workbook.worksheets.getItem("Cases").getRange("A2").getResizedRange(rows.length - 1, rows[0]!.length - 1).values = rows;
          const criteria = context.workbook.worksheets.getItem("Criteria");
          for (const [row, rating] of ratings) criteria.getRange(`I${row}`).values = [[rating]];
          await context.sync();
        });
      },
      { rows, ratings },
    );
    await page.click("#check");
    await page.waitForFunction(() => /15 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    await expectPlannedStatistics(page);
    await page.screenshot({ path: screenshotPath("taskpane-excel-hmip-youth.png"), fullPage: true });

    await page.click("#build");
    await page.waitForSelector(".message.success >> text=Written");
    const { values, formulas } = await page.evaluate(() => {
      const d = (window as unknown as { __excelDouble: { sheet(n: string): { values(r: string): unknown[][]; formulas(r: string): unknown[][] } } }).__excelDouble;
      return { values: d.sheet("Summary").values("A1:H120"), formulas: d.sheet("Summary").formulas("A1:H120") };
    });
    // The double keeps formulas unevaluated (the counts are checked in the browser page's report):
    // a text that says "out of date" once its counts change is a formula IF(<counts as built>,
    // "text", "Out of date…"), and what it shows while they are unchanged is its first text.
    const shown = (r: number, c: number): unknown => {
      const f = formulas[r]![c];
      const whileUnchanged = typeof f === "string" ? /^=IF\([^"]*?,"((?:[^"]|"")*)",/.exec(f) : null;
      return whileUnchanged ? whileUnchanged[1]!.replace(/""/g, '"') : values[r]![c];
    };
    const summary = values.map((row, r) => row.map((_, c) => shown(r, c)));
    const rowOf = (id: string, col = 0) => summary.find((r) => r[col] === id)!;
    expect(rowOf("2.1")[7]).toBe("Its lowest criterion, 2.1.3.");
    expect(rowOf("1.3")[6]).toBe("Requires improvement");
    expect(rowOf("All criteria", 1).slice(6, 8)).toEqual(["Good", "Score 23 of 36 (0–6 Inadequate, 7–18 Requires improvement, 19–30 Good, 31–36 Outstanding)."]);
    expect(errors).toEqual([]);
  }, 120_000);

  it("in the browser page: the filled workbook shows the same figures, and its report's Summary too", async () => {
    const file = tmp.file("youth.xlsx");
    fs.writeFileSync(file, await fillHmipWorkbook(await writeTemplate(buildTemplate({ framework: HMIP_YOUTH_FRAMEWORK }))));
    const { page, errors } = await open(false);
    await page.setInputFiles("#file-input", file);
    await page.waitForFunction(() => /15 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    await expectPlannedStatistics(page);
    await page.screenshot({ path: screenshotPath("taskpane-browser-hmip-youth.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
    const saved = tmp.file("report.xlsx");
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    const found: Record<string, unknown[]> = {};
    wb.getWorksheet("Summary")!.eachRow((row) => {
      const value = (c: number) => {
        const v = row.getCell(c).value;
        return v && typeof v === "object" && "formula" in v ? v.result : v;
      };
      const id = value(1);
      const label = typeof id === "string" && id !== "" ? id : value(2);
      if (typeof label === "string") found[label] = [3, 4, 5, 7].map(value);
    });
    expect(found["2.4"]).toEqual([6, 2, 4, "Inadequate"]);
    expect(found["All criteria"]?.[3]).toBe("Good");
    expect(errors).toEqual([]);
  }, 120_000);
});
