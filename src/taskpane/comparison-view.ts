/**
 * After the inspection: comparing with a previous inspection (an earlier workbook chosen here and
 * read in the pane, nothing uploaded, or the figures kept in the workbook's Previous inspection
 * sheet), and what Build writes for the service to act on (the Action plan).
 */
import { changeMarker, inspectionDates, roundPercent, type Analysis, type FigureChange } from "../core";
import { h, plural, replace } from "./dom";

export interface ComparisonViewOptions {
  readonly mode: "excel" | "browser";
  /** The open workbook's analysis; null when none is open. */
  readonly analysis: Analysis | null;
  /** The earlier file chosen in this pane, if any (its figures are kept when the report is built). */
  readonly chosen: string | null;
  /** Whether the buttons can run (a workbook is open and nothing else is running). */
  readonly enabled: boolean;
  /** Opens the file chooser. */
  readonly choose: () => void;
  /** Forgets the file chosen. */
  readonly forget: () => void;
}

const pct = (p: number | null): string => (p === null ? "–" : `${Math.round(p + 1e-9)}%`);

function changeText(c: FigureChange, same = true): string {
  const points = c.change === null ? "" : ` (${c.change >= 0 ? "+" : "−"}${Math.abs(roundPercent(c.change) ?? 0)} points)`;
  return `${pct(c.previous.percent)} then, ${pct(c.current.percent)} now${points}: ${changeMarker(c, same).toLowerCase()}`;
}

/**
 * Draws the panel into `panel`.
 * @example renderComparison(panel, { mode: "excel", analysis, chosen: null, enabled: true, choose, forget });
 */
export function renderComparison(panel: HTMLElement, o: ComparisonViewOptions): void {
  const a = o.analysis;
  const build = o.mode === "excel" ? "Build summary" : "Build and download report";
  const c = a?.comparison ?? null;
  const what = ((): string => {
    if (!c || !a) return "Choose an earlier inspection workbook, or a report made from one, to compare this inspection with it. The file is read here; nothing is uploaded.";
    const p = c.previous;
    const service = p.service === "" ? "" : ` of ${p.service}`;
    const when = inspectionDates(p.start, p.end);
    if (a.previousFrom === "sheet") {
      return `Comparing with the inspection${service} (${when}), whose figures are kept in this workbook's Previous inspection sheet. Delete that sheet to stop comparing, or choose another earlier inspection.`;
    }
    return `Comparing with the inspection${service} (${when}) from ${o.chosen ?? p.source}. ${build} to add the comparison to the Summary; its figures are then kept in the report, so later builds compare without the file.`;
  })();
  const sections = c
    ? h(
        "ul",
        { class: "changes", id: "comparison-sections" },
        ...c.sections.map((s) => h("li", { class: `direction-${(s.direction ?? "none").replace(/ /g, "-")}` }, `${s.number} ${s.title}: ${changeText(s, s.sameCriteria)}`)),
        c.overall ? h("li", { class: `overall direction-${(c.overall.direction ?? "none").replace(/ /g, "-")}` }, `Overall: ${changeText(c.overall, c.overall.sameCriteria)}`) : null,
      )
    : null;
  const moved = c
    ? (["improved", "declined"] as const).map((d) => {
        const list = c.criteria.filter((x) => x.direction === d);
        return list.length === 0 ? null : h("p", { class: `moved ${d}` }, `${d === "improved" ? "Improved" : "Declined"} beyond chance: ${list.map((x) => `${x.id} (${pct(x.previous.percent)} to ${pct(x.current.percent)})`).join(", ")}.`);
      })
    : [];
  const plan = a
    ? `${build} also writes the Action plan: ${plural(a.criteria.filter((x) => x.band === "improvement").length, "area")} requiring improvement now, a row each, with Action, Owner, Due date, Status and Progress notes for the service to fill in. What is typed there is kept each time the plan is built again.`
    : null;
  replace(
    panel,
    h("h2", { id: "after-heading" }, "After the inspection"),
    h("p", { class: "hint", id: "comparison-status" }, what),
    c ? h("p", { class: "compared" }, c.compared) : null,
    sections,
    ...moved,
    h(
      "div",
      { class: "actions" },
      h("fluent-button", { id: "compare", disabled: !o.enabled, onclick: () => o.choose() }, "Compare with a previous inspection…"),
      o.chosen ? h("fluent-button", { id: "forget-previous", appearance: "subtle", disabled: !o.enabled, onclick: () => o.forget() }, "Do not compare") : null,
    ),
    plan ? h("p", { class: "hint", id: "action-plan-hint" }, plan) : null,
  );
}
