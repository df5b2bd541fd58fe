// liveness.face-mismatch — the live face does not match the identity-document photo: the median cosine
// similarity of clean frontal live embeddings to the ID-photo embedding is below the threshold
// (0.55; other people measured 0.32–0.39, the same person above 0.8). When recorded interviews were also
// compared with the ID photo (interviews[i].recording.idMatch), the explanation says how they came out.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { livenessOutcomes, noResultReason } from './verifications.ts';

const def = requireSignal('liveness.face-mismatch');

/** The recorded interviews compared with the ID photo by recording analysis (`recording.idMatch`). */
function recordedIdMatches(
  interviews: readonly unknown[] | undefined,
  threshold: number,
): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  (interviews ?? []).forEach((iv, i) => {
    const v = (iv as { recording?: { idMatch?: unknown } } | undefined)?.recording?.idMatch;
    if (typeof v === 'number' && Number.isFinite(v))
      out.push({
        path: `interviews[${i}].recording.idMatch`,
        text: `interview ${i + 1} ${v >= threshold ? 'matches' : 'does not match'} (similarity ${v.toFixed(2)})`,
      });
  });
  return out;
}

export const faceMismatch: Detector = {
  signal: def.id,
  detect(bundle) {
    const outcomes = livenessOutcomes(bundle);
    if (outcomes.length === 0) return notEvaluated(noResultReason(bundle));
    const compared = outcomes.filter((o) => o.result.faceMatch);
    if (compared.length === 0)
      return notEvaluated('no identity-document photo was compared with the live face');
    const hits = compared.filter((o) => o.result.faceMatch?.matched === false);
    if (hits.length === 0) return nothing();
    const m = hits[0]?.result.faceMatch;
    if (!m) return nothing();
    const distance = Math.round((1 - m.similarity) * 100) / 100;
    const recorded = recordedIdMatches(bundle.interviews, m.threshold);
    return found(
      fire(
        def,
        def.defaultSeverity,
        [...hits.map((h) => `${h.path}.faceMatch`), ...recorded.map((r) => r.path)],
        {
          count: hits.length,
          similarity: m.similarity,
          best: m.best,
          threshold: m.threshold,
          compared: m.compared,
          moments: m.moments,
        },
        {
          document: 'identity document',
          distance: `${distance}; similarity ${m.similarity} over ${m.compared} frames, best ${m.best}, where the same person scores at least ${m.threshold}${
            recorded.length === 0
              ? ''
              : `; recorded interviews against the same photo: ${recorded.map((r) => r.text).join(', ')}`
          }`,
        },
      ),
    );
  },
};
