/**
 * Ready-made policies an organisation starts from, then edits (DESIGN §2). Targets are fractions.
 *
 * Phase years are defaults, not part of the source documents: the reference plan says "phase 1" and
 * "phase 2" without fixing calendar years here, so phase 1 = 2025–2026 and phase 2 = 2027–2028 until the
 * organisation sets its own (policy-table keys `phase.1.debut`, `phase.1.fin`, …).
 */
import { DEFAULT_LOCAL_RULES } from "./local-rules";
import type { IndicatorId } from "./indicators";
import type { IndicatorTargets, PhaseYears, Policy } from "./policy";
import { AXIS_IDS, type AxisId, type ScoringWeights } from "./types";

export type PresetId = "reference" | "metropole" | "pnad_2025" | "legal_floor";
export const PRESET_IDS: readonly PresetId[] = ["reference", "metropole", "pnad_2025", "legal_floor"];
export const DEFAULT_PRESET_ID: PresetId = "reference";

/** Default phase years (an assumption, see the file comment). */
export const DEFAULT_PHASE_1: PhaseYears = { startYear: 2025, endYear: 2026 };
export const DEFAULT_PHASE_2: PhaseYears = { startYear: 2027, endYear: 2028 };

/** The four axes weigh the same until the organisation decides otherwise. */
const EQUAL_WEIGHTS: ScoringWeights = {
  axisWeights: Object.fromEntries(AXIS_IDS.map((axis) => [axis, 1])) as Record<AxisId, number>,
  questionWeights: {},
  priorityActions: [],
};

/** Same target over both phases (plans that set one level "from" a year). */
const steady = (target: number): IndicatorTargets => ({ phase1: target, phase2: target });
const rising = (phase1: number, phase2: number): IndicatorTargets => ({ phase1, phase2 });

type Targets = Partial<Record<IndicatorId, IndicatorTargets>>;

function preset(
  presetId: PresetId,
  name: string,
  targets: Targets,
  phase1 = DEFAULT_PHASE_1,
  phase2 = DEFAULT_PHASE_2,
): Policy {
  return {
    name,
    presetId,
    phases: { phase1, phase2 },
    targets,
    rules: DEFAULT_LOCAL_RULES,
    weights: EQUAL_WEIGHTS,
    priorities: [],
  };
}

export const PRESETS: Readonly<Record<PresetId, Policy>> = {
  /** The plan of the seed documents: deployment targets phase 1 → phase 2 (DESIGN §2). */
  reference: preset("reference", "SPASER de référence (plan des documents sources)", {
    env_criterion: rising(0.3, 0.7),
    env_consideration: rising(0.5, 1),
    insertion_formal: rising(0.5, 0.8),
    social_consideration: rising(0.3, 0.6),
    circular_economy: rising(0.5, 0.8),
    sme_share: rising(0.5, 0.8),
  }),
  /** Another métropole's SPASER: 100 % environmental clauses, 30 % social clauses, 5 % of value from solidarity enterprises. */
  metropole: preset("metropole", "SPASER d'une métropole (clauses et achats solidaires)", {
    env_clause: steady(1),
    social_clause: steady(0.3),
    solidarity_value_share: steady(0.05),
  }),
  /** Plan national pour des achats durables: by 2025, 100 % environmental and 30 % social considerations. */
  pnad_2025: preset("pnad_2025", "Plan national pour des achats durables (PNAD, cibles 2025)", {
    env_consideration: steady(1),
    social_consideration: steady(0.3),
  }),
  /**
   * Loi Climat et Résilience art. 35 (CCP L2112-2), consultations launched from 2026-08-21: every
   * contract takes environmental considerations into account, hence 100 % from 2026. The social
   * consideration (L2112-2-1) applies only above the EU thresholds, so it gives no target over all
   * contracts.
   */
  legal_floor: preset(
    "legal_floor",
    "Plancher légal (Loi Climat et Résilience, consultations lancées à partir du 21/08/2026)",
    { env_consideration: steady(1) },
    { startYear: 2026, endYear: 2027 },
    { startYear: 2028, endYear: 2029 },
  ),
};

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

/** The preset of that id, or undefined. */
export function getPreset(id: string): Policy | undefined {
  return isPresetId(id) ? PRESETS[id] : undefined;
}
