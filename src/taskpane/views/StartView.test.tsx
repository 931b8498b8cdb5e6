import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { WorkbookRefusal } from "../../excel/errors";
import { PRESETS } from "../../spaser/presets";
import { RECORD_FIELDS } from "../../spaser/records";
import { fakeOperations, SAMPLE_SOURCE } from "../test-fakes";
import { renderView } from "../test-render";
import { StartView } from "./StartView";

describe("StartView", () => {
  it("shows the recognised mapping, one dropdown per field, and the table's problems", async () => {
    renderView(<StartView />, fakeOperations({ stored: undefined }));
    expect(await screen.findByRole("heading", { name: "Correspondance des colonnes" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Objet" })).toHaveTextContent("Objet (B)");
    expect(screen.getByRole("combobox", { name: "Montant HT" })).toHaveTextContent("Montant HT (C)");
    expect(screen.getByRole("combobox", { name: "Date de notification" })).toHaveTextContent("— non utilisé —");
    expect(screen.getByText(/Colonne « Date de notification » non reconnue/)).toBeInTheDocument();
  });

  it("confirms the mapping as edited, creating the policy sheet with the reference preset the first time", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({ stored: undefined });
    renderView(<StartView />, operations);
    await user.click(await screen.findByRole("combobox", { name: "Date de notification" }));
    await user.click(screen.getByRole("option", { name: "Date de notification (G)" }));
    await user.click(screen.getByRole("button", { name: "Confirmer la correspondance" }));
    expect(
      await screen.findByText("Correspondance des colonnes enregistrée dans SPASER Paramètres."),
    ).toBeInTheDocument();
    const [source, policy] = operations.confirmMapping.mock.calls[0]!;
    expect(source.mapping.notificationDate).toEqual({ column: 6, header: "Date de notification" });
    expect(source.mapping.object).toEqual(SAMPLE_SOURCE.mapping.object);
    expect(policy).toEqual(PRESETS.reference);
    // The pane reads the workbook again: the mapping is now the stored one.
    expect(await screen.findByText("Correspondance enregistrée")).toBeInTheDocument();
  });

  it("after confirming, stays here with what was stored and gives the focus to « Commencer la cotation »", async () => {
    const user = userEvent.setup();
    const onStartCotation = vi.fn();
    const operations = fakeOperations({ stored: undefined });
    renderView(<StartView onStartCotation={onStartCotation} />, operations);
    await user.click(await screen.findByRole("button", { name: "Confirmer la correspondance" }));

    const next = await screen.findByRole("button", { name: "Commencer la cotation" });
    await waitFor(() => expect(next).toHaveFocus());
    // The button is described by the confirmation: the sentence of the workbook and what was stored.
    const stored = Object.values(operations.confirmMapping.mock.calls[0]![0].mapping).filter(Boolean).length;
    expect(stored).toBeGreaterThan(0);
    expect(next).toHaveAccessibleDescription(
      /^C'est fait.*Correspondance des colonnes enregistrée dans SPASER Paramètres/,
    );
    expect(next).toHaveAccessibleDescription(
      expect.stringContaining(
        `En-têtes en ligne ${SAMPLE_SOURCE.headerRow} ; ${stored} champs sur ${RECORD_FIELDS.length} reliés à une colonne.`,
      ),
    );
    expect(screen.getByRole("button", { name: "Confirmer la correspondance" })).toBeInTheDocument();
    expect(onStartCotation).not.toHaveBeenCalled();

    await user.keyboard("{Enter}");
    expect(onStartCotation).toHaveBeenCalledTimes(1);
  });

  it("editing the mapping again takes the confirmation away: it was about the stored mapping", async () => {
    const user = userEvent.setup();
    renderView(<StartView onStartCotation={() => {}} />, fakeOperations({ stored: undefined }));
    await user.click(await screen.findByRole("button", { name: "Confirmer la correspondance" }));
    expect(await screen.findByRole("button", { name: "Commencer la cotation" })).toBeInTheDocument();
    await user.click(screen.getByRole("combobox", { name: "Procédure" }));
    await user.click(screen.getByRole("option", { name: "— non utilisé —" }));
    expect(screen.queryByRole("button", { name: "Commencer la cotation" })).not.toBeInTheDocument();
    expect(screen.queryByText("C'est fait")).not.toBeInTheDocument();
  });

  it("offers no « Commencer la cotation » when the confirmation is refused", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({ stored: undefined });
    operations.confirmMapping.mockRejectedValueOnce(new Error("Classeur verrouillé."));
    renderView(<StartView onStartCotation={() => {}} />, operations);
    await user.click(await screen.findByRole("button", { name: "Confirmer la correspondance" }));
    expect(await screen.findByText("Classeur verrouillé.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Commencer la cotation" })).not.toBeInTheDocument();
  });

  it("can leave a field unused", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({ stored: undefined });
    renderView(<StartView />, operations);
    await user.click(await screen.findByRole("combobox", { name: "Procédure" }));
    await user.click(screen.getByRole("option", { name: "— non utilisé —" }));
    await user.click(screen.getByRole("button", { name: "Confirmer la correspondance" }));
    expect(operations.confirmMapping.mock.calls[0]![0].mapping.procedure).toBeUndefined();
  });

  it("explains when no table is found and offers to create one", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({
      stored: undefined,
      found: [],
      rejected: [{ sheet: "Notes", reason: "aucune ligne d'en-têtes reconnue" }],
    });
    renderView(<StartView />, operations);
    expect(await screen.findByText("Aucun tableau des marchés trouvé")).toBeInTheDocument();
    expect(screen.getByText("Notes : aucune ligne d'en-têtes reconnue")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Créer un tableau des marchés SPASER" }));
    expect(operations.createBlankTable).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/Tableau des marchés SPASER créé/)).toBeInTheDocument();
  });

  it("shows why the stored mapping cannot be used any more", async () => {
    renderView(
      <StartView />,
      fakeOperations({ storedProblem: "La colonne « Montant HT » a été déplacée : confirmez de nouveau." }),
    );
    const warning = await screen.findByText("La correspondance enregistrée ne peut plus servir");
    expect(within(warning.parentElement!).getByText(/a été déplacée/)).toBeInTheDocument();
  });

  it("shows a refusal of the workbook in an error bar, keeping the mapping on screen", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations({ stored: undefined });
    operations.confirmMapping.mockRejectedValueOnce(
      new WorkbookRefusal("occupied", "Les colonnes à droite du tableau ne sont pas vides : rien n'a été écrit."),
    );
    renderView(<StartView />, operations);
    await user.click(await screen.findByRole("button", { name: "Confirmer la correspondance" }));
    expect(await screen.findByText("Opération refusée")).toBeInTheDocument();
    expect(screen.getByText(/ne sont pas vides : rien n'a été écrit/)).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Objet" })).toBeInTheDocument();
  });
});
