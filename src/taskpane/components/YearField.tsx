import { Field, SpinButton } from "@fluentui/react-components";
import { MAX_PLAN_YEAR, MIN_PLAN_YEAR } from "../../spaser/policy";
import { useMessages } from "../MessagesContext";

/** The year of a dashboard or committee list (arrow keys step it). */
export function YearField({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const t = useMessages();
  return (
    <Field label={t.yearLabel}>
      <SpinButton
        value={year}
        min={MIN_PLAN_YEAR}
        max={MAX_PLAN_YEAR}
        onChange={(_, data) => {
          const next = data.value ?? Number(data.displayValue);
          if (Number.isInteger(next) && next >= MIN_PLAN_YEAR && next <= MAX_PLAN_YEAR) onChange(next);
        }}
      />
    </Field>
  );
}
