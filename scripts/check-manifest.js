#!/usr/bin/env node
// Offline structural check of an XML add-in manifest (task pane, Excel).
//
// Microsoft's validator (`office-addin-manifest validate`) is an online service and no XSD
// for the XML manifest ships in any npm package, so this checks what can be checked locally:
// well-formed XML, element order and required elements per the OfficeApp 1.1 / TaskPaneApp
// schema, a GUID Id, https everywhere, string lengths, resource references, the ExcelApi
// requirement set, and that every icon is a PNG of the right pixel size.
//
//   node scripts/check-manifest.js [manifest.xml] [--assets DIR] [--pages DIR] [--base URL]
//   (defaults: DIR/assets next to the manifest; pages checked when the manifest sits in a build
//   output next to taskpane.html; base URL = the folder of the task pane's SourceLocation)
//
// Exit code 0: no errors (warnings allowed); 1: errors; 2: the file cannot be read.
"use strict";

const fs = require("fs");
const path = require("path");

// ---------------------------------------------------------------- a small XML parser

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text, fail) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (match, name) => {
    if (name === undefined) return fail("bare '&' (write &amp;)");
    if (name[0] === "#") {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    if (!(name in ENTITIES)) return fail(`unknown entity &${name};`);
    return ENTITIES[name];
  });
}

/**
 * Parses the XML subset manifests use: prolog, comments, elements, attributes, text and the
 * predefined entities. DOCTYPE and CDATA are rejected. Names keep their prefix ("bt:Image").
 * @param {string} text
 * @returns {{ name: string, attrs: Record<string, string>, children: any[], text: string, line: number }}
 * @throws {SyntaxError} with a line number when the document is not well formed
 */
function parseXml(text) {
  let pos = 0;
  const lineAt = (at) => text.slice(0, at).split("\n").length;
  const fail = (message, at = pos) => {
    throw new SyntaxError(`line ${lineAt(at)}: ${message}`);
  };
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(text.slice(pos))[0];
      pos += ws.length;
      if (text.startsWith("<!--", pos)) {
        const end = text.indexOf("-->", pos + 4);
        if (end < 0) fail("unterminated comment");
        pos = end + 3;
      } else if (text.startsWith("<?", pos)) {
        const end = text.indexOf("?>", pos + 2);
        if (end < 0) fail("unterminated processing instruction");
        pos = end + 2;
      } else if (text.startsWith("<!", pos)) {
        fail("DOCTYPE and CDATA are not allowed in a manifest");
      } else {
        return;
      }
    }
  };
  const nameRe = /^[A-Za-z_][\w.:-]*/;

  function parseElement() {
    const start = pos;
    if (text[pos] !== "<") fail("expected an element");
    pos++;
    const nameMatch = nameRe.exec(text.slice(pos));
    if (!nameMatch) fail("expected an element name");
    const name = nameMatch[0];
    pos += name.length;
    const attrs = {};
    for (;;) {
      const ws = /^\s*/.exec(text.slice(pos))[0];
      pos += ws.length;
      if (text.startsWith("/>", pos)) {
        pos += 2;
        return { name, attrs, children: [], text: "", line: lineAt(start) };
      }
      if (text[pos] === ">") {
        pos++;
        break;
      }
      if (ws.length === 0) fail(`expected whitespace, '>' or '/>' in <${name}>`);
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(text.slice(pos));
      if (!attr) fail(`malformed attribute in <${name}>`);
      if (attr[1] in attrs) fail(`duplicate attribute ${attr[1]} in <${name}>`);
      const raw = attr[3] !== undefined ? attr[3] : attr[4];
      attrs[attr[1]] = decodeEntities(raw, (message) => fail(`${message} in attribute ${attr[1]}`));
      pos += attr[0].length;
    }
    const children = [];
    let content = "";
    for (;;) {
      if (pos >= text.length) fail(`<${name}> is not closed`, start);
      if (text.startsWith("</", pos)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(text.slice(pos));
        if (!close) fail("malformed closing tag");
        if (close[1] !== name) fail(`</${close[1]}> closes <${name}> (opened on line ${lineAt(start)})`);
        pos += close[0].length;
        return { name, attrs, children, text: content.trim(), line: lineAt(start) };
      }
      if (text.startsWith("<!--", pos)) {
        const end = text.indexOf("-->", pos + 4);
        if (end < 0) fail("unterminated comment");
        pos = end + 3;
      } else if (text.startsWith("<!", pos) || text.startsWith("<?", pos)) {
        fail("CDATA, DOCTYPE and processing instructions are not allowed inside elements");
      } else if (text[pos] === "<") {
        children.push(parseElement());
      } else {
        const next = text.indexOf("<", pos);
        const chunk = text.slice(pos, next < 0 ? text.length : next);
        content += decodeEntities(chunk, (message) => fail(message));
        pos += chunk.length;
      }
    }
  }

  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (pos < text.length) fail("content after the root element");
  return root;
}

function child(element, name) {
  return element ? element.children.find((c) => c.name === name) : undefined;
}

function children(element, name) {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Every descendant element (depth first), optionally only those with a given name. */
function descendants(element, name) {
  const out = [];
  const walk = (el) => {
    for (const c of el.children) {
      if (name === undefined || c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}

// ---------------------------------------------------------------- PNG

/**
 * Reads width and height from a PNG's IHDR chunk; null when the bytes are not a PNG.
 * @param {Buffer} buffer
 * @returns {{ width: number, height: number } | null}
 */
function readPngSize(buffer) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(signature)) return null;
  if (buffer.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

// ---------------------------------------------------------------- the checks

const NS_OFFICEAPP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_TASKPANE_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const NS_BASIC_TYPES = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";

/** Children of <OfficeApp xsi:type="TaskPaneApp">, in schema order (OfficeApp then TaskPaneApp). */
const ROOT_ORDER = Object.freeze([
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
]);

/** Required by the schema, plus the icons and support page that a published add-in needs. */
const ROOT_REQUIRED = Object.freeze([
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts",
  "DefaultSettings",
  "Permissions",
]);

const PERMISSIONS = Object.freeze(["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"]);
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^(0|[1-9][0-9]{0,4})(\.(0|[1-9][0-9]{0,4})){0,3}$/;
const CULTURE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const SHORT = 125;
const LONG = 250;
const RESID_MAX = 32;
const DEFAULT_BASE_URL = "https://localhost:3000/";

const EXPECTED_ICON_SIZE = Object.freeze({ IconUrl: 32, HighResolutionIconUrl: 64 });
const RIBBON_ICON_SIZES = Object.freeze(["16", "32", "80"]);

/** Orders of the children we check inside VersionOverrides (absent ones are skipped). */
const CHILD_ORDER = Object.freeze({
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint", "SupportsSharedFolders"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action", "Enabled"],
  Supertip: ["Title", "Description"],
  ShowTaskpane: ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
});

/** Which resource table each resid-bearing element refers to. */
function resourceKindFor(element) {
  switch (element.name) {
    case "bt:Image":
      return "bt:Images";
    case "SourceLocation":
    case "FunctionFile":
    case "LearnMoreUrl":
    case "Runtime":
      return "bt:Urls";
    case "Label":
      return "bt:ShortStrings";
    case "Title":
      return "bt:ShortStrings";
    case "Description": // in Supertip, GetStarted and VersionOverrides
      return "bt:LongStrings";
    default:
      return null;
  }
}

function checkOrder(element, order, issues, where) {
  let last = -1;
  let lastName = "";
  for (const c of element.children) {
    const index = order.indexOf(c.name);
    if (index < 0) continue;
    if (index < last) {
      issues.error("element-order", `<${c.name}> must come before <${lastName}> in ${where}`, c.line);
    } else {
      last = index;
      lastName = c.name;
    }
  }
}

/**
 * Checks a manifest's structure offline.
 *
 * @param {string} xml the manifest text
 * @param {{ assetsDir?: string, pagesDir?: string, baseUrl?: string, minExcelApi?: string }} [options]
 *   assetsDir: folder holding the files under <baseUrl>assets/ (icons are checked when given);
 *   pagesDir: folder served at baseUrl (page URLs are checked to exist when given);
 *   baseUrl: where the add-in is served (default https://localhost:3000/);
 *   minExcelApi: lowest acceptable ExcelApi MinVersion.
 * @returns {{ issues: Array<{ severity: "error" | "warning", code: string, message: string, line?: number }>,
 *             root: object | null, urls: string[] }}
 *
 * @example
 * const { issues } = checkManifest(fs.readFileSync("manifest.xml", "utf8"), { assetsDir: "assets" });
 */
function checkManifest(xml, options = {}) {
  const baseUrl = options.baseUrl || DEFAULT_BASE_URL;
  const list = [];
  const issues = {
    error: (code, message, line) => list.push({ severity: "error", code, message, ...(line ? { line } : {}) }),
    warning: (code, message, line) => list.push({ severity: "warning", code, message, ...(line ? { line } : {}) }),
  };
  const urls = [];

  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    issues.error("xml-malformed", `not well-formed XML: ${error.message}`);
    return { issues: list, root: null, urls };
  }

  // Root element and namespaces.
  if (root.name !== "OfficeApp") issues.error("root-element", `the root element is <${root.name}>, not <OfficeApp>`);
  if (root.attrs.xmlns !== NS_OFFICEAPP) issues.error("namespace", `<OfficeApp> must declare xmlns="${NS_OFFICEAPP}"`);
  if (root.attrs["xsi:type"] !== "TaskPaneApp") issues.error("app-type", `<OfficeApp> must have xsi:type="TaskPaneApp"`);

  // Root children: known, unique, in order, required ones present.
  const seen = new Map();
  let lastIndex = -1;
  let lastName = "";
  for (const c of root.children) {
    const index = ROOT_ORDER.indexOf(c.name);
    if (index < 0) {
      issues.error("unknown-element", `<${c.name}> is not a child of <OfficeApp> in the schema`, c.line);
      continue;
    }
    if (seen.has(c.name)) issues.error("duplicate-element", `<${c.name}> appears more than once`, c.line);
    seen.set(c.name, c);
    if (index < lastIndex) {
      issues.error("element-order", `<${c.name}> must come before <${lastName}> (schema order: ${ROOT_ORDER.join(", ")})`, c.line);
    } else {
      lastIndex = index;
      lastName = c.name;
    }
  }
  for (const name of ROOT_REQUIRED) {
    if (!seen.has(name)) issues.error("missing-element", `<${name}> is required`);
  }

  const id = child(root, "Id");
  if (id && !GUID.test(id.text)) issues.error("id-not-guid", `<Id> must be a GUID, got "${id.text}"`, id.line);
  const version = child(root, "Version");
  if (version && !VERSION.test(version.text)) issues.error("version-format", `<Version> must look like 1.0.0.0, got "${version.text}"`, version.line);
  const provider = child(root, "ProviderName");
  if (provider && (provider.text.length === 0 || provider.text.length > SHORT)) {
    issues.error("string-length", `<ProviderName> must have 1 to ${SHORT} characters`, provider.line);
  }
  const locale = child(root, "DefaultLocale");
  if (locale && !CULTURE.test(locale.text)) issues.error("locale-format", `<DefaultLocale> is not a culture name: "${locale.text}"`, locale.line);
  for (const [name, max] of [["DisplayName", SHORT], ["Description", LONG]]) {
    const el = child(root, name);
    if (!el) continue;
    const value = el.attrs.DefaultValue;
    if (value === undefined || value.length === 0 || value.length > max) {
      issues.error("string-length", `<${name} DefaultValue> must have 1 to ${max} characters (has ${value ? value.length : 0})`, el.line);
    }
  }
  const permissions = child(root, "Permissions");
  if (permissions && !PERMISSIONS.includes(permissions.text)) {
    issues.error("permissions", `<Permissions> must be one of ${PERMISSIONS.join(", ")}`, permissions.line);
  }

  // Hosts: Excel only.
  const hostNames = children(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (!hostNames.includes("Workbook")) issues.error("host", `<Hosts> must contain <Host Name="Workbook"/> (Excel)`);

  // Requirements: ExcelApi.
  const sets = children(child(child(root, "Requirements"), "Sets"), "Set");
  const excelApi = sets.find((s) => s.attrs.Name === "ExcelApi");
  if (!excelApi) {
    issues.error("requirement-set", `<Requirements><Sets> must name the ExcelApi requirement set the add-in needs`);
  } else if (!/^1\.\d+$/.test(excelApi.attrs.MinVersion || "")) {
    issues.error("requirement-set", `ExcelApi MinVersion must look like 1.9, got "${excelApi.attrs.MinVersion}"`, excelApi.line);
  } else if (options.minExcelApi && Number(excelApi.attrs.MinVersion.split(".")[1]) < Number(options.minExcelApi.split(".")[1])) {
    issues.error("requirement-set", `ExcelApi MinVersion ${excelApi.attrs.MinVersion} is below ${options.minExcelApi}, which the code needs`, excelApi.line);
  }

  // URLs: collect every one, all https, 2048 characters at most.
  const addUrl = (value, where, line) => {
    urls.push(value);
    if (!/^https:\/\/[^\s]+$/.test(value)) issues.error("url-not-https", `${where} must be an https URL, got "${value}"`, line);
    if (value.length > 2048) issues.error("string-length", `${where} is longer than 2048 characters`, line);
  };
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const el = child(root, name);
    if (el) addUrl(el.attrs.DefaultValue || "", `<${name}>`, el.line);
  }
  const source = child(child(root, "DefaultSettings"), "SourceLocation");
  if (!source && seen.has("DefaultSettings")) issues.error("missing-element", `<DefaultSettings> must contain <SourceLocation>`);
  if (source) addUrl(source.attrs.DefaultValue || "", "<DefaultSettings><SourceLocation>", source.line);
  for (const domain of children(child(root, "AppDomains"), "AppDomain")) addUrl(domain.text, "<AppDomain>", domain.line);
  for (const override of descendants(root, "Override")) {
    if (/^https?:/i.test(override.attrs.Value || "")) addUrl(override.attrs.Value, "<Override Value>", override.line);
  }

  // Files behind local URLs.
  const relative = (url) => (url.startsWith(baseUrl) ? decodeURIComponent(url.slice(baseUrl.length).split(/[?#]/)[0]) : null);
  const checkIcon = (url, size, where, line) => {
    const rel = relative(url);
    if (rel === null) {
      issues.error("icon-not-local", `${where} must be served with the add-in (under ${baseUrl}assets/), got "${url}"`, line);
      return;
    }
    if (!rel.startsWith("assets/") || !rel.endsWith(".png")) {
      issues.error("icon-location", `${where} must be a PNG under ${baseUrl}assets/, got "${url}"`, line);
      return;
    }
    if (!options.assetsDir) return;
    const file = path.join(options.assetsDir, rel.slice("assets/".length));
    if (!fs.existsSync(file)) {
      issues.error("icon-missing", `${where} points at ${rel}, which does not exist in ${options.assetsDir}`, line);
      return;
    }
    const dims = readPngSize(fs.readFileSync(file));
    if (!dims) {
      issues.error("icon-not-png", `${rel} is not a PNG file`, line);
    } else if (size !== undefined && (dims.width !== size || dims.height !== size)) {
      issues.error("icon-size", `${where} needs a ${size}×${size} image; ${rel} is ${dims.width}×${dims.height}`, line);
    }
  };
  const checkPage = (url, where, line, mustBeLocal) => {
    const rel = relative(url);
    if (rel === null) {
      if (mustBeLocal) issues.error("page-not-local", `${where} must be served with the add-in (under ${baseUrl}), got "${url}"`, line);
      return;
    }
    if (options.pagesDir && !fs.existsSync(path.join(options.pagesDir, rel))) {
      issues.error("page-missing", `${where} points at ${rel}, which does not exist in ${options.pagesDir}`, line);
    }
  };
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    const el = child(root, name);
    if (el && el.attrs.DefaultValue) checkIcon(el.attrs.DefaultValue, EXPECTED_ICON_SIZE[name], `<${name}>`, el.line);
  }
  const support = child(root, "SupportUrl");
  if (support && support.attrs.DefaultValue) checkPage(support.attrs.DefaultValue, "<SupportUrl>", support.line, false);
  if (source && source.attrs.DefaultValue) checkPage(source.attrs.DefaultValue, "<SourceLocation>", source.line, true);

  // VersionOverrides: ribbon commands and their resources.
  const overrides = child(root, "VersionOverrides");
  const commands = { buttons: [] };
  if (overrides) {
    if (overrides.attrs.xmlns !== NS_TASKPANE_OVERRIDES) {
      issues.error("namespace", `<VersionOverrides> must declare xmlns="${NS_TASKPANE_OVERRIDES}"`, overrides.line);
    }
    if (overrides.attrs["xsi:type"] !== "VersionOverridesV1_0") {
      issues.error("app-type", `<VersionOverrides> must have xsi:type="VersionOverridesV1_0"`, overrides.line);
    }
    if (root.attrs["xmlns:bt"] !== NS_BASIC_TYPES && overrides.attrs["xmlns:bt"] !== NS_BASIC_TYPES) {
      issues.error("namespace", `the bt: prefix must be bound to ${NS_BASIC_TYPES}`);
    }
    for (const el of [overrides, ...descendants(overrides)]) {
      const order = CHILD_ORDER[el.name === "Action" ? el.attrs["xsi:type"] : el.name];
      if (order) checkOrder(el, order, issues, `<${el.name}>`);
    }

    // Resource tables.
    const resources = child(overrides, "Resources");
    const tables = {};
    const definedIds = new Set();
    for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
      tables[kind] = new Map();
      for (const entry of child(resources, kind) ? child(resources, kind).children : []) {
        const rid = entry.attrs.id || "";
        if (rid.length === 0 || rid.length > RESID_MAX) {
          issues.error("resid-length", `resource id "${rid}" must have 1 to ${RESID_MAX} characters`, entry.line);
        }
        if (definedIds.has(rid)) issues.error("duplicate-resource", `resource id "${rid}" is defined more than once`, entry.line);
        definedIds.add(rid);
        const value = entry.attrs.DefaultValue || "";
        tables[kind].set(rid, { value, line: entry.line, used: false, sizes: new Set() });
        if (kind === "bt:Images" || kind === "bt:Urls") addUrl(value, `<${entry.name} id="${rid}">`, entry.line);
        const max = kind === "bt:ShortStrings" ? SHORT : kind === "bt:LongStrings" ? LONG : 2048;
        if (value.length === 0 || value.length > max) {
          issues.error("string-length", `resource "${rid}" must have 1 to ${max} characters (has ${value.length})`, entry.line);
        }
      }
    }

    // Every resid points at a resource of the right kind.
    const walk = (el) => {
      if (el.attrs.resid !== undefined) {
        const kind = resourceKindFor(el);
        const rid = el.attrs.resid;
        if (rid.length > RESID_MAX) issues.error("resid-length", `resid "${rid}" is longer than ${RESID_MAX} characters`, el.line);
        const entry = kind ? tables[kind].get(rid) : undefined;
        if (!entry) {
          issues.error("missing-resource", `<${el.name} resid="${rid}"> has no matching entry in <${kind || "Resources"}>`, el.line);
        } else {
          entry.used = true;
          if (el.name === "bt:Image" && el.attrs.size) entry.sizes.add(Number(el.attrs.size));
        }
      }
      for (const c of el.children) walk(c);
    };
    walk(overrides);

    // Hosts → Workbook → DesktopFormFactor.
    const hosts = children(child(overrides, "Hosts"), "Host");
    const workbook = hosts.find((h) => h.attrs["xsi:type"] === "Workbook");
    if (!workbook) issues.error("host", `<VersionOverrides><Hosts> must contain <Host xsi:type="Workbook">`, overrides.line);
    const desktop = child(workbook, "DesktopFormFactor");
    if (workbook && !desktop) issues.error("missing-element", `<Host xsi:type="Workbook"> needs a <DesktopFormFactor>`, workbook.line);
    if (desktop) {
      const functionFile = child(desktop, "FunctionFile");
      if (!functionFile) issues.error("missing-element", `<DesktopFormFactor> must contain <FunctionFile>`, desktop.line);
      const surfaces = children(desktop, "ExtensionPoint").filter((e) => e.attrs["xsi:type"] === "PrimaryCommandSurface");
      if (surfaces.length === 0) issues.error("missing-element", `<DesktopFormFactor> needs an <ExtensionPoint xsi:type="PrimaryCommandSurface">`, desktop.line);
      const controlIds = new Set();
      for (const surface of surfaces) {
        for (const group of descendants(surface, "Group")) {
          const sizes = children(child(group, "Icon"), "bt:Image").map((i) => i.attrs.size);
          for (const size of RIBBON_ICON_SIZES) {
            if (!sizes.includes(size)) issues.error("ribbon-icon", `<Group id="${group.attrs.id}"> needs a ${size} px icon`, group.line);
          }
          for (const control of children(group, "Control")) {
            const cid = control.attrs.id || "";
            if (controlIds.has(cid)) issues.error("duplicate-id", `control id "${cid}" is used more than once`, control.line);
            controlIds.add(cid);
            const controlSizes = children(child(control, "Icon"), "bt:Image").map((i) => i.attrs.size);
            for (const size of RIBBON_ICON_SIZES) {
              if (!controlSizes.includes(size)) issues.error("ribbon-icon", `<Control id="${cid}"> needs a ${size} px icon`, control.line);
            }
            for (const required of ["Label", "Supertip", "Icon", "Action"]) {
              if (!child(control, required)) issues.error("missing-element", `<Control id="${cid}"> must contain <${required}>`, control.line);
            }
            const action = child(control, "Action");
            if (!action) continue;
            const type = action.attrs["xsi:type"];
            const label = child(control, "Label");
            const button = {
              id: cid,
              label: label ? (tables["bt:ShortStrings"].get(label.attrs.resid) || { value: undefined }).value : undefined,
              action: type,
            };
            if (type === "ShowTaskpane") {
              const loc = child(action, "SourceLocation");
              if (!loc) issues.error("missing-element", `<Action xsi:type="ShowTaskpane"> must contain <SourceLocation>`, action.line);
              button.sourceLocation = loc ? (tables["bt:Urls"].get(loc.attrs.resid) || { value: undefined }).value : undefined;
            } else if (type === "ExecuteFunction") {
              const fn = child(action, "FunctionName");
              if (!fn || !/^[A-Za-z_$][\w$.]*$/.test(fn.text)) {
                issues.error("function-name", `<Action xsi:type="ExecuteFunction"> needs a <FunctionName> that is a JavaScript name`, action.line);
              }
              button.functionName = fn ? fn.text : undefined;
              if (!functionFile) issues.error("missing-element", `an ExecuteFunction button needs <FunctionFile>`, action.line);
            } else {
              issues.error("action-type", `<Action xsi:type="${type}"> is not ShowTaskpane or ExecuteFunction`, action.line);
            }
            commands.buttons.push(button);
          }
        }
      }
    }

    // Images: right sizes on disk; local pages exist; unused resources.
    for (const [rid, entry] of tables["bt:Images"]) {
      const sizes = [...entry.sizes];
      if (sizes.length > 1) issues.error("icon-size", `image "${rid}" is used at sizes ${sizes.join(" and ")}`, entry.line);
      checkIcon(entry.value, sizes[0], `<bt:Image id="${rid}">`, entry.line);
    }
    for (const [rid, entry] of tables["bt:Urls"]) {
      const mustBeLocal = rid !== "GetStarted.LearnMoreUrl";
      checkPage(entry.value, `<bt:Url id="${rid}">`, entry.line, mustBeLocal);
    }
    for (const kind of Object.keys(tables)) {
      for (const [rid, entry] of tables[kind]) {
        if (!entry.used) issues.warning("unused-resource", `resource "${rid}" in <${kind}> is never referenced`, entry.line);
      }
    }
  }

  return { issues: list, root, urls, commands };
}

/** The folder URL of <DefaultSettings><SourceLocation>, e.g. https://localhost:3000/; null if absent. */
function deriveBaseUrl(xml) {
  try {
    const source = child(child(parseXml(xml), "DefaultSettings"), "SourceLocation");
    const value = source && source.attrs.DefaultValue;
    return value ? new URL(".", value).href : null;
  } catch {
    return null;
  }
}

function formatIssue(issue, file) {
  return `${file}${issue.line ? `:${issue.line}` : ""}: ${issue.severity} [${issue.code}] ${issue.message}`;
}

function main(argv) {
  const args = [...argv];
  const take = (flag) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const assetsDir = take("--assets");
  const pagesDir = take("--pages");
  const baseUrl = take("--base");
  const file = args[0] || "manifest.xml";
  let xml;
  try {
    xml = fs.readFileSync(file, "utf8");
  } catch (error) {
    console.error(`Cannot read ${file}: ${error.code || error.message}`);
    return 2;
  }
  // Defaults: icons in assets/ next to the manifest; pages next to it too when it is a build
  // output (dist/manifest.xml); the base URL is the folder of the task pane's SourceLocation.
  const dir = path.dirname(path.resolve(file));
  const builtPages = fs.existsSync(path.join(dir, "taskpane.html")) ? dir : undefined;
  const derivedBase = deriveBaseUrl(xml);
  const { issues } = checkManifest(xml, {
    assetsDir: assetsDir || path.join(dir, "assets"),
    ...(pagesDir || builtPages ? { pagesDir: pagesDir || builtPages } : {}),
    ...(baseUrl || derivedBase ? { baseUrl: baseUrl || derivedBase } : {}),
  });
  for (const issue of issues) console.error(formatIssue(issue, file));
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  console.log(`${file}: offline structural check: ${errors} error(s), ${warnings} warning(s).`);
  return errors > 0 ? 1 : 0;
}

module.exports = {
  parseXml,
  child,
  children,
  descendants,
  readPngSize,
  checkManifest,
  deriveBaseUrl,
  formatIssue,
  ROOT_ORDER,
  ROOT_REQUIRED,
  main,
};

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
