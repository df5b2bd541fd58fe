// Assessment of one subject or a population: run every detector, apply the policy's overrides,
// score, and list the checks that could not run with the step that fills each gap.
import type { CaseBundle } from './bundle/schema.ts';
import { CHECKS } from './catalog/checks.ts';
import { getSignal } from './catalog/signals.ts';
import { DETECTORS } from './detectors/registry.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { compareSignals, scoreSignals } from './scoring/score.ts';
import type {
  Assessment,
  DetailedAssessment,
  DetectorContext,
  DetectorOutcome,
  IntelLookups,
  NotEvaluated,
  Policy,
  Signal,
} from './types.ts';

export const DISABLED_REASON = 'turned off in the policy';
const NO_INTEL: IntelLookups = { available: new Set<string>() };

// For each check, the positions in DETECTORS of its signals (precomputed once).
const CHECK_DETECTORS = CHECKS.map((check) => ({
  check,
  positions: DETECTORS.flatMap((d, i) => (getSignal(d.signal)?.check === check.id ? [i] : [])),
})).filter((c) => c.positions.length > 0);

function runDetector(index: number, bundle: CaseBundle, ctx: DetectorContext): DetectorOutcome {
  const detector = DETECTORS[index]!;
  const override = ctx.policy.overrides[detector.signal];
  if (override?.disabled) return { status: 'not_evaluated', reason: DISABLED_REASON };
  let outcome: DetectorOutcome;
  try {
    outcome = detector.detect(bundle, ctx);
  } catch (error) {
    // A detector bug must not sink the whole assessment; it shows up as a gap with its message.
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 'not_evaluated', reason: `the check failed: ${detail}` };
  }
  if (outcome.status === 'evaluated' && override?.severity) {
    const severity = override.severity;
    return { status: 'evaluated', signals: outcome.signals.map((s) => ({ ...s, severity })) };
  }
  return outcome;
}

/** Assesses one subject at `ctx.now` under `ctx.policy`. Pure: same input, same output. */
export function assessSubject(bundle: CaseBundle, ctx: DetectorContext): DetailedAssessment {
  const outcomes = new Array<DetectorOutcome>(DETECTORS.length);
  const signals: Signal[] = [];
  for (let i = 0; i < DETECTORS.length; i++) {
    const outcome = runDetector(i, bundle, ctx);
    outcomes[i] = outcome;
    if (outcome.status === 'evaluated') for (const s of outcome.signals) signals.push(s);
  }
  signals.sort(compareSignals);

  // A check is "not evaluated" when none of its detectors could run.
  const gaps: NotEvaluated[] = [];
  for (const { check, positions } of CHECK_DETECTORS) {
    const reasons: string[] = [];
    let ran = false;
    for (const p of positions) {
      const o = outcomes[p]!;
      if (o.status === 'evaluated') {
        ran = true;
        break;
      }
      if (!reasons.includes(o.reason)) reasons.push(o.reason);
    }
    if (!ran) gaps.push({ check: check.id, reason: reasons.join('; '), step: check.step });
  }
  gaps.sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));

  const { score, band, breakdown, reasons } = scoreSignals(signals, ctx.policy);
  return {
    subject: bundle.subject.id,
    score,
    band,
    signals,
    notEvaluated: gaps.map((g) => g.check),
    assessedAt: ctx.now.toISOString(),
    gaps,
    breakdown,
    reasons,
  };
}

/** Assesses bundles that form one population (detectors comparing people see all of them), in input order. */
export function assessPopulation(
  bundles: CaseBundle[],
  opts: {
    now: Date;
    policy?: Policy;
    intel?: IntelLookups;
    dismissals?: ReadonlyMap<string, ReadonlySet<string>>;
  },
): DetailedAssessment[] {
  const ctx: DetectorContext = {
    now: opts.now,
    policy: opts.policy ?? DEFAULT_POLICY,
    intel: opts.intel ?? NO_INTEL,
    population: bundles,
    ...(opts.dismissals ? { dismissals: opts.dismissals } : {}),
  };
  return bundles.map((b) => assessSubject(b, ctx));
}

/** The public `assess --json` shape: exactly subject, score, band, signals, notEvaluated. */
export function toPublicAssessment(d: DetailedAssessment): Assessment {
  return {
    subject: d.subject,
    score: d.score,
    band: d.band,
    signals: d.signals.map((s) => ({
      id: s.id,
      severity: s.severity,
      explanation: s.explanation,
      evidence: s.evidence,
      sources: s.sources,
    })),
    notEvaluated: d.notEvaluated,
  };
}
