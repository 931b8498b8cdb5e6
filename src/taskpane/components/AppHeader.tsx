import { makeStyles, Subtitle1, Caption1, tokens } from "@fluentui/react-components";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function AppHeader() {
  const styles = useStyles();
  const t = useMessages();
  return (
    <header className={styles.header}>
      <Subtitle1 as="h1">{t.appTitle}</Subtitle1>
      <Caption1>{t.appSubtitle}</Caption1>
    </header>
  );
}
