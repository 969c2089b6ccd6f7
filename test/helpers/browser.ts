/**
 * A real browser for task-pane tests: Debian's Chromium driven by playwright-core, the built pane
 * served from a local static server on 127.0.0.1. In CI (see inCI) a missing browser is a failure;
 * elsewhere the tests say loudly that they were skipped.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createStaticServer } from "../../scripts/serve";
import { inCI } from "./ci";

export const ROOT = path.join(__dirname, "..", "..");

/** The Chromium executable, or null. */
export function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

/**
 * `describe` when Chromium is here; in CI its absence fails the run, elsewhere the block is
 * skipped with a loud warning.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (findChromium() || inCI()) {
    describe(name, () => {
      if (!findChromium()) it("needs Chromium (in CI a missing browser is a failure)", () => expect(findChromium()).not.toBeNull());
      else body();
    });
  } else {
    console.warn(`\n*** SKIPPED "${name}": Chromium not found (apt-get install chromium). In CI this fails. ***\n`);
    describe.skip(name, body);
  }
}

/** Launches headless Chromium (Playwright gives it a fresh profile) with no background networking. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: findChromium()!,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

let built: string | null = null;

/** Builds the add-in once per test process (production mode) into a temporary folder. */
export function buildPane(): string {
  if (built) return built;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "pane-dist-"));
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    stdio: "pipe",
    env: { ...process.env, ADDIN_URL: "https://addin.example.org/" },
  });
  built = out;
  return out;
}

/**
 * Serves a folder on 127.0.0.1 with the project's own static server (scripts/serve.js, what
 * `npm run serve` runs), plus extra routes; resolves to its base URL, the paths requested, every
 * response's status, and a close function.
 */
export async function serve(
  dir: string,
  extra: Record<string, { type: string; body: Buffer | string }> = {},
): Promise<{ url: string; requests: string[]; responses: { path: string; status: number }[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const responses: { path: string; status: number }[] = [];
  const server = createStaticServer(dir, {
    extra,
    onResponse: (pathname, status) => {
      requests.push(pathname);
      responses.push({ path: pathname, status });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, responses, close: () => new Promise((r) => server.close(() => r())) };
}

let officeDouble: string | null = null;

/** Bundles test/excel-double/browser-office.ts for the browser (once per test process); returns the script. */
export function buildOfficeDouble(): string {
  if (officeDouble) return officeDouble;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "office-double-"));
  const config = path.join(out, "webpack.config.js");
  fs.writeFileSync(
    config,
    `module.exports = ${JSON.stringify({
      mode: "development",
      devtool: false,
      target: "web",
      entry: path.join(ROOT, "test", "excel-double", "browser-office.ts"),
      output: { path: out, filename: "office.js" },
      resolve: { extensions: [".ts", ".js"] },
    })};
module.exports.module = { rules: [{ test: /\\.ts$/, exclude: /node_modules/, use: { loader: ${JSON.stringify(require.resolve("ts-loader"))}, options: { transpileOnly: true, configFile: ${JSON.stringify(path.join(ROOT, "tsconfig.json"))}, compilerOptions: { noEmit: false, module: "es2020" } } } }] };`,
  );
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--config", config], { cwd: ROOT, stdio: "pipe" });
  officeDouble = fs.readFileSync(path.join(out, "office.js"), "utf8");
  return officeDouble;
}

/**
 * Where a test's screenshot goes: docs/ when UPDATE_DOCS=1 (the README shows it), otherwise
 * test-results/ (ignored by git), so running the tests never changes tracked files.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_DOCS === "1" ? path.join(ROOT, "docs") : path.join(ROOT, "test-results");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** A node of Chromium's own accessibility tree. */
export interface AccessibleNode {
  readonly role: string;
  readonly name: string;
  readonly focusable: boolean;
  readonly expanded: boolean | null;
}

/**
 * Chromium's accessibility tree of a page, as assistive technology gets it (CDP
 * `Accessibility.getFullAXTree`). Playwright's role engine cannot see roles set through
 * ElementInternals (Fluent's `fluent-button`); this tree lists them as buttons.
 */
export async function accessibleNodes(page: Page): Promise<AccessibleNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Accessibility.enable");
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const property = (n: (typeof nodes)[number], name: string): unknown => n.properties?.find((p) => p.name === name)?.value.value;
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({
        role: String(n.role?.value ?? ""),
        name: String(n.name?.value ?? ""),
        focusable: property(n, "focusable") === true,
        expanded: property(n, "expanded") === undefined ? null : property(n, "expanded") === true,
      }));
  } finally {
    await cdp.detach();
  }
}
