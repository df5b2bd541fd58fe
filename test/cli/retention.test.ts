// `gatecheck retention run` and `gatecheck retention show`: one real process for the sweep on a seeded data
// folder (exit code, JSON per kind, the audit entry), the rest in-process (the text a user reads).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../src/adapters/clock/clock.ts';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { createDatabase } from '../../src/adapters/db/database.ts';
import {
  formatRetentionRun,
  retentionRunCommand,
  retentionShowCommand,
} from '../../src/cli/commands/run-retention.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { RetentionResult } from '../../src/services/apply-retention.ts';
import { cliActor } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { updateRetention } from '../../src/services/manage-retention.ts';
import { buildBundle } from '../services/factories.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gc-retention-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `work` and returns what it wrote to stdout. */
async function stdoutOf(work: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const code = await work();
  vi.restoreAllMocks();
  return { code, out };
}

describe('gatecheck retention', () => {
  it('run: the whole sweep once, per kind in JSON, audited; show: the periods in force', async () => {
    const dataDir = path.join(dir, 'data');
    // Stored on 2026-01-10 with a sign-in from 2024 (past the 365 days) and one from this year.
    const app = await createAppContext(loadConfig({ GATECHECK_DATA_DIR: dataDir }), {
      clock: new FixedClock('2026-01-10T12:00:00Z'),
      startJobs: false,
      sanctions: false,
      ip: false,
    });
    try {
      await createSubject(
        app,
        cliActor(),
        buildBundle({
          id: 'cand-0042',
          logins: [
            { at: '2024-03-01T09:00:00Z', ip: '203.0.113.7', app: 'okta' },
            { at: '2026-01-05T09:00:00Z', ip: '203.0.113.8', app: 'okta' },
          ],
        }),
      );
      await updateRetention(app, cliActor(), { closedCases: 900 });
    } finally {
      await closeAppContext(app);
    }

    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/gatecheck.js'), 'retention', 'run', '--json', '--data-dir', dataDir],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as RetentionResult;
    expect(result).toMatchObject({ signIns: 1, files: 0, changes: 0, closedCases: [], failed: [] });

    const database = createDatabase({ dataDir });
    try {
      const entries = await listAuditEntries(database.db, { limit: 100 });
      expect(
        entries.find((e) => e.action === 'retention.deleted' && e.targetId === 'cand-0042')?.data,
      ).toMatchObject({ kind: 'bundle', counts: { signIns: 1 } });
    } finally {
      await database.close();
    }

    // In-process from here: a second run finds nothing; show prints the stored and the default periods.
    const again = await stdoutOf(() => retentionRunCommand({ dataDir }));
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[0]).toBe(
      'Retention sweep: nothing has reached the end of its retention period.',
    );
    expect(again.out).toMatch(/ {2}Sign-in events +0\n/);

    const show = await stdoutOf(() => retentionShowCommand({ dataDir }));
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/Sign-in logs +365 days after the sign-in \(the default\)\n/);
    expect(show.out).toMatch(/Closed cases +900 days after the case was closed \(default 730\)\n/);
    const json = await stdoutOf(() => retentionShowCommand({ dataDir, json: true }));
    expect((JSON.parse(json.out) as { policy: Record<string, number> }).policy).toMatchObject({
      closedCases: 900,
      signIns: 365,
    });
  }, 180_000);

  it('run text: counts per kind, the closed cases by id, and what failed', () => {
    const text = formatRetentionRun({
      files: 2,
      tracesDeleted: 1,
      keyframeSessions: 0,
      signIns: 4,
      changes: 0,
      payments: 0,
      faceData: 0,
      closedCases: ['emp-0001'],
      queuedFilesRemoved: 0,
      orphanFiles: 0,
      failed: [{ item: 'subject emp-0002', error: 'database is locked' }],
    });
    expect(text.split('\n')[0]).toBe(
      'Retention sweep: deleted 8 items whose retention period was over (each deletion is in the audit log).',
    );
    expect(text).toMatch(/ {2}Documents, recordings and resume files +2\n/);
    expect(text).toMatch(/ {2}Closed cases erased \(everything about the person\) +1\n +emp-0001\n/);
    expect(text).toContain(
      '1 could not be deleted (the next sweep tries again):\n  subject emp-0002: database is locked\n',
    );
  });
});
