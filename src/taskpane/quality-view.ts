/**
 * The second-marking panel: how far first and second markers agree (overall, by criterion, by
 * second marker, with kappa in words), and the list of differences to moderate, each taking the
 * user to the first marker's cell and the second marker's cell (in Excel).
 */
import { keptRowStatus, quoteSheetName, roundPercent, type AgreementFigures, type Analysis, type CellRef, type ModerationRow } from "../core";
import { h, plural, replace } from "./dom";

export interface QualityViewOptions {
  readonly mode: "excel" | "browser";
  /** Takes the user to a cell. */
  readonly select: (cell: CellRef) => void;
}

/** "83.3% agreement (5 of 6), kappa 0.67: substantial agreement". */
export function agreementWords(f: AgreementFigures): string {
  if (f.compared === 0) return "no judgements both markers made Yes or No yet";
  const kappa = f.kappa === null ? f.meaning : `kappa ${f.kappa.toFixed(2)}: ${f.meaning}`;
  return `${roundPercent(f.percent)}% agreement (${f.agreed} of ${f.compared}), ${kappa}`;
}

const where = (c: CellRef): string => `${quoteSheetName(c.sheet)}!${c.cell}`;

function differenceItem(row: ModerationRow, options: QualityViewOptions): HTMLElement {
  const marker = row.marker === "" ? "not named" : row.marker;
  const judged = `First marker ${row.first ?? "–"}, second marker (${marker}) ${row.second ?? "–"}`;
  const state =
    row.status === "to moderate"
      ? "To moderate"
      : row.status === "moderated"
        ? `Moderated: ${row.moderated}${row.reason ? ` (${row.reason})` : ""}`
        : `${keptRowStatus(row.status)}${row.moderated ? `; moderated: ${row.moderated}` : ""}`;
  const go = (label: string, cell: CellRef | null, cls: string): HTMLElement | null => {
    if (!cell) return null;
    return options.mode === "excel"
      ? h("button", { type: "button", class: `go ${cls}`, title: `Select ${where(cell)}`, onclick: () => options.select(cell) }, label)
      : h("span", { class: `go ${cls}` }, `${label}: ${where(cell)}`);
  };
  return h(
    "li",
    { class: `difference status-${row.status.replace(/ /g, "-")}`, "data-case": row.caseId, "data-criterion": row.criterionId },
    h("span", { class: "where" }, `${row.caseId} · ${row.criterionId}`),
    h("span", { class: "judged" }, judged),
    h("span", { class: "state" }, state),
    h("span", { class: "cells" }, go("First marker's cell", row.firstCell, "first"), go("Second marker's cell", row.secondCell, "second")),
  );
}

/**
 * Draws the second-marking panel into `panel`; empty when the workbook has no second marking.
 * @example renderQuality(panel, analysis, { mode: "excel", select });
 */
export function renderQuality(panel: HTMLElement, a: Analysis, options: QualityViewOptions): void {
  const ag = a.agreement;
  const m = a.moderation;
  if (!ag && !m) {
    replace(panel);
    return;
  }
  const criteria = ag ? ag.criteria.filter((c) => c.compared > 0 || c.differOnRelevance > 0) : [];
  replace(
    panel,
    h("h2", { id: "quality-heading" }, "Second marking"),
    ag
      ? h(
          "p",
          { class: "agreement-overall", id: "agreement-overall" },
          `${plural(ag.cases, "case")} second-marked by ${plural(ag.markers.length, "person", "people")}: ${agreementWords(ag.overall)}.`,
          ag.overall.differOnRelevance > 0 ? ` ${plural(ag.overall.differOnRelevance, "judgement")} differed on whether the criterion applied (N/A).` : "",
        )
      : null,
    criteria.length > 0
      ? h(
          "table",
          { class: "agreement", id: "agreement-table" },
          h("caption", {}, "By criterion, over the cases both markers judged Yes or No"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "ID"), h("th", { scope: "col" }, "Agreement"), h("th", { scope: "col" }, "Kappa"))),
          h(
            "tbody",
            {},
            ...criteria.map((c) =>
              h(
                "tr",
                { "data-id": c.id },
                h("td", { class: "id", title: c.title }, c.id),
                h("td", {}, c.compared === 0 ? "–" : `${roundPercent(c.percent)}% (${c.agreed} of ${c.compared})`),
                h("td", {}, c.kappa === null ? "–" : c.kappa.toFixed(2), h("span", { class: "meaning" }, c.compared === 0 ? "" : c.meaning)),
              ),
            ),
          ),
        )
      : null,
    ag && ag.markers.length > 0
      ? h(
          "ul",
          { class: "markers", id: "agreement-markers" },
          ...ag.markers.map((mk) => h("li", {}, h("span", { class: "marker" }, `${mk.marker} (${plural(mk.cases, "case")})`), `: ${agreementWords(mk)}.`)),
        )
      : null,
    m
      ? h(
          "div",
          { class: "moderation", id: "moderation" },
          h("h3", { id: "moderation-heading" }, `Differences to moderate: ${m.differences}, ${m.open} still open`),
          h(
            "p",
            { class: "hint" },
            m.moderated > 0 ? `${plural(m.moderated, "judgement")} moderated, ${m.changed} counted differently from the first marker's. ` : "",
            "Enter a moderated judgement and a reason in the Moderation sheet (built with the summary); it is what the counts use, and the Cases sheet keeps the first marker's judgement.",
          ),
          m.rows.length === 0
            ? h("p", { class: "empty" }, "No differences: the second markers agree with every first marker's judgement they looked at.")
            : h("ul", { class: "differences", id: "differences" }, ...m.rows.map((row) => differenceItem(row, options))),
        )
      : null,
  );
}
