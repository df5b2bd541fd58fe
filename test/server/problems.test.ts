import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body: { problems?: { path: string; message: string }[] } = await res.json();
  expect(body).toMatchObject({
    type: `urn:gatecheck:problem:${code}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
  expect(
    Object.keys(body).every((k) => ['type', 'title', 'status', 'detail', 'code', 'problems'].includes(k)),
  ).toBe(true);
  return body;
}

describe('problem+json', () => {
  let t: TestServer;
  let recruiter: Client;
  let investigator: Client;
  beforeAll(async () => {
    t = await createTestServer();
    recruiter = await t.signIn('recruiter');
    investigator = await t.signIn('investigator');
  });
  afterAll(() => t.close());

  it('404 for unknown API paths, with or without a session', async () => {
    await expectProblem(await t.anonymous.request('/api/v1/nope'), 404, 'not_found');
    await expectProblem(await t.anonymous.request('/api/v2/subjects'), 404, 'not_found');
    await expectProblem(await recruiter.request('/api/v1/subjects', { method: 'DELETE' }), 404, 'not_found');
  });

  it('401 without credentials', async () => {
    await expectProblem(await t.anonymous.request('/api/v1/subjects'), 401, 'unauthenticated');
  });

  it('403 for a role below the route', async () => {
    await expectProblem(await recruiter.request('/api/v1/audit'), 403, 'forbidden');
  });

  it('400 with every problem when the request does not match the route schema', async () => {
    const body = await expectProblem(
      await recruiter.request('/api/v1/subjects?limit=0&band=purple'),
      400,
      'validation',
    );
    expect(body.problems?.map((p) => p.path).sort()).toEqual(['query.band', 'query.limit']);
    const login = await expectProblem(
      await t.anonymous.request('/api/v1/auth/login', { method: 'POST', json: { email: 5 } }),
      400,
      'validation',
    );
    expect(login.problems?.map((p) => p.path).sort()).toEqual(['email', 'password']);
  });

  it('400 for malformed JSON, 415 for another media type', async () => {
    await expectProblem(
      await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"format":',
      }),
      400,
      'validation',
    );
    await expectProblem(
      await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('422 with bundle paths when a bundle is not valid', async () => {
    const body = await expectProblem(
      await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        json: { format: 'gatecheck.case-bundle/v1', subject: {} },
      }),
      422,
      'validation',
    );
    expect(body.problems).toContainEqual({ path: 'subject.id', message: expect.any(String) });
    const hostile = await expectProblem(
      await recruiter.request('/api/v1/assess', {
        method: 'POST',
        json: { bundles: [buildBundle(), { format: 'gatecheck.case-bundle/v1' }] },
      }),
      422,
      'validation',
    );
    expect(hostile.problems?.[0]?.path).toMatch(/^bundles\[1\]\./);
  });

  it('409 for a duplicate subject and for a transition the workflow does not allow', async () => {
    const bundle = buildBundle({ subject: { id: 'dup-1' } });
    expect((await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle })).status).toBe(201);
    await expectProblem(
      await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle }),
      409,
      'conflict',
    );
    await expectProblem(
      await investigator.request('/api/v1/subjects/dup-1/case/transition', {
        method: 'POST',
        json: { to: 'reported' },
      }),
      409,
      'invalid_transition',
    );
  });

  it('404 for a missing subject', async () => {
    await expectProblem(await recruiter.request('/api/v1/subjects/missing'), 404, 'not_found');
  });
});
