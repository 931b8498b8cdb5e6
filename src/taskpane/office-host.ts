/**
 * Finds out whether the pane runs inside Excel. Office.js comes from Microsoft's CDN: offline, or in a plain
 * browser, it is absent or reports no host, and the pane must still render.
 */
export interface HostInfo {
  readonly inExcel: boolean;
  /** Office's display language ("fr-FR"), when known. */
  readonly displayLanguage?: string;
}

const OFFICE_READY_TIMEOUT_MS = 5_000;

interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  context?: { displayLanguage?: string };
  HostType?: { Excel?: unknown };
}

export async function detectHost(
  office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office,
  timeoutMs = OFFICE_READY_TIMEOUT_MS,
): Promise<HostInfo> {
  if (!office || typeof office.onReady !== "function") return { inExcel: false };
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs));
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    const excel = office.HostType?.Excel ?? "Excel";
    if (!info || info.host !== excel) return { inExcel: false };
    return { inExcel: true, displayLanguage: office.context?.displayLanguage };
  } catch {
    return { inExcel: false };
  }
}
