// interview.person-changed — the face captured in one interview differs from another one's
// (cosine distance between face embeddings). Only runs when at least two interviews have embeddings.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('interview.person-changed');

/**
 * Cosine distance above which two faces are treated as different people. Same-person frames of the
 * common 128-d unit embeddings sit around 0.05–0.15; 0.35 leaves a wide margin before a critical signal.
 */
export const FACE_DISTANCE_THRESHOLD = 0.35;

export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return Number.NaN;
  return 1 - dot / Math.sqrt(na * nb);
}

type Face = { interview: number; frame: number; embedding: number[] };

export const personChanged: Detector = {
  signal: def.id,
  detect(bundle) {
    const faces: Face[] = [];
    const interviewsWithFaces = new Set<number>();
    bundle.interviews?.forEach((iv, i) => {
      iv.frames?.forEach((f, j) => {
        if (f.faceEmbedding && f.faceEmbedding.length >= 8) {
          faces.push({ interview: i, frame: j, embedding: f.faceEmbedding });
          interviewsWithFaces.add(i);
        }
      });
    });
    if (interviewsWithFaces.size < 2)
      return notEvaluated('face frames from at least two interviews are needed');
    // For each pair of interviews, the closest pair of frames: a match in any frame means the same person.
    const ids = [...interviewsWithFaces];
    let worst: { a: Face; b: Face; distance: number } | undefined;
    let compared = 0;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        let best: { a: Face; b: Face; distance: number } | undefined;
        for (const a of faces) {
          if (a.interview !== ids[x]) continue;
          for (const b of faces) {
            if (b.interview !== ids[y] || a.embedding.length !== b.embedding.length) continue;
            const distance = cosineDistance(a.embedding, b.embedding);
            if (!Number.isNaN(distance) && (!best || distance < best.distance)) best = { a, b, distance };
          }
        }
        if (!best) continue;
        compared++;
        if (!worst || best.distance > worst.distance) worst = best;
      }
    }
    if (compared === 0) return notEvaluated('face embeddings could not be compared (different sizes)');
    if (!worst || worst.distance <= FACE_DISTANCE_THRESHOLD) return nothing();
    const { a, b, distance } = worst;
    return found(
      fire(
        def,
        'critical',
        [`interviews[${a.interview}].frames[${a.frame}]`, `interviews[${b.interview}].frames[${b.frame}]`],
        { distance: Math.round(distance * 100) / 100, threshold: FACE_DISTANCE_THRESHOLD },
        { first: `interview ${a.interview + 1}`, second: `interview ${b.interview + 1}` },
      ),
    );
  },
};
