import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { staticWeb } from './static-web.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-web-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function appFor(webDir: string): Hono {
  const app = new Hono();
  app.all('*', staticWeb(webDir));
  return app;
}

describe('staticWeb', () => {
  it('explains how to build the UI when dist/web is missing', async () => {
    const res = await appFor(path.join(dir, 'missing')).request('http://localhost/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build:web');
  });

  describe('with a build', () => {
    const web = path.join(dir, 'web');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(web, 'assets', 'index-Bx3kP9aQ.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'favicon.svg'), '<svg/>');
    writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const app = appFor(web);

    it('serves hashed assets with a long cache', async () => {
      const res = await app.request('http://localhost/assets/index-Bx3kP9aQ.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/javascript');
      expect(res.headers.get('cache-control')).toContain('immutable');
    });

    it('serves other files with revalidation', async () => {
      const res = await app.request('http://localhost/favicon.svg');
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    });

    it('falls back to index.html for client routes', async () => {
      const res = await app.request('http://localhost/subjects/cand-1');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('id="root"');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    });

    it('answers 404 for a missing asset instead of the app shell', async () => {
      expect((await app.request('http://localhost/assets/nope-12345678.js')).status).toBe(404);
    });

    it('never leaves the web directory', async () => {
      for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const res = await app.request(`http://localhost${p}`);
        expect(await res.text()).not.toBe('secret');
      }
    });

    it('rejects non-GET methods', async () => {
      expect((await app.request('http://localhost/', { method: 'POST' })).status).toBe(405);
    });
  });
});
