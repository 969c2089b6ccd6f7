/**
 * The browser page's "Roll up several workbooks" panel: choose several inspection workbooks; they
 * are read in the page and set side by side in a new workbook that is downloaded. After a roll-up
 * the panel shows each service's overall figure, what was left out and why, and the criteria to
 * look at first. Everything from the workbooks is shown as text.
 */
import type { Rollup } from "../core";
import { percentText, readingText } from "../core/rollup-reading";
import { h, plural, replace } from "./dom";

export interface RollupViewOptions {
  /** Rolls up the chosen files (the app runs it as an action, with progress and errors). */
  readonly rollUp: (files: readonly File[]) => void;
}

export interface RollupView {
  /** Shows what a roll-up gave. */
  readonly show: (rollup: Rollup, fileName: string) => void;
  /** Enables or disables the file chooser. */
  readonly enable: (on: boolean) => void;
}

/**
 * Draws the panel into `panel`.
 * @example const view = createRollupView(panel, { rollUp: (files) => void run(() => rollUpFiles(files)) });
 */
export function createRollupView(panel: HTMLElement, options: RollupViewOptions): RollupView {
  const input = h("input", { id: "rollup-input", type: "file", multiple: true, accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }) as HTMLInputElement;
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    if (files.length > 0) options.rollUp(files);
    // The same files can be chosen again after they were changed.
    input.value = "";
  });
  const result = h("div", { id: "rollup-result", "aria-live": "polite" });
  replace(
    panel,
    h("h2", { id: "rollup-heading" }, "Roll up several workbooks"),
    h(
      "p",
      { class: "hint" },
      "Choose the inspection workbooks of several services or audit rounds. They are read here, in this page, and set side by side in a new workbook that is downloaded: each service's section scores, every criterion across the services with the pooled figure, median and range, a chart of section scores, and where each figure came from. Nothing is uploaded.",
    ),
    h("label", { for: "rollup-input", class: "file-label" }, "Workbooks to roll up (.xlsx, several)"),
    input,
    result,
  );

  return {
    enable: (on) => input.toggleAttribute("disabled", !on),
    show: (r, fileName) => {
      const left = r.skipped.length > 0 ? h("div", { class: "rollup-skipped" }, h("h3", {}, `Left out (${r.skipped.length})`), h("ul", {}, ...r.skipped.map((s) => h("li", {}, h("strong", {}, s.file), `: ${s.reason}`)))) : null;
      const notable = r.criteria.filter((c) => c.reading.pattern === "weak-everywhere" || c.reading.pattern === "outliers");
      replace(
        result,
        h("p", { class: "overall" }, `Downloaded ${fileName}: ${plural(r.services.length, "service")}, ${plural(r.totals.cases, "case")}.`),
        h(
          "table",
          { class: "stats rollup-services" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Service"), h("th", { scope: "col" }, "Cases"), h("th", { scope: "col" }, "Overall"), h("th", { scope: "col" }, "Band"))),
          h(
            "tbody",
            {},
            ...r.services.map((s) =>
              h(
                "tr",
                { class: "service-row" },
                h("td", {}, s.label, s.workbook.errors > 0 ? h("span", { class: "phrase" }, `${plural(s.workbook.errors, "error")}: ${plural(s.workbook.excludedCells, "cell")} left out`) : null),
                h("td", { class: "num" }, String(s.workbook.cases)),
                h("td", { class: "num" }, s.workbook.overall.percent === null ? "–" : percentText(s.workbook.overall.percent)),
                h("td", {}, s.workbook.overall.band),
              ),
            ),
            h(
              "tr",
              { class: "pooled-row" },
              h("th", { scope: "row" }, "All, pooled"),
              h("td", { class: "num" }, String(r.totals.cases)),
              h("td", { class: "num" }, r.overall.percent === null ? "–" : percentText(r.overall.percent)),
              h("td", {}, r.overall.band),
            ),
          ),
        ),
        left,
        r.notCompared.length > 0 ? h("p", { class: "hint" }, `${plural(r.notCompared.length, "criterion or section", "criteria or sections")} not in every service's framework or worded differently: listed on the Criteria sheet, never matched by position.`) : null,
        notable.length > 0 ? h("div", { class: "rollup-notable" }, h("h3", {}, "Criteria to look at first"), h("ul", {}, ...notable.map((c) => h("li", {}, h("strong", {}, `${c.id} ${c.title}`), `: ${readingText(c.reading, r.bands)}`)))) : null,
      );
    },
  };
}
