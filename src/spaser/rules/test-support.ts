/**
 * Helpers shared by the rules' tests (imported by *.test.ts only, never by the add-in): every rule is
 * called from Excel cells with anything in them, so every rule is checked for totality the same way.
 */
import fc from "fast-check";
import { expect } from "vitest";

/** Anything a cell or a careless caller can hand a rule: odd numbers, texts, dates, booleans, nothing. */
export const anyValue = fc.oneof(
  fc.anything(),
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    0.3,
    1.5,
    40,
    49,
    300,
    90_000,
    230_000,
    "",
    "oui",
    "SIAE",
    "etat",
    "collectivite",
    "fournitures",
    "services",
    "2026-09-01",
    "2018-12-31",
    undefined,
    null,
    true,
    false,
  ),
);

/**
 * The rule is total: an input object built from `fields` (each one possibly absent), or any value at all
 * in place of the object, gives an outcome, ok or not, and never throws.
 */
export function expectTotal(
  rule: (input: never) => { readonly ok: boolean },
  fields: Record<string, fc.Arbitrary<unknown>>,
): void {
  fc.assert(
    fc.property(fc.record(fields, { requiredKeys: [] }), (input) => {
      expect(typeof rule(input as never).ok).toBe("boolean");
    }),
  );
  fc.assert(fc.property(fc.anything(), (input) => void rule(input as never)));
}
