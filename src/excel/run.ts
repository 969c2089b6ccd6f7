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
  /** Whether the host supports a requirement set; defaults to `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported?: (name: string, version: string) => boolean;
}

/**
 * Whether the host supports an ExcelApi requirement set newer than the manifest's minimum (1.9),
 * for something the add-in does only where it can.
 * @example supportsExcelApi(options, "1.10") // column grouping
 */
export function supportsExcelApi(options: AdapterOptions | undefined, version: string): boolean {
  if (options?.isSetSupported) return options.isSetSupported("ExcelApi", version);
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
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
