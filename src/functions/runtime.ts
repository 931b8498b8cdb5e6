/**
 * The custom-functions runtime, or a stand-in when the bundle runs outside Excel (workbench, tests,
 * a browser opening the task pane page offline). The webpack plugin appends
 * `CustomFunctions.associate(id, fn)` calls to functions.ts; they must not throw where Excel is absent.
 */
export type CellErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!";

export interface CustomFunctionsRuntime {
  associate(id: string, fn: (...args: never[]) => unknown): void;
  /** Builds the error object Excel shows in the cell, with its message in the tooltip. */
  error(code: CellErrorCode, message: string): unknown;
}

/** Associations made outside Excel, so the workbench and tests call functions by their Excel id. */
export const associations = new Map<string, (...args: never[]) => unknown>();

const ERROR_CODE_NAMES: Record<CellErrorCode, keyof typeof CustomFunctions.ErrorCode> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#NUM!": "invalidNumber",
  "#DIV/0!": "divisionByZero",
};

/** Error returned outside Excel: same code and message as Excel's CustomFunctions.Error. */
export class CellError extends Error {
  constructor(
    readonly code: CellErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CellError";
  }
}

function excelRuntime(): CustomFunctionsRuntime | undefined {
  const excel = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!excel?.associate || !excel.Error) return undefined;
  return {
    associate(id, fn) {
      associations.set(id, fn);
      excel.associate(id, fn as (...args: unknown[]) => unknown);
    },
    error(code, message) {
      return new excel.Error(excel.ErrorCode[ERROR_CODE_NAMES[code]], message);
    },
  };
}

export const runtime: CustomFunctionsRuntime = excelRuntime() ?? {
  associate(id, fn) {
    associations.set(id, fn);
  },
  error(code, message) {
    return new CellError(code, message);
  },
};
