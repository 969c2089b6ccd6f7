/**
 * Adds cell formats and differential formats (for conditional formatting) to an existing
 * xl/styles.xml without renumbering anything already there. An entry identical to one already
 * present is reused, so regenerating the same layout yields the same style indices.
 */
import type { CellStyle, Colour } from "../../core/layout/model";
import {
  applySplices,
  childElements,
  escapeAttr,
  getAttr,
  parseAttrs,
  prefixOf,
  rootElement,
  setAttr,
  type Splice,
  type XmlElement,
} from "./xml";

/** The format of a conditional-format rule. */
export type DifferentialStyle = Pick<CellStyle, "fill" | "colour" | "bold">;

/** A minimal styles part, for a package that has none. */
export const MINIMAL_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/** Excel's built-in number formats that do not depend on the locale. */
const BUILTIN_NUMBER_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** The containers the editor appends to, in schema order, and what may follow each. */
const CONTAINER_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type Container = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs" | "dxfs";

interface ContainerState {
  readonly element: XmlElement | null;
  /** Raw XML of the existing children. */
  readonly existing: string[];
  readonly added: string[];
}

function colourValue(colour: Colour | undefined): string | null {
  if (colour === undefined) return null;
  const hex = colour.replace(/^#/, "");
  return /^[0-9a-fA-F]{6}$/.test(hex) ? `FF${hex.toUpperCase()}` : null;
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : "0";
}

/** Edits one styles part. Create it, ask for indices, then take {@link StylesEditor.toXml}. */
export class StylesEditor {
  private readonly xml: string;
  private readonly root: XmlElement;
  private readonly prefix: string;
  private readonly containers = new Map<Container, ContainerState>();
  private readonly allElements = new Map<string, XmlElement>();
  private readonly fontBase: { name: string; rest: string };
  private readonly customFormats = new Map<string, number>();
  private nextNumFmtId = 164;

  constructor(xml: string) {
    const root = rootElement(xml);
    if (!root || root.local !== "styleSheet") throw new Error("the styles part is not a styleSheet");
    this.xml = xml;
    this.root = root;
    this.prefix = prefixOf(root.name);
    for (const child of childElements(xml, root)) {
      if (!this.allElements.has(child.local)) this.allElements.set(child.local, child);
    }
    for (const name of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"] as const) {
      const element = this.allElements.get(name) ?? null;
      const existing = element ? childElements(xml, element).map((c) => xml.slice(c.start, c.end)) : [];
      this.containers.set(name, { element, existing, added: [] });
    }
    for (const fmt of this.state("numFmts").existing) {
      const attrs = parseAttrs(fmt.slice(0, fmt.indexOf(">") + 1));
      const id = Number(attrs.get("numFmtId"));
      const code = attrs.get("formatCode");
      if (!Number.isInteger(id)) continue;
      if (code !== undefined && !this.customFormats.has(code)) this.customFormats.set(code, id);
      this.nextNumFmtId = Math.max(this.nextNumFmtId, id + 1);
    }
    this.fontBase = this.readFontBase();
  }

  private state(name: Container): ContainerState {
    return this.containers.get(name)!;
  }

  /** Name, family, scheme and charset of the default font, so added fonts match the workbook. */
  private readFontBase(): { name: string; rest: string } {
    const first = this.state("fonts").existing[0];
    if (first === undefined) return { name: "Calibri", rest: `<${this.prefix}family val="2"/><${this.prefix}scheme val="minor"/>` };
    let name = "Calibri";
    let rest = "";
    const fontEl = rootElement(first);
    if (fontEl) {
      for (const c of childElements(first, fontEl)) {
        if (c.local === "name") name = getAttr(c.attrs, "val") ?? name;
        else if (c.local === "family" || c.local === "charset" || c.local === "scheme") {
          rest += `<${this.prefix}${c.local} val="${escapeAttr(getAttr(c.attrs, "val") ?? "")}"/>`;
        }
      }
    }
    return { name, rest };
  }

  /** Index of `entry` in container `name`: an identical existing or added entry, else a new one. */
  private indexOf(name: Container, entry: string): number {
    const state = this.state(name);
    const existing = state.existing.indexOf(entry);
    if (existing >= 0) return existing;
    const added = state.added.indexOf(entry);
    if (added >= 0) return state.existing.length + added;
    state.added.push(entry);
    return state.existing.length + state.added.length - 1;
  }

  private numberFormatId(code: string | undefined): number {
    if (code === undefined || code === "") return 0;
    const builtin = BUILTIN_NUMBER_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.customFormats.set(code, id);
    this.state("numFmts").added.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private colourElement(colour: Colour | undefined): string {
    const rgb = colourValue(colour);
    return rgb ? `<${this.prefix}color rgb="${rgb}"/>` : "";
  }

  /** The cellXfs index for a layout's cell style. */
  cellFormat(style: CellStyle): number {
    const p = this.prefix;
    const numFmtId = this.numberFormatId(style.numberFormat);
    // A named font is that font, never the theme's (no scheme element, which would override it).
    const face = style.font !== undefined ? `<${p}name val="${escapeAttr(style.font)}"/><${p}family val="2"/>` : `<${p}name val="${escapeAttr(this.fontBase.name)}"/>${this.fontBase.rest}`;
    const font =
      `<${p}font>${style.bold ? `<${p}b/>` : ""}${style.italic ? `<${p}i/>` : ""}` +
      `<${p}sz val="${numberText(style.size ?? 11)}"/>${this.colourElement(style.colour)}${face}</${p}font>`;
    // A style that says nothing about the font keeps the workbook's default font.
    const plainFont = style.font === undefined && !style.bold && !style.italic && style.size === undefined && colourValue(style.colour) === null;
    const fontId = plainFont ? 0 : this.indexOf("fonts", font);
    const fillRgb = colourValue(style.fill);
    const fillId = fillRgb
      ? this.indexOf("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${fillRgb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`)
      : 0;
    const sides = new Set(style.border ?? []);
    let borderId = 0;
    if (sides.size > 0) {
      const colour = this.colourElement(style.borderColour);
      const side = (s: "left" | "right" | "top" | "bottom"): string =>
        sides.has(s) ? (colour ? `<${p}${s} style="thin">${colour}</${p}${s}>` : `<${p}${s} style="thin"/>`) : `<${p}${s}/>`;
      borderId = this.indexOf("borders", `<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/></${p}border>`);
    }
    let alignment = "";
    if (style.horizontal) alignment += ` horizontal="${style.horizontal}"`;
    if (style.vertical) alignment += ` vertical="${style.vertical === "middle" ? "center" : style.vertical}"`;
    if (style.wrap) alignment += ` wrapText="1"`;
    if (style.indent !== undefined && style.indent > 0) alignment += ` indent="${Math.min(250, Math.round(style.indent))}"`;
    const xf =
      `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}` +
      (alignment ? ` applyAlignment="1"><${p}alignment${alignment}/></${p}xf>` : "/>");
    return this.indexOf("cellXfs", xf);
  }

  /** The dxfs index for a conditional format's style. */
  differentialFormat(style: DifferentialStyle): number {
    const p = this.prefix;
    const colour = this.colourElement(style.colour);
    const font = style.bold || colour ? `<${p}font>${style.bold ? `<${p}b/>` : ""}${colour}</${p}font>` : "";
    const rgb = colourValue(style.fill);
    const fill = rgb
      ? `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/><${p}bgColor rgb="${rgb}"/></${p}patternFill></${p}fill>`
      : "";
    return this.indexOf("dxfs", `<${p}dxf>${font}${fill}</${p}dxf>`);
  }

  /** Whether anything was added. */
  get changed(): boolean {
    return [...this.containers.values()].some((s) => s.added.length > 0);
  }

  /** The styles part with the additions. */
  toXml(): string {
    if (!this.changed) return this.xml;
    const splices: Splice[] = [];
    for (const [name, state] of this.containers) {
      if (state.added.length === 0) continue;
      const count = state.existing.length + state.added.length;
      const el = state.element;
      if (el) {
        const openTag = this.xml.slice(el.start, el.openEnd);
        if (el.selfClosing) {
          const open = setAttr(openTag, "count", String(count)).replace(/\s*\/>$/, ">");
          splices.push({ start: el.start, end: el.end, text: `${open}${state.added.join("")}</${el.name}>` });
        } else {
          splices.push({ start: el.start, end: el.openEnd, text: setAttr(openTag, "count", String(count)) });
          splices.push({ start: el.innerEnd, end: el.innerEnd, text: state.added.join("") });
        }
      } else {
        const text = `<${this.prefix}${name} count="${count}">${state.added.join("")}</${this.prefix}${name}>`;
        splices.push({ start: this.insertionPoint(name), end: this.insertionPoint(name), text });
      }
    }
    return applySplices(this.xml, splices);
  }

  /** Where a missing container goes: before the first element that must follow it. */
  private insertionPoint(name: Container): number {
    const after = CONTAINER_ORDER.slice(CONTAINER_ORDER.indexOf(name) + 1);
    let best = this.root.innerEnd;
    for (const follower of after) {
      const el = this.allElements.get(follower);
      if (el && el.start < best) best = el.start;
    }
    return best;
  }
}
