/**
 * Renders a sheet layout as a SpreadsheetML worksheet part. Text is always an inline string,
 * so nothing a user typed can become a formula.
 */
import { fromA1, toA1 } from "../../core/address";
import type { CellStyle, ConditionalFormat, LayoutCell, ListValidation, SheetLayout, WorksheetLayout } from "../../core/layout/model";
import { columnGroupsOf, GENERATED_MARKER_CELL, generatedKindOf, NORMAL_MARGINS, type ColumnGroup } from "../../core/layout/model";
import type { DifferentialStyle } from "./styles";
import { escapeAttr, escapeOoxmlString, escapeText, stripInvalidXmlChars } from "./xml";

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32767;
/** Excel's limit on a header or footer, codes included. */
export const MAX_HEADER_FOOTER = 255;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Style lookups the renderer needs from the styles part. */
export interface WorksheetStyles {
  cellFormat(style: CellStyle): number;
  differentialFormat(style: DifferentialStyle): number;
}

/** Text cut to Excel's cell limit without splitting a surrogate pair. */
export function clipCellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

function inlineString(text: string): string {
  const clipped = clipCellText(text);
  return `<is><t xml:space="preserve">${escapeOoxmlString(clipped)}</t></is>`;
}

function numberValue(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  return Object.is(n, -0) ? "0" : String(n);
}

/** Functions newer than Excel 2007, which a file must name with the `_xlfn.` prefix (Office.js takes them bare). */
const FUTURE_FUNCTIONS = /(^|[^\w.])(UNICHAR|UNICODE|CONCAT|TEXTJOIN|IFS|IFNA|SWITCH|MAXIFS|MINIFS|XLOOKUP)\(/g;

/**
 * A layout formula as a file stores it: no leading "=", newer functions prefixed (outside string
 * literals and structured-reference column names).
 * @example fileFormula('=SUBSTITUTE(A1,UNICHAR(160)," ")') // 'SUBSTITUTE(A1,_xlfn.UNICHAR(160)," ")'
 */
export function fileFormula(formula: string): string {
  return formula
    .replace(/^\s*=/, "")
    .split(/("(?:[^"]|"")*"|\[(?:[^[\]']|'.)*\])/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(FUTURE_FUNCTIONS, "$1_xlfn.$2(")))
    .join("");
}

function cellXml(cell: LayoutCell, ref: string, s: string): string {
  switch (cell.kind) {
    case "text":
      return cell.text === "" ? `<c r="${ref}"${s}/>` : `<c r="${ref}"${s} t="inlineStr">${inlineString(cell.text)}</c>`;
    case "boolean":
      return `<c r="${ref}"${s} t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case "number": {
      const v = numberValue(cell.number);
      return v === null ? `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>` : `<c r="${ref}"${s}><v>${v}</v></c>`;
    }
    case "formula": {
      const formula = `<f>${escapeText(stripInvalidXmlChars(fileFormula(cell.formula)))}</f>`;
      const r = cell.result;
      if (r === null) return `<c r="${ref}"${s}>${formula}</c>`;
      if (typeof r === "number") {
        const v = numberValue(r);
        return v === null ? `<c r="${ref}"${s} t="e">${formula}<v>#NUM!</v></c>` : `<c r="${ref}"${s}>${formula}<v>${v}</v></c>`;
      }
      return `<c r="${ref}"${s} t="str">${formula}<v>${escapeOoxmlString(clipCellText(r))}</v></c>`;
    }
  }
}

function checkPosition(row: number, col: number, what: string): void {
  if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS || !Number.isInteger(col) || col < 0 || col >= MAX_COLS) {
    throw new RangeError(`${what} is outside the sheet: row ${row}, column ${col}`);
  }
}

/** A range as written in `sqref`: "$" removed, validated, upper case. */
function sqref(range: string): string {
  const parts = range
    .replace(/\$/g, "")
    .trim()
    .toUpperCase()
    .split(/\s+/)
    .map((part) => {
      const [a, b, ...rest] = part.split(":");
      if (rest.length > 0) throw new RangeError(`not an A1 range: ${range}`);
      fromA1(a ?? "");
      if (b === undefined || b === a) return a!;
      fromA1(b);
      return `${a}:${b}`;
    });
  return parts.join(" ");
}

/** The footer text for a layout: the layout's text on the left, "Page n of m" on the right. */
export function footerCode(text: string): string {
  const pages = "&R&8Page &P of &N";
  // eslint-disable-next-line no-control-regex
  let escaped = text.replace(/[\u0000-\u001F]+/g, " ").replace(/&/g, "&&");
  const room = MAX_HEADER_FOOTER - pages.length - 5;
  if (escaped.length > room) {
    escaped = escaped.slice(0, room);
    // Never leave half of an "&&" pair or of a surrogate pair at the cut.
    if (/(^|[^&])(&&)*&$/.test(escaped)) escaped = escaped.slice(0, -1);
    const last = escaped.charCodeAt(escaped.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) escaped = escaped.slice(0, -1);
  }
  // A size code takes the digits after it, so text starting with a digit is set off by a space.
  return escaped.trim() === "" ? pages : `&L&8${/^\d/.test(escaped) ? " " : ""}${escaped}${pages}`;
}

function conditionalRule(cf: ConditionalFormat, priority: number, styles: WorksheetStyles): string {
  switch (cf.kind) {
    case "expression": {
      const dxf = styles.differentialFormat(cf.style);
      return `<cfRule type="expression" dxfId="${dxf}" priority="${priority}"><formula>${escapeText(stripInvalidXmlChars(fileFormula(cf.formula)))}</formula></cfRule>`;
    }
    case "text-equals": {
      const dxf = styles.differentialFormat(cf.style);
      const literal = `"${stripInvalidXmlChars(cf.text).replace(/"/g, '""')}"`;
      return `<cfRule type="cellIs" dxfId="${dxf}" priority="${priority}" operator="equal"><formula>${escapeText(literal)}</formula></cfRule>`;
    }
    case "data-bar": {
      const rgb = /^#?[0-9a-fA-F]{6}$/.test(cf.colour) ? `FF${cf.colour.replace(/^#/, "").toUpperCase()}` : "FF638EC6";
      return (
        `<cfRule type="dataBar" priority="${priority}"><dataBar>` +
        `<cfvo type="num" val="${numberValue(cf.min) ?? 0}"/><cfvo type="num" val="${numberValue(cf.max) ?? 1}"/>` +
        `<color rgb="${rgb}"/></dataBar></cfRule>`
      );
    }
  }
}

/** Everything a rendered sheet needs besides its XML: the print-titles reference, if any. */
export interface RenderedWorksheet {
  readonly xml: string;
  /** Rows repeated on every printed page, as "$1:$4", or null. */
  readonly printTitleRows: string | null;
}

/** A dropdown list as a `<dataValidation>`. */
function validationXml(v: ListValidation): string {
  const list = `"${v.list.map((item) => stripInvalidXmlChars(item).replace(/"/g, '""')).join(",")}"`;
  return (
    `<dataValidation type="list" errorStyle="${v.strict ? "stop" : "warning"}" allowBlank="1" showErrorMessage="1" errorTitle="Not in the list"` +
    ` error="${escapeAttr(stripInvalidXmlChars(v.error))}" sqref="${sqref(v.range)}"><formula1>${escapeText(list)}</formula1></dataValidation>`
  );
}

/** Excel's width of a column left at the default (8.43 characters of Calibri 11, with padding). */
const DEFAULT_COL_WIDTH = 9.140625;

/**
 * The `<cols>` element: each column's width, and the outline groups as Excel writes them
 * (ECMA-376 Part 1, 18.3.1.13 col): the grouped columns carry `outlineLevel="1"` and, when
 * folded away, `hidden="1"`; the column after a folded group, which holds its "+" button (the
 * summary column, right of the details by default, 18.3.1.61 outlinePr summaryRight), carries
 * `collapsed="1"`.
 */
function colsXml(columnWidths: readonly number[], groups: readonly ColumnGroup[]): string {
  const widths = new Map<number, number>();
  columnWidths.forEach((w, col) => {
    if (Number.isFinite(w) && w > 0 && col < MAX_COLS) widths.set(col, Math.min(255, w));
  });
  const grouped = new Map<number, boolean>();
  const collapsedAfter = new Set<number>();
  for (const g of groups) {
    for (let c = g.first; c <= g.last; c++) grouped.set(c, g.collapsed);
    if (g.collapsed) collapsedAfter.add(g.last + 1);
  }
  const columns = [...new Set([...widths.keys(), ...grouped.keys(), ...collapsedAfter])].sort((a, b) => a - b);
  if (columns.length === 0) return "";
  const col = (c: number): string => {
    const w = widths.get(c);
    const hidden = grouped.get(c);
    return (
      `<col min="${c + 1}" max="${c + 1}" width="${w ?? DEFAULT_COL_WIDTH}"${hidden === true ? ' hidden="1"' : ""}${w === undefined ? "" : ' customWidth="1"'}` +
      `${hidden === undefined ? "" : ' outlineLevel="1"'}${collapsedAfter.has(c) ? ' collapsed="1"' : ""}/>`
    );
  };
  return `<cols>${columns.map(col).join("")}</cols>`;
}

/** Options for {@link renderWorksheet}. */
export interface RenderWorksheetOptions {
  /** The relationship IDs of the sheet's tables (a new workbook's sheets). */
  readonly tableRelIds?: readonly string[];
  /** The relationship ID of the sheet's drawing (its chart), when it has one. */
  readonly drawingRelId?: string;
  /** Whether the sheet is the one the workbook opens on (its tab selected). */
  readonly selected?: boolean;
}

/**
 * The worksheet part for `layout`: a generated sheet (with its generation marker, print settings
 * and conditional formats), or a sheet of a new workbook (with its dropdowns and, through
 * `tableRelIds`, its tables). Throws on a layout that cannot be written (a cell outside the
 * sheet, an unknown style name, overlapping merges, a marker that is not a generation marker).
 */
export function renderWorksheet(layout: SheetLayout | WorksheetLayout, styles: WorksheetStyles, options: RenderWorksheetOptions = {}): RenderedWorksheet {
  const tableRelIds = options.tableRelIds ?? [];
  const generated = "kind" in layout ? layout : null;
  if (generated && generatedKindOf(generated.marker) !== generated.kind) {
    throw new Error(`the layout "${layout.name}" has no ${generated.kind} generation marker`);
  }
  const byPosition = new Map<number, LayoutCell>();
  for (const cell of layout.cells) {
    checkPosition(cell.row, cell.col, "a cell");
    byPosition.set(cell.row * MAX_COLS + cell.col, cell);
  }
  if (generated) {
    const markerKey = GENERATED_MARKER_CELL.row * MAX_COLS + GENERATED_MARKER_CELL.col;
    const marker = byPosition.get(markerKey);
    if (!marker || marker.kind !== "text" || generatedKindOf(marker.text) !== generated.kind) {
      byPosition.set(markerKey, { ...GENERATED_MARKER_CELL, kind: "text", text: generated.marker, ...(marker?.style !== undefined ? { style: marker.style } : {}) });
    }
  }

  const xfByName = new Map<string, number>();
  const styleIndex = (name: string | undefined): string => {
    if (name === undefined) return "";
    let xf = xfByName.get(name);
    if (xf === undefined) {
      const style = layout.styles[name];
      if (!style) throw new Error(`the layout "${layout.name}" uses an unknown style "${name}"`);
      xf = styles.cellFormat(style);
      xfByName.set(name, xf);
    }
    return xf === 0 ? "" : ` s="${xf}"`;
  };
  // Style indices are assigned in the order the styles are declared, so they do not depend on cell order.
  for (const name of Object.keys(layout.styles)) styleIndex(name);

  const heights = new Map(
    (layout.rowHeights ?? []).filter((h) => Number.isInteger(h.row) && h.row >= 0 && h.row < MAX_ROWS && Number.isFinite(h.height) && h.height > 0).map((h) => [h.row, Math.min(409, h.height)]),
  );
  // Rows with cells, and rows that only have a height (a spacer), in order.
  const cellsByRow = new Map<number, LayoutCell[]>();
  for (const key of [...byPosition.keys()].sort((a, b) => a - b)) {
    const cell = byPosition.get(key)!;
    const list = cellsByRow.get(cell.row);
    if (list) list.push(cell);
    else cellsByRow.set(cell.row, [cell]);
  }
  const rowNumbers = [...new Set([...cellsByRow.keys(), ...heights.keys()])].sort((a, b) => a - b);
  let maxRow = 0;
  let maxCol = 0;
  let rows = "";
  for (const row of rowNumbers) {
    const height = heights.get(row);
    rows += height === undefined ? `<row r="${row + 1}">` : `<row r="${row + 1}" ht="${height}" customHeight="1">`;
    for (const cell of cellsByRow.get(row) ?? []) {
      maxRow = Math.max(maxRow, cell.row);
      maxCol = Math.max(maxCol, cell.col);
      rows += cellXml(cell, toA1(cell), styleIndex(cell.style));
    }
    rows += "</row>";
  }

  const merges = (generated?.merges ?? []).filter((m) => m.bottom > m.top || m.right > m.left);
  for (const [i, m] of merges.entries()) {
    checkPosition(m.top, m.left, "a merge");
    checkPosition(m.bottom, m.right, "a merge");
    if (m.bottom < m.top || m.right < m.left) throw new RangeError(`a merge has its corners the wrong way round`);
    for (const other of merges.slice(0, i)) {
      if (m.top <= other.bottom && other.top <= m.bottom && m.left <= other.right && other.left <= m.right) {
        throw new Error(`the layout "${layout.name}" has overlapping merges`);
      }
    }
    maxRow = Math.max(maxRow, m.bottom);
    maxCol = Math.max(maxCol, m.right);
  }

  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`;
  const print = generated?.print ?? null;
  if (print) xml += `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`;
  xml += `<dimension ref="A1${maxRow > 0 || maxCol > 0 ? `:${toA1({ row: maxRow, col: maxCol })}` : ""}"/>`;

  xml += `<sheetViews><sheetView${options.selected ? ' tabSelected="1"' : ""} workbookViewId="0">`;
  const freeze = layout.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    checkPosition(freeze.rows, freeze.cols, "the frozen pane");
    const pane = freeze.rows > 0 && freeze.cols > 0 ? "bottomRight" : freeze.rows > 0 ? "bottomLeft" : "topRight";
    const topLeft = toA1({ row: freeze.rows, col: freeze.cols });
    xml +=
      `<pane${freeze.cols > 0 ? ` xSplit="${freeze.cols}"` : ""}${freeze.rows > 0 ? ` ySplit="${freeze.rows}"` : ""}` +
      ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  xml += `</sheetView></sheetViews>`;
  const groups = columnGroupsOf(layout, MAX_COLS);
  xml += `<sheetFormatPr defaultRowHeight="15"${groups.length > 0 ? ' outlineLevelCol="1"' : ""}/>`;
  xml += colsXml(layout.columnWidths, groups);
  xml += rows ? `<sheetData>${rows}</sheetData>` : `<sheetData/>`;
  if (merges.length > 0) {
    xml += `<mergeCells count="${merges.length}">${merges
      .map((m) => `<mergeCell ref="${toA1({ row: m.top, col: m.left })}:${toA1({ row: m.bottom, col: m.right })}"/>`)
      .join("")}</mergeCells>`;
  }
  (generated?.conditionalFormats ?? []).forEach((cf, i) => {
    xml += `<conditionalFormatting sqref="${sqref(cf.range)}">${conditionalRule(cf, i + 1, styles)}</conditionalFormatting>`;
  });
  const validations = layout.validations ?? [];
  if (validations.length > 0) xml += `<dataValidations count="${validations.length}">${validations.map(validationXml).join("")}</dataValidations>`;
  const m = print?.margins ?? NORMAL_MARGINS;
  const inches = (n: number, fallback: number): string => String(Number.isFinite(n) && n >= 0 && n < 50 ? n : fallback);
  xml +=
    `<pageMargins left="${inches(m.left, 0.7)}" right="${inches(m.right, 0.7)}" top="${inches(m.top, 0.75)}" bottom="${inches(m.bottom, 0.75)}"` +
    ` header="${inches(m.header, 0.3)}" footer="${inches(m.footer, 0.3)}"/>`;
  if (print) {
    const fit = (n: number): number => (Number.isInteger(n) && n >= 0 && n <= 32767 ? n : 1);
    xml += `<pageSetup paperSize="9" orientation="${print.orientation === "portrait" ? "portrait" : "landscape"}" fitToWidth="${fit(print.fitToWidth)}" fitToHeight="${fit(print.fitToHeight)}"/>`;
    xml += `<headerFooter><oddFooter>${escapeText(footerCode(print.footer))}</oddFooter></headerFooter>`;
    const breaks = [...new Set(print.pageBreaks ?? [])].filter((row) => Number.isInteger(row) && row > 0 && row < MAX_ROWS).sort((a, b) => a - b);
    if (breaks.length > 0) {
      // A break's id is the last row of the page it ends (one-based), i.e. the zero-based row that starts the next.
      xml += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((row) => `<brk id="${row}" max="${MAX_COLS - 1}" man="1"/>`).join("")}</rowBreaks>`;
    }
  }
  if (options.drawingRelId !== undefined) xml += `<drawing r:id="${escapeAttr(options.drawingRelId)}"/>`;
  if (tableRelIds.length > 0) xml += `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  xml += `</worksheet>`;

  let printTitleRows: string | null = null;
  if (print?.repeatRows) {
    const { first, last } = print.repeatRows;
    checkPosition(first, 0, "the repeated rows");
    checkPosition(last, 0, "the repeated rows");
    printTitleRows = `$${Math.min(first, last) + 1}:$${Math.max(first, last) + 1}`;
  }
  return { xml, printTitleRows };
}
