/**
 * Errors from Excel as a plain message and what to do next, for the task pane; the `code` and
 * `debugInfo` are kept for the log. Codes are Office.js's (`Excel.ErrorCodes`,
 * `OfficeExtension.ErrorCodes`), compared as strings.
 */

/** An error ready to show to a user. */
export interface OfficeErrorReport {
  /** What happened, in plain words. */
  readonly message: string;
  /** What the user can do about it. */
  readonly action: string;
  /** Message and action as one line. */
  readonly text: string;
  /** Office.js's error code, when it was an Office error. */
  readonly code: string | null;
  /** Office.js's `debugInfo` (for the log, never for the user). */
  readonly debugInfo: unknown;
}

interface Advice {
  readonly message: string;
  readonly action: string;
}

const TRY_AGAIN = "Try again; if it keeps happening, save the workbook, close it and open it again.";

const BY_CODE: Readonly<Record<string, Advice>> = {
  InvalidOperationInCellEditMode: {
    message: "Excel is busy: a cell is being edited, so the add-in cannot change the workbook.",
    action: "Finish editing the cell, press Enter, then try again.",
  },
  AccessDenied: {
    message: "Excel did not allow the change: a sheet or the workbook is protected, or the file is open read-only (for example because someone else has it open for editing).",
    action: "Unprotect it (Review > Unprotect Sheet, or Protect Workbook to unlock the structure), or open a copy you can edit, then try again.",
  },
  ItemNotFound: {
    message: "A sheet, table or cell the add-in needed is no longer there: it may have been renamed or deleted while the add-in was working.",
    action: "Check that the Cases, Criteria and Settings sheets are named as before, then try again.",
  },
  InvalidReference: {
    message: "A sheet or range the add-in was using changed while it was working.",
    action: TRY_AGAIN,
  },
  Conflict: {
    message: "Someone else changed the workbook at the same moment.",
    action: "Wait a few seconds for their changes to arrive, then try again.",
  },
  ActivityLimitReached: {
    message: "Excel is busy (perhaps saving, or bringing in changes from other people).",
    action: "Wait a moment, then try again.",
  },
  ServiceNotAvailable: {
    message: "Excel could not be reached for a moment (perhaps the connection dropped, or the file is being saved).",
    action: "Wait a moment, check your connection, then try again.",
  },
  RequestAborted: {
    message: "Excel stopped the request before it finished.",
    action: "Wait a moment, then try again.",
  },
  RequestPayloadSizeLimitExceeded: {
    message: "The change is too large for Excel on the web to take in one go.",
    action: "Try again in Excel on the desktop, or split the cases across smaller workbooks.",
  },
  ResponsePayloadSizeLimitExceeded: {
    message: "The workbook holds more than Excel on the web can hand to the add-in in one go.",
    action: "Try again in Excel on the desktop, or split the cases across smaller workbooks.",
  },
  RangeExceedsLimit: {
    message: "A range is larger than Excel lets an add-in read or write at once.",
    action: "Delete stray cells far below or to the right of the data, then try again.",
  },
  MemoryLimitReached: {
    message: "Excel ran out of memory for this action.",
    action: "Close other workbooks, then try again.",
  },
  InactiveWorkbook: {
    message: "The inspection workbook is not the active window, so Excel refused the change.",
    action: "Click anywhere in the workbook, then try again.",
  },
  ApiNotFound: {
    message:
      "This version of Excel is too old for the add-in. It needs the Excel JavaScript API 1.9, which comes with Microsoft 365, retail Office 2019 from version 1903, Office 2021 or later, Excel on the web and Excel for Mac 16.24 or later (volume-licensed Office 2019 stops at 1.7).",
    action: "Update Office, or use Excel on the web.",
  },
  ApiNotAvailable: {
    message: "This version of Excel does not offer something the add-in needs.",
    action: "Update Office, or use Excel on the web.",
  },
  NotImplemented: {
    message: "This version of Excel does not offer something the add-in needs.",
    action: "Update Office, or use Excel on the web.",
  },
  MergedRangeConflict: {
    message: "Merged cells or a table are in the way of what the add-in needs to write.",
    action: "Unmerge the cells or move the table, then try again.",
  },
  InsertDeleteConflict: {
    message: "Merged cells or a table are in the way of what the add-in needs to write.",
    action: "Unmerge the cells or move the table, then try again.",
  },
  UnsupportedSheet: {
    message: "The add-in cannot work on a chart sheet or a macro sheet.",
    action: "Rename that sheet so it does not clash with Cases, Criteria, Settings or Interviews, then try again.",
  },
};

const SOMEONE_ELSE = /someone else|another user|other users|locked for editing|co-?author/i;

/**
 * An error from Excel (or anything thrown while talking to it) as words for the user.
 * @example formatOfficeError({ code: "InvalidOperationInCellEditMode" }).action // "Finish editing the cell, press Enter, then try again."
 */
export function formatOfficeError(error: unknown): OfficeErrorReport {
  const obj = typeof error === "object" && error !== null ? (error as { code?: unknown; message?: unknown; debugInfo?: unknown }) : {};
  const code = typeof obj.code === "string" ? obj.code : null;
  const raw = typeof obj.message === "string" ? obj.message : typeof error === "string" ? error : "";
  let advice: Advice | undefined = code === null ? undefined : BY_CODE[code];
  if (!advice && SOMEONE_ELSE.test(raw)) advice = BY_CODE["Conflict"];
  if (!advice) {
    advice = code
      ? { message: `Excel could not complete the action (${code}).`, action: TRY_AGAIN }
      : { message: raw === "" ? "Something went wrong while working with the workbook." : `Something went wrong: ${raw}`, action: TRY_AGAIN };
  }
  return { message: advice.message, action: advice.action, text: `${advice.message} ${advice.action}`, code, debugInfo: obj.debugInfo ?? null };
}
