import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Dropdown,
  Field,
  makeStyles,
  Option,
  tokens,
} from "@fluentui/react-components";
import { columnLetters } from "../../excel/a1";
import type { FoundTable } from "../../excel/operations";
import type { ContractsSource } from "../../excel/source";
import { FLAG_NAMES, RECORD_FIELD_LABELS, SCALAR_FIELDS, type RecordField } from "../../spaser/records";
import { useMessages } from "../MessagesContext";

const useStyles = makeStyles({
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  dropdown: { minWidth: "0", width: "100%" },
});

const UNUSED = "";

export interface MappingEditorProps {
  readonly table: FoundTable;
  readonly source: ContractsSource;
  readonly onChange: (source: ContractsSource) => void;
}

/** Sets the source's column of one field (or removes it). */
export function withField(
  source: ContractsSource,
  table: FoundTable,
  field: RecordField,
  value: string,
): ContractsSource {
  const mapping = { ...source.mapping };
  const column = table.columns.find((c) => String(c.column) === value);
  if (column) mapping[field] = { column: column.column, header: column.header };
  else delete mapping[field];
  return { ...source, mapping };
}

/** One Dropdown per field of a contract record: the table's column headers, or "not used". */
export function MappingEditor({ table, source, onChange }: MappingEditorProps) {
  const styles = useStyles();
  const t = useMessages();
  const label = (column: { column: number; header: string }) => `${column.header} (${columnLetters(column.column)})`;

  const fieldControl = (field: RecordField) => {
    const mapped = source.mapping[field];
    const current = mapped ? table.columns.find((c) => c.column === mapped.column) : undefined;
    const value = current ? String(current.column) : UNUSED;
    return (
      <Field key={field} label={RECORD_FIELD_LABELS[field]}>
        <Dropdown
          className={styles.dropdown}
          value={current ? label(current) : t.startUnused}
          selectedOptions={[value]}
          onOptionSelect={(_, data) => onChange(withField(source, table, field, data.optionValue ?? UNUSED))}
        >
          <Option value={UNUSED}>{t.startUnused}</Option>
          {table.columns.map((column) => (
            <Option key={column.column} value={String(column.column)}>
              {label(column)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };

  return (
    <div className={styles.fields}>
      {SCALAR_FIELDS.map(fieldControl)}
      <Accordion collapsible>
        <AccordionItem value="flags">
          <AccordionHeader>Indicateurs (colonnes oui / non)</AccordionHeader>
          <AccordionPanel>
            <div className={styles.fields}>{FLAG_NAMES.map(fieldControl)}</div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
