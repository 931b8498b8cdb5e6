import { createContext, useContext, type ReactNode } from "react";
import type { SpaserOperations } from "../excel/operations";

/**
 * The workbook operations the views use. Excel.run in Excel, the simulator in the workbench, a fake in tests:
 * components never call Excel.* or Office.* themselves.
 */
const OperationsContext = createContext<SpaserOperations | undefined>(undefined);

export function OperationsProvider({ operations, children }: { operations: SpaserOperations; children: ReactNode }) {
  return <OperationsContext.Provider value={operations}>{children}</OperationsContext.Provider>;
}

export function useOperations(): SpaserOperations {
  const operations = useContext(OperationsContext);
  if (!operations) throw new Error("useOperations doit être appelé sous un OperationsProvider.");
  return operations;
}
