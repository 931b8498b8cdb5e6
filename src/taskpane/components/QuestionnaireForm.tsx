import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { AnswerValue } from "../../spaser/answers";
import { AXIS_LABELS } from "../../spaser/actions";
import {
  questionApplicability,
  type ContractFacts,
  type Question,
  type QuestionnaireOptions,
} from "../../spaser/questionnaire";
import type { ContractScore } from "../../spaser/scoring";
import { AXIS_IDS } from "../../spaser/types";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import type { Answers } from "../model/cotation";
import type { InvalidText } from "../model/drafts";
import { QuestionField } from "./QuestionField";

const useStyles = makeStyles({
  questions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

export interface QuestionnaireFormProps {
  /** Identifies what the fields show (the contract, a draft): they are reset when it changes. */
  readonly contractKey: string;
  readonly questions: readonly Question[];
  readonly facts: ContractFacts;
  readonly thresholds: QuestionnaireOptions;
  readonly answers: Answers;
  /** Numbers typed that cannot be read, by question id: shown as typed. */
  readonly invalid: Readonly<Record<string, InvalidText>>;
  readonly score: ContractScore | undefined;
  readonly onAnswer: (questionId: string, answer: AnswerValue | undefined, invalid?: InvalidText) => void;
}

/** The applicable questions grouped by axis, one Accordion item per axis with its live score. */
export function QuestionnaireForm(props: QuestionnaireFormProps) {
  const styles = useStyles();
  const t = useMessages();
  const axes = AXIS_IDS.filter((axis) => props.questions.some((q) => q.axis === axis));
  return (
    <Accordion multiple collapsible defaultOpenItems={axes[0] ? [axes[0]] : []}>
      {axes.map((axis) => {
        const questions = props.questions.filter((q) => q.axis === axis);
        const answered = questions.filter((q) => props.answers[q.id] !== undefined).length;
        const axisScore = props.score?.byAxis[axis].score;
        const scoreText = axisScore === undefined ? "" : ` · ${Math.round(axisScore)}/100`;
        return (
          <AccordionItem key={axis} value={axis}>
            <AccordionHeader>
              {`${AXIS_LABELS[axis]} (${format(t.cotationAnswered, { n: answered, total: questions.length })}${scoreText})`}
            </AccordionHeader>
            <AccordionPanel>
              <div className={styles.questions}>
                {questions.map((question) => (
                  <QuestionField
                    key={`${props.contractKey}:${question.id}`}
                    question={question}
                    answer={props.answers[question.id]}
                    invalid={props.invalid[question.id]}
                    reason={questionApplicability(question, props.facts, props.thresholds).reason}
                    onChange={(answer, invalid) => props.onAnswer(question.id, answer, invalid)}
                  />
                ))}
              </div>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
