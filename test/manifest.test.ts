import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../scripts/manifest-check";

const manifest = readFileSync(join(__dirname, "..", "manifest.xml"), "utf8");

function runValidate(xml: string): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "spaser-manifest-"));
  const file = join(dir, "manifest.xml");
  writeFileSync(file, xml);
  try {
    const output = execFileSync("npm", ["run", "-s", "validate", "--", file], { encoding: "utf8", stdio: "pipe" });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: e.stdout + e.stderr };
  }
}

describe("manifest", () => {
  it("the project's manifest passes the local check with no warning", () => {
    expect(checkManifest(manifest)).toEqual({ errors: [], warnings: [] });
  });

  it("declares a shared runtime, the SPASER namespace, a Home-tab button and the least permission", () => {
    expect(manifest).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
    expect(manifest).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="SPASER"/>');
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(manifest).toContain("<DefaultLocale>fr-FR</DefaultLocale>");
    expect(manifest).toMatch(/<DisplayName DefaultValue="SPASER pour Excel">\s*<Override Locale="en-US"/);
  });

  it("npm run validate fails on a broken resid and names it", () => {
    const broken = manifest.replace('<Label resid="TaskpaneButton.Label"/>', '<Label resid="Bouton.Inexistant"/>');
    const { status, output } = runValidate(broken);
    expect(status).toBe(1);
    expect(output).toContain("Bouton.Inexistant");
  });

  it("npm run validate passes on the project's manifest", () => {
    expect(runValidate(manifest).status).toBe(0);
  });

  it("reports a resid pointing to the wrong kind of resource", () => {
    const wrongKind = manifest.replace('<Label resid="SpaserGroup.Label"/>', '<Label resid="Taskpane.Url"/>');
    expect(checkManifest(wrongKind).errors.join("\n")).toMatch(/Taskpane\.Url.*ShortStrings/);
  });

  it("reports a manifest without the shared runtime or with another namespace", () => {
    const noShared = manifest.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', "");
    expect(checkManifest(noShared).errors.join("\n")).toContain("SharedRuntime");
    const otherNamespace = manifest.replace('DefaultValue="SPASER"/>', 'DefaultValue="CONTOSO"/>');
    expect(checkManifest(otherNamespace).errors.join("\n")).toContain("CONTOSO");
  });

  it("reports a wider permission, a plain-http URL and a too-long label", () => {
    const wider = manifest.replace(
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>ReadWriteMailbox</Permissions>",
    );
    expect(checkManifest(wider).errors.join("\n")).toContain("ReadWriteDocument");
    const http = manifest.replace("https://localhost:3000/functions.js", "http://example.org/functions.js");
    expect(checkManifest(http).errors.join("\n")).toContain("http://example.org/functions.js");
    const long = manifest.replace('DefaultValue="Achats responsables"', `DefaultValue="${"x".repeat(126)}"`);
    expect(checkManifest(long).errors.join("\n")).toContain("126 caractères");
  });

  it("refuses something that is not a manifest", () => {
    expect(checkManifest("<html></html>").errors).toHaveLength(1);
  });
});
