/**
 * The issue list: issues grouped by case (or row) or by criterion, each group a disclosure that
 * remembers whether the user opened it, items rendered when a group opens. Selecting an issue
 * goes to its cell in Excel; in the browser page it shows the case row around it.
 */
import type { Analysis, Issue, WorkbookGrids } from "../core";
import { h, plural, replace } from "./dom";
import { issueContext } from "./issue-context";

export type Grouping = "case" | "criterion";

/** Groups start open when a workbook has at most this many issues. */
export const FEW_ISSUES = 20;

/** What selecting an issue does, in words, for each mode. */
export const SELECT_HINT = {
  excel: "Select an issue to go to its cell.",
  browser: "Select an issue to see its case row; correct it in your spreadsheet, save it and open it here again.",
} as const;

/** The group an issue without a criterion (or in case grouping) belongs to: its case, else its row, else its sheet. */
function rowGroup(issue: Issue, grids: WorkbookGrids | null): string {
  if (issue.caseId) return grids?.interviews && issue.sheet === grids.interviews.sheet ? `Interviewee ${issue.caseId}` : `Case ${issue.caseId}`;
  const row = issue.cell ? /^[A-Z]+(\d+)$/.exec(issue.cell)?.[1] : undefined;
  const grid = grids ? [grids.cases, grids.interviews, grids.criteria, grids.settings].find((g) => g?.sheet === issue.sheet) : null;
  const headerRow = grid ? grid.top + 1 : 1;
  if (row && Number(row) > headerRow) return `${issue.sheet} row ${row}`;
  return `${issue.sheet} sheet`;
}

/**
 * The name of the group an issue is listed under.
 * @example issueGroup(issue, "criterion", a, grids) // "Criterion 2.1: Initial assessment of risk of harm to others"
 */
export function issueGroup(issue: Issue, grouping: Grouping, a: Analysis, grids: WorkbookGrids | null): string {
  if (grouping === "criterion" && issue.criterionId) {
    const question = a.framework.interviewQuestions.find((q) => q.id === issue.criterionId);
    const criterion = question ?? a.framework.criteria.find((c) => c.id === issue.criterionId);
    return `${question ? "Interview question" : "Criterion"} ${issue.criterionId}${criterion ? `: ${criterion.title}` : ""}`;
  }
  return rowGroup(issue, grids);
}

export interface IssuesViewOptions {
  readonly mode: "excel" | "browser";
  /** How many issue items a group shows. */
  readonly pageSize: number;
  /** Goes to an issue's cell (Excel only). */
  readonly select: (issue: Issue) => void;
}

export interface IssuesView {
  /** Draws the issues of an analysis; groups keep the open state the user gave them. */
  render(a: Analysis, grids: WorkbookGrids | null): void;
  /** Forgets the groups' open state (another workbook was opened). */
  reset(): void;
}

/** The part of a message that says what to do ("Enter Yes, No or N/A…"), else the whole message. */
function whatToEnter(message: string): string {
  const at = message.search(/(?<=[.:] )(Enter|Add|Give|Correct|Rename|Make|Check|Remove|Type)\b/);
  return at > 0 ? message.slice(at) : message;
}

/** The detail shown under an issue outside Excel: the case row around its cell. */
function issueDetail(issue: Issue, grids: WorkbookGrids | null, id: string): HTMLElement {
  const ctx = grids ? issueContext(grids, issue) : null;
  if (!ctx) {
    return h("div", { class: "issue-detail", id }, h("p", {}, issue.cell ? `${issue.sheet}!${issue.cell}` : `The ${issue.sheet} sheet as a whole.`), h("p", { class: "detail-enter" }, issue.message));
  }
  const found = ctx.value === "" ? "(blank)" : `“${ctx.value}”`;
  return h(
    "div",
    { class: "issue-detail", id },
    h("dl", {},
      ...(ctx.headerRow
        ? [h("dt", {}, "Where"), h("dd", {}, `${issue.sheet} sheet, header row ${ctx.row}`)]
        : [h("dt", {}, ctx.idLabel), h("dd", { class: "detail-id" }, ctx.idValue || "(blank)"), h("dt", {}, "Row"), h("dd", {}, `${issue.sheet} row ${ctx.row}`)]),
      h("dt", {}, "Column"),
      h("dd", { class: "detail-header" }, `${issue.cell!.replace(/\d+$/, "")}: ${ctx.header || "(no header)"}`),
      ...(ctx.headerRow ? [] : [h("dt", {}, "Found"), h("dd", { class: "detail-value" }, found)]),
      h("dt", {}, "What to enter"),
      h("dd", { class: "detail-enter" }, whatToEnter(issue.message)),
    ),
    ctx.headerRow
      ? null
      : h(
          "table",
          { class: "row-context" },
          h("caption", {}, `The row around it (${issue.sheet} row ${ctx.row})`),
          h("tbody", {}, ...ctx.around.map((c) => h("tr", { class: c.here ? "here" : "", "aria-current": c.here ? "true" : false }, h("th", { scope: "row" }, `${c.column}: ${c.header}`), h("td", {}, c.value)))),
        ),
  );
}

/**
 * Creates the issue list in `panel`.
 * @example const view = createIssuesView(panel, { mode: "browser", pageSize: 200, select }); view.render(a, grids);
 */
export function createIssuesView(panel: HTMLElement, options: IssuesViewOptions): IssuesView {
  let grouping: Grouping = "case";
  let open = new Map<string, boolean>();
  let last: { a: Analysis; grids: WorkbookGrids | null } | null = null;
  let detailCount = 0;

  function issueItem(issue: Issue): HTMLElement {
    const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
    const li = h("li", { class: `issue ${issue.severity}` });
    const detailId = `issue-detail-${++detailCount}`;
    const button = h(
      "button",
      {
        type: "button",
        class: "issue-button",
        "data-cell": issue.cell ?? "",
        "data-sheet": issue.sheet,
        "aria-label": `${issue.severity === "error" ? "Error" : "Warning"} at ${where}: ${issue.message}`,
        ...(options.mode === "browser" ? { "aria-expanded": "false", "aria-controls": detailId } : {}),
        onclick: () => {
          if (options.mode === "excel") {
            if (issue.cell) options.select(issue);
            return;
          }
          const shown = li.querySelector(".issue-detail");
          if (shown) shown.remove();
          else li.appendChild(issueDetail(issue, last?.grids ?? null, detailId));
          button.setAttribute("aria-expanded", shown ? "false" : "true");
        },
      },
      h("span", { class: "where" }, where),
      h("span", { class: "severity" }, issue.severity === "error" ? "Error" : "Warning"),
      h("span", { class: "text" }, issue.message),
    );
    li.appendChild(button);
    return li;
  }

  function fill(details: HTMLDetailsElement, items: readonly Issue[]): void {
    if (details.querySelector("ul")) return;
    const ul = h("ul", { class: "issue-list" });
    const shown = items.slice(0, options.pageSize);
    for (const i of shown) ul.appendChild(issueItem(i));
    details.appendChild(ul);
    if (items.length > shown.length) details.appendChild(h("p", { class: "more" }, `Showing the first ${shown.length} of ${items.length}.`));
  }

  function draw(): void {
    if (!last) return;
    const { a } = last;
    const groups = new Map<string, Issue[]>();
    for (const i of a.issues) {
      const key = issueGroup(i, grouping, a, last.grids);
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(i);
    }
    const startOpen = a.issues.length <= FEW_ISSUES;
    const list = h("div", { class: "groups" });
    for (const [key, items] of groups) {
      const errors = items.filter((i) => i.severity === "error").length;
      const warnings = items.length - errors;
      const details = h(
        "details",
        { class: errors > 0 ? "group has-errors" : "group", "data-group": key },
        h("summary", {}, h("span", { class: "group-name" }, key), h("span", { class: "counts" }, [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(Boolean).join(" "))),
      ) as HTMLDetailsElement;
      if (open.get(key) ?? startOpen) {
        details.open = true;
        fill(details, items);
      }
      // Items are rendered when a group is opened, so a workbook with thousands of issues stays quick.
      details.addEventListener("toggle", () => {
        open.set(key, details.open);
        if (details.open) fill(details, items);
      });
      list.appendChild(details);
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
            draw();
          },
        }),
        label,
      );
    replace(
      panel,
      h("h2", { id: "issues-heading" }, `Issues (${a.issues.length.toLocaleString("en-GB")})`),
      a.issues.length === 0
        ? h("p", { class: "empty" }, "No issues: every case row is complete and valid.")
        : h(
            "div",
            {},
            h("p", { class: "hint", id: "issues-hint" }, SELECT_HINT[options.mode]),
            h("fieldset", { class: "grouping" }, h("legend", {}, "Group by"), toggle("case", "Case"), toggle("criterion", "Criterion")),
            list,
          ),
    );
  }

  return {
    render(a, grids) {
      last = { a, grids };
      draw();
    },
    reset() {
      open = new Map();
      last = null;
      replace(panel);
    },
  };
}
