import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import type { HostInfo } from "./office-host";
import { fakeOperations } from "./test-fakes";
import { TEST_TODAY } from "./test-render";

function renderWithHost(host: HostInfo, props: Partial<Parameters<typeof App>[0]> = {}) {
  return render(<App detectHost={() => Promise.resolve(host)} today={TEST_TODAY} {...props} />);
}

describe("App", () => {
  it("shows a loading state, then explains how to open the add-in in Excel when Office is absent", async () => {
    renderWithHost({ inExcel: false });
    expect(screen.getByText("Chargement du volet…")).toBeInTheDocument();
    expect(await screen.findByText("Ouvrez ce complément dans Excel")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER pour Excel" })).toBeInTheDocument();
  });

  it("inside Excel, builds the Excel operations and shows the views, in French by default", async () => {
    const operations = fakeOperations();
    renderWithHost({ inExcel: true, displayLanguage: "fr-FR" }, { excelOperations: () => operations });
    expect(await screen.findByRole("tab", { name: "Démarrer" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Paramètres" })).toBeInTheDocument();
    expect(operations.start).toHaveBeenCalled();
    expect(screen.queryByText("Ouvrez ce complément dans Excel")).not.toBeInTheDocument();
  });

  it("switches to English when Office's display language is English", async () => {
    renderWithHost({ inExcel: true, displayLanguage: "en-GB" }, { excelOperations: () => fakeOperations() });
    expect(await screen.findByRole("tab", { name: "Dashboard" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "SPASER for Excel" })).toBeInTheDocument();
  });

  it("uses operations given from outside (workbench) even without Office", async () => {
    renderWithHost({ inExcel: false }, { operations: fakeOperations() });
    expect(await screen.findByRole("tab", { name: "Cotation" })).toBeInTheDocument();
  });
});
