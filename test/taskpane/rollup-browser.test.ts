/**
 * "Roll up several workbooks" in the plain browser page (headless Chromium, Office.js unreachable):
 * choose the sample and the generated workbooks (other services and dates, a damaged file, the
 * same inspection twice, one with errors, one on another framework); the page must download a
 * roll-up whose figures are the ones counted from the workbooks' rows, list what it left out, and
 * send nothing anywhere.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { buildPane, describeWithBrowser, launchBrowser, screenshotPath, serve } from "../helpers/browser";
import { checkRollupWorkbook, oneDecimal, rowWhere, value, writeRollupSet, type RollupSet } from "../helpers/rollup-set";
import { makeTempDir } from "../helpers/workbook-files";

describeWithBrowser("roll-up in the plain browser page", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let server: Awaited<ReturnType<typeof serve>>;
  let set: RollupSet;
  const tmp = makeTempDir("pane-rollup-");

  beforeAll(async () => {
    const dir = tmp.file("inspections");
    fs.mkdirSync(dir);
    set = await writeRollupSet(dir);
    server = await serve(buildPane());
    ({ browser, close } = await launchBrowser());
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await server?.close();
    if (process.env.KEEP_TMP) console.log(tmp.dir);
    else tmp.remove();
  });

  it("reads the chosen files in the page and downloads a roll-up with the counted figures", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const outside: string[] = [];
    const posted: string[] = [];
    await page.route("**/*", (route) => {
      const request = route.request();
      if (request.method() !== "GET") posted.push(request.url());
      if (request.url().startsWith(server.url) || request.url().startsWith("blob:") || request.url().startsWith("data:")) return route.continue();
      outside.push(request.url());
      return route.abort("internetdisconnected");
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector("#rollup-input", { state: "attached", timeout: 20_000 });

    // The file counted of the Eastshire copies comes first, whichever rule picks it.
    const order = ["eastshire.xlsx", ...set.files.filter((f) => f !== "eastshire.xlsx")];
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.setInputFiles("#rollup-input", order.map((f) => path.join(set.dir, f)))]);
    const saved = tmp.file("roll-up.xlsx");
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/^roll-up \d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.waitForSelector("#rollup-result .rollup-services");

    // The panel: each service with its overall figure, counted here from the rows.
    const rows = await page.locator("#rollup-result tr.service-row").allTextContents();
    expect(rows).toHaveLength(set.services.length);
    for (const s of set.services) {
      const met = [...s.counts.values()].reduce((n, c) => n + c.met, 0);
      const relevant = [...s.counts.values()].reduce((n, c) => n + c.relevant, 0);
      const row = rows.find((r) => r.startsWith(s.service));
      expect(row).toContain(`${oneDecimal((100 * met) / relevant)!.toFixed(1)}%`);
    }
    const skipped = await page.locator("#rollup-result .rollup-skipped li").allTextContents();
    expect(skipped.map((t) => t.split(":")[0]).sort()).toEqual([...set.skipped.keys()].sort());
    for (const [file, reason] of set.skipped) expect(skipped.find((t) => t.startsWith(`${file}:`))).toMatch(reason);
    expect(await page.textContent("#message")).toMatch(/Rolled up 5 services into roll-up .*\.xlsx; your files are unchanged\. 3 files left out/);
    await page.locator("#rollup").screenshot({ path: screenshotPath("taskpane-rollup.png") });

    // The workbook: the same figures as the command line's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Services", "Criteria", "Chart", "Sources"]);
    checkRollupWorkbook(wb, set);
    const sources = wb.getWorksheet("Sources")!;
    const header = rowWhere(sources, "File");
    for (const name of set.files) {
      const row = rowWhere(sources, name, header + 1);
      const bytes = fs.readFileSync(path.join(set.dir, name));
      expect([name, value(sources.getCell(row, 2)), value(sources.getCell(row, 3))]).toEqual([name, bytes.length, createHash("sha256").update(bytes).digest("hex")]);
    }

    // Nothing sent anywhere: no request but for the page's own files (and Office.js, refused).
    expect(posted).toEqual([]);
    expect(outside.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
    await context.close();
  });
});
