// importResume on SQLite and PostgreSQL: real PDF/DOCX/text resumes (test/resumes/build.ts) become the
// subject's resume evidence in one audited transaction, replace only the resume's own history items, add
// missing profiles, re-assess, and change nothing when the same file comes again or the file is bad.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { countAssessments } from '../../src/adapters/db/repositories/assessments.repository.ts';
import { findSubject, updateSubjectBundle } from '../../src/adapters/db/repositories/subjects.repository.ts';
import {
  createEncryptedFileStore,
  type EncryptedFileStore,
  toStorageKey,
} from '../../src/adapters/storage/encrypted-file-store.ts';
import { createLocalFileStore } from '../../src/adapters/storage/local-file-store.ts';
import type { CaseBundle } from '../../src/core/bundle/schema.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import {
  findResumeLocation,
  importResume,
  looksLikeDates,
  MAX_STORED_TEXT,
  plausibleName,
  sanitizeFileName,
} from '../../src/services/import-resume.ts';
import { purgeExpiredDocuments } from '../../src/services/purge-expired-documents.ts';
import { dialects } from '../db.ts';
import { buildBundle } from '../services/factories.ts';
import { createTestApp, recruiter, type TestApp, viewer } from '../services/helpers.ts';
import {
  buildDocxZipBomb,
  buildResumeDocx,
  buildResumePdf,
  LOCATED_RESUME_LINES,
  RESUME_TEXT,
  resumeLinesWith,
} from './build.ts';

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** A San Francisco candidate whose file already has history from several sources and a GitHub profile. */
function candidate(id: string): CaseBundle {
  return buildBundle({
    id,
    name: 'Jordan Lee',
    subject: {
      id,
      kind: 'candidate',
      name: 'Jordan Lee',
      email: 'jordan.lee@example.com',
      claimedLocation: {
        city: 'San Francisco',
        region: 'CA',
        country: 'US',
        timezone: 'America/Los_Angeles',
      },
      profiles: [{ kind: 'github', url: 'https://github.com/JordanLee-dev/', createdAt: '2016-02-01' }],
    },
    employment: [
      { employer: 'Shopwise Inc.', title: 'Software Engineer', start: '2019-01', source: 'application' },
      { employer: 'Old Resume Corp', title: 'Developer', start: '2010-01', end: '2012-01', source: 'resume' },
      { employer: 'Globex Corporation', title: 'Software Engineer', source: 'reference' },
      { employer: 'Hooli', title: 'Intern', start: '2014-06', end: '2014-09', source: 'resume' },
    ],
    education: [
      { institution: 'University of Waterloo', degree: 'BMath', end: '2015-06', source: 'application' },
    ],
  });
}

const resumeAudits = async (t: TestApp) =>
  (await listAuditEntries(t.app.database.db, { limit: 1000 })).filter((e) => e.action === 'resume.imported');

describe('resume import helpers', () => {
  it('keeps a safe file name', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\me\\cv.pdf')).toBe('cv.pdf');
    expect(sanitizeFileName('cv\u0000\u202e.pdf')).toBe('cv.pdf');
    expect(sanitizeFileName('  ...hidden  ')).toBe('hidden');
    expect(sanitizeFileName('<x>:"|?*')).toBe('x');
    expect(sanitizeFileName(undefined)).toBe('resume');
    expect(sanitizeFileName('a'.repeat(1000))).toHaveLength(200);
  });

  it('takes a first-line name only when it reads like a name', () => {
    expect(plausibleName('Jordan Avery Lee')).toBe('Jordan Avery Lee');
    expect(plausibleName('KYLE ANDERSON')).toBe('KYLE ANDERSON');
    expect(plausibleName("Siobhán O'Connor-Ní Bhriain")).toBe("Siobhán O'Connor-Ní Bhriain");
    expect(plausibleName('Senior Software Engineer')).toBeUndefined();
    expect(plausibleName('Curriculum Vitae')).toBeUndefined();
    expect(plausibleName('Jordan')).toBeUndefined();
    expect(plausibleName(null)).toBeUndefined();
  });

  it('leaves out dates the parser read as national phone numbers', () => {
    expect(looksLikeDates('03/2016 - 12/2018')).toBe(true);
    expect(looksLikeDates('2016 - 12/2018')).toBe(true);
    expect(looksLikeDates('2022-09')).toBe(true);
    expect(looksLikeDates('204-555-0146')).toBe(false);
    expect(looksLikeDates('(415) 555-2019')).toBe(false);
    expect(looksLikeDates('+1 201 612 2018')).toBe(false);
    expect(looksLikeDates('030 1234 5678')).toBe(false);
  });

  it('finds the location in the contact block only', () => {
    expect(findResumeLocation(LOCATED_RESUME_LINES.join('\n'))).toBe('San Francisco, CA');
    expect(
      findResumeLocation(
        'Isabelle Fortin\nBusiness Analyst - Winnipeg, MB - isabelle@example.com - 204-555-0146\n\nSummary\nI live in Paris, France',
      ),
    ).toBe('Winnipeg, MB');
    expect(findResumeLocation('Ana Ruiz\nLocation: Madrid, Spain\n')).toBe('Madrid, Spain');
    expect(findResumeLocation(RESUME_TEXT)).toBeUndefined(); // "Ottawa, Canada" is a job's place, under Experience
    expect(findResumeLocation('Ana Ruiz\nExperience\nAcme | Lyon, France | 2019 - 2022')).toBeUndefined();
  });
});

for (const dialect of dialects) {
  describe(`importResume (${dialect})`, () => {
    let t: TestApp;
    let app: AppContext;
    let pdf: Uint8Array;
    let filesDir: string;
    let files: EncryptedFileStore;
    /** Every file in the encrypted store, as stored on disk. */
    const storedFiles = () =>
      readdirSync(filesDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(path.join(e.parentPath, e.name)));
    beforeAll(async () => {
      t = await createTestApp(dialect);
      // The installation's encrypted store, in a folder of this test (PostgreSQL tests share the temp folder).
      filesDir = mkdtempSync(path.join(tmpdir(), 'gc-resume-files-'));
      files = createEncryptedFileStore(createLocalFileStore(filesDir), {
        current: toStorageKey(randomBytes(32)),
      });
      app = { ...t.app, files };
      pdf = await buildResumePdf(LOCATED_RESUME_LINES, { image: true });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(filesDir, { recursive: true, force: true });
    });

    it('stores the resume as evidence, replaces only resume items, adds missing profiles, audits and re-assesses', async () => {
      await createSubject(app, recruiter, candidate('cand-0100'));
      const assessmentsBefore = await countAssessments(t.app.database.db, 'cand-0100');
      const { subject, summary } = await importResume(app, recruiter, 'cand-0100', {
        bytes: pdf,
        name: '../uploads/Jordan Lee CV.pdf',
      });
      const b = subject.bundle;
      expect(b.resume).toMatchObject({
        file: 'Jordan Lee CV.pdf',
        mediaType: 'application/pdf',
        format: 'pdf',
        pages: 1,
        photo: true,
        bytes: pdf.length,
        parsedAt: '2026-03-20T12:00:00.000Z',
        contact: {
          name: 'Jordan Avery Lee',
          emails: ['jordan.lee@example.com'],
          phones: ['+14155550132'],
          links: [
            { kind: 'github', url: 'https://github.com/jordanlee-dev' },
            { kind: 'linkedin', url: 'https://www.linkedin.com/in/jordan-avery-lee' },
            { kind: 'portfolio', url: 'https://jordanlee.dev' },
          ],
          location: 'San Francisco, CA',
        },
      });
      expect(b.resume?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(b.resume?.text).toContain('Backend Developer at Initech LLC (Remote)');
      expect(b.resume?.technologies).toEqual(expect.arrayContaining([{ name: 'Python', years: 7 }]));
      // The two old resume items are replaced where the first one was; other sources keep their order.
      expect(b.employment?.map((e) => `${e.source}: ${e.employer}`)).toEqual([
        'application: Shopwise Inc.',
        'resume: Shopwise Inc.',
        'resume: Globex Corporation',
        'resume: Initech LLC',
        'reference: Globex Corporation',
      ]);
      expect(b.education?.map((e) => `${e.source}: ${e.institution}`)).toEqual([
        'application: University of Waterloo',
        'resume: University of Waterloo',
      ]);
      // The GitHub profile was already there (another case, a trailing slash); no network, no createdAt.
      expect(b.subject.profiles).toEqual([
        { kind: 'github', url: 'https://github.com/JordanLee-dev/', createdAt: '2016-02-01' },
        { kind: 'linkedin', url: 'https://www.linkedin.com/in/jordan-avery-lee', source: 'resume' },
        { kind: 'portfolio', url: 'https://jordanlee.dev', source: 'resume' },
      ]);
      expect(summary).toMatchObject({
        file: 'Jordan Lee CV.pdf',
        format: 'pdf',
        name: 'Jordan Avery Lee',
        location: 'San Francisco, CA',
        emails: 1,
        phones: 1,
        links: 3,
        employment: 3,
        education: 1,
        replaced: { employment: 2, education: 0 },
        profilesAdded: ['https://www.linkedin.com/in/jordan-avery-lee', 'https://jordanlee.dev'],
        changed: true,
        textTruncated: false,
        fileId: expect.stringMatching(/^resume-/),
      });
      // The original is kept encrypted: readable through the store, not on disk.
      expect(b.resume?.fileId).toBe(summary.fileId);
      expect(Buffer.from(await files.get(summary.fileId ?? ''))).toEqual(Buffer.from(pdf));
      const onDisk = storedFiles();
      expect(onDisk).toHaveLength(1);
      expect(onDisk[0]?.subarray(0, 4).toString('latin1')).toBe('GCEF');
      expect(onDisk[0]?.includes(Buffer.from('%PDF'))).toBe(false);
      expect(onDisk[0]?.includes(Buffer.from('jordan.lee@example.com'))).toBe(false);
      expect(await countAssessments(t.app.database.db, 'cand-0100')).toBe(assessmentsBefore + 1);
      expect(subject.assessment?.assessedAt).toBe('2026-03-20T12:00:00.000Z');
      const [audit] = await resumeAudits(t);
      expect(audit).toMatchObject({
        actor: { kind: 'user', id: recruiter.id, name: recruiter.name },
        targetType: 'subject',
        targetId: 'cand-0100',
        data: {
          fileId: summary.fileId,
          replacedFileId: null,
          format: 'pdf',
          changed: true,
          employment: 3,
          education: 1,
          emails: 1,
          phones: 1,
          links: 3,
          replaced: { employment: 2, education: 0 },
        },
      });
      // The file name may name the person: the audit entry keeps the file's id and hash only.
      expect(JSON.stringify(audit?.data)).not.toContain('Jordan Lee');
      expect((await verifyAuditChain(t.app.database.db)).ok).toBe(true);
    });

    it('importing the same file again changes nothing (audited as unchanged, no new assessment)', async () => {
      const stored = (await findSubject(t.app.database.db, 'cand-0100'))?.bundle;
      const assessments = await countAssessments(t.app.database.db, 'cand-0100');
      t.clock.set('2026-03-21T09:00:00.000Z');
      const again = await importResume(app, recruiter, 'cand-0100', {
        bytes: pdf,
        name: 'Jordan Lee CV.pdf',
      });
      expect(again.summary.changed).toBe(false);
      expect(again.summary.fileId).toBe(stored?.resume?.fileId);
      expect(storedFiles()).toHaveLength(1);
      expect((await findSubject(t.app.database.db, 'cand-0100'))?.bundle).toEqual(stored);
      expect(await countAssessments(t.app.database.db, 'cand-0100')).toBe(assessments);
      expect((await resumeAudits(t))[0]?.data).toMatchObject({ changed: false });
    });

    it('the same resume as DOCX replaces the PDF reading instead of adding to it', async () => {
      const pdfFile = (await findSubject(t.app.database.db, 'cand-0100'))?.bundle.resume?.fileId ?? '';
      expect(await files.exists(pdfFile)).toBe(true);
      const docx = await buildResumeDocx(LOCATED_RESUME_LINES);
      const { subject, summary } = await importResume(app, recruiter, 'cand-0100', {
        bytes: docx,
        name: 'cv.docx',
      });
      expect(summary).toMatchObject({
        format: 'docx',
        changed: true,
        replaced: { employment: 3, education: 1 },
      });
      expect(subject.bundle.resume).toMatchObject({
        file: 'cv.docx',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        parsedAt: '2026-03-21T09:00:00.000Z',
      });
      expect(subject.bundle.employment?.filter((e) => e.source === 'resume')).toHaveLength(3);
      expect(subject.bundle.subject.profiles).toHaveLength(3);
      // The replaced PDF is deleted; the DOCX is the one stored file, and the audit entry names both.
      expect(await files.exists(pdfFile)).toBe(false);
      expect(Buffer.from(await files.get(summary.fileId ?? ''))).toEqual(Buffer.from(docx));
      expect(storedFiles()).toHaveLength(1);
      expect((await resumeAudits(t))[0]?.data).toMatchObject({
        fileId: summary.fileId,
        replacedFileId: pdfFile,
      });
    });

    it('detectors see the contact details of the resume', async () => {
      await createSubject(app, recruiter, candidate('cand-0101'));
      const text = resumeLinesWith([
        'jordan@yopmail.com | +44 7400 123456 | London, UK',
        'https://github.com/jordanlee-dev',
      ]).join('\n');
      const { subject } = await importResume(app, recruiter, 'cand-0101', {
        bytes: new TextEncoder().encode(text),
        name: 'cv.txt',
      });
      const signals = subject.assessment?.signals ?? [];
      expect(signals.find((s) => s.id === 'contact.disposable-email')?.evidence).toEqual([
        'resume.contact.emails[0]',
      ]);
      const location = signals.find((s) => s.id === 'consistency.location');
      expect(location?.evidence).toEqual(['resume.contact.phones[0]', 'resume.contact.location']);
      expect(location?.explanation).toContain('the phone number on the resume +44 7400 123456 (GB)');
    });

    it('keeps at most 200 kB of text and says so', async () => {
      await createSubject(app, recruiter, candidate('cand-0102'));
      const long = `${RESUME_TEXT}\nProjects\n${'Built things that mattered. '.repeat(10_000)}`;
      const { subject, summary } = await importResume(app, recruiter, 'cand-0102', {
        bytes: new TextEncoder().encode(long),
      });
      expect(summary).toMatchObject({ textTruncated: true, characters: long.length, file: 'resume' });
      expect(subject.bundle.resume?.text).toHaveLength(MAX_STORED_TEXT);
      expect(subject.bundle.resume).toMatchObject({ textTruncated: true, characters: long.length });
    });

    it('refuses bad files, other roles and unknown subjects, storing nothing', async () => {
      const stored = (await findSubject(t.app.database.db, 'cand-0100'))?.bundle;
      const audits = (await listAuditEntries(t.app.database.db, { limit: 1000 })).length;
      const filesBefore = storedFiles().length;
      const bomb = await domainError(
        importResume(app, recruiter, 'cand-0100', {
          bytes: buildDocxZipBomb({ megabytes: 256, lie: true }),
        }),
      );
      expect(bomb.code).toBe('validation');
      expect(bomb.problems).toEqual([
        { path: '(file)', message: expect.stringContaining('refusing a possible zip bomb') },
      ]);
      const truncated = await domainError(
        importResume(app, recruiter, 'cand-0100', { bytes: pdf.subarray(0, 400) }),
      );
      expect(truncated.message).toMatch(
        /^The resume cannot be read: the PDF cannot be read .*; nothing was stored$/,
      );
      const binary = await domainError(
        importResume(app, recruiter, 'cand-0100', { bytes: new Uint8Array(4096).fill(0) }),
      );
      expect(binary.message).toContain('not a PDF, a Word document (.docx) or text');
      const empty = await domainError(importResume(app, recruiter, 'cand-0100', { bytes: new Uint8Array() }));
      expect(empty.problems).toEqual([{ path: '(file)', message: 'the file is empty' }]);
      const huge = await domainError(
        importResume(app, recruiter, 'cand-0100', { bytes: new Uint8Array(20 * 1024 * 1024 + 1) }),
      );
      expect(huge.code).toBe('payload_too_large');
      expect(huge.message).toBe('The resume is 20 MB; the limit is 20 MB');
      expect((await domainError(importResume(app, viewer, 'cand-0100', { bytes: pdf }))).code).toBe(
        'forbidden',
      );
      expect((await domainError(importResume(app, recruiter, 'nobody', { bytes: pdf }))).code).toBe(
        'not_found',
      );
      expect((await findSubject(t.app.database.db, 'cand-0100'))?.bundle).toEqual(stored);
      expect((await listAuditEntries(t.app.database.db, { limit: 1000 })).length).toBe(audits);
      expect(storedFiles()).toHaveLength(filesBefore);
    });

    it('names the problems when the resulting bundle would not be valid, and stores nothing', async () => {
      await createSubject(app, recruiter, candidate('cand-0103'));
      const stored = (await findSubject(t.app.database.db, 'cand-0103'))?.bundle;
      if (!stored) throw new Error('not stored');
      // A bundle stored before a schema change, with a date the schema no longer accepts.
      const outdated = {
        ...stored,
        subject: {
          ...stored.subject,
          profiles: [{ kind: 'github', url: 'https://github.com/x', createdAt: '2016-13' }],
        },
      } as CaseBundle;
      await updateSubjectBundle(t.app.database.db, outdated, '2026-03-21T09:00:00.000Z');
      const before = storedFiles().length;
      const error = await domainError(importResume(app, recruiter, 'cand-0103', { bytes: pdf }));
      expect(error.code).toBe('validation');
      expect(error.message).toBe(
        'What was read from the resume does not make a valid bundle; nothing was stored',
      );
      expect(error.problems).toEqual([
        { path: 'subject.profiles[0].createdAt', message: expect.stringContaining('"2016-13"') },
      ]);
      expect((await findSubject(t.app.database.db, 'cand-0103'))?.bundle).toEqual(outdated);
      // The file written for the failed import was removed again.
      expect(storedFiles()).toHaveLength(before);
    });

    it('retention deletes the stored resume file, keeps what was read from it, and audits it', async () => {
      t.clock.set('2026-04-01T09:00:00.000Z');
      await createSubject(app, recruiter, candidate('cand-0104'));
      const { summary } = await importResume(app, recruiter, 'cand-0104', { bytes: pdf, name: 'cv.pdf' });
      const fileId = summary.fileId ?? '';
      // One day before the end of the retention period: kept.
      const days = app.config.documents.retentionDays;
      t.clock.set(new Date(Date.parse('2026-04-01T09:00:00.000Z') + (days - 1) * 86_400_000).toISOString());
      expect((await purgeExpiredDocuments(app)).resumeSubjects).not.toContain('cand-0104');
      expect(await files.exists(fileId)).toBe(true);
      t.clock.set(new Date(Date.parse('2026-04-01T09:00:00.000Z') + (days + 1) * 86_400_000).toISOString());
      const result = await purgeExpiredDocuments(app);
      expect(result.resumeSubjects).toContain('cand-0104');
      expect(result.failed).toEqual([]);
      expect(await files.exists(fileId)).toBe(false);
      const b = (await findSubject(t.app.database.db, 'cand-0104'))?.bundle;
      expect(b?.resume).toMatchObject({ fileId, fileDeletedAt: t.clock.now().toISOString() });
      expect(b?.employment?.some((e) => e.source === 'resume')).toBe(true);
      const deleted = (await listAuditEntries(t.app.database.db, { targetId: 'cand-0104' })).filter(
        (e) => e.action === 'document.deleted',
      );
      expect(deleted.map((e) => e.data)).toEqual([
        expect.objectContaining({ fileId, kind: 'resume', reason: 'retention' }),
      ]);
      // Run again: nothing more to do.
      expect((await purgeExpiredDocuments(app)).resumeSubjects).not.toContain('cand-0104');
    });
  });
}
