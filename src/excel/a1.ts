/** A1 addresses for the ranges the add-in reads and writes (rows 1-based, columns 0-based as Excel's API). */

export function columnLetters(columnIndex: number): string {
  let n = columnIndex + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B4:G120" (or "B4" for one cell). */
export function rectAddress(firstRow: number, firstColumn: number, lastRow: number, lastColumn: number): string {
  const start = `${columnLetters(firstColumn)}${firstRow}`;
  const end = `${columnLetters(lastColumn)}${lastRow}`;
  return start === end ? start : `${start}:${end}`;
}

/** Sheet name as it appears in a reference: quoted when it holds anything but letters, digits and "_". */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'SPASER Paramètres'!$A$1:$C$47" for defined names and formulas. */
export function absoluteReference(
  sheet: string,
  firstRow: number,
  firstColumn: number,
  lastRow: number,
  lastColumn: number,
): string {
  return `${quoteSheet(sheet)}!$${columnLetters(firstColumn)}$${firstRow}:$${columnLetters(lastColumn)}$${lastRow}`;
}

/** Parses the range part of an address returned by Excel ("Feuil1!B4:G120" → rows/columns). */
export function parseRect(
  address: string,
): { firstRow: number; firstColumn: number; lastRow: number; lastColumn: number } | undefined {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(local);
  if (!m) return undefined;
  const firstColumn = columnIndexOf(m[1]!);
  const firstRow = Number(m[2]);
  return {
    firstRow,
    firstColumn,
    lastRow: m[4] ? Number(m[4]) : firstRow,
    lastColumn: m[3] ? columnIndexOf(m[3]) : firstColumn,
  };
}
