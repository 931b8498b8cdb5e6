import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import type { HostInfo } from "./office-host";

function renderWithHost(host: HostInfo) {
  return render(<App detectHost={() => Promise.resolve(host)} />);
}

describe("App", () => {
  it("shows a loading state, then explains how to open the add-in in Excel when Office is absent", async () => {
    renderWithHost({ inExcel: false });
    expect(screen.getByText("Chargement du volet…")).toBeInTheDocument();
    expect(await screen.findByText("Ouvrez ce complément dans Excel")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER pour Excel" })).toBeInTheDocument();
  });

  it("shows the connected home inside Excel, in French by default", async () => {
    renderWithHost({ inExcel: true, displayLanguage: "fr-FR" });
    expect(await screen.findByText("Connecté à Excel")).toBeInTheDocument();
    expect(screen.queryByText("Ouvrez ce complément dans Excel")).not.toBeInTheDocument();
  });

  it("switches to English when Office's display language is English", async () => {
    renderWithHost({ inExcel: true, displayLanguage: "en-GB" });
    expect(await screen.findByText("Connected to Excel")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER for Excel" })).toBeInTheDocument();
  });
});
