import { Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { RecommendedAction } from "../../spaser/scoring";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column" },
});

/** The SPASER actions that apply to the contract, each with why it applies. */
export function RecommendedActions({ actions }: { actions: readonly RecommendedAction[] }) {
  const styles = useStyles();
  const t = useMessages();
  return (
    <section aria-label={t.cotationActions}>
      <Subtitle2 as="h3">{t.cotationActions}</Subtitle2>
      {actions.length === 0 ? (
        <Text block>{t.cotationNoAction}</Text>
      ) : (
        <ol className={styles.list}>
          {actions.map((action) => (
            <li key={action.action} className={styles.item}>
              <Text weight="semibold">{`Action ${action.action} — ${action.title}`}</Text>
              <Caption1>{action.reason}</Caption1>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
