import { describe, expect, it } from "vitest";
import { detectHost } from "./office-host";

describe("detectHost", () => {
  it("reports no Excel when Office.js is absent (offline page)", async () => {
    expect(await detectHost(undefined)).toEqual({ inExcel: false });
  });

  it("reports no Excel when Office.js loads in a plain browser (no host)", async () => {
    const office = { onReady: () => Promise.resolve({ host: null, platform: null }), HostType: { Excel: "Excel" } };
    expect(await detectHost(office)).toEqual({ inExcel: false });
  });

  it("reports Excel and its display language inside Excel", async () => {
    const office = {
      onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
      HostType: { Excel: "Excel" },
      context: { displayLanguage: "fr-FR" },
    };
    expect(await detectHost(office)).toEqual({ inExcel: true, displayLanguage: "fr-FR" });
  });

  it("gives up instead of hanging when Office never becomes ready", async () => {
    const office = { onReady: () => new Promise<never>(() => {}) };
    expect(await detectHost(office, 10)).toEqual({ inExcel: false });
  });
});
