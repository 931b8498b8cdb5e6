/**
 * The workbench's formula evaluator: only formulas that call the SPASER custom functions are computed,
 * with the real functions, the way Excel calls them (by id, every declared parameter passed, ranges as
 * 2-D arrays). Anything else — Excel's own functions, operators, structured references — is "not ours":
 * `evaluateFormula` returns undefined and the cell keeps the value Excel last computed.
 *
 * Accepted: `=SPASER.NAME(arg, …)` (English id or French name, also `_xldudf_SPASER_NAME` as some files
 * store add-in functions) whose arguments are numbers (`-5`, `1.5E3`, `30%`), strings (`"a ""b"""`),
 * booleans (TRUE/FALSE, VRAI/FAUX), empty arguments, cell and range references (`A1`, `$B$2:C9`, `A:A`,
 * `'Feuille 1'!A1:B2`), defined names (`SPASER_PARAMETRES`) and nested SPASER calls. Pure: the workbook
 * is reached through `FormulaContext`.
 */

export type CellValue = string | number | boolean;
export type Matrix = CellValue[][];

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "missing" }
  | { readonly kind: "reference"; readonly sheet?: string; readonly address: string }
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] };

/** A SPASER function as Excel knows it: its id, its declared parameters and the implementation. */
export interface SpaserFunction {
  readonly id: string;
  readonly parameters: readonly { readonly dimensionality?: string }[];
  readonly invoke: (...args: unknown[]) => unknown;
}

export interface FormulaContext {
  /** Values of a range (undefined: the sheet or address does not exist → #REF!). */
  range(sheet: string | undefined, address: string): Matrix | undefined;
  /** Values of the range a defined name points at (undefined → #NAME?). */
  name(name: string): Matrix | undefined;
  /** The function called `SPASER.<name>` (id or French name, upper case). */
  spaserFunction(name: string): SpaserFunction | undefined;
}

/** Excel's error values the evaluator may produce. */
export const FORMULA_ERRORS = {
  name: "#NAME?",
  ref: "#REF!",
  value: "#VALUE!",
} as const;

/** Namespace of the add-in's functions (manifest: Functions.Namespace). */
export const SPASER_NAMESPACE = "SPASER";

// ── tokens ──────────────────────────────────────────────────────────────────────────────────────
type Token =
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "word"; readonly text: string; readonly sheet?: string }
  | { readonly type: "punct"; readonly text: "(" | ")" | "," | "-" | "+" | "%" };

class NotOurs extends Error {}

const WORD_CHAR = /[A-Za-z0-9_.$:!\\\u00C0-\uFFFF]/;
const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
    } else if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new NotOurs("unterminated string");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: "string", value });
    } else if (ch === "'") {
      // 'Sheet name'!A1:B2
      let sheet = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new NotOurs("unterminated sheet name");
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            sheet += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        sheet += text[i];
        i++;
      }
      if (text[i] !== "!") throw new NotOurs("quoted name without !");
      i++;
      const start = i;
      while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
      tokens.push({ type: "word", text: text.slice(start, i), sheet });
    } else if (/[0-9.]/.test(ch) && NUMBER.test(text.slice(i)) && !/^\d+:/.test(text.slice(i))) {
      const match = NUMBER.exec(text.slice(i))!;
      tokens.push({ type: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if (ch === "(" || ch === ")" || ch === "," || ch === "-" || ch === "+" || ch === "%") {
      tokens.push({ type: "punct", text: ch });
      i++;
    } else if (ch === ";") {
      // Some tools write the French list separator in files; Excel itself writes commas.
      tokens.push({ type: "punct", text: "," });
      i++;
    } else if (WORD_CHAR.test(ch)) {
      const start = i;
      while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
      const word = text.slice(start, i);
      const bang = word.lastIndexOf("!");
      if (bang > 0) tokens.push({ type: "word", sheet: word.slice(0, bang), text: word.slice(bang + 1) });
      else tokens.push({ type: "word", text: word });
    } else {
      throw new NotOurs(`operator ${ch}`); // &, *, /, =, <, {, [ … : Excel's business, not ours
    }
  }
  return tokens;
}

// ── parser ──────────────────────────────────────────────────────────────────────────────────────
const CELL_REF = /^\$?[A-Za-z]{1,3}\$?\d{1,7}$/;
const COLUMN_REF = /^\$?[A-Za-z]{1,3}$/;
const ROW_REF = /^\$?\d{1,7}$/;
const BOOLEANS: Readonly<Record<string, boolean>> = { TRUE: true, FALSE: false, VRAI: true, FAUX: false };

function isReference(text: string): boolean {
  const parts = text.split(":");
  if (parts.length === 1) return CELL_REF.test(text);
  if (parts.length !== 2) return false;
  const [a, b] = parts as [string, string];
  return (
    (CELL_REF.test(a) && CELL_REF.test(b)) ||
    (COLUMN_REF.test(a) && COLUMN_REF.test(b)) ||
    (ROW_REF.test(a) && ROW_REF.test(b))
  );
}

/** The SPASER function name a call refers to (upper case), or undefined for any other function. */
export function spaserFunctionName(callee: string): string | undefined {
  const upper = callee.toUpperCase().replace(/^_XLL\./, "");
  const dotted = `${SPASER_NAMESPACE}.`;
  if (upper.startsWith(dotted)) return upper.slice(dotted.length) || undefined;
  const udf = `_XLDUDF_${SPASER_NAMESPACE}_`;
  if (upper.startsWith(udf)) return upper.slice(udf.length) || undefined;
  return undefined;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseFormula(): Expr {
    const expr = this.expression();
    if (this.position !== this.tokens.length) throw new NotOurs("trailing tokens");
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.type === "punct" && token.text === text;
  }

  private expression(): Expr {
    const token = this.peek();
    if (!token) throw new NotOurs("empty");
    if (token.type === "punct" && (token.text === "-" || token.text === "+")) {
      this.position++;
      const operand = this.expression();
      if (operand.kind !== "number") throw new NotOurs("sign on a non-number");
      return { kind: "number", value: token.text === "-" ? -operand.value : operand.value };
    }
    this.position++;
    if (token.type === "number") {
      if (this.isPunct("%")) {
        this.position++;
        return { kind: "number", value: token.value / 100 };
      }
      return { kind: "number", value: token.value };
    }
    if (token.type === "string") return { kind: "string", value: token.value };
    if (token.type === "punct") throw new NotOurs(`unexpected ${token.text}`);
    if (this.isPunct("(")) {
      if (token.sheet !== undefined) throw new NotOurs("sheet-qualified function");
      return this.call(token.text);
    }
    if (token.sheet !== undefined) {
      if (!isReference(token.text)) throw new NotOurs("sheet-qualified name");
      return { kind: "reference", sheet: token.sheet, address: token.text };
    }
    const upper = token.text.toUpperCase();
    if (upper in BOOLEANS) return { kind: "boolean", value: BOOLEANS[upper]! };
    if (isReference(token.text)) return { kind: "reference", address: token.text };
    if (/^[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(token.text)) return { kind: "name", name: token.text };
    throw new NotOurs(`unknown word ${token.text}`);
  }

  private call(callee: string): Expr {
    const name = spaserFunctionName(callee);
    if (name === undefined) throw new NotOurs(`function ${callee}`);
    this.position++; // (
    const args: Expr[] = [];
    if (this.isPunct(")")) {
      this.position++;
      return { kind: "call", name, args };
    }
    for (;;) {
      if (this.isPunct(",") || this.isPunct(")")) args.push({ kind: "missing" });
      else args.push(this.expression());
      if (this.isPunct(",")) {
        this.position++;
        continue;
      }
      if (this.isPunct(")")) {
        this.position++;
        return { kind: "call", name, args };
      }
      throw new NotOurs("expected , or )");
    }
  }
}

/** The formula as a SPASER call, or undefined when it is anything else (kept as Excel computed it). */
export function parseSpaserFormula(formula: string): Expr | undefined {
  const text = formula.trim().replace(/^=/, "");
  try {
    const expr = new Parser(tokenize(text)).parseFormula();
    return expr.kind === "call" ? expr : undefined;
  } catch (error) {
    if (error instanceof NotOurs) return undefined;
    throw error;
  }
}

// ── evaluation ──────────────────────────────────────────────────────────────────────────────────
/** An error value with the cell error code (CellError outside Excel, CustomFunctions.Error inside). */
function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#") ? code : undefined;
}

class CellErrorValue {
  constructor(readonly code: string) {}
}

type Argument = CellValue | null | Matrix;

function argumentValue(expr: Expr, context: FormulaContext): Argument | CellErrorValue {
  switch (expr.kind) {
    case "number":
    case "string":
    case "boolean":
      return expr.value;
    case "missing":
      return null;
    case "reference":
      return context.range(expr.sheet, expr.address) ?? new CellErrorValue(FORMULA_ERRORS.ref);
    case "name":
      return context.name(expr.name) ?? new CellErrorValue(FORMULA_ERRORS.name);
    case "call":
      return callValue(expr, context);
  }
}

/** Adapts an argument to the parameter's shape, as Excel does before calling a custom function. */
function shaped(value: Argument, dimensionality: string | undefined): Argument | CellErrorValue {
  const isMatrix = dimensionality === "matrix";
  if (Array.isArray(value)) {
    if (isMatrix) return value;
    if (value.length === 1 && value[0]?.length === 1) return value[0][0] ?? null;
    return new CellErrorValue(FORMULA_ERRORS.value);
  }
  if (isMatrix) return value === null ? null : [[value]];
  return value;
}

function resultValue(result: unknown): CellValue | CellErrorValue {
  if (Array.isArray(result)) return resultValue(Array.isArray(result[0]) ? result[0][0] : result[0]); // no spill: top-left
  if (typeof result === "number") return Number.isFinite(result) ? result : new CellErrorValue("#NUM!");
  if (typeof result === "string" || typeof result === "boolean") return result;
  if (result === null || result === undefined) return 0; // Excel shows an empty result as 0
  const code = errorCodeOf(result);
  return new CellErrorValue(code ?? FORMULA_ERRORS.value);
}

function callValue(expr: Extract<Expr, { kind: "call" }>, context: FormulaContext): CellValue | CellErrorValue {
  const fn = context.spaserFunction(expr.name);
  if (!fn) return new CellErrorValue(FORMULA_ERRORS.name);
  if (expr.args.length > fn.parameters.length) return new CellErrorValue(FORMULA_ERRORS.value);
  const args: Argument[] = [];
  for (let i = 0; i < fn.parameters.length; i++) {
    const arg = expr.args[i];
    // Excel passes every declared parameter: null for the omitted optional ones.
    const value = arg === undefined ? null : argumentValue(arg, context);
    if (value instanceof CellErrorValue) return value;
    const adapted = shaped(value, fn.parameters[i]?.dimensionality);
    if (adapted instanceof CellErrorValue) return adapted;
    args.push(adapted);
  }
  try {
    return resultValue(fn.invoke(...args));
  } catch (error) {
    return new CellErrorValue(errorCodeOf(error) ?? FORMULA_ERRORS.value);
  }
}

/**
 * The value of a formula calling SPASER functions (an Excel error value such as "#VALUE!" when the function
 * refuses its arguments), or undefined when the formula is not a SPASER call.
 */
export function evaluateFormula(formula: string, context: FormulaContext): CellValue | undefined {
  const expr = parseSpaserFormula(formula);
  if (!expr || expr.kind !== "call") return undefined;
  const value = callValue(expr, context);
  return value instanceof CellErrorValue ? value.code : value;
}
