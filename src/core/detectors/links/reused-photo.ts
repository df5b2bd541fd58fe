// links.reused-photo — a photo of this subject is another subject's photo, under a different name. Two kinds
// of evidence:
// - The same picture: perceptual hashes (64-bit pHash, 16 hex characters, as document forensics computes
//   them: src/intel/documents/forensics/phash.ts) of the subject's photos (`subject.photos[i].phash`, e.g.
//   the resume or profile photo) compared with other subjects' photos and document images
//   (`documents[i].forensics.perceptualHash`), with the rules of documents.edited's sameImage (at most
//   PHASH_ONLY_MAX_DISTANCE bits apart without detail hashes), or the identical file (sha256). Document
//   against document is documents.edited's job and not repeated here.
// - The same face: face embeddings (`documents[i].faceEmbedding`, the ID photo's face;
//   `verifications[i].faceEmbedding`, the live face of a verification session, the median of its clean
//   frontal embeddings, kept as long as the session's trace; `interviews[i].frames[j].faceEmbedding`) with
//   cosine similarity ≥ SAME_FACE_MIN_SIMILARITY. Human's 1024-d embeddings give ≈0.97 for the same person
//   and ≈0.39 for another (docs/faces.md); 0.7 leaves room for light, angle and age. An ID photo against a
//   live verification face is the comparison the ID-photo match makes (liveness.face-mismatch), so it uses
//   that match's threshold (ID_LIVE_MIN_SIMILARITY, 0.55). A live face may be a deepfake's: a farm reusing
//   one synthetic face across personas is exactly what this finds.
// Not counted: the same person again (names the same or variants of each other: re-applying under one's own
// name is not this signal) and, for pictures, declared household members (said in the explanation): a family
// may share a photo. A face is not shared by a household, so a face match with a household member counts,
// at medium, worded "the same face or a look-alike; check by hand" (relatives, twins).
// Indexes over the population are built once per population array (WeakMap memo): pictures by hash byte
// (pigeonhole), faces by random-hyperplane LSH when the population holds many of them.
import type { CaseBundle } from '../../bundle/schema.ts';
import { pairKey } from '../../links/population.ts';
import { LIVENESS_THRESHOLDS } from '../../liveness/thresholds.ts';
import type { Detector } from '../../types.ts';
import { parseHash, sameImage } from '../documents/edited.ts';
import { cosineDistance } from '../interview/person-changed.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject, listText } from '../util.ts';
import { sameName } from './duplicate-resume.ts';

const def = requireSignal('links.reused-photo');

/** Cosine similarity of face embeddings at or above which two faces are one person. */
export const SAME_FACE_MIN_SIMILARITY = 0.7;
/** An ID photo against a live verification face: the ID-photo match's own threshold. */
export const ID_LIVE_MIN_SIMILARITY = LIVENESS_THRESHOLDS.idMatchCosine;
/** Faces of one subject this similar to one already kept add nothing (the same face again). */
const DUPLICATE_FACE_SIMILARITY = 0.95;
/** Up to this many faces in the population, every pair is compared exactly; beyond, the LSH index. */
const EXACT_FACE_LIMIT = 600;
const FACE_BANDS = 40;
const FACE_ROWS = 14;
const MAX_MATCHES = 5;

type Picture = {
  bundle: CaseBundle;
  path: string;
  source: string;
  /** Subject photos are compared with anything; document images only with subject photos. */
  document: boolean;
  hashes: { perceptualHash?: unknown; detailHash?: unknown };
  hash: [number, number] | null;
  sha256: string | undefined;
};

type FaceKind = 'id-photo' | 'live' | 'interview';

type Face = {
  bundle: CaseBundle;
  path: string;
  source: string;
  kind: FaceKind;
  embedding: readonly number[];
  norm: number;
};

/** The similarity two faces need to be one person's. */
function faceThreshold(a: Face, b: Face): number {
  const pair = new Set([a.kind, b.kind]);
  return pair.has('id-photo') && pair.has('live') ? ID_LIVE_MIN_SIMILARITY : SAME_FACE_MIN_SIMILARITY;
}

type PhotoIndex = {
  pictures: Map<CaseBundle, Picture[]>;
  byByte: Map<number, Picture[]>[];
  bySha: Map<string, Picture[]>;
  faces: Map<CaseBundle, Face[]>;
  allFaces: Face[];
  faceBands: Map<string, Face[]>[] | null;
  households: Set<string>;
};

const indexes = new WeakMap<readonly CaseBundle[], PhotoIndex>();

const byteOf = (h: [number, number], i: number) => ((i < 4 ? h[0] : h[1]) >>> ((3 - (i % 4)) * 8)) & 0xff;
const sha = (v: unknown) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v) ? v.toLowerCase() : undefined;
const words = (s: string) => s.replace(/_/g, ' ');

function picturesOf(bundle: CaseBundle): Picture[] {
  const out: Picture[] = [];
  (bundle.subject.photos ?? []).forEach((p, i) => {
    const hashes = {
      perceptualHash: p.phash?.toLowerCase(),
      detailHash: (p as { detailHash?: unknown }).detailHash,
    };
    const hash = parseHash(hashes.perceptualHash);
    const sha256 = sha(p.sha256);
    if (!hash && !sha256) return;
    const source = p.source ? `${words(p.source)} photo` : 'photo';
    out.push({ bundle, path: `subject.photos[${i}]`, source, document: false, hashes, hash, sha256 });
  });
  (bundle.documents ?? []).forEach((d, i) => {
    const f = isObject(d.forensics) ? d.forensics : {};
    const hashes = { perceptualHash: f.perceptualHash, detailHash: f.detailHash };
    const hash = parseHash(hashes.perceptualHash);
    const sha256 = sha((d as { sha256?: unknown }).sha256);
    if (!hash && !sha256) return;
    const source = `${d.kind ? words(d.kind) : 'document'} image`;
    out.push({ bundle, path: `documents[${i}]`, source, document: true, hashes, hash, sha256 });
  });
  return out;
}

function norm(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function similarity(a: Face, b: Face): number {
  if (a.embedding.length !== b.embedding.length) return Number.NaN;
  return 1 - cosineDistance(a.embedding, b.embedding);
}

function facesOf(bundle: CaseBundle): Face[] {
  const all: Face[] = [];
  const add = (embedding: unknown, path: string, source: string, kind: FaceKind) => {
    if (!Array.isArray(embedding) || embedding.length < 8) return;
    if (!embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) return;
    const n = norm(embedding);
    if (n === 0) return;
    all.push({ bundle, path, source, kind, embedding, norm: n });
  };
  (bundle.documents ?? []).forEach((d, i) => {
    add(
      d.faceEmbedding,
      `documents[${i}].faceEmbedding`,
      `the photo on the ${d.kind ? words(d.kind) : 'document'}`,
      'id-photo',
    );
  });
  (bundle.verifications ?? []).forEach((v, i) => {
    const when = typeof v.at === 'string' ? ` of ${v.at.slice(0, 10)}` : '';
    add(
      v.faceEmbedding,
      `verifications[${i}].faceEmbedding`,
      `the live face in the verification${when}`,
      'live',
    );
  });
  (bundle.interviews ?? []).forEach((iv, i) => {
    const when = iv.at ? ` of ${iv.at.slice(0, 10)}` : '';
    iv.frames?.forEach((f, j) => {
      add(
        f.faceEmbedding,
        `interviews[${i}].frames[${j}].faceEmbedding`,
        `the face in interview ${i + 1}${when}`,
        'interview',
      );
    });
  });
  // One subject's many frames of one face: keep the first of each group of near-identical ones.
  const kept: Face[] = [];
  for (const f of all) {
    if (!kept.some((k) => similarity(k, f) >= DUPLICATE_FACE_SIMILARITY)) kept.push(f);
  }
  return kept;
}

// Random hyperplanes (seeded, so every run agrees), one set per embedding length.
const planes = new Map<number, Float64Array>();

function hyperplanes(dim: number): Float64Array {
  let p = planes.get(dim);
  if (p) return p;
  p = new Float64Array(FACE_BANDS * FACE_ROWS * dim);
  let s = 0x2545f491 ^ dim;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  for (let i = 0; i < p.length; i++) p[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  planes.set(dim, p);
  return p;
}

function faceKeys(f: Face): string[] {
  const dim = f.embedding.length;
  const p = hyperplanes(dim);
  const keys: string[] = [];
  for (let b = 0; b < FACE_BANDS; b++) {
    let bits = 0;
    for (let r = 0; r < FACE_ROWS; r++) {
      const o = (b * FACE_ROWS + r) * dim;
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += p[o + i]! * f.embedding[i]!;
      bits = (bits << 1) | (dot >= 0 ? 1 : 0);
    }
    keys.push(`${dim}:${b}:${bits}`);
  }
  return keys;
}

function indexFor(population: readonly CaseBundle[]): PhotoIndex {
  let index = indexes.get(population);
  if (index) return index;
  index = {
    pictures: new Map(),
    byByte: Array.from({ length: 8 }, () => new Map()),
    bySha: new Map(),
    faces: new Map(),
    allFaces: [],
    faceBands: null,
    households: new Set(),
  };
  for (const bundle of population) {
    for (const m of bundle.subject.household ?? []) {
      if (m.subjectId) index.households.add(pairKey(bundle.subject.id, m.subjectId));
    }
    const pictures = picturesOf(bundle);
    index.pictures.set(bundle, pictures);
    for (const pic of pictures) {
      if (pic.hash) {
        for (let b = 0; b < 8; b++) {
          const key = byteOf(pic.hash, b);
          const list = index.byByte[b]!.get(key);
          if (list) list.push(pic);
          else index.byByte[b]!.set(key, [pic]);
        }
      }
      if (pic.sha256) {
        const list = index.bySha.get(pic.sha256);
        if (list) list.push(pic);
        else index.bySha.set(pic.sha256, [pic]);
      }
    }
    const faces = facesOf(bundle);
    index.faces.set(bundle, faces);
    index.allFaces.push(...faces);
  }
  if (index.allFaces.length > EXACT_FACE_LIMIT) {
    const bands: Map<string, Face[]>[] = [new Map()];
    for (const f of index.allFaces) {
      for (const key of faceKeys(f)) {
        const list = bands[0]!.get(key);
        if (list) list.push(f);
        else bands[0]!.set(key, [f]);
      }
    }
    index.faceBands = bands;
  }
  indexes.set(population, index);
  return index;
}

function faceCandidates(index: PhotoIndex, face: Face): Iterable<Face> {
  if (!index.faceBands) return index.allFaces;
  const out = new Set<Face>();
  for (const key of faceKeys(face)) for (const f of index.faceBands[0]!.get(key) ?? []) out.add(f);
  return out;
}

type Match =
  | { kind: 'picture'; mine: Picture; theirs: Picture; distance: number; identicalFile: boolean }
  | { kind: 'face'; mine: Face; theirs: Face; similarity: number; threshold: number; household: boolean };

const subjectName = (b: CaseBundle) => `${b.subject.name ?? 'unnamed'} (${b.subject.id})`;

function sentence(m: Match): string {
  const other = subjectName(m.theirs.bundle);
  if (m.kind === 'picture') {
    const how = m.identicalFile ? 'the identical file' : `perceptual hashes ${m.distance} of 64 bits apart`;
    return `The ${m.mine.source} (${m.mine.path}) is the same picture as ${other}'s ${m.theirs.source} (${m.theirs.path}; ${how}).`;
  }
  if (m.household)
    return `${capital(m.mine.source)} (${m.mine.path}) is the same face as, or a look-alike of, ${m.theirs.source} of ${other}, a declared household member (${m.theirs.path}; similarity ${m.similarity.toFixed(2)}): check by hand, a relative or a twin can look this alike.`;
  return `${capital(m.mine.source)} (${m.mine.path}) is the same face as ${m.theirs.source} of ${other} (${m.theirs.path}; similarity ${m.similarity.toFixed(2)}).`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const reusedPhoto: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const index = indexFor(ctx.population);
    const pictures = index.pictures.get(bundle) ?? picturesOf(bundle);
    const faces = index.faces.get(bundle) ?? facesOf(bundle);
    if (pictures.length === 0 && faces.length === 0) {
      return notEvaluated('no photo hashes or face embeddings recorded');
    }
    const selfId = bundle.subject.id;
    const household = new Set<string>();
    const isHousehold = (other: CaseBundle) => index.households.has(pairKey(selfId, other.subject.id));
    const counts = (other: CaseBundle): boolean => {
      if (other === bundle || other.subject.id === selfId || sameName(bundle, other)) return false;
      if (isHousehold(other)) {
        household.add(subjectName(other));
        return false;
      }
      return true;
    };
    const matches: Match[] = [];
    const seen = new Set<string>();
    for (const mine of pictures) {
      const candidates = new Set<Picture>(mine.sha256 ? (index.bySha.get(mine.sha256) ?? []) : []);
      if (mine.hash) {
        for (let b = 0; b < 8; b++)
          for (const p of index.byByte[b]!.get(byteOf(mine.hash, b)) ?? []) candidates.add(p);
      }
      for (const theirs of candidates) {
        if (mine.document && theirs.document) continue;
        const identicalFile = mine.sha256 !== undefined && mine.sha256 === theirs.sha256;
        const same = identicalFile ? null : sameImage(mine.hashes, theirs.hashes);
        if (!identicalFile && !same?.same) continue;
        const key = `${mine.path}\u0000${theirs.bundle.subject.id}\u0000${theirs.path}`;
        if (seen.has(key) || !counts(theirs.bundle)) continue;
        seen.add(key);
        matches.push({ kind: 'picture', mine, theirs, distance: same?.distance ?? 0, identicalFile });
      }
    }
    // The closest face of each other subject, per face of this one.
    for (const mine of faces) {
      const best = new Map<CaseBundle, { face: Face; similarity: number; threshold: number }>();
      for (const theirs of faceCandidates(index, mine)) {
        if (theirs.bundle === bundle) continue;
        const s = similarity(mine, theirs);
        const threshold = faceThreshold(mine, theirs);
        if (!(s >= threshold)) continue;
        const prev = best.get(theirs.bundle);
        // The strongest evidence: the largest margin over its own threshold.
        if (!prev || s - threshold > prev.similarity - prev.threshold)
          best.set(theirs.bundle, { face: theirs, similarity: s, threshold });
      }
      for (const [other, b] of best) {
        if (other.subject.id === selfId || sameName(bundle, other)) continue;
        matches.push({
          kind: 'face',
          mine,
          theirs: b.face,
          similarity: b.similarity,
          threshold: b.threshold,
          household: isHousehold(other),
        });
      }
    }
    if (matches.length === 0) return nothing();
    // One line per other subject: the strongest evidence first (the identical file, then the same picture,
    // then the closest face).
    const rank = (m: Match) =>
      m.kind === 'picture'
        ? m.identicalFile
          ? 0
          : 1 + m.distance / 100
        : (m.household ? 4 : 2) + (1 - (m.similarity - m.threshold));
    matches.sort((a, b) => rank(a) - rank(b));
    const bySubject = new Map<string, Match>();
    for (const m of matches)
      if (!bySubject.has(m.theirs.bundle.subject.id)) bySubject.set(m.theirs.bundle.subject.id, m);
    const shown = [...bySubject.values()].slice(0, MAX_MATCHES);
    const first = shown[0]!;
    // Only look-alikes within a household: worth a look by hand, not a finding on its own.
    const onlyHousehold = matches.every((m) => m.kind === 'face' && m.household);
    const signal = fire(
      def,
      onlyHousehold ? 'medium' : 'high',
      [...new Set(matches.map((m) => m.mine.path))],
      {
        count: bySubject.size,
        matches: matches.slice(0, 20).map((m) => ({
          kind: m.kind,
          path: m.mine.path,
          source: m.mine.source,
          subject: m.theirs.bundle.subject.id,
          name: m.theirs.bundle.subject.name ?? null,
          otherPath: m.theirs.path,
          otherSource: m.theirs.source,
          ...(m.kind === 'picture'
            ? { distance: m.distance, identicalFile: m.identicalFile }
            : {
                similarity: Math.round(m.similarity * 1000) / 1000,
                threshold: m.threshold,
                household: m.household,
              }),
        })),
        householdSubjects: [...household],
      },
      { other: subjectName(first.theirs.bundle) },
    );
    const sentences = shown.map(sentence);
    if (bySubject.size > shown.length)
      sentences.push(`${bySubject.size - shown.length} more subjects match too.`);
    if (household.size > 0) {
      sentences.push(
        `Photo matches with declared household members (${listText([...household])}) are not counted: a family may share a photo.`,
      );
    }
    return found({ ...signal, explanation: `${signal.explanation} ${sentences.join(' ')}` });
  },
};
