import { useCallback, useEffect, useState } from "react";
import type { ContractSummary } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import { useOperations } from "../OperationsContext";
import { errorMessage } from "./useOperation";

export interface ContractsState {
  readonly contracts: readonly ContractSummary[] | undefined;
  readonly error: string | undefined;
  reload(): Promise<void>;
}

/** The contracts of the confirmed table with their saved answers (a colleague's work shows up on reload). */
export function useContracts(source: ContractsSource): ContractsState {
  const operations = useOperations();
  const [contracts, setContracts] = useState<readonly ContractSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      setContracts(await operations.listContracts(source));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [operations, source]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { contracts, error, reload };
}
