// The `gatecheck` command as a user runs it: a real process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.resolve(ROOT, '../shared/examples');
const tmp = mkdtempSync(path.join(tmpdir(), 'gc-cli-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gatecheck(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const example = (name: string) => path.join(EXAMPLES, `${name}.json`);

describe('gatecheck assess', () => {
  it('prints exactly the case-bundle.md shape with --json, one element per subject, and nothing else', () => {
    const run = gatecheck([
      'assess',
      example('01-clean-legitimate'),
      example('02-clear-infiltrator'),
      example('03-ambiguous'),
      '--json',
      '--at',
      '2026-06-01T00:00:00Z',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(out.map((a) => a.subject)).toEqual(['emp-0101', 'emp-0207', 'emp-0315']);
    for (const a of out) {
      expect(Object.keys(a).sort()).toEqual(['band', 'notEvaluated', 'score', 'signals', 'subject']);
      expect(Number.isInteger(a.score)).toBe(true);
      for (const s of a.signals as Record<string, unknown>[]) {
        expect(Object.keys(s).sort()).toEqual(['evidence', 'explanation', 'id', 'severity', 'sources']);
      }
    }
    expect(out.map((a) => a.band)).toEqual(['low', 'critical', 'elevated']);
    expect(out[0]?.signals).toEqual([]);
    expect(out[0]?.notEvaluated).toContain('liveness');
  });

  it('reads a folder, reports the invalid bundle on stderr with every path, exits 1, still assesses the rest', () => {
    const run = gatecheck(['assess', EXAMPLES, '--json', '--at', '2026-06-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(3);
    for (const p of ['subject.id', 'subject.kind', 'subject.phone', 'interviews[0].cameraOn', 'changes']) {
      expect(run.stderr).toContain(`${p}:`);
    }
  });

  it('--at changes the clock: the in-person check is not overdue yet a week after the start date', () => {
    const early = JSON.parse(
      gatecheck(['assess', example('03-ambiguous'), '--json', '--at', '2026-04-13T00:00:00Z']).stdout,
    ) as { signals: { id: string }[] }[];
    const late = JSON.parse(
      gatecheck(['assess', example('03-ambiguous'), '--json', '--at', '2026-06-01T00:00:00Z']).stdout,
    ) as { signals: { id: string }[] }[];
    expect(early[0]?.signals.map((s) => s.id)).not.toContain('onboarding.in-person-overdue');
    expect(late[0]?.signals.map((s) => s.id)).toContain('onboarding.in-person-overdue');
  });

  it('screens against the shipped sanctions lists, and --no-sanctions leaves those checks not evaluated', () => {
    const args = ['assess', example('01-clean-legitimate'), '--json', '--at', '2026-06-01T00:00:00Z'];
    const screened = JSON.parse(gatecheck(args).stdout) as { notEvaluated: string[] }[];
    const skipped = JSON.parse(gatecheck([...args, '--no-sanctions']).stdout) as { notEvaluated: string[] }[];
    expect(screened[0]?.notEvaluated).not.toContain('sanctions');
    expect(skipped[0]?.notEvaluated).toContain('sanctions');
  });

  it('places sign-in addresses with the shipped IP databases: 02 signs in from Dalian (CN) while claiming Edmonton', () => {
    const run = gatecheck(['assess', example('02-clear-infiltrator'), '--json', '--no-sanctions']);
    const signals = (JSON.parse(run.stdout) as { signals: { id: string; explanation: string }[] }[])[0]
      ?.signals;
    const highRisk = signals?.find((s) => s.id === 'network.high-risk-country');
    expect(highRisk?.explanation).toContain('CN');
    expect(signals?.map((s) => s.id)).toEqual(
      expect.arrayContaining(['network.anonymizer', 'network.location-mismatch']),
    );
  });

  it('takes options from the environment too', () => {
    const run = gatecheck(['assess', example('02-clear-infiltrator')], {
      GATECHECK_JSON: '1',
      GATECHECK_AT: '2026-06-01T00:00:00Z',
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { band: string }[])[0]?.band).toBe('critical');
  });

  it('exits 2 on usage errors and 1 on invalid input', () => {
    expect(gatecheck(['assess']).code).toBe(2);
    expect(gatecheck(['assess', path.join(tmp, 'missing.json')]).code).toBe(2);
    expect(gatecheck(['assess', example('01-clean-legitimate'), '--at', 'yesterday']).code).toBe(2);
    expect(gatecheck(['no-such-command']).code).toBe(2);
    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, '{"format": "gatecheck.case-bundle/v1", "subject": ');
    const run = gatecheck(['assess', broken, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not valid JSON');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('prints a readable report without --json', () => {
    const run = gatecheck(['assess', example('02-clear-infiltrator'), '--at', '2026-06-01T00:00:00Z']);
    expect(run.stdout).toContain('Kyle Anderson (emp-0207)');
    expect(run.stdout).toMatch(/band CRITICAL/);
    expect(run.stdout).toContain('interview.camera-refusal');
    expect(run.stdout).toContain('Not evaluated');
  });
});

describe('gatecheck signals', () => {
  it('lists the whole catalog of signals.md', () => {
    const spec = readFileSync(path.resolve(ROOT, '../shared/spec/signals.md'), 'utf8');
    const ids = [...spec.matchAll(/^\| ([a-z]+\.[a-z-]+) \|/gm)].map((m) => m[1]);
    const run = gatecheck(['signals', '--json']);
    expect(run.code).toBe(0);
    const listed = (JSON.parse(run.stdout) as { id: string }[]).map((s) => s.id);
    expect(listed.sort()).toEqual([...ids].sort());
  });
});

describe('gatecheck import and audit verify', () => {
  const dataDir = path.join(tmp, 'data');

  it('imports valid bundles, rejects the invalid one whole, and the audit chain verifies', () => {
    const run = gatecheck(['import', EXAMPLES, '--json'], { GATECHECK_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; subjectId?: string }[];
    expect(report.filter((r) => r.ok).map((r) => r.subjectId)).toEqual(['emp-0101', 'emp-0207', 'emp-0315']);
    expect(report.filter((r) => !r.ok)).toHaveLength(1);

    const verify = gatecheck(['audit', 'verify', '--json'], { GATECHECK_DATA_DIR: dataDir });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('re-assesses everyone as a job and lists it', () => {
    const run = gatecheck(['reassess', '--json'], { GATECHECK_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'reassess-all',
      status: 'succeeded',
      progress: 3,
      total: 3,
    });
    const jobs = JSON.parse(
      gatecheck(['jobs', '--json'], { GATECHECK_DATA_DIR: dataDir }).stdout,
    ) as unknown[];
    expect(jobs).toHaveLength(1);
  });

  it('detects an edited audit entry and exits 1', () => {
    const db = new Database(path.join(dataDir, 'gatecheck.db'));
    db.prepare(
      'UPDATE audit_log SET actor = \'{"kind":"user","id":"x","name":"Mallory"}\' WHERE seq = 2',
    ).run();
    db.close();
    const verify = gatecheck(['audit', 'verify', '--json'], { GATECHECK_DATA_DIR: dataDir });
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});

describe('gatecheck screen and intel sanctions', () => {
  const dataDir = path.join(tmp, 'screen-data');
  const UN = path.resolve(ROOT, '../shared/datasets/sanctions/un/UN_consolidated_2026-02-27.xml');

  it('screens a listed DPRK official with date of birth and nationality as critical, with the reasons', () => {
    const run = gatecheck(['screen', 'Yun Ho Jin', '--dob', '1944-10-13', '--country', 'KP', '--json'], {
      GATECHECK_DATA_DIR: dataDir,
    });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      matches: { severity: string; entryId: string; corroborated: { field: string; status: string }[] }[];
    };
    const top = out.matches[0];
    expect(top?.severity).toBe('critical');
    expect(top?.corroborated.map((c) => `${c.field}:${c.status}`)).toEqual(
      expect.arrayContaining(['dateOfBirth:agrees', 'nationality:agrees']),
    );
  });

  it('keeps a name-only hit on a common name at medium (possible match, needs review)', () => {
    const out = JSON.parse(
      gatecheck(['screen', 'Kim Chol', '--json'], { GATECHECK_DATA_DIR: dataDir }).stdout,
    ) as { matches: { severity: string }[] };
    for (const m of out.matches) expect(m.severity).toBe('medium');
  });

  it('screens a CSV of names and rejects a CSV without a name column', () => {
    const csv = path.join(tmp, 'names.csv');
    writeFileSync(csv, 'name,dob,country\nYun Ho Jin,1944-10-13,KP\nIsabelle Fortin,1992-06-18,CA\n');
    const run = gatecheck(['screen', '--file', csv, '--json'], { GATECHECK_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { query: { name: string }; matches: unknown[] }[];
    expect(results.map((r) => r.query.name)).toEqual(['Yun Ho Jin', 'Isabelle Fortin']);
    expect(results[0]?.matches.length).toBeGreaterThan(0);
    expect(results[1]?.matches).toEqual([]);

    const bad = path.join(tmp, 'bad.csv');
    writeFileSync(bad, 'who\nsomeone\n');
    expect(gatecheck(['screen', '--file', bad], { GATECHECK_DATA_DIR: dataDir }).code).toBe(2);
    expect(gatecheck(['screen'], { GATECHECK_DATA_DIR: dataDir }).code).toBe(2);
  });

  it('imports a list file as a new snapshot and lists it; a malformed file leaves it active', () => {
    const imported = gatecheck(['intel', 'sanctions', 'import', UN, '--json'], {
      GATECHECK_DATA_DIR: dataDir,
    });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'sanctions-import', status: 'succeeded' });

    const broken = path.join(tmp, 'broken.xml');
    writeFileSync(broken, '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X');
    const failed = gatecheck(['intel', 'sanctions', 'import', broken, '--json'], {
      GATECHECK_DATA_DIR: dataDir,
    });
    expect(failed.code).toBe(1);

    const listed = JSON.parse(
      gatecheck(['intel', 'sanctions', 'list', '--json'], { GATECHECK_DATA_DIR: dataDir }).stdout,
    ) as { snapshots: { status: string; source: string }[] };
    expect(listed.snapshots.filter((s) => s.status === 'active')).toHaveLength(1);
    expect(listed.snapshots.some((s) => s.status === 'failed')).toBe(true);
  }, 60_000);
});
