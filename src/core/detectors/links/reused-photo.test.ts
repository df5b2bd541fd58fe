import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal } from '../../../../test/factories.ts';
import { seededRandom } from '../../../../test/random.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { ID_LIVE_MIN_SIMILARITY, reusedPhoto, SAME_FACE_MIN_SIMILARITY } from './reused-photo.ts';

const PHOTO = 'c3a59e1f7b2046d8';
const PHOTO_RESAVED = 'c3a59e1f7b2046db'; // 2 bits apart: the same picture re-encoded
const OTHER_PHOTO = '5f0c32a8e49b17c6';
const SHA = 'a'.repeat(64);

type Subject = Partial<CaseBundle['subject']> & { id: string };
const person = (subject: Subject, rest: Omit<Parameters<typeof buildBundle>[0] & object, 'subject'> = {}) =>
  buildBundle({ ...rest, subject: { name: `Person ${subject.id}`, ...subject } });
const run = (bundle: CaseBundle, population: CaseBundle[]) =>
  reusedPhoto.detect(bundle, buildContext({ population }));

// Face embeddings shaped like Human's 1024-d ones: a component every face shares (so two people sit near
// cosine 0.39) plus one per person, and a little noise per picture (the same person near 0.95).
const r = seededRandom(3);
const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const random = () => unit(Array.from({ length: 1024 }, gauss));
const COMMON = random();
const personVector = () => {
  const p = random();
  return COMMON.map((c, i) => 0.62 * c + 0.78 * p[i]!);
};
const picture = (v: number[]) => unit(v.map((x) => x + 0.008 * gauss()));
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('links.reused-photo', () => {
  it('is not evaluated without photo hashes or face embeddings', () => {
    const a = person({ id: 'a', photos: [{ source: 'resume' }] });
    expect(run(a, [a])).toEqual({
      status: 'not_evaluated',
      reason: 'no photo hashes or face embeddings recorded',
    });
  });

  it("fires high when the resume photo is another subject's profile photo under another name", () => {
    const a = person({ id: 'cand-1', name: 'Daniel Moreau', photos: [{ phash: PHOTO, source: 'resume' }] });
    const b = person({
      id: 'cand-2',
      name: 'Kevin Walker',
      photos: [{ phash: PHOTO_RESAVED, source: 'profile' }],
    });
    const c = person({
      id: 'cand-3',
      name: 'Maria Garcia',
      photos: [{ phash: OTHER_PHOTO, source: 'resume' }],
    });
    const s = firstSignal(run(a, [a, b, c]));
    expect(s.severity).toBe('high');
    expect(s.explanation).toContain(
      "The photo matches Kevin Walker (cand-2)'s photo, under a different name.",
    );
    expect(s.explanation).toContain(
      "The resume photo (subject.photos[0]) is the same picture as Kevin Walker (cand-2)'s profile photo (subject.photos[0]; perceptual hashes 2 of 64 bits apart).",
    );
    expect(s.evidence).toEqual(['subject.photos[0]']);
    expect(s.data).toMatchObject({
      count: 1,
      matches: [{ kind: 'picture', subject: 'cand-2', distance: 2 }],
    });
    expect(run(c, [a, b, c])).toEqual({ status: 'evaluated', signals: [] });
  });

  it('the identical file counts even without a perceptual hash', () => {
    const a = person({ id: 'a', name: 'Daniel Moreau', photos: [{ sha256: SHA }] });
    const b = person({
      id: 'b',
      name: 'Kevin Walker',
      photos: [{ sha256: SHA.toUpperCase(), source: 'linkedin' }],
    });
    expect(firstSignal(run(a, [a, b])).explanation).toContain(
      'linkedin photo (subject.photos[0]; the identical file)',
    );
  });

  it("a profile photo that is another subject's uploaded document image counts; document against document is left to documents.edited", () => {
    const doc = { kind: 'other' as const, forensics: { perceptualHash: PHOTO } };
    const a = person({ id: 'a', name: 'Daniel Moreau', photos: [{ phash: PHOTO, source: 'profile' }] });
    const b = person({ id: 'b', name: 'Kevin Walker' }, { documents: [doc] });
    const c = person({ id: 'c', name: 'Maria Garcia' }, { documents: [doc] });
    expect(firstSignal(run(a, [a, b, c])).explanation).toContain(
      "Kevin Walker (b)'s other image (documents[0]",
    );
    expect(firstSignal(run(b, [a, b, c])).data).toMatchObject({ count: 1, matches: [{ subject: 'a' }] });
  });

  it('a flat picture (blank hash) matches nothing', () => {
    const a = person({ id: 'a', name: 'Daniel Moreau', photos: [{ phash: '0000000000000000' }] });
    const b = person({ id: 'b', name: 'Kevin Walker', photos: [{ phash: '0000000000000000' }] });
    expect(run(a, [a, b])).toEqual({ status: 'evaluated', signals: [] });
  });

  it('the same person re-applying under their own name is not this signal', () => {
    const a = person({ id: 'a', name: 'Daniel Moreau', photos: [{ phash: PHOTO }] });
    const b = person({ id: 'b', name: 'MOREAU Daniel', photos: [{ phash: PHOTO }] });
    expect(run(a, [a, b])).toEqual({ status: 'evaluated', signals: [] });
  });

  it('declared household members are not counted, and the explanation says so', () => {
    const a = person({
      id: 'a',
      name: 'Daniel Moreau',
      photos: [{ phash: PHOTO }],
      household: [{ name: 'Priya Raman', subjectId: 'b' }],
    });
    const b = person({ id: 'b', name: 'Priya Raman', photos: [{ phash: PHOTO }] });
    expect(run(a, [a, b])).toEqual({ status: 'evaluated', signals: [] });
    const c = person({ id: 'c', name: 'Kevin Walker', photos: [{ phash: PHOTO }] });
    const s = firstSignal(run(a, [a, b, c]));
    expect(s.explanation).toContain(
      'Photo matches with declared household members (Priya Raman (b)) are not counted: a family may share a photo.',
    );
  });

  it("fires when the face on one subject's passport is the face in another's interview", () => {
    const face = personVector();
    const [x, y, z] = [picture(face), picture(face), picture(personVector())];
    expect(cosine(x, y)).toBeGreaterThan(0.9);
    expect(cosine(x, z)).toBeLessThan(0.5);
    const a = person(
      { id: 'a', name: 'Daniel Moreau' },
      { documents: [{ kind: 'passport', faceEmbedding: x }] },
    );
    const b = person(
      { id: 'b', name: 'Kevin Walker' },
      {
        interviews: [
          { at: '2026-01-05T10:00:00-05:00', frames: [{ faceEmbedding: y }, { faceEmbedding: y }] },
        ],
      },
    );
    const c = person({ id: 'c', name: 'Maria Garcia' }, { interviews: [{ frames: [{ faceEmbedding: z }] }] });
    const s = firstSignal(run(a, [a, b, c]));
    expect(s.explanation).toMatch(
      /The photo on the passport \(documents\[0\]\.faceEmbedding\) is the same face as the face in interview 1 of 2026-01-05 of Kevin Walker \(b\) \(interviews\[0\]\.frames\[0\]\.faceEmbedding; similarity 0\.9\d\)\./,
    );
    expect(s.data).toMatchObject({ count: 1 });
    expect(run(c, [a, b, c])).toEqual({ status: 'evaluated', signals: [] });
  });

  it('finds the same face through the index in a large population, and no other', () => {
    const face = personVector();
    const population: CaseBundle[] = [];
    for (let i = 0; i < 650; i++) {
      population.push(
        person(
          { id: `s-${i}`, name: `Name ${i} Surname` },
          { interviews: [{ frames: [{ faceEmbedding: picture(personVector()) }] }] },
        ),
      );
    }
    const a = person(
      { id: 'a', name: 'Daniel Moreau' },
      { documents: [{ kind: 'passport', faceEmbedding: picture(face) }] },
    );
    const b = person(
      { id: 'b', name: 'Kevin Walker' },
      { interviews: [{ frames: [{ faceEmbedding: picture(face) }] }] },
    );
    population.push(a, b);
    const s = firstSignal(run(a, population));
    expect((s.data as { matches: { subject: string }[] }).matches.map((m) => m.subject)).toEqual(['b']);
    expect(run(population[0]!, population)).toEqual({ status: 'evaluated', signals: [] });
    expect(SAME_FACE_MIN_SIMILARITY).toBe(0.7);
  });

  describe('live verification faces', () => {
    // A vector at a chosen cosine to `base` (both unit length): base·c + orthogonal·√(1−c²).
    const at = (base: number[], c: number) => {
      const o = random();
      const dot = cosine(o, base);
      const orth = unit(o.map((x, i) => x - dot * base[i]!));
      return unit(base.map((x, i) => c * x + Math.sqrt(1 - c * c) * orth[i]!));
    };
    const live = (id: string, name: string, embedding: number[], extra: Partial<CaseBundle> = {}) =>
      person(
        { id, name },
        {
          verifications: [
            {
              kind: 'liveness',
              at: '2026-03-02T09:00:00Z',
              status: 'completed',
              result: null,
              faceEmbedding: embedding,
            },
          ],
          ...extra,
        },
      );

    it("fires high when one subject's live face is another's ID photo, at the ID match's threshold", () => {
      const id = unit(personVector());
      const a = person(
        { id: 'a', name: 'Daniel Moreau' },
        { documents: [{ kind: 'passport', faceEmbedding: id }] },
      );
      const b = live('b', 'Kevin Walker', at(id, 0.62));
      const c = live('c', 'Maria Garcia', at(id, 0.5));
      const s = firstSignal(run(b, [a, b, c]));
      expect(s.severity).toBe('high');
      expect(s.evidence).toEqual(['verifications[0].faceEmbedding']);
      expect(s.explanation).toContain(
        'The live face in the verification of 2026-03-02 (verifications[0].faceEmbedding) is the same face as the photo on the passport of Daniel Moreau (a) (documents[0].faceEmbedding; similarity 0.62).',
      );
      expect((s.data as { matches: unknown[] }).matches).toEqual([
        expect.objectContaining({
          kind: 'face',
          subject: 'a',
          similarity: 0.62,
          threshold: ID_LIVE_MIN_SIMILARITY,
          household: false,
        }),
      ]);
      // 0.5 is below the ID match's 0.55: not the same person.
      expect((run(c, [a, c]) as { signals: unknown[] }).signals).toEqual([]);
    });

    it('two live faces (or a live face and an interview) need the like-with-like threshold', () => {
      const face = unit(personVector());
      const a = live('a', 'Daniel Moreau', face);
      const b = live('b', 'Kevin Walker', at(face, 0.75));
      const c = live('c', 'Maria Garcia', at(face, 0.62));
      expect(firstSignal(run(a, [a, b])).severity).toBe('high');
      expect(run(a, [a, c])).toEqual({ status: 'evaluated', signals: [] });
      expect(ID_LIVE_MIN_SIMILARITY).toBeLessThan(SAME_FACE_MIN_SIMILARITY);
    });

    it('a household member with the same face is counted, at medium, as a look-alike to check by hand', () => {
      const face = unit(personVector());
      const a = live('a', 'Daniel Moreau', face, {});
      a.subject.household = [{ name: 'David Moreau', subjectId: 'b' }];
      const b = live('b', 'David Moreau', at(face, 0.9));
      const s = firstSignal(run(a, [a, b]));
      expect(s.severity).toBe('medium');
      expect(s.explanation).toContain(
        'is the same face as, or a look-alike of, the live face in the verification of 2026-03-02 of David Moreau (b), a declared household member',
      );
      expect(s.explanation).toContain('check by hand');
      // With a stranger too, the stranger decides: high, stranger first.
      const c = live('c', 'Kevin Walker', at(face, 0.85));
      const both = firstSignal(run(a, [a, b, c]));
      expect(both.severity).toBe('high');
      expect((both.data as { matches: { subject: string }[] }).matches.map((m) => m.subject)).toEqual([
        'c',
        'b',
      ]);
    });
  });
});
