/**
 * The "Check cases" ribbon command (manifest.xml: ExecuteFunction `checkCases`).
 *
 * This module only defines the handler; `commands.ts` registers it with Office.
 */

/** The function name that manifest.xml's "Check cases" button calls. */
export const CHECK_CASES_FUNCTION = "checkCases";

/** The part of `Office.AddinCommands.Event` a command handler uses. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** Runs the check; rejects with the error to report. */
export type CheckCasesRunner = () => Promise<void>;

/** Reports a failed command; ribbon commands have no UI of their own. */
export type CommandErrorReporter = (error: unknown) => void;

export interface CreateCheckCasesCommandOptions {
  run?: CheckCasesRunner;
  reportError?: CommandErrorReporter;
}

/** Placeholder until the Excel adapter (src/excel) provides the real check. */
export async function runCheckCasesPlaceholder(): Promise<void> {
  return;
}

/** Logs an Office error with its `code` and `debugInfo`, as the yo office template does. */
export function logCommandError(error: unknown): void {
  const details =
    typeof error === "object" && error !== null
      ? {
          code: (error as { code?: unknown }).code,
          debugInfo: (error as { debugInfo?: unknown }).debugInfo,
        }
      : {};
  console.error("Check cases failed:", error, details);
}

/**
 * Makes the handler Office calls when the user selects "Check cases".
 * It always calls `event.completed()`, also when the check fails, so Office does not
 * show the command as still running.
 *
 * @example
 * Office.actions.associate(CHECK_CASES_FUNCTION, createCheckCasesCommand());
 */
export function createCheckCasesCommand(
  options: CreateCheckCasesCommandOptions = {}
): (event: CommandEvent) => Promise<void> {
  const run = options.run ?? runCheckCasesPlaceholder;
  const reportError = options.reportError ?? logCommandError;
  return async function checkCases(event: CommandEvent): Promise<void> {
    try {
      await run();
    } catch (error) {
      reportError(error);
    } finally {
      event.completed();
    }
  };
}
