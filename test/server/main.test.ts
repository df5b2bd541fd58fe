// startServer over a real socket: listens, prints the URL and the one-time setup link, answers, stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/main.ts';

describe('startServer', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gc-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the setup link on first start, serves HTTP, and closes cleanly', async () => {
    const lines: string[] = [];
    const config = { ...loadConfig({ GATECHECK_DATA_DIR: dataDir, HOST: '127.0.0.1' }), port: 0 };
    const server = await startServer(config, { print: (l) => lines.push(l), handleSignals: false });
    try {
      expect(lines.join('\n')).toContain('http://localhost:8080');
      const link = lines.find((l) => l.includes('/setup?token='));
      expect(link?.trim()).toMatch(/^http:\/\/localhost:8080\/setup\?token=gcs_[A-Za-z0-9_-]+$/);

      const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, database: 'sqlite' });
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      await server.close();
    }
    await expect(fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).rejects.toThrow();
  });
});
