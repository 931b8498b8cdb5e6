/**
 * The workbench page: a workbook open in the Excel simulator, shown as a grid with its sheet tabs, next to
 * the real task pane driving that same workbook. Selecting cells in the grid is an Excel selection for the
 * pane; what the pane writes shows in the grid; SPASER formulas are recomputed with the real functions.
 */
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, DismissRegular, FolderOpenRegular } from "@fluentui/react-icons";
import { type ChangeEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createExcelOperations, type ExcelRun } from "../excel/excel-operations";
import type { SpaserOperations } from "../excel/operations";
import type { CellRect } from "../sim/address";
import { SimExcel } from "../sim";
import { loadWorkbook, saveWorkbook } from "../sim/xlsx-io";
import type { SimWorkbook } from "../sim/workbook";
import type { IsoDate } from "../spaser/types";
import { App } from "../taskpane/App";
import type { HostInfo } from "../taskpane/office-host";
import { ACCEPTED_FILES, downloadName, openFailureMessage, saveFailureMessage, XLSX_MIME } from "./files";
import { Grid } from "./Grid";
import { cellSelection, type GridSelection, selectionRect } from "./grid-navigation";
import { type FunctionCatalog, recalculateSpaser, spaserEvaluator } from "./sim-evaluator";
import { rectAddress, sheetModel } from "./sheet-model";

export const PANE_WIDTH_PX = 350;

export const FORMULA_NOTICE = "Les formules Excel autres que SPASER affichent leur dernière valeur calculée.";

const useStyles = makeStyles({
  root: { height: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  layout: { display: "flex", height: "100vh", overflow: "hidden" },
  workbook: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, gap: tokens.spacingVerticalXS },
  toolbar: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { marginRight: tokens.spacingHorizontalM },
  fileName: {
    marginLeft: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    maxWidth: "40ch",
  },
  bars: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  gridFrame: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minHeight: 0,
    margin: `0 ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tabs: {
    margin: `0 ${tokens.spacingHorizontalM}`,
    overflowX: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderTop: "none",
    flexShrink: 0,
  },
  status: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    minHeight: "1.5em",
  },
  pane: {
    width: `${PANE_WIDTH_PX}px`,
    flexShrink: 0,
    overflowY: "auto",
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  waiting: { padding: tokens.spacingHorizontalXXL },
});

/** The workbench is not Excel: the pane gets its operations from the simulator, and speaks French. */
const WORKBENCH_HOST: HostInfo = { inExcel: false, displayLanguage: "fr-FR" };
const detectWorkbenchHost = () => Promise.resolve(WORKBENCH_HOST);

export interface OpenedFile {
  readonly bytes: Uint8Array;
  readonly name: string;
}

interface Opened {
  readonly id: number;
  readonly workbook: SimWorkbook;
  readonly fileName: string;
  readonly operations: SpaserOperations;
}

interface Notice {
  readonly title: string;
  readonly text: string;
}

export interface WorkbenchProps {
  /** The SPASER functions by name; without it formulas keep their cached values. */
  readonly catalog?: FunctionCatalog;
  /** The file opened at start (the bundled sample). */
  readonly initialFile?: () => Promise<OpenedFile>;
  /** Hands the saved bytes to the user; default: a browser download. */
  readonly saveFile?: (bytes: Uint8Array, fileName: string) => void;
  /** The pane's date (tests fix it). */
  readonly today?: IsoDate;
}

function browserDownload(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function sameRect(a: CellRect, b: CellRect): boolean {
  return a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount;
}

const plural = (n: number, word: string) => `${n.toLocaleString("fr-FR")} ${word}${n > 1 ? "s" : ""}`;

export function Workbench({ catalog, initialFile, saveFile = browserDownload, today }: WorkbenchProps) {
  const styles = useStyles();
  const [opened, setOpened] = useState<Opened | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [sheetName, setSheetName] = useState("");
  const [selection, setSelection] = useState<GridSelection>(cellSelection(0, 0));
  const [busy, setBusy] = useState<string | undefined>(initialFile ? "Ouverture du classeur d'exemple…" : undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [lastAction, setLastAction] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const open = useCallback(
    async (file: OpenedFile) => {
      setBusy(`Ouverture de « ${file.name} »…`);
      try {
        const workbook = await loadWorkbook(file.bytes, file.name);
        let recalculated = 0;
        if (catalog) {
          workbook.setFormulaEvaluator(spaserEvaluator(workbook, catalog));
          recalculated = recalculateSpaser(workbook);
        }
        // Each pane operation is one Excel.run; what it wrote may feed SPASER formulas elsewhere.
        const run: ExcelRun = async (batch) => {
          try {
            return await SimExcel.run(workbook, batch as never);
          } finally {
            if (catalog) recalculateSpaser(workbook);
            refresh();
          }
        };
        const first = workbook.activeSheet();
        const visible = workbook.visibleSheets();
        const start = first && visible.includes(first) ? first : visible[0];
        setOpened({ id: nextId.current++, workbook, fileName: file.name, operations: createExcelOperations(run) });
        setSheetName(start?.name ?? "");
        setSelection(cellSelection(0, 0));
        setNotice(undefined);
        setLastAction(
          `Classeur « ${file.name} » ouvert : ${plural(visible.length, "feuille")}` +
            (recalculated > 0
              ? `, ${plural(recalculated, "formule")} SPASER recalculée${recalculated > 1 ? "s" : ""}.`
              : "."),
        );
      } catch (error) {
        setNotice({ title: "Ouverture impossible", text: openFailureMessage(error, file.name) });
        setLastAction(`« ${file.name} » n'a pas été ouvert.`);
      } finally {
        setBusy(undefined);
      }
    },
    [catalog, refresh],
  );

  useEffect(() => {
    if (!initialFile) return;
    let active = true;
    initialFile()
      .then((file) => (active ? open(file) : undefined))
      .catch((error: unknown) => {
        if (!active) return;
        setBusy(undefined);
        setNotice({
          title: "Classeur d'exemple indisponible",
          text: `Le classeur d'exemple n'a pas pu être chargé (${(error as Error).message}). Ouvrez un classeur.`,
        });
      });
    return () => {
      active = false;
    };
  }, [initialFile, open]);

  const workbook = opened?.workbook;
  // `version` changes whenever the pane wrote: sheets and cells are read again.
  const sheets = useMemo(() => (workbook ? workbook.visibleSheets().map((ws) => ws.name) : []), [workbook, version]);
  const currentSheet = sheets.includes(sheetName) ? sheetName : sheets[0];
  const model = useMemo(() => {
    const ws = currentSheet ? workbook?.sheet(currentSheet) : undefined;
    return ws ? sheetModel(ws) : undefined;
  }, [workbook, currentSheet, version]);

  // When the pane moves the selection (range.select()), the grid follows.
  useEffect(() => {
    if (!workbook) return;
    const host = workbook.selected();
    if (!sheets.includes(host.sheet.name)) return;
    if (host.sheet.name !== currentSheet) {
      setSheetName(host.sheet.name);
      setSelection({
        anchor: { row: host.rect.row, column: host.rect.column },
        active: { row: host.rect.row, column: host.rect.column },
      });
    } else if (!sameRect(host.rect, selectionRect(selection))) {
      const { row, column, rowCount, columnCount } = host.rect;
      setSelection({ anchor: { row, column }, active: { row: row + rowCount - 1, column: column + columnCount - 1 } });
    }
    // Only after a pane operation (version): the grid's own changes reach the host before any operation ends.
  }, [version]);

  const selectInHost = (sheet: string, next: GridSelection) => {
    if (!workbook) return;
    void workbook.select(rectAddress(selectionRect(next)), sheet).catch((error: unknown) => {
      setLastAction(`Sélection non transmise au volet : ${(error as Error).message}`);
    });
  };

  const onSelectionChange = (next: GridSelection) => {
    if (!currentSheet) return;
    setSelection(next);
    selectInHost(currentSheet, next);
  };

  const onSheetSelect = (name: string) => {
    setSheetName(name);
    const start = cellSelection(0, 0);
    setSelection(start);
    selectInHost(name, start);
  };

  const onFileChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again opens it again
    if (!file) return;
    await open({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
  };

  const onDownload = async () => {
    if (!opened) return;
    const name = downloadName(opened.fileName);
    setBusy(`Enregistrement de « ${name} »…`);
    try {
      const bytes = await saveWorkbook(opened.workbook);
      saveFile(bytes, name);
      setNotice(undefined);
      setLastAction(`Classeur téléchargé : « ${name} » (${plural(Math.ceil(bytes.length / 1024), "Ko")}).`);
    } catch (error) {
      setNotice({ title: "Téléchargement refusé", text: saveFailureMessage(error) });
      setLastAction("Le classeur n'a pas été téléchargé.");
    } finally {
      setBusy(undefined);
    }
  };

  const rect = selectionRect(selection);
  const position = model
    ? `Feuille « ${model.name} » : ${plural(model.rowCount, "ligne")} × ${plural(model.columnCount, "colonne")}` +
      (model.truncatedColumns ? " (colonnes suivantes non affichées)" : "") +
      ` · sélection ${rectAddress(rect)}`
    : "";

  return (
    <FluentProvider theme={webLightTheme} lang="fr" className={styles.root}>
      <div className={styles.layout}>
        <section aria-label="Classeur" className={styles.workbook}>
          <header className={styles.toolbar}>
            <Subtitle2 as="h1" className={styles.title}>
              Atelier SPASER
            </Subtitle2>
            <Button
              icon={<FolderOpenRegular />}
              onClick={() => fileInput.current?.click()}
              disabled={busy !== undefined}
            >
              Ouvrir un classeur…
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPTED_FILES}
              aria-label="Classeur à ouvrir (.xlsx ou .csv)"
              hidden
              onChange={(event) => void onFileChosen(event)}
            />
            <Button
              icon={<ArrowDownloadRegular />}
              onClick={() => void onDownload()}
              disabled={!opened || busy !== undefined}
            >
              Télécharger
            </Button>
            {opened && (
              <Text className={styles.fileName} title={opened.fileName}>
                {opened.fileName}
              </Text>
            )}
            {busy && <Spinner size="tiny" label={busy} />}
          </header>
          <div className={styles.bars}>
            <MessageBar intent="info">
              <MessageBarBody>{FORMULA_NOTICE}</MessageBarBody>
            </MessageBar>
            {notice && (
              <MessageBar intent="error">
                <MessageBarBody>
                  <MessageBarTitle>{notice.title}</MessageBarTitle>
                  {notice.text}
                </MessageBarBody>
                <MessageBarActions
                  containerAction={
                    <Button
                      appearance="transparent"
                      aria-label="Fermer le message"
                      icon={<DismissRegular />}
                      onClick={() => setNotice(undefined)}
                    />
                  }
                />
              </MessageBar>
            )}
          </div>
          <div className={styles.gridFrame}>
            {model && currentSheet ? (
              <Grid sheet={model} selection={selection} onSelectionChange={onSelectionChange} />
            ) : (
              !busy && (
                <Text className={styles.waiting}>Aucun classeur ouvert : choisissez « Ouvrir un classeur… ».</Text>
              )
            )}
          </div>
          {sheets.length > 0 && (
            <TabList
              className={styles.tabs}
              size="small"
              aria-label="Feuilles du classeur"
              selectedValue={currentSheet}
              onTabSelect={(_, data) => onSheetSelect(String(data.value))}
            >
              {sheets.map((name) => (
                <Tab key={name} value={name}>
                  {name}
                </Tab>
              ))}
            </TabList>
          )}
          <div role="status" className={styles.status}>
            {[position, lastAction].filter(Boolean).join(" — ")}
          </div>
        </section>
        <div className={styles.pane}>
          {opened ? (
            <App key={opened.id} detectHost={detectWorkbenchHost} operations={opened.operations} today={today} />
          ) : (
            busy && <Spinner className={styles.waiting} label="Le volet SPASER attend le classeur…" />
          )}
        </div>
      </div>
    </FluentProvider>
  );
}
