// The recruiter's view of a completed session over time (GET /subjects/{id}/verifications/{sessionId}/trace),
// over HTTP on SQLite and PostgreSQL: the stored encrypted trace comes back reduced, with the step windows,
// for viewers and up; every read is audited; other subjects' sessions, unfinished sessions and traces deleted
// by retention answer 404 with the reason.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVerificationSession } from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import type { ChallengePlan } from '../../src/core/liveness/types.ts';
import { expireVerifications } from '../../src/services/expire-verifications.ts';
import { documentStore } from '../../src/services/internal/documents.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { dialects } from '../db.ts';
import { paintedOverHand } from '../liveness/attacks.ts';
import { buildHonestSession } from '../liveness/trace-builder.ts';
import { type Client, createTestServer, type TestServer } from '../server/helpers.ts';
import { buildBundle } from '../services/factories.ts';
import { admin } from '../services/helpers.ts';

type Series = {
  sessionId: string;
  durationMs: number;
  frames: number;
  points: { t: number; yaw: number | null; pitch: number | null; faceScore: number | null; hands: number }[];
  steps: { id: string; kind: string; startMs: number; endMs: number }[];
};

describe.each(dialects)('verification trace series over HTTP (%s)', (dialect) => {
  let t: TestServer;
  let recruiter: Client;
  let viewer: Client;
  let n = 0;

  beforeAll(async () => {
    t = await createTestServer(dialect, { config: { publicUrl: 'https://gatecheck.example.test' } });
    recruiter = await t.signIn('recruiter');
    viewer = await t.withToken('viewer');
  });
  afterAll(() => t.close());

  async function newSubject(): Promise<string> {
    n += 1;
    const id = `cand-ts${n}`;
    const res = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle({ id, name: `Series Person ${n}` }),
    });
    expect(res.status).toBe(201);
    return id;
  }

  const candidate = (token: string, step: string, json?: unknown) =>
    t.anonymous.request(`/api/v1/verify/${token}${step}`, { method: 'POST', ...(json ? { json } : {}) });

  /** Sends a link and, unless `finish` is false, runs the session with a face swap painted over the hand. */
  async function session(subjectId: string, finish = true) {
    const res = await recruiter.request(`/api/v1/subjects/${subjectId}/verifications`, { method: 'POST' });
    const created = (await res.json()) as { token: string; verification: { id: string } };
    expect((await candidate(created.token, '/consent')).status).toBe(200);
    const { plan } = (await (await candidate(created.token, '/challenge')).json()) as { plan: ChallengePlan };
    const built = paintedOverHand(buildHonestSession({ plan, seed: 21 }));
    if (finish) expect((await candidate(created.token, '/trace', built.trace)).status).toBe(200);
    return { id: created.verification.id, trace: built.trace, plan };
  }

  it('returns the session over time with the step windows, and audits the read', async () => {
    const subjectId = await newSubject();
    const { id, trace, plan } = await session(subjectId);
    const res = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/${id}/trace`);
    expect(res.status).toBe(200);
    const series = (await res.json()) as Series;
    expect(series.sessionId).toBe(id);
    expect(series.frames).toBe(trace.frames.length);
    expect(series.durationMs).toBe(trace.durationMs);
    expect(series.steps.map((s) => s.id)).toEqual(trace.steps.map((s) => s.id));
    expect(series.steps.map((s) => s.id).sort()).toEqual(plan.steps.map((s) => s.id).sort());
    // Under the default 600 points every frame is a point: the series is the trace's own numbers.
    expect(series.points).toHaveLength(trace.frames.length);
    const cover = trace.steps.find((s) => s.kind === 'cover_half');
    const during = series.points.filter((p) => cover && p.t >= cover.startMs && p.t <= cover.endMs);
    expect(Math.max(...during.map((p) => p.hands))).toBeGreaterThan(0);
    const turn = trace.steps.find((s) => s.kind === 'turn_left');
    const inTurn = series.points.filter((p) => turn && p.t >= turn.startMs && p.t <= turn.endMs);
    expect(Math.max(...inTurn.map((p) => Math.abs(p.yaw ?? 0)))).toBeGreaterThan(30);

    const fewer = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/${id}/trace?points=50`);
    expect(fewer.status).toBe(200);
    const reduced = (await fewer.json()) as Series;
    expect(reduced.points.length).toBeLessThanOrEqual(50);
    expect(reduced.points.length).toBeGreaterThan(25);

    const audit = (await listSubjectAudit(t.app, admin, subjectId)).items.filter(
      (e) => e.action === 'verification.trace-viewed',
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]?.data).toMatchObject({ sessionId: id, frames: trace.frames.length });
  });

  it('answers 404 with the reason for an unfinished session, another subject and an unknown id; 400 for points below 2', async () => {
    const subjectId = await newSubject();
    const other = await newSubject();
    const unfinished = await session(subjectId, false);
    const res = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/${unfinished.id}/trace`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/not finished.*challenged/);

    const done = await session(subjectId);
    const elsewhere = await viewer.request(`/api/v1/subjects/${other}/verifications/${done.id}/trace`);
    expect(elsewhere.status).toBe(404);
    const unknown = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/nope/trace`);
    expect(unknown.status).toBe(404);
    const bad = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/${done.id}/trace?points=1`);
    expect(bad.status).toBe(400);
    const none = (await listSubjectAudit(t.app, admin, other)).items.filter(
      (e) => e.action === 'verification.trace-viewed',
    );
    expect(none).toEqual([]);
  });

  it('answers 409 saying why when the stored file is damaged or no longer fits the trace format', async () => {
    const subjectId = await newSubject();
    const { id } = await session(subjectId);
    const key = (await findVerificationSession(t.app.database.db, id))?.traceKey as string;
    const store = documentStore(t.app);
    const url = `/api/v1/subjects/${subjectId}/verifications/${id}/trace`;
    await store.put(key, Buffer.from('not gzip at all'));
    const damaged = await viewer.request(url);
    expect(damaged.status).toBe(409);
    expect(((await damaged.json()) as { detail: string }).detail).toMatch(/damaged/);
    await store.put(key, gzipSync(Buffer.from(JSON.stringify({ version: 2, frames: [] }))));
    const other = await viewer.request(url);
    expect(other.status).toBe(409);
    const body = (await other.json()) as { detail: string; problems?: { path: string }[] };
    expect(body.detail).toMatch(/does not fit the current trace format/);
    expect(body.problems?.map((p) => p.path)).toContain('version');
  });

  it('says the trace was deleted when retention removed it', async () => {
    const subjectId = await newSubject();
    const { id } = await session(subjectId);
    const shift = (t.app.config.documents.retentionDays + 1) * 86_400_000;
    t.clock.advance(shift);
    try {
      expect((await expireVerifications(t.app)).tracesDeleted).toContain(id);
      const res = await viewer.request(`/api/v1/subjects/${subjectId}/verifications/${id}/trace`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/deleted when its retention/);
    } finally {
      t.clock.advance(-shift);
    }
  });
});
