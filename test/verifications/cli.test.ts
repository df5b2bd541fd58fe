// `gatecheck verification create` as a user runs it: a real process on a local SQLite data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { createDatabase } from '../../src/adapters/db/database.ts';
import { findSubject } from '../../src/adapters/db/repositories/subjects.repository.ts';
import { findVerificationByTokenSha } from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import { hashVerificationToken } from '../../src/services/internal/verifications.ts';
import { buildBundle } from '../services/factories.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let dataDir: string;

function gatecheck(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', GATECHECK_PUBLIC_URL: 'https://hr.example.test' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-verification-'));
  dataDir = path.join(dir, 'data');
  writeFileSync(path.join(dir, 'subjects.json'), JSON.stringify([buildBundle({ id: 'cand-0400' })]));
  const imported = gatecheck(['import', path.join(dir, 'subjects.json'), '--data-dir', dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gatecheck verification create', () => {
  it('prints the link; the session, the bundle item and the audit entry are stored (not the token)', async () => {
    const out = gatecheck(['verification', 'create', 'cand-0400', '--data-dir', dataDir]);
    expect(out.code, out.stderr).toBe(0);
    const link = /https:\/\/hr\.example\.test\/verify\/([A-Za-z0-9_-]{43})/.exec(out.stdout);
    expect(link, out.stdout).not.toBeNull();
    const json = gatecheck(['verification', 'create', 'cand-0400', '--json', '--data-dir', dataDir]);
    expect(json.code, json.stderr).toBe(0);
    const created = JSON.parse(json.stdout) as { link: string; token: string; verification: { id: string } };
    expect(created.link).toBe(`https://hr.example.test/verify/${created.token}`);

    const db = createDatabase({ dataDir });
    try {
      const session = await findVerificationByTokenSha(db.db, hashVerificationToken(link?.[1] as string));
      expect(session).toMatchObject({ subjectId: 'cand-0400', status: 'sent' });
      const subject = await findSubject(db.db, 'cand-0400');
      expect(subject?.bundle.verifications?.map((v) => (v as Record<string, unknown>).sessionId)).toEqual([
        session?.id,
        created.verification.id,
      ]);
      const audit = await listAuditEntries(db.db, {
        targetType: 'subject',
        targetId: 'cand-0400',
        limit: 100,
      });
      const entries = audit.filter((e) => e.action === 'verification.created');
      expect(entries).toHaveLength(2);
      expect(entries[0]?.actor.kind).toBe('cli');
    } finally {
      await db.close();
    }
  });

  it('exit 1 with the reason for an unknown subject', () => {
    const out = gatecheck(['verification', 'create', 'nobody', '--data-dir', dataDir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/nobody.*not found/);
  });
});
