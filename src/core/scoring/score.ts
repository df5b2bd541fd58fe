// How signals become a score and a band (documented in docs/scoring.md).
//
// 1. Each signal has a weight by severity (SEVERITY_WEIGHTS): the chance, roughly, that it alone means fraud.
// 2. Within a family, weights combine by probabilistic OR, 1 − Π(1 − w), then are capped at FAMILY_CAP:
//    signals of one family are correlated (one broken webcam explains several interview signals).
// 3. Families combine by probabilistic OR again; score = round(100 × result), 0..100.
// 4. The band comes from the policy thresholds, with two floors: any `critical` signal forces the
//    critical band (and a score at least the critical threshold); any `high` signal is at least elevated,
//    and a `high` sanctions match (a name corroborated by a second identifier) is at least high: it must be
//    resolved before anyone is hired or paid, however quiet the rest of the file is.
import { getSignal } from '../catalog/signals.ts';
import type { Band, Policy, Severity, Signal, SignalFamily } from '../types.ts';

export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  low: 0.05,
  medium: 0.15,
  high: 0.35,
  critical: 0.9,
};
export const FAMILY_CAP = 0.6;
export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const BAND_RANK: Record<Band, number> = { low: 0, elevated: 1, high: 2, critical: 3 };

export type FamilyBreakdown = {
  family: SignalFamily;
  contribution: number;
  capped: boolean;
  signals: string[];
};
export type ScoreResult = { score: number; band: Band; breakdown: FamilyBreakdown[]; reasons: string[] };

export function familyOf(signal: Signal): SignalFamily {
  const def = getSignal(signal.id);
  if (def) return def.family;
  return signal.id.slice(0, signal.id.indexOf('.')) as SignalFamily;
}

export function bandForScore(score: number, bands: Policy['bands']): Band {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.elevated) return 'elevated';
  return 'low';
}

/** Signals ordered most important first: severity desc, then id. */
export function compareSignals(a: Signal, b: Signal): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const BAND_WORDS: Record<Band, string> = {
  low: 'low',
  elevated: 'elevated (a person should follow up)',
  high: 'high (verify identity before going further)',
  critical: 'critical (stop and escalate)',
};

/** Score and band of a set of fired signals (already filtered and re-rated by the policy). */
export function scoreSignals(signals: readonly Signal[], policy: Policy): ScoreResult {
  const families = new Map<SignalFamily, { keep: number; signals: string[] }>();
  let top: Severity | undefined;
  for (const s of signals) {
    const family = familyOf(s);
    let f = families.get(family);
    if (!f) {
      f = { keep: 1, signals: [] };
      families.set(family, f);
    }
    f.keep *= 1 - SEVERITY_WEIGHTS[s.severity];
    f.signals.push(s.id);
    if (!top || SEVERITY_RANK[s.severity] > SEVERITY_RANK[top]) top = s.severity;
  }
  const breakdown: FamilyBreakdown[] = [];
  let keep = 1;
  for (const [family, f] of families) {
    const raw = 1 - f.keep;
    const capped = raw > FAMILY_CAP;
    const p = capped ? FAMILY_CAP : raw;
    keep *= 1 - p;
    breakdown.push({ family, contribution: Math.round(p * 100), capped, signals: f.signals });
  }
  breakdown.sort((a, b) => b.contribution - a.contribution || (a.family < b.family ? -1 : 1));
  let score = Math.round((1 - keep) * 100);
  let band = bandForScore(score, policy.bands);
  const reasons: string[] = [];
  if (top === 'critical') {
    score = Math.max(score, policy.bands.critical);
    band = 'critical';
  } else if (top === 'high' && BAND_RANK[band] < BAND_RANK.elevated) {
    band = 'elevated';
  }
  const sanctionsHigh = signals.some((s) => s.severity === 'high' && familyOf(s) === 'sanctions');
  if (sanctionsHigh && BAND_RANK[band] < BAND_RANK.high) {
    score = Math.max(score, policy.bands.high);
    band = 'high';
    reasons.push(
      'A sanctions match backed by a second identifier puts this person in the high band at least: resolve it before hiring or paying.',
    );
  }

  if (signals.length === 0) {
    reasons.push(
      'No red flags were found in the data available. Checks that could not run are listed as gaps.',
    );
    return { score, band, breakdown, reasons };
  }
  const ordered = [...signals].sort(compareSignals);
  const criticals = ordered.filter((s) => s.severity === 'critical');
  if (criticals.length > 0) {
    reasons.push(
      `A critical signal puts this person in the critical band on its own: ${criticals.map((s) => getSignal(s.id)?.title ?? s.id).join('; ')}.`,
    );
  } else {
    const counts = (['high', 'medium', 'low'] as const)
      .map((sev) => [sev, ordered.filter((s) => s.severity === sev).length] as const)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${n} ${sev}`);
    reasons.push(
      `Score ${score} of 100 is ${BAND_WORDS[band]}: ${counts.join(', ')} signal(s) in ${breakdown.length} area(s).`,
    );
    if (top === 'high' && bandForScore(score, policy.bands) === 'low') {
      reasons.push('A high-severity signal always makes the band at least elevated.');
    }
  }
  for (const s of ordered) {
    reasons.push(
      `${s.severity[0]!.toUpperCase()}${s.severity.slice(1)}: ${getSignal(s.id)?.title ?? s.id}. ${s.explanation}`,
    );
  }
  for (const b of breakdown) {
    if (b.capped) {
      reasons.push(
        `The ${b.family} signals are related to each other, so together they count for at most ${Math.round(FAMILY_CAP * 100)} points.`,
      );
    }
  }
  return { score, band, breakdown, reasons };
}
