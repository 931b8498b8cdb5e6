/** Runs src/excel operations on the simulator, the way Excel.run would, and returns their sync stats. */
import { SimExcel, type SimWorkbook, type SyncStats } from "../../src/sim";
import { createWorkbook } from "../../src/sim";

export async function onSim<T>(
  workbook: SimWorkbook,
  operation: (context: Excel.RequestContext) => Promise<T>,
): Promise<{ result: T; stats: SyncStats }> {
  let stats: SyncStats | undefined;
  const result = await SimExcel.run(workbook, async (context) => {
    const value = await operation(context as unknown as Excel.RequestContext);
    stats = { ...context.stats };
    return value;
  });
  return { result, stats: stats! };
}

/** Writes a matrix of values at an address of a sheet (creating the sheet if needed). */
export async function putValues(
  workbook: SimWorkbook,
  sheet: string,
  address: string,
  values: unknown[][],
): Promise<void> {
  await SimExcel.run(workbook, async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    const target = existing.isNullObject ? context.workbook.worksheets.add(sheet) : existing;
    target.getRange(address).values = values as never;
  });
}

export async function getValues(workbook: SimWorkbook, sheet: string, address: string): Promise<unknown[][]> {
  return SimExcel.run(workbook, async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address);
    range.load("values");
    await context.sync();
    return range.values;
  });
}

export const CONTRACT_HEADERS = [
  "N° marché",
  "Objet du marché",
  "Nature",
  "Procédure",
  "Montant € HT",
  "Durée (mois)",
  "Date d'attribution prévue",
  "Titulaire",
  "Clause sociale",
  "Clause environnementale",
  "TPE-PME",
];

/** Excel serial of an ISO date. */
export function serialOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * A buyer's sheet "Marchés 2027": two title rows, the header on row 4 from column B, `count` contracts, a
 * section row after the first ten and a totals row at the end — the layout real workbooks have.
 */
export function contractsWorkbook(count: number): {
  workbook: SimWorkbook;
  lastRow: number;
  build: () => Promise<void>;
} {
  const workbook = createWorkbook("Marchés 2027");
  const rows: unknown[][] = [
    ["PROGRAMMATION DES ACHATS 2027", ...Array(CONTRACT_HEADERS.length - 1).fill("")],
    ["Ville exemple — service de la commande publique", ...Array(CONTRACT_HEADERS.length - 1).fill("")],
    Array(CONTRACT_HEADERS.length).fill(""),
    [...CONTRACT_HEADERS],
  ];
  const natures = ["Travaux", "Fournitures", "Services"];
  for (let i = 0; i < count; i++) {
    if (i === 10) rows.push(["SERVICES", ...Array(CONTRACT_HEADERS.length - 1).fill("")]);
    const amount = 8_000 + ((i * 7_919) % 400_000);
    rows.push([
      `2027-${String(i + 1).padStart(5, "0")}`,
      `Marché n° ${i + 1} : entretien et fournitures`,
      natures[i % 3],
      amount > 216_000 ? "Appel d'offres ouvert" : "Procédure adaptée",
      amount,
      6 + (i % 4) * 12,
      serialOf("2027-03-01") + (i % 600),
      `Entreprise ${i % 37}`,
      i % 5 === 0 ? "Oui" : i % 5 === 1 ? "" : "Non",
      i % 3 === 0 ? "Oui" : "Non",
      i % 2 === 0 ? "Oui" : "Non",
    ]);
  }
  rows.push(["", "TOTAL : marchés 2027", "", "", 123_456, "", "", "", "", "", ""]);
  const lastRow = rows.length;
  const last = String.fromCharCode("A".charCodeAt(0) + CONTRACT_HEADERS.length);
  return {
    workbook,
    lastRow,
    build: () => putValues(workbook, "Marchés 2027", `B1:${last}${lastRow}`, rows),
  };
}
