import {
  Button,
  Caption1,
  Divider,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { ContractSummary } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import type { AnswerValue } from "../../spaser/answers";
import { applicableQuestions, getQuestionnaire } from "../../spaser/questionnaire";
import { ContractFactsCard } from "../components/ContractFactsCard";
import { ContractNavigator } from "../components/ContractNavigator";
import { LegalVerdicts } from "../components/LegalVerdicts";
import { OperationStatus } from "../components/OperationStatus";
import { QuestionnaireForm } from "../components/QuestionnaireForm";
import { RecommendedActions } from "../components/RecommendedActions";
import { ScorePanel } from "../components/ScorePanel";
import { useAuthor } from "../hooks/useAuthor";
import { useContracts } from "../hooks/useContracts";
import { useOperation } from "../hooks/useOperation";
import { useSelectedRow } from "../hooks/useSelectedRow";
import { useMessages } from "../MessagesContext";
import { changedAnswers, contractFacts, contractsToShow, liveScore, type Answers } from "../model/cotation";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  save: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

type Drafts = Readonly<Record<string, Answers>>;
type Invalid = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The questionnaire on the contract selected in Excel (or browsed here), with its live score. */
export function CotationView() {
  const { source } = useSession();
  // ConnectedHome shows this view only once the mapping is confirmed.
  return source ? <Cotation source={source} /> : null;
}

function Cotation({ source }: { source: ContractsSource }) {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const { policy, today } = useSession();
  const { contracts, error, reload } = useContracts(source);
  const selectedRow = useSelectedRow(source);
  const [currentKey, setCurrentKey] = useState<string | undefined>(undefined);
  const [toDoOnly, setToDoOnly] = useState(false);
  // Answers typed and not saved yet, per contract: moving to another contract loses nothing.
  const [drafts, setDrafts] = useState<Drafts>({});
  const [invalid, setInvalid] = useState<Invalid>({});
  const [author, setAuthor] = useAuthor();
  const save = useOperation();
  const [savedChanges, setSavedChanges] = useState<readonly string[]>([]);

  // Follow the selection in Excel.
  useEffect(() => {
    const selected = contracts?.find((c) => c.sheetRow === selectedRow);
    if (selected) setCurrentKey(selected.key);
  }, [selectedRow, contracts]);

  const shown = useMemo(() => contractsToShow(contracts ?? [], toDoOnly), [contracts, toDoOnly]);
  const contract: ContractSummary | undefined =
    contracts?.find((c) => c.key === currentKey) ?? (currentKey === undefined ? shown[0] : undefined);

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!contracts) return <Spinner label={t.workbookLoading} />;

  const position = contract ? shown.findIndex((c) => c.key === contract.key) : -1;
  const move = (step: -1 | 1) => {
    const next = position < 0 ? shown[0] : shown[position + step];
    if (next) {
      setCurrentKey(next.key);
      save.reset();
    }
  };
  const navigator = (
    <ContractNavigator
      scored={contracts.filter((c) => c.saved).length}
      total={contracts.length}
      position={position}
      shown={shown.length}
      toDoOnly={toDoOnly}
      onToDoOnly={setToDoOnly}
      onMove={move}
    />
  );
  if (!contract) return <section className={styles.root}>{navigator}</section>;

  const saved: Answers = contract.saved?.answers ?? {};
  const answers: Answers = drafts[contract.key] ?? saved;
  const facts = contractFacts(contract.record);
  const questions = applicableQuestions(facts, policy.rules);
  const live = liveScore(answers, contract.record, policy, today);
  const errors = Object.values(invalid[contract.key] ?? {});
  const changes = changedAnswers(saved, answers);

  const answer = (questionId: string, value: AnswerValue | undefined, problem?: string) => {
    const key = contract.key;
    setInvalid((current) => {
      const { [questionId]: _, ...others } = current[key] ?? {};
      return { ...current, [key]: problem ? { ...others, [questionId]: problem } : others };
    });
    if (problem) return; // the typed text stays in its field; the last good answer is kept
    setDrafts((current) => {
      const { [questionId]: _, ...rest } = current[key] ?? saved;
      return { ...current, [key]: value === undefined ? rest : { ...rest, [questionId]: value } };
    });
  };

  const saveCotation = async () => {
    const questionnaire = getQuestionnaire();
    const labels = changes.map((id) => questionnaire?.questions.find((q) => q.id === id)?.short ?? id);
    const done = await save.run(() => operations.saveCotation(source, contract, answers, author.trim()));
    if (!done) return;
    setSavedChanges(labels);
    setDrafts(({ [contract.key]: _, ...rest }) => rest);
    await reload();
  };

  return (
    <section className={styles.root} aria-label={t.tabCotation}>
      {navigator}
      <ContractFactsCard contract={contract} today={today} />
      <QuestionnaireForm
        contractKey={contract.key}
        questions={questions}
        facts={facts}
        thresholds={policy.rules}
        answers={answers}
        score={live.ok ? live.score : undefined}
        onAnswer={answer}
      />
      <div className={styles.save}>
        <Field label={t.cotationAuthor} hint={author.trim() === "" ? t.cotationAuthorNeeded : undefined}>
          <Input value={author} onChange={(_, data) => setAuthor(data.value)} />
        </Field>
        {changes.length > 0 && <Caption1>{`${t.cotationUnsaved} (${changes.length})`}</Caption1>}
        {errors.map((message) => (
          <MessageBar key={message} intent="error">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        ))}
        <Button
          appearance="primary"
          disabled={save.running || author.trim() === "" || errors.length > 0}
          onClick={() => void saveCotation()}
        >
          {t.cotationSave}
        </Button>
        <OperationStatus state={save.state} />
        {save.state.status === "done" && savedChanges.length > 0 && (
          <Caption1>{`Réponses modifiées : ${savedChanges.join(", ")}.`}</Caption1>
        )}
      </div>
      <Divider />
      {live.ok ? (
        <>
          <ScorePanel score={live.score} />
          <RecommendedActions actions={live.score.recommendedActions} />
        </>
      ) : (
        <MessageBar intent="error">
          <MessageBarBody>{live.message}</MessageBarBody>
        </MessageBar>
      )}
      <Divider />
      <LegalVerdicts key={contract.key} record={contract.record} policy={policy} />
    </section>
  );
}
