import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkManifest } from "../scripts/manifest-check";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localiseMetadata } = require("../scripts/webpack/french-metadata-plugin") as {
  localiseMetadata: (
    english: { functions: { id: string; name: string; parameters?: { name: string }[] }[] },
    french: Record<string, unknown>,
  ) => { metadata: { functions: { id: string; name: string; parameters?: { name: string }[] }[] }; errors: string[] };
};

const PROD_URL = "https://spaser.example.fr/complement/";
const root = join(__dirname, "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("production build", () => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "spaser-dist-"));
    execFileSync(
      "npx",
      ["webpack", "--mode", "production", "--env", `urlProd=${PROD_URL}`, "--env", `outputPath=${out}`],
      { cwd: root, stdio: "pipe", encoding: "utf8" },
    );
  }, 180_000);

  it("writes the manifest, both metadata files, the functions bundle and the task pane page", () => {
    for (const file of ["manifest.xml", "functions.json", "functions.fr.json", "functions.js", "taskpane.html"]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
  });

  it("leaves no localhost anywhere in the output", () => {
    const withLocalhost = filesUnder(out).filter((file) => readFileSync(file).includes("localhost"));
    expect(withLocalhost.map((f) => relative(out, f))).toEqual([]);
    expect(readFileSync(join(out, "manifest.xml"), "utf8")).toContain(`${PROD_URL}taskpane.html`);
  });

  it("produces a manifest that still passes the structural check", () => {
    expect(checkManifest(readFileSync(join(out, "manifest.xml"), "utf8")).errors).toEqual([]);
  });

  it("gives the French metadata the same ids and parameters, with French names", () => {
    const english = JSON.parse(readFileSync(join(out, "functions.json"), "utf8"));
    const french = JSON.parse(readFileSync(join(out, "functions.fr.json"), "utf8"));
    expect(french.functions.map((f: { id: string }) => f.id)).toEqual(
      english.functions.map((f: { id: string }) => f.id),
    );
    english.functions.forEach((fn: { parameters: unknown[]; name: string }, i: number) => {
      expect(french.functions[i].parameters).toHaveLength(fn.parameters.length);
    });
    expect(french.functions.some((f: { name: string }, i: number) => f.name !== english.functions[i].name)).toBe(true);
  });

  it("loads the functions bundle in the shared-runtime page, before the pane", () => {
    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    expect(html.indexOf("functions.js")).toBeGreaterThan(-1);
    expect(html.indexOf("functions.js")).toBeLessThan(html.indexOf("taskpane.js"));
  });
});

describe("French functions metadata", () => {
  const english = {
    functions: [{ id: "RATE", name: "RATE", description: "Share", parameters: [{ name: "flags", description: "F" }] }],
  };

  it("fails when a function has no French text", () => {
    expect(localiseMetadata(english, {}).errors).toEqual(["fonction RATE : nom ou description française manquante"]);
  });

  it("fails when a parameter has no French text, or a French text names an unknown function", () => {
    const noParam = { RATE: { name: "TAUX", description: "Part", parameters: {} } };
    expect(localiseMetadata(english, noParam).errors[0]).toContain("argument flags");
    const stale = { ...noParam, OLD: { name: "VIEUX", description: "x" } };
    expect(localiseMetadata(english, stale).errors.join()).toContain("fonction inconnue : OLD");
  });

  it("translates names and descriptions and keeps ids", () => {
    const fr = {
      RATE: { name: "TAUX", description: "Part", parameters: { flags: { name: "marques", description: "M" } } },
    };
    const { metadata, errors } = localiseMetadata(english, fr);
    expect(errors).toEqual([]);
    expect(metadata.functions[0]).toMatchObject({ id: "RATE", name: "TAUX", parameters: [{ name: "marques" }] });
  });
});
