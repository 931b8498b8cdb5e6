import { Field, Input, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({ input: { minWidth: "0", width: "100%" } });

export interface PolicyNumberFieldProps {
  readonly label: string;
  /** Visible label: hidden when the row already names the parameter (targets table). */
  readonly hideLabel?: boolean;
  readonly value: string;
  readonly unit?: string;
  readonly error?: string;
  readonly onChange: (text: string) => void;
}

/** A policy parameter typed as French text ("30", "12,5"); the domain's message shows under it. */
export function PolicyNumberField({ label, hideLabel, value, unit, error, onChange }: PolicyNumberFieldProps) {
  const styles = useStyles();
  return (
    <Field label={hideLabel ? undefined : label} validationMessage={error} validationState={error ? "error" : "none"}>
      <Input
        className={styles.input}
        aria-label={hideLabel ? label : undefined}
        inputMode="decimal"
        value={value}
        contentAfter={unit}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}
