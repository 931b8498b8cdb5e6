import { describe, expect, it } from "vitest";
import { policyKeys, validatePolicy } from "../../spaser/policy";
import { PRESETS } from "../../spaser/presets";
import { policyFromFields, policyToFields } from "./policy-form";

describe("policy editor fields", () => {
  it("shows targets and fraction rules as percentages, and reads them back unchanged", () => {
    const fields = policyToFields(PRESETS.reference);
    expect(fields[policyKeys.target("env_criterion", "phase1")]).toBe("30");
    expect(fields[policyKeys.target("env_criterion", "phase2")]).toBe("70");
    expect(fields[policyKeys.rule("smallFirmAdvanceRate")]).toBe("30");
    expect(fields[policyKeys.rule("reservationCapHT")]).toBe("90000");
    expect(policyFromFields(PRESETS.reference, fields)).toEqual(PRESETS.reference);
  });

  it("reads French decimals and a trailing percent sign", () => {
    const fields = { ...policyToFields(PRESETS.reference), [policyKeys.target("sme_share", "phase1")]: "12,5 %" };
    expect(policyFromFields(PRESETS.reference, fields).targets.sme_share?.phase1).toBe(0.125);
  });

  it("an emptied target removes it; unreadable text is kept as an error the domain explains", () => {
    const fields = {
      ...policyToFields(PRESETS.reference),
      [policyKeys.target("env_criterion", "phase1")]: "",
      [policyKeys.target("env_criterion", "phase2")]: "",
      [policyKeys.rule("reservationCapHT")]: "beaucoup",
    };
    const policy = policyFromFields(PRESETS.reference, fields);
    expect(policy.targets.env_criterion).toBeUndefined();
    expect(validatePolicy(policy).map((e) => e.key)).toEqual([policyKeys.rule("reservationCapHT")]);
  });
});
