/**
 * The task pane: what Excel downloads (the production build's JavaScript for the pane inside
 * Excel — the entry and the chunks it loads at start, not the plain-browser chunks nor those
 * loaded only when a draft is checked — gzipped, without Office.js) and how long headless Chromium takes from navigation to the pane's
 * buttons being rendered (plain-browser mode, Office.js routed to fail at once, a fresh profile
 * and empty cache each time).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { findChromium, launchBrowser, serve } from "../test/helpers/browser";
import { median, progress, round } from "./measure";

const ROOT = path.join(__dirname, "..", "..", "..");

export interface PaneFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface PaneFigures {
  readonly buildMs: number;
  /** JavaScript the pane loads inside Excel when it starts. */
  readonly excelFiles: readonly PaneFile[];
  /** Loaded only for "Check a draft": the checker; the draft-file reader; for a .docx, the zip reader and mammoth. */
  readonly draftFiles: readonly (PaneFile & { readonly when: "a draft checked" | "a draft file opened" | "a .docx opened" })[];
  /** Loaded only in a plain browser: the browser-host chunks (the .xlsx reader and writer). */
  readonly browserOnlyFiles: readonly PaneFile[];
  readonly browserOnlyBytes: number;
  readonly browserOnlyGzipBytes: number;
  readonly firstRenderMs: number | null;
  readonly firstRenderRuns: readonly number[];
  readonly firstRenderNote?: string;
}

interface Stats {
  namedChunkGroups: Record<string, { chunks: (string | number)[]; assets: { name: string }[] }>;
  chunks: { id: string | number; files: string[]; children: (string | number)[]; origins: { request?: string; moduleName?: string }[] }[];
}

function fileFigures(dir: string, file: string): PaneFile {
  const data = fs.readFileSync(path.join(dir, file));
  return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}

type Loaded = "start" | "browser" | "draft" | "file" | "docx";

/**
 * The JavaScript files of the pane's entry and every chunk it can load, by when they load: at
 * start inside Excel; only in the plain browser (the browser-host chunks); only when a draft is
 * checked (the checker), a draft file opened (its reader) or a Word document opened (the zip
 * reader, mammoth). A chunk
 * some code loads at start counts as loaded at start.
 */
function paneJavaScript(stats: Stats): Record<Loaded, string[]> {
  const byId = new Map(stats.chunks.map((c) => [String(c.id), c]));
  const entry = stats.namedChunkGroups.taskpane;
  if (!entry) throw new Error("the build has no taskpane entry");
  const originKind = (o: { request?: string; moduleName?: string }): Loaded => {
    if (/browser-host/.test(o.request ?? "")) return "browser";
    if (/read-draft/.test(o.moduleName ?? "")) return "docx";
    if (/read-draft/.test(o.request ?? "")) return "file";
    if (/draft-view/.test(o.moduleName ?? "")) return "draft";
    return "start";
  };
  const chunkKind = (c: Stats["chunks"][number]): Loaded => {
    const kinds = new Set(c.origins.map(originKind));
    if (kinds.size === 0 || kinds.has("start")) return "start";
    // A chunk the Word reader shares with the plain-browser page (the zip reader) loads inside Excel only for a .docx.
    for (const k of ["docx", "file", "draft", "browser"] as const) if (kinds.has(k)) return k;
    return "start";
  };
  const out: Record<Loaded, Set<string>> = { start: new Set(), browser: new Set(), draft: new Set(), file: new Set(), docx: new Set() };
  const queue = entry.chunks.map(String);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const chunk = byId.get(id);
    if (!chunk) continue;
    for (const f of chunk.files) if (f.endsWith(".js")) out[chunkKind(chunk)].add(f);
    queue.push(...chunk.children.map(String));
  }
  const sorted = (k: Loaded): string[] => [...out[k]].sort();
  return { start: sorted("start"), browser: sorted("browser"), draft: sorted("draft"), file: sorted("file"), docx: sorted("docx") };
}

/** Milliseconds from navigation until the three action buttons are defined, laid out and painted. */
const RENDER_PROBE = `
  (() => {
    const ids = ["set-up", "check", "build"];
    const ready = () => ids.every((id) => {
      const el = document.getElementById(id);
      if (!el || !el.matches(":defined") || !el.shadowRoot) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const tick = () => {
      if (ready()) requestAnimationFrame(() => { window.__paneRendered = performance.now(); });
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();
`;

export async function benchPane(renderRuns: number): Promise<PaneFigures> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ciw-bench-pane-"));
  try {
    progress("task pane: webpack --mode production");
    const statsFile = path.join(out, "..", `${path.basename(out)}-stats.json`);
    const start = Date.now();
    execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }), "--mode", "production", "--output-path", out, `--json=${statsFile}`], {
      cwd: ROOT,
      stdio: "pipe",
      env: { ...process.env, ADDIN_URL: "https://addin.example.org/" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const buildMs = Date.now() - start;
    const stats = JSON.parse(fs.readFileSync(statsFile, "utf8")) as Stats;
    fs.rmSync(statsFile, { force: true });
    const loaded = paneJavaScript(stats);
    const excelFiles = loaded.start.map((f) => fileFigures(out, f));
    const browserFiles = loaded.browser.map((f) => fileFigures(out, f));
    const draftFiles = [
      ...loaded.draft.map((f) => ({ ...fileFigures(out, f), when: "a draft checked" as const })),
      ...loaded.file.map((f) => ({ ...fileFigures(out, f), when: "a draft file opened" as const })),
      ...loaded.docx.map((f) => ({ ...fileFigures(out, f), when: "a .docx opened" as const })),
    ];

    const runs: number[] = [];
    let note: string | undefined;
    if (!findChromium()) {
      note = "Chromium not found (apt-get install chromium): first render not measured";
    } else {
      progress(`task pane: first render in headless Chromium, ${renderRuns} runs`);
      const server = await serve(out);
      const { browser, close } = await launchBrowser();
      try {
        for (let i = 0; i < renderRuns; i++) {
          const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
          const page = await context.newPage();
          await page.addInitScript(RENDER_PROBE);
          // No network: Office.js (the only outside script) fails at once, so the pane starts in
          // plain-browser mode as it does outside Office.
          await page.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort("internetdisconnected")));
          await page.goto(`${server.url}/taskpane.html`);
          await page.waitForFunction(() => typeof (window as unknown as { __paneRendered?: number }).__paneRendered === "number", undefined, { timeout: 30_000 });
          runs.push(await page.evaluate(() => (window as unknown as { __paneRendered: number }).__paneRendered));
          await context.close();
        }
      } finally {
        await close();
        await server.close();
      }
    }
    return {
      buildMs,
      excelFiles,
      draftFiles,
      browserOnlyFiles: browserFiles,
      browserOnlyBytes: browserFiles.reduce((n, f) => n + f.bytes, 0),
      browserOnlyGzipBytes: browserFiles.reduce((n, f) => n + f.gzipBytes, 0),
      firstRenderMs: runs.length ? round(median(runs), 0) : null,
      firstRenderRuns: runs.map((r) => round(r, 0)),
      ...(note ? { firstRenderNote: note } : {}),
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
