/**
 * The task pane end to end in headless Chromium with the Excel test double injected as the host
 * (served where office.js would be): Set up, Check cases (clicking an issue selects its cell),
 * Build summary, Save settings. The whole session makes no request except to the add-in's own
 * origin and the Office.js address.
 */
import type { Browser, Page } from "playwright-core";
import { buildTemplate } from "../../src/core";
import { buildOfficeDouble, buildPane, describeWithBrowser, launchBrowser, screenshotPath, serve } from "../helpers/browser";

describeWithBrowser("task pane inside Excel (test double)", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let server: Awaited<ReturnType<typeof serve>>;
  let officeJs: string;

  beforeAll(async () => {
    const dist = buildPane();
    officeJs = buildOfficeDouble();
    server = await serve(dist);
    ({ browser, close } = await launchBrowser());
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await server?.close();
  });

  async function openPane(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 1000 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
      if (url.startsWith(server.url)) return route.continue();
      return route.abort("internetdisconnected");
    });
    // Office opens add-in pages with a _host_Info parameter.
    await page.goto(`${server.url}/taskpane.html?_host_Info=Excel$Win32$16.01$en-GB$$$$0`);
    await page.waitForSelector("#set-up", { timeout: 20_000 });
    return { page, requests, errors };
  }

  it("sets up, checks (an issue selects its cell), builds the summary and saves settings", async () => {
    const { page, requests, errors } = await openPane();
    await page.waitForFunction(() => document.documentElement.dataset.mode !== undefined);
    expect(await page.getAttribute("html", "data-mode")).toBe("excel");
    await page.waitForFunction(() => /Cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    expect(await page.textContent("#workbook-status")).toMatch(/no Cases sheet|Set up/i);

    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    expect(await page.textContent("#message")).toMatch(/Created/);
    const sheets = await page.evaluate(() => (window as unknown as { __excelDouble: { sheetNames(): string[] } }).__excelDouble.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(["Cases", "Criteria", "Settings", "Interviews"]));

    // Type three cases into the Cases table, as a user would; C02 has an invalid 1.1 judgement.
    const headers = buildTemplate().cases.headers;
    const col11 = headers.findIndex((h) => h.startsWith("1.1 "));
    await page.evaluate(
      async ({ width, col11 }) => {
        const rows: (string | null)[][] = [];
        for (const [id, sentence, psr] of [
          ["C01", "Community", "Yes"],
          ["C02", "Custody", "No"],
          ["C03", "Community", "No"],
        ]) {
          const row: (string | null)[] = new Array(width).fill("");
          row[0] = id!;
          row[2] = sentence!;
          row[3] = psr!;
          row[col11] = id === "C02" ? "Maybe" : "Yes";
          rows.push(row);
        }
        const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
        await w.Excel.run(async (context: any) => {
          const range = context.workbook.worksheets.getItem("Cases").getRange("A2").getResizedRange(2, width - 1);
          range.values = rows;
          await context.sync();
        });
      },
      { width: headers.length, col11 },
    );

    await page.click("#check");
    await page.waitForFunction(() => /3 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    const group = page.locator("#issues details", { hasText: "Case C02" });
    await group.locator("summary").click();
    const letter = String.fromCharCode(65 + col11);
    const issue = page.locator(`.issue-button[data-cell="${letter}3"]`);
    await issue.waitFor();
    await issue.click();
    await page.waitForFunction(
      (want) => (window as unknown as { __excelDouble: { selection: string | null } }).__excelDouble.selection === want,
      `Cases!${letter}3`,
    );

    await page.click("#build");
    await page.waitForSelector(".message.success >> text=Written");
    const built = await page.evaluate(() => {
      const d = (window as unknown as { __excelDouble: { sheetNames(): string[]; sheet(n: string): { value(a: string): unknown } } }).__excelDouble;
      return { names: d.sheetNames(), a2: d.sheet("Summary").value("A2") };
    });
    expect(built.names).toEqual(expect.arrayContaining(["Summary", "Strengths & improvements"]));
    expect(String(built.a2)).toMatch(/^Generated by Case Inspection Workbook \(Summary\)/);

    await page.fill("#set-service", "Northbrook <b>YJS</b>");
    await page.click("#save-settings");
    await page.waitForSelector("#message:not([hidden]) >> text=Settings", { timeout: 10_000 }).catch(() => undefined);
    expect(await page.textContent("#message")).toMatch(/Settings saved/);
    const service = await page.evaluate(() =>
      (window as unknown as { __excelDouble: { sheet(n: string): { values(r: string): unknown[][] } } }).__excelDouble.sheet("Settings").values("A1:B20"),
    );
    expect(service.find((r) => r[0] === "Service name")?.[1]).toBe("Northbrook <b>YJS</b>");

    await page.screenshot({ path: screenshotPath("taskpane-excel.png"), fullPage: true });
    expect(errors).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("https://appsforoffice.microsoft.com/"));
    expect(foreign).toEqual([]);
    // Inside Excel, ExcelJS (the plain-browser engine) is never loaded.
    expect(requests.some((u) => /exceljs|browser-host/.test(u))).toBe(false);
  });
});
