import { Button, Caption1, Field, makeStyles, ProgressBar, Switch, Text, tokens } from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular } from "@fluentui/react-icons";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

export interface ContractNavigatorProps {
  readonly scored: number;
  readonly total: number;
  /** 0-based position of the current contract among those shown, -1 when it is not among them. */
  readonly position: number;
  readonly shown: number;
  readonly toDoOnly: boolean;
  readonly onToDoOnly: (value: boolean) => void;
  readonly onMove: (step: -1 | 1) => void;
}

/** Progress "n sur N cotés", the "à coter" filter and previous / next. */
export function ContractNavigator(props: ContractNavigatorProps) {
  const styles = useStyles();
  const t = useMessages();
  const { scored, total, position, shown } = props;
  const progress = format(t.cotationProgress, { n: scored, total });
  return (
    <div className={styles.root}>
      <Field label={progress} validationMessage={undefined}>
        <ProgressBar value={total > 0 ? scored / total : 0} aria-label={progress} thickness="large" />
      </Field>
      <Switch
        label={t.cotationToDoFilter}
        checked={props.toDoOnly}
        onChange={(_, data) => props.onToDoOnly(data.checked)}
      />
      <div className={styles.row}>
        <Button
          icon={<ChevronLeftRegular />}
          aria-label={t.cotationPrevious}
          disabled={shown === 0 || position === 0}
          onClick={() => props.onMove(-1)}
        />
        <Text>
          {position >= 0
            ? format(t.cotationPosition, { n: position + 1, total: shown })
            : shown === 0
              ? props.toDoOnly
                ? t.cotationAllDone
                : t.cotationNone
              : ""}
        </Text>
        <Button
          icon={<ChevronRightRegular />}
          aria-label={t.cotationNext}
          disabled={shown === 0 || position === shown - 1}
          onClick={() => props.onMove(1)}
        />
      </div>
      {position < 0 && shown > 0 && <Caption1>{t.cotationNoSelection}</Caption1>}
    </div>
  );
}
