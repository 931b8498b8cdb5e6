import { describe, expect, it } from "vitest";
import { detectSeparator, parseCsv } from "./csv";

describe("CSV reader", () => {
  it("detects the separator on the header line only", () => {
    expect(detectSeparator("uid,id,montant\n1;2;3")).toBe(",");
    expect(detectSeparator('uid;id;acheteur_nom\n1;2;"A, B"')).toBe(";");
  });

  it("reads quoted fields: separators, doubled quotes and line breaks inside quotes", () => {
    const table = parseCsv(
      '\uFEFFid,objet,montant\r\n1,"Lot 1, voirie",100\r\n2,"Dit ""clos""\nsur deux lignes",200\r\n\r\n3,,300',
    );
    expect(table.separator).toBe(",");
    expect(table.header).toEqual(["id", "objet", "montant"]);
    expect(table.records).toEqual([
      { line: 2, cells: ["1", "Lot 1, voirie", "100"] },
      { line: 3, cells: ["2", 'Dit "clos"\nsur deux lignes', "200"] },
      // The blank line 5 is skipped; line numbers still count it.
      { line: 6, cells: ["3", "", "300"] },
    ]);
  });

  it("keeps a trailing empty cell and ignores a final line break", () => {
    expect(parseCsv("a;b\n1;\n").records).toEqual([{ line: 2, cells: ["1", ""] }]);
  });
});
