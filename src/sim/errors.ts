/**
 * Errors raised by the simulator. `SimError.code` uses the same strings as `Excel.ErrorCodes`
 * so that code written against Office (`if (e.code === "ItemNotFound")`) behaves the same here.
 */
export type SimErrorCode =
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "PropertyNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "GeneralException";

export class SimError extends Error {
  readonly code: SimErrorCode;
  /** Mirrors OfficeExtension.Error.debugInfo (a subset). */
  readonly debugInfo: { code: SimErrorCode; message: string; errorLocation?: string };
  constructor(code: SimErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

/** The file cannot be opened (old .xls, SpreadsheetML 2003, not a spreadsheet). Message is French, for the user. */
export class UnsupportedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedFormatError";
  }
}

/** Saving would drop parts of the original file (pivot tables, charts, external links…). Nothing is written. */
export class PartLostError extends Error {
  readonly parts: readonly string[];
  constructor(parts: readonly string[]) {
    super(
      `L'enregistrement perdrait des éléments du classeur d'origine (${parts.join(", ")}) : ` +
        "enregistrement refusé pour ne pas endommager le fichier.",
    );
    this.name = "PartLostError";
    this.parts = parts;
  }
}
