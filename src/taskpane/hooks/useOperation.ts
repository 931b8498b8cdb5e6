import { useCallback, useEffect, useRef, useState } from "react";
import type { LongOperationOptions, ProgressReport, WriteConfirmation } from "../../excel/operations";

export type OperationState =
  | { readonly status: "idle" }
  | { readonly status: "running"; readonly progress?: ProgressReport }
  | { readonly status: "done"; readonly confirmation: WriteConfirmation }
  | { readonly status: "error"; readonly message: string }
  | { readonly status: "cancelled" };

export interface Operation {
  readonly state: OperationState;
  readonly running: boolean;
  /** Runs one workbook write; its progress, refusal or confirmation lands in `state`. */
  run(task: (options: LongOperationOptions) => Promise<WriteConfirmation>): Promise<WriteConfirmation | undefined>;
  /** Aborts the running task (it stops before its next block). */
  cancel(): void;
  reset(): void;
}

/** French message of anything thrown (WorkbookRefusal, Excel errors, plain strings). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== "") return error.message;
  if (typeof error === "string" && error !== "") return error;
  return "Erreur inattendue : l'opération n'a pas abouti.";
}

/** State of one workbook operation: running with its progress, refused, cancelled or confirmed. */
export function useOperation(): Operation {
  const [state, setState] = useState<OperationState>({ status: "idle" });
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);

  const update = useCallback((next: OperationState) => {
    if (mounted.current) setState(next);
  }, []);

  const run = useCallback<Operation["run"]>(
    async (task) => {
      const abort = new AbortController();
      controller.current = abort;
      update({ status: "running" });
      try {
        const confirmation = await task({
          signal: abort.signal,
          onProgress: (progress) => {
            if (!abort.signal.aborted) update({ status: "running", progress });
          },
        });
        update({ status: "done", confirmation });
        return confirmation;
      } catch (error) {
        update(abort.signal.aborted ? { status: "cancelled" } : { status: "error", message: errorMessage(error) });
        return undefined;
      } finally {
        if (controller.current === abort) controller.current = undefined;
      }
    },
    [update],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => update({ status: "idle" }), [update]);

  return { state, running: state.status === "running", run, cancel, reset };
}
