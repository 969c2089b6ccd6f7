/**
 * Fluent 2 theme for the pane: the Fluent web components for buttons and progress, the Fluent
 * design tokens for everything else, and the Office theme's colours when Excel gives them.
 */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/progress-bar.js";
import { setTheme } from "@fluentui/web-components";
import { webLightTheme } from "@fluentui/tokens";

interface OfficeTheme {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
  readonly controlBackgroundColor?: string;
  readonly controlForegroundColor?: string;
}

/** Applies the Fluent light theme, then the Office theme's body colours if there is one. */
export function applyTheme(officeTheme?: OfficeTheme | null): void {
  setTheme(webLightTheme);
  if (!officeTheme) return;
  const root = document.documentElement.style;
  const colour = (v: string | undefined): string | null => (v && /^#?[0-9a-f]{6}$/i.test(v) ? (v.startsWith("#") ? v : `#${v}`) : null);
  const bg = colour(officeTheme.bodyBackgroundColor);
  const fg = colour(officeTheme.bodyForegroundColor);
  if (bg) root.setProperty("--pane-bg", bg);
  if (fg) root.setProperty("--pane-fg", fg);
}
