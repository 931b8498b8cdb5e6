import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { AXIS_LABELS } from "../../spaser/actions";
import { INDICATORS } from "../../spaser/indicators";
import { RULE_KEYS, RULE_SPECS } from "../../spaser/local-rules";
import { PHASE_IDS, PHASE_LABELS, policyKeys, validatePolicy, type Policy } from "../../spaser/policy";
import { isPresetId, PRESET_IDS, PRESETS } from "../../spaser/presets";
import { AXIS_IDS } from "../../spaser/types";
import { OperationStatus } from "../components/OperationStatus";
import { PolicyNumberField } from "../components/PolicyNumberField";
import { useOperation } from "../hooks/useOperation";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { isPercentRule, policyFromFields, policyToFields, type PolicyFields } from "../model/policy-form";
import { useOperations } from "../OperationsContext";
import { useSession } from "../SessionContext";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
});

/** The policy editor: a preset to start from, targets, phase years, local rules and axis weights. */
export function SettingsView() {
  const styles = useStyles();
  const t = useMessages();
  const operations = useOperations();
  const session = useSession();
  const [base, setBase] = useState<Policy>(session.policy);
  const [fields, setFields] = useState<PolicyFields>(() => policyToFields(session.policy));
  const [presetNote, setPresetNote] = useState(false);
  const save = useOperation();

  const policy = useMemo(() => policyFromFields(base, fields), [base, fields]);
  const errors = useMemo(() => validatePolicy(policy), [policy]);
  const errorOf = (key: string) => {
    const found = errors.filter((e) => e.key === key).map((e) => e.message);
    return found.length > 0 ? found.join(" ") : undefined;
  };
  const set = (key: string) => (text: string) => setFields((current) => ({ ...current, [key]: text }));

  const choosePreset = (id: string | undefined) => {
    if (!id || !isPresetId(id)) return;
    setBase(PRESETS[id]);
    setFields(policyToFields(PRESETS[id]));
    setPresetNote(true);
    save.reset();
  };
  const backToWorkbook = () => {
    setBase(session.policy);
    setFields(policyToFields(session.policy));
    setPresetNote(false);
    save.reset();
  };
  const write = async () => {
    if (errors.length > 0) return;
    const done = await save.run(() => operations.writePolicy(policy));
    if (done) {
      setPresetNote(false);
      await session.reload();
    }
  };

  const field = (key: string, label: string, unit?: string, hideLabel?: boolean) => (
    <PolicyNumberField
      key={key}
      label={label}
      hideLabel={hideLabel}
      value={fields[key] ?? ""}
      unit={unit}
      error={errorOf(key)}
      onChange={set(key)}
    />
  );

  return (
    <section className={styles.root} aria-label={t.tabSettings}>
      <Field label={t.settingsPreset}>
        <Dropdown
          value={PRESETS[isPresetId(base.presetId) ? base.presetId : "reference"].name}
          selectedOptions={[base.presetId]}
          onOptionSelect={(_, data) => choosePreset(data.optionValue)}
        >
          {PRESET_IDS.map((id) => (
            <Option key={id} value={id}>
              {PRESETS[id].name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {presetNote && <Caption1>{t.settingsPresetApplied}</Caption1>}
      <Field
        label={t.settingsName}
        validationMessage={errorOf(policyKeys.name)}
        validationState={errorOf(policyKeys.name) ? "error" : "none"}
      >
        <Input value={fields[policyKeys.name] ?? ""} onChange={(_, data) => set(policyKeys.name)(data.value)} />
      </Field>

      <Accordion multiple collapsible defaultOpenItems={["targets"]}>
        <AccordionItem value="phases">
          <AccordionHeader>{t.settingsPhases}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.group}>
              {PHASE_IDS.map((phase) => (
                <div key={phase} className={styles.pair}>
                  {field(policyKeys.phaseStart(phase), format(t.settingsPhaseStart, { phase: PHASE_LABELS[phase] }))}
                  {field(policyKeys.phaseEnd(phase), format(t.settingsPhaseEnd, { phase: PHASE_LABELS[phase] }))}
                </div>
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="targets">
          <AccordionHeader>{t.settingsTargets}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.group}>
              {/* Column headings once, so each input only needs "%" and stays one line at pane width. */}
              <div className={styles.pair} aria-hidden="true">
                {PHASE_IDS.map((phase) => (
                  <Text key={phase} size={200} weight="semibold">
                    {PHASE_LABELS[phase]}
                  </Text>
                ))}
              </div>
              {INDICATORS.map((indicator) => (
                <div key={indicator.id} className={styles.group}>
                  <Text size={200} weight="semibold">
                    {indicator.labelFr}
                  </Text>
                  <div className={styles.pair}>
                    {PHASE_IDS.map((phase) =>
                      field(
                        policyKeys.target(indicator.id, phase),
                        `${indicator.labelFr} — ${PHASE_LABELS[phase]}`,
                        "%",
                        true,
                      ),
                    )}
                  </div>
                </div>
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="rules">
          <AccordionHeader>{t.settingsRules}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.group}>
              {RULE_KEYS.map((key) =>
                field(policyKeys.rule(key), RULE_SPECS[key].labelFr, isPercentRule(key) ? "%" : undefined),
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="weights">
          <AccordionHeader>{t.settingsWeights}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.group}>
              {AXIS_IDS.map((axis) => field(policyKeys.axisWeight(axis), AXIS_LABELS[axis]))}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      {errors.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{format(t.settingsInvalid, { n: errors.length })}</MessageBarTitle>
            {errors.map((e) => e.message).join(" ")}
          </MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" disabled={save.running || errors.length > 0} onClick={() => void write()}>
        {t.settingsSave}
      </Button>
      <Button appearance="subtle" onClick={backToWorkbook}>
        {t.settingsReset}
      </Button>
      <OperationStatus state={save.state} />
    </section>
  );
}
