import { useCallback, useState } from "react";

/** Where the author's name is kept between sessions: it is the user's, not the workbook's. */
export const AUTHOR_STORAGE_KEY = "spaser.auteur";

function readStored(): string {
  try {
    return globalThis.localStorage?.getItem(AUTHOR_STORAGE_KEY) ?? "";
  } catch {
    return ""; // storage blocked (private mode, sandboxed frame)
  }
}

/** The name written beside each cotation, typed once. */
export function useAuthor(): [string, (name: string) => void] {
  const [author, setAuthor] = useState(readStored);
  const update = useCallback((name: string) => {
    setAuthor(name);
    try {
      globalThis.localStorage?.setItem(AUTHOR_STORAGE_KEY, name);
    } catch {
      // Not kept: the user types it again next time.
    }
  }, []);
  return [author, update];
}
