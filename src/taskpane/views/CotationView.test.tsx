import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { WorkbookRefusal } from "../../excel/errors";
import { ConnectedHome } from "../components/ConnectedHome";
import { AUTHOR_STORAGE_KEY } from "../hooks/useAuthor";
import { OperationsProvider } from "../OperationsContext";
import { fakeOperations, SAMPLE_SOURCE, type FakeOperations } from "../test-fakes";
import { renderView, TEST_TODAY } from "../test-render";
import { CotationView } from "./CotationView";

function overall(): string {
  return screen.getByRole("status", { name: /Potentiel durable global/ }).getAttribute("aria-label") ?? "";
}

describe("CotationView", () => {
  beforeEach(() => localStorage.clear());

  it("shows the contract's key facts, its stage and progress", async () => {
    renderView(<CotationView />, fakeOperations());
    expect(await screen.findByRole("heading", { name: "Marché 2027-001" })).toBeInTheDocument();
    const facts = screen.getByRole("region", { name: "Le marché" });
    expect(within(facts).getByText("Nettoyage des locaux administratifs")).toBeInTheDocument();
    expect(within(facts).getByText("250 000 €")).toBeInTheDocument();
    expect(within(facts).getByText("Procédure formalisée")).toBeInTheDocument();
    expect(within(facts).getByText("01/09/2027")).toBeInTheDocument();
    // 2026-06-01 is 15 months before the award: between J-24 and J-14.
    expect(within(facts).getByText("Travail avec le service opérationnel (J-24 à J-14)")).toBeInTheDocument();
    expect(screen.getByText("1 sur 3 cotés")).toBeInTheDocument();
  });

  it("asks only the applicable questions, grouped by axis, with their help", async () => {
    renderView(<CotationView />, fakeOperations());
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    // 250 000 € HT is above the 90 000 € study threshold: the insertion clause question is asked, with why.
    expect(screen.getByRole("radiogroup", { name: /clause d'insertion/ })).toBeInTheDocument();
    expect(screen.getAllByText("Montant 250 000 € HT > 90 000 €").length).toBeGreaterThan(0);
    expect(screen.getByText(/Le facilitateur aide à dimensionner les heures/)).toBeInTheDocument();
    // …and the reservation question (contracts under 90 000 €) is not.
    expect(screen.queryByRole("radiogroup", { name: /réservé à des SIAE/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Utilité sociale/ })).toBeInTheDocument();
  });

  it("answers a question with the keyboard and updates the potentiel durable at once", async () => {
    const user = userEvent.setup();
    renderView(<CotationView />, fakeOperations());
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    expect(overall()).toBe("Potentiel durable global : 0/100");
    const group = screen.getByRole("radiogroup", { name: /clause d'insertion/ });
    const yes = within(group).getByRole("radio", { name: "Oui" });
    yes.focus();
    await user.keyboard(" ");
    expect(yes).toBeChecked();
    expect(overall()).toBe("Potentiel durable global : 0/100"); // already in place: no room left
    // Arrow keys move to the next answer: Non, then À étudier (full potential on this only answer).
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(within(group).getByRole("radio", { name: "À étudier" })).toBeChecked();
    expect(overall()).toBe("Potentiel durable global : 100/100");
    expect(screen.getByLabelText("Utilité sociale : 100/100")).toBeInTheDocument();
    expect(screen.getByText(/étudier une clause d'insertion \(action 8\)/)).toBeInTheDocument();
  });

  it("saves the answers with the author and confirms what changed; the saved answers show on reload", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<CotationView />, operations);
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    const save = screen.getByRole("button", { name: "Enregistrer" });
    expect(save).toBeDisabled(); // no author yet
    await user.click(
      within(screen.getByRole("radiogroup", { name: /critère d'attribution social/ })).getByRole("radio", {
        name: "Non",
      }),
    );
    await user.type(screen.getByRole("textbox", { name: /Votre nom/ }), "Inès Laurent");
    await user.click(save);
    expect(
      await screen.findByText("Cotation du marché 2027-001 enregistrée (ligne 2 de SPASER Cotations)."),
    ).toBeInTheDocument();
    expect(screen.getByText("Réponses modifiées : Critère social.")).toBeInTheDocument();
    expect(operations.saveCotation).toHaveBeenCalledWith(
      SAMPLE_SOURCE,
      expect.objectContaining({ key: "2027-001" }),
      { social_criterion: { kind: "option", option: "non" } },
      "Inès Laurent",
    );
    expect(localStorage.getItem(AUTHOR_STORAGE_KEY)).toBe("Inès Laurent");
    expect(await screen.findByText("2 sur 3 cotés")).toBeInTheDocument();
    expect(screen.getByText("Cotation enregistrée le 20/11/2026 par Inès Laurent.")).toBeInTheDocument();
  });

  it("follows the selection in Excel and shows a colleague's saved answers", async () => {
    localStorage.setItem(AUTHOR_STORAGE_KEY, "Inès Laurent");
    const operations = fakeOperations();
    renderView(<CotationView />, operations);
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    await waitFor(() => expect(operations.onSelectionChanged).toHaveBeenCalled());
    act(() => operations.select(3));
    expect(await screen.findByRole("heading", { name: "Marché 2027-002" })).toBeInTheDocument();
    expect(screen.getByText("Cotation enregistrée le 02/10/2026 par Claire Martin.")).toBeInTheDocument();
    const group = screen.getByRole("radiogroup", { name: /critère d'attribution social/ });
    expect(within(group).getByRole("radio", { name: "À étudier" })).toBeChecked();
    expect(screen.getByRole("textbox", { name: /Votre nom/ })).toHaveValue("Inès Laurent");
  });

  it("walks through the contracts still to score, keeping unsaved answers of the others", async () => {
    const user = userEvent.setup();
    renderView(<CotationView />, fakeOperations());
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    await user.click(
      within(screen.getByRole("radiogroup", { name: /critère d'attribution social/ })).getByRole("radio", {
        name: "Oui",
      }),
    );
    await user.click(screen.getByRole("switch", { name: "À coter seulement" }));
    expect(screen.getByText("Marché 1 sur 2")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Marché suivant" }));
    expect(screen.getByRole("heading", { name: "Marché 2026-010" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Marché précédent" }));
    const group = screen.getByRole("radiogroup", { name: /critère d'attribution social/ });
    expect(within(group).getByRole("radio", { name: "Oui" })).toBeChecked();
    expect(screen.getByText("Modifications non enregistrées (1)")).toBeInTheDocument();
    expect(draftHint()).toBeInTheDocument();
  });

  it("keeps a number that cannot be read in its field, with the domain's message, and blocks saving", async () => {
    const user = userEvent.setup();
    localStorage.setItem(AUTHOR_STORAGE_KEY, "Inès Laurent");
    renderView(<CotationView />, fakeOperations());
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    const hours = screen.getByRole("textbox", { name: /part des heures d'insertion prévues/ });
    await user.type(hours, "beaucoup");
    expect(hours).toHaveValue("beaucoup");
    expect(screen.getAllByText(/un nombre est attendu/).length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: "Enregistrer" })).toBeDisabled();
    await user.clear(hours);
    await user.type(hours, "50");
    expect(screen.getByRole("button", { name: "Enregistrer" })).toBeEnabled();
    expect(overall()).toBe("Potentiel durable global : 50/100");
  });

  it("shows the conflict refusal and keeps the answers typed", async () => {
    const user = userEvent.setup();
    localStorage.setItem(AUTHOR_STORAGE_KEY, "Inès Laurent");
    const operations = fakeOperations();
    operations.saveCotation.mockRejectedValueOnce(
      new WorkbookRefusal(
        "conflict",
        "Les lignes du tableau ont changé depuis la lecture : rien n'a été écrit, relisez le classeur.",
      ),
    );
    renderView(<CotationView />, operations);
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    const group = screen.getByRole("radiogroup", { name: /critère d'attribution social/ });
    await user.click(within(group).getByRole("radio", { name: "Oui" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText(/Les lignes du tableau ont changé/)).toBeInTheDocument();
    expect(screen.getByText("Opération refusée")).toBeInTheDocument();
    expect(within(group).getByRole("radio", { name: "Oui" })).toBeChecked();
  });

  it("gives the legal verdicts with their French explanations", async () => {
    const user = userEvent.setup();
    renderView(<CotationView />, fakeOperations());
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    const verdicts = screen.getByRole("region", { name: "Règles juridiques et du SPASER" });
    expect(within(verdicts).getByText("Clause d'insertion : Clause d'insertion à étudier")).toBeInTheDocument();
    expect(within(verdicts).getByText("Révision des prix : Révision des prix recommandée")).toBeInTheDocument();
    expect(within(verdicts).getByText(/Loi Climat et Résilience : Non évalué : date de lancement/)).toBeInTheDocument();
    expect(within(verdicts).getByText(/^Marché réservé : Réservation impossible/)).toBeInTheDocument();
    await user.click(within(verdicts).getByRole("checkbox", { name: "SIAE" }));
    expect(within(verdicts).getByText(/^Marché réservé : Réservation possible/)).toBeInTheDocument();
    expect(
      within(verdicts).getByText(
        /réservation possible aux structures d'insertion par l'activité économique \(L2113-13\)/,
      ),
    ).toBeInTheDocument();
  });
});

/** The whole pane's views behind their tabs: choosing another tab unmounts the questionnaire. */
function renderPane(operations: FakeOperations = fakeOperations()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <OperationsProvider operations={operations}>
        <ConnectedHome today={TEST_TODAY} />
      </OperationsProvider>
    </FluentProvider>,
  );
  return operations;
}

/** « Brouillon non enregistré », inside the polite live region (announced without taking the focus). */
function draftHint(): HTMLElement | null {
  const hint = screen.queryByText("Brouillon non enregistré");
  if (hint) expect(hint.closest('[role="status"]')).not.toBeNull();
  return hint;
}

function socialCriterion(option: string): HTMLElement {
  const group = screen.getByRole("radiogroup", { name: /critère d'attribution social/ });
  return within(group).getByRole("radio", { name: option });
}

async function goToTab(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole("tab", { name }));
  expect(screen.getByRole("tab", { name, selected: true })).toBeInTheDocument();
}

describe("CotationView drafts", () => {
  beforeEach(() => localStorage.clear());

  it("keeps the answers typed when the user opens another tab and comes back, until they are saved", async () => {
    const user = userEvent.setup();
    localStorage.setItem(AUTHOR_STORAGE_KEY, "Inès Laurent");
    const operations = renderPane();
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    expect(draftHint()).toBeNull();
    await user.click(socialCriterion("Oui"));
    await user.type(screen.getByRole("textbox", { name: /part des heures d'insertion prévues/ }), "40");
    expect(await screen.findByText("Brouillon non enregistré")).toBeInTheDocument();

    await goToTab(user, "Tableau de bord");
    expect(screen.queryByRole("heading", { name: "Marché 2027-001" })).not.toBeInTheDocument();
    await goToTab(user, "Cotation");
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    expect(socialCriterion("Oui")).toBeChecked();
    expect(screen.getByRole("textbox", { name: /part des heures d'insertion prévues/ })).toHaveValue("40");
    expect(await screen.findByText("Brouillon non enregistré")).toBeInTheDocument();
    expect(draftHint()).toBeInTheDocument();
    expect(screen.getByText(/gardées pendant la session/)).toBeInTheDocument();
    expect(screen.getByText("Modifications non enregistrées (2)")).toBeInTheDocument();
    // Nothing took the focus away from the tab the user chose.
    expect(screen.getByRole("tab", { name: "Cotation" })).toHaveFocus();

    const save = screen.getByRole("button", { name: "Enregistrer" });
    expect(save).toBeEnabled();
    await user.click(save);
    expect(await screen.findByText(/Cotation du marché 2027-001 enregistrée/)).toBeInTheDocument();
    expect(operations.saveCotation).toHaveBeenCalledWith(
      SAMPLE_SOURCE,
      expect.objectContaining({ key: "2027-001" }),
      { social_criterion: { kind: "option", option: "oui" }, insertion_hours_rate: { kind: "number", value: 40 } },
      "Inès Laurent",
    );
    await waitFor(() => expect(draftHint()).toBeNull());
    expect(screen.queryByText(/Modifications non enregistrées/)).not.toBeInTheDocument();

    // Saved: coming back shows the workbook's answers, with no draft.
    await goToTab(user, "Comité");
    await goToTab(user, "Cotation");
    expect(await screen.findByText("Cotation enregistrée le 20/11/2026 par Inès Laurent.")).toBeInTheDocument();
    expect(socialCriterion("Oui")).toBeChecked();
    expect(draftHint()).toBeNull();
  });

  it("keeps a draft per contract when the selection in Excel moves, and leads back to it", async () => {
    const user = userEvent.setup();
    const operations = renderPane();
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    await waitFor(() => expect(operations.onSelectionChanged).toHaveBeenCalled());
    await user.click(socialCriterion("Oui"));

    act(() => operations.select(3));
    expect(await screen.findByRole("heading", { name: "Marché 2027-002" })).toBeInTheDocument();
    expect(socialCriterion("À étudier")).toBeChecked(); // the colleague's saved answer, no draft here
    expect(draftHint()).toBeNull();
    const others = await screen.findByText("Brouillons non enregistrés sur d'autres marchés :");
    expect(others.closest('[role="status"]')).not.toBeNull();

    // Another tab and back: still on the contract selected in Excel, the other draft still listed.
    await goToTab(user, "Tableau de bord");
    await goToTab(user, "Cotation");
    expect(await screen.findByRole("heading", { name: "Marché 2027-002" })).toBeInTheDocument();
    const back = await screen.findByRole("button", { name: "Marché 2027-001" });
    back.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("heading", { name: "Marché 2027-001" })).toBeInTheDocument();
    expect(socialCriterion("Oui")).toBeChecked();
    expect(draftHint()).toBeInTheDocument();
    expect(screen.queryByText("Brouillons non enregistrés sur d'autres marchés :")).not.toBeInTheDocument();
  });

  it("comes back to the contract reached with « Marché suivant », with its draft and a number that cannot be read", async () => {
    const user = userEvent.setup();
    localStorage.setItem(AUTHOR_STORAGE_KEY, "Inès Laurent");
    renderPane();
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    await user.click(screen.getByRole("button", { name: "Marché suivant" }));
    await user.click(screen.getByRole("button", { name: "Marché suivant" }));
    expect(screen.getByRole("heading", { name: "Marché 2026-010" })).toBeInTheDocument();
    await user.click(socialCriterion("Non"));
    await user.type(screen.getByRole("textbox", { name: /part des heures d'insertion prévues/ }), "beaucoup");

    await goToTab(user, "Paramètres");
    await goToTab(user, "Cotation");
    expect(await screen.findByRole("heading", { name: "Marché 2026-010" })).toBeInTheDocument();
    expect(socialCriterion("Non")).toBeChecked();
    expect(screen.getByRole("textbox", { name: /part des heures d'insertion prévues/ })).toHaveValue("beaucoup");
    expect(screen.getAllByText(/un nombre est attendu/).length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: "Enregistrer" })).toBeDisabled();
    expect(draftHint()).toBeInTheDocument();
  });

  it("keeps the draft over a colleague's newer save, says so, and shows the workbook's once abandoned", async () => {
    const user = userEvent.setup();
    const operations = renderPane();
    await screen.findByRole("heading", { name: "Marché 2027-001" });
    await waitFor(() => expect(operations.onSelectionChanged).toHaveBeenCalled());
    act(() => operations.select(3));
    await screen.findByRole("heading", { name: "Marché 2027-002" });
    await user.click(socialCriterion("Oui"));

    // Meanwhile a colleague saves « Non » for the same contract; the pane reads the workbook again.
    operations.workbook.contracts = operations.workbook.contracts.map((c) =>
      c.key === "2027-002"
        ? {
            ...c,
            saved: {
              version: "2026.1",
              answers: { social_criterion: { kind: "option", option: "non" } },
              date: "2026-11-21",
              author: "Paul Girard",
            },
          }
        : c,
    );
    await goToTab(user, "Comité");
    await goToTab(user, "Cotation");
    expect(await screen.findByText("Cotation enregistrée le 21/11/2026 par Paul Girard.")).toBeInTheDocument();
    expect(socialCriterion("Oui")).toBeChecked(); // the draft wins…
    expect(draftHint()).toBeInTheDocument();
    expect(screen.getByText(/enregistrée dans le classeur entre-temps/)).toBeInTheDocument(); // …and says so

    const discard = screen.getByRole("button", { name: "Abandonner le brouillon" });
    discard.focus();
    await user.keyboard("{Enter}");
    expect(socialCriterion("Non")).toBeChecked();
    expect(draftHint()).toBeNull();
    expect(screen.getByRole("heading", { name: "Marché 2027-002" })).toHaveFocus();
  });
});
