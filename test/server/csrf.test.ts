import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../factories.ts';
import { createTestServer, type TestServer } from './helpers.ts';

describe('CSRF', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(() => t.close());

  it('refuses a cookie-authenticated mutation without the X-CSRF-Token header', async () => {
    const recruiter = await t.signIn('recruiter');
    const res = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle(),
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      code: 'forbidden',
      detail: expect.stringContaining('X-CSRF-Token'),
    });
    // Nothing was stored.
    expect((await (await recruiter.request('/api/v1/subjects')).json()).total).toBe(0);
  });

  it('refuses a wrong token, and another session’s token', async () => {
    const a = await t.signIn('recruiter');
    const b = await t.signIn('recruiter');
    for (const token of ['wrong', b.csrfToken ?? '']) {
      const res = await a.request('/api/v1/subjects', {
        method: 'POST',
        json: buildBundle(),
        headers: { 'x-csrf-token': token },
      });
      expect(res.status).toBe(403);
    }
  });

  it('accepts the session’s token', async () => {
    const recruiter = await t.signIn('recruiter');
    const res = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle({ subject: { id: 'csrf-ok' } }),
    });
    expect(res.status).toBe(201);
  });

  it('does not need the header on safe methods', async () => {
    const viewer = await t.signIn('viewer');
    expect((await viewer.request('/api/v1/subjects')).status).toBe(200);
  });

  it('does not apply to API tokens', async () => {
    const token = await t.withToken('recruiter');
    const res = await token.request('/api/v1/subjects', {
      method: 'POST',
      json: buildBundle({ subject: { id: 'via-token' } }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses a cross-site form post (not JSON)', async () => {
    const recruiter = await t.signIn('recruiter');
    const res = await recruiter.request('/api/v1/subjects', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'format=x',
    });
    expect([403, 415]).toContain(res.status);
  });
});
