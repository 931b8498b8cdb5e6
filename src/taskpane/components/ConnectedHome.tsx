import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalL },
});

/** Home of the pane inside Excel. The questionnaire, dashboards and committee views plug in here. */
export function ConnectedHome() {
  const styles = useStyles();
  const t = useMessages();
  return (
    <section className={styles.root}>
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{t.connectedTitle}</MessageBarTitle>
          {t.connectedBody}
        </MessageBarBody>
      </MessageBar>
    </section>
  );
}
