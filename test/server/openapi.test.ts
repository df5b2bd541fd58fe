import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './helpers.ts';
import { registeredApiRoutes } from './routes.ts';

type Operation = { 'x-gatecheck-access'?: string; responses?: Record<string, unknown>; security?: unknown[] };

describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };
  beforeAll(async () => {
    t = await createTestServer();
    const res = await t.anonymous.request('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = await res.json();
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every registered route, and nothing else', () => {
    const registered = registeredApiRoutes(t.server).map((r) => r.key);
    const documented: string[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) documented.push(`${method.toUpperCase()} ${p}`);
    }
    expect(documented.sort()).toEqual(registered);
    expect(registered.length).toBeGreaterThanOrEqual(33);
  });

  it('covers the routes of CONTRACTS.md', () => {
    const keys = new Set(registeredApiRoutes(t.server).map((r) => r.key));
    for (const key of [
      'GET /api/v1/health',
      'GET /api/v1/setup',
      'POST /api/v1/setup',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'GET /api/v1/signals',
      'GET /api/v1/subjects',
      'POST /api/v1/subjects',
      'POST /api/v1/subjects/import',
      'GET /api/v1/subjects/{id}',
      'PUT /api/v1/subjects/{id}',
      'POST /api/v1/subjects/{id}/evidence/{kind}',
      'GET /api/v1/subjects/{id}/assessments',
      'POST /api/v1/subjects/{id}/assess',
      'GET /api/v1/subjects/{id}/timeline',
      'POST /api/v1/subjects/{id}/case/transition',
      'POST /api/v1/subjects/{id}/case/assign',
      'POST /api/v1/subjects/{id}/case/notes',
      'GET /api/v1/subjects/{id}/audit',
      'POST /api/v1/assess',
      'GET /api/v1/policy',
      'PUT /api/v1/policy',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'PATCH /api/v1/users/{id}',
      'GET /api/v1/tokens',
      'POST /api/v1/tokens',
      'DELETE /api/v1/tokens/{id}',
      'GET /api/v1/audit',
      'GET /api/v1/audit/verify',
      'GET /api/v1/jobs',
      'GET /api/v1/jobs/{id}',
    ]) {
      expect(keys, key).toContain(key);
    }
  });

  it('declares access, security and the problem response on every operation', () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${p}`;
        expect(op['x-gatecheck-access'], where).toEqual(expect.any(String));
        expect(op.responses?.default, where).toBeDefined();
        expect(op.security, where).toEqual(
          op['x-gatecheck-access'] === 'public' ? [] : [{ session: [] }, { bearer: [] }],
        );
      }
    }
  });

  it('includes the case-bundle and problem schemas', () => {
    expect(doc.components.schemas.CaseBundle).toMatchObject({
      type: 'object',
      required: ['format', 'subject'],
    });
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('redirects /api/docs/ to the page', async () => {
    const res = await t.anonymous.request('/api/docs/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/docs');
  });

  it('has a browsable reference page served from local files', async () => {
    const page = await t.anonymous.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const res = await t.anonymous.request(src[1] ?? '');
      expect(res.status, src[1]).toBe(200);
    }
  });
});
