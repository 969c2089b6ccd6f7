/**
 * The task pane: what the open workbook is, the actions (Set up, Check cases, Build summary),
 * progress, the issue list, the statistics and the settings. This module holds the pane's state
 * and its actions; each panel is drawn by its own module (issues-view, stats-view,
 * settings-view), so a new action or panel is one more entry here and one more module.
 * Everything from the workbook is shown as text.
 */
import { analyseWorkbook, buildReportLayouts, BUILT_IN_FRAMEWORKS, DEFAULT_FRAMEWORK_ID, listed, parseFrameworkId, type Analysis, type PreviousInspection, type WorkbookGrids } from "../core";
import { renderComparison } from "./comparison-view";
import { h, plural, replace, userError } from "./dom";
import { createDraftView, type DraftSource } from "./draft-view";
import type { SettingsValues, WorkbookHost } from "./host";
import { createIssuesView, SELECT_HINT } from "./issues-view";
import { renderQuality } from "./quality-view";
import { createRollupView } from "./rollup-view";
import { renderSettings } from "./settings-view";
import { renderStatistics } from "./stats-view";

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
  /** Another workbook was opened (browser page): forget what the pane knew about the last one, then check it. */
  readonly opened: () => Promise<void>;
  /** Rolls up several workbook files (the browser page). */
  readonly rollUp: (files: readonly File[]) => Promise<void>;
  /** The latest analysis (for tests). */
  readonly analysis: () => Analysis | null;
}

/** What the pane knows about the workbook: none open, one it cannot use, or one it read. */
type WorkbookState = { readonly kind: "none" | "unusable" } | { readonly kind: "ok"; readonly grids: WorkbookGrids; readonly analysis: Analysis };

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
  const inExcel = host.mode === "excel";
  const now = options.now ?? (() => new Date());
  let state: WorkbookState = { kind: inExcel ? "unusable" : "none" };
  let busy = false;
  /** An earlier inspection's file chosen in the pane, until a build keeps its figures in the workbook (Excel) or another file is opened. */
  let previousFile: { readonly name: string; readonly previous: PreviousInspection } | null = null;

  // ---- the frame
  const status = h("p", { class: "status", id: "workbook-status", role: "status" }, "Looking at the workbook…");
  const progressBar = h("fluent-progress-bar", { id: "progress", hidden: true, "aria-label": "Progress" });
  const progressText = h("p", { class: "progress-text", id: "progress-text", "aria-live": "polite" });
  const message = h("div", { id: "message", class: "message", role: "alert", hidden: true });
  const buttons = {
    setUp: h("fluent-button", { id: "set-up", onclick: () => void run(setUp) }, inExcel ? "Set up" : "New workbook"),
    check: h("fluent-button", { id: "check", appearance: "primary", "aria-describedby": "workbook-status", onclick: () => void run(check) }, "Check cases"),
    build: h("fluent-button", { id: "build", "aria-describedby": "workbook-status", onclick: () => void run(build) }, inExcel ? "Build summary" : "Build and download report"),
  };
  // Which built-in framework Set up writes; once written, the workbook's Criteria sheet is what counts.
  const frameworkChoice = h(
    "select",
    { id: "set-up-framework" },
    ...Object.values(BUILT_IN_FRAMEWORKS).map((f) => h("option", { value: f.id, selected: f.id === DEFAULT_FRAMEWORK_ID }, f.name)),
  ) as HTMLSelectElement;
  const frameworkField = h("div", { class: "field framework-field" }, h("label", { for: "set-up-framework" }, inExcel ? "Framework for Set up" : "Framework for a new workbook"), frameworkChoice);
  // A notes column after each criterion's, folded away: on by default, since folded they change
  // nothing a person sees or prints until they open one.
  const criterionNotesChoice = h("input", { id: "set-up-criterion-notes", type: "checkbox", checked: true }) as HTMLInputElement;
  const criterionNotesField = h(
    "div",
    { class: "field checkbox" },
    criterionNotesChoice,
    h("label", { for: "set-up-criterion-notes" }, "A notes column for each criterion (folded away: + above the sheet shows it)"),
  );
  const issuesPanel = h("section", { id: "issues", class: "panel", "aria-labelledby": "issues-heading" });
  const statsPanel = h("section", { id: "statistics", class: "panel", "aria-labelledby": "stats-heading" });
  const qualityPanel = h("section", { id: "second-marking", class: "panel", "aria-labelledby": "quality-heading" });
  const draftPanel = h("section", { id: "draft", class: "panel", "aria-labelledby": "draft-heading" });
  const settingsPanel = h("section", { id: "settings", class: "panel", "aria-labelledby": "settings-heading" });
  // Outside Excel: several workbook files rolled up into one (the host reads them in the page).
  const rollupPanel = host.rollUp ? h("section", { id: "rollup", class: "panel", "aria-labelledby": "rollup-heading" }) : null;
  const rollupView = rollupPanel ? createRollupView(rollupPanel, { rollUp: (files) => void run(() => rollUpFiles(files)) }) : null;
  const afterPanel = h("section", { id: "after", class: "panel", "aria-labelledby": "after-heading" });
  const previousInput = h("input", {
    id: "previous-input",
    type: "file",
    hidden: true,
    "aria-label": "Previous inspection workbook (.xlsx)",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    onchange: () => void run(comparePrevious),
  }) as HTMLInputElement;
  const opener = inExcel
    ? null
    : h(
        "div",
        { class: "opener" },
        h("label", { for: "file-input", class: "file-label" }, "Open an inspection workbook (.xlsx)"),
        h("input", { id: "file-input", type: "file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
      );
  const draft = createDraftView(draftPanel, { check: (read) => void run(() => checkDraftWith(read)) });
  const issues = createIssuesView(issuesPanel, { mode: host.mode, pageSize: options.pageSize ?? 200, select: (i) => void run(() => host.selectCell(i.sheet, i.cell!)) });

  replace(
    root,
    h("header", { class: "pane-header" }, h("h1", {}, "Case Inspection Workbook"), h("p", { class: "mode" }, inExcel ? "In Excel" : "In your browser: nothing leaves this computer")),
    opener,
    status,
    frameworkField,
    criterionNotesField,
    h("div", { class: "actions", role: "group", "aria-label": "Actions" }, buttons.setUp, buttons.check, buttons.build),
    progressBar,
    progressText,
    message,
    issuesPanel,
    statsPanel,
    qualityPanel,
    draftPanel,
    afterPanel,
    previousInput,
    settingsPanel,
    rollupPanel,
  );

  // ---- what can run
  /** In the browser page nothing that needs a workbook is enabled without one; in Excel there always is one. */
  function updateControls(): void {
    const enabled = {
      setUp: !busy,
      check: !busy && (inExcel || state.kind !== "none"),
      build: !busy && (inExcel || state.kind === "ok"),
    };
    for (const [name, on] of Object.entries(enabled)) buttons[name as keyof typeof buttons].toggleAttribute("disabled", !on);
    rollupView?.enable(!busy);
    draft.enable(enabled.build);
    frameworkChoice.disabled = busy;
    criterionNotesChoice.disabled = busy;
    const save = settingsPanel.querySelector("#save-settings");
    save?.toggleAttribute("disabled", busy || (!inExcel && state.kind !== "ok"));
    for (const id of ["#compare", "#forget-previous"]) afterPanel.querySelector(id)?.toggleAttribute("disabled", busy || state.kind !== "ok");
  }

  function setBusy(on: boolean, text = ""): void {
    busy = on;
    progressBar.hidden = !on;
    progressText.textContent = text;
    root.setAttribute("aria-busy", on ? "true" : "false");
    updateControls();
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
      // Progress words belong to the step that is running; none is now.
      setBusy(false);
    }
  }

  // ---- the panels
  function render(): void {
    if (state.kind === "ok") {
      issues.render(state.analysis, state.grids);
      renderStatistics(statsPanel, state.analysis);
      renderQuality(qualityPanel, state.analysis, { mode: host.mode, select: (c) => void run(() => host.selectCell(c.sheet, c.cell)) });
    } else {
      replace(issuesPanel);
      replace(statsPanel);
      replace(qualityPanel);
    }
    // The form shows the open workbook's own settings; outside Excel there is none until a file is open.
    if (state.kind === "ok" || inExcel) {
      renderComparison(afterPanel, {
        mode: host.mode,
        analysis: state.kind === "ok" ? state.analysis : null,
        chosen: previousFile?.name ?? null,
        enabled: !busy && state.kind === "ok",
        choose: () => previousInput.click(),
        forget: () => void run(forgetPrevious),
      });
    } else replace(afterPanel);
    if (!inExcel && state.kind === "none") replace(settingsPanel);
    else renderSettings(settingsPanel, { settings: state.kind === "ok" ? state.analysis.settings : null, enabled: !busy, save: (read) => void run(() => saveSettings(read())) });
    updateControls();
  }

  // ---- the actions
  async function refresh(): Promise<void> {
    setBusy(true, "Reading the workbook…");
    progress(1, 3, "Reading the workbook…");
    const read = await host.read();
    if (read.kind !== "ok") {
      state = { kind: read.kind === "no-workbook" ? "none" : "unusable" };
      status.textContent = read.reason;
      render();
      return;
    }
    progress(2, 3, "Checking the cases…");
    const a = analyseWorkbook(read.grids, { previous: previousFile?.previous ?? null });
    state = { kind: "ok", grids: read.grids, analysis: a };
    status.textContent = `${read.description}: ${plural(a.cases.cases.length, "case")}, ${plural(a.framework.criteria.length, "criterion", "criteria")} (${
      a.frameworkFromSheet ? "from the Criteria sheet" : "built-in framework"
    }). ${a.errors === 0 && a.warnings === 0 ? "No issues found." : `${plural(a.errors, "error")} and ${plural(a.warnings, "warning")}.`}`;
    render();
  }

  async function setUp(): Promise<void> {
    setBusy(true, "Setting up the workbook…");
    progress(1, 2, "Setting up the workbook…");
    const result = await host.setUp(parseFrameworkId(frameworkChoice.value) ?? DEFAULT_FRAMEWORK_ID, { criterionNotes: criterionNotesChoice.checked });
    showMessage("success", result.message);
    if (inExcel) await refresh();
  }

  async function check(): Promise<void> {
    await refresh();
    if (state.kind !== "ok") {
      // A file that cannot be used is said where the user looks: in the alert, not only the status line.
      if (state.kind === "unusable") showMessage("error", status.textContent ?? "");
      return;
    }
    const a = state.analysis;
    showMessage(a.errors > 0 ? "error" : "success", a.errors + a.warnings === 0 ? "Every case row is complete and valid." : `${plural(a.errors, "error")} and ${plural(a.warnings, "warning")} found. ${SELECT_HINT[host.mode]}`);
    issuesPanel.querySelector<HTMLElement>("summary")?.focus();
  }

  async function build(): Promise<void> {
    await refresh();
    if (state.kind !== "ok") {
      throw userError(inExcel ? "This is not an inspection workbook yet. Choose Set up first, then enter the cases." : `${status.textContent ?? ""}`.trim() || "Open an inspection workbook first.");
    }
    const a = state.analysis;
    setBusy(true);
    const layouts = buildReportLayouts(a, { generatedAt: now() });
    progress(2, 3, `Writing the ${listed(layouts.map((l) => l.name))} sheets…`);
    const written = await host.writeReport(layouts);
    // In Excel the workbook now keeps the previous inspection's figures: deleting that sheet is how to stop comparing.
    const kept = inExcel && previousFile !== null;
    if (kept) previousFile = null;
    const excluded = a.excludedCells > 0 ? ` ${plural(a.excludedCells, "cell")} with errors ${a.excludedCells === 1 ? "was" : "were"} left out of the counts.` : "";
    if (kept) await refresh();
    showMessage("success", `Written: ${listed(written.sheets)}.${excluded}`, written.notices);
    render();
  }

  /** Reads the earlier inspection's file chosen, in the pane, and compares with it. */
  async function comparePrevious(): Promise<void> {
    const file = previousInput.files?.[0];
    previousInput.value = "";
    if (!file) return;
    setBusy(true, `Reading ${file.name}…`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { readPreviousFile } = await import(/* webpackChunkName: "previous-file" */ "./previous-file");
    let read: Awaited<ReturnType<typeof readPreviousFile>>;
    try {
      read = await readPreviousFile(file.name, bytes);
    } catch (e) {
      throw userError(`${file.name} cannot be used as the previous inspection: ${describeError(e)}`);
    }
    previousFile = { name: file.name, previous: read.previous };
    await refresh();
    const c = state.kind === "ok" ? state.analysis.comparison : null;
    const errors = read.errors > 0 ? [`${file.name} has ${plural(read.errors, "error")}; the cells concerned are left out of its counts.`] : [];
    showMessage("success", c ? c.compared : `Comparing with ${file.name}.`, errors);
  }

  async function forgetPrevious(): Promise<void> {
    previousFile = null;
    await refresh();
    showMessage("info", "The earlier file is no longer compared with.");
  }

  async function saveSettings(values: SettingsValues): Promise<void> {
    setBusy(true, "Saving settings…");
    const said = await host.saveSettings(values);
    await refresh();
    showMessage("success", said);
  }

  async function rollUpFiles(files: readonly File[]): Promise<void> {
    if (!host.rollUp) return;
    setBusy(true, "Reading the workbooks…");
    const { rollup, fileName } = await host.rollUp(files, {
      generatedAt: now(),
      progress: (done, of, file) => progress(done, of + 1, `Reading ${file} (${done + 1} of ${of})…`),
    });
    rollupView?.show(rollup, fileName);
    const left = rollup.skipped.length > 0 ? ` ${plural(rollup.skipped.length, "file")} left out: see below.` : "";
    showMessage(rollup.skipped.length > 0 || rollup.totals.errors > 0 ? "info" : "success", `Rolled up ${plural(rollup.services.length, "service")} into ${fileName}; your files are unchanged.${left}`);
  }

  /** Checks a drafted report against the open workbook's counts. */
  async function checkDraftWith(read: () => Promise<DraftSource>): Promise<void> {
    setBusy(true);
    progress(1, 3, "Reading the draft…");
    const text = await read();
    // Inside Excel the workbook may have changed since it was read (steps 1 and 2 again, for the workbook); a file opened in the page has not.
    if (inExcel) await refresh();
    if (state.kind !== "ok") throw userError(status.textContent?.trim() || "Open an inspection workbook first.");
    progress(3, 3, "Checking the draft against the counts…");
    const said = await draft.show(text, state.analysis);
    showMessage(said.kind, said.text, said.details);
  }

  async function opened(): Promise<void> {
    issues.reset();
    draft.reset();
    previousFile = null;
    await check();
  }

  render();
  return {
    refresh: () => run(refresh),
    setUp: () => run(setUp),
    check: () => run(check),
    build: () => run(build),
    opened: () => run(opened),
    rollUp: (files) => run(() => rollUpFiles(files)),
    analysis: () => (state.kind === "ok" ? state.analysis : null),
  };
}
