// network.input-latency — the median input latency over at least policy.network.inputLatencyMinSamples
// measurements is above policy.network.inputLatencyMaxMs (150 ms). The model: a person at the machine
// sees 10–50 ms; working remotely to company systems on the same continent adds at most ~100 ms of round
// trip, so 150 ms is a generous ceiling for anyone who is where they claim. Controlling the machine from
// another continent (e.g. through a laptop farm and a remote-control tool) adds 150–350 ms.
import type { Detector, DetectorOutcome, NetworkPolicy } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { plural } from '../util.ts';
import type { LoginFindings } from './analyzer.ts';
import { analyzeBundleLogins, NO_LOGINS } from './bundle-analysis.ts';
import { type Claimed, claimedText, fireDetailed, loginEvidence } from './explain.ts';
import { formatNumber, formatUtc } from './geo.ts';
import type { ResolvedLogin } from './resolve.ts';

const def = requireSignal('network.input-latency');

export function inputLatencyOutcome(
  findings: LoginFindings,
  policy: NetworkPolicy,
  claimed: Claimed,
  loginAt?: (index: number) => ResolvedLogin | undefined,
): DetectorOutcome {
  const { latency } = findings;
  const median = latency.medianMs;
  if (median === undefined || latency.samples < policy.inputLatencyMinSamples) return nothing();
  if (median <= policy.inputLatencyMaxMs) return nothing();
  const slow = loginAt
    ? latency.slowIndexes.slice(0, 5).flatMap((i) => {
        const l = loginAt(i);
        if (!l || l.inputLatencyMs === undefined) return [];
        return [`${formatNumber(l.inputLatencyMs)} ms at ${formatUtc(l.at)}${l.ip ? ` from ${l.ip}` : ''}`];
      })
    : [];
  const detail =
    `That is the median of ${plural(latency.samples, 'measurement')} (highest ${formatNumber(latency.maxMs ?? median)} ms); ` +
    `a person at the keyboard, even working remotely within one continent, stays under ${formatNumber(policy.inputLatencyMaxMs)} ms.` +
    (slow.length > 0 ? ` Slow sessions: ${slow.join('; ')}.` : '');
  const where = claimedText(claimed);
  return found(
    fireDetailed(
      def,
      'medium',
      loginEvidence(latency.slowIndexes),
      {
        medianMs: Math.round(median),
        expectedMaxMs: policy.inputLatencyMaxMs,
        samples: latency.samples,
        maxMs: latency.maxMs ?? null,
      },
      { latency: formatNumber(median), claimed: where ? `working from ${where}` : 'working locally' },
      detail,
    ),
  );
}

export const inputLatency: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!bundle.logins || bundle.logins.length === 0) return notEvaluated(NO_LOGINS);
    const analysis = analyzeBundleLogins(bundle, ctx);
    const { samples } = analysis.findings.latency;
    if (samples === 0) return notEvaluated('no input-latency measurements');
    const min = ctx.policy.network.inputLatencyMinSamples;
    if (samples < min)
      return notEvaluated(`only ${plural(samples, 'input-latency measurement')}; at least ${min} needed`);
    return inputLatencyOutcome(
      analysis.findings,
      ctx.policy.network,
      bundle.subject.claimedLocation ?? {},
      (i) => analysis.resolved[i],
    );
  },
};
