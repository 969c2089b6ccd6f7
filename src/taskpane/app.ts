/**
 * The task pane: what the open workbook is, the three actions (Set up, Check cases, Build
 * summary), progress, the issue list that takes the user to each cell, the statistics and the
 * settings. Everything from the workbook is shown as text.
 */
import {
  analyseWorkbook,
  buildReportLayouts,
  RATING_SCHEME_LABELS,
  roundPercent,
  type Analysis,
  type Issue,
} from "../core";
import { h, plural, replace } from "./dom";
import type { SettingsValues, WorkbookHost } from "./host";

export interface AppOptions {
  readonly host: WorkbookHost;
  readonly root: HTMLElement;
  /** The clock used for "generated at" (tests pass a fixed one). */
  readonly now?: () => Date;
  /** How many issue items a group shows before "show more". */
  readonly pageSize?: number;
}

export interface App {
  readonly refresh: () => Promise<void>;
  readonly setUp: () => Promise<void>;
  readonly check: () => Promise<void>;
  readonly build: () => Promise<void>;
  /** The latest analysis (for tests). */
  readonly analysis: () => Analysis | null;
}

type Grouping = "case" | "criterion";

/** A plain message for any failure, with what to do next when we know it. */
export function describeError(e: unknown): string {
  if (e && typeof e === "object" && "userMessage" in e && typeof (e as { userMessage: unknown }).userMessage === "string") {
    return (e as { userMessage: string }).userMessage;
  }
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong. Try again; if it keeps happening, save the workbook, close it and open it again.";
}

/**
 * Renders the pane into `root` and wires the actions.
 * @example const app = startApp({ host, root: document.getElementById("app")! });
 */
export function startApp(options: AppOptions): App {
  const { host, root } = options;
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 200;
  let analysis: Analysis | null = null;
  let grouping: Grouping = "case";
  let busy = false;

  const status = h("p", { class: "status", id: "workbook-status", role: "status" }, "Looking at the workbook…");
  const progressBar = h("fluent-progress-bar", { id: "progress", hidden: true, "aria-label": "Progress" });
  const progressText = h("p", { class: "progress-text", id: "progress-text", "aria-live": "polite" });
  const message = h("div", { id: "message", class: "message", role: "alert", hidden: true });
  const buttons = {
    setUp: h("fluent-button", { id: "set-up", onclick: () => void run(setUp) }, host.mode === "excel" ? "Set up" : "New workbook"),
    check: h("fluent-button", { id: "check", appearance: "primary", onclick: () => void run(check) }, "Check cases"),
    build: h("fluent-button", { id: "build", onclick: () => void run(build) }, host.mode === "excel" ? "Build summary" : "Build and download report"),
  };
  const issuesPanel = h("section", { id: "issues", class: "panel", "aria-labelledby": "issues-heading" });
  const statsPanel = h("section", { id: "statistics", class: "panel", "aria-labelledby": "stats-heading" });
  const settingsPanel = h("section", { id: "settings", class: "panel", "aria-labelledby": "settings-heading" });
  const opener =
    host.mode === "browser"
      ? h(
          "div",
          { class: "opener" },
          h("label", { for: "file-input", class: "file-label" }, "Open an inspection workbook (.xlsx)"),
          h("input", { id: "file-input", type: "file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
        )
      : null;

  replace(
    root,
    h("header", { class: "pane-header" }, h("h1", {}, "Case Inspection Workbook"), h("p", { class: "mode" }, host.mode === "excel" ? "In Excel" : "In your browser: nothing leaves this computer")),
    opener,
    status,
    h("div", { class: "actions", role: "group", "aria-label": "Actions" }, buttons.setUp, buttons.check, buttons.build),
    progressBar,
    progressText,
    message,
    issuesPanel,
    statsPanel,
    settingsPanel,
  );

  function setBusy(on: boolean, text = ""): void {
    busy = on;
    for (const b of Object.values(buttons)) {
      if (on) b.setAttribute("disabled", "");
      else b.removeAttribute("disabled");
    }
    progressBar.hidden = !on;
    progressText.textContent = text;
    root.setAttribute("aria-busy", on ? "true" : "false");
  }

  function progress(step: number, of: number, text: string): void {
    progressBar.setAttribute("value", String(step));
    progressBar.setAttribute("max", String(of));
    progressText.textContent = text;
  }

  function showMessage(kind: "error" | "success" | "info", text: string, details: readonly string[] = []): void {
    message.hidden = false;
    message.className = `message ${kind}`;
    replace(message, h("p", {}, text), details.length ? h("ul", {}, ...details.map((d) => h("li", {}, d))) : null);
  }

  async function run(action: () => Promise<void>): Promise<void> {
    if (busy) return;
    message.hidden = true;
    try {
      await action();
    } catch (e) {
      const err = e as { code?: unknown; debugInfo?: unknown };
      console.error("Case Inspection Workbook:", describeError(e), err?.code ?? "", err?.debugInfo ?? "");
      showMessage("error", describeError(e));
    } finally {
      setBusy(false, progressText.textContent ?? "");
    }
  }

  async function refresh(): Promise<void> {
    setBusy(true, "Reading the workbook…");
    progress(1, 3, "Reading the workbook…");
    const read = await host.read();
    if (read.kind === "not-inspection") {
      analysis = null;
      status.textContent = read.reason;
      replace(issuesPanel);
      replace(statsPanel);
      renderSettings();
      progress(3, 3, "");
      return;
    }
    progress(2, 3, "Checking the cases…");
    analysis = analyseWorkbook(read.grids);
    const a = analysis;
    status.textContent = `${read.description}: ${plural(a.cases.cases.length, "case")}, ${plural(a.framework.criteria.length, "criterion", "criteria")} (${
      a.frameworkFromSheet ? "from the Criteria sheet" : "built-in framework"
    }). ${a.errors === 0 && a.warnings === 0 ? "No issues found." : `${plural(a.errors, "error")} and ${plural(a.warnings, "warning")}.`}`;
    renderIssues();
    renderStatistics();
    renderSettings();
    progress(3, 3, "");
  }

  async function setUp(): Promise<void> {
    setBusy(true, "Setting up the workbook…");
    progress(1, 2, "Setting up the workbook…");
    const result = await host.setUp();
    showMessage("success", result.message);
    if (host.mode === "excel") await refresh();
  }

  async function check(): Promise<void> {
    await refresh();
    if (!analysis) return;
    const a = analysis;
    showMessage(a.errors > 0 ? "error" : "success", a.errors + a.warnings === 0 ? "Every case row is complete and valid." : `${plural(a.errors, "error")} and ${plural(a.warnings, "warning")} found. Select an issue to go to its cell.`);
    const first = issuesPanel.querySelector<HTMLElement>("summary");
    first?.focus();
  }

  async function build(): Promise<void> {
    await refresh();
    if (!analysis) throw Object.assign(new Error("No inspection data to summarise."), { userMessage: "This is not an inspection workbook yet. Use Set up first, then enter the cases." });
    setBusy(true);
    progress(2, 3, "Writing the Summary and Strengths & improvements sheets…");
    const layouts = buildReportLayouts(analysis, { generatedAt: now() });
    const written = await host.writeReport(layouts);
    progress(3, 3, "");
    const excluded = analysis.excludedCells > 0 ? ` ${plural(analysis.excludedCells, "cell")} with errors ${analysis.excludedCells === 1 ? "was" : "were"} left out of the counts.` : "";
    showMessage("success", `Written: ${written.sheets.join(" and ")}.${excluded}`, written.notices);
  }

  function issueButton(issue: Issue): HTMLElement {
    const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
    return h(
      "li",
      { class: `issue ${issue.severity}` },
      h(
        "button",
        {
          type: "button",
          class: "issue-button",
          "data-cell": issue.cell ?? "",
          "data-sheet": issue.sheet,
          "aria-label": `${issue.severity === "error" ? "Error" : "Warning"} at ${where}: ${issue.message}`,
          onclick: () => {
            if (issue.cell) void run(() => host.selectCell(issue.sheet, issue.cell!));
          },
        },
        h("span", { class: "where" }, where),
        h("span", { class: "severity" }, issue.severity === "error" ? "Error" : "Warning"),
        h("span", { class: "text" }, issue.message),
      ),
    );
  }

  function renderIssues(): void {
    if (!analysis) return;
    const a = analysis;
    const groups = new Map<string, Issue[]>();
    for (const i of a.issues) {
      const key =
        grouping === "case"
          ? i.caseId
            ? `Case ${i.caseId}`
            : i.sheet === a.cases.sheet && i.cell && !/^[A-Z]+1$/.test(i.cell)
              ? `${i.sheet} row ${i.cell.replace(/^[A-Z]+/, "")}`
              : `${i.sheet} sheet`
          : i.criterionId
            ? `Criterion ${i.criterionId}`
            : `${i.sheet}: other`;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(i);
    }
    const toggle = (g: Grouping, label: string): HTMLElement =>
      h(
        "label",
        { class: "radio" },
        h("input", {
          type: "radio",
          name: "grouping",
          value: g,
          checked: grouping === g,
          onchange: () => {
            grouping = g;
            renderIssues();
          },
        }),
        label,
      );
    const list = h("div", { class: "groups" });
    for (const [key, items] of groups) {
      const errors = items.filter((i) => i.severity === "error").length;
      const details = h(
        "details",
        { class: errors > 0 ? "group has-errors" : "group" },
        h("summary", {}, h("span", { class: "group-name" }, key), h("span", { class: "counts" }, errors > 0 ? `${errors} error${errors === 1 ? "" : "s"}` : "", items.length > errors ? ` ${items.length - errors} warning${items.length - errors === 1 ? "" : "s"}` : "")),
      );
      // Items are rendered when a group is opened, so a workbook with thousands of issues stays quick.
      details.addEventListener("toggle", () => {
        if (!(details as HTMLDetailsElement).open || details.querySelector("ul")) return;
        const ul = h("ul", { class: "issue-list" });
        const shown = items.slice(0, pageSize);
        for (const i of shown) ul.appendChild(issueButton(i));
        details.appendChild(ul);
        if (items.length > shown.length) details.appendChild(h("p", { class: "more" }, `Showing the first ${shown.length} of ${items.length}.`));
      });
      list.appendChild(details);
    }
    replace(
      issuesPanel,
      h("h2", { id: "issues-heading" }, `Issues (${a.issues.length.toLocaleString("en-GB")})`),
      a.issues.length === 0
        ? h("p", { class: "empty" }, "No issues: every case row is complete and valid.")
        : h("div", {}, h("fieldset", { class: "grouping" }, h("legend", {}, "Group by"), toggle("case", "Case"), toggle("criterion", "Criterion")), list),
    );
  }

  function renderStatistics(): void {
    if (!analysis) return;
    const a = analysis;
    const pct = (p: number | null): string => (p === null ? "–" : `${roundPercent(p)}%`);
    const rows: HTMLElement[] = [];
    for (const s of a.sections) {
      rows.push(
        h(
          "tr",
          { class: "section-row" },
          h("th", { scope: "row", colspan: 2 }, `${s.number} ${s.title}`),
          h("td", { class: "num" }, pct(s.percent)),
          h("td", { class: "num" }, `${s.met}/${s.relevant}`),
        ),
      );
      for (const c of a.criteria.filter((x) => x.section === s.number)) {
        rows.push(
          h(
            "tr",
            { class: `criterion-row band-${c.band ?? "none"}`, "data-id": c.id },
            h("td", { class: "id" }, c.id),
            h("td", {}, h("span", { class: "title" }, c.title), h("span", { class: "phrase" }, c.phrase)),
            h("td", { class: "num" }, pct(c.percent)),
            h("td", { class: "num" }, `${c.met}/${c.relevant}`),
          ),
        );
      }
    }
    replace(
      statsPanel,
      h("h2", { id: "stats-heading" }, "Statistics"),
      h(
        "p",
        { class: "overall" },
        `Overall: ${pct(a.overall.percent)} of ${plural(a.overall.relevant, "judgement")} met${a.overall.rating ? ` (${a.overall.rating})` : ""}.`,
        a.excludedCells > 0 ? ` ${plural(a.excludedCells, "cell")} left out for errors.` : "",
      ),
      h(
        "table",
        { class: "stats" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "ID"), h("th", { scope: "col" }, "Criterion"), h("th", { scope: "col" }, "% met"), h("th", { scope: "col" }, "Met"))),
        h("tbody", {}, ...rows),
      ),
    );
  }

  function renderSettings(): void {
    const s = analysis?.settings;
    const field = (id: string, label: string, input: HTMLElement): HTMLElement => h("div", { class: "field" }, h("label", { for: id }, label), input);
    const text = (id: string, value: string | number, type = "text", extra: Record<string, string | number> = {}): HTMLInputElement =>
      h("input", { id, type, value, ...extra }) as HTMLInputElement;
    const service = text("set-service", s?.serviceName ?? "");
    const start = text("set-start", s?.inspectionStart ?? "", "date");
    const end = text("set-end", s?.inspectionEnd ?? "", "date");
    const strength = text("set-strength", s?.strengthThreshold ?? 80, "number", { min: 0, max: 100, step: 1 });
    const improvement = text("set-improvement", s?.improvementThreshold ?? 65, "number", { min: 0, max: 100, step: 1 });
    const scheme = h(
      "select",
      { id: "set-scheme" },
      ...Object.entries(RATING_SCHEME_LABELS).map(([k, label]) => h("option", { value: label, selected: (s?.ratingScheme ?? "none") === k }, label)),
    ) as HTMLSelectElement;
    const redact = h("input", { id: "set-redact", type: "checkbox", checked: s?.redact ?? false }) as HTMLInputElement;
    const save = h("fluent-button", {
      id: "save-settings",
      onclick: () =>
        void run(async () => {
          const values: SettingsValues = {
            "Service name": service.value.trim(),
            "Inspection start": start.value,
            "Inspection end": end.value,
            "Strength threshold": `${Number(strength.value)}%`,
            "Improvement threshold": `${Number(improvement.value)}%`,
            "Rating scheme": scheme.value,
            "Redact case IDs and names": redact.checked ? "Yes" : "No",
          };
          if (Number(improvement.value) > Number(strength.value)) {
            throw Object.assign(new Error("bad thresholds"), { userMessage: "The improvement threshold must not be higher than the strength threshold." });
          }
          setBusy(true, "Saving settings…");
          const said = await host.saveSettings(values);
          await refresh();
          showMessage("success", said);
        }),
    }, "Save settings");
    replace(
      settingsPanel,
      h("h2", { id: "settings-heading" }, "Settings"),
      h(
        "form",
        { class: "settings-form", onsubmit: (e: Event) => e.preventDefault() },
        field("set-service", "Service name", service),
        field("set-start", "Inspection start", start),
        field("set-end", "Inspection end", end),
        field("set-strength", "Strength threshold (%)", strength),
        field("set-improvement", "Improvement threshold (%)", improvement),
        field("set-scheme", "Rating scheme", scheme),
        h("div", { class: "field checkbox" }, redact, h("label", { for: "set-redact" }, "Redact case IDs and names in generated sheets")),
        save,
      ),
    );
  }

  renderSettings();
  return { refresh: () => run(refresh), setUp: () => run(setUp), check: () => run(check), build: () => run(build), analysis: () => analysis };
}
