// `gatecheck resume` as a user runs it: a real process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocxZipBomb, buildResumeDocx, buildResumePdf } from '../resumes/build.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

function gatecheck(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-resume-'));
  // A PDF named .docx: the type comes from the content.
  writeFileSync(path.join(dir, 'resume.docx'), await buildResumePdf(undefined, { image: true }));
  writeFileSync(path.join(dir, 'resume.bin'), await buildResumeDocx());
  writeFileSync(path.join(dir, 'bomb.docx'), buildDocxZipBomb({ megabytes: 512, lie: true }));
  writeFileSync(path.join(dir, 'broken.pdf'), (await buildResumePdf()).subarray(0, 500));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gatecheck resume', () => {
  it('prints a summary of a PDF (whatever its name says)', () => {
    const run = gatecheck(['resume', path.join(dir, 'resume.docx')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Resume (PDF, 1 page,');
    expect(run.stdout).toContain('  phone         +14155550132 (US)\n');
    expect(run.stdout).toContain('  photo         yes (1 embedded image)\n');
    expect(run.stdout).toContain(
      '  2019-01 – 2022-08   Senior Software Engineer at Shopwise Inc., Ottawa, Canada\n',
    );
    expect(run.stdout).toContain('  2022-09 – present   Backend Developer at Initech LLC, Remote\n');
  });

  it('--json prints the fields only', () => {
    const run = gatecheck(['resume', path.join(dir, 'resume.bin'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ format: 'docx', photo: false, emails: ['jordan.lee@example.com'] });
    expect(out.employment).toHaveLength(3);
    expect(out).not.toHaveProperty('text');
  });

  it('exit 1 with the reason for a zip bomb and a truncated PDF; 2 for a missing file', () => {
    const bomb = gatecheck(['resume', path.join(dir, 'bomb.docx')]);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('word/document.xml inflates to more than 32 MB');
    const broken = gatecheck(['resume', path.join(dir, 'broken.pdf')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.pdf: the PDF cannot be read .*truncated or damaged/);
    const missing = gatecheck(['resume', path.join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file:');
    expect(gatecheck(['resume']).code).toBe(2);
  });
});
