import { FluentProvider, makeStyles, Spinner, tokens, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { AppHeader } from "./components/AppHeader";
import { ConnectedHome } from "./components/ConnectedHome";
import { OpenInExcel } from "./components/OpenInExcel";
import { languageFromLocale, messagesFor } from "./i18n";
import { MessagesProvider } from "./MessagesContext";
import type { HostInfo } from "./office-host";
import { OperationsProvider } from "./OperationsContext";
import type { SpaserOperations } from "../excel/operations";
import type { IsoDate } from "../spaser/types";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  loading: { padding: tokens.spacingHorizontalXXL },
});

export interface AppProps {
  /** Resolves once we know whether Excel is there; injected so tests need no Office. */
  readonly detectHost: () => Promise<HostInfo>;
  /** Workbook operations given from outside (workbench, tests): the views show whatever the host. */
  readonly operations?: SpaserOperations;
  /** Builds the Excel operations once Office says it runs in Excel (index.tsx: Excel.run). */
  readonly excelOperations?: () => SpaserOperations;
  /** Today's date for the contracts' J-24 / J-14 / J-12 stages; the clock's date when absent. */
  readonly today?: IsoDate;
}

export function App({ detectHost, operations, excelOperations, today }: AppProps) {
  const styles = useStyles();
  const [host, setHost] = useState<HostInfo | undefined>(undefined);

  useEffect(() => {
    let active = true;
    void detectHost().then((info) => {
      if (active) setHost(info);
    });
    return () => {
      active = false;
    };
  }, [detectHost]);

  const connected = useMemo(
    () => operations ?? (host?.inExcel && excelOperations ? excelOperations() : undefined),
    [operations, excelOperations, host?.inExcel],
  );

  // French unless Office says its display language is English.
  const language = languageFromLocale(host?.displayLanguage);
  const messages = messagesFor(language);

  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <MessagesProvider value={messages}>
        <main className={styles.root}>
          <AppHeader />
          {host === undefined ? (
            <Spinner className={styles.loading} label={messages.loading} />
          ) : connected ? (
            <OperationsProvider operations={connected}>
              <ConnectedHome today={today} />
            </OperationsProvider>
          ) : (
            <OpenInExcel />
          )}
        </main>
      </MessagesProvider>
    </FluentProvider>
  );
}
