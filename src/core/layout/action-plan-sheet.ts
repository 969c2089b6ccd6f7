/**
 * The Action plan sheet: one row per area requiring improvement, with the columns the service
 * fills in, carried over from the plan built before (see action-plan.ts). Its criteria, findings
 * and counts are as built: a banner above the plan says so once the judgements change.
 */
import { ACTION_PLAN_HEADER_ROW, ACTION_PLAN_HEADERS, ACTION_PLAN_MARKER, ACTION_PLAN_SHEET_NAME, ACTION_STATUSES, NO_LONGER_AN_AREA, planActions, type ActionPlan, type ActionPlanFinding } from "../action-plan";
import type { Analysis } from "../analyse";
import { REPORT_STYLES } from "./build";
import type { CellStyle, SheetLayout } from "./model";
import { SheetBuilder } from "./sheet-builder";
import { judgementsKept, writeBanner, type KeptCount } from "./stale";
import { generatedAtText, ukDay } from "./text";

/** Zero-based columns. */
const COL = { criterion: 0, finding: 1, count: 2, findingStatus: 3, action: 4, owner: 5, due: 6, status: 7, notes: 8 } as const;

/** Rows below the plan that still offer the Status dropdown, for rows a person adds. */
const SPARE_ROWS = 200;

const actionPlanStyles = (): Readonly<Record<string, CellStyle>> => ({
  ...REPORT_STYLES,
  typed: { fill: "FFF2CC", wrap: true, vertical: "top", border: ["left", "right", "bottom"], borderColour: "BFBFBF" },
  typedDate: { fill: "FFF2CC", vertical: "top", horizontal: "left", numberFormat: "d mmm yyyy", border: ["left", "right", "bottom"], borderColour: "BFBFBF" },
  typedHeader: { bold: true, colour: "1F4E79", fill: "FFE699", wrap: true, vertical: "middle", border: ["bottom"], borderColour: "FFFFFF" },
  noLonger: { italic: true, colour: "595959", wrap: true, vertical: "top" },
});

/** The sheet and the plan it shows. */
export interface ActionPlanSheet {
  readonly layout: SheetLayout;
  readonly plan: ActionPlan;
}

/**
 * The Action plan sheet: written when there is an area requiring improvement or a plan built
 * before (whose rows are all kept); null otherwise.
 * @example buildActionPlanSheet(analysis, improvements, { generatedAt: new Date() })?.layout.name // "Action plan"
 */
export function buildActionPlanSheet(
  a: Analysis,
  improvements: readonly ActionPlanFinding[],
  /** `judgements`: what the banner compares with (the Cases table's judgements when absent). */
  options: { readonly generatedAt: Date; readonly judgements?: readonly KeptCount[] },
): ActionPlanSheet | null {
  if (improvements.length === 0 && !a.actionPlan) return null;
  const plan = planActions(improvements, a.actionPlan, { today: ukDay(options.generatedAt), criteria: a.criteria });
  const headers = [...ACTION_PLAN_HEADERS, ...plan.addedHeaders];
  const last = headers.length - 1;
  const b = new SheetBuilder("action-plan", ACTION_PLAN_SHEET_NAME, actionPlanStyles());
  const service = a.settings.serviceName === "" ? "Service not named (set it in Settings)" : a.settings.serviceName;
  const areas = `${plan.improvements} area${plan.improvements === 1 ? "" : "s"} requiring improvement`;
  const marker = `${ACTION_PLAN_MARKER} on ${generatedAtText(options.generatedAt)}, from ${areas}.`;
  b.heading(
    `Action plan: ${service}`,
    marker,
    "One row per area requiring improvement. Action, Owner, Due date, Status and Progress notes are for the service to fill in: what is typed there is kept " +
      "when the plan is built again, and so are rows and columns added to the plan. Criterion, Area for improvement, Count and Finding status are written again " +
      `from the cases; a criterion that is no longer an area for improvement keeps its row, marked "${NO_LONGER_AN_AREA}" with the date.`,
    last,
  );
  const widths = [28, 50, 18, 24, 40, 16, 12, 13, 40, ...plan.addedHeaders.map(() => 16)];
  // Between the note and the header (row 4): the criteria, findings and counts are as built.
  writeBanner(b, options.judgements ?? [judgementsKept(a.cases.grid)], generatedAtText(options.generatedAt), {
    row: ACTION_PLAN_HEADER_ROW - 1,
    lastCol: last,
    width: widths.reduce((x, y) => x + y, 0),
  });

  const h = ACTION_PLAN_HEADER_ROW;
  headers.forEach((text, c) => b.kept(h, c, text, c <= COL.findingStatus ? "header" : "typedHeader"));
  let r = h + 1;
  for (const row of plan.rows) {
    row.cells.forEach((value, c) => {
      const typedColumn = c > COL.findingStatus;
      const style =
        typedColumn || row.kind === "kept" ? (c === COL.due ? "typedDate" : "typed") : c === COL.findingStatus && row.kind === "no longer" ? "noLonger" : c === COL.count ? "band" : "text";
      // What people typed goes back exactly as it was read.
      b.kept(r, c, value, style);
    });
    r++;
  }
  if (plan.rows.length === 0) {
    b.text(r, 0, "No area requiring improvement now. Rows added here are kept.", "note").merge(r, 0, r, COL.findingStatus);
    r++;
  }

  const at = SheetBuilder.at;
  const first = h + 1;
  const bottom = Math.max(r, first) + SPARE_ROWS;
  b.validation({
    range: `${at(first, COL.status)}:${at(bottom, COL.status)}`,
    list: ACTION_STATUSES,
    strict: false,
    error: `Choose ${ACTION_STATUSES.join(", ").replace(/, ([^,]*)$/, " or $1")} from the list.`,
  });
  const statusRange = `${at(first, COL.status)}:${at(bottom, COL.status)}`;
  b.conditional({ kind: "text-equals", range: statusRange, text: "Done", style: { fill: "C6EFCE", colour: "006100" } });
  b.conditional({ kind: "text-equals", range: statusRange, text: "In progress", style: { fill: "FFEB9C", colour: "9C5700" } });

  return {
    plan,
    layout: b.build({
      columnWidths: widths,
      freeze: { rows: h + 1, cols: 1 },
      print: {
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 0,
        repeatRows: { first: h, last: h },
        footer: `${service}: action plan, generated ${generatedAtText(options.generatedAt)}`,
      },
      chart: null,
      marker,
    }),
  };
}
