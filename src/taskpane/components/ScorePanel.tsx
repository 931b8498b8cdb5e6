import { Body1Strong, Caption1, makeStyles, ProgressBar, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { AXIS_LABELS } from "../../spaser/actions";
import type { ContractScore } from "../../spaser/scoring";
import { AXIS_IDS } from "../../spaser/types";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  overall: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS },
  figure: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  axis: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  axisRow: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

/** The live potentiel durable: overall, per axis, completeness, feasibility and committee priority. */
export function ScorePanel({ score }: { score: ContractScore }) {
  const styles = useStyles();
  const t = useMessages();
  const overall = Math.round(score.overall);
  return (
    <section className={styles.root} aria-label={t.cotationScores}>
      <Subtitle2 as="h3">{t.cotationScores}</Subtitle2>
      <div className={styles.overall} role="status" aria-label={`${t.cotationOverall} : ${overall}/100`}>
        <span className={styles.figure}>{overall}</span>
        <Text>/100</Text>
      </div>
      <Caption1>{format(t.cotationCompleteness, { n: score.answered, total: score.applicable })}</Caption1>
      {AXIS_IDS.map((axis) => {
        const axisScore = score.byAxis[axis];
        const value = axisScore.score === undefined ? undefined : Math.round(axisScore.score);
        const text = value === undefined ? t.cotationNoScore : `${value}/100`;
        return (
          <div key={axis} className={styles.axis}>
            <div className={styles.axisRow}>
              <Text>{AXIS_LABELS[axis]}</Text>
              <Body1Strong aria-label={`${AXIS_LABELS[axis]} : ${text}`}>{text}</Body1Strong>
            </div>
            <ProgressBar value={(value ?? 0) / 100} thickness="large" aria-hidden />
          </div>
        );
      })}
      <Text>
        <Body1Strong>{`${t.cotationFeasibility} : ${score.feasibility.level}. `}</Body1Strong>
        {score.feasibility.why}
      </Text>
      <Text>
        <Body1Strong>{`${t.cotationPriority} : ${score.priority.level}. `}</Body1Strong>
        {score.priority.reasons.join(" ")}
      </Text>
    </section>
  );
}
