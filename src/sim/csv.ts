/**
 * CSV as French public bodies export it from Excel: Windows-1252 or UTF-8, `;` or `,`,
 * CRLF or LF, quoted cells that may span lines. Cells stay text: the domain normalises later.
 */

/** Decodes UTF-8 (with or without BOM); bytes that are not valid UTF-8 are read as Windows-1252 (`€` = 0x80, `œ` = 0x9C). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/**
 * Windows-1252 characters for bytes 0x80–0x9F (undefined ones map to the same code point).
 * Spelled out because Node's TextDecoder("windows-1252") decodes these bytes as Latin-1 controls.
 */
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Lines looked at to choose the delimiter. */
const DELIMITER_SAMPLE_LINES = 20;

/** Picks `;` or `,` by counting each outside quotes on the first non-empty lines. `;` wins ties (French Excel). */
export function detectDelimiter(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let inQuotes = false;
  let lines = 0;
  let lineHasContent = false;
  for (let i = 0; i < text.length && lines < DELIMITER_SAMPLE_LINES; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ";") semicolons++;
    else if (!inQuotes && ch === ",") commas++;
    else if (!inQuotes && ch === "\n") {
      if (lineHasContent) lines++;
      lineHasContent = false;
      continue;
    }
    if (ch !== "\r" && ch !== "\n") lineHasContent = true;
  }
  return commas > semicolons ? "," : ";";
}

/** RFC 4180 parsing with CRLF or LF, `""` escapes and line breaks inside quotes (kept as `\n`). */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let inQuotes = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else if (ch === "\r" && text[i + 1] === "\n") {
        cell += "\n";
        i += 2;
        continue;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === "") inQuotes = true;
    else if (ch === delimiter) endCell();
    else if (ch === "\n") endRow();
    else if (ch === "\r") {
      endRow();
      if (text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}
