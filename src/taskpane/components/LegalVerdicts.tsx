import { Caption1, Checkbox, Field, Input, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Policy } from "../../spaser/policy";
import type { ContractRecord } from "../../spaser/records";
import { INCLUSIVE_OFFER_TYPES, type InclusiveOfferType } from "../../spaser/rules/reserve";
import type { MessageKey } from "../i18n";
import { format } from "../i18n";
import { useMessages } from "../MessagesContext";
import { legalVerdicts, type VerdictId } from "../model/legal-verdicts";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  offers: { display: "flex", flexWrap: "wrap" },
  list: { margin: 0, padding: 0, listStyleType: "none", display: "grid", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column" },
  basis: { color: tokens.colorNeutralForeground3 },
});

const TITLES: Readonly<Record<VerdictId, MessageKey>> = {
  reservation: "verdictReservation",
  insertion: "verdictInsertion",
  advance: "verdictAdvance",
  priceRevision: "verdictPriceRevision",
  loiClimat: "verdictLoiClimat",
};

/** The legal verdicts on the contract (reservation, insertion, avance, price revision, Loi Climat), explained. */
export function LegalVerdicts({ record, policy }: { record: ContractRecord; policy: Policy }) {
  const styles = useStyles();
  const t = useMessages();
  const [launchDate, setLaunchDate] = useState("");
  const [offers, setOffers] = useState<readonly InclusiveOfferType[]>([]);
  const lines = useMemo(
    () => legalVerdicts({ record, policy, offers, ...(launchDate ? { launchDate } : {}) }),
    [record, policy, offers, launchDate],
  );
  const toggle = (offer: InclusiveOfferType, checked: boolean) =>
    setOffers((current) => (checked ? [...current, offer] : current.filter((o) => o !== offer)));

  return (
    <section className={styles.root} aria-label={t.cotationVerdicts}>
      <Subtitle2 as="h3">{t.cotationVerdicts}</Subtitle2>
      <Field label={t.cotationLaunchDate}>
        <Input type="date" value={launchDate} onChange={(_, data) => setLaunchDate(data.value)} />
      </Field>
      <fieldset className={styles.offers}>
        <legend>{t.cotationOffers}</legend>
        {INCLUSIVE_OFFER_TYPES.map((offer) => (
          <Checkbox
            key={offer}
            label={offer}
            checked={offers.includes(offer)}
            onChange={(_, data) => toggle(offer, data.checked === true)}
          />
        ))}
      </fieldset>
      <ul className={styles.list}>
        {lines.map((line) => (
          <li key={line.id} className={styles.item}>
            <Text weight="semibold">
              {`${t[TITLES[line.id]]} : ${line.kind === "verdict" ? line.headline : line.kind === "needs" ? format(t.verdictNeeds, { what: line.missing }) : line.message}`}
            </Text>
            {line.kind === "verdict" && (
              <>
                <Text size={200}>{line.explanation}</Text>
                <Caption1 className={styles.basis}>{line.basis.join(" · ")}</Caption1>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
