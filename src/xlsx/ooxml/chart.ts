/**
 * A layout's chart as DrawingML parts: a drawing anchoring a chart frame to the sheet's cells,
 * and a clustered column chart of one series whose categories and values are references to the
 * sheet's cells (with the engine's values cached), so it follows recalculation in Excel and
 * LibreOffice and shows the right bars before any recalculation.
 */
import { columnLetters, fromA1 } from "../../core/address";
import { allSeries, type ChartSpec } from "../../core/layout/model";
import { escapeAttr, escapeOoxmlString, escapeText, stripInvalidXmlChars } from "./xml";

export const CHART_NS = {
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
} as const;

export const CHART_CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

export const CHART_REL_TYPE = {
  drawing: `${CHART_NS.rel}/drawing`,
  chart: `${CHART_NS.rel}/chart`,
} as const;

const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const DEFAULT_COLOUR = "5B9BD5";

/**
 * An absolute reference to a range of `sheet`.
 * @example absoluteRange("Summary", "A40:A44") // "'Summary'!$A$40:$A$44"
 */
export function absoluteRange(sheet: string, range: string): string {
  const abs = (ref: string): string => {
    const { row, col } = fromA1(ref);
    return `$${columnLetters(col)}$${row + 1}`;
  };
  const [a, b] = range.replace(/\$/g, "").split(":");
  return `'${sheet.replace(/'/g, "''")}'!${abs(a ?? "")}${b !== undefined ? `:${abs(b)}` : ""}`;
}

function text(value: string): string {
  return escapeOoxmlString(stripInvalidXmlChars(value));
}

function colourOf(colour: string | undefined): string {
  return colour !== undefined && /^[0-9a-fA-F]{6}$/.test(colour) ? colour.toUpperCase() : DEFAULT_COLOUR;
}

/** A run of chart text at `size` hundredths of a point. */
function textProperties(size: number, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Calibri"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`;
}

/**
 * The chart part for a spec on `sheet`.
 * @example renderChartXml(layout.chart!, "Summary").startsWith("<?xml") // true
 */
export function renderChartXml(spec: ChartSpec, sheet: string): string {
  const categories = spec.cachedCategories ?? [];
  const format = escapeAttr(spec.valueFormat ?? "0%");
  const axisFormat = escapeAttr(spec.axisFormat ?? spec.valueFormat ?? "0%");
  const all = allSeries(spec);
  const labelled = all.length === 1;
  const strCache =
    `<c:strCache><c:ptCount val="${categories.length}"/>` + categories.map((c, i) => `<c:pt idx="${i}"><c:v>${text(c)}</c:v></c:pt>`).join("") + `</c:strCache>`;
  const numCache = (values: readonly (number | null)[]): string =>
    `<c:numCache><c:formatCode>${escapeText(spec.valueFormat ?? "0%")}</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [`<c:pt idx="${i}"><c:v>${String(v)}</c:v></c:pt>`])).join("") +
    `</c:numCache>`;
  const labels =
    `<c:dLbls><c:numFmt formatCode="${format}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(900, true)}` +
    `<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  const series = all
    .map(
      (ser, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(ser.name)}</c:v></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${colourOf(ser.colour)}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        (labelled ? labels : "") +
        `<c:cat><c:strRef><c:f>${escapeText(absoluteRange(sheet, spec.categories))}</c:f>${strCache}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeText(absoluteRange(sheet, ser.values))}</c:f>${numCache(ser.cachedValues ?? [])}</c:numRef></c:val></c:ser>`,
    )
    .join("");
  const legend = labelled ? "" : `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProperties(900)}</c:legend>`;
  const max = spec.valueMax ?? 1;
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${CHART_NS.chart}" xmlns:a="${CHART_NS.drawingMain}" xmlns:r="${CHART_NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-GB" sz="1200" b="1"><a:latin typeface="Calibri"/></a:rPr><a:t>${text(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="${labelled ? 60 : 80}"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>` +
    `<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProperties(900)}` +
    `<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/><c:max val="${String(max)}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${axisFormat}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProperties(900)}` +
    `<c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="${String(max / 4)}"/></c:valAx>` +
    `</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/**
 * The drawing part placing the chart (relationship `chartRelId`) over the spec's cells.
 * @example renderDrawingXml(layout.chart!, "rId1").includes("twoCellAnchor") // true
 */
export function renderDrawingXml(spec: ChartSpec, chartRelId: string): string {
  const { row, col } = spec.anchor;
  const marker = (c: number, r: number): string => `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    XML_DECLARATION +
    `<xdr:wsDr xmlns:xdr="${CHART_NS.spreadsheetDrawing}" xmlns:a="${CHART_NS.drawingMain}">` +
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${marker(col, row)}</xdr:from><xdr:to>${marker(col + spec.widthCols, row + spec.heightRows)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeAttr(stripInvalidXmlChars(spec.title))}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${CHART_NS.chart}"><c:chart xmlns:c="${CHART_NS.chart}" xmlns:r="${CHART_NS.rel}" r:id="${escapeAttr(chartRelId)}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}
