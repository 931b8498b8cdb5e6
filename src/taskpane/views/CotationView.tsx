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
import { useEffect, useMemo, useRef, useState } from "react";
import type { ContractSummary } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import type { AnswerValue } from "../../spaser/answers";
import { applicableQuestions, getQuestionnaire } from "../../spaser/questionnaire";
import { ContractFactsCard } from "../components/ContractFactsCard";
import { ContractNavigator } from "../components/ContractNavigator";
import { DraftNotice } from "../components/DraftNotice";
import { LegalVerdicts } from "../components/LegalVerdicts";
import { OperationStatus } from "../components/OperationStatus";
import { QuestionnaireForm } from "../components/QuestionnaireForm";
import { RecommendedActions } from "../components/RecommendedActions";
import { ScorePanel } from "../components/ScorePanel";
import { useAuthor } from "../hooks/useAuthor";
import { useContracts } from "../hooks/useContracts";
import { useOperation } from "../hooks/useOperation";
import { useSelectedRow } from "../hooks/useSelectedRow";
import { useDrafts } from "../DraftsContext";
import { useMessages } from "../MessagesContext";
import { changedAnswers, contractFacts, contractsToShow, liveScore, type Answers } from "../model/cotation";
import { draftWithAnswer, savedSinceDraft, type InvalidText } from "../model/drafts";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  save: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

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
  const [toDoOnly, setToDoOnly] = useState(false);
  // Answers typed and not saved yet, per contract, and the contract shown: kept above the tabs for the session,
  // so that neither another tab nor another contract loses what was typed.
  const { drafts, update, place, setPlace } = useDrafts();
  const currentKey = place.key;
  const [author, setAuthor] = useAuthor();
  const save = useOperation();
  const [savedChanges, setSavedChanges] = useState<readonly string[]>([]);
  // Fields show what they were given when they appeared: a discarded draft makes them start again.
  const [revision, setRevision] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  // Follow the selection in Excel: a row selected since it was last followed (coming back from another tab, the
  // user finds the contract they were on unless they selected another row meanwhile).
  useEffect(() => {
    if (selectedRow === undefined || selectedRow === place.row) return;
    const selected = contracts?.find((c) => c.sheetRow === selectedRow);
    if (selected) setPlace({ key: selected.key, row: selectedRow });
  }, [selectedRow, contracts, place.row, setPlace]);

  const shown = useMemo(() => contractsToShow(contracts ?? [], toDoOnly), [contracts, toDoOnly]);
  // The first contract shown until one is chosen (or when the chosen one left the table).
  const contract: ContractSummary | undefined = contracts?.find((c) => c.key === currentKey) ?? shown[0];

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!contracts) return <Spinner label={t.workbookLoading} />;

  const position = contract ? shown.findIndex((c) => c.key === contract.key) : -1;
  const open = (key: string) => {
    setPlace({ ...place, key });
    save.reset();
  };
  const move = (step: -1 | 1) => {
    const next = position < 0 ? shown[0] : shown[position + step];
    if (next) open(next.key);
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
  const draft = contract ? drafts[contract.key] : undefined;
  const discard = () => {
    if (!contract) return;
    update(contract.key, () => undefined);
    setRevision((r) => r + 1);
    // The button goes away with the notice: the focus goes to the contract's heading.
    heading.current?.focus();
  };
  const notice = (
    <DraftNotice
      hasDraft={draft !== undefined}
      savedSince={draft !== undefined && savedSinceDraft(draft, contract?.saved?.answers ?? {})}
      others={contracts.filter((c) => c.key !== contract?.key && drafts[c.key] !== undefined)}
      onDiscard={discard}
      onOpen={open}
    />
  );
  if (!contract) {
    return (
      <section className={styles.root}>
        {navigator}
        {notice}
      </section>
    );
  }

  const saved: Answers = contract.saved?.answers ?? {};
  const answers: Answers = draft?.answers ?? saved;
  const invalid = draft?.invalid ?? {};
  const facts = contractFacts(contract.record);
  const questions = applicableQuestions(facts, policy.rules);
  const live = liveScore(answers, contract.record, policy, today);
  const errors = [...new Set(Object.values(invalid).map((i) => i.message))];
  const changes = changedAnswers(saved, answers);

  // A number that cannot be read stays in its field and in the draft; the last good answer is kept.
  const answer = (questionId: string, value: AnswerValue | undefined, problem?: InvalidText) =>
    update(contract.key, (current) => draftWithAnswer(current, saved, questionId, value, problem));

  const saveCotation = async () => {
    const questionnaire = getQuestionnaire();
    const labels = changes.map((id) => questionnaire?.questions.find((q) => q.id === id)?.short ?? id);
    const done = await save.run(() => operations.saveCotation(source, contract, answers, author.trim()));
    if (!done) return;
    setSavedChanges(labels);
    // Saved: no draft any more, unless answers were typed while saving (they stay, on top of what was saved).
    update(contract.key, (current) => (current === draft ? undefined : current && { ...current, base: answers }));
    await reload();
  };

  return (
    <section className={styles.root} aria-label={t.tabCotation}>
      {navigator}
      <ContractFactsCard contract={contract} today={today} headingRef={heading} />
      {notice}
      <QuestionnaireForm
        contractKey={`${contract.key}:${revision}`}
        questions={questions}
        facts={facts}
        thresholds={policy.rules}
        answers={answers}
        invalid={invalid}
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
