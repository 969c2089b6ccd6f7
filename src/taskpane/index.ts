/*
 * The task pane entry. The one place where Office is initialised (through boot → Office.onReady).
 */
import { boot } from "./boot";
import { applyTheme } from "./theme";

applyTheme();
void boot().catch((e: unknown) => {
  const root = document.getElementById("app");
  if (root) root.textContent = `The pane could not start: ${e instanceof Error ? e.message : String(e)}`;
});
