import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStreamedBodyRoute } from '../../src/server/middleware/body-limit.ts';
import { buildBundle } from '../factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const MAX_BUNDLE = 4096;

describe('request size limits', () => {
  let t: TestServer;
  let recruiter: Client;
  beforeAll(async () => {
    t = await createTestServer('sqlite', { config: { maxBundleBytes: MAX_BUNDLE } });
    recruiter = await t.withToken('recruiter');
  });
  afterAll(() => t.close());

  const big = () => buildBundle({ subject: { id: 'big', name: 'x'.repeat(MAX_BUNDLE) } });

  it('413 problem+json for a bundle over config.maxBundleBytes', async () => {
    const res = await recruiter.request('/api/v1/subjects', { method: 'POST', json: big() });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).code).toBe('payload_too_large');
  });

  it('413 for a streamed body without Content-Length', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big())));
        controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    };
    const res = await recruiter.request('/api/v1/subjects', init);
    expect(res.status).toBe(413);
  });

  it('small JSON routes have a small limit', async () => {
    const res = await t.anonymous.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
  });

  it('imports may be larger than one bundle, but each bundle must fit the per-bundle limit', async () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      buildBundle({ subject: { id: `imp-${i}`, name: 'y'.repeat(600) } }),
    );
    expect(JSON.stringify({ bundles: many }).length).toBeGreaterThan(MAX_BUNDLE);
    const ok = await recruiter.request('/api/v1/subjects/import', {
      method: 'POST',
      json: { bundles: many },
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).results.every((r: { ok: boolean }) => r.ok)).toBe(true);

    const res = await recruiter.request('/api/v1/subjects/import', {
      method: 'POST',
      json: { bundles: [buildBundle(), big()] },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).problems).toEqual([
      { path: 'bundles[1]', message: expect.stringContaining('limit') },
    ]);
  });
});

describe('streamed uploads', () => {
  it('sign-in logs and document files read their own body to their own limit; nothing else escapes the /api cap', () => {
    expect(isStreamedBodyRoute('POST', '/api/v1/logins/imports')).toBe(true);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/cand-0001/documents/files')).toBe(true);
    expect(isStreamedBodyRoute('GET', '/api/v1/subjects/cand-0001/documents/files')).toBe(false);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/a/b/documents/files')).toBe(false);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/cand-0001/documents/files/x')).toBe(false);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects')).toBe(false);
  });
});

describe('security headers', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gc-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    t = await createTestServer('sqlite', { webDir: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['/api/v1/health'],
    ['/api/v1/subjects'],
    ['/api/v1/nope'],
    ['/api/openapi.json'],
    ['/api/docs'],
    ['/'],
    ['/subjects/abc'],
  ])('are on %s', async (p) => {
    const res = await t.anonymous.request(p);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
  });

  it("lets only the verification page's documents compile WebAssembly ('wasm-unsafe-eval')", async () => {
    const verify = await t.anonymous.request('/verify/x');
    expect(verify.status).toBe(200);
    const csp = verify.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d.startsWith('script-src'));
    expect(scriptSrc).toEqual(["script-src 'self' 'wasm-unsafe-eval'"]);
    expect(csp).toContain("default-src 'self'");
    for (const p of ['/', '/subjects/abc', '/api/v1/verify/x'])
      expect((await t.anonymous.request(p)).headers.get('content-security-policy')).not.toContain('wasm');
  });

  it('serves the web UI with SPA fallback outside /api', async () => {
    const res = await t.anonymous.request('/subjects/abc');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="root"');
  });

  it('health is public', async () => {
    const res = await t.anonymous.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String), database: 'sqlite' });
  });
});
