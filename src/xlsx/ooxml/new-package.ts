/**
 * What every package this tool makes from nothing shares (a new inspection workbook, the roll-up's
 * workbook): the content types, the package relationships, the core properties, and the zip itself
 * — DEFLATE level 6, every entry dated `created` (not before 1980, which a zip cannot hold), so the
 * same content and date always give the same bytes.
 */
import JSZip from "jszip";
import { CONTENT_TYPE, NS, REL_TYPE } from "./package";

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The start of the content types of Office Open XML's parts. */
export const CT = "application/vnd.openxmlformats-officedocument";

/** `[Content_Types].xml`: the workbook, styles and document properties, then `overrides` (each an `<Override …/>`). */
export function contentTypesXml(overrides: readonly string[] = []): string {
  return (
    `${XML_HEAD}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
    `${overrides.join("")}</Types>`
  );
}

/** `_rels/.rels`: the workbook and the two document-properties parts. */
export const PACKAGE_RELS_XML =
  `${XML_HEAD}<Relationships xmlns="${NS.packageRel}"><Relationship Id="rId1" Type="${REL_TYPE.officeDocument}" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_TYPE.extendedProperties}" Target="docProps/app.xml"/></Relationships>`;

/** `docProps/core.xml`: made by this tool, created and modified at `created` (to the second). */
export function corePropertiesXml(created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>Case Inspection Workbook</dc:creator><cp:lastModifiedBy>Case Inspection Workbook</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

/**
 * The zip of the parts, in order.
 * @example const bytes = await zipPackage([["[Content_Types].xml", contentTypesXml()], …], created);
 */
export function zipPackage(parts: readonly (readonly [string, string])[], created: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Math.max(created.getTime(), Date.UTC(1980, 0, 1)));
  for (const [name, text] of parts) zip.file(name, text, { date, createFolders: false });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}
