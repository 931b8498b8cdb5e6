import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { deferred, fakeOperations, SAMPLE_SOURCE } from "../test-fakes";
import { renderView } from "../test-render";
import { DashboardView } from "./DashboardView";
import type { WriteConfirmation } from "../../excel/operations";

describe("DashboardView", () => {
  it("shows each indicator of the year against its target as an accessible bar chart", async () => {
    renderView(<DashboardView />, fakeOperations());
    // 2026 (phase 1 of the reference plan): 3 contracts notified; env. criterion 1 of 3 = 33,3 % ≥ 30 %.
    expect(await screen.findByText("3 marché(s) notifié(s) en 2026")).toBeInTheDocument();
    expect(
      screen.getByRole("img", {
        name: "Marchés avec un critère environnemental : 33,3 %, cible 30 % (atteinte)",
      }),
    ).toBeInTheDocument();
    // Env. considerations 2 of 3 = 66,7 % < 50 %? No: 66,7 % ≥ 50 %, reached. Insertion in formal procedures: 1 of 1 filled.
    expect(
      screen.getByRole("img", {
        name: "Marchés avec des considérations environnementales : 66,7 %, cible 50 % (atteinte)",
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: "Marchés ciblés attribués à des TPE-PME : pas de donnée, cible 50 %" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/objectif\(s\) atteint\(s\) sur 6/)).toBeInTheDocument();
  });

  it("changes year with the keyboard and recomputes the figures", async () => {
    const user = userEvent.setup();
    renderView(<DashboardView />, fakeOperations());
    await screen.findByText("3 marché(s) notifié(s) en 2026");
    const year = screen.getByRole("spinbutton", { name: "Année" });
    year.focus();
    await user.keyboard("{ArrowUp}");
    expect(year).toHaveValue("2027");
    expect(screen.getByText("0 marché(s) notifié(s) en 2027")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Indicateurs de l'année 2027" })).toBeInTheDocument();
  });

  it("builds the dashboard with progress, then confirms", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<DashboardView />, operations);
    await user.click(await screen.findByRole("button", { name: "Construire / actualiser le tableau de bord" }));
    expect(await screen.findByText("Tableau de bord 2026 construit.")).toBeInTheDocument();
    expect(operations.buildDashboard).toHaveBeenCalledWith(SAMPLE_SOURCE, 2026, expect.objectContaining({}));
  });

  it("shows the progress while it runs and cancels with the Cancel button", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    const pending = deferred<WriteConfirmation>();
    let signal: AbortSignal | undefined;
    operations.buildDashboard.mockImplementationOnce((_source, _year, options) => {
      signal = options?.signal;
      options?.onProgress?.({ done: 1, total: 4, label: "Indicateurs : bloc 1 sur 4" });
      signal?.addEventListener("abort", () => pending.reject(new DOMException("Annulé", "AbortError")));
      return pending.promise;
    });
    renderView(<DashboardView />, operations);
    await user.click(await screen.findByRole("button", { name: "Construire / actualiser le tableau de bord" }));
    const status = await screen.findByRole("status");
    expect(within(status).getByText("Indicateurs : bloc 1 sur 4")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Construire / actualiser le tableau de bord" })).toBeDisabled();
    await user.click(within(status).getByRole("button", { name: "Annuler" }));
    expect(signal?.aborted).toBe(true);
    expect(await screen.findByText(/Opération annulée/)).toBeInTheDocument();
  });

  it("shows a refusal in an error bar", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.buildDashboard.mockRejectedValueOnce(new Error("La feuille « SPASER Tableau de bord » est protégée."));
    renderView(<DashboardView />, operations);
    await user.click(await screen.findByRole("button", { name: "Construire / actualiser le tableau de bord" }));
    expect(await screen.findByText("La feuille « SPASER Tableau de bord » est protégée.")).toBeInTheDocument();
  });
});
