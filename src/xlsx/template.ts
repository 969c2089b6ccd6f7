/**
 * Writes a new inspection workbook: the template's sheet layouts (src/core/layout/template-layout.ts)
 * rendered by the same worksheet and styles writers as the generated sheets, with the Cases and
 * Interviews tables, in a fresh package. The same content and date always give the same bytes.
 */
import JSZip from "jszip";
import { buildTemplate, buildTemplateLayouts, type TemplateLayoutOptions, type WorkbookTemplate, type WorksheetLayout } from "../core";
import { writeFileAtomic, type WriteFileAtomicOptions } from "./atomic-write";
import { CONTENT_TYPE, NS, REL_TYPE } from "./ooxml/package";
import { MINIMAL_STYLES_XML, StylesEditor } from "./ooxml/styles";
import { renderWorksheet } from "./ooxml/worksheet";
import { escapeAttr, escapeText } from "./ooxml/xml";

export type { TemplateValue } from "../core";

/** Options for {@link writeTemplate}. */
export interface WriteTemplateOptions extends TemplateLayoutOptions {
  /** The workbook's created and modified date, also every zip entry's date (default now). */
  readonly created?: Date;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/**
 * The .xlsx bytes of a new inspection workbook, empty or filled.
 * @example const bytes = await writeTemplate(buildTemplate());
 */
export async function writeTemplate(template: WorkbookTemplate = buildTemplate(), options: WriteTemplateOptions = {}): Promise<Uint8Array> {
  return writeWorkbook(buildTemplateLayouts(template, options), options.created ?? new Date());
}

/**
 * Writes a new, empty inspection workbook to a file, atomically.
 * @example await writeTemplateFile("inspection.xlsx", { noOverwrite: true });
 */
export async function writeTemplateFile(file: string, options: WriteFileAtomicOptions & WriteTemplateOptions & { readonly template?: WorkbookTemplate } = {}): Promise<void> {
  await writeFileAtomic(file, await writeTemplate(options.template ?? buildTemplate(), options), options);
}

/** A new package holding the sheets, the first one active. */
async function writeWorkbook(sheets: readonly WorksheetLayout[], created: Date): Promise<Uint8Array> {
  const styles = new StylesEditor(MINIMAL_STYLES_XML);
  const parts: [string, string][] = [];
  const overrides: string[] = [];
  let tableNumber = 0;
  sheets.forEach((sheet, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    const rels: string[] = [];
    for (const t of sheet.tables) {
      tableNumber++;
      const tablePath = `xl/tables/table${tableNumber}.xml`;
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${NS.rel}/table" Target="../tables/table${tableNumber}.xml"/>`);
      parts.push([tablePath, tableXml(tableNumber, t.name, t.range, t.columns, t.style)]);
      overrides.push(`<Override PartName="/${tablePath}" ContentType="${CT}.spreadsheetml.table+xml"/>`);
    }
    const rendered = renderWorksheet(sheet, styles, { tableRelIds: rels.map((_, k) => `rId${k + 1}`) });
    parts.push([path, rendered.xml]);
    overrides.push(`<Override PartName="/${path}" ContentType="${CONTENT_TYPE.worksheet}"/>`);
    if (rels.length > 0) parts.push([`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">${rels.join("")}</Relationships>`]);
  });

  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  const names = sheets.map((s) => escapeText(s.name));
  const head: [string, string][] = [
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
        `${overrides.join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL_TYPE.officeDocument}" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_TYPE.extendedProperties}" Target="docProps/app.xml"/></Relationships>`,
    ],
    [
      "docProps/app.xml",
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<Application>Case Inspection Workbook</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts></Properties>`,
    ],
    [
      "docProps/core.xml",
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>Case Inspection Workbook</dc:creator><cp:lastModifiedBy>Case Inspection Workbook</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    ],
    [
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        `</sheets><calcPr calcId="191029"/></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE.worksheet}" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`,
    ],
    // Rendering the sheets registered their styles: the styles part comes last.
    ["xl/styles.xml", styles.toXml()],
  ];

  const zip = new JSZip();
  const date = new Date(Math.max(created.getTime(), Date.UTC(1980, 0, 1)));
  for (const [name, text] of [...head, ...parts]) zip.file(name, text, { date, createFolders: false });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

function tableXml(id: number, name: string, range: string, columns: readonly string[], style: string): string {
  return (
    `${XML_HEAD}<table xmlns="${NS.main}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${range}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${range}"/><tableColumns count="${columns.length}">${columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c)}"/>`).join("")}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
