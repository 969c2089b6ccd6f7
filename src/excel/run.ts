/**
 * How the adapter reaches Excel: `Excel.run`, looked up when a command runs (never at import),
 * or a runner passed in (tests, or a caller that owns the batch).
 */

/** A batch of Office.js work on one request context. */
export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Runs a batch the way `Excel.run` does. */
export type ExcelRunner = <T>(batch: ExcelBatch<T>) => Promise<T>;

/** Options every adapter command takes. */
export interface AdapterOptions {
  /** Defaults to the global `Excel.run`. */
  readonly run?: ExcelRunner;
}

/**
 * The global `Excel.run`, resolved at call time. While the user is typing in a cell, Excel delays
 * the batch until they leave the cell instead of failing it (`delayForCellEdit`); hosts that cannot
 * delay still fail with InvalidOperationInCellEditMode, which `formatOfficeError` puts in words.
 */
export const excelRun: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** The runner to use for a command. */
export function runnerOf(options: AdapterOptions | undefined): ExcelRunner {
  return options?.run ?? excelRun;
}
