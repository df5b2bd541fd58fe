// `gatecheck logins …` as a user runs it: real processes, a real data directory, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../services/factories.ts';
import { oktaEvent, PYONGYANG, TORONTO, writeNdjson } from '../services/logins-fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'gc-cli-logins-'));
const dataDir = path.join(tmp, 'data');

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gatecheck(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', GATECHECK_DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const okta = writeNdjson(path.join(tmp, 'okta.ndjson'), [
  oktaEvent({
    uuid: 'e0000000-0000-4000-8000-000000000001',
    published: '2026-03-18T13:00:00.000Z',
    login: 'emp-0207@example.com',
    ip: '99.230.12.10',
    ...TORONTO,
  }),
  '{"eventType": "user.session.start"',
  oktaEvent({
    uuid: 'e0000000-0000-4000-8000-000000000002',
    published: '2026-03-18T13:40:00.000Z',
    login: 'emp-0207@example.com',
    ip: '175.45.176.20',
    ...PYONGYANG,
  }),
  oktaEvent({
    uuid: 'e0000000-0000-4000-8000-000000000003',
    published: '2026-03-18T15:00:00.000Z',
    login: 'jdoe',
    ip: '203.0.113.9',
  }),
]);

describe('gatecheck logins', () => {
  it('imports an Okta export with a summary: counts, malformed line numbers, unmatched accounts', () => {
    const bundle = path.join(tmp, 'emp-0207.json');
    writeFileSync(bundle, JSON.stringify(buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' })));
    expect(gatecheck(['import', bundle]).code).toBe(0);

    const run = gatecheck(['logins', 'import', okta, '--format', 'okta']);
    // progress on stderr (no terminal here: one line per change), the summary on stdout
    expect(run.stderr).toContain('succeeded 5/5 3 imported');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('done: okta.ndjson (okta)');
    expect(run.stdout).toContain(
      'read 4, imported 3, duplicates 0, skipped 0, malformed 1, matched 2, unmatched 1',
    );
    expect(run.stdout).not.toContain('skipped (not sign-ins)');
    expect(run.stdout).toContain('malformed lines: 2');
    expect(run.stdout).toMatch(/jdoe\s+1 event /);
    expect(run.stdout).toContain('gatecheck logins link <account> <subjectId>');
  });

  it('a second import of the same file adds nothing and still exits 0 (--json, options from the environment)', () => {
    const run = gatecheck(['logins', 'import', okta], {
      GATECHECK_JSON: '1',
      GATECHECK_LOGIN_FORMAT: 'auto',
    });
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout) as { status: string; counts: Record<string, number> };
    expect(view.status).toBe('done');
    expect(view.counts).toMatchObject({ read: 4, imported: 0, duplicates: 3, malformed: 1, skipped: 0 });
  });

  it('lists unmatched accounts and links one to a subject', () => {
    const unmatched = gatecheck(['logins', 'unmatched', '--json']);
    expect(unmatched.code).toBe(0);
    expect((JSON.parse(unmatched.stdout) as { items: { account: string; events: number }[] }).items).toEqual([
      expect.objectContaining({ account: 'jdoe', events: 1, sources: ['okta'] }),
    ]);
    const link = gatecheck(['logins', 'link', 'jdoe', 'emp-0207']);
    expect(link.code).toBe(0);
    expect(link.stdout).toBe('linked: jdoe → emp-0207 (1 event)\n');
    const after = gatecheck(['logins', 'unmatched']);
    expect(after.stdout).toBe('every stored sign-in event belongs to a subject\n');
    const missing = gatecheck(['logins', 'link', 'jdoe', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('"nobody" was not found');
  });

  it('skipped records (not sign-ins) are counted apart from malformed ones, with their reasons', () => {
    const mixed = writeNdjson(path.join(tmp, 'okta-mixed.ndjson'), [
      oktaEvent({
        uuid: 'e0000000-0000-4000-8000-000000000010',
        published: '2026-03-19T09:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        ...TORONTO,
      }),
      ...Array.from({ length: 1204 }, (_, i) =>
        oktaEvent({
          uuid: `e1000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          published: '2026-03-19T09:05:00.000Z',
          login: 'emp-0207@example.com',
          ip: '99.230.12.10',
          eventType: 'user.account.update_profile',
        }),
      ),
      oktaEvent({
        uuid: 'e2000000-0000-4000-8000-000000000001',
        published: '2026-03-19T09:06:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        eventType: 'system.api_token.create',
      }),
      'not json',
    ]);
    const run = gatecheck(['logins', 'import', mixed]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'read 1207, imported 1, duplicates 0, skipped 1205, malformed 1, matched 1, unmatched 0',
    );
    expect(run.stdout).toContain('  skipped (not sign-ins): 1,205\n');
    expect(run.stdout).toContain('    Okta event type user.account.update_profile is not a sign-in: 1,204\n');
    expect(run.stdout).toContain('    Okta event type system.api_token.create is not a sign-in: 1\n');
    expect(run.stdout).toContain('malformed lines: 1207');
    expect(run.stderr).not.toContain('nothing was a sign-in');
  });

  it('a file of only non-sign-in events exits 0 and says nothing was a sign-in', () => {
    const others = writeNdjson(path.join(tmp, 'okta-others.ndjson'), [
      oktaEvent({
        uuid: 'e3000000-0000-4000-8000-000000000001',
        published: '2026-03-19T10:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        eventType: 'user.mfa.factor.update',
      }),
      oktaEvent({
        uuid: 'e3000000-0000-4000-8000-000000000002',
        published: '2026-03-19T10:01:00.000Z',
        login: 'emp-0207@example.com',
        ip: '99.230.12.10',
        eventType: 'user.mfa.factor.update',
      }),
    ]);
    const run = gatecheck(['logins', 'import', others]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported 0, duplicates 0, skipped 2, malformed 0');
    expect(run.stdout).toContain('    Okta event type user.mfa.factor.update is not a sign-in: 2\n');
    expect(run.stderr).toContain(
      `nothing was a sign-in in ${others}: 2 records skipped as other kinds of events; nothing was imported`,
    );
    const json = gatecheck(['logins', 'import', others, '--json']);
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as {
      counts: Record<string, number>;
      skippedReasons: { reason: string; count: number }[];
    };
    expect(view.counts).toMatchObject({ read: 2, imported: 0, skipped: 2, malformed: 0 });
    expect(view.skippedReasons).toEqual([
      { reason: 'Okta event type user.mfa.factor.update is not a sign-in', count: 2 },
    ]);
  });

  it('exits 1 when the file has no readable sign-in events, 2 for usage errors', () => {
    const junk = writeNdjson(path.join(tmp, 'junk.ndjson'), ['{"hello": 1}', 'nope']);
    const run = gatecheck(['logins', 'import', junk, '--format', 'okta']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('skipped 0, malformed 2');
    expect(run.stderr).toContain('no sign-in events could be read');
    const missing = gatecheck(['logins', 'import', path.join(tmp, 'missing.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.ndjson: no such file');
    const badMap = gatecheck(['logins', 'import', okta, '--format', 'csv', '--map', 'at=Time,who=User']);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('unknown field "who"');
  });
});
