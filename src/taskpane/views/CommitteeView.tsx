import { Button, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { ContractsSource } from "../../excel/source";
import { OperationStatus } from "../components/OperationStatus";
import { YearField } from "../components/YearField";
import { useContracts } from "../hooks/useContracts";
import { useOperation } from "../hooks/useOperation";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Builds SPASER CAD, the committee list of the coming year. */
export function CommitteeView() {
  const { source } = useSession();
  return source ? <Committee source={source} /> : null;
}

function Committee({ source }: { source: ContractsSource }) {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const { today } = useSession();
  // The committee prepares the contracts of the coming year.
  const [year, setYear] = useState(Number(today.slice(0, 4)) + 1);
  const build = useOperation();
  const { contracts } = useContracts(source);

  return (
    <section className={styles.root} aria-label={t.tabCommittee}>
      <Text>{t.committeeIntro}</Text>
      {contracts && (
        <Caption1>
          {format(t.committeeCoted, { n: contracts.filter((c) => c.saved).length, total: contracts.length })}
        </Caption1>
      )}
      <YearField year={year} onChange={setYear} />
      <Button
        appearance="primary"
        disabled={build.running}
        onClick={() => void build.run((options) => operations.buildCommitteeList(source, year, options))}
      >
        {t.committeeBuild}
      </Button>
      <OperationStatus state={build.state} onCancel={build.cancel} />
    </section>
  );
}
