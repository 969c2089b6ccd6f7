/**
 * Renders the engine's sheet layouts (Summary, Strengths & improvements) into the open workbook.
 *
 * Never a mix of old and new, and never neither: the new sheets are built under temporary names,
 * and only the last sync swaps them in for the generated sheets they replace (recognised by their
 * A2 marker, even renamed): the old ones renamed out of the way, the new ones renamed into place,
 * and only then the old ones deleted. A batch is not a transaction (a failing command leaves the
 * ones before it applied), so that order means any failure leaves both sets, and the clean-up
 * puts the previous sheets back or, once their deletion had begun, finishes the swap. A user's
 * own sheet with a wanted name is never touched: the new sheet takes a free name and a notice
 * says so. A new sheet is activated in the last sync, never in the sync that created it (Excel on
 * the web does not activate a sheet added in the same batch, office-js#930).
 *
 * Syncs: 1 (sheet names) + W (writes; the first also reads every sheet's A2) + 1 (swap) = 3 for
 * any layout whose commands fit one request. W grows only with the payload, never with a count of
 * rows: commands are packed into requests of at most `maxRequestBytes` (default 3 MB, measured as
 * the JSON of the values, formulas and formats sent, plus a margin per command), under Excel on
 * the web's 5 MB limit.
 */
import { columnGroupMode, writeColumnGroups, type ColumnGroupMode } from "./column-groups";
import { generatedKindOf, NORMAL_MARGINS, resolveSheetReferences, toA1, type CellStyle, type ConditionalFormat, type SheetLayout } from "../core";
import {
  chooseTempNames,
  COMMAND_OVERHEAD_BYTES,
  heightRuns,
  isTempSheetName,
  layoutBands,
  planSheetNames,
  styleGroups,
  type SheetNamePlan,
  widthRuns,
  type ExistingSheet,
} from "./layout-plan";
import { charsToPoints, jsonBytes, officeColour } from "./office-values";
import { runnerOf, type AdapterOptions, type ExcelRunner } from "./run";

/** Options for {@link writeLayouts}. */
export interface WriteLayoutsOptions extends AdapterOptions {
  /** Activate the first new sheet when done (default true). */
  readonly activate?: boolean;
  /** Most bytes of commands sent in one sync (default 3,000,000). */
  readonly maxRequestBytes?: number;
}

export interface WriteLayoutsResult {
  /** The names the new sheets got, by layout. */
  readonly sheets: readonly string[];
  /** The generated sheets they replaced. */
  readonly replaced: readonly string[];
  /** Plain sentences for the user (e.g. a name that was taken). */
  readonly notices: readonly string[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 3_000_000;

/** One queued piece of work on a new sheet, with its estimated request size. */
interface WriteOp {
  readonly layout: number;
  readonly bytes: number;
  readonly apply: (sheet: Excel.Worksheet) => void;
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const EDGE = { top: "EdgeTop", bottom: "EdgeBottom", left: "EdgeLeft", right: "EdgeRight" } as const;

function applyStyle(format: Excel.RangeFormat, s: CellStyle): void {
  if (s.font !== undefined) format.font.name = s.font;
  if (s.bold !== undefined) format.font.bold = s.bold;
  if (s.italic !== undefined) format.font.italic = s.italic;
  if (s.size !== undefined) format.font.size = s.size;
  if (s.colour !== undefined) format.font.color = officeColour(s.colour);
  if (s.fill !== undefined) format.fill.color = officeColour(s.fill);
  if (s.wrap !== undefined) format.wrapText = s.wrap;
  if (s.horizontal !== undefined) format.horizontalAlignment = H_ALIGN[s.horizontal];
  if (s.vertical !== undefined) format.verticalAlignment = V_ALIGN[s.vertical];
  if (s.indent !== undefined) format.indentLevel = s.indent;
  for (const side of s.border ?? []) {
    const border = format.borders.getItem(EDGE[side]);
    border.style = "Continuous";
    border.color = officeColour(s.borderColour ?? "000000");
  }
}

function applyConditionalStyle(format: Excel.ConditionalRangeFormat, s: Pick<CellStyle, "fill" | "colour" | "bold">): void {
  if (s.fill !== undefined) format.fill.color = officeColour(s.fill);
  if (s.colour !== undefined) format.font.color = officeColour(s.colour);
  if (s.bold !== undefined) format.font.bold = s.bold;
}

function addConditionalFormat(sheet: Excel.Worksheet, cf: ConditionalFormat): void {
  const formats = sheet.getRange(cf.range).conditionalFormats;
  switch (cf.kind) {
    case "expression": {
      const f = formats.add("Custom");
      f.custom.rule.formula = `=${cf.formula}`;
      applyConditionalStyle(f.custom.format, cf.style);
      break;
    }
    case "text-equals": {
      const f = formats.add("CellValue");
      f.cellValue.rule = { formula1: `="${cf.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
      applyConditionalStyle(f.cellValue.format, cf.style);
      break;
    }
    case "data-bar": {
      const f = formats.add("DataBar");
      f.dataBar.lowerBoundRule = { type: "Number", formula: String(cf.min) };
      f.dataBar.upperBoundRule = { type: "Number", formula: String(cf.max) };
      f.dataBar.positiveFormat.fillColor = officeColour(cf.colour);
      break;
    }
  }
}

/** Header/footer text: "&" starts a code, so it is doubled; Excel allows 255 characters in all. */
function footerText(text: string): string {
  const escaped = text.replace(/&/g, "&&");
  return escaped.length > 200 ? `${escaped.slice(0, 199).replace(/&$/, "")}…` : escaped;
}

/**
 * Actions and object paths Office.js sends to style one rectangle: the range (its path and its
 * instantiation) and its format, each part used (font, fill, borders and each border edge), and an
 * action per property set.
 */
function styleCommands(s: CellStyle): number {
  const font = [s.bold, s.italic, s.size, s.colour].filter((v) => v !== undefined).length;
  const format = [s.wrap, s.horizontal, s.vertical, s.indent].filter((v) => v !== undefined).length;
  const edges = s.border?.length ?? 0;
  return 3 + (font > 0 ? 1 + font : 0) + (s.fill !== undefined ? 2 : 0) + format + (edges > 0 ? 1 + edges * 4 : 0);
}

/** Every command for one layout: cells first (in bands), then everything that dresses them. */
function layoutOps(layout: SheetLayout, index: number, maxRequestBytes: number, groupMode: ColumnGroupMode): { cells: WriteOp[]; finish: WriteOp[] } {
  const cells: WriteOp[] = layoutBands(layout, Math.floor(maxRequestBytes / 2)).map((band) => ({
    layout: index,
    bytes: band.bytes,
    apply: (sheet) => {
      const range = sheet.getRange(band.address);
      range.numberFormat = band.numberFormat;
      range.formulas = band.formulas;
    },
  }));
  const finish: WriteOp[] = [];
  // `commands` counts what Office.js sends for the work: an action per call or property set, and an
  // object path per proxy it goes through (getRange, format, font…), each about COMMAND_OVERHEAD_BYTES.
  const op = (args: unknown, commands: number, apply: (sheet: Excel.Worksheet) => void): void => {
    finish.push({ layout: index, bytes: jsonBytes(args) + commands * COMMAND_OVERHEAD_BYTES, apply });
  };
  for (const group of styleGroups(layout)) {
    const commands = styleCommands(group.style);
    for (const area of group.areas) op([area, group.style], commands, (sheet) => applyStyle(sheet.getRange(area).format, group.style));
  }
  for (const m of layout.merges) {
    const address = `${toA1({ row: m.top, col: m.left })}:${toA1({ row: m.bottom, col: m.right })}`;
    op(address, 3, (sheet) => sheet.getRange(address).merge(false));
  }
  for (const run of widthRuns(layout.columnWidths)) {
    op(run, 4, (sheet) => {
      sheet.getRange(run.address).format.columnWidth = charsToPoints(run.chars);
    });
  }
  const groups = layout.columnGroups ?? [];
  // Each group: the columns' range (path and instantiation) and a call or two.
  if (groups.length > 0) op(groups, 4 * groups.length, (sheet) => writeColumnGroups(sheet, groups, groupMode));
  for (const run of heightRuns(layout.rowHeights ?? [])) {
    op(run, 4, (sheet) => {
      sheet.getRange(run.address).format.rowHeight = run.points;
    });
  }
  const freeze = layout.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    op(freeze, 2, (sheet) => {
      if (freeze.cols === 0) sheet.freezePanes.freezeRows(freeze.rows);
      else if (freeze.rows === 0) sheet.freezePanes.freezeColumns(freeze.cols);
      else sheet.freezePanes.freezeAt(`A1:${toA1({ row: freeze.rows - 1, col: freeze.cols - 1 })}`);
    });
  }
  for (const cf of layout.conditionalFormats) op(cf, 16, (sheet) => addConditionalFormat(sheet, cf));
  // The range (path and instantiation), its dataValidation, and the rule and alert set.
  for (const v of layout.validations ?? []) {
    op(v, 6, (sheet) => {
      const validation = sheet.getRange(v.range).dataValidation;
      validation.rule = { list: { inCellDropDown: true, source: v.list.join(",") } };
      validation.errorAlert = { showAlert: true, style: v.strict ? "Stop" : "Warning", title: "Not in the list", message: v.error };
    });
  }
  const print = layout.print;
  // print: the page layout, orientation, paper, zoom, six margins, print titles, the footer's two parts.
  op(print, 17, (sheet) => {
    const page = sheet.pageLayout;
    page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    page.paperSize = "A4";
    page.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: print.fitToHeight };
    const m = print.margins ?? NORMAL_MARGINS;
    page.leftMargin = m.left * 72;
    page.rightMargin = m.right * 72;
    page.topMargin = m.top * 72;
    page.bottomMargin = m.bottom * 72;
    page.headerMargin = m.header * 72;
    page.footerMargin = m.footer * 72;
    if (print.repeatRows) page.setPrintTitleRows(`$${print.repeatRows.first + 1}:$${print.repeatRows.last + 1}`);
    if (print.footer !== "") {
      const footer = page.headersFooters.defaultForAllPages;
      footer.leftFooter = `&8${/^\d/.test(print.footer) ? " " : ""}${footerText(print.footer)}`;
      footer.rightFooter = "&8Page &P of &N";
    }
  });
  for (const row of print.pageBreaks ?? []) {
    op(row, 3, (sheet) => {
      sheet.horizontalPageBreaks.add(`A${row + 1}`);
    });
  }
  const chart = layout.chart;
  if (chart) {
    // The same chart as the file writer's DrawingML part (src/xlsx/ooxml/chart.ts).
    op(chart, 34 + 5 * (chart.moreSeries?.length ?? 0), (sheet) => {
      const c = sheet.charts.add("ColumnClustered", sheet.getRange(chart.values), "Columns");
      const series = c.series.getItemAt(0);
      series.setXAxisValues(sheet.getRange(chart.categories));
      series.name = chart.seriesName ?? chart.title;
      series.format.fill.setSolidColor(officeColour(chart.colour ?? "5B9BD5"));
      series.gapWidth = 60;
      const more = chart.moreSeries ?? [];
      series.hasDataLabels = more.length === 0;
      if (more.length === 0) {
        series.dataLabels.numberFormat = chart.valueFormat ?? "0%";
        series.dataLabels.position = "OutsideEnd";
      }
      // Series after the first (the roll-up's sections): added over the same categories, with a legend.
      for (const extra of more) {
        const s = c.series.add(extra.name);
        s.setValues(sheet.getRange(extra.values));
        s.setXAxisValues(sheet.getRange(chart.categories));
        s.format.fill.setSolidColor(officeColour(extra.colour ?? "5B9BD5"));
      }
      c.name = "Section scores";
      c.title.text = chart.title;
      c.legend.visible = more.length > 0;
      c.axes.valueAxis.minimum = 0;
      c.axes.valueAxis.maximum = chart.valueMax ?? 1;
      c.axes.valueAxis.numberFormat = chart.axisFormat ?? chart.valueFormat ?? "0%";
      const end = { row: chart.anchor.row + chart.heightRows - 1, col: chart.anchor.col + chart.widthCols - 1 };
      c.setPosition(toA1(chart.anchor), toA1(end));
    });
  }
  return { cells, finish };
}

/**
 * Packs commands into requests: cells of every layout first, then the rest, in order. Each request
 * also carries the workbook's and the sheets' object paths (`perRequest` commands), and the first
 * one the new sheets and the read of every existing sheet's A2 (`first` commands).
 */
function packRequests(layouts: readonly SheetLayout[], maxRequestBytes: number, first: number, groupMode: ColumnGroupMode): WriteOp[][] {
  const all = layouts.map((l, i) => layoutOps(l, i, maxRequestBytes, groupMode));
  const ordered = [...all.flatMap((o) => o.cells), ...all.flatMap((o) => o.finish)];
  const perRequest = (3 + layouts.length) * COMMAND_OVERHEAD_BYTES;
  const requests: WriteOp[][] = [[]];
  let size = perRequest + first * COMMAND_OVERHEAD_BYTES;
  for (const op of ordered) {
    if (size + op.bytes > maxRequestBytes && requests[requests.length - 1]!.length > 0) {
      requests.push([]);
      size = perRequest;
    }
    requests[requests.length - 1]!.push(op);
    size += op.bytes;
  }
  return requests;
}

/** What a failed build must undo or finish: the new sheets and the generated sheets they replace. */
interface SwapState {
  /** The new sheets: their ids once known, else their temporary names. */
  readonly added: { readonly key: string; readonly target: string }[];
  /** The generated sheets being replaced: id and original name. */
  readonly replaced: { readonly id: string; readonly name: string }[];
}

/**
 * Writes the layouts as new sheets, replacing the generated sheets of the same kinds.
 * @example
 * const { sheets, notices } = await writeLayouts(buildReportLayouts(analysis, { generatedAt: new Date() }));
 */
export async function writeLayouts(layouts: readonly SheetLayout[], options: WriteLayoutsOptions = {}): Promise<WriteLayoutsResult> {
  if (layouts.length === 0) return { sheets: [], replaced: [], notices: [] };
  const run = runnerOf(options);
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const swap: SwapState = { added: [], replaced: [] };
  try {
    return await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await context.sync();

      const existing = worksheets.items.map((s) => ({ name: s.name, id: s.id }));
      const tempNames = chooseTempNames(
        existing.map((e) => e.name),
        layouts.length,
      );
      const markers = existing.map(({ name }) => {
        const a2 = worksheets.getItem(name).getRange("A2");
        a2.load("values");
        return a2;
      });
      const sheets = tempNames.map((name) => worksheets.add(name).load("id"));
      // A formula naming another generated sheet names it by its temporary name: Excel updates the
      // formula when that sheet is renamed into place.
      const resolved = resolveSheetReferences(layouts, (kind) => tempNames[layouts.findIndex((l) => l.kind === kind)] ?? null);
      // The first request also adds the sheets (2 commands each) and reads each A2 (4 each).
      const requests = packRequests(resolved, maxRequestBytes, 2 * layouts.length + 4 * existing.length, columnGroupMode(options));
      tempNames.forEach((name) => swap.added.push({ key: name, target: name }));
      // One sync per request; the count depends on the bytes to send, not on rows.
      for (const request of requests) {
        for (const op of request) op.apply(sheets[op.layout]!);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }

      const info: ExistingSheet[] = existing.map(({ name }, i) => {
        const a2 = markers[i]!.values[0]?.[0];
        const kind = generatedKindOf(a2);
        return { name, kind, leftover: isTempSheetName(name) && (kind !== null || a2 === "" || a2 === null) };
      });
      const plan = planSheetNames(info, layouts);
      queueSwap(context, plan, existing, sheets, tempNames, swap);
      // The report opens on the Summary (else the first new sheet).
      if (options.activate ?? true) sheets[Math.max(0, layouts.findIndex((l) => l.kind === "summary"))]!.activate();
      await context.sync();
      return { sheets: plan.targets, replaced: plan.replaced.filter((r): r is string => r !== null), notices: plan.notices };
    });
  } catch (error) {
    if (swap.added.length > 0) await undoOrFinishSwap(run, swap).catch(() => undefined);
    throw error;
  }
}

/**
 * Queues the swap so that a batch stopped after any of its commands leaves both the previous
 * generated sheets and the new ones (and `undoOrFinishSwap` can put either back in place):
 * the sheets being replaced are first renamed out of the way (to free temporary names), the new
 * sheets take their names, and only then is anything deleted; the order and the active sheet
 * come last. Batches are not transactions: every command before a failing one stays applied.
 */
function queueSwap(
  context: Excel.RequestContext,
  plan: SheetNamePlan,
  existing: readonly { readonly name: string; readonly id: string }[],
  sheets: readonly Excel.Worksheet[],
  tempNames: readonly string[],
  swap: SwapState,
): void {
  const worksheets = context.workbook.worksheets;
  const replaced = plan.replaced.filter((r): r is string => r !== null);
  const retiredNames = chooseTempNames([...existing.map((e) => e.name), ...tempNames], replaced.length);
  const byName = new Map(existing.map((e) => [e.name, e.id]));
  swap.added.length = 0;
  sheets.forEach((sheet, i) => swap.added.push({ key: sheet.id, target: plan.targets[i]! }));
  replaced.forEach((name, i) => {
    const id = byName.get(name)!;
    swap.replaced.push({ id, name });
    worksheets.getItem(id).name = retiredNames[i]!;
  });
  sheets.forEach((sheet, i) => {
    sheet.name = plan.targets[i]!;
  });
  for (const name of plan.deletions) worksheets.getItem(byName.get(name) ?? name).delete();
  plan.order.forEach((name, position) => {
    const i = plan.targets.indexOf(name);
    if (i >= 0) sheets[i]!.position = position;
  });
}

/**
 * After a failed build: while every sheet being replaced still exists, the previous state is put
 * back (the new sheets deleted, the old ones given their names again); once some were deleted,
 * the swap is finished instead (the rest deleted), since the new sheets already have their names.
 * Two syncs.
 */
async function undoOrFinishSwap(run: ExcelRunner, swap: SwapState): Promise<void> {
  await run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const added = swap.added.map((a) => worksheets.getItemOrNullObject(a.key).load("name"));
    const replaced = swap.replaced.map((r) => worksheets.getItemOrNullObject(r.id).load("name"));
    await context.sync();
    if (replaced.every((r) => !r.isNullObject)) {
      for (const sheet of added) if (!sheet.isNullObject) sheet.delete();
      replaced.forEach((sheet, i) => {
        const original = swap.replaced[i]!.name;
        if (sheet.name !== original) sheet.name = original;
      });
    } else {
      for (const sheet of replaced) if (!sheet.isNullObject) sheet.delete();
      added.forEach((sheet, i) => {
        const target = swap.added[i]!.target;
        if (!sheet.isNullObject && sheet.name !== target) sheet.name = target;
      });
    }
    await context.sync();
  });
}
