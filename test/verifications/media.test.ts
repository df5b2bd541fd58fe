// The candidate's ID photo and challenge keyframes through the services, on SQLite and PostgreSQL, with real
// portraits (scikit-image's astronaut.png; camera.png is another person, coffee.png has no face) read by the
// Node face models: the ID photo's face becomes the bundle's faceEmbedding and is matched with the live face;
// keyframes are stored encrypted, shown to reviewers (audited), spot-checked against the trace at submission
// and deleted with the trace.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDocumentFile } from '../../src/adapters/db/repositories/document-files.repository.ts';
import { listVerificationKeyframes } from '../../src/adapters/db/repositories/verification-keyframes.repository.ts';
import { isDomainError } from '../../src/core/errors.ts';
import type { ChallengePlan, LivenessResult } from '../../src/core/liveness/types.ts';
import { analyzeFaceImage, cosineSimilarity, type FaceFinding } from '../../src/intel/faces/human-node.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { createVerification } from '../../src/services/create-verification.ts';
import { expireVerifications } from '../../src/services/expire-verifications.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { documentStore } from '../../src/services/internal/documents.ts';
import { issueVerificationChallenge } from '../../src/services/issue-verification-challenge.ts';
import { listVerificationDocuments } from '../../src/services/list-verification-documents.ts';
import { openVerification } from '../../src/services/open-verification.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { readVerificationKeyframe } from '../../src/services/read-verification-keyframe.ts';
import { recordVerificationConsent } from '../../src/services/record-verification-consent.ts';
import { submitVerificationTrace } from '../../src/services/submit-verification-trace.ts';
import { uploadDocument } from '../../src/services/upload-document.ts';
import {
  NOT_A_PICTURE,
  uploadVerificationDocument,
} from '../../src/services/upload-verification-document.ts';
import { uploadVerificationKeyframe } from '../../src/services/upload-verification-keyframe.ts';
import { dialects } from '../db.ts';
import { idImageWithFace } from '../documents/id-with-face.ts';
import {
  asTraceFace,
  cameraFrame,
  idleMoments,
  type Portrait,
  sessionOf,
  showAt,
} from '../liveness/keyframe-session.ts';
import { buildBundle } from '../services/factories.ts';
import { admin, createTestApp, recruiter, type TestApp, viewer, waitForJob } from '../services/helpers.ts';

const DAY = 86_400_000;

async function expectCode(p: Promise<unknown>, code: string): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(code);
    return error.message;
  }
  throw new Error(`expected a ${code} error`);
}

/** What the browser's models (the same Human models) measure on a frame: the largest face or none. */
async function measure(jpeg: Buffer): Promise<FaceFinding | null> {
  const r = await analyzeFaceImage(jpeg, { maxFaces: 2 });
  return r.faces[0] ?? null;
}

const cos = (a: readonly number[], b: readonly number[]) => cosineSimilarity([...a], [...b]);

describe.each(dialects)('verification ID photo and keyframes (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  const frames = new Map<Portrait, { jpeg: Buffer; face: FaceFinding | null }>();
  let astronaut: number[] = [];
  let cameraman: number[] = [];
  const candidate = (token: string) => ({ token, ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11) Test' });

  async function newSubject(): Promise<string> {
    n += 1;
    const id = `cand-m${n}`;
    await createSubject(t.app, admin, buildBundle({ id, name: `Media Person ${n}` }));
    return id;
  }

  async function bundleOf(subjectId: string) {
    return (await getSubject(t.app, admin, subjectId)).bundle;
  }

  async function resultOf(subjectId: string): Promise<LivenessResult> {
    const item = (await bundleOf(subjectId)).verifications?.[0] as Record<string, unknown> | undefined;
    return item?.result as LivenessResult;
  }

  async function signalIds(subjectId: string): Promise<string[]> {
    return ((await getSubject(t.app, admin, subjectId)).assessment?.signals ?? []).map((x) => x.id);
  }

  /** A session past consent (and, with `challenge`, with its plan issued). */
  async function session(challenge: boolean) {
    const subjectId = await newSubject();
    const { token, verification } = await createVerification(t.app, recruiter, subjectId);
    const c = candidate(token);
    await openVerification(t.app, c);
    await recordVerificationConsent(t.app, c);
    const plan = challenge ? (await issueVerificationChallenge(t.app, c)).plan : null;
    return { subjectId, c, sessionId: verification.id, plan };
  }

  async function sendId(
    c: ReturnType<typeof candidate>,
    portrait: 'astronaut.png' | 'camera.png' | null,
    kind = 'passport',
  ) {
    const up = await uploadVerificationDocument(t.app, c, {
      kind,
      name: 'passport.jpg',
      body: await idImageWithFace(portrait),
    });
    const file = await findDocumentFile(t.app.database.db, up.fileId);
    const job = await waitForJob(t.app, file?.jobId as string);
    expect(job.status).toBe('succeeded');
    return up;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const p of ['astronaut.png', 'camera.png', 'coffee.png'] as const) {
      const jpeg = await cameraFrame(p);
      frames.set(p, { jpeg, face: await measure(jpeg) });
    }
    astronaut = frames.get('astronaut.png')?.face?.embedding ?? [];
    cameraman = frames.get('camera.png')?.face?.embedding ?? [];
    expect(astronaut).toHaveLength(1024);
  }, 120_000);
  afterAll(() => t.close());

  it('reads the face on the ID photo the candidate sends: faceFound and the embedding on the bundle item', async () => {
    const { subjectId, c, sessionId } = await session(false);
    const up = await sendId(c, 'astronaut.png');
    expect(up.status).toBe('analyzing');
    const doc = (await bundleOf(subjectId)).documents?.find((d) => d.fileId === up.fileId) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({ kind: 'passport', faceFound: true });
    const embedding = doc.faceEmbedding as number[];
    expect(embedding).toHaveLength(1024);
    expect(embedding.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
    // The same person as the portrait the face was taken from, not the cameraman.
    expect(cos(embedding, astronaut)).toBeGreaterThan(0.8);
    expect(cos(embedding, cameraman)).toBeLessThan(0.55);
    const listed = await listVerificationDocuments(t.app, c);
    expect(listed.documents).toEqual([
      expect.objectContaining({ fileId: up.fileId, kind: 'passport', status: 'done', faceFound: true }),
    ]);
    expect(listed.documents[0]?.message).toContain('We found the photo of your face on the document.');
    const audit = (await listSubjectAudit(t.app, admin, subjectId)).items;
    const uploaded = audit.find((e) => e.action === 'verification.document-uploaded');
    expect(uploaded?.actor).toMatchObject({ kind: 'anonymous', id: `verification:${sessionId}` });
    expect(uploaded?.data).toMatchObject({ sessionId, fileId: up.fileId, kind: 'passport' });
    expect(audit.find((e) => e.action === 'document.analyzed')?.data).toMatchObject({
      face: { found: true, faces: 1 },
    });
  }, 120_000);

  it('a document without a face: faceFound false and a plain message to retake it', async () => {
    const { subjectId, c } = await session(false);
    // Sent as the candidate page names a national ID card.
    const up = await sendId(c, null, 'id_card');
    const doc = (await bundleOf(subjectId)).documents?.find((d) => d.fileId === up.fileId) as Record<
      string,
      unknown
    >;
    expect(doc.faceFound).toBe(false);
    expect(doc.kind).toBe('national_id');
    expect(doc.faceEmbedding).toBeUndefined();
    const [listed] = (await listVerificationDocuments(t.app, c)).documents;
    expect(listed).toMatchObject({ kind: 'id_card', status: 'done', faceFound: false });
    expect(listed?.message).toContain(
      'We could not find a face on the photo — please retake it in good light.',
    );
  }, 120_000);

  it('refuses the document before consent, a PDF or text, and a kind that is not an identity document', async () => {
    const subjectId = await newSubject();
    const { token } = await createVerification(t.app, recruiter, subjectId);
    const fresh = candidate(token);
    const photo = await cameraFrame('astronaut.png');
    await expectCode(
      uploadVerificationDocument(t.app, fresh, { kind: 'passport', body: photo }),
      'invalid_transition',
    );
    const { c } = await session(false);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    expect(
      await expectCode(uploadVerificationDocument(t.app, c, { kind: 'passport', body: pdf }), 'validation'),
    ).toBe(NOT_A_PICTURE);
    expect(
      await expectCode(
        uploadVerificationDocument(t.app, c, { kind: 'passport', body: Buffer.from('hello') }),
        'validation',
      ),
    ).toBe(NOT_A_PICTURE);
    await expectCode(uploadVerificationDocument(t.app, c, { kind: 'other', body: photo }), 'validation');
    await expectCode(uploadVerificationDocument(t.app, c, { kind: 'diploma', body: photo }), 'validation');
    expect((await listVerificationDocuments(t.app, c)).documents).toEqual([]);
  });

  it.each([
    ['the same person', 'astronaut.png', false],
    ['another person', 'camera.png', true],
  ] as const)(
    'the live face of %s is matched with the ID photo the candidate sent',
    async (_, live, fires) => {
      const { subjectId, c, plan } = await session(true);
      await sendId(c, 'astronaut.png');
      const person = live === 'astronaut.png' ? astronaut : cameraman;
      await submitVerificationTrace(t.app, c, sessionOf(plan as ChallengePlan, person, 5));
      const item = (await bundleOf(subjectId)).verifications?.[0] as Record<string, unknown>;
      const result = item.result as LivenessResult;
      expect(result.faceMatch?.matched).toBe(!fires);
      expect((await signalIds(subjectId)).includes('liveness.face-mismatch')).toBe(fires);
    },
    120_000,
  );

  it('a photo read after the trace arrived: the finished session is matched with it then (audited)', async () => {
    const { subjectId, c, plan, sessionId } = await session(true);
    await submitVerificationTrace(t.app, c, sessionOf(plan as ChallengePlan, cameraman, 7));
    expect((await resultOf(subjectId)).faceMatch).toBeNull();
    expect(await signalIds(subjectId)).not.toContain('liveness.face-mismatch');
    // The link is used up; the recruiter adds the passport photo (the same analysis job).
    const up = await uploadDocument(t.app, recruiter, {
      subjectId,
      kind: 'passport',
      body: await idImageWithFace('astronaut.png'),
    });
    expect((await waitForJob(t.app, up.jobId as string)).status).toBe('succeeded');
    const result = await resultOf(subjectId);
    expect(result.faceMatch?.matched).toBe(false);
    expect(await signalIds(subjectId)).toContain('liveness.face-mismatch');
    const audit = (await listSubjectAudit(t.app, admin, subjectId)).items;
    expect(audit.find((e) => e.action === 'verification.face-matched')?.data).toMatchObject({
      sessionId,
      matched: false,
    });
  }, 120_000);

  it('keyframes only while the challenge runs: JPEG, bounded, at most 12, the step must be the plan’s', async () => {
    const early = await session(false);
    const jpeg = frames.get('astronaut.png')?.jpeg as Buffer;
    await expectCode(
      uploadVerificationKeyframe(t.app, early.c, { t: '100', step: '', body: jpeg }),
      'invalid_transition',
    );
    const { c, plan, sessionId } = await session(true);
    const png = await sharp(jpeg).png().toBuffer();
    expect(
      await expectCode(uploadVerificationKeyframe(t.app, c, { t: '100', step: '', body: png }), 'validation'),
    ).toMatch(/must be a JPEG image; this is a PNG image/);
    const big = await sharp(jpeg).resize(1600, 1200).jpeg({ quality: 20 }).toBuffer();
    expect(
      await expectCode(uploadVerificationKeyframe(t.app, c, { t: '100', step: '', body: big }), 'validation'),
    ).toMatch(/1,600 × 1,200 pixels|1600 × 1200 pixels|limit/);
    const heavy = Buffer.concat([jpeg, Buffer.alloc(600 * 1024)]);
    await expectCode(
      uploadVerificationKeyframe(t.app, c, { t: '100', step: '', body: heavy }),
      'payload_too_large',
    );
    await expectCode(uploadVerificationKeyframe(t.app, c, { t: '-5', step: '', body: jpeg }), 'validation');
    await expectCode(
      uploadVerificationKeyframe(t.app, c, { t: '100', step: 'nope', body: jpeg }),
      'validation',
    );
    const step = (plan as ChallengePlan).steps[0]?.id as string;
    for (let i = 0; i < 12; i++) {
      const got = await uploadVerificationKeyframe(t.app, c, {
        t: String(100 + i * 500),
        step: i === 0 ? step : '',
        body: jpeg,
      });
      expect(got.index).toBe(i);
    }
    await expectCode(uploadVerificationKeyframe(t.app, c, { t: '9000', step: '', body: jpeg }), 'conflict');
    const stored = await listVerificationKeyframes(t.app.database.db, sessionId);
    expect(stored).toHaveLength(12);
    expect(stored[0]).toMatchObject({ index: 0, t: 100, stepId: step, width: 640, height: 480 });
    // Encrypted at rest: the stored file is not the JPEG, and reads back as it.
    const key = stored[0]?.storageKey as string;
    expect(await documentStore(t.app).get(key)).toEqual(new Uint8Array(jpeg));
  });

  it('pictures of an abandoned attempt (a reload minutes earlier) are not held against the trace that arrives', async () => {
    const { subjectId, c, plan } = await session(true);
    // The first attempt sent pictures of someone else and was abandoned (the page was reloaded).
    const other = frames.get('camera.png');
    for (const at of [800, 2400]) {
      await uploadVerificationKeyframe(t.app, c, { t: String(at), step: '', body: other?.jpeg as Buffer });
    }
    t.clock.advance(5 * 60_000);
    try {
      let trace = sessionOf(plan as ChallengePlan, astronaut, 9);
      const seen = frames.get('astronaut.png');
      for (const at of idleMoments(trace, 2)) {
        trace = showAt(trace, at, asTraceFace(seen?.face as FaceFinding));
        await uploadVerificationKeyframe(t.app, c, { t: String(at), step: '', body: seen?.jpeg as Buffer });
      }
      await submitVerificationTrace(t.app, c, trace);
      const result = await resultOf(subjectId);
      expect(result.keyframes.map((k) => k.index)).toEqual([2, 3]);
      expect(result.keyframes.every((k) => k.agrees)).toBe(true);
      expect(result.integrity.problems.map((p) => p.code)).not.toContain('keyframe_mismatch');
    } finally {
      t.clock.advance(-5 * 60_000);
    }
  }, 120_000);

  it('honest keyframes agree with the trace; the reviewer sees them (audited); retention deletes them with the trace', async () => {
    const { subjectId, c, plan, sessionId } = await session(true);
    let trace = sessionOf(plan as ChallengePlan, astronaut, 9);
    const moments = idleMoments(trace, 3);
    const seen = frames.get('astronaut.png');
    for (const at of moments) {
      trace = showAt(trace, at, asTraceFace(seen?.face as FaceFinding));
      await uploadVerificationKeyframe(t.app, c, { t: String(at), step: '', body: seen?.jpeg as Buffer });
    }
    await submitVerificationTrace(t.app, c, trace);
    const result = await resultOf(subjectId);
    expect(result.keyframes).toHaveLength(3);
    for (const k of result.keyframes) {
      expect(k).toMatchObject({ faceFound: true, agrees: true });
      expect(k.similarity).toBeGreaterThan(0.9);
    }
    expect(result.integrity.problems.map((p) => p.code)).not.toContain('keyframe_mismatch');

    const image = await readVerificationKeyframe(t.app, viewer, subjectId, sessionId, 1);
    expect(Buffer.from(image.bytes).equals(seen?.jpeg as Buffer)).toBe(true);
    expect(image.t).toBe(moments[1]);
    const audit = (await listSubjectAudit(t.app, admin, subjectId)).items;
    expect(audit.filter((e) => e.action === 'verification.keyframe-uploaded')).toHaveLength(3);
    expect(audit.find((e) => e.action === 'verification.keyframe-viewed')?.data).toMatchObject({
      sessionId,
      index: 1,
    });
    expect(audit.find((e) => e.action === 'verification.completed')?.data).toMatchObject({
      keyframes: 3,
      keyframesDisagreeing: [],
    });
    await expectCode(readVerificationKeyframe(t.app, viewer, 'cand-m1', sessionId, 1), 'not_found');
    await expectCode(readVerificationKeyframe(t.app, viewer, subjectId, sessionId, 7), 'not_found');

    const keys = (await listVerificationKeyframes(t.app.database.db, sessionId)).map(
      (k) => k.storageKey as string,
    );
    const days = t.app.config.documents.retentionDays;
    t.clock.advance(days * DAY + 1000);
    try {
      const run = await expireVerifications(t.app);
      expect(run.tracesDeleted).toContain(sessionId);
      expect(run.keyframesDeleted).toContain(sessionId);
      expect(await listVerificationKeyframes(t.app.database.db, sessionId)).toEqual([]);
      for (const key of keys) await expect(documentStore(t.app).get(key)).rejects.toThrow();
      expect(
        await expectCode(readVerificationKeyframe(t.app, viewer, subjectId, sessionId, 1), 'not_found'),
      ).toMatch(/deleted when its retention period ended/);
      const deleted = (await listSubjectAudit(t.app, admin, subjectId)).items.find(
        (e) => e.action === 'verification.keyframes-deleted',
      );
      expect(deleted?.data).toMatchObject({ sessionId, count: 3, indexes: [0, 1, 2] });
    } finally {
      t.clock.advance(-(days * DAY + 1000));
    }
  }, 120_000);

  it.each([
    [
      'the keyframe shows another person (camera.png) where the trace claims the candidate',
      'camera.png',
      'identity',
    ],
    ['the trace claims a profile turn (yaw 60) where the keyframe is frontal', 'astronaut.png', 'profile'],
    ['the trace claims a face where the keyframe has none (coffee.png)', 'coffee.png', 'identity'],
  ] as const)(
    'keyframe_mismatch when %s',
    async (_, picture, claim) => {
      const { subjectId, c, plan } = await session(true);
      let trace = sessionOf(plan as ChallengePlan, astronaut, 13);
      const [honestAt, lieAt] = idleMoments(trace, 2) as [number, number];
      const honest = frames.get('astronaut.png');
      trace = showAt(trace, honestAt, asTraceFace(honest?.face as FaceFinding));
      await uploadVerificationKeyframe(t.app, c, {
        t: String(honestAt),
        step: '',
        body: honest?.jpeg as Buffer,
      });
      const shown = frames.get(picture);
      // The trace says what the candidate's face would show; the picture says otherwise.
      const astroFace = asTraceFace(honest?.face as FaceFinding);
      const told =
        claim === 'profile'
          ? { ...astroFace, yaw: 60 }
          : shown?.face
            ? { ...asTraceFace(shown.face), embedding: astroFace.embedding }
            : astroFace;
      trace = showAt(trace, lieAt, told);
      await uploadVerificationKeyframe(t.app, c, { t: String(lieAt), step: '', body: shown?.jpeg as Buffer });
      await submitVerificationTrace(t.app, c, trace);
      const result = await resultOf(subjectId);
      expect(result.keyframes.map((k) => k.agrees)).toEqual([true, false]);
      const bad = result.keyframes[1];
      expect(bad?.detail).toMatch(
        claim === 'profile'
          ? /turned \d+° on the picture but 60° in the trace/
          : picture === 'coffee.png'
            ? /no face/
            : /another person/,
      );
      const problem = result.integrity.problems.find((p) => p.code === 'keyframe_mismatch');
      expect(problem?.moments).toEqual([lieAt]);
      const signals = (await getSubject(t.app, admin, subjectId)).assessment?.signals ?? [];
      const failed = signals.find((s) => s.id === 'liveness.challenge-failed');
      expect(failed?.explanation).toContain('captured frame 2');
      expect(failed?.evidence).toContain('verifications[0].result.keyframes[1]');
      expect(failed?.data).toMatchObject({ keyframes: [expect.objectContaining({ index: 1, t: lieAt })] });
    },
    120_000,
  );
});
