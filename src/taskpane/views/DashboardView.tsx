import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { ContractsSource } from "../../excel/source";
import { IndicatorChart } from "../components/IndicatorChart";
import { OperationStatus } from "../components/OperationStatus";
import { YearField } from "../components/YearField";
import { useContracts } from "../hooks/useContracts";
import { useOperation } from "../hooks/useOperation";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { indicatorFigures, recordsOfYear } from "../model/dashboard-figures";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Builds SPASER Tableau de bord and shows the same indicator figures, actual vs target, as small charts. */
export function DashboardView() {
  const { source } = useSession();
  return source ? <Dashboard source={source} /> : null;
}

function Dashboard({ source }: { source: ContractsSource }) {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const { policy, today } = useSession();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const build = useOperation();
  const { contracts, error, reload } = useContracts(source);

  const records = useMemo(() => (contracts ?? []).map((c) => c.record), [contracts]);
  const figures = useMemo(() => indicatorFigures(records, policy, year), [records, policy, year]);
  const known = figures.filter((f) => f.reached !== undefined);
  const reached = known.filter((f) => f.reached).length;

  const run = async () => {
    const done = await build.run((options) => operations.buildDashboard(source, year, options));
    if (done) await reload();
  };

  return (
    <section className={styles.root} aria-label={t.tabDashboard}>
      <YearField year={year} onChange={setYear} />
      <Button appearance="primary" disabled={build.running} onClick={() => void run()}>
        {t.dashboardBuild}
      </Button>
      <OperationStatus state={build.state} onCancel={build.cancel} />

      <Subtitle2 as="h2">{format(t.dashboardFigures, { year })}</Subtitle2>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : !contracts ? (
        <Spinner size="small" label={t.workbookLoading} />
      ) : (
        <>
          <Caption1>{format(t.dashboardContracts, { n: recordsOfYear(records, year).length, year })}</Caption1>
          {figures.length === 0 ? (
            <Text>{format(t.dashboardNoTarget, { year })}</Text>
          ) : (
            <>
              <Text weight="semibold">{format(t.dashboardReached, { n: reached, total: figures.length })}</Text>
              <ProgressBar
                value={reached / figures.length}
                thickness="large"
                aria-label={format(t.dashboardReached, { n: reached, total: figures.length })}
              />
              <IndicatorChart figures={figures} />
            </>
          )}
        </>
      )}
    </section>
  );
}
