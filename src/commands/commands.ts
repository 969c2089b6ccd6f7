/// <reference types="office-js" />
/*
 * Entry point of commands.html, the function file that runs the ribbon's
 * ExecuteFunction buttons. Registering the handlers is its only job.
 */
import { CHECK_CASES_FUNCTION, createCheckCasesCommand } from "./check-cases";
import { runCheckCases } from "./run-check";

function registerCommands(): void {
  const checkCases = createCheckCasesCommand({
    run: async () => {
      await runCheckCases();
    },
  });
  if (typeof Office !== "undefined" && typeof Office.actions !== "undefined") {
    Office.actions.associate(CHECK_CASES_FUNCTION, checkCases);
  }
  // Clients without Office.actions look the function name up on the global object.
  (globalThis as unknown as Record<string, unknown>)[CHECK_CASES_FUNCTION] = checkCases;
}

registerCommands();

export {};
