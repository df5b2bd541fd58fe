// The detectors whose evidence is a kind of finding of the trace analysis (occlusion, profile, identity,
// spoof): they fire when any completed session has a strong finding of that kind, quoting its details and
// the keyframes taken within a second of its moments (`frames`, for the UI to show the pictures). With
// `mentionKeyframeMismatches` the explanation also says when captured frames disagree with the trace.
import type { LivenessFinding } from '../../liveness/types.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import {
  disagreeingKeyframes,
  findingsOf,
  keyframesNear,
  livenessOutcomes,
  noResultReason,
  type QuotedKeyframe,
} from './verifications.ts';

export function findingDetector(
  signal: string,
  kind: LivenessFinding['kind'],
  options: { mentionKeyframeMismatches?: boolean } = {},
): Detector {
  const def = requireSignal(signal);
  return {
    signal: def.id,
    detect(bundle) {
      const outcomes = livenessOutcomes(bundle);
      if (outcomes.length === 0) return notEvaluated(noResultReason(bundle));
      const hits = findingsOf(outcomes, kind);
      if (hits.length === 0) return nothing();
      const findings = hits.map((h) => ({
        code: h.finding.code,
        detail: h.finding.detail,
        moments: h.finding.moments,
        measures: h.finding.measures,
      }));
      const frames: QuotedKeyframe[] = [];
      for (const h of hits)
        for (const k of keyframesNear(h.outcome, h.finding.moments ?? []))
          if (!frames.some((f) => f.path === k.path)) frames.push(k);
      const details = hits.map((h) => h.finding.detail);
      const mismatched = options.mentionKeyframeMismatches ? outcomes.flatMap(disagreeingKeyframes) : [];
      if (mismatched.length > 0)
        details.push(
          `${mismatched.length} captured frame${mismatched.length === 1 ? '' : 's'} did not match the trace (${mismatched
            .slice(0, 3)
            .map((k) => k.detail)
            .join('; ')})`,
        );
      return found(
        fire(
          def,
          def.defaultSeverity,
          [...hits.map((h) => h.path), ...frames.map((f) => f.path), ...mismatched.map((k) => k.path)],
          { count: hits.length, findings, frames, keyframeMismatches: mismatched },
          { detail: details.join('; ') },
        ),
      );
    },
  };
}
