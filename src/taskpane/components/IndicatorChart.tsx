import { Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { percent } from "../../spaser/format";
import { useMessages } from "../MessagesContext";
import type { IndicatorFigure } from "../model/dashboard-figures";

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: "none", display: "grid", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  svg: { width: "100%", height: "28px", display: "block" },
  track: { fill: tokens.colorNeutralBackground3 },
  actualReached: { fill: tokens.colorPaletteGreenBackground3 },
  actualMissed: { fill: tokens.colorPaletteDarkOrangeBackground3 },
  target: { stroke: tokens.colorNeutralForeground1, strokeWidth: 2 },
  targetBar: { fill: tokens.colorBrandBackground2 },
});

/** Bars are drawn in a 0–100 space stretched to the pane's width. */
const WIDTH = 100;

/** French sentence read by screen readers and shown under the bar. */
export function figureText(figure: IndicatorFigure, noData: string, target: string): string {
  const rate = figure.result.rate;
  const actual = rate === undefined ? noData : percent(rate);
  const verdict = figure.reached === undefined ? "" : figure.reached ? " (atteinte)" : " (non atteinte)";
  return `${actual}, ${target} ${percent(figure.target)}${verdict}`;
}

/** One small bar chart per indicator: the target (light bar with a marker) and the actual rate. */
export function IndicatorChart({ figures }: { figures: readonly IndicatorFigure[] }) {
  const styles = useStyles();
  const t = useMessages();
  return (
    <ul className={styles.list}>
      {figures.map((figure) => {
        const label = figure.definition.labelFr;
        const text = figureText(figure, t.dashboardNoData, t.dashboardTarget);
        const actual = Math.min(1, figure.result.rate ?? 0) * WIDTH;
        const target = Math.min(1, figure.target) * WIDTH;
        return (
          <li key={figure.definition.id} className={styles.item}>
            <Text>{label}</Text>
            <svg
              className={styles.svg}
              viewBox={`0 0 ${WIDTH} 28`}
              preserveAspectRatio="none"
              role="img"
              aria-label={`${label} : ${text}`}
            >
              <rect className={styles.track} x={0} y={2} width={WIDTH} height={10} />
              <rect className={styles.targetBar} x={0} y={2} width={target} height={10} />
              <rect
                className={figure.reached ? styles.actualReached : styles.actualMissed}
                x={0}
                y={14}
                width={actual}
                height={12}
              />
              <line
                className={styles.target}
                x1={target}
                x2={target}
                y1={0}
                y2={28}
                vectorEffect="non-scaling-stroke"
              />
            </svg>
            <Caption1>
              {`${text} — ${figure.result.numerator.toLocaleString("fr-FR")} / ${figure.result.denominator.toLocaleString("fr-FR")}${figure.result.missing > 0 ? `, ${figure.result.missing} non renseigné(s)` : ""}`}
            </Caption1>
          </li>
        );
      })}
    </ul>
  );
}
