import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { StartState } from "../excel/operations";
import type { ContractsSource } from "../excel/source";
import type { Policy } from "../spaser/policy";
import { PRESETS } from "../spaser/presets";
import type { IsoDate } from "../spaser/types";
import { errorMessage } from "./hooks/useOperation";
import { useOperations } from "./OperationsContext";

/** What every view needs to know about the workbook: its confirmed table, its policy, today's date. */
export interface Session {
  readonly start: StartState | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
  /** The confirmed mapping, once the user has confirmed it (stored in the workbook). */
  readonly source: ContractsSource | undefined;
  /** The workbook's policy, else the reference preset (until the user saves one). */
  readonly policy: Policy;
  readonly today: IsoDate;
  /** Reads the workbook again (after a write). */
  reload(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession doit être appelé sous un SessionProvider.");
  return session;
}

/** Today's civil date in the user's time zone, as the workbook's dates are. */
export function localToday(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function SessionProvider({ today, children }: { today?: IsoDate; children: ReactNode }) {
  const operations = useOperations();
  const [start, setStart] = useState<StartState | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setStart(await operations.start());
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [operations]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<Session>(
    () => ({
      start,
      loading,
      error,
      source: start?.storedProblem ? undefined : start?.stored,
      policy: start?.policy.kind === "present" ? start.policy.policy : PRESETS.reference,
      today: today ?? localToday(),
      reload,
    }),
    [start, loading, error, today, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
