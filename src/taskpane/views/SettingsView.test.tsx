import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../../spaser/presets";
import { fakeOperations } from "../test-fakes";
import { renderView } from "../test-render";
import { SettingsView } from "./SettingsView";

describe("SettingsView", () => {
  it("starts from the workbook's policy and saves an edited target", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({ policy: { kind: "present", policy: PRESETS.reference } });
    renderView(<SettingsView />, operations);
    const target = await screen.findByRole("textbox", { name: "Marchés avec un critère environnemental — phase 1" });
    expect(target).toHaveValue("30");
    await user.clear(target);
    await user.type(target, "40");
    await user.click(screen.getByRole("button", { name: "Enregistrer les paramètres" }));
    expect(await screen.findByText(/Paramètres « SPASER de référence/)).toBeInTheDocument();
    const written = operations.writePolicy.mock.calls[0]![0];
    expect(written.targets.env_criterion).toEqual({ phase1: 0.4, phase2: 0.7 });
    expect(written.rules).toEqual(PRESETS.reference.rules);
  });

  it("shows the domain's French message inline for an invalid value and does not save", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<SettingsView />, operations);
    const target = await screen.findByRole("textbox", { name: "Marchés avec un critère environnemental — phase 2" });
    await user.clear(target);
    await user.type(target, "140");
    expect(
      screen.getAllByText(/La cible « env_criterion » doit être un pourcentage entre 0 et 100 %/).length,
    ).toBeGreaterThan(0);
    expect(target).toHaveValue("140");
    expect(screen.getByText("Paramètres à corriger avant d'enregistrer (1)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Enregistrer les paramètres" })).toBeDisabled();
    expect(operations.writePolicy).not.toHaveBeenCalled();
  });

  it("reports phases out of order", async () => {
    const user = userEvent.setup();
    renderView(<SettingsView />, fakeOperations());
    await user.click(await screen.findByRole("button", { name: "Phases du plan" }));
    const start2 = screen.getByRole("textbox", { name: "Début phase 2" });
    await user.clear(start2);
    await user.type(start2, "2026");
    expect(
      screen.getAllByText("La phase 2 (2026) doit commencer après la fin de la phase 1 (2026)").length,
    ).toBeGreaterThan(0);
  });

  it("applies a preset and edits the local rules (reservation cap, avance bonus)", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<SettingsView />, operations);
    await user.click(await screen.findByRole("combobox", { name: "Partir d'un modèle" }));
    await user.click(screen.getByRole("option", { name: PRESETS.metropole.name }));
    expect(screen.getByRole("textbox", { name: "Marchés avec une clause sociale — phase 1" })).toHaveValue("30");
    await user.click(screen.getByRole("button", { name: "Règles locales" }));
    const cap = screen.getByRole("textbox", { name: "Plafond des marchés réservés (€ HT, action 11)" });
    await user.clear(cap);
    await user.type(cap, "40 000");
    const bonus = screen.getByRole("textbox", { name: "Avance bonifiée des petites entreprises (action 17)" });
    await user.clear(bonus);
    await user.type(bonus, "25");
    await user.click(screen.getByRole("button", { name: "Poids des axes" }));
    const weight = screen.getByRole("textbox", { name: "Transition écologique" });
    await user.clear(weight);
    await user.type(weight, "2");
    await user.click(screen.getByRole("button", { name: "Enregistrer les paramètres" }));
    const written = operations.writePolicy.mock.calls[0]![0];
    expect(written.presetId).toBe("metropole");
    expect(written.rules.reservationCapHT).toBe(40_000);
    expect(written.rules.smallFirmAdvanceRate).toBe(0.25);
    expect(written.weights.axisWeights.ecologique).toBe(2);
  });
});
