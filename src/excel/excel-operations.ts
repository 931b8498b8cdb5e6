/**
 * The task pane's operations over the Excel JavaScript API (SpaserOperations). Each operation is one
 * Excel.run; reads load whole blocks in one request, writes go in one request after every check, and the
 * number of syncs never depends on the number of rows. In Excel: `createExcelOperations((b) => Excel.run(b))`;
 * on the simulator: `createExcelOperations((b) => SimExcel.run(workbook, b as never))`.
 */
import { isSiret } from "../decp/vocabulary";
import { isoFromParts } from "../spaser/dates";
import { MAX_PLAN_YEAR, MIN_PLAN_YEAR, validatePolicy, type Policy } from "../spaser/policy";
import { policyToTable } from "../spaser/policy-table";
import { getPreset } from "../spaser/presets";
import type { IsoDate } from "../spaser/types";
import { parseRect, rectAddress } from "./a1";
import { buildCommitteeInContext } from "./committee";
import { isOwnedHeader, NAMES, OWNED_SHEETS } from "./constants";
import { checkHeaders, readContracts } from "./contracts";
import { PRIORITY_LABELS, readSnapshot, saveCotationInContext, savedCotations, toSummary } from "./cotations";
import { buildDashboardInContext } from "./dashboard";
import { WorkbookRefusal } from "./errors";
import { inspectWorkbook } from "./inspect";
import type {
  ContractSummary,
  DecpExportResult,
  DecpImportConfirmation,
  FoundTable,
  LongOperationOptions,
  SpaserOperations,
  StartState,
  WriteConfirmation,
} from "./operations";
import { selectedSheetRow } from "./selection";
import {
  BLANK_CONTRACTS_HEADERS,
  createBlankContractsTable,
  ensureCotationsSheet,
  ensurePolicySheet,
  readPolicy,
  writeMapping,
} from "./sheets";
import { ownTableSource, sourceFromInspection, sourceFromRows, type ContractsSource } from "./source";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelOperationsOptions {
  /** Today's date (tests fix it); default: the computer's date. */
  readonly today?: () => IsoDate;
}

/** The policy a workbook starts with when none is stored: the reference plan. */
const DEFAULT_POLICY_ID = "reference";

function localToday(): IsoDate {
  const now = new Date();
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function defaultPolicy(): Policy {
  const policy = getPreset(DEFAULT_POLICY_ID);
  if (!policy) throw new Error(`Preset ${DEFAULT_POLICY_ID} missing`);
  return policy;
}

/** Refuses an invalid policy with the domain's French messages; nothing is written. Pure. */
export function checkPolicy(policy: Policy): void {
  const errors = validatePolicy(policy);
  if (errors.length === 0) return;
  const more =
    errors.length > 1
      ? ` (et ${errors.length - 1} autre${errors.length > 2 ? "s" : ""} problème${errors.length > 2 ? "s" : ""})`
      : "";
  throw new WorkbookRefusal("mapping", `Paramètres non enregistrés : ${errors[0]!.message}${more}.`);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_PLAN_YEAR || year > MAX_PLAN_YEAR) {
    throw new WorkbookRefusal(
      "mapping",
      `Année ${String(year)} invalide : une année entre ${MIN_PLAN_YEAR} et ${MAX_PLAN_YEAR} est attendue.`,
    );
  }
}

/** The mapping of the blank contracts table, from its own headers (the same recognition as any table). Pure. */
export function blankTableSource(): ContractsSource {
  return ownTableSource(BLANK_CONTRACTS_HEADERS);
}

/** Loads the header row of a source (one sync, after the sheet was found); refuses when it moved. */
async function checkSourceHeaders(context: Excel.RequestContext, source: ContractsSource): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(source.sheet);
  await context.sync();
  if (sheet.isNullObject) {
    throw new WorkbookRefusal(
      "not-found",
      `La feuille «\u00a0${source.sheet}\u00a0» est introuvable : rien n'a été écrit.`,
    );
  }
  const header = sheet.getRangeByIndexes(
    source.headerRow - 1,
    source.firstColumn,
    1,
    source.lastColumn - source.firstColumn + 1,
  );
  header.load("values");
  await context.sync();
  checkHeaders(source, header.values[0] ?? []);
}

/** Address of the stored mapping, for the confirmation (one sync). */
async function mappingAddress(context: Excel.RequestContext): Promise<string> {
  const range = context.workbook.names.getItem(NAMES.mapping).getRange();
  range.load("address");
  await context.sync();
  return range.address;
}

/**
 * The DECP code (parser, workbook layer, exporter with ajv, official schema), loaded on first use: webpack
 * puts it in separate chunks, out of the pane's initial bundle.
 */
function loadDecp() {
  return Promise.all([
    import(/* webpackChunkName: "decp" */ "../decp/import"),
    import(/* webpackChunkName: "decp" */ "./decp-workbook"),
    import(/* webpackChunkName: "decp" */ "../decp/export"),
    import(/* webpackChunkName: "decp-schema" */ "../decp/schema"),
  ]).then(([parser, workbook, exporter, schema]) => ({
    importDecp: parser.importDecp,
    writeDecpImport: workbook.writeDecpImport,
    readDecpExportRows: workbook.readDecpExportRows,
    exportDecp2024: exporter.exportDecp2024,
    schema: schema.DECP_SCHEMA,
  }));
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

export function createExcelOperations(run: ExcelRun, options: ExcelOperationsOptions = {}): SpaserOperations {
  const today = options.today ?? localToday;

  const selectedRow = (source: ContractsSource) => run((context) => selectedSheetRow(context, source));

  return {
    start: () =>
      run(async (context): Promise<StartState> => {
        const report = await inspectWorkbook(context);
        const mappingName = context.workbook.names.getItemOrNullObject(NAMES.mapping);
        await context.sync();
        const storedRange = mappingName.isNullObject ? undefined : mappingName.getRange();
        storedRange?.load("values");
        const headerRows = report.tables.map((table) => {
          const { headerRow, firstColumn, lastColumn } = table.detection;
          const range = context.workbook.worksheets
            .getItem(table.sheet)
            .getRangeByIndexes(headerRow - 1, firstColumn, 1, lastColumn - firstColumn + 1);
          range.load("values");
          return range;
        });
        await context.sync();

        const found: FoundTable[] = report.tables.map((table, i) => {
          const { detection } = table;
          const columns = (headerRows[i]!.values[0] ?? [])
            .map((cell, j) => ({
              column: detection.firstColumn + j,
              header: cell === null || cell === undefined ? "" : String(cell).trim(),
            }))
            .filter((c) => c.header !== "" && !isOwnedHeader(c.header));
          const truncated = table.truncated
            ? [
                {
                  severity: "avertissement" as const,
                  message: "Tableau très long : seules les premières lignes ont été examinées.",
                },
              ]
            : [];
          return {
            sheet: table.sheet,
            address: detection.address,
            ...(table.tableName ? { tableName: table.tableName } : {}),
            rows: detection.rows,
            columns,
            source: sourceFromInspection(table),
            problems: [...detection.problems, ...truncated],
          };
        });

        let stored: ContractsSource | undefined;
        let storedProblem: string | undefined;
        if (storedRange) {
          const reading = sourceFromRows(storedRange.values);
          if (!reading.ok) storedProblem = reading.message;
          else {
            stored = reading.source;
            if (!report.sheets.some((s) => s.name === stored!.sheet)) {
              storedProblem = `La feuille «\u00a0${stored.sheet}\u00a0» de la correspondance enregistrée n'existe plus : choisissez le tableau des marchés.`;
            } else {
              const header = context.workbook.worksheets
                .getItem(stored.sheet)
                .getRangeByIndexes(
                  stored.headerRow - 1,
                  stored.firstColumn,
                  1,
                  stored.lastColumn - stored.firstColumn + 1,
                );
              header.load("values");
              await context.sync();
              try {
                checkHeaders(stored, header.values[0] ?? []);
              } catch (error) {
                if (!(error instanceof WorkbookRefusal)) throw error;
                storedProblem = error.message;
              }
            }
          }
        }
        const policy = await readPolicy(context);
        return {
          ...(stored ? { stored } : {}),
          ...(storedProblem ? { storedProblem } : {}),
          found,
          rejected: report.rejected,
          policy,
        };
      }),

    confirmMapping: (source, policy) =>
      run(async (context): Promise<WriteConfirmation> => {
        if (policy) checkPolicy(policy);
        await checkSourceHeaders(context, source);
        const policyReport = await ensurePolicySheet(context, policy ?? defaultPolicy());
        await ensureCotationsSheet(context);
        await writeMapping(context, source);
        const address = await mappingAddress(context);
        const kept = policyReport.kept.length > 0 ? " Paramètres existants conservés." : " Paramètres du SPASER créés.";
        return {
          message: `Correspondance des colonnes de «\u00a0${source.sheet}\u00a0» enregistrée dans «\u00a0${OWNED_SHEETS.policy}\u00a0».${kept}`,
          addresses: [address],
        };
      }),

    createBlankTable: () =>
      run(async (context): Promise<WriteConfirmation> => {
        const source = blankTableSource();
        await ensurePolicySheet(context, defaultPolicy());
        await ensureCotationsSheet(context);
        const created = await createBlankContractsTable(context);
        if (created.kept.length > 0) await checkSourceHeaders(context, source);
        await writeMapping(context, source);
        const address = await mappingAddress(context);
        const table = `${OWNED_SHEETS.contracts}!${rectAddress(1, 0, 2, source.lastColumn)}`;
        return {
          message:
            created.kept.length > 0
              ? `Le tableau «\u00a0${OWNED_SHEETS.contracts}\u00a0» existait déjà : conservé, et sa correspondance enregistrée.`
              : `Tableau des marchés vierge créé dans «\u00a0${OWNED_SHEETS.contracts}\u00a0», avec les paramètres du SPASER : saisissez vos marchés.`,
          addresses: [table, address],
        };
      }),

    listContracts: (source) =>
      run(async (context): Promise<readonly ContractSummary[]> => {
        const snapshot = await readSnapshot(context, source);
        const saved = savedCotations(snapshot);
        return snapshot.contracts.rows.map((row) => toSummary(row, saved.get(row.key)));
      }),

    saveCotation: (source, contract, answers, author) =>
      run(async (context): Promise<WriteConfirmation> => {
        const report = await saveCotationInContext(context, source, contract, answers, author, today());
        const action = report.updated ? "mise à jour" : "enregistrée";
        return {
          message: `Cotation du marché ${contract.key} ${action} (ligne ${report.cotationRow} de ${OWNED_SHEETS.cotations}) : potentiel durable ${Math.round(report.score.overall)}/100, priorité ${PRIORITY_LABELS[report.score.priority.level].toLowerCase()}.`,
          addresses: report.addresses,
        };
      }),

    selectedRow,

    onSelectionChanged: async (source, handler) => {
      const registration = await run(async (context) => {
        const result = context.workbook.onSelectionChanged.add(async () => {
          try {
            handler(await selectedRow(source));
          } catch {
            handler(undefined);
          }
        });
        await context.sync();
        return result;
      });
      return () => {
        registration.remove();
        void registration.context.sync().catch(() => undefined);
      };
    },

    writePolicy: (policy) =>
      run(async (context): Promise<WriteConfirmation> => {
        checkPolicy(policy);
        const rows = policyToTable(policy, { labels: true });
        const name = context.workbook.names.getItemOrNullObject(NAMES.policy);
        await context.sync();
        if (!name.isNullObject) {
          const current = name.getRange();
          current.load("address");
          await context.sync();
          const rect = parseRect(current.address);
          // A table of another length: clear the old rows and re-create the name over the new table.
          if (rect && rect.lastRow - rect.firstRow + 1 !== rows.length) {
            context.workbook.worksheets
              .getItem(OWNED_SHEETS.policy)
              .getRange(rectAddress(rect.firstRow, 0, rect.lastRow, rows[0]!.length - 1))
              .clear("Contents");
            name.delete();
          }
        }
        await ensurePolicySheet(context, policy, { overwrite: true });
        return {
          message: `Paramètres «\u00a0${policy.name}\u00a0» enregistrés dans «\u00a0${OWNED_SHEETS.policy}\u00a0» : les formules SPASER.* se recalculent.`,
          addresses: [`${OWNED_SHEETS.policy}!${rectAddress(1, 0, rows.length, rows[0]!.length - 1)}`],
        };
      }),

    buildDashboard: async (source, year, longOptions?: LongOperationOptions) => {
      checkYear(year);
      return run((context) => buildDashboardInContext(context, source, year, today(), longOptions));
    },

    buildCommitteeList: async (source, year, longOptions?: LongOperationOptions) => {
      checkYear(year);
      return run((context) => buildCommitteeInContext(context, source, year, today(), longOptions));
    },

    importDecp: async (fileName, text): Promise<DecpImportConfirmation> => {
      const decp = await loadDecp();
      const result = decp.importDecp(text, fileName);
      if (!result.ok) throw new WorkbookRefusal("mapping", `${result.message} Rien n'a été écrit.`);
      if (result.rows.length === 0) {
        throw new WorkbookRefusal(
          "mapping",
          `Aucun marché à importer dans «\u00a0${fileName}\u00a0» (${plural(result.counts.rejected, "rejeté")}, ${plural(result.counts.skipped, "concession")}) : rien n'a été écrit.`,
        );
      }
      const written = await run((context) => decp.writeDecpImport(context, result.rows, defaultPolicy()));
      const c = result.counts;
      return {
        message:
          `${plural(c.rows, "marché")} importé${c.rows > 1 ? "s" : ""} dans «\u00a0${OWNED_SHEETS.contracts}\u00a0» ` +
          `(${plural(c.duplicates, "doublon")} écarté${c.duplicates > 1 ? "s" : ""}, ${plural(c.rejected, "enregistrement")} rejeté${c.rejected > 1 ? "s" : ""}). ` +
          "Ce tableau est désormais le tableau des marchés du complément.",
        addresses: written.addresses,
        format: result.format,
        counts: {
          records: c.records,
          rows: c.rows,
          duplicates: c.duplicates,
          rejected: c.rejected,
          skipped: c.skipped,
        },
        duplicates: result.duplicates.map((d) => ({ key: d.key, count: d.count, identical: d.identical })),
        rejected: result.rejected.map((r) => ({ index: r.index, id: r.id, reason: r.reason })),
      };
    },

    exportDecp: async (source, siret): Promise<DecpExportResult> => {
      const buyer = siret.replace(/\s+/g, "");
      if (buyer !== "" && !isSiret(buyer)) {
        throw new WorkbookRefusal("mapping", `SIRET invalide : «\u00a0${siret}\u00a0» (14 chiffres attendus).`);
      }
      const decp = await loadDecp();
      const rows = await run(async (context) => {
        await checkSourceHeaders(context, source);
        const read = await readContracts(context, source);
        return decp.readDecpExportRows(context, source, read.rows, buyer);
      });
      if (rows.length === 0) {
        throw new WorkbookRefusal("not-found", "Le tableau des marchés est vide : aucun marché à exporter.");
      }
      if (rows.some((row) => !row.buyerSiret)) {
        throw new WorkbookRefusal(
          "mapping",
          "Indiquez le SIRET de l'acheteur (14 chiffres) : le tableau des marchés ne le donne pas.",
        );
      }
      const exported = decp.exportDecp2024(rows, decp.schema, {
        buyer: buyer || rows[0]!.buyerSiret!,
        publicationDate: today(),
      });
      return {
        ...(exported.json !== undefined ? { json: exported.json } : {}),
        problems: exported.problems.map((p) => ({ contract: p.contract, field: p.field, message: p.message })),
        contracts: exported.contracts,
      };
    },
  };
}
