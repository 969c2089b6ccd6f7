/**
 * The task pane end to end in headless Chromium, in plain-browser mode (Office.js cannot load):
 * open the bundled sample, check it, see the issues, download the report and verify it with the
 * engine; hostile text is shown as text and runs nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { analyseWorkbook } from "../../src/core";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { PLANTS, plantedFindings, sampleFindings } from "../fixtures/drafts/plants";
import { docxFromMarkdown } from "../fixtures/drafts/word";
import { accessibleNodes, buildPane, describeWithBrowser, launchBrowser, ROOT, screenshotPath, serve } from "../helpers/browser";
import { casesWorkbook, makeTempDir, oleFile, validRows, withSecondMarking, writeXlsx } from "../helpers/workbook-files";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const PREVIOUS = path.join(ROOT, "assets", "sample-previous-inspection.xlsx");

describeWithBrowser("task pane in a plain browser", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let server: Awaited<ReturnType<typeof serve>>;
  let dist: string;
  const tmp = makeTempDir("pane-");

  beforeAll(async () => {
    dist = buildPane();
    server = await serve(dist);
    ({ browser, close } = await launchBrowser());
  }, 180_000);

  afterAll(async () => {
    await close?.();
    await server?.close();
    tmp.remove();
  });

  async function openPane(width = 320): Promise<{ page: Page; dialogs: string[]; outside: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const outside: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // No network: Office.js (and anything else not on our own server) cannot be reached.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      outside.push(url);
      return route.abort("internetdisconnected");
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector("#file-input", { state: "attached", timeout: 20_000 });
    return { page, dialogs, outside };
  }

  it("opens the sample, checks it, shows statistics and downloads a report the engine agrees with", async () => {
    const { page, dialogs, outside } = await openPane();
    await page.setInputFiles("#file-input", SAMPLE);
    await page.waitForFunction(() => /20 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    expect(await page.textContent("#workbook-status")).toMatch(/sample-inspection\.xlsx: 20 cases/);
    expect(await page.textContent("#issues")).toMatch(/No issues/);
    const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(SAMPLE))));
    const row21 = page.locator('tr[data-id="2.1"]');
    const c21 = expected.criteria.find((c) => c.id === "2.1")!;
    expect(await row21.textContent()).toContain(`${c21.met}/${c21.relevant}`);
    expect(await page.locator("tr.criterion-row").count()).toBe(expected.criteria.length);

    await page.screenshot({ path: screenshotPath("taskpane-browser.png"), fullPage: false });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
    const saved = tmp.file("report.xlsx");
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe("sample-inspection (report).xlsx");
    await page.waitForSelector(".message.success");
    expect(await page.textContent("#message")).toMatch(/Written: Summary, Strengths & improvements and Action plan\./);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet("Summary")!;
    expect(summary).toBeDefined();
    const cells: Record<string, unknown> = {};
    summary.eachRow((row) => {
      const id = row.getCell(1).value;
      if (typeof id === "string" && /^\d\.\d$/.test(id)) cells[id] = (row.getCell(4).value as { result?: unknown })?.result;
    });
    expect(cells["2.1"]).toBe(c21.met);
    // Strengths & improvements: a row per criterion in a strength or improvement band, under its heading.
    const findingsSheet = wb.getWorksheet("Strengths & improvements")!;
    const columnA: string[] = [];
    findingsSheet.eachRow((row) => columnA.push(String(row.getCell(1).value ?? "")));
    const inBand = (band: string): string[] => expected.criteria.filter((c) => c.band === band).map((c) => c.id);
    expect(inBand("strength").length + inBand("improvement").length).toBeGreaterThan(0);
    const headings = [columnA.indexOf("Key strengths"), columnA.indexOf("Areas requiring improvement")];
    expect(headings[0]).toBeGreaterThan(-1);
    expect(headings[1]).toBeGreaterThan(headings[0]!);
    const ids = (rows: string[]): string[] => rows.filter((a) => /^\d+\.\d+$/.test(a)).sort();
    expect(ids(columnA.slice(headings[0], headings[1]))).toEqual(inBand("strength").sort());
    expect(ids(columnA.slice(headings[1]))).toEqual(inBand("improvement").sort());
    // The engine reads the downloaded file the same way as the original.
    const again = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(saved))));
    expect(again.criteria.map((c) => [c.id, c.met, c.relevant])).toEqual(expected.criteria.map((c) => [c.id, c.met, c.relevant]));

    expect(dialogs).toEqual([]);
    expect(outside.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
  });

  it("shows second marking: agreement, the differences with their cells, intervals on demand, and the Moderation sheet in the report", async () => {
    const file = tmp.file("second-marking.xlsx");
    await writeXlsx(file, withSecondMarking());
    const { page, dialogs } = await openPane();
    await page.setInputFiles("#file-input", file);
    await page.waitForSelector("#second-marking h2", { timeout: 20_000 });
    // See test/cli/second-marking.test.ts for these figures: 9 of 10 judgements agree; on 2.1, 4 of 5, kappa 6/11.
    expect(await page.textContent("#agreement-overall")).toContain("5 cases second-marked by 2 people: 90% agreement (9 of 10)");
    expect(await page.textContent('#agreement-table tr[data-id="2.1"]')).toMatch(/80% \(4 of 5\).*0\.55.*moderate agreement/);
    const differences = page.locator("#differences li");
    expect(await differences.count()).toBe(1);
    // Outside Excel the cells are named, not selected.
    expect(await differences.first().textContent()).toMatch(/C02 · 2\.1.*First marker No, second marker \(R\. Lead\) Yes.*To moderate.*Cases!G3.*'Second marking'!D3/);
    expect(await page.locator("#differences button").count()).toBe(0);

    // 2.1 is 3 of 5 (60%): its 95% Wilson interval is 23–88%, shown only on demand.
    const interval = page.locator('#statistics tr[data-id="2.1"] .interval');
    expect(await interval.isVisible()).toBe(false);
    await page.check("#show-intervals");
    expect(await interval.isVisible()).toBe(true);
    expect(await interval.textContent()).toBe("23–88%");
    await page.screenshot({ path: screenshotPath("taskpane-browser-second-marking.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
    const saved = tmp.file("second-marking-report.xlsx");
    await download.saveAs(saved);
    await page.waitForSelector(".message.success");
    expect(await page.textContent("#message")).toMatch(/Written: Summary, Strengths & improvements, Action plan and Moderation\./);
    const again = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(saved))));
    expect(again.moderation!.rows.map((r) => [r.caseId, r.criterionId, r.status])).toEqual([["C02", "2.1", "to moderate"]]);
    expect(dialogs).toEqual([]);
  });

  it("compares with a previous inspection read in the page, and downloads a report that keeps it, with the Action plan", async () => {
    const { page, dialogs, outside } = await openPane();
    await page.setInputFiles("#file-input", SAMPLE);
    await page.waitForFunction(() => /20 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    expect(await page.textContent("#action-plan-hint")).toMatch(/also writes the Action plan: 8 areas requiring improvement now/);
    // The button opens the file chooser; the earlier inspection is read in the page.
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#compare")]);
    await chooser.setFiles(PREVIOUS);
    await page.waitForFunction(() => /Comparing with/.test(document.getElementById("comparison-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
    expect(await page.textContent("#comparison-status")).toMatch(
      /^Comparing with the inspection of Northbrook Youth Justice Service \(13 February 2024 to 15 February 2024\) from sample-previous-inspection\.xlsx\. Build and download report to add/,
    );
    const changes = await page.locator("#comparison-sections li").allTextContents();
    expect(changes[0]).toBe("1 Reducing the likelihood of reoffending: 67% then, 90% now (+22.4 points): improved");
    expect(await page.textContent("#after")).toContain("Declined beyond chance: 2.1 (89% to 58%).");
    await page.locator("#after").screenshot({ path: screenshotPath("taskpane-compare.png") });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
    const saved = tmp.file("compared-report.xlsx");
    await download.saveAs(saved);
    await page.waitForSelector(".message.success");
    expect(await page.textContent("#message")).toMatch(/Written: Summary, Strengths & improvements, Action plan and Previous inspection\./);
    // The downloaded report keeps the comparison: the engine finds it there without the earlier file.
    const grids = await readWorkbookGrids(new Uint8Array(fs.readFileSync(saved)));
    const again = analyseWorkbook(grids);
    expect(again.previousFrom).toBe("sheet");
    expect(again.comparison!.criteria.find((c) => c.id === "1.3")).toMatchObject({ previous: { met: 12, relevant: 20 }, direction: "improved" });
    expect(grids.actionPlan!.sheet).toBe("Action plan");
    // A file that cannot be used says so, and the comparison stays as it was.
    const [again2] = await Promise.all([page.waitForEvent("filechooser"), page.click("#compare")]);
    await again2.setFiles(path.join(ROOT, "README.md"));
    await page.waitForSelector(".message.error");
    expect(await page.textContent("#message")).toMatch(/^README\.md cannot be used as the previous inspection: It is a text file/);
    expect(await page.textContent("#comparison-status")).toMatch(/from sample-previous-inspection\.xlsx/);
    await page.click("#forget-previous");
    await page.waitForFunction(() => /^Choose an earlier inspection/.test(document.getElementById("comparison-status")?.textContent ?? ""));
    expect(dialogs).toEqual([]);
    expect(outside.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
  });

  it("shows hostile workbook text as text and runs nothing", async () => {
    const rows = validRows();
    rows[0]![8] = "<img src=x onerror=alert(1)>";
    rows[1]![4] = "<script>alert(2)</script>";
    rows[2]![0] = "<b onmouseover=alert(3)>C03</b>";
    rows[2]![4] = "<img src=y onerror=alert(4)>";
    const file = tmp.file("hostile.xlsx");
    await writeXlsx(file, casesWorkbook(rows));
    const { page, dialogs } = await openPane();
    await page.evaluate(() => {
      (window as unknown as { xss: number }).xss = 0;
    });
    await page.setInputFiles("#file-input", file);
    await page.waitForSelector("#issues details", { timeout: 20_000 });
    // Open every group so every issue item is rendered (with few issues they start open).
    for (const group of await page.locator("#issues details").all()) if ((await group.getAttribute("open")) === null) await group.locator("summary").click();
    await page.waitForSelector('.issue-button[data-cell="E3"]');
    await page.waitForSelector('.issue-button[data-cell="E4"]');
    const issuesText = await page.textContent("#issues");
    expect(issuesText).toContain("<script>alert(2)</script>");
    expect(issuesText).toContain("Case <b onmouseover=alert(3)>C03</b>");
    expect(issuesText).toContain("<img src=y onerror=alert(4)>");
    expect(await page.locator("#issues img, #issues script, #issues b").count()).toBe(0);
    await page.hover("#issues");
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    // The invalid value's issue names its cell.
    expect(await page.locator('.issue-button[data-cell="E3"]').count()).toBe(1);
  });

  it("keeps long, right-to-left and combining text usable at 320 px", async () => {
    const rows = validRows();
    rows[0]![0] = "C".repeat(5000);
    rows[1]![4] = "לא ידוע — غير معروف";
    rows[2]![4] = "Z\u0351\u0334\u0353a\u0300\u0301\u0302l\u0303\u0304g\u0305o 👩🏽‍⚖️";
    rows[3]![2] = "x".repeat(20000);
    const file = tmp.file("long.xlsx");
    await writeXlsx(file, casesWorkbook(rows));
    const { page, dialogs } = await openPane(320);
    await page.setInputFiles("#file-input", file);
    await page.waitForSelector("#issues details", { timeout: 20_000 });
    for (const group of await page.locator("#issues details").all()) if ((await group.getAttribute("open")) === null) await group.locator("summary").click();
    await page.waitForSelector('.issue-button[data-cell="E3"]');
    const text = await page.textContent("#issues");
    expect(text).toContain("לא ידוע — غير معروف");
    expect(text).toContain("👩🏽‍⚖️");
    // Nothing pushes the pane wider than the window.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(dialogs).toEqual([]);
  });

  it("has a Content-Security-Policy that blocks inline scripts and outside connections", async () => {
    const { page, outside } = await openPane();
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(csp).toMatch(/connect-src 'self'/);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const s = document.createElement("script");
      s.textContent = "window.injected = true";
      document.body.appendChild(s);
      let fetched = "no";
      try {
        await fetch("https://example.org/collect");
        fetched = "yes";
      } catch {
        fetched = "blocked";
      }
      return { injected: w.injected === true, fetched };
    });
    expect(result).toEqual({ injected: false, fetched: "blocked" });
    // The CSP stopped the request before it reached the network.
    expect(outside.some((u) => u.includes("example.org"))).toBe(false);
  });

  it("has the add-in's own icon: no request of the page goes unanswered (favicon.ico included)", async () => {
    const { page } = await openPane();
    await page.setInputFiles("#file-input", SAMPLE);
    await page.waitForFunction(() => /20 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    // Chromium asks for the icon the page names, or /favicon.ico; either must be the add-in's icon.
    expect(await page.getAttribute('link[rel="icon"]', "href")).toBe("assets/icon-32.png");
    const get = (p: string): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        http.get(`${server.url}${p}`, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${p}: ${res.statusCode}`))));
        });
      });
    expect((await get("/assets/icon-32.png")).equals(fs.readFileSync(path.join(ROOT, "assets", "icon-32.png")))).toBe(true);
    // favicon.ico: an icon directory (type 1) whose images are the add-in's 16 and 32 px PNGs.
    const ico = await get("/favicon.ico");
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    const images = [0, 1].map((k) => ico.subarray(ico.readUInt32LE(6 + 16 * k + 12), ico.readUInt32LE(6 + 16 * k + 12) + ico.readUInt32LE(6 + 16 * k + 8)));
    expect(images.map((b) => b.equals(fs.readFileSync(path.join(ROOT, "assets", `icon-${b.readUInt32BE(16)}.png`))))).toEqual([true, true]);
    await page.waitForTimeout(300);
    expect(server.responses.filter((r) => r.status >= 400)).toEqual([]);
  });

  it("npm run serve serves the production build for the plain-browser page, on this computer only", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe("npm run build && node scripts/serve.js");
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.js"), "--dir", dist, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => resolve(d.toString()));
        child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
      });
      const address = /http:\/\/localhost:(\d+)\/taskpane\.html/.exec(line);
      expect(address).not.toBeNull();
      const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
      const page = await context.newPage();
      await page.route("**/*", (route) => (route.request().url().startsWith("http://localhost:") ? route.continue() : route.abort("internetdisconnected")));
      await page.goto(`http://localhost:${address![1]}/`);
      expect(page.url()).toMatch(/\/taskpane\.html$/);
      await page.setInputFiles("#file-input", SAMPLE);
      await page.waitForFunction(() => /20 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
      // Only on the loopback interface; nothing outside the build folder.
      const outside = await new Promise<number>((resolve) =>
        http.get({ host: "127.0.0.1", port: Number(address![1]), path: "/../package.json" }, (res) => resolve(res.statusCode ?? 0)),
      );
      expect(outside).toBe(404);
      await context.close();
    } finally {
      child.kill();
    }
    const missing = spawnSync(process.execPath, [path.join(ROOT, "scripts", "serve.js"), "--dir", tmp.file("no-build")], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^serve: .*npm run build/);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("npm run serve");
    expect(readme).not.toMatch(/serve `dist\/`\)/);
  });

  /** Opens a file in the page and waits until the pane has read it. */
  async function openFile(page: Page, file: string): Promise<void> {
    await page.setInputFiles("#file-input", file);
    const name = path.basename(file);
    await page.waitForFunction((n) => (document.getElementById("workbook-status")?.textContent ?? "").includes(n), name, { timeout: 20_000 });
    await page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false");
  }

  const disabled = (page: Page, selector: string): Promise<boolean> => page.evaluate((sel) => document.querySelector(sel)?.hasAttribute("disabled") ?? true, selector);

  describe("the first hour", () => {
    it("settings belong to the open workbook: another file shows and reports its own", async () => {
      const { page } = await openPane();
      // Before any file, there is nothing to save settings for.
      expect(await disabled(page, "#save-settings")).toBe(true);
      await openFile(page, SAMPLE);
      expect(await page.inputValue("#set-service")).toBe("Northbrook Youth Justice Service");
      expect(await page.textContent("#statistics .overall")).toMatch(/\((Outstanding|Good|Requires improvement|Inadequate)\)/);
      await page.fill("#set-service", "First Workbook YJS");
      await page.click("#save-settings");
      await page.waitForSelector("#message.success >> text=Settings saved");
      expect(await page.inputValue("#set-service")).toBe("First Workbook YJS");

      const other = tmp.file("other-service.xlsx");
      await writeXlsx(other, casesWorkbook(validRows()));
      await openFile(page, other);
      // The second workbook has no Settings sheet: the defaults, not the first one's values.
      expect(await page.inputValue("#set-service")).toBe("");
      expect(await page.inputValue("#set-scheme")).toBe("None");
      expect(await page.textContent("#statistics .overall")).not.toMatch(/\((Outstanding|Good|Requires improvement|Inadequate)\)/);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
      const saved = tmp.file("other-report.xlsx");
      await download.saveAs(saved);
      const again = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(saved))));
      expect(again.settings.serviceName).toBe("");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void texts.push(String(c.text)))));
      expect(texts.join("\n")).not.toContain("First Workbook YJS");
    });

    it("selecting an issue outside Excel shows the case row around it, and the page says so", async () => {
      const rows = validRows();
      rows[5]![6] = "Maybe"; // Cases!G7: C06, 2.1
      const file = tmp.file("one-error.xlsx");
      await writeXlsx(file, casesWorkbook(rows));
      const { page } = await openPane();
      await openFile(page, file);
      expect(await page.textContent("#message")).toMatch(/see its case row/);
      expect(await page.textContent("#issues-hint")).toMatch(/Select an issue to see its case row; correct it in your spreadsheet/);
      const issue = page.locator('.issue-button[data-cell="G7"]');
      await issue.click();
      expect(await issue.getAttribute("aria-expanded")).toBe("true");
      const detail = page.locator(".issue-detail");
      await detail.waitFor();
      const text = (await detail.textContent()) ?? "";
      expect(text).toContain("C06"); // the case
      expect(text).toContain("G: 2.1 Initial assessment of risk of harm"); // the column's header
      expect(await detail.locator(".detail-value").textContent()).toBe("“Maybe”"); // the value found
      expect(await detail.locator(".detail-enter").textContent()).toMatch(/Enter Yes, No or N\/A/); // what to enter
      expect(await detail.locator("tr.here").textContent()).toMatch(/2\.1 Initial assessment of risk of harm\s*Maybe/);
      expect(await detail.locator("tr").first().textContent()).toMatch(/Case ID\s*C06/);
      await page.locator("li.issue", { has: page.locator(".issue-detail") }).screenshot({ path: screenshotPath("taskpane-browser-issue.png") });
      await issue.click();
      expect(await page.locator(".issue-detail").count()).toBe(0);
    });

    it("with no file open, nothing that needs one is enabled, and the page says what to do", async () => {
      const { page } = await openPane();
      await page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false");
      expect(await disabled(page, "#check")).toBe(true);
      expect(await disabled(page, "#build")).toBe(true);
      expect(await disabled(page, "#set-up")).toBe(false);
      expect(await page.textContent("#set-up")).toBe("New workbook");
      expect(await page.textContent("#workbook-status")).toMatch(/Open an inspection workbook \(\.xlsx\) above to check it, or choose New workbook/);
      // No empty panel draws a rule on the start screen.
      const stray = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("#app > *")].filter((el) => getComputedStyle(el).display !== "none" && el.childElementCount === 0 && el.textContent?.trim() === "" && parseFloat(getComputedStyle(el).borderTopWidth) > 0).map((el) => el.id),
      );
      expect(stray).toEqual([]);
      await page.screenshot({ path: screenshotPath("taskpane-browser-start.png"), fullPage: true });
    });

    it("a refused file is shown in the alert; the New workbook progress words go when it is done", async () => {
      const { page } = await openPane();
      const csv = tmp.file("cases.csv");
      fs.writeFileSync(csv, "Case ID,Sentence,PSR\nC01,Community,Yes\n");
      await openFile(page, csv);
      expect(await page.getAttribute("#message", "role")).toBe("alert");
      expect(await page.isVisible("#message.error")).toBe(true);
      expect(await page.textContent("#message")).toMatch(/cases\.csv cannot be used/);
      expect(await disabled(page, "#build")).toBe(true);

      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#set-up")]);
      expect(download.suggestedFilename()).toBe("inspection-workbook.xlsx");
      await page.waitForSelector("#message.success");
      await page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false");
      expect((await page.textContent("#progress-text"))?.trim()).toBe("");
      expect(await page.isHidden("#progress")).toBe(true);
      // The option ticked by default: the new workbook's Cases table has 2.1 Notes after 2.1, folded away.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await download.path())!);
      const cases = wb.getWorksheet("Cases")!;
      const headers = (cases.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
      const notes21 = headers.indexOf("2.1 Notes");
      expect(headers[notes21 - 1]).toMatch(/^2\.1 /);
      expect([cases.getColumn(notes21).hidden, cases.getColumn(notes21).outlineLevel]).toEqual([true, 1]);
    });

    it("issue groups start open when there are few, and stay as the user left them after Build", async () => {
      const rows = validRows();
      rows[5]![6] = "Maybe";
      const few = tmp.file("few-issues.xlsx");
      await writeXlsx(few, casesWorkbook(rows));
      const { page } = await openPane();
      await openFile(page, few);
      const count = Number(/Issues \((\d+)\)/.exec((await page.textContent("#issues h2")) ?? "")?.[1]);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(20);
      expect(await page.locator("#issues details:not([open])").count()).toBe(0);

      // Many issues: groups start closed; the one the user opens stays open through Build.
      const many = validRows().map((r) => [r[0], r[1], r[2], r[3], null, null, null, null, null]);
      for (let k = 7; k <= 12; k++) many.push([`C${String(k).padStart(2, "0")}`, "D. Manager", "Community", "No", null, null, null, null, null]);
      const manyFile = tmp.file("many-issues.xlsx");
      await writeXlsx(manyFile, casesWorkbook(many));
      await openFile(page, manyFile);
      expect(Number(/Issues \((\d+)\)/.exec((await page.textContent("#issues h2")) ?? "")?.[1])).toBeGreaterThan(20);
      expect(await page.locator("#issues details[open]").count()).toBe(0);
      await page.locator("#issues details", { hasText: "Case C03" }).locator("summary").click();
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build")]);
      expect(download.suggestedFilename()).toBe("many-issues (report).xlsx");
      await page.waitForSelector("#message.success");
      expect(await page.locator("#issues details[open] .group-name").allTextContents()).toEqual(["Case C03"]);
    });

    it("shows the staff-interview statistics; groups by criterion under its name; an issue without a case under its row", async () => {
      const { page } = await openPane();
      await openFile(page, SAMPLE);
      const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(SAMPLE))));
      expect(expected.interviewStats.length).toBeGreaterThan(0);
      expect(await page.textContent("#interview-statistics h3")).toBe(`Staff interviews (${expected.interviews!.cases.length} interviewees)`);
      for (const q of expected.interviewStats) {
        expect(await page.locator(`#interview-statistics tr[data-id="${q.id}"]`).textContent()).toContain(`${q.met}/${q.relevant}`);
      }

      const rows = validRows();
      rows[5]![6] = "Maybe"; // 2.1 on C06
      rows.push([null, "D. Manager", null, "No", "Yes", "N/A", "Yes", "N/A", null]); // sheet row 8: no case ID, no Sentence
      const file = tmp.file("no-case.xlsx");
      await writeXlsx(file, casesWorkbook(rows));
      await openFile(page, file);
      await page.check('input[name="grouping"][value="criterion"]');
      const names = await page.locator("#issues .group-name").allTextContents();
      expect(names).toContain("Criterion 2.1: Initial assessment of risk of harm to others");
      expect(names).toContain("Cases row 8");
      expect(names.some((n) => /: other$/.test(n))).toBe(false);
    });

    it("draws the section scores as a chart with the thresholds marked, readable at 320 px", async () => {
      const { page } = await openPane(320);
      await openFile(page, SAMPLE);
      const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(SAMPLE))));
      const chart = page.locator("svg.section-chart");
      await chart.waitFor();
      expect(await chart.getAttribute("role")).toBe("img");
      const measured = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>("svg.section-chart")!;
        const box = svg.getBoundingClientRect();
        const rows = [...svg.querySelectorAll<SVGGElement>(".chart-row")].map((g) => ({
          section: g.dataset.section,
          track: g.querySelector(".chart-track")!.getBoundingClientRect().width,
          bar: g.querySelector(".chart-bar")?.getBoundingClientRect().width ?? 0,
          left: g.querySelector(".chart-track")!.getBoundingClientRect().left,
          value: g.querySelector(".chart-value")!.textContent,
        }));
        const thresholds = [...svg.querySelectorAll<SVGLineElement>(".chart-threshold")].map((l) => ({ kind: l.getAttribute("class"), x: l.getBoundingClientRect().left }));
        const texts = [...svg.querySelectorAll("text")].map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent, left: r.left, right: r.right, height: r.height };
        });
        return { box: { left: box.left, right: box.right }, viewport: window.innerWidth, rows, thresholds, texts, scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(measured.rows.map((r) => r.section)).toEqual([...expected.sections.map((s) => s.number), "overall"]);
      for (const r of measured.rows) {
        const s = r.section === "overall" ? expected.overall : expected.sections.find((x) => x.number === r.section)!;
        expect(r.bar / r.track).toBeCloseTo(s.percent! / 100, 2);
        expect(r.value).toBe(`${Math.round(s.percent! * 10) / 10}%`);
      }
      const left = measured.rows[0]!.left;
      const track = measured.rows[0]!.track;
      const at = (kind: string) => measured.thresholds.find((t) => t.kind!.includes(kind))!.x;
      expect((at("improvement") - left) / track).toBeCloseTo(expected.settings.improvementThreshold / 100, 2);
      expect((at("strength") - left) / track).toBeCloseTo(expected.settings.strengthThreshold / 100, 2);
      // At 320 px: inside the window, every label inside the chart and at least 11 px high.
      expect(measured.box.right).toBeLessThanOrEqual(measured.viewport);
      expect(measured.scroll).toBeLessThanOrEqual(0);
      for (const t of measured.texts) {
        expect(t.left).toBeGreaterThanOrEqual(measured.box.left - 0.5);
        expect(t.right).toBeLessThanOrEqual(measured.viewport);
        expect(t.height).toBeGreaterThanOrEqual(11);
      }
      await page.locator("figure.chart").screenshot({ path: screenshotPath("taskpane-chart-320.png") });
    });
  });

  it("is usable with the keyboard alone", async () => {
    const { page } = await openPane();
    await page.setInputFiles("#file-input", SAMPLE);
    await page.waitForFunction(() => /20 cases/.test(document.getElementById("workbook-status")?.textContent ?? ""));
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      reached.add(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? document.activeElement?.tagName ?? ""));
    }
    expect(reached.has("check")).toBe(true);
    expect(reached.has("build")).toBe(true);
    await page.focus("#check");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".message.success");
  });

  describe("Check a draft", () => {
    /** Every request the page makes, with its method. */
    function watchRequests(page: Page): { method: string; url: string }[] {
      const seen: { method: string; url: string }[] = [];
      page.on("request", (r) => seen.push({ method: r.method(), url: r.url() }));
      return seen;
    }
    const loaded = (seen: readonly { url: string }[], chunk: string): boolean => seen.some((r) => new URL(r.url).pathname === `/${chunk}.js`);
    /** The paragraph of a Markdown draft a text is in, counted as a reader counts them: one per non-empty line. */
    const paragraphOf = (markdown: string, text: string): number => markdown.split("\n").filter((l) => l.trim() !== "").findIndex((l) => l.includes(text)) + 1;
    /** Waits for the check of `name` to be drawn and the pane to be idle. */
    async function checked(page: Page, name: string): Promise<void> {
      await page.waitForFunction((n) => document.getElementById("draft-results-heading")?.textContent === `Checked: ${n}`, name, { timeout: 30_000 });
      await page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false");
    }
    const verdictCount = (page: Page, verdict: string): Promise<number> => page.locator(`#draft li.statement.${verdict}`).count();
    /** Opens the folded agreements and waits for them to be listed. */
    async function openAgreements(page: Page): Promise<void> {
      await page.click("details.draft-agrees > summary");
      await page.waitForSelector("details.draft-agrees[open] li.statement");
    }

    it("checks pasted text and an opened .docx: disagreements first with the figure and wording, then unmatched, agreements folded; the Word reader loads only for the .docx; nothing is uploaded", async () => {
      const { page, dialogs, outside } = await openPane(320);
      const seen = watchRequests(page);
      // Before a workbook is open there is nothing to check a draft against.
      expect(await disabled(page, "#check-draft")).toBe(true);
      expect(await disabled(page, "#draft-file")).toBe(true);
      await openFile(page, SAMPLE);
      expect(await disabled(page, "#check-draft")).toBe(false);
      // Nothing of the draft checker is loaded until a draft is checked.
      for (const chunk of ["draft-check", "draft-reader", "mammoth"]) expect(loaded(seen, chunk)).toBe(false);

      // The plants, and a count no criterion's words can be found for (listed as unmatched).
      const planted = `${plantedFindings()}\n\nIn two cases the work was not done well.\n`;
      await page.fill("#draft-text", planted);
      await page.click("#check-draft");
      await checked(page, "the pasted text");
      expect(loaded(seen, "draft-check")).toBe(true);
      expect(loaded(seen, "mammoth")).toBe(false);
      expect(loaded(seen, "draft-reader")).toBe(false);

      // Every plant is listed as a disagreement, under its criterion; nothing else disagrees.
      expect(await verdictCount(page, "disagrees")).toBe(PLANTS.length);
      const disagreeing = await page.locator("#draft li.statement.disagrees").evaluateAll((items) =>
        items.map((li) => ({ criterion: (li as HTMLElement).dataset.criterion, text: li.querySelector(".statement-text")!.textContent ?? "" })),
      );
      for (const p of PLANTS) expect(disagreeing.some((d) => d.criterion === (p.criterionId ?? "") && d.text.includes(p.to))).toBe(true);

      // The order: disagreements, unmatched, then the agreements folded away.
      const order = await page.evaluate(() => [...document.querySelectorAll("#draft-results > *")].map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
      expect(order.slice(0, 3)).toEqual(["h3.", "p.draft-counts", "section.verdict-group disagrees"]);
      expect(order.indexOf("section.verdict-group disagrees")).toBeLessThan(order.indexOf("section.verdict-group unmatched"));
      expect(order.indexOf("section.verdict-group unmatched")).toBeLessThan(order.indexOf("details.draft-agrees"));
      expect(await page.getAttribute("details.draft-agrees", "open")).toBeNull();
      await openAgreements(page);
      const [unmatched, agrees] = [await verdictCount(page, "unmatched"), await verdictCount(page, "agrees")];
      expect(unmatched).toBeGreaterThan(0);
      expect(agrees).toBeGreaterThan(0);
      const total = PLANTS.length + unmatched + agrees;
      expect(await page.textContent("#draft-counts")).toBe(`${total} quantity statements: ${PLANTS.length} disagree, ${unmatched} unmatched, ${agrees} agree.`);
      expect(await page.textContent("details.draft-agrees > summary")).toBe(`Agrees with the workbook (${agrees})`);

      // One disagreement in full: where it is, what the workbook has, the wording the report would use.
      const a = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(SAMPLE))));
      const c21 = a.criteria.find((c) => c.id === "2.1")!;
      const item = page.locator("#draft li.statement.disagrees", { hasText: "In 9 out of 19 relevant cases" });
      expect(await item.locator(".statement-where").textContent()).toBe(`Paragraph ${paragraphOf(planted, "In 9 out of 19 relevant cases")} · 2.1 ${c21.title}`);
      expect(await item.locator(".statement-text").textContent()).toBe("In 9 out of 19 relevant cases this assessment was not done well.");
      expect(await item.locator("dd.correct").textContent()).toBe(`${c21.met} met and ${c21.notMet} not met of ${c21.relevant} relevant cases`);
      expect(await item.locator("dd.suggestion").textContent()).toContain(`${c21.notMet} out of ${c21.relevant}`);
      expect(await item.locator("dt").allTextContents()).toEqual(["The draft says", "The workbook has", "The report would say", "Suggested wording"]);
      // The number of cases examined, planted as 22: the workbook's 20, and the draft's sentence corrected.
      const sampleItem = page.locator("#draft li.statement.disagrees", { hasText: "We examined 22 cases" });
      expect(await sampleItem.locator(".statement-where").textContent()).toBe("Paragraph 2 · the number of cases examined");
      expect(await sampleItem.locator("dd").first().textContent()).toBe("22 cases (“22”, read as the number of cases examined)");
      expect(await sampleItem.locator("dd.correct").textContent()).toBe(`${a.cases.cases.length} cases`);
      expect(await sampleItem.locator("dt").allTextContents()).toEqual(["The draft says", "The workbook has", "Suggested wording"]);
      expect(await sampleItem.locator("dd.suggestion").textContent()).toMatch(new RegExp(`^We examined ${a.cases.cases.length} cases supervised by`));
      expect(await page.getAttribute("#message", "class")).toBe("message error");
      expect(await page.textContent("#message")).toBe(`${PLANTS.length} statements in the pasted text disagree with the workbook's counts (${unmatched} unmatched, ${agrees} agree): see Check a draft.`);
      // Readable at 320 px: nothing wider than the pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.click("details.draft-agrees > summary"); // folded again for the picture
      await page.evaluate(() => document.getElementById("draft")!.scrollIntoView());
      await page.screenshot({ path: screenshotPath("taskpane-draft.png") });

      // The same draft as a Word document: read in the page by mammoth, loaded now and only now.
      await page.setInputFiles("#draft-file", { name: "planted.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(await docxFromMarkdown(planted)) });
      await checked(page, "planted.docx");
      expect(loaded(seen, "draft-reader")).toBe(true);
      expect(loaded(seen, "mammoth")).toBe(true);
      expect(await verdictCount(page, "disagrees")).toBe(PLANTS.length);

      // The true draft as a Markdown file: nothing disagrees.
      await page.setInputFiles("#draft-file", { name: "findings.md", mimeType: "text/markdown", buffer: Buffer.from(sampleFindings()) });
      await checked(page, "findings.md");
      expect(await verdictCount(page, "disagrees")).toBe(0);
      expect(await page.getAttribute("#message", "class")).toBe("message success");
      expect(await page.textContent("#message")).toMatch(/^Nothing in findings\.md disagrees with the workbook's counts/);

      // Nothing was sent anywhere: only files fetched from the page's own server.
      expect(seen.filter((r) => r.method !== "GET")).toEqual([]);
      expect(outside.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
      expect(dialogs).toEqual([]);
    });

    it("a refused draft (damaged, password-protected, a .doc) is one line in the alert", async () => {
      const { page } = await openPane(320);
      await openFile(page, SAMPLE);
      const good = await docxFromMarkdown("- 2.1. In 8 out of 19 relevant cases this assessment was not done well.");
      const refused: [string, Uint8Array, RegExp][] = [
        ["cut.docx", good.subarray(0, Math.floor(good.length / 2)), /^cut\.docx cannot be used: The file is damaged or incomplete/],
        ["locked.docx", oleFile(true), /^locked\.docx cannot be used: The document is password-protected\. In Word, remove the password/],
        ["old.doc", oleFile(false), /^old\.doc cannot be used: It is a Word 97-2003 \(\.doc\).*save it as a Word Document \(\.docx\)\.$/],
      ];
      for (const [name, bytes, said] of refused) {
        await page.setInputFiles("#draft-file", { name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
        await page.waitForFunction((n) => document.querySelector("#message.error")?.textContent?.startsWith(`${n} cannot be used`) === true, name, { timeout: 30_000 });
        expect(await page.getAttribute("#message", "role")).toBe("alert");
        const text = (await page.textContent("#message")) ?? "";
        expect(text).toMatch(said);
        expect(text).not.toContain("\n");
        expect(await page.locator("#message p").count()).toBe(1);
        expect(await page.locator("#message li").count()).toBe(0);
        await page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false");
      }
      // Nothing pasted: said, not checked.
      await page.click("#check-draft");
      await page.waitForSelector("#message.error >> text=Paste the draft's text into the box first");
    });

    it("shows hostile draft text as text and runs nothing; long and right-to-left text stays inside 320 px", async () => {
      const { page, dialogs } = await openPane(320);
      await openFile(page, SAMPLE);
      await page.evaluate(() => {
        (window as unknown as { xss: number }).xss = 0;
      });
      const hostile = [
        "## 2. Protecting the public <img src=x onerror=\"window.xss++;alert(1)\">",
        "- 2.1. In 9 out of 19 relevant cases <script>window.xss++;alert(2)</script> this assessment was not done well.",
        "- 2.3. <b onmouseover=\"window.xss++;alert(3)\">Planning</b> was sufficient in just under two-thirds of cases.",
        `- 2.4. ${"x".repeat(20000)} was not done well in almost half the cases.`,
        "- 2.5. לא ידוע — غير معروف was evidenced in 10 out of the 17 cases Z\u0351\u0334a\u0300l\u0303g\u0305o 👩🏽‍⚖️.",
      ].join("\n");
      await page.fill("#draft-text", hostile);
      await page.click("#check-draft");
      await checked(page, "the pasted text");
      await openAgreements(page);
      const text = (await page.textContent("#draft-results")) ?? "";
      expect(text).toContain("<script>window.xss++;alert(2)</script>");
      expect(text).toContain('<b onmouseover="window.xss++;alert(3)">Planning</b>');
      expect(text).toContain("לא ידוע — غير معروف");
      expect(text).toContain("…");
      expect(await page.locator("#draft img, #draft script, #draft b").count()).toBe(0);

      // The same text as a Word document.
      await page.setInputFiles("#draft-file", { name: "hostile.docx", mimeType: "application/octet-stream", buffer: Buffer.from(await docxFromMarkdown(hostile)) });
      await checked(page, "hostile.docx");
      await openAgreements(page);
      expect(await page.textContent("#draft-results")).toContain("<script>window.xss++;alert(2)</script>");
      expect(await page.locator("#draft img, #draft script, #draft b").count()).toBe(0);
      await page.hover("#draft-results");
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { xss: number }).xss)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    });

    it("is usable with the keyboard alone, and assistive technology gets its controls and verdicts", async () => {
      const { page } = await openPane(320);
      await openFile(page, SAMPLE);
      let reached = "";
      for (let i = 0; i < 40 && reached !== "draft-text"; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.id ?? "");
      }
      expect(reached).toBe("draft-text");
      await page.keyboard.type("- 2.1. In 9 out of 19 relevant cases this assessment was not done well.\n- 2.3. Planning was sufficient in just under two-thirds of cases.");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("check-draft");
      await page.keyboard.press("Enter");
      await checked(page, "the pasted text");
      // The results take the focus, so the keyboard (and a screen reader) is where they are.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("draft-results-heading");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("details")?.className)).toBe("draft-agrees");
      await page.keyboard.press("Enter");
      expect(await page.getAttribute("details.draft-agrees", "open")).toBe("");

      // The accessibility tree follows the opened details asynchronously (a busier pane takes longer).
      let nodes = await accessibleNodes(page);
      for (let i = 0; i < 30 && nodes.filter((n) => n.role === "listitem").length < 2; i++) {
        await page.waitForTimeout(100);
        nodes = await accessibleNodes(page);
      }
      const find = (role: string, name: string | RegExp) => nodes.find((n) => n.role === role && (typeof name === "string" ? n.name === name : name.test(n.name)));
      expect(find("heading", "Check a draft")).toBeDefined();
      expect(find("textbox", "Draft text")).toMatchObject({ focusable: true });
      expect(find("button", "Check the text")).toMatchObject({ focusable: true });
      expect(nodes.some((n) => n.name.startsWith("Or open the draft") && n.focusable)).toBe(true);
      expect(find("heading", "Checked: the pasted text")).toBeDefined();
      expect(find("heading", "Disagrees with the workbook (1)")).toBeDefined();
      expect(nodes.find((n) => n.name === "Agrees with the workbook (1)" && n.expanded !== null)).toMatchObject({ expanded: true, focusable: true });
      expect(nodes.filter((n) => n.role === "listitem").length).toBeGreaterThanOrEqual(2);
    });
  });
});
