import { describe, expect, it } from 'vitest';
import { docsRoutes } from './docs.ts';

describe('docsRoutes', () => {
  const app = docsRoutes();

  it('serves a page that loads only local scripts', async () => {
    const html = await (await app.request('http://localhost/')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/src="\/api\/docs\//);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves Swagger UI from node_modules', async () => {
    const res = await app.request('http://localhost/assets/swagger-ui-bundle.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await app.request('http://localhost/assets/swagger-ui.css')).status).toBe(200);
  });

  it('points the initializer at the local OpenAPI document', async () => {
    expect(await (await app.request('http://localhost/init.js')).text()).toContain("'/api/openapi.json'");
  });

  it('serves no other files', async () => {
    expect((await app.request('http://localhost/assets/package.json')).status).toBe(404);
  });
});
