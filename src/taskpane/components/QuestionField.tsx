import {
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Radio,
  RadioGroup,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { answerLabel, parseAnswer, type AnswerValue } from "../../spaser/answers";
import { YES_NO_OPTIONS, type Question } from "../../spaser/questionnaire";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import type { InvalidText } from "../model/drafts";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  reason: { color: tokens.colorNeutralForeground3 },
  number: { maxWidth: "160px" },
});

/** Value of the "Sans objet" control (not an option id of any question). */
const NOT_APPLICABLE = "__sans_objet";

export interface QuestionFieldProps {
  readonly question: Question;
  readonly answer: AnswerValue | undefined;
  /** Why the question is asked for this contract ("Montant 250 000 € HT > 90 000 €"), if it depends on it. */
  readonly reason?: string;
  /** A number typed earlier that cannot be read (the draft keeps it): shown again as typed, with its message. */
  readonly invalid?: InvalidText;
  /** A new answer (undefined = not answered); `invalid` when the typed text cannot be read. */
  readonly onChange: (answer: AnswerValue | undefined, invalid?: InvalidText) => void;
}

function controlValue(answer: AnswerValue | undefined): string {
  if (!answer) return "";
  if (answer.kind === "not_applicable") return NOT_APPLICABLE;
  return answer.kind === "option" ? answer.option : String(answer.value);
}

function fromControl(value: string | undefined): AnswerValue | undefined {
  if (!value) return undefined;
  return value === NOT_APPLICABLE ? { kind: "not_applicable" } : { kind: "option", option: value };
}

/** Number answers are typed as text ("12,5"), read like the workbook's cells; bad text stays, with its message. */
function NumberAnswer({ question, answer, invalid, onChange }: QuestionFieldProps) {
  const styles = useStyles();
  const t = useMessages();
  const spec = question.answer;
  const unit = spec.type === "nombre" ? spec.unit : "";
  const initial = answer === undefined ? "" : String(answerLabel(question, answer)).replace(".", ",");
  const [text, setText] = useState(invalid?.text ?? initial);
  const [error, setError] = useState<string | undefined>(invalid?.message);
  return (
    <Field
      label={question.text}
      hint={`${question.help} ${format(t.cotationNumberHint, { unit })}`}
      validationMessage={error}
      validationState={error ? "error" : "none"}
    >
      <Input
        className={styles.number}
        inputMode="decimal"
        value={text}
        contentAfter={unit}
        onChange={(_, data) => {
          setText(data.value);
          const parsed = parseAnswer(question, data.value);
          setError(parsed.ok ? undefined : parsed.message);
          if (parsed.ok) onChange(parsed.value);
          else onChange(undefined, { text: data.value, message: parsed.message });
        }}
      />
    </Field>
  );
}

/** One question of the questionnaire, with its help text and the control its answer type needs. */
export function QuestionField(props: QuestionFieldProps) {
  const styles = useStyles();
  const t = useMessages();
  const { question, answer, reason, onChange } = props;
  const spec = question.answer;

  let control;
  if (spec.type === "nombre") {
    control = <NumberAnswer {...props} />;
  } else if (spec.type === "oui_non_na_etudier") {
    control = (
      <Field label={question.text} hint={question.help}>
        <RadioGroup
          layout="horizontal-stacked"
          value={controlValue(answer)}
          onChange={(_, data) => onChange(fromControl(data.value))}
        >
          {YES_NO_OPTIONS.map((option) => (
            <Radio key={option.id} value={option.id} label={option.label} />
          ))}
          <Radio value={NOT_APPLICABLE} label={t.cotationNotApplicable} />
        </RadioGroup>
      </Field>
    );
  } else {
    const options = [
      ...spec.options.map((o) => ({ value: o.id, label: o.label })),
      { value: NOT_APPLICABLE, label: t.cotationNotApplicable },
    ];
    const value = controlValue(answer);
    control = (
      <Field label={question.text} hint={question.help}>
        <Dropdown
          value={options.find((o) => o.value === value)?.label ?? ""}
          selectedOptions={value ? [value] : []}
          onOptionSelect={(_, data) => onChange(fromControl(data.optionValue))}
        >
          {options.map((option) => (
            <Option key={option.value} value={option.value}>
              {option.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  }
  return (
    <div className={styles.root}>
      {control}
      {reason ? <Caption1 className={styles.reason}>{reason}</Caption1> : null}
    </div>
  );
}
