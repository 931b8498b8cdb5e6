import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { MessageKey } from "../i18n";
import { DraftsProvider } from "../DraftsContext";
import { useMessages } from "../MessagesContext";
import { SessionProvider, useSession } from "../SessionContext";
import { CommitteeView } from "../views/CommitteeView";
import { CotationView } from "../views/CotationView";
import { DashboardView } from "../views/DashboardView";
import { OpenDataView } from "../views/OpenDataView";
import { SettingsView } from "../views/SettingsView";
import { StartView } from "../views/StartView";
import type { IsoDate } from "../../spaser/types";

const useStyles = makeStyles({
  tabs: {
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // At task-pane width (350 px) the six tabs wrap to two lines rather than hiding behind a scroll.
    flexWrap: "wrap",
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
});

export type ViewId = "start" | "cotation" | "dashboard" | "committee" | "openData" | "settings";

/** Opens another view, as if its tab had been chosen, and puts the keyboard focus on that tab. */
type GoTo = (view: ViewId) => void;

const VIEWS: readonly { id: ViewId; label: MessageKey; needsSource: boolean; render: (go: GoTo) => ReactNode }[] = [
  {
    id: "start",
    label: "tabStart",
    needsSource: false,
    render: (go) => <StartView onStartCotation={() => go("cotation")} />,
  },
  { id: "cotation", label: "tabCotation", needsSource: true, render: () => <CotationView /> },
  { id: "dashboard", label: "tabDashboard", needsSource: true, render: () => <DashboardView /> },
  { id: "committee", label: "tabCommittee", needsSource: true, render: () => <CommitteeView /> },
  // Needs no confirmed table: an import creates one (the view asks for the mapping before an export).
  { id: "openData", label: "tabOpenData", needsSource: false, render: () => <OpenDataView /> },
  { id: "settings", label: "tabSettings", needsSource: false, render: () => <SettingsView /> },
];

function Views({ initialView }: { initialView?: ViewId }) {
  const styles = useStyles();
  const t = useMessages();
  const session = useSession();
  const [chosen, setChosen] = useState<ViewId | undefined>(initialView);
  // The first view is chosen once, when the workbook is first read: straight to the questionnaire when it
  // already has its confirmed table. Confirming the mapping later keeps the user on Démarrer, where the
  // confirmation shows what was stored and « Commencer la cotation » leads on.
  const opening = session.source ? "cotation" : "start";
  useEffect(() => {
    if (chosen === undefined && session.start) setChosen(opening);
  }, [chosen, session.start, opening]);
  const selected = chosen ?? opening;
  const view = VIEWS.find((v) => v.id === selected) ?? VIEWS[0]!;
  const tabs = useRef<Partial<Record<ViewId, HTMLButtonElement | null>>>({});
  const go: GoTo = (id) => {
    setChosen(id);
    // The button that asked for the view goes away with its view: the focus goes to the new view's tab.
    tabs.current[id]?.focus();
  };

  return (
    <>
      <TabList
        className={styles.tabs}
        size="small"
        aria-label={t.tabsLabel}
        selectedValue={selected}
        onTabSelect={(_, data) => setChosen(data.value as ViewId)}
      >
        {VIEWS.map((v) => (
          <Tab
            key={v.id}
            ref={(element) => {
              tabs.current[v.id] = element;
            }}
            id={`tab-${v.id}`}
            value={v.id}
            aria-controls={`panel-${v.id}`}
          >
            {t[v.label]}
          </Tab>
        ))}
      </TabList>
      <div className={styles.panel} role="tabpanel" id={`panel-${view.id}`} aria-labelledby={`tab-${view.id}`}>
        {!session.start ? (
          session.error ? (
            <MessageBar intent="error">
              <MessageBarBody>{session.error}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void session.reload()}>{t.retry}</Button>
              </MessageBarActions>
            </MessageBar>
          ) : (
            <Spinner label={t.workbookLoading} />
          )
        ) : view.needsSource && !session.source ? (
          <MessageBar intent="info">
            <MessageBarBody>{t.needMapping}</MessageBarBody>
          </MessageBar>
        ) : (
          view.render(go)
        )}
      </div>
    </>
  );
}

/**
 * Home of the pane once it can reach the workbook: the six views behind a tab list (arrow keys). The drafts of
 * the questionnaire live above the tabs: a view unmounts when another tab is chosen, the answers typed stay.
 */
export function ConnectedHome({ today, initialView }: { today?: IsoDate; initialView?: ViewId }) {
  return (
    <SessionProvider today={today}>
      <DraftsProvider>
        <Views initialView={initialView} />
      </DraftsProvider>
    </SessionProvider>
  );
}
