import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Draft } from "./model/drafts";

/** Where the user was in Cotation: the contract shown, and the Excel row followed last. */
export interface CotationPlace {
  readonly key?: string;
  readonly row?: number;
}

/**
 * Answers typed and not saved yet, per contract key, for the whole session: they survive a change of tab (the
 * views unmount) and a change of contract, until saved or abandoned.
 */
export interface Drafts {
  readonly drafts: Readonly<Record<string, Draft>>;
  /** Replaces the contract's draft with what `change` makes of it (undefined = no draft). */
  update(key: string, change: (draft: Draft | undefined) => Draft | undefined): void;
  readonly place: CotationPlace;
  setPlace(place: CotationPlace): void;
}

const DraftsContext = createContext<Drafts | undefined>(undefined);

export function useDrafts(): Drafts {
  const drafts = useContext(DraftsContext);
  if (!drafts) throw new Error("useDrafts doit être appelé sous un DraftsProvider.");
  return drafts;
}

export function DraftsProvider({ children }: { children: ReactNode }) {
  const [drafts, setDrafts] = useState<Readonly<Record<string, Draft>>>({});
  const [place, setPlace] = useState<CotationPlace>({});

  const update = useCallback<Drafts["update"]>((key, change) => {
    setDrafts((current) => {
      const { [key]: draft, ...others } = current;
      const next = change(draft);
      if (next === draft) return current;
      return next ? { ...others, [key]: next } : others;
    });
  }, []);

  const value = useMemo<Drafts>(() => ({ drafts, update, place, setPlace }), [drafts, update, place]);
  return <DraftsContext.Provider value={value}>{children}</DraftsContext.Provider>;
}
