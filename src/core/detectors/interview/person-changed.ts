// interview.person-changed — the face captured in one interview differs from another one's
// (cosine distance between face embeddings). Only runs when at least two interviews have embeddings.
// When recording analysis compared an interview with the ID photo (interviews[i].recording.idMatch), the
// explanation says which of the two faces matches the ID.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('interview.person-changed');

/**
 * Cosine distance above which two faces are treated as different people. Same-person frames of the
 * common 128-d unit embeddings sit around 0.05–0.15. Human's 1024-d faceres embeddings (what recording
 * analysis writes, src/intel/faces) give ≈0.03 for the same person re-encoded and 0.61–0.68 for another
 * person (test/faces, test/server/recordings.test.ts); a hand over the face raises the same person's distance
 * to 0.17–0.58, which is why the closest pair of frames is compared. 0.35 sits between both families.
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

/**
 * Similarity at or above which a recording's faces match the ID photo: the live-verification threshold of
 * liveness.face-mismatch (0.55; another person measured 0.32–0.39, the same person above 0.8), so both
 * signals call the same face a match.
 */
export const ID_MATCH_MIN = 0.55;

function idMatchOf(interview: unknown): number | null {
  const recording = (interview as { recording?: { idMatch?: unknown } } | undefined)?.recording;
  const v = recording?.idMatch;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** " The ID photo matches interview 1 (similarity 0.97) but not interview 2 (0.38)." or "" when unknown. */
function idPhotoText(
  first: { n: number; match: number | null },
  second: { n: number; match: number | null },
): string {
  const known = [first, second].filter((x) => x.match !== null) as { n: number; match: number }[];
  if (known.length === 0) return '';
  const parts = known.map(
    (x) =>
      `the face in interview ${x.n} ${x.match >= ID_MATCH_MIN ? 'matches' : 'does not match'} it (similarity ${x.match.toFixed(2)})`,
  );
  return ` Against the ID photo: ${parts.join('; ')}.`;
}

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
    const idA = idMatchOf(bundle.interviews?.[a.interview]);
    const idB = idMatchOf(bundle.interviews?.[b.interview]);
    const evidence = [
      `interviews[${a.interview}].frames[${a.frame}]`,
      `interviews[${b.interview}].frames[${b.frame}]`,
    ];
    if (idA !== null) evidence.push(`interviews[${a.interview}].recording.idMatch`);
    if (idB !== null) evidence.push(`interviews[${b.interview}].recording.idMatch`);
    return found(
      fire(
        def,
        'critical',
        evidence,
        {
          distance: Math.round(distance * 100) / 100,
          threshold: FACE_DISTANCE_THRESHOLD,
          ...(idA !== null || idB !== null ? { idMatch: { first: idA, second: idB } } : {}),
        },
        {
          first: `interview ${a.interview + 1}`,
          second: `interview ${b.interview + 1}`,
          idPhoto: idPhotoText({ n: a.interview + 1, match: idA }, { n: b.interview + 1, match: idB }),
        },
      ),
    );
  },
};
