/**
 * Entry of the workbench page (built only with `webpack --env workbench`, served by `npm run workbench`).
 * Importing the functions module runs the `CustomFunctions.associate` calls the metadata plugin appends, which
 * fill the runtime's associations outside Excel; functions.json (same build) gives their declared parameters.
 */
import "../functions/functions";
import { createRoot } from "react-dom/client";
import frenchTexts from "../functions/functions.fr-text.json";
import { associations } from "../functions/runtime";
import { buildCatalog, type FunctionCatalog, type FunctionMetadataEntry } from "./sim-evaluator";
import { type OpenedFile, Workbench } from "./Workbench";

export const SAMPLE_NAME = "programmation-achats-ville-exemple.xlsx";
const SAMPLE_URL = `samples/${SAMPLE_NAME}`;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} : HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadCatalog(): Promise<FunctionCatalog | undefined> {
  try {
    const response = await fetch("functions.json");
    if (!response.ok) return undefined;
    const metadata = (await response.json()) as { functions: FunctionMetadataEntry[] };
    return buildCatalog(metadata.functions, associations, frenchTexts);
  } catch {
    return undefined; // formulas then keep their cached values
  }
}

const loadSample = async (): Promise<OpenedFile> => ({ bytes: await fetchBytes(SAMPLE_URL), name: SAMPLE_NAME });

const container = document.getElementById("container");
if (container) {
  void loadCatalog().then((catalog) =>
    createRoot(container).render(<Workbench catalog={catalog} initialFile={loadSample} />),
  );
}
