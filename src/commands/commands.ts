/// <reference types="office-js" />
/*
 * Entry point of commands.html, the function file that runs the ribbon's ExecuteFunction
 * buttons. It registers the handlers once Office.js is ready, inside Office.onReady, as
 * Microsoft's "Create add-in commands" requires: Office.js must be initialized before the
 * command logic runs.
 */
import { CHECK_CASES_FUNCTION, createCheckCasesCommand } from "./check-cases";
import { runCheckCases } from "./run-check";

function registerCommands(): void {
  const checkCases = createCheckCasesCommand({
    run: async () => {
      await runCheckCases();
    },
  });
  if (typeof Office.actions !== "undefined") Office.actions.associate(CHECK_CASES_FUNCTION, checkCases);
  // Clients without Office.actions look the function name up on the global object.
  (globalThis as unknown as Record<string, unknown>)[CHECK_CASES_FUNCTION] = checkCases;
}

if (typeof Office !== "undefined") void Office.onReady(() => registerCommands());

export {};
