import { Caption1, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import type { Ref } from "react";
import type { ContractSummary } from "../../excel/operations";
import { euros, frenchDate } from "../../spaser/format";
import type { IsoDate } from "../../spaser/types";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { PROCEDURE_NAMES, stageText } from "../model/cotation";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

export interface ContractFactsCardProps {
  readonly contract: ContractSummary;
  readonly today: IsoDate;
  /** The contract's heading, focusable from code (where the focus goes when what had it goes away). */
  readonly headingRef?: Ref<HTMLHeadingElement>;
}

/** Key facts of the contract: object, amount (French format), procedure, award date and its stage. */
export function ContractFactsCard({ contract, today, headingRef }: ContractFactsCardProps) {
  const styles = useStyles();
  const t = useMessages();
  const { record } = contract;
  const unknown = t.cotationUnknown;
  const stage = stageText(record.awardDate, today);
  const facts: [string, string][] = [
    [t.cotationObject, record.object ?? unknown],
    [t.cotationAmount, record.amountHT === undefined ? unknown : euros(record.amountHT, "fixed")],
    [t.cotationProcedure, record.procedure ? PROCEDURE_NAMES[record.procedure] : unknown],
    [t.cotationAwardDate, record.awardDate ? frenchDate(record.awardDate) : unknown],
    [t.cotationStage, stage ? stage.stage : unknown],
    [t.cotationRow, String(contract.sheetRow)],
  ];
  const saved = contract.saved;
  return (
    <section className={styles.root} aria-label={t.cotationFacts}>
      <h3 className={styles.heading} ref={headingRef} tabIndex={-1}>
        {record.id ? `Marché ${record.id}` : `Ligne ${contract.sheetRow}`}
      </h3>
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} style={{ display: "contents" }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
      {stage?.dates ? <Caption1>{stage.dates}</Caption1> : null}
      {contract.problems.map((problem) => (
        <Caption1 key={problem.field}>{problem.message}</Caption1>
      ))}
      {saved && (
        <Caption1>
          {saved.author
            ? format(t.cotationSavedBy, { date: saved.date ? frenchDate(saved.date) : "?", author: saved.author })
            : t.cotationSavedNoAuthor}
        </Caption1>
      )}
    </section>
  );
}
