import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import type { DecpExportProblemSummary, DecpImportConfirmation } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import { decodeText } from "../../sim/csv";
import type { IsoDate } from "../../spaser/types";
import { OperationStatus } from "../components/OperationStatus";
import { errorMessage, useOperation } from "../hooks/useOperation";
import { format, type Messages } from "../i18n";
import { useMessages } from "../MessagesContext";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** Items listed under a heading before "… et N autres": a national file can reject thousands of records. */
const LISTED_AT_MOST = 20;

/** SIRET: 14 digits (INSEE); the user may type it with spaces, as it is printed. */
export function normalizeSiret(input: string): string {
  return input.replace(/\s+/g, "");
}

export function isValidSiret(input: string): boolean {
  return /^\d{14}$/.test(normalizeSiret(input));
}

/** `decp-<siret>-<date>.json`, the name of the downloaded export. */
export function exportFileName(siret: string, today: IsoDate): string {
  return `decp-${normalizeSiret(siret)}-${today}.json`;
}

/** Offers the text as a file download (Blob + object URL); returns the URL, for a "download again" link. */
function download(json: string, fileName: string): string {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  return url;
}

function Limited({ items, t }: { items: readonly string[]; t: Messages }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {items.slice(0, LISTED_AT_MOST).map((item, i) => (
        <li key={i}>{item}</li>
      ))}
      {items.length > LISTED_AT_MOST && <li>{format(t.openDataMore, { n: items.length - LISTED_AT_MOST })}</li>}
    </ul>
  );
}

/** DECP open data (SPASER action 15): import a published file, export the contracts table validated. */
export function OpenDataView() {
  const styles = useStyles();
  const t = useMessages();
  const { source } = useSession();
  return (
    <section className={styles.root} aria-label={t.tabOpenData}>
      <Text>{t.openDataIntro}</Text>
      <ImportSection />
      {source ? (
        <ExportSection source={source} />
      ) : (
        <div className={styles.section}>
          <Subtitle2 as="h3">{t.openDataExportTitle}</Subtitle2>
          <MessageBar intent="info">
            <MessageBarBody>{t.needMapping}</MessageBarBody>
          </MessageBar>
        </div>
      )}
    </section>
  );
}

function ImportSection() {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const session = useSession();
  const importing = useOperation();
  const [result, setResult] = useState<DecpImportConfirmation | undefined>(undefined);
  const fileInput = useId();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setResult(undefined);
    const imported = await importing.run(async () => {
      const { text } = decodeText(new Uint8Array(await file.arrayBuffer()));
      return operations.importDecp(file.name, text);
    });
    if (imported) {
      setResult(imported as DecpImportConfirmation);
      await session.reload();
    }
  };

  return (
    <div className={styles.section}>
      <Subtitle2 as="h3">{t.openDataImportTitle}</Subtitle2>
      <Caption1>{t.openDataImportHint}</Caption1>
      <label htmlFor={fileInput}>{t.openDataFile}</label>
      <input
        id={fileInput}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        disabled={importing.running}
        onChange={(event) => void onFile(event)}
      />
      <OperationStatus state={importing.state} />
      {result && importing.state.status === "done" && (
        <>
          <Text>{format(t.openDataCounts, { ...result.counts })}</Text>
          {result.duplicates.length > 0 && (
            <div>
              <Body1Strong>{t.openDataDuplicates}</Body1Strong>
              <Limited
                t={t}
                items={result.duplicates.map((d) =>
                  format(d.identical ? t.openDataDuplicate : t.openDataDuplicateDifferent, {
                    key: d.key,
                    count: d.count,
                  }),
                )}
              />
            </div>
          )}
          {result.rejected.length > 0 && (
            <div>
              <Body1Strong>{t.openDataRejected}</Body1Strong>
              <Limited
                t={t}
                items={result.rejected.map(
                  (r) => `${format(t.openDataRecord, { n: r.index + 1 })}${r.id ? ` (${r.id})` : ""} : ${r.reason}`,
                )}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}

type ExportState =
  | { readonly status: "idle" }
  | { readonly status: "running" }
  | { readonly status: "done"; readonly contracts: number; readonly fileName: string; readonly url: string }
  | { readonly status: "invalid"; readonly contracts: number; readonly problems: readonly DecpExportProblemSummary[] }
  | { readonly status: "error"; readonly message: string };

/** Problems grouped by contract, in the order met. */
function byContract(problems: readonly DecpExportProblemSummary[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const problem of problems) {
    const messages = groups.get(problem.contract) ?? [];
    messages.push(problem.message);
    groups.set(problem.contract, messages);
  }
  return [...groups];
}

function ExportSection({ source }: { source: ContractsSource }) {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const { today } = useSession();
  const [siret, setSiret] = useState("");
  const [touched, setTouched] = useState(false);
  const [state, setState] = useState<ExportState>({ status: "idle" });
  const mounted = useRef(true);
  const objectUrl = useRef<string | undefined>(undefined);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    };
  }, []);

  const valid = isValidSiret(siret);
  const showInvalid = touched && !valid;

  const exportDecp = async () => {
    setTouched(true);
    if (!valid) return;
    setState({ status: "running" });
    try {
      const result = await operations.exportDecp(source, normalizeSiret(siret));
      if (!mounted.current) return;
      if (result.json === undefined) {
        setState({ status: "invalid", contracts: result.contracts, problems: result.problems });
        return;
      }
      const fileName = exportFileName(siret, today);
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
      objectUrl.current = download(result.json, fileName);
      setState({ status: "done", contracts: result.contracts, fileName, url: objectUrl.current });
    } catch (error) {
      if (mounted.current) setState({ status: "error", message: errorMessage(error) });
    }
  };

  return (
    <div className={styles.section}>
      <Subtitle2 as="h3">{t.openDataExportTitle}</Subtitle2>
      <Caption1>{t.openDataExportHint}</Caption1>
      <Field
        label={t.openDataSiret}
        required
        hint={t.openDataSiretHint}
        validationState={showInvalid ? "error" : "none"}
        validationMessage={showInvalid ? t.openDataSiretInvalid : undefined}
      >
        <Input
          value={siret}
          inputMode="numeric"
          autoComplete="off"
          onChange={(_, data) => setSiret(data.value)}
          onBlur={() => setTouched(true)}
        />
      </Field>
      <Button appearance="primary" disabled={state.status === "running"} onClick={() => void exportDecp()}>
        {t.openDataExport}
      </Button>
      {state.status === "running" && <Spinner size="tiny" label={t.operationRunning} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.operationRefused}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === "done" && (
        <MessageBar intent="success">
          <MessageBarBody>
            {format(t.openDataExported, { n: state.contracts, file: state.fileName })}{" "}
            <Link href={state.url} download={state.fileName}>
              {t.openDataDownload}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === "invalid" && (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>{t.openDataInvalid}</MessageBarTitle>
              {format(t.openDataInvalidHint, { n: state.problems.length, total: state.contracts })}
            </MessageBarBody>
          </MessageBar>
          {byContract(state.problems).map(([contract, messages]) => (
            <div key={contract}>
              <Body1Strong>
                {contract ? format(t.openDataContract, { id: contract }) : t.openDataNoContract}
              </Body1Strong>
              <Limited t={t} items={messages} />
            </div>
          ))}
        </>
      )}
    </div>
  );
}
