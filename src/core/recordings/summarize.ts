// What a recorded interview shows, from the face and hand findings of frames sampled at a fixed rate: face
// presence, occlusion events (a hand over the face box, or the face lost for a short run between face
// frames), identity drift (each face frame's embedding against the recording's median embedding), whether
// two different people appear (the two most different face frames, each with company), the match with the
// ID photo's face, and a few representative embeddings for interview.person-changed. Pure: no I/O.

/** [x, y, w, h] normalised to 0..1 of the frame. */
export type NormalisedBox = readonly [number, number, number, number];

export type RecordingSample = {
  /** Seconds from the start of the recording. */
  at: number;
  /** The main face found in the frame, or null. */
  face: { box: NormalisedBox; score: number; embedding: readonly number[] | null } | null;
  hands: ReadonlyArray<{ box: NormalisedBox; score: number }>;
};

export type OcclusionEvent = {
  kind: 'hand-over-face' | 'face-lost';
  /** Seconds from the start: first and last sample of the run. */
  start: number;
  end: number;
  samples: number;
};

export type RepresentativeFrame = { at: number; faceEmbedding: number[] };

export type RecordingSummary = {
  framesAnalysed: number;
  faceFrames: number;
  /** faceFrames / framesAnalysed, 0..1 (2 decimals); 0 for no frames. */
  facePresence: number;
  occlusionEvents: OcclusionEvent[];
  /** Lowest cosine similarity of an unoccluded face frame to the recording's median embedding (null: none). */
  driftMin: number | null;
  /** When that frame was sampled (seconds). */
  driftAt: number | null;
  /** The two most different unoccluded face frames and their similarity (null: fewer than two). */
  mostDifferent: { a: number; b: number; similarity: number } | null;
  /** True when two different people appear, each in at least MIN_FRAMES_PER_PERSON frames. */
  identityChanged: boolean;
  /** Up to MAX_REPRESENTATIVE_FRAMES unoccluded face frames spread across the recording (4 decimals). */
  frames: RepresentativeFrame[];
  /** The recording's median embedding (not rounded), for the ID-photo comparison; null when no face. */
  medianEmbedding: number[] | null;
};

/** Hand and face boxes overlapping by at least this share of the smaller box count as a hand over the face. */
export const HAND_OVERLAP_MIN = 0.2;
/** Hands found with a lower score are ignored. */
export const HAND_SCORE_MIN = 0.5;
/** A face missing for at most this many seconds between face frames is an occlusion, not the person leaving. */
export const FACE_LOST_MAX_SECONDS = 5;
/** Below this similarity two face frames show different people (Human 1024-d: same ≈0.97, other ≈0.39). */
export const SAME_PERSON_MIN_SIMILARITY = 0.6;
/** Each of the two people must be seen in at least this many frames (one odd frame is not a person). */
export const MIN_FRAMES_PER_PERSON = 2;
export const MAX_REPRESENTATIVE_FRAMES = 12;

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Share of the smaller box covered by the other. */
export function overlapShare(a: NormalisedBox, b: NormalisedBox): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min(a[2] * a[3], b[2] * b[3]);
  return smaller <= 0 ? 0 : (w * h) / smaller;
}

function handOverFace(sample: RecordingSample): boolean {
  const face = sample.face;
  if (face === null) return false;
  return sample.hands.some(
    (h) => h.score >= HAND_SCORE_MIN && overlapShare(face.box, h.box) >= HAND_OVERLAP_MIN,
  );
}

/** Element-wise median of equally long vectors. */
export function medianVector(vectors: readonly (readonly number[])[]): number[] {
  const first = vectors[0];
  if (first === undefined) return [];
  const column = new Float64Array(vectors.length);
  const out = new Array<number>(first.length);
  for (let i = 0; i < first.length; i++) {
    for (let j = 0; j < vectors.length; j++) column[j] = vectors[j]?.[i] ?? 0;
    column.sort();
    const m = vectors.length >> 1;
    out[i] = vectors.length % 2 === 1 ? (column[m] ?? 0) : ((column[m - 1] ?? 0) + (column[m] ?? 0)) / 2;
  }
  return out;
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

function occlusionEvents(samples: readonly RecordingSample[]): OcclusionEvent[] {
  const events: OcclusionEvent[] = [];
  let run: OcclusionEvent | null = null;
  const close = () => {
    if (run !== null) events.push(run);
    run = null;
  };
  // Hands over the face: consecutive samples form one event.
  for (const s of samples) {
    if (handOverFace(s)) {
      if (run === null) run = { kind: 'hand-over-face', start: s.at, end: s.at, samples: 1 };
      else {
        run.end = s.at;
        run.samples++;
      }
    } else close();
  }
  close();
  // The face lost briefly between two face frames.
  let lastFace = -1;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i]?.face === null) continue;
    if (lastFace >= 0 && i - lastFace > 1) {
      const first = samples[lastFace + 1];
      const last = samples[i - 1];
      if (
        first &&
        last &&
        (samples[i]?.at ?? 0) - (samples[lastFace]?.at ?? 0) <= FACE_LOST_MAX_SECONDS + 1e-9
      )
        events.push({ kind: 'face-lost', start: first.at, end: last.at, samples: i - lastFace - 1 });
    }
    lastFace = i;
  }
  return events.sort((a, b) => a.start - b.start || (a.kind < b.kind ? -1 : 1));
}

type FaceFrame = { at: number; embedding: readonly number[] };

/** Up to `max` frames spread evenly over the list (first and last included). */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let k = 0; k < max; k++) {
    const item = items[Math.round((k * (items.length - 1)) / (max - 1))];
    if (item !== undefined) out.push(item);
  }
  return out;
}

export function summarizeRecording(samples: readonly RecordingSample[]): RecordingSummary {
  const faceFrames = samples.filter((s) => s.face !== null).length;
  const clean: FaceFrame[] = [];
  const size = samples.find((s) => s.face?.embedding)?.face?.embedding?.length ?? 0;
  for (const s of samples) {
    const e = s.face?.embedding;
    if (e && e.length === size && size > 0 && !handOverFace(s)) clean.push({ at: s.at, embedding: e });
  }
  const median = clean.length > 0 ? medianVector(clean.map((f) => f.embedding)) : null;
  let driftMin: number | null = null;
  let driftAt: number | null = null;
  let farthest: FaceFrame | null = null;
  if (median !== null)
    for (const f of clean) {
      const sim = cosine(f.embedding, median);
      if (driftMin === null || sim < driftMin) {
        driftMin = sim;
        driftAt = f.at;
        farthest = f;
      }
    }
  // The frame most unlike the median, then the frame most unlike that one: the two most different faces
  // (the farthest-point heuristic, linear in the number of frames).
  let mostDifferent: RecordingSummary['mostDifferent'] = null;
  let identityChanged = false;
  if (farthest !== null && clean.length >= 2) {
    let other: FaceFrame | null = null;
    let lowest = 2;
    for (const f of clean) {
      if (f === farthest) continue;
      const sim = cosine(f.embedding, farthest.embedding);
      if (sim < lowest) {
        lowest = sim;
        other = f;
      }
    }
    if (other !== null) {
      const [a, b] = farthest.at <= other.at ? [farthest, other] : [other, farthest];
      mostDifferent = { a: a.at, b: b.at, similarity: round(lowest, 4) };
      if (lowest < SAME_PERSON_MIN_SIMILARITY) {
        // Each person needs company: frames that look like them and not like the other.
        let nearA = 0;
        let nearB = 0;
        for (const f of clean) {
          const sa = cosine(f.embedding, a.embedding);
          const sb = cosine(f.embedding, b.embedding);
          if (sa >= SAME_PERSON_MIN_SIMILARITY && sa > sb) nearA++;
          else if (sb >= SAME_PERSON_MIN_SIMILARITY && sb > sa) nearB++;
        }
        identityChanged = nearA >= MIN_FRAMES_PER_PERSON && nearB >= MIN_FRAMES_PER_PERSON;
      }
    }
  }
  return {
    framesAnalysed: samples.length,
    faceFrames,
    facePresence: samples.length === 0 ? 0 : round(faceFrames / samples.length, 2),
    occlusionEvents: occlusionEvents(samples),
    driftMin: driftMin === null ? null : round(driftMin, 4),
    driftAt,
    mostDifferent,
    identityChanged,
    frames: spread(clean, MAX_REPRESENTATIVE_FRAMES).map((f) => ({
      at: f.at,
      faceEmbedding: f.embedding.map((x) => round(x, 4)),
    })),
    medianEmbedding: median,
  };
}

/**
 * How well the recording's faces match the ID photo's face: the median of each unoccluded face frame's
 * similarity to it (4 decimals), or null when either side has no face.
 */
export function matchIdPhoto(
  samples: readonly RecordingSample[],
  idEmbedding: readonly number[] | null | undefined,
): number | null {
  if (!idEmbedding || idEmbedding.length === 0) return null;
  const sims = samples
    .filter((s) => s.face?.embedding && s.face.embedding.length === idEmbedding.length && !handOverFace(s))
    .map((s) => cosine(s.face?.embedding ?? [], idEmbedding))
    .sort((a, b) => a - b);
  if (sims.length === 0) return null;
  const m = sims.length >> 1;
  const median = sims.length % 2 === 1 ? (sims[m] ?? 0) : ((sims[m - 1] ?? 0) + (sims[m] ?? 0)) / 2;
  return round(median, 4);
}
