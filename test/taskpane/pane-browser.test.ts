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
import { buildPane, describeWithBrowser, launchBrowser, ROOT, screenshotPath, serve } from "../helpers/browser";
import { casesWorkbook, makeTempDir, validRows, writeXlsx } from "../helpers/workbook-files";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");

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
    expect(await page.textContent("#message")).toMatch(/Written: Summary and Strengths & improvements/);

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
    expect(wb.getWorksheet("Strengths & improvements")).toBeDefined();
    // The engine reads the downloaded file the same way as the original.
    const again = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(saved))));
    expect(again.criteria.map((c) => [c.id, c.met, c.relevant])).toEqual(expected.criteria.map((c) => [c.id, c.met, c.relevant]));

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
    // Open every group so every issue item is rendered.
    for (const summary of await page.locator("#issues details > summary").all()) await summary.click();
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
    for (const summary of await page.locator("#issues details > summary").all()) await summary.click();
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
});
