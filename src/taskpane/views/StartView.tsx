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
import { useEffect, useState } from "react";
import type { FoundTable } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import { MappingEditor } from "../components/MappingEditor";
import { OperationStatus } from "../components/OperationStatus";
import { useOperation } from "../hooks/useOperation";
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

/** Start: finds the contracts table, lets the user confirm its column mapping, or creates a blank one. */
export function StartView() {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const session = useSession();
  const operation = useOperation();
  const { start } = session;
  const [tableIndex, setTableIndex] = useState(0);
  const table = start?.found[tableIndex] ?? start?.found[0];
  const [source, setSource] = useState<ContractsSource | undefined>(undefined);

  useEffect(() => {
    setSource(table ? initialSource(table, start?.stored) : undefined);
  }, [table, start?.stored]);

  if (!start) {
    if (session.error) {
      return (
        <MessageBar intent="error">
          <MessageBarBody>{session.error}</MessageBarBody>
        </MessageBar>
      );
    }
    return <Spinner label={t.workbookLoading} />;
  }

  const confirmMapping = async (chosen: ContractsSource) => {
    // A first confirmation also creates SPASER Paramètres with the policy shown in Paramètres.
    const policy = start.policy.kind === "absent" ? session.policy : undefined;
    const done = await operation.run(() => operations.confirmMapping(chosen, policy));
    if (done) await session.reload();
  };
  const createBlank = async () => {
    const done = await operation.run(() => operations.createBlankTable());
    if (done) await session.reload();
  };

  return (
    <section className={styles.root} aria-label={t.tabStart}>
      {start.stored && !start.storedProblem && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>{t.startStoredTitle}</MessageBarTitle>
            {`Feuille « ${start.stored.sheet} », en-têtes en ligne ${start.stored.headerRow}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {start.storedProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t.startStoredProblem}</MessageBarTitle>
            {start.storedProblem}
          </MessageBarBody>
        </MessageBar>
      )}
      {start.policy.kind === "invalid" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t.startPolicyInvalid}</MessageBarTitle>
            {start.policy.message}
          </MessageBarBody>
        </MessageBar>
      )}

      {start.found.length === 0 ? (
        <>
          <MessageBar intent="info">
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
              <MessageBar key={problem.message} intent={problem.severity === "erreur" ? "error" : "warning"}>
                <MessageBarBody>{problem.message}</MessageBarBody>
              </MessageBar>
            ))}
            <MappingEditor table={table} source={source} onChange={setSource} />
            <Button appearance="primary" disabled={operation.running} onClick={() => void confirmMapping(source)}>
              {t.startConfirm}
            </Button>
          </>
        )
      )}
      <OperationStatus state={operation.state} />

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
