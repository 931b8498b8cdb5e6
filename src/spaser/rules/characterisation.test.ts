/**
 * Characterisation of the rules and the custom functions: the full outcome (value, French explanation,
 * basis, or the error message) of a few thousand deterministic calls each, recorded from the code before
 * the speed work (characterisation.fixture.json). Optimisations must not change a single character.
 *
 * The fixture keeps the first SAMPLES outcomes of each rule in full (readable diffs) and a short SHA-256
 * digest of every run of CHUNK outcomes (a changed outcome changes its chunk's digest). To re-record after an intended change of behaviour or of the generator:
 * `UPDATE_CHARACTERISATION=1 npx vitest run --project node src/spaser/rules/characterisation.test.ts`.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CASES_PER_RULE, CASES_VERSION, record } from "./characterisation-cases";

const FIXTURE = join(__dirname, "characterisation.fixture.json");
const SAMPLES = 10;
const DIGEST_HEX = 8;
/** One digest per run of CHUNK cases keeps the fixture small; a failure lists the chunk's current outcomes. */
const CHUNK = 10;

interface FixtureEntry {
  readonly name: string;
  readonly inputsDigest: string;
  /** DIGEST_HEX hex characters per chunk of CHUNK cases, concatenated. */
  readonly outcomeDigests: string;
  readonly samples: { readonly input: string; readonly outcome: string }[];
}
interface Fixture {
  readonly version: number;
  readonly casesPerRule: number;
  readonly entries: FixtureEntry[];
}

const sha = (text: string): string => createHash("sha256").update(text).digest("hex");

function chunkDigests(outcomes: readonly string[]): string[] {
  const digests: string[] = [];
  for (let i = 0; i < outcomes.length; i += CHUNK) {
    digests.push(sha(outcomes.slice(i, i + CHUNK).join("\n")).slice(0, DIGEST_HEX));
  }
  return digests;
}

const recorded = record();

if (process.env.UPDATE_CHARACTERISATION === "1") {
  const fixture: Fixture = {
    version: CASES_VERSION,
    casesPerRule: CASES_PER_RULE,
    entries: recorded.map((r) => ({
      name: r.name,
      inputsDigest: sha(r.inputs.join("\n")),
      outcomeDigests: chunkDigests(r.outcomes).join(""),
      samples: r.inputs.slice(0, SAMPLES).map((input, i) => ({ input, outcome: r.outcomes[i] ?? "" })),
    })),
  };
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
}

const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Fixture;

describe("characterisation: outcomes recorded before the speed work", () => {
  it("uses the same generator as the recording", () => {
    expect(fixture.version).toBe(CASES_VERSION);
    expect(fixture.casesPerRule).toBe(CASES_PER_RULE);
    expect(recorded.map((r) => r.name)).toEqual(fixture.entries.map((e) => e.name));
  });

  for (const entry of fixture.entries) {
    it(`${entry.name}: ${CASES_PER_RULE} outcomes unchanged`, () => {
      const current = recorded.find((r) => r.name === entry.name);
      expect(current, "rule missing from the generator").toBeDefined();
      if (!current) return;
      expect(sha(current.inputs.join("\n")), "inputs differ: the generator changed").toBe(entry.inputsDigest);
      for (const [i, sample] of entry.samples.entries()) {
        expect(current.outcomes[i], `case ${i}, input ${sample.input}`).toBe(sample.outcome);
      }
      const changed: string[] = [];
      chunkDigests(current.outcomes).forEach((digest, chunk) => {
        if (digest === entry.outcomeDigests.slice(chunk * DIGEST_HEX, (chunk + 1) * DIGEST_HEX)) return;
        for (let i = chunk * CHUNK; i < Math.min((chunk + 1) * CHUNK, current.outcomes.length); i++) {
          changed.push(`#${i} ${current.inputs[i]} → ${current.outcomes[i]}`);
        }
      });
      expect(changed.slice(0, 2 * CHUNK), `${changed.length / CHUNK} chunk(s) changed`).toEqual([]);
    });
  }
});
