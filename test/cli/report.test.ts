// `gatecheck report` as a user runs it: a stored case (imported in-process into a fresh data directory), one
// process that writes the PDF, and the file read back with pdftotext.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { cliActor } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { importBundles } from '../../src/services/import-bundles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.resolve(ROOT, '../shared/examples/02-clear-infiltrator.json');
const tmp = mkdtempSync(path.join(tmpdir(), 'gc-cli-report-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gatecheck report', () => {
  it('writes the PDF of a stored case and prints the snapshot and its manifest hash', async () => {
    const dataDir = path.join(tmp, 'data');
    const app = await createAppContext(loadConfig({ GATECHECK_DATA_DIR: dataDir }), {
      startJobs: false,
      sanctions: false,
    });
    try {
      const imported = await importBundles(app, cliActor('test'), [
        JSON.parse(readFileSync(EXAMPLE, 'utf8')),
      ]);
      expect(imported.results[0]?.ok).toBe(true);
    } finally {
      await closeAppContext(app);
    }
    const out = path.join(tmp, 'report.pdf');
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/gatecheck.js'), 'report', 'emp-0207', '--out', out, '--data-dir', dataDir],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const hash = /manifest SHA-256 ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    expect(hash).toBeDefined();
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('CRITICAL');
    expect(text).toContain(hash);
  });
});
