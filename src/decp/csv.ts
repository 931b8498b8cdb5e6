/**
 * A small CSV reader (RFC 4180: quoted fields with doubled quotes, separators and line breaks inside
 * quotes, CRLF or LF). The national DECP table is comma-separated; files re-saved by Excel in France use
 * semicolons, so the separator is detected on the header line.
 */

export type CsvSeparator = "," | ";";

export interface CsvTable {
  readonly separator: CsvSeparator;
  readonly header: readonly string[];
  /** Data records, each with the 1-based line where it starts. */
  readonly records: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

/** Separator of the header line: the one that occurs more often outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseCsv(input: string, separator: CsvSeparator = detectSeparator(stripBom(input))): CsvTable {
  const text = stripBom(input);
  const sep = separator.charCodeAt(0);
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const length = text.length;
  // Fields are sliced, not built character by character: 10 times faster on the 1.8 MB national extract.
  while (i <= length) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          value += text.slice(from);
          i = length;
          break;
        }
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      line += countLineBreaks(value);
      // Text between the closing quote and the next separator is kept, as spreadsheets do.
      let end = i;
      while (end < length && !isBoundary(text.charCodeAt(end), sep)) end += 1;
      field = value + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < length && !isBoundary(text.charCodeAt(end), sep)) end += 1;
      field = text.slice(i, end);
      i = end;
    }
    cells.push(field);
    const code = text.charCodeAt(i);
    if (code === sep) {
      i += 1;
      continue;
    }
    // End of record: line break or end of text. A blank line is no record.
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
    if (code === CR && text.charCodeAt(i + 1) === LF) i += 1;
    i += 1;
    line += 1;
    rowLine = line;
  }
  const [header, ...records] = rows;
  return { separator, header: header?.cells.map((h) => h.trim()) ?? [], records };
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

function isBoundary(code: number, separator: number): boolean {
  return code === separator || code === LF || code === CR;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count += 1;
  return count;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
