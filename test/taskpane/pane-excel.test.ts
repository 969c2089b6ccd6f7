/**
 * The task pane end to end in headless Chromium with the Excel test double injected as the host
 * (served where office.js would be): Set up, Check cases (clicking an issue selects its cell),
 * Build summary, Save settings. The whole session makes no request except to the add-in's own
 * origin and the Office.js address.
 */
import type { Browser, Page } from "playwright-core";
import { buildTemplate } from "../../src/core";
import * as path from "node:path";
import { docxFromMarkdown } from "../fixtures/drafts/word";
import { buildOfficeDouble, buildPane, describeWithBrowser, launchBrowser, ROOT, screenshotPath, serve } from "../helpers/browser";
import { oleFile } from "../helpers/workbook-files";

/** A CSS rgb() colour's channels. */
const rgb = (c: string): number[] => (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? "").split(",").slice(0, 3).map(Number);
/** WCAG relative luminance of a CSS rgb() colour. */
const lum = (c: string): number => {
  const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
/** WCAG contrast ratio of two CSS rgb() colours. */
const contrast = (a: string, b: string): number => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);

const PREVIOUS = path.join(ROOT, "assets", "sample-previous-inspection.xlsx");

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

  /** Office's dark theme, as Office.context.officeTheme gives it (Excel's "Black" theme colours). */
  const DARK_THEME = { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#2b2b2b", controlForegroundColor: "#ffffff" };

  async function openPane(theme: Record<string, string> | null = null): Promise<{ page: Page; requests: string[]; errors: string[] }> {
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
      const body = theme ? `${officeJs}\nOffice.context.officeTheme = ${JSON.stringify(theme)};` : officeJs;
      if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ status: 200, contentType: "text/javascript", body });
      if (url.startsWith(server.url)) return route.continue();
      return route.abort("internetdisconnected");
    });
    // Office opens add-in pages with a _host_Info parameter.
    await page.goto(`${server.url}/taskpane.html?_host_Info=Excel$Win32$16.01$en-GB$$$$0`);
    await page.waitForSelector("#set-up", { timeout: 20_000 });
    return { page, requests, errors };
  }

  /** Types three cases into the Cases table through Excel.run; C02's 1.1 is "Maybe". Returns 1.1's column. */
  async function typeCases(page: Page): Promise<number> {
    const headers = buildTemplate({ criterionNotes: true }).cases.headers;
    const col11 = headers.findIndex((h) => h.startsWith("1.1 "));
    const col21 = headers.findIndex((h) => h.startsWith("2.1 "));
    await page.evaluate(
      async ({ width, col11, col21 }) => {
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
          row[col21] = id === "C01" ? "No" : "Yes";
          rows.push(row);
        }
        const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
        await w.Excel.run(async (context: any) => {
          const range = context.workbook.worksheets.getItem("Cases").getRange("A2").getResizedRange(2, width - 1);
          range.values = rows;
          await context.sync();
        });
      },
      { width: headers.length, col11, col21 },
    );
    return col11;
  }

  it("sets up, checks (an issue selects its cell), builds the summary and saves settings", async () => {
    const { page, requests, errors } = await openPane();
    await page.waitForFunction(() => document.documentElement.dataset.mode !== undefined);
    expect(await page.getAttribute("html", "data-mode")).toBe("excel");
    await page.waitForFunction(() => /Cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    expect(await page.textContent("#workbook-status")).toMatch(/no Cases sheet|Set up/i);

    // Set up offers a notes column for each criterion, ticked by default.
    expect(await page.isChecked("#set-up-criterion-notes")).toBe(true);
    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    expect(await page.textContent("#message")).toMatch(/Created/);
    const sheets = await page.evaluate(() => (window as unknown as { __excelDouble: { sheetNames(): string[] } }).__excelDouble.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(["Cases", "Criteria", "Settings", "Interviews"]));
    // Its 2.1 Notes column is there, after 2.1, grouped and folded away (this page's Office reports ExcelApi 1.10).
    const notes21 = buildTemplate({ criterionNotes: true }).cases.headers.indexOf("2.1 Notes");
    const folded = await page.evaluate((col) => {
      const cases = (window as unknown as { __excelDouble: { sheet(n: string): { value(a: string): unknown; columnOutlineLevel(c: number): number; columnHidden(c: number): boolean } } }).__excelDouble.sheet("Cases");
      return [cases.columnOutlineLevel(col), cases.columnHidden(col), cases.columnOutlineLevel(col - 1), cases.columnHidden(col - 1)];
    }, notes21);
    expect(folded).toEqual([1, true, 0, false]);

    // Type three cases into the Cases table, as a user would; C02 has an invalid 1.1 judgement.
    const col11 = await typeCases(page);
    await page.click("#check");
    await page.waitForFunction(() => /3 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    expect(await page.textContent("#issues-hint")).toBe("Select an issue to go to its cell.");
    expect(await page.textContent("#message")).toMatch(/go to its cell/);
    const group = page.locator("#issues details", { hasText: "Case C02" });
    if ((await group.getAttribute("open")) === null) await group.locator("summary").click();
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

  it("compares with a previous inspection chosen in the pane, and the Action plan keeps what is typed in it through Build", async () => {
    const { page, requests, errors } = await openPane();
    await page.waitForFunction(() => document.documentElement.dataset.mode === "excel");
    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    const col21 = buildTemplate({ criterionNotes: true }).cases.headers.findIndex((h) => h.startsWith("2.1 "));
    await typeCases(page);
    // 2.1 not done well in two of the three cases: an area for improvement.
    await page.evaluate((letter) => {
      const d = (window as unknown as { __excelDouble: { sheet(n: string): { type(a: string, v: string): void } } }).__excelDouble;
      d.sheet("Cases").type(`${letter}3`, "No");
    }, String.fromCharCode(65 + col21));
    await page.click("#check");
    await page.waitForFunction(() => /3 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    expect(await page.textContent("#action-plan-hint")).toMatch(/Build summary also writes the Action plan: 1 area requiring improvement now/);

    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#compare")]);
    await chooser.setFiles(PREVIOUS);
    await page.waitForFunction(() => /Comparing with/.test(document.getElementById("comparison-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    expect(await page.textContent("#comparison-status")).toMatch(/from sample-previous-inspection\.xlsx\. Build summary to add the comparison/);
    // The set-up workbook has the built-in criteria, as the earlier inspection had.
    expect(await page.textContent("#after")).toMatch(/20 criteria and 3 interview questions compared, matched by ID and title\./);

    await page.click("#build");
    await page.waitForSelector(".message.success >> text=Written");
    expect(await page.textContent("#message")).toMatch(/Written: Summary, Strengths & improvements, Action plan and Previous inspection\./);
    // The workbook now keeps the figures: the pane says so, and no longer needs the file.
    await page.waitForFunction(() => /kept in this workbook's Previous inspection sheet/.test(document.getElementById("comparison-status")?.textContent ?? ""));

    // Someone fills in the plan in Excel; Build again keeps it.
    const typed = ["  Brief every case manager on risk of harm;\nthen audit.  ", "0012 Team leader", "In progress"];
    const before = await page.evaluate((values) => {
      const d = (window as unknown as { __excelDouble: { sheet(n: string): { type(a: string, v: string): void; values(r: string): unknown[][] } } }).__excelDouble;
      const plan = d.sheet("Action plan");
      const row = plan.values("A1:A20").findIndex((r) => String(r[0]).startsWith("2.1 ")) + 1;
      plan.type(`E${row}`, values[0]!);
      plan.type(`F${row}`, values[1]!);
      plan.type(`H${row}`, values[2]!);
      return row;
    }, typed);
    await page.click("#build");
    await page.waitForFunction(() => /Written/.test(document.getElementById("message")?.textContent ?? ""));
    const after = await page.evaluate(() => {
      const d = (window as unknown as { __excelDouble: { sheetNames(): string[]; sheet(n: string): { values(r: string): unknown[][] } } }).__excelDouble;
      const rows = d.sheet("Action plan").values("A1:I20");
      return { names: d.sheetNames(), row: rows.findIndex((r) => String(r[0]).startsWith("2.1 ")) + 1, cells: rows.find((r) => String(r[0]).startsWith("2.1 "))! };
    });
    expect(after.names).toEqual(expect.arrayContaining(["Action plan", "Previous inspection"]));
    expect(after.row).toBe(before);
    expect([after.cells[4], after.cells[5], after.cells[7]]).toEqual(typed);
    await page.locator("#after").screenshot({ path: screenshotPath("taskpane-excel-compare.png") });
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("https://appsforoffice.microsoft.com/"))).toEqual([]);
  });

  it("draws the section chart readably in Office's dark theme", async () => {
    const { page, errors } = await openPane(DARK_THEME);
    await page.waitForFunction(() => document.documentElement.dataset.mode === "excel");
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    await typeCases(page);
    await page.click("#check");
    await page.waitForFunction(() => /3 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    await page.locator("svg.section-chart").waitFor();
    const colours = await page.evaluate(() => {
      const style = (sel: string, prop: string) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).getPropertyValue(prop));
      return {
        background: getComputedStyle(document.body).backgroundColor,
        text: [...style("svg.section-chart text.chart-label", "fill"), ...style("svg.section-chart text.chart-value", "fill")],
        muted: style("svg.section-chart text.chart-threshold-label", "fill"),
        bars: style("svg.section-chart .chart-bar", "fill"),
        thresholds: style("svg.section-chart .chart-threshold", "stroke"),
      };
    });
    expect(rgb(colours.background)).toEqual([31, 31, 31]);
    expect(colours.bars.length).toBeGreaterThan(0);
    // WCAG: text 4.5:1, graphics (bars, threshold lines) 3:1 against the pane's background.
    for (const c of [...colours.text, ...colours.muted]) expect(contrast(c, colours.background)).toBeGreaterThanOrEqual(4.5);
    for (const c of [...colours.bars, ...colours.thresholds]) expect(contrast(c, colours.background)).toBeGreaterThanOrEqual(3);
    await page.locator("figure.chart").screenshot({ path: screenshotPath("taskpane-excel-dark-chart.png") });
    await page.screenshot({ path: screenshotPath("taskpane-excel-dark.png") });
    expect(errors).toEqual([]);
  });
  it("second marking: agreement, the differences going to both cells, and a moderated judgement counted while the first stays", async () => {
    const { page, errors } = await openPane();
    await page.waitForFunction(() => document.documentElement.dataset.mode === "excel");
    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    await typeCases(page);
    // A quality lead second-marks two cases on 2.1: C01 (first No) as Yes, C02 (first Yes) as Yes.
    const template = buildTemplate({ criterionNotes: true });
    const secondCol21 = template.secondMarking.headers.findIndex((x) => x.startsWith("2.1 "));
    const casesCol21 = template.cases.headers.findIndex((x) => x.startsWith("2.1 "));
    await page.evaluate(
      async ({ width, col }) => {
        const rows = ["C01", "C02"].map((id) => {
          const row: string[] = new Array(width).fill("");
          row[0] = id;
          row[1] = "R. Lead";
          row[col] = "Yes";
          return row;
        });
        const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
        await w.Excel.run(async (context: any) => {
          context.workbook.worksheets.getItem("Second marking").getRange("A2").getResizedRange(1, width - 1).values = rows;
          await context.sync();
        });
      },
      { width: template.secondMarking.headers.length, col: secondCol21 },
    );
    await page.click("#check");
    await page.waitForSelector("#second-marking h2");
    // 2.1: C01 No/Yes, C02 Yes/Yes: 1 of 2 agree; first markers Yes 1 No 1, second Yes 2: chance 1/2, kappa 0.
    expect(await page.textContent("#agreement-overall")).toContain("2 cases second-marked by 1 person");
    expect(await page.textContent('#agreement-table tr[data-id="2.1"]')).toMatch(/50% \(1 of 2\).*0\.00.*slight agreement/);
    const difference = page.locator('#differences li[data-case="C01"][data-criterion="2.1"]');
    expect(await difference.textContent()).toContain("First marker No, second marker (R. Lead) Yes");
    const selection = (): Promise<string | null> => page.evaluate(() => (window as unknown as { __excelDouble: { selection: string | null } }).__excelDouble.selection);
    const letter = (col: number): string => String.fromCharCode(65 + col);
    await difference.locator("button.first").click();
    await page.waitForFunction((want) => (window as unknown as { __excelDouble: { selection: string | null } }).__excelDouble.selection === want, `Cases!${letter(casesCol21)}2`);
    await difference.locator("button.second").click();
    await page.waitForFunction((want) => (window as unknown as { __excelDouble: { selection: string | null } }).__excelDouble.selection === want, `'Second marking'!${letter(secondCol21)}2`);
    expect(await selection()).toBe(`'Second marking'!${letter(secondCol21)}2`);

    await page.click("#build");
    await page.waitForSelector(".message.success >> text=Written");
    expect(await page.textContent("#message")).toContain("Moderation");
    // The quality lead moderates C01's 2.1 as Yes in the Moderation sheet, then checks again.
    const moderatedCell = await page.evaluate(() => {
      const d = (window as unknown as { __excelDouble: { sheet(n: string): { values(r: string): unknown[][] } } }).__excelDouble;
      const rows = d.sheet("Moderation").values("A1:L40");
      const header = rows.findIndex((r) => r[0] === "Case ID");
      const col = rows[header]!.indexOf("Moderated judgement");
      const row = rows.findIndex((r, i) => i > header && r[0] === "C01");
      return `${String.fromCharCode(65 + col)}${row + 1}`;
    });
    await page.evaluate(async (cell) => {
      const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
      await w.Excel.run(async (context: any) => {
        context.workbook.worksheets.getItem("Moderation").getRange(cell).values = [["Yes"]];
        await context.sync();
      });
    }, moderatedCell);
    await page.click("#check");
    await page.waitForFunction(() => /Moderated: Yes/.test(document.getElementById("differences")?.textContent ?? ""));
    // 2.1 was C01 No, C02 Yes, C03 Yes (2 of 3); moderated, 3 of 3. C01's cell in Cases still says No.
    expect(await page.textContent('#statistics tr[data-id="2.1"]')).toContain("3/3");
    const first = await page.evaluate((a) => (window as unknown as { __excelDouble: { sheet(n: string): { value(a: string): unknown } } }).__excelDouble.sheet("Cases").value(a), `${letter(casesCol21)}2`);
    expect(first).toBe("No");
    await page.locator("#second-marking").screenshot({ path: screenshotPath("taskpane-second-marking.png") });
    expect(errors).toEqual([]);
  });
  it("checks a drafted report against the open workbook, as it is now; the Word reader loads only for a .docx; a refused file in the alert (dark theme)", async () => {
    const { page, requests, errors } = await openPane(DARK_THEME);
    await page.waitForFunction(() => document.documentElement.dataset.mode === "excel");
    await page.click("#set-up");
    await page.waitForSelector(".message.success");
    await typeCases(page);
    await page.click("#check");
    await page.waitForFunction(() => /3 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    // The pane's first download inside Excel carries nothing of the draft checker.
    const chunk = (name: string): boolean => requests.some((u) => new URL(u).pathname === `/${name}.js`);
    for (const name of ["draft-check", "draft-reader", "jszip", "mammoth"]) expect(chunk(name)).toBe(false);

    // Three cases: 1.1 is Yes, Maybe (an error, left out), Yes; 2.1 is No, Yes, Yes.
    const draft = [
      "## 1. Reducing the likelihood of reoffending",
      "- 1.1. The initial assessment of the likelihood of reoffending was done well in all three cases.",
      "In two cases the work was not done well.",
      "## 2. Protecting the public",
      "- 2.1. The initial assessment of risk of harm to others was done well in two out of three cases.",
    ].join("\n");
    await page.fill("#draft-text", draft);
    await page.click("#check-draft");
    await page.waitForSelector("#draft-results-heading >> text=Checked: the pasted text");
    expect(await page.textContent("#draft-counts")).toBe("3 quantity statements: 1 disagrees, 1 unmatched, 1 agrees.");
    const wrong = page.locator("#draft li.statement.disagrees");
    expect(await wrong.getAttribute("data-criterion")).toBe("1.1");
    expect(await wrong.locator(".statement-where").textContent()).toBe("Paragraph 2 · 1.1 Initial assessment of the likelihood of reoffending");
    expect(await wrong.locator("dd").first().textContent()).toBe("3 met of 3 (“all three”, read as all 3 met)");
    expect(await wrong.locator("dd.correct").textContent()).toBe("2 met and 0 not met of 2 relevant cases");
    expect(await page.locator("#draft li.statement.unmatched .statement-text").textContent()).toBe("In two cases the work was not done well.");
    expect(await page.textContent("#message")).toMatch(/^1 statement in the pasted text disagrees with the workbook's counts/);
    expect(chunk("draft-check")).toBe(true);
    expect(chunk("mammoth")).toBe(false);

    // In WCAG contrast on Office's dark background: the verdict words and the statement text.
    const colours = await page.evaluate(() => {
      const colour = (sel: string) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).color);
      return { background: getComputedStyle(document.body).backgroundColor, text: [...colour("#draft h4"), ...colour("#draft .statement-where"), ...colour("#draft .statement-text"), ...colour("#draft dt"), ...colour("#draft dd")] };
    });
    expect(colours.text.length).toBeGreaterThan(5);
    for (const c of colours.text) expect(contrast(c, colours.background)).toBeGreaterThanOrEqual(4.5);
    await page.evaluate(() => document.getElementById("draft")!.scrollIntoView());
    await page.screenshot({ path: screenshotPath("taskpane-excel-draft-dark.png") });

    // The workbook changes (C03's 2.1 becomes No): the next check uses the counts as they are now.
    const col21 = buildTemplate({ criterionNotes: true }).cases.headers.findIndex((h) => h.startsWith("2.1 "));
    await page.evaluate(async (col) => {
      const w = window as unknown as { Excel: { run(cb: (c: any) => Promise<void>): Promise<void> } };
      await w.Excel.run(async (context: any) => {
        context.workbook.worksheets.getItem("Cases").getRange(`${String.fromCharCode(65 + col)}4`).values = [["No"]];
        await context.sync();
      });
    }, col21);
    // The same draft as a Word document, read in the pane.
    await page.setInputFiles("#draft-file", { name: "draft.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(await docxFromMarkdown(draft)) });
    await page.waitForSelector("#draft-results-heading >> text=Checked: draft.docx");
    expect(chunk("mammoth")).toBe(true);
    expect(await page.locator("#draft li.statement.disagrees").evaluateAll((li) => li.map((e) => (e as HTMLElement).dataset.criterion))).toEqual(["1.1", "2.1"]);
    expect(await page.locator('#draft li.statement[data-criterion="2.1"] dd.correct').textContent()).toBe("1 met and 2 not met of 3 relevant cases");

    // A password-protected document: its reason, on one line, in the alert.
    await page.setInputFiles("#draft-file", { name: "locked.docx", mimeType: "application/octet-stream", buffer: Buffer.from(oleFile(true)) });
    await page.waitForSelector("#message.error >> text=locked.docx cannot be used");
    expect(await page.textContent("#message")).toMatch(/^locked\.docx cannot be used: The document is password-protected\. [^\n]+$/);
    expect(await page.locator("#message li").count()).toBe(0);

    expect(errors).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("https://appsforoffice.microsoft.com/"));
    expect(foreign).toEqual([]);
  });
});
