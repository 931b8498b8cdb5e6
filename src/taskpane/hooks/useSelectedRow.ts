import { useEffect, useState } from "react";
import type { ContractsSource } from "../../excel/source";
import { useOperations } from "../OperationsContext";

/** The sheet row selected in Excel, followed as the user moves (undefined outside the contracts table). */
export function useSelectedRow(source: ContractsSource): number | undefined {
  const operations = useOperations();
  const [row, setRow] = useState<number | undefined>(undefined);

  useEffect(() => {
    let active = true;
    let stop: (() => void) | undefined;
    const follow = (sheetRow: number | undefined) => {
      if (active && sheetRow !== undefined) setRow(sheetRow);
    };
    void operations
      .selectedRow(source)
      .then(follow)
      .catch(() => undefined);
    void operations
      .onSelectionChanged(source, follow)
      .then((unsubscribe) => {
        if (active) stop = unsubscribe;
        else unsubscribe();
      })
      .catch(() => undefined);
    return () => {
      active = false;
      stop?.();
    };
  }, [operations, source]);

  return row;
}
