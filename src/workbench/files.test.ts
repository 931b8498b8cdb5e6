import { describe, expect, it } from "vitest";
import { PartLostError, UnsupportedFormatError, XLS_REFUSAL } from "../sim";
import { downloadName, openFailureMessage, saveFailureMessage } from "./files";

describe("downloadName", () => {
  it("keeps the workbook's name, and gives a CSV back as a workbook", () => {
    expect(downloadName("programmation-achats-ville-exemple.xlsx")).toBe("programmation-achats-ville-exemple.xlsx");
    expect(downloadName("export-marches.csv")).toBe("export-marches.xlsx");
    expect(downloadName("Marchés 2027.TXT")).toBe("Marchés 2027.xlsx");
  });

  it("never proposes a name the file system refuses", () => {
    expect(downloadName('a/b:c*"d".csv')).toBe("a_b_c__d_.xlsx");
    expect(downloadName(".csv")).toBe("classeur.xlsx");
  });
});

describe("messages", () => {
  it("shows the simulator's own French refusals as they are", () => {
    expect(openFailureMessage(new UnsupportedFormatError(XLS_REFUSAL), "ancien.xls")).toBe(XLS_REFUSAL);
    const lost = new PartLostError(["xl/pivotTables/pivotTable1.xml"]);
    expect(saveFailureMessage(lost)).toBe(lost.message);
    expect(saveFailureMessage(lost)).toContain("xl/pivotTables/pivotTable1.xml");
  });

  it("names the file when it cannot be read", () => {
    expect(openFailureMessage(new Error("zip corrompu"), "budget.xlsx")).toBe(
      "Le fichier « budget.xlsx » n'a pas pu être ouvert : il est peut-être endommagé (zip corrompu).",
    );
  });
});
