/**
 * The official JSON Schema (draft-07) of the DECP format in force since 1 January 2024 (arrêtés du
 * 22 décembre 2022), version 2.0.3, shipped with the product so that exports are validated without a file.
 *
 * Source: public repository github.com/139bercy/format-commande-publique, file `schema_decp_v2.0.3.json`,
 * last changed in commit 626dc3617c14fd8ddb9811b8bef9bff859942f68. Licence Ouverte / Etalab 2.0.
 * Copied from /work/shared/data/decp/schema_decp_v2.0.3.json; only the whitespace was reformatted by
 * Prettier (same JSON value, checked by schema.test.ts against the shared copy).
 *
 * The task pane loads this module with a dynamic import(), with ajv: neither is in its initial bundle.
 */
import schema from "./schema_decp_v2.0.3.json";

export const DECP_SCHEMA_VERSION = "2.0.3";

export const DECP_SCHEMA: object = schema;
