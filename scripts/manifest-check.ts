/**
 * Local structural check of the add-in manifest (the online validator needs a network service). It checks
 * what breaks sideloading in practice: dangling resids, the shared runtime wiring, the SPASER namespace,
 * URLs, permissions and string lengths.
 */
import { JSDOM } from "jsdom";

export interface ManifestReport {
  readonly errors: string[];
  readonly warnings: string[];
}

const RESID_MAX_LENGTH = 32;
const SHORT_STRING_MAX = 125;
const LONG_STRING_MAX = 250;
const EXPECTED_NAMESPACE = "SPASER";
const LEAST_PERMISSION = "ReadWriteDocument";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[a-z]{2,3}-[A-Z]{2}$/;

/** Which resource collection each referencing element must point into. */
const RESOURCE_KIND_OF_ELEMENT: Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings"> = {
  "bt:Image": "Images",
  SourceLocation: "Urls",
  LearnMoreUrl: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function childrenNamed(parent: Element | Document, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS("*", localName));
}

function firstText(doc: Document, localName: string): string | undefined {
  return childrenNamed(doc, localName)[0]?.textContent?.trim();
}

export function checkManifest(xml: string): ManifestReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const doc: Document = new JSDOM(xml, { contentType: "text/xml" }).window.document;
  if (doc.getElementsByTagName("parsererror").length > 0 || doc.documentElement.localName !== "OfficeApp") {
    return { errors: ["Le manifeste n'est pas un XML OfficeApp bien formé."], warnings };
  }

  const id = firstText(doc, "Id");
  if (!id || !GUID.test(id)) errors.push(`Id doit être un GUID (trouvé : ${id ?? "rien"}).`);
  const permission = firstText(doc, "Permissions");
  if (permission !== LEAST_PERMISSION) {
    errors.push(`Permissions doit être ${LEAST_PERMISSION}, la moindre qui fonctionne (trouvé : ${permission}).`);
  }
  const hosts = childrenNamed(doc, "Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"));
  if (!hosts.includes("Workbook")) errors.push("Le complément doit déclarer l'hôte Workbook (Excel).");

  // Resources by kind, with their values (default and overrides).
  const resources = new Map<string, { kind: string; values: string[] }>();
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as const) {
    for (const collection of childrenNamed(doc, kind)) {
      for (const item of Array.from(collection.children)) {
        const resourceId = item.getAttribute("id") ?? "";
        if (resources.has(resourceId)) errors.push(`Ressource en double : ${resourceId}.`);
        if (resourceId.length > RESID_MAX_LENGTH) {
          errors.push(`L'identifiant de ressource « ${resourceId} » dépasse ${RESID_MAX_LENGTH} caractères.`);
        }
        const overrides = Array.from(item.children).filter((c) => c.localName === "Override");
        for (const o of overrides) {
          const locale = o.getAttribute("Locale") ?? "";
          if (!LOCALE.test(locale)) errors.push(`Ressource ${resourceId} : langue invalide « ${locale} ».`);
        }
        const values = [
          item.getAttribute("DefaultValue") ?? "",
          ...overrides.map((o) => o.getAttribute("Value") ?? ""),
        ];
        resources.set(resourceId, { kind, values });
      }
    }
  }

  // Every resid must exist, in the collection its element expects.
  const used = new Set<string>();
  for (const element of Array.from(doc.getElementsByTagName("*"))) {
    const resid = element.getAttribute("resid");
    if (resid === null) continue;
    used.add(resid);
    const resource = resources.get(resid);
    const expected = RESOURCE_KIND_OF_ELEMENT[element.tagName] ?? RESOURCE_KIND_OF_ELEMENT[element.localName];
    if (!resource) errors.push(`resid « ${resid} » (élément ${element.localName}) ne correspond à aucune ressource.`);
    else if (expected && resource.kind !== expected) {
      errors.push(
        `resid « ${resid} » : l'élément ${element.localName} attend une ressource ${expected}, pas ${resource.kind}.`,
      );
    }
  }
  for (const resourceId of resources.keys()) {
    if (!used.has(resourceId)) warnings.push(`Ressource inutilisée : ${resourceId}.`);
  }

  // Shared runtime: one long-lived runtime page serving the pane, the functions and the commands.
  const sharedRuntimeSet = childrenNamed(doc, "Set").some((s) => s.getAttribute("Name") === "SharedRuntime");
  if (!sharedRuntimeSet) errors.push("Exécution partagée : l'ensemble SharedRuntime manque dans Requirements.");
  const runtime = childrenNamed(doc, "Runtime")[0];
  const runtimeResid = runtime?.getAttribute("resid");
  if (!runtime || runtime.getAttribute("lifetime") !== "long") {
    errors.push('Exécution partagée : il faut un <Runtime resid="…" lifetime="long">.');
  }
  const customFunctions = childrenNamed(doc, "ExtensionPoint").find(
    (e) => e.getAttribute("xsi:type") === "CustomFunctions",
  );
  if (!customFunctions) errors.push("Point d'extension CustomFunctions absent.");
  else {
    const page = childrenNamed(customFunctions, "Page")[0];
    const pageResid = page && childrenNamed(page, "SourceLocation")[0]?.getAttribute("resid");
    if (runtimeResid && pageResid !== runtimeResid) {
      errors.push("Exécution partagée : la page des fonctions doit être la page du Runtime.");
    }
    for (const part of ["Script", "Metadata"]) {
      if (!childrenNamed(customFunctions, part)[0]) errors.push(`CustomFunctions : élément ${part} absent.`);
    }
    const namespaceResid = childrenNamed(customFunctions, "Namespace")[0]?.getAttribute("resid");
    const namespace = namespaceResid ? resources.get(namespaceResid)?.values[0] : undefined;
    if (namespace !== EXPECTED_NAMESPACE) {
      errors.push(`Espace de noms des fonctions : ${EXPECTED_NAMESPACE} attendu (trouvé : ${namespace ?? "rien"}).`);
    }
  }
  for (const element of [...childrenNamed(doc, "FunctionFile"), ...childrenNamed(doc, "Action")]) {
    const resid = element.getAttribute("resid") ?? childrenNamed(element, "SourceLocation")[0]?.getAttribute("resid");
    if (runtimeResid && resid && resid !== runtimeResid) {
      errors.push(`Exécution partagée : ${element.localName} doit utiliser la page du Runtime (${runtimeResid}).`);
    }
  }

  // URLs: https only (localhost is the development server).
  const urlValues = [
    ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].flatMap((name) =>
      childrenNamed(doc, name).map((e) => e.getAttribute("DefaultValue") ?? ""),
    ),
    ...childrenNamed(doc, "DefaultSettings").flatMap((d) =>
      childrenNamed(d, "SourceLocation").map((e) => e.getAttribute("DefaultValue") ?? ""),
    ),
    ...[...resources.values()].filter((r) => r.kind === "Urls" || r.kind === "Images").flatMap((r) => r.values),
  ];
  for (const url of urlValues) {
    if (!/^https:\/\/[^\s/]+\/\S*$/.test(url)) errors.push(`URL invalide (https attendu) : « ${url} ».`);
  }

  // Lengths Office enforces.
  for (const [resourceId, resource] of resources) {
    const max =
      resource.kind === "ShortStrings" ? SHORT_STRING_MAX : resource.kind === "LongStrings" ? LONG_STRING_MAX : 2048;
    for (const value of resource.values) {
      if (value.length > max) errors.push(`Ressource ${resourceId} : ${value.length} caractères (maximum ${max}).`);
      if (value.trim() === "") errors.push(`Ressource ${resourceId} : valeur vide.`);
    }
  }
  for (const [name, max] of [
    ["DisplayName", SHORT_STRING_MAX],
    ["Description", LONG_STRING_MAX],
  ] as const) {
    const element = Array.from(doc.documentElement.children).find((c) => c.localName === name);
    if (!element) {
      errors.push(`${name} manquant.`);
      continue;
    }
    const values = [
      element.getAttribute("DefaultValue") ?? "",
      ...Array.from(element.children).map((o) => o.getAttribute("Value") ?? ""),
    ];
    for (const value of values) {
      if (!value || value.length > max) errors.push(`${name} : longueur ${value.length} hors limites (1 à ${max}).`);
    }
    if (!Array.from(element.children).some((o) => o.getAttribute("Locale")?.startsWith("en-"))) {
      warnings.push(`${name} : pas de traduction anglaise.`);
    }
  }
  return { errors, warnings };
}
