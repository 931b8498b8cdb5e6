/**
 * Fingerprint of a contract row's cells: before writing, the add-in re-reads the rows it scored and
 * refuses if one no longer holds the same contract (a colleague sorted, inserted or edited rows).
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit over the cells' text: fast, stable, enough to notice a changed row. */
export function fingerprintCells(cells: readonly unknown[]): string {
  let hash = FNV_OFFSET;
  for (const cell of cells) {
    const text = `${typeof cell}:${cell === null || cell === undefined ? "" : String(cell)}\u0001`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, FNV_PRIME);
    }
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
