// liveness.virtual-camera — the camera label the browser reported names a virtual camera or capture
// software (OBS Virtual Camera, ManyCam, XSplit VCam, ...; see core/liveness/virtual-cameras.ts).
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { livenessOutcomes, noResultReason } from './verifications.ts';

const def = requireSignal('liveness.virtual-camera');

export const virtualCamera: Detector = {
  signal: def.id,
  detect(bundle) {
    const outcomes = livenessOutcomes(bundle);
    if (outcomes.length === 0) return notEvaluated(noResultReason(bundle));
    const hits = outcomes.filter((o) => o.result.virtualCamera.flagged);
    if (hits.length === 0) return nothing();
    const first = hits[0]?.result.virtualCamera;
    const label = String(first?.label ?? '').slice(0, 200);
    const match = String(first?.match ?? 'a virtual camera');
    return found(
      fire(
        def,
        def.defaultSeverity,
        hits.map((h) => `${h.path}.virtualCamera`),
        { count: hits.length, label, match },
        { device: label === match ? `camera "${label}"` : `camera "${label}", ${match}` },
      ),
    );
  },
};
