/**
 * The sheet as a spreadsheet grid: column letters and row numbers that stay in view (with the sheet's own
 * frozen panes), only the rows on screen rendered, click / Shift+click / keyboard selection. An ARIA grid
 * whose focus stays on the grid and whose active cell is named by aria-activedescendant.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { columnLetters } from "../sim/address";
import { cellSelection, type GridSelection, moveSelection, selectionRect, visibleRowWindow } from "./grid-navigation";
import type { SheetModel } from "./sheet-model";

export const ROW_HEIGHT_PX = 24;
export const ROW_HEADER_WIDTH_PX = 52;
/** Used when the browser gives no size (tests without layout): about a laptop screen of rows. */
const FALLBACK_VIEWPORT_PX = 640;

const useStyles = makeStyles({
  scroller: {
    position: "relative",
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  header: { position: "sticky", top: 0, zIndex: 3 },
  // Its own stacking layer under the sticky header, so spilling text never draws over the header.
  body: { position: "relative", zIndex: 1 },
  row: { display: "grid", height: `${ROW_HEIGHT_PX}px`, backgroundColor: tokens.colorNeutralBackground1 },
  bodyRow: { position: "absolute", left: 0 },
  cell: {
    boxSizing: "border-box",
    height: `${ROW_HEIGHT_PX}px`,
    lineHeight: `${ROW_HEIGHT_PX - 1}px`,
    paddingLeft: "4px",
    paddingRight: "4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
    cursor: "cell",
  },
  overflowing: { overflow: "visible", textOverflow: "clip", position: "relative", zIndex: 1 },
  frozenOverflowing: { overflow: "visible", textOverflow: "clip", zIndex: 3 },
  end: { textAlign: "end" },
  center: { textAlign: "center" },
  heading: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    textAlign: "center",
    fontWeight: tokens.fontWeightSemibold,
    cursor: "default",
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  headingSelected: { backgroundColor: tokens.colorNeutralBackground3Selected, color: tokens.colorBrandForeground2 },
  sticky: { position: "sticky", zIndex: 2 },
  frozenCell: { backgroundColor: tokens.colorNeutralBackground2 },
  frozenEdge: { borderRight: `2px solid ${tokens.colorNeutralStroke1}` },
  frozenBottom: { borderBottom: `2px solid ${tokens.colorNeutralStroke1}` },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  active: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
});

export interface GridProps {
  readonly sheet: SheetModel;
  readonly selection: GridSelection;
  readonly onSelectionChange: (selection: GridSelection) => void;
}

export function Grid({ sheet, selection, onSelectionChange }: GridProps) {
  const styles = useStyles();
  const idPrefix = useId().replace(/:/g, "");
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(FALLBACK_VIEWPORT_PX);

  const { frozenRows, frozenColumns, columnWidths, rowCount, columnCount } = sheet;
  const columnLefts = columnWidths.reduce<number[]>((lefts, width, i) => {
    lefts.push(i === 0 ? ROW_HEADER_WIDTH_PX : lefts[i - 1]! + columnWidths[i - 1]!);
    return lefts;
  }, []);
  const totalWidth = ROW_HEADER_WIDTH_PX + columnWidths.reduce((sum, w) => sum + w, 0);
  const template = `${ROW_HEADER_WIDTH_PX}px ${columnWidths.map((w) => `${w}px`).join(" ")}`;
  const headerHeight = (1 + frozenRows) * ROW_HEIGHT_PX;
  const frozenWidth =
    frozenColumns > 0 ? columnLefts[frozenColumns - 1]! + columnWidths[frozenColumns - 1]! : ROW_HEADER_WIDTH_PX;
  const rect = selectionRect(selection);
  const { active } = selection;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => setViewportHeight(element.clientHeight || FALLBACK_VIEWPORT_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new sheet starts at its top-left corner.
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0, left: 0 });
    setScrollTop(0);
  }, [sheet.name]);

  const scrollIntoView = useCallback(
    (row: number, column: number) => {
      const element = scroller.current;
      if (!element) return;
      const height = element.clientHeight || viewportHeight;
      if (row >= frozenRows) {
        const y = headerHeight + (row - frozenRows) * ROW_HEIGHT_PX;
        if (y < element.scrollTop + headerHeight) element.scrollTop = y - headerHeight;
        else if (y + ROW_HEIGHT_PX > element.scrollTop + height) element.scrollTop = y + ROW_HEIGHT_PX - height;
      }
      if (column >= frozenColumns) {
        const x = columnLefts[column] ?? 0;
        const width = columnWidths[column] ?? 0;
        if (x < element.scrollLeft + frozenWidth) element.scrollLeft = x - frozenWidth;
        else if (x + width > element.scrollLeft + element.clientWidth && element.clientWidth > 0)
          element.scrollLeft = x + width - element.clientWidth;
      }
      setScrollTop(element.scrollTop);
    },
    [columnLefts, columnWidths, frozenColumns, frozenRows, frozenWidth, headerHeight, viewportHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((viewportHeight - headerHeight) / ROW_HEIGHT_PX) - 1);
    const next = moveSelection(selection, event, { rowCount, columnCount, pageRows });
    if (!next) return;
    event.preventDefault();
    scrollIntoView(next.active.row, next.active.column);
    onSelectionChange(next);
  };

  const onCellMouseDown = (event: MouseEvent, row: number, column: number) => {
    if (event.button !== 0) return;
    const next = event.shiftKey ? { anchor: selection.anchor, active: { row, column } } : cellSelection(row, column);
    onSelectionChange(next);
  };
  const selectRow = (row: number) =>
    onSelectionChange({ anchor: { row, column: 0 }, active: { row, column: columnCount - 1 } });
  const selectColumn = (column: number) =>
    onSelectionChange({ anchor: { row: 0, column }, active: { row: rowCount - 1, column } });

  const cellId = (row: number, column: number) => `${idPrefix}-r${row}c${column}`;
  const inRect = (row: number, column: number) =>
    row >= rect.row &&
    row < rect.row + rect.rowCount &&
    column >= rect.column &&
    column < rect.column + rect.columnCount;

  const stickyLeft = (column: number): CSSProperties | undefined =>
    column < frozenColumns ? { left: `${columnLefts[column]}px` } : undefined;

  const renderRow = (row: number, style?: CSSProperties, className?: string) => {
    const rowSelected = row >= rect.row && row < rect.row + rect.rowCount;
    return (
      <div
        key={row}
        role="row"
        aria-rowindex={row + 2}
        className={mergeClasses(styles.row, className)}
        style={{ gridTemplateColumns: template, width: `${totalWidth}px`, ...style }}
      >
        <div
          role="rowheader"
          className={mergeClasses(
            styles.cell,
            styles.heading,
            styles.sticky,
            rowSelected && styles.headingSelected,
            row === frozenRows - 1 && styles.frozenBottom,
          )}
          style={{ left: 0 }}
          onMouseDown={(event) => event.button === 0 && selectRow(row)}
        >
          {row + 1}
        </div>
        {columnWidths.map((_, column) => {
          const cell = sheet.cell(row, column);
          const selected = inRect(row, column);
          const isActive = active.row === row && active.column === column;
          const frozen = column < frozenColumns;
          return (
            <div
              key={column}
              id={cellId(row, column)}
              role="gridcell"
              aria-colindex={column + 2}
              aria-selected={selected}
              title={cell.text.length > 12 ? cell.text : undefined}
              className={mergeClasses(
                styles.cell,
                cell.align === "end" && styles.end,
                cell.align === "center" && styles.center,
                frozen && styles.sticky,
                frozen && styles.frozenCell,
                cell.overflows && !frozen && styles.overflowing,
                cell.overflows && frozen && styles.frozenOverflowing,
                column === frozenColumns - 1 && styles.frozenEdge,
                row === frozenRows - 1 && styles.frozenBottom,
                selected && styles.selected,
                isActive && styles.active,
              )}
              style={stickyLeft(column)}
              onMouseDown={(event) => onCellMouseDown(event, row, column)}
            >
              {cell.text}
            </div>
          );
        })}
      </div>
    );
  };

  const rowWindow = visibleRowWindow(scrollTop, viewportHeight, ROW_HEIGHT_PX, frozenRows, rowCount);
  const bodyRows: number[] = [];
  for (let row = rowWindow.first; row <= rowWindow.last; row++) bodyRows.push(row);
  // The active cell stays in the document even when scrolled away: aria-activedescendant must name it.
  if (active.row >= frozenRows && (active.row < rowWindow.first || active.row > rowWindow.last))
    bodyRows.push(active.row);

  return (
    <div
      ref={scroller}
      role="grid"
      aria-label={`Feuille ${sheet.name}`}
      aria-rowcount={rowCount + 1}
      aria-colcount={columnCount + 1}
      aria-multiselectable="true"
      aria-activedescendant={cellId(active.row, active.column)}
      tabIndex={0}
      className={styles.scroller}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div role="rowgroup" className={styles.header} style={{ width: `${totalWidth}px` }}>
        <div role="row" aria-rowindex={1} className={styles.row} style={{ gridTemplateColumns: template }}>
          <div
            role="columnheader"
            className={mergeClasses(styles.cell, styles.heading, styles.sticky)}
            style={{ left: 0 }}
            aria-label="Numéros de ligne"
          />
          {columnWidths.map((_, column) => (
            <div
              key={column}
              role="columnheader"
              aria-colindex={column + 2}
              className={mergeClasses(
                styles.cell,
                styles.heading,
                column < frozenColumns && styles.sticky,
                column >= rect.column && column < rect.column + rect.columnCount && styles.headingSelected,
                column === frozenColumns - 1 && styles.frozenEdge,
              )}
              style={stickyLeft(column)}
              onMouseDown={(event) => event.button === 0 && selectColumn(column)}
            >
              {columnLetters(column)}
            </div>
          ))}
        </div>
        {Array.from({ length: frozenRows }, (_, row) => renderRow(row))}
      </div>
      <div
        role="rowgroup"
        className={styles.body}
        style={{ height: `${(rowCount - frozenRows) * ROW_HEIGHT_PX}px`, width: `${totalWidth}px` }}
      >
        {bodyRows.map((row) => renderRow(row, { top: `${(row - frozenRows) * ROW_HEIGHT_PX}px` }, styles.bodyRow))}
      </div>
    </div>
  );
}
