/**
 * Starting the pane: find out whether it runs inside Excel. Office.js is loaded with `async`, so
 * a page that cannot reach it (no network, a proxy) still starts, in plain-browser mode.
 */
import { startApp, type App } from "./app";
import { h, replace } from "./dom";
import { applyTheme } from "./theme";
import type { WorkbookHost } from "./host";

interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  readonly HostType?: { readonly Excel: unknown };
  readonly context?: { readonly officeTheme?: Parameters<typeof applyTheme>[0] };
}

/**
 * How long to wait for Office.js before carrying on without it. Office opens an add-in page with
 * a `_host_Info` query parameter, so inside Office the pane waits as long as a slow network
 * needs; in a plain browser it gives up quickly.
 */
export function officeTimeoutMs(search = location.search): number {
  return /[?&]_host_Info=/i.test(search) ? 30_000 : 1_500;
}

function officeGlobal(): OfficeLike | undefined {
  return (globalThis as { Office?: OfficeLike }).Office;
}

/** Waits for the Office.js script tag (id "office-js") to load or fail, bounded by a timeout. */
function waitForOfficeScript(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (officeGlobal()) return resolve();
    const script = document.getElementById("office-js");
    if (!script) return resolve();
    const done = (): void => resolve();
    script.addEventListener("load", done, { once: true });
    script.addEventListener("error", done, { once: true });
    // An async script may have failed before this ran, and its error event is then gone. The
    // browser's resource timing already lists a request that has finished (failed ones too), so
    // wait only a moment for a script that has arrived to run.
    const src = (script as HTMLScriptElement).src;
    const finished = typeof performance !== "undefined" && src !== "" && performance.getEntriesByName(src).length > 0;
    setTimeout(done, finished ? 250 : timeoutMs);
  });
}

/**
 * Whether the page runs inside Excel.
 * @example if (await detectExcel()) { … }
 */
export async function detectExcel(timeoutMs = officeTimeoutMs()): Promise<boolean> {
  await waitForOfficeScript(timeoutMs);
  const office = officeGlobal();
  if (!office) return false;
  const info = await Promise.race([office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
  if (!info || !info.host) return false;
  const excel = office.HostType?.Excel ?? "Excel";
  return info.host === excel;
}

/**
 * The pane's frame, shown at once while the host is found: the title and the three actions,
 * disabled until the workbook has been looked at.
 */
function renderShell(root: HTMLElement): void {
  replace(
    root,
    h("header", { class: "pane-header" }, h("h1", {}, "Case Inspection Workbook"), h("p", { class: "mode" }, "Starting…")),
    h("p", { class: "status", id: "workbook-status", role: "status" }, "Looking at the workbook…"),
    h(
      "div",
      { class: "actions", role: "group", "aria-label": "Actions" },
      h("fluent-button", { id: "set-up", disabled: true }, "Set up"),
      h("fluent-button", { id: "check", appearance: "primary", disabled: true }, "Check cases"),
      h("fluent-button", { id: "build", disabled: true }, "Build summary"),
    ),
  );
}

/** Starts the pane in the element with id "app". */
export async function boot(): Promise<App> {
  const root = document.getElementById("app");
  if (!root) throw new Error("task pane markup has no #app element");
  renderShell(root);
  let host: WorkbookHost;
  if (await detectExcel()) {
    const { ExcelHost } = await import(/* webpackChunkName: "excel-host" */ "./excel-host");
    host = new ExcelHost();
  } else {
    const { BrowserHost } = await import(/* webpackChunkName: "browser-host" */ "./browser-host");
    const browserHost = new BrowserHost();
    host = browserHost;
    const app = startApp({ host, root });
    const input = document.getElementById("file-input") as HTMLInputElement | null;
    input?.addEventListener("change", () => {
      const file = input.files?.[0];
      if (!file) return;
      void file.arrayBuffer().then((buf) => {
        browserHost.open(file.name, new Uint8Array(buf));
        return app.opened();
      });
    });
    document.documentElement.dataset.mode = "browser";
    await app.refresh();
    return app;
  }
  try {
    applyTheme(officeGlobal()?.context?.officeTheme ?? null);
  } catch {
    // Older hosts have no theme information: the Fluent light theme stays.
  }
  const app = startApp({ host, root });
  document.documentElement.dataset.mode = "excel";
  await app.refresh();
  return app;
}
