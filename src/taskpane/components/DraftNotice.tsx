import {
  Button,
  Caption1,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ContractSummary } from "../../excel/operations";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  others: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
});

export interface DraftNoticeProps {
  /** The contract shown has a draft (answers typed, not saved). */
  readonly hasDraft: boolean;
  /** Someone saved this contract's answers in the workbook since the draft began. */
  readonly savedSince: boolean;
  /** Other contracts with a draft, to go back to them. */
  readonly others: readonly ContractSummary[];
  readonly onDiscard: () => void;
  readonly onOpen: (key: string) => void;
}

/**
 * « Brouillon non enregistré », and the other contracts with one. A polite live region that stays in place: screen
 * readers hear the notice when it appears, without the focus moving. Its content comes one render after the
 * region (coming back to the tab), else the region would be born full and not be read.
 */
export function DraftNotice({ hasDraft, savedSince, others, onDiscard, onOpen }: DraftNoticeProps) {
  const styles = useStyles();
  const t = useMessages();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <div role="status" className={styles.root}>
      {ready && hasDraft && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.cotationDraftTitle}</MessageBarTitle>
            {savedSince ? t.cotationDraftSavedSince : t.cotationDraftBody}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onDiscard}>
              {t.cotationDraftDiscard}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {ready && others.length > 0 && (
        <div className={styles.others}>
          <Caption1>{t.cotationOtherDrafts}</Caption1>
          {others.map((contract) => (
            <Link key={contract.key} as="button" onClick={() => onOpen(contract.key)}>
              {contract.record.id ? `Marché ${contract.record.id}` : `Ligne ${contract.sheetRow}`}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
