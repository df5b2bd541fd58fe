// The verification media routes over HTTP on SQLite and PostgreSQL: the candidate sends a photo of the
// passport (raw body, streamed past the small-body cap) and reads what became of it; keyframes during the
// challenge (JPEG only, 512 KiB, 409 outside the challenge); the reviewer sees a keyframe as a JPEG (viewer
// role, another subject's session is 404).
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengePlan, LivenessResult } from '../../src/core/liveness/types.ts';
import { dialects } from '../db.ts';
import { idImageWithFace } from '../documents/id-with-face.ts';
import { skimageImage } from '../faces/face-images.ts';
import { buildHonestSession } from '../liveness/trace-builder.ts';
import { buildBundle } from '../services/factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

type Created = { verification: { id: string }; token: string };
type Listed = {
  documents: {
    fileId: string;
    kind: string;
    status: string;
    mrzFound: boolean | null;
    faceFound: boolean | null;
    message: string | null;
  }[];
};

describe.each(dialects)('verification media over HTTP (%s)', (dialect) => {
  let t: TestServer;
  let recruiter: Client;
  let viewer: Client;
  let n = 0;
  let frame: Buffer;

  beforeAll(async () => {
    t = await createTestServer(dialect, { config: { publicUrl: 'https://gatecheck.example.test' } });
    recruiter = await t.signIn('recruiter');
    viewer = await t.withToken('viewer');
    frame = await sharp(skimageImage('astronaut.png'))
      .resize(640, 480, { fit: 'contain', background: '#808080' })
      .toColourspace('srgb')
      .jpeg({ quality: 85 })
      .toBuffer();
  });
  afterAll(() => t.close());

  async function consented(): Promise<{ subjectId: string; created: Created }> {
    n += 1;
    const subjectId = `cand-mh${n}`;
    const made = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle({ id: subjectId, name: `Media Http ${n}` }),
    });
    expect(made.status).toBe(201);
    const res = await recruiter.request(`/api/v1/subjects/${subjectId}/verifications`, { method: 'POST' });
    const created = (await res.json()) as Created;
    expect((await candidate(created.token, '/consent', { method: 'POST' })).status).toBe(200);
    return { subjectId, created };
  }

  const candidate = (token: string, path: string, init: RequestInit = {}) =>
    t.anonymous.request(`/api/v1/verify/${token}${path}`, {
      ...init,
      headers: { 'user-agent': 'Mozilla/5.0 (Candidate)', ...(init.headers ?? {}) },
    });

  const raw = (body: Uint8Array, type = 'image/jpeg'): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(body),
  });

  it('takes the passport photo, reads it as a job and tells the candidate in plain words', async () => {
    const { created, subjectId } = await consented();
    const photo = await idImageWithFace('astronaut.png');
    const res = await candidate(created.token, '/document?kind=passport&name=passport.jpg', raw(photo));
    expect(res.status).toBe(202);
    const up = (await res.json()) as { fileId: string; status: string };
    expect(up.status).toBe('analyzing');
    let listed: Listed = { documents: [] };
    // Poll as the page does, under the candidate rate limit (120 requests a minute per address): a slow, loaded
    // machine must not turn a long analysis into a 429.
    for (let i = 0; i < 200; i++) {
      const got = await candidate(created.token, '/document');
      expect(got.status).toBe(200);
      listed = (await got.json()) as Listed;
      if (listed.documents[0]?.status !== 'analyzing') break;
      await new Promise((r) => setTimeout(r, 600));
    }
    expect(listed.documents).toEqual([
      expect.objectContaining({ fileId: up.fileId, kind: 'passport', status: 'done', faceFound: true }),
    ]);
    const doc = listed.documents[0];
    if (doc?.mrzFound)
      expect(doc.message).toContain('We could read the machine-readable lines on your document');
    // The recruiter sees it among the subject's documents, uploaded through the link.
    const files = await viewer.request(`/api/v1/subjects/${subjectId}/documents/files`);
    expect(JSON.stringify(await files.json())).toContain(up.fileId);
  }, 120_000);

  it('refuses what is not a picture with the plain message, even past the 1 MiB small-body cap', async () => {
    const { created } = await consented();
    const res = await candidate(
      created.token,
      '/document?kind=passport',
      raw(new Uint8Array(2 * 1024 * 1024)),
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain(
      'This is not a picture we can read (HEIC/PNG/JPEG/WebP only)',
    );
    const bad = await candidate('x'.repeat(43), '/document?kind=passport', raw(frame));
    expect(bad.status).toBe(404);
  });

  it('keyframes during the challenge only; the reviewer sees them as JPEG', async () => {
    const { created, subjectId } = await consented();
    const early = await candidate(created.token, '/keyframes?t=100&step=', raw(frame));
    expect(early.status).toBe(409);
    const challenged = await candidate(created.token, '/challenge', { method: 'POST' });
    const { plan } = (await challenged.json()) as { plan: ChallengePlan };
    const png = await sharp(frame).png().toBuffer();
    expect((await candidate(created.token, '/keyframes?t=100', raw(png, 'image/png'))).status).toBe(422);
    const heavy = Buffer.concat([frame, Buffer.alloc(600 * 1024)]);
    expect((await candidate(created.token, '/keyframes?t=100', raw(heavy))).status).toBe(413);
    const ok = await candidate(created.token, `/keyframes?t=800&step=${plan.steps[0]?.id}`, raw(frame));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ index: 0 });

    const trace = buildHonestSession({ plan, seed: 3 }).trace;
    const submitted = await candidate(created.token, '/trace', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(trace),
    });
    expect(submitted.status).toBe(200);
    const list = await viewer.request(`/api/v1/subjects/${subjectId}/verifications`);
    const sessions = (await list.json()) as { verifications: { id: string }[] };
    expect(sessions.verifications[0]?.id).toBe(created.verification.id);
    const subject = (await (await viewer.request(`/api/v1/subjects/${subjectId}`)).json()) as {
      bundle: { verifications: { result: LivenessResult }[] };
    };
    // The synthetic trace's 128-number embeddings cannot be the server's 1024-number ones: a disagreement.
    expect(subject.bundle.verifications[0]?.result.keyframes).toEqual([
      expect.objectContaining({
        index: 0,
        t: 800,
        stepId: plan.steps[0]?.id,
        faceFound: true,
        agrees: false,
      }),
    ]);

    const path = `/api/v1/subjects/${subjectId}/verifications/${created.verification.id}/keyframes`;
    const image = await viewer.request(`${path}/0`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await image.arrayBuffer()).equals(frame)).toBe(true);
    expect((await viewer.request(`${path}/5`)).status).toBe(404);
    expect((await viewer.request(`${path}/x`)).status).toBe(400);
    expect(
      (
        await viewer.request(
          `/api/v1/subjects/cand-other/verifications/${created.verification.id}/keyframes/0`,
        )
      ).status,
    ).toBe(404);
    expect((await t.anonymous.request(`${path}/0`)).status).toBe(401);
  }, 120_000);
});
