/// <reference types="office-js" />
/*
 * Placeholder entry for the task pane (taskpane.html); the task pane UI replaces it.
 * The one Office.onReady call of the add-in lives here.
 */

function showHost(host: Office.HostType | null): void {
  const app = document.getElementById("app");
  if (app !== null) {
    app.textContent = host === null ? "Not running inside Excel." : `Running in ${host}.`;
  }
}

if (typeof Office === "undefined") {
  // Office.js could not be loaded (no network, or a plain browser that blocked it).
  showHost(null);
} else {
  void Office.onReady((info) => showHost(info.host ?? null));
}

export {};
