/**
 * A new workbook made only of generated sheets (the roll-up): an empty package — workbook, styles
 * and document properties, no sheet — into which the package writer puts the layouts, exactly as it
 * puts the Summary into a user's workbook. The same layouts and date always give the same bytes.
 */
import JSZip from "jszip";
import type { SheetLayout } from "../core/layout/model";
import { CONTENT_TYPE, NS, REL_TYPE } from "./ooxml/package";
import { MINIMAL_STYLES_XML } from "./ooxml/styles";
import { writeGeneratedSheets } from "./package-writer";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = "application/vnd.openxmlformats-officedocument";

/**
 * The bytes of an empty package: a workbook listing no sheet yet.
 * @example const empty = await emptyPackage(new Date());
 */
export async function emptyPackage(created: Date): Promise<Uint8Array> {
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${NS.packageRel}"><Relationship Id="rId1" Type="${REL_TYPE.officeDocument}" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_TYPE.extendedProperties}" Target="docProps/app.xml"/></Relationships>`,
    ],
    [
      "docProps/app.xml",
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<Application>Case Inspection Workbook</Application></Properties>`,
    ],
    [
      "docProps/core.xml",
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>Case Inspection Workbook</dc:creator><cp:lastModifiedBy>Case Inspection Workbook</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    ],
    ["xl/workbook.xml", `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets/><calcPr calcId="191029"/></workbook>`],
    ["xl/_rels/workbook.xml.rels", `${XML_HEAD}<Relationships xmlns="${NS.packageRel}"><Relationship Id="rId1" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`],
    ["xl/styles.xml", MINIMAL_STYLES_XML],
  ];
  const zip = new JSZip();
  const date = new Date(Math.max(created.getTime(), Date.UTC(1980, 0, 1)));
  for (const [name, text] of parts) zip.file(name, text, { date, createFolders: false });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

/**
 * A new workbook holding the layouts, in order, the first one active.
 * @example const bytes = await writeNewWorkbook(buildRollupLayouts(rollup, { generatedAt }), generatedAt);
 */
export async function writeNewWorkbook(layouts: readonly SheetLayout[], created: Date): Promise<Uint8Array> {
  return (await writeGeneratedSheets(await emptyPackage(created), layouts)).bytes;
}
