import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalS },
});

/** Shown when the page runs outside Excel (offline, plain browser): explains how to get the real pane. */
export function OpenInExcel() {
  const styles = useStyles();
  const t = useMessages();
  return (
    <section className={styles.root} aria-labelledby="open-in-excel-title">
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle id="open-in-excel-title">{t.openInExcelTitle}</MessageBarTitle>
          {t.openInExcelBody}
        </MessageBarBody>
      </MessageBar>
      <ol className={styles.steps}>
        <li>
          <Text>{t.openInExcelStep1}</Text>
        </li>
        <li>
          <Text>{t.openInExcelStep2}</Text>
        </li>
        <li>
          <Text>{t.openInExcelStep3}</Text>
        </li>
      </ol>
    </section>
  );
}
