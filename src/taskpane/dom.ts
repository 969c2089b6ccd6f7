/**
 * A tiny DOM builder. Strings always become text nodes: nothing from a workbook is ever parsed
 * as HTML.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  readonly [name: string]: string | number | boolean | null | undefined | ((event: Event) => void);
}

/**
 * Creates an element. `on…` attributes with a function become event listeners; other attributes
 * are set with setAttribute (false/null/undefined are left out); children are appended as nodes
 * or text.
 * @example h("button", { onclick: run, class: "primary" }, "Check cases")
 */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/** Appends children as nodes or text. */
export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's content. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** "1 case" / "3 cases". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/**
 * A failure whose message is for the user as it is (the pane shows it in its alert).
 * @example throw userError("Open an inspection workbook first.");
 */
export function userError(text: string): Error {
  return Object.assign(new Error(text), { userMessage: text });
}
