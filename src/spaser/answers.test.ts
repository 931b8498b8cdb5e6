import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { answerLabel, answerRowHeaders, answerRowIds, answersFromRow, parseAnswer, readAnswerNumber } from "./answers";
import { getQuestionnaire } from "./questionnaire";

const current = getQuestionnaire()!;
const q = (id: string) => current.questions.find((x) => x.id === id)!;
const yesNo = q("insertion_clause");
const smeShare = q("sme_share");
const hours = q("insertion_hours_rate");
const circular = q("circular_economy");

const option = (id: string) => ({ ok: true, value: { kind: "option", option: id } });

describe("parseAnswer, yes / no / not applicable / to study", () => {
  it.each([
    ["Oui", "oui"],
    ["oui", "oui"],
    ["OUI ", "oui"],
    ["Yes", "oui"],
    [true, "oui"],
    [1, "oui"],
    ["1", "oui"],
    ["Non", "non"],
    ["No", "non"],
    [false, "non"],
    [0, "non"],
    ["non.", "non"],
    ["À étudier", "a_etudier"],
    ["A etudier", "a_etudier"],
    ["à  ÉTUDIER", "a_etudier"],
    ["To study", "a_etudier"],
  ])("reads %j as %s", (cell, expected) => {
    expect(parseAnswer(yesNo, cell)).toEqual(option(expected));
  });

  it.each(["Sans objet", "sans objet", "N/A", "NA", "n.a.", "Not applicable", "S/O"])(
    "reads %j as not applicable",
    (cell) => {
      expect(parseAnswer(yesNo, cell)).toEqual({ ok: true, value: { kind: "not_applicable" } });
    },
  );

  it.each([undefined, null, "", "   "])("reads %j as unanswered", (cell) => {
    expect(parseAnswer(yesNo, cell)).toEqual({ ok: true, value: undefined });
  });

  it("refuses anything else with a French message naming the question and the expected answers", () => {
    const r = parseAnswer(yesNo, "peut-être");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain("« peut-être »");
      expect(r.message).toContain("Clause d'insertion");
      expect(r.message).toContain("Oui, Non, À étudier, Sans objet");
    }
    expect(parseAnswer(yesNo, 2).ok).toBe(false);
    expect(parseAnswer(yesNo, {}).ok).toBe(false);
  });
});

describe("parseAnswer, numbers", () => {
  it("reads French numbers, with spaces, comma and units", () => {
    expect(readAnswerNumber("1 234,5")).toEqual({ value: 1234.5, percent: false });
    expect(readAnswerNumber("1\u202f234,5 €")).toEqual({ value: 1234.5, percent: false });
    expect(readAnswerNumber("12,5 %")).toEqual({ value: 12.5, percent: true });
    expect(readAnswerNumber("abc")).toBeUndefined();
    expect(readAnswerNumber("1,2,3")).toBeUndefined();
    expect(readAnswerNumber(Number.NaN)).toBeUndefined();
  });

  it("reads a percentage typed as text or stored by Excel as a fraction", () => {
    expect(parseAnswer(smeShare, "30 %")).toEqual({ ok: true, value: { kind: "number", value: 30 } });
    expect(parseAnswer(smeShare, "30")).toEqual({ ok: true, value: { kind: "number", value: 30 } });
    expect(parseAnswer(smeShare, 0.3)).toEqual({ ok: true, value: { kind: "number", value: 30 } });
    expect(parseAnswer(hours, "150 %")).toEqual({ ok: true, value: { kind: "number", value: 150 } });
  });

  it("refuses values out of range or not numbers, in French", () => {
    const r = parseAnswer(smeShare, "120 %");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("Réponse 120 % pour « Part TPE/PME (%) » : attendu entre 0 et 100 %.");
    const t = parseAnswer(smeShare, "beaucoup");
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.message).toMatch(/un nombre est attendu/);
    expect(parseAnswer(smeShare, "Sans objet")).toEqual({ ok: true, value: { kind: "not_applicable" } });
  });
});

describe("parseAnswer, choices", () => {
  it("reads a choice by id, French label or English label, without case or accents", () => {
    expect(parseAnswer(circular, "partielle")).toEqual(option("partielle"));
    expect(parseAnswer(circular, "Sur une partie du besoin")).toEqual(option("partielle"));
    expect(parseAnswer(circular, "for most of the need")).toEqual(option("generalisee"));
    expect(parseAnswer(circular, "a etudier")).toEqual(option("a_etudier"));
    expect(parseAnswer(circular, "Oui").ok).toBe(false);
    expect(parseAnswer(circular, true).ok).toBe(false);
  });
});

describe("answersFromRow (SPASER.POTENTIAL's answers_row)", () => {
  it("maps the row in the questionnaire's column order, under the stable question ids", () => {
    const row: unknown[] = new Array(current.questions.length).fill("");
    row[answerRowIds().indexOf("insertion_clause")] = "Oui";
    row[answerRowIds().indexOf("negotiation")] = "À étudier";
    row[answerRowIds().indexOf("carbon")] = "N/A";
    const set = answersFromRow(row);
    expect(set.version).toBe("2026.1");
    expect(set.errors).toEqual([]);
    expect(set.values).toEqual({
      insertion_clause: { kind: "option", option: "oui" },
      negotiation: { kind: "option", option: "a_etudier" },
      carbon: { kind: "not_applicable" },
    });
  });

  it("accepts an Excel 1×N range (nested array) and a shorter row", () => {
    expect(answersFromRow([["Oui", "Non"]]).values).toEqual({
      insertion_clause: { kind: "option", option: "oui" },
      insertion_facilitator: { kind: "option", option: "non" },
    });
  });

  it("reports each unreadable cell with its column, and extra cells, without throwing", () => {
    const row = ["Oui", "bof", "", "", "", "", "", "", "beaucoup"];
    const set = answersFromRow(row);
    expect(set.values).toEqual({ insertion_clause: { kind: "option", option: "oui" } });
    expect(set.errors.map((e) => [e.questionId, e.column])).toEqual([
      ["insertion_facilitator", 1],
      ["sme_share", 8],
    ]);
    expect(set.errors[0]!.message).toMatch(/^Colonne 2 : Réponse « bof »/);
    const long = answersFromRow(new Array(current.questions.length + 2).fill("Oui"));
    expect(long.errors.at(-1)!.message).toMatch(/2 réponse\(s\) de trop/);
  });

  it("reports an unknown version instead of guessing", () => {
    const set = answersFromRow(["Oui"], "1999.1");
    expect(set.values).toEqual({});
    expect(set.errors[0]!.message).toMatch(/Version de questionnaire inconnue/);
  });

  it("reads a 2025.1 row in 2025.1's own order", () => {
    const old = getQuestionnaire("2025.1")!;
    const row = old.questions.map((x) => (x.id === "reserved_contract" ? "Oui" : ""));
    const column = old.questions.findIndex((x) => x.id === "reserved_contract");
    expect(current.questions[column]!.id).not.toBe("reserved_contract"); // the orders differ
    expect(answersFromRow(row, "2025.1").values).toEqual({ reserved_contract: { kind: "option", option: "oui" } });
  });

  it("gives one header per question, in the same order", () => {
    expect(answerRowHeaders()).toHaveLength(current.questions.length);
    expect(answerRowHeaders()[0]).toBe("Clause d'insertion");
    expect(answerRowHeaders("2025.1")).toHaveLength(getQuestionnaire("2025.1")!.questions.length);
    expect(answerRowHeaders("nope")).toEqual([]);
  });

  it("round-trips: the label written back for an answer reads as the same answer", () => {
    for (const question of current.questions) {
      const samples =
        question.answer.type === "nombre"
          ? [{ kind: "number" as const, value: 42 }]
          : (question.answer.type === "choix"
              ? question.answer.options
              : [{ id: "oui" }, { id: "non" }, { id: "a_etudier" }]
            ).map((o) => ({ kind: "option" as const, option: o.id }));
      for (const answer of [...samples, { kind: "not_applicable" as const }]) {
        expect(parseAnswer(question, answerLabel(question, answer))).toEqual({ ok: true, value: answer });
      }
    }
  });

  it("is total on arbitrary cells (never throws, every error is French text)", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom("Oui", "Non", "NA", "À étudier", "30 %", "1 234,5"),
      fc.object(),
    );
    const row = fc.oneof(
      fc.array(cell, { maxLength: 40 }),
      fc.array(fc.array(cell, { maxLength: 30 }), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(row, fc.constantFrom("2026.1", "2025.1", "x"), (values, version) => {
        const set = answersFromRow(values, version);
        for (const e of set.errors) expect(typeof e.message).toBe("string");
        for (const id of Object.keys(set.values)) expect(answerRowIds(version)).toContain(id);
      }),
    );
  });
});
