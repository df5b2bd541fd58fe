import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/services/setup-instance.ts';
import { cookieFrom, createTestServer, createUserWithRole, PASSWORD, type TestServer } from './helpers.ts';

describe('setup', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(() => t.close());

  it('creates the first admin once, with the setup token, and signs them in', async () => {
    expect(await (await t.anonymous.request('/api/v1/setup')).json()).toEqual({ needsSetup: true });
    const issued = await issueSetupToken(t.app);
    if (!issued) throw new Error('expected a setup token');
    const body = { email: 'owner@example.test', name: 'Owner', password: PASSWORD };

    const wrong = await t.anonymous.request('/api/v1/setup', {
      method: 'POST',
      json: { ...body, token: 'gcs_nope' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');

    const res = await t.anonymous.request('/api/v1/setup', {
      method: 'POST',
      json: { ...body, token: issued.token },
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.user).toMatchObject({ email: 'owner@example.test', role: 'admin' });
    expect(typeof created.csrfToken).toBe('string');
    const cookie = cookieFrom(res, 'gc_session');
    expect(cookie?.attributes).toMatch(/HttpOnly/);
    expect(cookie?.attributes).toMatch(/SameSite=Strict/);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Secure/);

    const me = await t.anonymous.request('/api/v1/auth/me', {
      headers: { cookie: `gc_session=${cookie?.value}` },
    });
    expect(await me.json()).toMatchObject({
      user: { email: 'owner@example.test', role: 'admin' },
      csrfToken: created.csrfToken,
    });

    expect(await (await t.anonymous.request('/api/v1/setup')).json()).toEqual({ needsSetup: false });
    const again = await t.anonymous.request('/api/v1/setup', {
      method: 'POST',
      json: { ...body, token: issued.token },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('setup_done');
  });
});

describe('sign-in', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(() => t.close());

  it('signs in, answers /auth/me, and signs out', async () => {
    await createUserWithRole(t.app, 'recruiter', 'rita@example.test');
    const res = await t.anonymous.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email: 'rita@example.test', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toEqual({
      id: expect.any(String),
      email: 'rita@example.test',
      name: 'recruiter tester',
      role: 'recruiter',
    });
    const session = cookieFrom(res, 'gc_session');
    expect(session).not.toBeNull();
    const cookie = `gc_session=${session?.value}`;

    const me = await t.anonymous.request('/api/v1/auth/me', { headers: { cookie } });
    expect((await me.json()).csrfToken).toBe(body.csrfToken);

    const out = await t.anonymous.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(cookieFrom(out, 'gc_session')?.attributes).toMatch(/Max-Age=0/);
    expect((await t.anonymous.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('rejects a wrong password with 401 problem+json', async () => {
    await createUserWithRole(t.app, 'viewer', 'vic@example.test');
    const res = await t.anonymous.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email: 'vic@example.test', password: 'not the password' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(cookieFrom(res, 'gc_session')).toBeNull();
  });

  it('rate limits repeated failures with 429 and Retry-After', async () => {
    await createUserWithRole(t.app, 'viewer', 'target@example.test');
    const attempt = () =>
      t.anonymous.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'target@example.test', password: 'guess guess guess' },
      });
    for (let i = 0; i < t.config.login.maxFailures; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(t.config.login.windowMinutes * 60);
    expect((await limited.json()).code).toBe('rate_limited');
    // Even the right password waits.
    const right = await t.anonymous.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email: 'target@example.test', password: PASSWORD },
    });
    expect(right.status).toBe(429);
  });

  it('ignores an unknown session cookie and clears it', async () => {
    const res = await t.anonymous.request('/api/v1/auth/me', { headers: { cookie: 'gc_session=forged' } });
    expect(res.status).toBe(401);
    expect(cookieFrom(res, 'gc_session')?.attributes).toMatch(/Max-Age=0/);
  });

  it('accepts API tokens and rejects bad ones', async () => {
    const client = await t.withToken('investigator');
    const me = await client.request('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { role: 'investigator', name: 'investigator token' },
      csrfToken: null,
    });
    const bad = await t.anonymous.request('/api/v1/auth/me', {
      headers: { authorization: 'Bearer gc_forged' },
    });
    expect(bad.status).toBe(401);
    const malformed = await t.anonymous.request('/api/v1/health', {
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.status).toBe(401);
  });

  it('revoked tokens stop working', async () => {
    const admin = await t.signIn('admin');
    const created = await admin.request('/api/v1/tokens', {
      method: 'POST',
      json: { name: 'ci', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const { id, token } = await created.json();
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.anonymous.request('/api/v1/subjects', { headers })).status).toBe(200);
    expect((await admin.request(`/api/v1/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.anonymous.request('/api/v1/subjects', { headers })).status).toBe(401);
  });
});

describe('cookies on an https deployment', () => {
  it('marks the session cookie Secure', async () => {
    const t = await createTestServer('sqlite', {
      config: { publicUrl: 'https://gatecheck.example.com', secureCookies: true },
    });
    try {
      await createUserWithRole(t.app, 'viewer', 'sec@example.test');
      const res = await t.anonymous.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'sec@example.test', password: PASSWORD },
      });
      expect(cookieFrom(res, 'gc_session')?.attributes).toMatch(/Secure/);
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await t.close();
    }
  });
});
