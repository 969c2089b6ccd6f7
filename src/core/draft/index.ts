/** Checking a drafted report against the workbook's counts. */
export * from "./paragraphs";
export * from "./statements";
export * from "./check-draft";
export * from "./describe";
