// Live verification through the HTTP API on SQLite and PostgreSQL: a recruiter sends a link, the candidate
// (no account, only the link's token) opens it, consents, gets the challenge and returns a trace; the
// subject's bundle holds the analysed result; the link then answers 410. Also: expiry, decline, body limit,
// rate limit, validation problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengePlan, LivenessResult } from '../../src/core/liveness/types.ts';
import { CANDIDATE_REQUESTS_PER_MINUTE } from '../../src/server/routes/verifications.routes.ts';
import { dialects } from '../db.ts';
import { buildHonestSession } from '../liveness/trace-builder.ts';
import { buildBundle } from '../services/factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const HOUR = 3_600_000;
type Created = {
  verification: { id: string; status: string; expiresAt: string };
  link: string;
  token: string;
};

describe.each(dialects)('verification sessions over HTTP (%s)', (dialect) => {
  let t: TestServer;
  let recruiter: Client;
  let viewer: Client;
  let n = 0;

  beforeAll(async () => {
    t = await createTestServer(dialect, {
      config: { publicUrl: 'https://gatecheck.example.test', maxBundleBytes: 400_000 },
    });
    recruiter = await t.signIn('recruiter');
    viewer = await t.withToken('viewer');
  });
  afterAll(() => t.close());

  async function newSubject(): Promise<string> {
    n += 1;
    const id = `cand-h${n}`;
    const res = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle({ id, name: `Http Person ${n}` }),
    });
    expect(res.status).toBe(201);
    return id;
  }

  async function send(subjectId: string): Promise<Created> {
    const res = await recruiter.request(`/api/v1/subjects/${subjectId}/verifications`, { method: 'POST' });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  }

  const verify = (token: string, step = '', init: Parameters<Client['request']>[1] = {}) =>
    t.anonymous.request(`/api/v1/verify/${token}${step}`, {
      method: step === '' ? 'GET' : 'POST',
      headers: { 'user-agent': 'Mozilla/5.0 (Candidate)' },
      ...init,
    });

  async function bundleItems(subjectId: string): Promise<Record<string, unknown>[]> {
    const res = await viewer.request(`/api/v1/subjects/${subjectId}`);
    const body = (await res.json()) as { bundle: { verifications?: Record<string, unknown>[] } };
    return body.bundle.verifications ?? [];
  }

  it('runs a whole session from the link to the analysed result, then refuses the link (410)', async () => {
    const subjectId = await newSubject();
    const created = await send(subjectId);
    expect(created.link).toBe(`https://gatecheck.example.test/verify/${created.token}`);

    const opened = await verify(created.token);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const view = (await opened.json()) as {
      consent: { version: string; organization: string };
      status: string;
    };
    expect(view.status).toBe('opened');
    expect(view.consent.organization).toBe('gatecheck.example.test');

    expect((await verify(created.token, '/challenge')).status).toBe(409);
    const consent = await verify(created.token, '/consent', { json: { textVersion: view.consent.version } });
    expect(consent.status).toBe(200);
    const challenge = await verify(created.token, '/challenge');
    expect(challenge.status).toBe(200);
    const { plan } = (await challenge.json()) as { plan: ChallengePlan };
    expect(plan.sessionId).toBe(created.verification.id);

    const { trace } = buildHonestSession({ plan, seed: 5 });
    const submitted = await verify(created.token, '/trace', { json: trace });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ sessionId: plan.sessionId, status: 'completed' });

    const [item] = await bundleItems(subjectId);
    expect(item).toMatchObject({ kind: 'liveness', sessionId: plan.sessionId, status: 'completed' });
    // In-process requests have no socket address: no `ip` is written for consistency.location to read.
    expect(item).not.toHaveProperty('ip');
    expect((item?.result as LivenessResult | undefined)?.integrity.ok).toBe(true);

    for (const step of ['', '/consent', '/challenge', '/trace', '/decline']) {
      const again = await verify(created.token, step, step === '/trace' ? { json: trace } : {});
      expect(again.status, step).toBe(410);
      expect(again.headers.get('content-type')).toBe('application/problem+json');
      expect(((await again.json()) as { detail: string }).detail).toMatch(/already been used/);
    }

    const list = await viewer.request(`/api/v1/subjects/${subjectId}/verifications`);
    expect(list.status).toBe(200);
    const listed = (await list.json()) as {
      verifications: { id: string; status: string; hasTrace: boolean }[];
    };
    expect(listed.verifications).toEqual([
      expect.objectContaining({ id: plan.sessionId, status: 'completed', hasTrace: true }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('a viewer cannot send a link; an unknown token is 404, an expired one 410', async () => {
    const subjectId = await newSubject();
    const refused = await viewer.request(`/api/v1/subjects/${subjectId}/verifications`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect((await verify('A'.repeat(43))).status).toBe(404);
    const created = await send(subjectId);
    t.clock.advance(72 * HOUR);
    try {
      const res = await verify(created.token);
      expect(res.status).toBe(410);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/);
      expect((await bundleItems(subjectId))[0]).toMatchObject({ status: 'expired' });
    } finally {
      t.clock.advance(-72 * HOUR);
    }
  });

  it('the candidate may decline; the link then answers 410', async () => {
    const subjectId = await newSubject();
    const created = await send(subjectId);
    const res = await verify(created.token, '/decline');
    expect(res.status).toBe(200);
    expect((await bundleItems(subjectId))[0]).toMatchObject({ status: 'declined' });
    expect((await verify(created.token)).status).toBe(410);
  });

  it('a malformed trace is 422 with its problems; a trace over the body limit is 413', async () => {
    const subjectId = await newSubject();
    const created = await send(subjectId);
    await verify(created.token, '/consent');
    const { plan } = (await (await verify(created.token, '/challenge')).json()) as { plan: ChallengePlan };
    const { trace } = buildHonestSession({ plan, seed: 9 });
    const bad = await verify(created.token, '/trace', { json: { ...trace, durationMs: -1 } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain(
      'durationMs',
    );
    const huge = { ...trace, frames: Array.from({ length: 8 }, () => trace.frames).flat() };
    const tooBig = await verify(created.token, '/trace', { json: huge });
    expect(tooBig.status).toBe(413);
    // Neither attempt used the link up.
    expect((await verify(created.token)).status).toBe(200);
  });

  it('limits candidate requests per address (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= CANDIDATE_REQUESTS_PER_MINUTE; i++)
      statuses.push((await verify(`${'B'.repeat(42)}${i % 10}`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 404).length).toBeLessThan(statuses.length);
    const res = await verify('C'.repeat(43));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await verify('C'.repeat(43))).status).toBe(404);
  });
});
