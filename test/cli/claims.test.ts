// `gatecheck claims` as a user runs it: a real process, the shared example bundles, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.resolve(ROOT, '../shared/examples');
let dir: string;

function gatecheck(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-claims-'));
  // The clean example with the passport's printed date of birth changed: the MRZ and the record still agree.
  const bundle = JSON.parse(readFileSync(path.join(EXAMPLES, '01-clean-legitimate.json'), 'utf8'));
  bundle.documents[0].fields.dateOfBirth = '1988-03-02';
  writeFileSync(path.join(dir, 'differ.json'), JSON.stringify(bundle));
  writeFileSync(path.join(dir, 'two.json'), JSON.stringify([bundle, bundle]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gatecheck claims', () => {
  it('prints the disagreement first, with the values, where they come from and the signals about it', () => {
    const { code, stdout } = gatecheck(['claims', path.join(dir, 'differ.json')]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'Isabelle Fortin  1 differ, 0 to check by hand, 0 explained, 3 agree, 5 from one source',
    );
    expect(lines[1]).toMatch(/^DIFFER\s+Date of birth .*1988-03-02 vs 1992-06-18/);
    expect(stdout).toContain('documents[0].fields.dateOfBirth');
    expect(stdout).toMatch(/signal documents\.mrz-mismatch: .*1988-03-02/);
    expect(stdout).toMatch(/signal consistency\.identity: /);
  });

  it('answers the same table as JSON', () => {
    const { code, stdout } = gatecheck(['claims', path.join(dir, 'differ.json'), '--json']);
    expect(code).toBe(0);
    const table = JSON.parse(stdout);
    expect(table.counts).toEqual({ differ: 1, unclear: 0, explained: 0, agree: 3, single: 5 });
    const dob = table.rows.find((r: { field: string }) => r.field === 'dateOfBirth');
    expect(dob.status).toBe('differ');
    expect(dob.signals.map((s: { id: string }) => s.id).sort()).toEqual([
      'consistency.identity',
      'documents.mrz-mismatch',
    ]);
  });

  it('agrees with itself on the clean example', () => {
    const { code, stdout } = gatecheck(['claims', path.join(EXAMPLES, '01-clean-legitimate.json'), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).counts.differ).toBe(0);
  });

  it('refuses an invalid bundle with each problem (exit 1) and a file of several bundles (exit 2)', () => {
    const invalid = gatecheck(['claims', path.join(EXAMPLES, '04-invalid.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('subject.id: missing (required)');
    expect(invalid.stdout).toBe('');
    const two = gatecheck(['claims', path.join(dir, 'two.json')]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('holds 2 bundles; give a file with one bundle');
  });
});
