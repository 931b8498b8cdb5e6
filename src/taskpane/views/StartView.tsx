import {
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState } from "react";
import type { FoundTable } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import { RECORD_FIELDS } from "../../spaser/records";
import { MappingEditor } from "../components/MappingEditor";
import { OperationStatus } from "../components/OperationStatus";
import { useOperation } from "../hooks/useOperation";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The mapping shown first: the stored one when it is about the same sheet, else the recognised one. */
function initialSource(table: FoundTable, stored: ContractsSource | undefined): ContractsSource {
  return stored && stored.sheet === table.sheet && stored.headerRow === table.source.headerRow ? stored : table.source;
}

export interface StartViewProps {
  /** Opens the questionnaire: offered, with the keyboard focus, once the mapping is confirmed. */
  readonly onStartCotation?: () => void;
}

/**
 * Start: finds the contracts table, lets the user confirm its column mapping, or creates a blank one.
 * After a confirmation the view stays here, showing what was stored, with « Commencer la cotation » focused.
 */
export function StartView({ onStartCotation }: StartViewProps = {}) {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const session = useSession();
  const operation = useOperation();
  const { start } = session;
  const [tableIndex, setTableIndex] = useState(0);
  const table = start?.found[tableIndex] ?? start?.found[0];
  const [source, setSource] = useState<ContractsSource | undefined>(undefined);
  // The mapping this view just stored, while its confirmation is on screen.
  const [confirmed, setConfirmed] = useState<ContractsSource | undefined>(undefined);
  const beginCotation = useRef<HTMLButtonElement>(null);
  const confirmationId = useId();
  const storedNow = operation.state.status === "done" && confirmed !== undefined && session.source !== undefined;

  useEffect(() => {
    setSource(table ? initialSource(table, start?.stored) : undefined);
  }, [table, start?.stored]);

  // Once the workbook is read again with the stored mapping, the next step gets the keyboard focus. It is
  // described by the confirmation just above it; both come to the middle of the pane, below the long mapping.
  useEffect(() => {
    const button = beginCotation.current;
    if (!storedNow || !button) return;
    button.focus({ preventScroll: true });
    button.scrollIntoView?.({ block: "center" }); // (jsdom has no layout, hence no scrollIntoView)
  }, [storedNow]);

  if (!start) {
    if (session.error) {
      return (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{session.error}</MessageBarBody>
        </MessageBar>
      );
    }
    return <Spinner label={t.workbookLoading} />;
  }

  const confirmMapping = async (chosen: ContractsSource) => {
    // A first confirmation also creates SPASER Paramètres with the policy shown in Paramètres.
    const policy = start.policy.kind === "absent" ? session.policy : undefined;
    setConfirmed(undefined);
    const done = await operation.run(() => operations.confirmMapping(chosen, policy));
    if (!done) return;
    setConfirmed(chosen);
    await session.reload();
  };
  const createBlank = async () => {
    setConfirmed(undefined);
    const done = await operation.run(() => operations.createBlankTable());
    if (done) await session.reload();
  };

  return (
    <section className={styles.root} aria-label={t.tabStart}>
      {start.stored && !start.storedProblem && (
        <MessageBar layout="multiline" intent="success">
          <MessageBarBody>
            <MessageBarTitle>{t.startStoredTitle}</MessageBarTitle>
            {`Feuille « ${start.stored.sheet} », en-têtes en ligne ${start.stored.headerRow}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {start.storedProblem && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t.startStoredProblem}</MessageBarTitle>
            {start.storedProblem}
          </MessageBarBody>
        </MessageBar>
      )}
      {start.policy.kind === "invalid" && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t.startPolicyInvalid}</MessageBarTitle>
            {start.policy.message}
          </MessageBarBody>
        </MessageBar>
      )}

      {start.found.length === 0 ? (
        <>
          <MessageBar layout="multiline" intent="info">
            <MessageBarBody>
              <MessageBarTitle>{t.startNoTableTitle}</MessageBarTitle>
              {t.startNoTableBody}
            </MessageBarBody>
          </MessageBar>
          <Button appearance="primary" disabled={operation.running} onClick={() => void createBlank()}>
            {t.startCreateBlank}
          </Button>
        </>
      ) : (
        table &&
        source && (
          <>
            {start.found.length > 1 && (
              <Field label={t.startTableChoice}>
                <Dropdown
                  value={`${table.sheet} — ${table.address}`}
                  selectedOptions={[String(tableIndex)]}
                  onOptionSelect={(_, data) => setTableIndex(Number(data.optionValue ?? 0))}
                >
                  {start.found.map((found, index) => (
                    <Option key={`${found.sheet}-${found.address}`} value={String(index)}>
                      {`${found.sheet} — ${found.address}`}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            )}
            <Subtitle2 as="h2">{t.startMappingTitle}</Subtitle2>
            <Body1>
              {`${table.tableName ? `Tableau « ${table.tableName} », ` : ""}feuille « ${table.sheet} », ${table.address}, ${table.rows} ligne(s).`}
            </Body1>
            <Caption1>{t.startMappingHint}</Caption1>
            {table.problems.map((problem) => (
              <MessageBar
                key={problem.message}
                layout="multiline"
                intent={problem.severity === "erreur" ? "error" : "warning"}
              >
                <MessageBarBody>{problem.message}</MessageBarBody>
              </MessageBar>
            ))}
            <MappingEditor
              table={table}
              source={source}
              onChange={(edited) => {
                setSource(edited);
                // The confirmation on screen is about the stored mapping, not this edited one.
                if (confirmed) {
                  setConfirmed(undefined);
                  operation.reset();
                }
              }}
            />
            <Button
              appearance={storedNow ? "secondary" : "primary"}
              disabled={operation.running}
              onClick={() => void confirmMapping(source)}
            >
              {t.startConfirm}
            </Button>
          </>
        )
      )}
      <OperationStatus
        id={confirmationId}
        state={operation.state}
        details={
          storedNow && confirmed
            ? format(t.startStoredDetails, {
                row: confirmed.headerRow,
                n: Object.values(confirmed.mapping).filter(Boolean).length,
                total: RECORD_FIELDS.length,
              })
            : undefined
        }
      />
      {storedNow && onStartCotation && (
        <Button ref={beginCotation} appearance="primary" aria-describedby={confirmationId} onClick={onStartCotation}>
          {t.startBeginCotation}
        </Button>
      )}

      {start.rejected.length > 0 && (
        <>
          <Subtitle2 as="h2">{t.startRejected}</Subtitle2>
          <ul className={styles.list}>
            {start.rejected.map((sheet) => (
              <li key={sheet.sheet}>
                <Caption1>{`${sheet.sheet} : ${sheet.reason}`}</Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
