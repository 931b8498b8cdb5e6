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
import type { ReactNode } from "react";
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
  /** Shown under the confirmation: what was written, in the view's own words. */
  readonly details?: ReactNode;
  /** Id of the message bar, for a next-step button's aria-describedby. */
  readonly id?: string;
}

/**
 * Progress while an operation runs, then its refusal (error), cancellation or confirmation. The messages are laid
 * out on several lines from the start: at the pane's width Fluent would reflow them a moment later, moving what
 * is below (and the button that just got the focus) out of view.
 */
export function OperationStatus({ state, onCancel, details, id }: OperationStatusProps) {
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
        <MessageBar id={id} layout="multiline" intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.operationRefused}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      );
    case "cancelled":
      return (
        <MessageBar id={id} layout="multiline" intent="warning">
          <MessageBarBody>{t.operationCancelled}</MessageBarBody>
        </MessageBar>
      );
    case "done":
      return (
        <MessageBar id={id} layout="multiline" intent="success">
          <MessageBarBody>
            <MessageBarTitle>{t.operationDone}</MessageBarTitle>
            {state.confirmation.message}
            {details ? <div>{details}</div> : null}
          </MessageBarBody>
        </MessageBar>
      );
  }
}
