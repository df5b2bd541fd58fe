// The detectors whose evidence is a kind of finding of the trace analysis (occlusion, profile, identity,
// spoof): they fire when any completed session has a strong finding of that kind, quoting its details.
import type { LivenessFinding } from '../../liveness/types.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { findingsOf, livenessOutcomes, noResultReason } from './verifications.ts';

export function findingDetector(signal: string, kind: LivenessFinding['kind']): Detector {
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
      return found(
        fire(
          def,
          def.defaultSeverity,
          hits.map((h) => h.path),
          { count: hits.length, findings },
          { detail: hits.map((h) => h.finding.detail).join('; ') },
        ),
      );
    },
  };
}
