import { FluentProvider, makeStyles, Spinner, tokens, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { AppHeader } from "./components/AppHeader";
import { ConnectedHome } from "./components/ConnectedHome";
import { OpenInExcel } from "./components/OpenInExcel";
import { languageFromLocale, messagesFor } from "./i18n";
import { MessagesProvider } from "./MessagesContext";
import type { HostInfo } from "./office-host";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  loading: { padding: tokens.spacingHorizontalXXL },
});

export interface AppProps {
  /** Resolves once we know whether Excel is there; injected so tests need no Office. */
  readonly detectHost: () => Promise<HostInfo>;
}

export function App({ detectHost }: AppProps) {
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
          ) : host.inExcel ? (
            <ConnectedHome />
          ) : (
            <OpenInExcel />
          )}
        </main>
      </MessagesProvider>
    </FluentProvider>
  );
}
