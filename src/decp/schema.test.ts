import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DECP_SCHEMA } from "./schema";

const SHARED = join(__dirname, "..", "..", "..", "shared", "data", "decp");
const SHARED_SCHEMA = join(SHARED, "schema_decp_v2.0.3.json");
const EXAMPLE = join(SHARED, "examples", "marches_avec_modifications.json");

describe("DECP_SCHEMA", () => {
  it.skipIf(!existsSync(SHARED_SCHEMA))(
    `is the official schema v2.0.3, same JSON value as the shared copy (${existsSync(SHARED_SCHEMA) ? SHARED_SCHEMA : "SKIPPED: absent"})`,
    () => {
      expect(DECP_SCHEMA).toEqual(JSON.parse(readFileSync(SHARED_SCHEMA, "utf8")));
    },
  );

  it.skipIf(!existsSync(EXAMPLE))("accepts the official example file", async () => {
    const Ajv = (await import("ajv")).default;
    const addFormats = (await import("ajv-formats")).default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    expect(ajv.validate(DECP_SCHEMA, JSON.parse(readFileSync(EXAMPLE, "utf8")))).toBe(true);
  });
});
