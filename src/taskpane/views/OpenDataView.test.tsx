import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WorkbookRefusal } from "../../excel/errors";
import { deferred, fakeOperations, SAMPLE_SOURCE } from "../test-fakes";
import { renderView, TEST_TODAY } from "../test-render";
import { exportFileName, isValidSiret, OpenDataView } from "./OpenDataView";

const SIRET = "21750001600019";

/** Captures the downloads the view offers (jsdom has no object URLs and does not navigate). */
function captureDownloads() {
  const downloads: { fileName: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  // jsdom has no object URLs: the test gives them, and takes them back in afterEach.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ fileName: this.download, blob: blobs.get(this.href)! });
  });
  return downloads;
}

describe("SIRET and file name", () => {
  it("accepts 14 digits, with the spaces it is printed with; refuses anything else", () => {
    expect(isValidSiret("217 500 016 00019")).toBe(true);
    expect(isValidSiret("2175000160001")).toBe(false);
    expect(isValidSiret("2175000160001A")).toBe(false);
    expect(exportFileName("217 500 016 00019", "2026-06-01")).toBe("decp-21750001600019-2026-06-01.json");
  });
});

describe("OpenDataView", () => {
  let downloads: { fileName: string; blob: Blob }[];
  beforeEach(() => {
    downloads = captureDownloads();
  });
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it("imports a file: counts, duplicates, rejected records with their reason, confirmation", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<OpenDataView />, operations);
    const text = JSON.stringify({ marches: { marche: [] } });
    await user.upload(
      await screen.findByLabelText("Fichier DECP (.json ou .csv)"),
      new File([text], "decp-2025.json", { type: "application/json" }),
    );
    expect(
      await screen.findByText("2 marchés importés dans « SPASER Marchés » depuis decp-2025.json."),
    ).toBeInTheDocument();
    expect(operations.importDecp).toHaveBeenCalledWith("decp-2025.json", text);
    expect(
      screen.getByText(
        "4 enregistrement(s) lu(s) : 2 marché(s) importé(s), 1 doublon(s) écarté(s), 1 rejeté(s), 0 hors marchés.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText("21750001600019 / 2025-001 : 2 enregistrements")).toBeInTheDocument();
    expect(screen.getByText("n° 4 (2025-004) : montant absent ou illisible")).toBeInTheDocument();
    // The session is read again: the new table is now the confirmed one.
    expect(operations.start).toHaveBeenCalledTimes(2);
  });

  it("reads a Windows-1252 CSV as the accented text it is", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<OpenDataView />, operations);
    // "Procédure adaptée" in Windows-1252: é is the single byte 0xE9.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("procedure\nProc"),
      0xe9,
      ...new TextEncoder().encode("dure"),
    ]);
    await user.upload(await screen.findByLabelText("Fichier DECP (.json ou .csv)"), new File([bytes], "decp.csv"));
    await screen.findByText(/2 marchés importés/);
    expect(operations.importDecp).toHaveBeenCalledWith("decp.csv", "procedure\nProcédure");
  });

  it("shows the refusal of an import in French", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.importDecp.mockRejectedValueOnce(
      new WorkbookRefusal(
        "occupied",
        "La feuille « SPASER Marchés » contient déjà des marchés : import DECP refusé, rien n'a été écrit.",
      ),
    );
    renderView(<OpenDataView />, operations);
    await user.upload(await screen.findByLabelText("Fichier DECP (.json ou .csv)"), new File(["{}"], "x.json"));
    expect(await screen.findByText("Opération refusée")).toBeInTheDocument();
    expect(screen.getByText(/contient déjà des marchés/)).toBeInTheDocument();
  });

  it("refuses an invalid SIRET without calling the workbook", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    renderView(<OpenDataView />, operations);
    await user.type(await screen.findByRole("textbox", { name: /SIRET de l'acheteur/ }), "1234");
    await user.click(screen.getByRole("button", { name: "Exporter les DECP" }));
    expect(screen.getByText("Le SIRET compte 14 chiffres.")).toBeInTheDocument();
    expect(operations.exportDecp).not.toHaveBeenCalled();
  });

  it("downloads decp-<siret>-<date>.json when the export is valid", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    const pending = deferred<{ json: string; problems: never[]; contracts: number }>();
    operations.exportDecp.mockReturnValueOnce(pending.promise);
    renderView(<OpenDataView />, operations);
    await user.type(await screen.findByRole("textbox", { name: /SIRET de l'acheteur/ }), "217 500 016 00019");
    await user.click(screen.getByRole("button", { name: "Exporter les DECP" }));
    expect(screen.getByText("Opération en cours…")).toBeInTheDocument();
    expect(operations.exportDecp).toHaveBeenCalledWith(SAMPLE_SOURCE, SIRET);
    pending.resolve({ json: '{"marches":{"marche":[]}}', problems: [], contracts: 3 });
    const fileName = `decp-${SIRET}-${TEST_TODAY}.json`;
    expect(
      await screen.findByText(new RegExp(`3 marché\\(s\\) exporté\\(s\\).+fichier ${fileName} téléchargé`)),
    ).toBeInTheDocument();
    expect(downloads.map((d) => d.fileName)).toEqual([fileName]);
    expect(await downloads[0]!.blob.text()).toBe('{"marches":{"marche":[]}}');
  });

  it("lists the missing fields per contract and downloads nothing when the export is not valid", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.exportDecp.mockResolvedValueOnce({
      problems: [
        {
          contract: "2027-001",
          field: "codeCPV",
          message: "Marché 2027-001 : champ obligatoire « codeCPV » manquant.",
        },
        {
          contract: "2027-001",
          field: "dateNotification",
          message: "Marché 2027-001 : champ obligatoire « dateNotification » manquant.",
        },
        {
          contract: "2027-002",
          field: "codeCPV",
          message: "Marché 2027-002 : champ obligatoire « codeCPV » manquant.",
        },
      ],
      contracts: 3,
    });
    renderView(<OpenDataView />, operations);
    await user.type(await screen.findByRole("textbox", { name: /SIRET de l'acheteur/ }), SIRET);
    await user.click(screen.getByRole("button", { name: "Exporter les DECP" }));
    expect(await screen.findByText("Export non valide : rien n'a été téléchargé")).toBeInTheDocument();
    expect(screen.getByText(/3 problème\(s\) sur 3 marché\(s\)/)).toBeInTheDocument();
    const first = screen.getByText("Marché 2027-001").parentElement!;
    expect(
      within(first)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Marché 2027-001 : champ obligatoire « codeCPV » manquant.",
      "Marché 2027-001 : champ obligatoire « dateNotification » manquant.",
    ]);
    expect(screen.getByText("Marché 2027-002")).toBeInTheDocument();
    expect(downloads).toEqual([]);
  });

  it("shows a refused export in an error bar", async () => {
    const user = userEvent.setup();
    const operations = fakeOperations();
    operations.exportDecp.mockRejectedValueOnce(
      new WorkbookRefusal("not-found", "Le tableau des marchés est vide : aucun marché à exporter."),
    );
    renderView(<OpenDataView />, operations);
    await user.type(await screen.findByRole("textbox", { name: /SIRET de l'acheteur/ }), SIRET);
    await user.click(screen.getByRole("button", { name: "Exporter les DECP" }));
    expect(await screen.findByText("Le tableau des marchés est vide : aucun marché à exporter.")).toBeInTheDocument();
  });

  it("asks for the mapping before an export, but imports without one", async () => {
    const operations = fakeOperations({ stored: undefined });
    renderView(<OpenDataView />, operations);
    expect(
      await screen.findByText("Confirmez d'abord la correspondance des colonnes dans l'onglet Démarrer."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Exporter les DECP" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Fichier DECP (.json ou .csv)")).toBeEnabled();
  });
});
