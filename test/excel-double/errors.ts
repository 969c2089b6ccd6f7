/**
 * Errors shaped like Office.js's `OfficeExtension.Error` (name "RichApi.Error", `code`,
 * `message`, `debugInfo`), with the codes Excel uses.
 */

/** The error codes the double raises (Excel.ErrorCodes / OfficeExtension.ErrorCodes spellings). */
export const FakeErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  rangeExceedsLimit: "RangeExceedsLimit",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  conflict: "Conflict",
} as const;

export interface FakeDebugInfo {
  readonly code: string;
  readonly message: string;
  readonly errorLocation?: string;
  readonly statement?: string;
}

/** What Office.js rejects a `context.sync()` with. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: unknown = null;

  constructor(code: string, message: string, errorLocation?: string, statement?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    const info: { code: string; message: string; errorLocation?: string; statement?: string } = { code, message };
    if (errorLocation !== undefined) info.errorLocation = errorLocation;
    if (statement !== undefined) info.statement = statement;
    this.debugInfo = info;
  }
}

export function officeError(code: string, message: string, errorLocation?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, errorLocation);
}

/** Office.js's message for reading a property that was not loaded. */
export function propertyNotLoaded(property: string, entity: string): FakeOfficeError {
  return new FakeOfficeError(
    FakeErrorCodes.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${entity}.${property}`,
  );
}

export function isFakeError(e: unknown, code?: string): e is FakeOfficeError {
  return e instanceof FakeOfficeError && (code === undefined || e.code === code);
}
