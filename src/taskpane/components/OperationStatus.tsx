import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useMessages } from "../MessagesContext";
import type { OperationState } from "../hooks/useOperation";

const useStyles = makeStyles({
  running: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

export interface OperationStatusProps {
  readonly state: OperationState;
  /** Shown while running: long operations can be cancelled. */
  readonly onCancel?: () => void;
}

/** Progress while an operation runs, then its refusal (error), cancellation or confirmation. */
export function OperationStatus({ state, onCancel }: OperationStatusProps) {
  const styles = useStyles();
  const t = useMessages();
  switch (state.status) {
    case "idle":
      return null;
    case "running": {
      const progress = state.progress;
      if (!progress && !onCancel) return <Spinner size="tiny" label={t.operationRunning} />;
      const value = progress && progress.total > 0 ? progress.done / progress.total : undefined;
      return (
        <div className={styles.running} role="status">
          <ProgressBar value={value} aria-label={progress?.label ?? t.operationRunning} />
          <div className={styles.row}>
            <span>{progress?.label ?? t.operationRunning}</span>
            {onCancel && (
              <Button size="small" onClick={onCancel}>
                {t.cancel}
              </Button>
            )}
          </div>
        </div>
      );
    }
    case "error":
      return (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.operationRefused}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      );
    case "cancelled":
      return (
        <MessageBar intent="warning">
          <MessageBarBody>{t.operationCancelled}</MessageBarBody>
        </MessageBar>
      );
    case "done":
      return (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>{t.operationDone}</MessageBarTitle>
            {state.confirmation.message}
          </MessageBarBody>
        </MessageBar>
      );
  }
}
