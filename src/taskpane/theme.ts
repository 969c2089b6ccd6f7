/**
 * Fluent 2 theme for the pane: the Fluent web components for buttons and progress, the Fluent
 * design tokens for everything else, and the Office theme's colours when Excel gives them.
 */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/progress-bar.js";
import { setTheme } from "@fluentui/web-components";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";

interface OfficeTheme {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
  readonly controlBackgroundColor?: string;
  readonly controlForegroundColor?: string;
}

/** Relative luminance of a #rrggbb colour (WCAG). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Applies the Fluent theme: dark when the Office theme's background is dark (or, in a plain
 * browser, when the system prefers dark), light otherwise; then the Office theme's body colours.
 */
export function applyTheme(officeTheme?: OfficeTheme | null): void {
  const colour = (v: string | undefined): string | null => (v && /^#?[0-9a-f]{6}$/i.test(v) ? (v.startsWith("#") ? v : `#${v}`) : null);
  const bg = colour(officeTheme?.bodyBackgroundColor);
  const fg = colour(officeTheme?.bodyForegroundColor);
  const dark = bg ? luminance(bg) < 0.2 : !officeTheme && typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
  setTheme(dark ? webDarkTheme : webLightTheme);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  const root = document.documentElement.style;
  if (bg) root.setProperty("--pane-bg", bg);
  if (fg) root.setProperty("--pane-fg", fg);
}
