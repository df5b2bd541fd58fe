// `gatecheck resume` as a user runs it: a real process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/adapters/db/database.ts';
import { findSubject } from '../../src/adapters/db/repositories/subjects.repository.ts';
import {
  buildDocxZipBomb,
  buildResumeDocx,
  buildResumePdf,
  LOCATED_RESUME_LINES,
  resumeLinesWith,
} from '../resumes/build.ts';

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
  writeFileSync(path.join(dir, 'jordan-cv.pdf'), await buildResumePdf(LOCATED_RESUME_LINES));
  writeFileSync(
    path.join(dir, 'abroad.docx'),
    await buildResumeDocx(
      resumeLinesWith([
        'jordan@yopmail.com | +44 7400 123456 | London, UK',
        'https://github.com/jordanlee-dev',
      ]),
    ),
  );
  const subject = (id: string) => ({
    format: 'gatecheck.case-bundle/v1',
    subject: {
      id,
      kind: 'candidate',
      name: 'Jordan Lee',
      claimedLocation: { city: 'San Francisco', country: 'US', timezone: 'America/Los_Angeles' },
    },
    employment: [{ employer: 'Acme', title: 'Developer', start: '2012-01', source: 'application' }],
  });
  writeFileSync(
    path.join(dir, 'subjects.json'),
    JSON.stringify([subject('cand-0300'), subject('cand-0301')]),
  );
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

describe('gatecheck resume --subject', () => {
  let dataDir: string;
  const stored = async (id: string) => {
    const database = createDatabase({ dataDir });
    try {
      return (await findSubject(database.db, id))?.bundle;
    } finally {
      await database.close();
    }
  };
  beforeAll(() => {
    dataDir = path.join(dir, 'data');
    const imported = gatecheck(['import', path.join(dir, 'subjects.json'), '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
  });

  it('stores the resume into the subject and prints what changed', async () => {
    const run = gatecheck([
      'resume',
      path.join(dir, 'jordan-cv.pdf'),
      '--subject',
      'cand-0300',
      '--data-dir',
      dataDir,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Stored jordan-cv.pdf (PDF, 1 page) as the resume of cand-0300 (Jordan Lee)\n',
    );
    expect(run.stdout).toContain(
      '  contact       name Jordan Avery Lee, 1 email, 1 phone, 3 links, location San Francisco, CA\n',
    );
    expect(run.stdout).toContain('  employment    3 entries from the resume (replaced 0)\n');
    expect(run.stdout).toContain('  profile added https://github.com/jordanlee-dev\n');
    expect(run.stdout).toMatch(/ {2}assessment {4}(LOW|ELEVATED|HIGH|CRITICAL) \d+, \d+ signals?\n/);
    const bundle = await stored('cand-0300');
    expect(bundle?.resume).toMatchObject({ file: 'jordan-cv.pdf', mediaType: 'application/pdf' });
    // The original is kept encrypted under <data-dir>/files with a generated 0600 key.
    expect(bundle?.resume?.fileId).toMatch(/^resume-/);
    const kept = readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile(),
    );
    expect(kept.map((e) => e.name)).toEqual([bundle?.resume?.fileId]);
    expect(statSync(path.join(dataDir, 'storage.key')).mode & 0o777).toBe(0o600);
    expect(bundle?.employment?.map((e) => e.source)).toEqual(['application', 'resume', 'resume', 'resume']);
  });

  it('the same file again changes nothing', () => {
    const run = gatecheck([
      'resume',
      path.join(dir, 'jordan-cv.pdf'),
      '--subject',
      'cand-0300',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Nothing changed: cand-0300 (Jordan Lee) already has this reading of jordan-cv.pdf (PDF, 1 page).\n',
    );
  });

  it('--json prints the summary and the signals the resume raised', () => {
    const run = gatecheck([
      'resume',
      path.join(dir, 'abroad.docx'),
      '--subject',
      'cand-0301',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      subject: string;
      summary: Record<string, unknown>;
      assessment: { signals: { id: string; evidence: string[] }[] };
    };
    expect(out.subject).toBe('cand-0301');
    expect(out.summary).toMatchObject({
      format: 'docx',
      emails: 1,
      phones: 1,
      location: 'London, UK',
      changed: true,
    });
    const ids = Object.fromEntries(out.assessment.signals.map((s) => [s.id, s.evidence]));
    expect(ids['contact.disposable-email']).toEqual(['resume.contact.emails[0]']);
    expect(ids['consistency.location']).toEqual(['resume.contact.phones[0]', 'resume.contact.location']);
  });

  it('exit 1 with the reason for an unreadable file or an unknown subject, nothing stored', async () => {
    const before = await stored('cand-0300');
    const bomb = gatecheck([
      'resume',
      path.join(dir, 'bomb.docx'),
      '--subject',
      'cand-0300',
      '--data-dir',
      dataDir,
    ]);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain(
      'The resume cannot be read: the Word document entry word/document.xml inflates',
    );
    expect(bomb.stdout).toBe('');
    const nobody = gatecheck([
      'resume',
      path.join(dir, 'jordan-cv.pdf'),
      '--subject',
      'nobody',
      '--data-dir',
      dataDir,
    ]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Subject "nobody" was not found');
    expect(await stored('cand-0300')).toEqual(before);
  });
});
