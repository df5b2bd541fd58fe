// A resume file becomes evidence: read it (PDF, DOCX or text, sniffed from the bytes; size and zip-bomb
// limits in intel/resumes), then in one transaction store what was read in the subject's bundle —
// `resume` (file facts, text, contact details, technologies), the `employment[]` and `education[]` items
// whose source is `resume` replaced by the parsed ones (items from other sources untouched), missing
// GitHub/LinkedIn/portfolio profiles added — validate the whole bundle, audit `resume.imported` and
// re-assess. The original file is kept encrypted in the file store (adapters/storage, AES-256-GCM) under a
// generated id, `resume.fileId`; a later resume replaces it and the old file is deleted. Importing the same
// file again changes nothing.
import { createHash } from 'node:crypto';
import { appendAudit } from '../adapters/db/audit.ts';
import { canonicalJson } from '../adapters/db/json.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import type { FileStore } from '../adapters/storage/file-store.ts';
import { lazyDocumentStore } from '../adapters/storage/open-file-store.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { DomainError } from '../core/errors.ts';
import { placeCountries } from '../core/places/places.ts';
import {
  RESUME_LIMITS,
  ResumeFileError,
  type ResumeFormat,
  type ResumeReading,
  readResume,
} from '../intel/resumes/index.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

/** The resume text kept in the bundle; the rest of a longer text is left out (and said so). */
export const MAX_STORED_TEXT = 200_000;

export const RESUME_MEDIA_TYPES: Record<ResumeFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
};

export type ResumeImportInput = { bytes: Uint8Array; name?: string };

/** What was read and what changed, for the caller to show. */
export type ResumeImportSummary = {
  file: string;
  format: ResumeFormat;
  mediaType: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  characters: number;
  textTruncated: boolean;
  name: string | null;
  location: string | null;
  emails: number;
  phones: number;
  links: number;
  employment: number;
  education: number;
  technologies: number;
  /** Items with source `resume` that the parsed ones replaced. */
  replaced: { employment: number; education: number };
  /** Profile URLs added to subject.profiles. */
  profilesAdded: string[];
  /** False when the subject already had exactly this: nothing was written. */
  changed: boolean;
  fileId: string | null;
};

export type ResumeImportResult = { subject: SubjectDetail; summary: ResumeImportSummary };

/** A file name without folders, control characters or characters file systems refuse, at most 200 characters. */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200)
    .trim();
  return clean === '' ? 'resume' : clean;
}

// Words that make a first line a heading or a job title rather than a person's name.
const NOT_A_NAME =
  /\b(?:resume|cv|curriculum|vitae|profile|summary|contact|engineer|developer|programmer|manager|analyst|designer|consultant|architect|scientist|specialist|director|intern|lead|senior|junior|software|full-?stack|backend|frontend|devops|data|web|product|project)\b/iu;

/** The parser's first-line name, when it reads like a person's name (not "Senior Software Engineer"). */
export function plausibleName(name: string | null): string | undefined {
  if (name === null) return undefined;
  const trimmed = name.replace(/\s+/g, ' ').trim();
  const words = trimmed.split(' ');
  if (words.length < 2 || words.length > 5 || trimmed.length > 80) return undefined;
  if (!words.every((w) => /^[\p{L}][\p{L}\p{M}.'’-]*$/u.test(w))) return undefined;
  if (NOT_A_NAME.test(trimmed)) return undefined;
  return trimmed;
}

const SECTION =
  /^(?:summary|profile|about(?: me)?|objective|experience|work experience|professional experience|employment|education|skills|projects)\s*:?$/i;

/**
 * The location line of the resume's contact block: among the first lines before any section heading, a
 * part such as "Winnipeg, MB" or "Lyon, France" (or anything after "Location:") that names a country.
 */
export function findResumeLocation(text: string): string | undefined {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const header: string[] = [];
  for (const line of lines.slice(0, 8)) {
    if (SECTION.test(line)) break;
    header.push(line);
  }
  for (const line of header) {
    const labelled = /^(?:location|address|based in|lives in)\s*:\s*(.{2,80})$/i.exec(line)?.[1];
    if (labelled && placeCountries(labelled)) return labelled.trim();
    for (const part of line.split(/\s*(?:\||·|•|\t| — | – | - )\s*/)) {
      const p = part.trim();
      if (p.length > 80 || !p.includes(',') || /@|https?:|www\.|\d{3}/i.test(p)) continue;
      if (placeCountries(p)) return p;
    }
  }
  return undefined;
}

const profileKey = (url: string): string | undefined => {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return undefined;
  }
};

/** Replaces the items whose source is `resume`, where the first of them was (else at the end). */
function replaceResumeItems<T extends { source?: string }>(
  current: readonly T[] | undefined,
  parsed: readonly T[],
): { items: T[]; removed: number } {
  const list = current ?? [];
  const at = list.findIndex((item) => item.source === 'resume');
  const kept = list.filter((item) => item.source !== 'resume');
  const removed = list.length - kept.length;
  const insertAt = at < 0 ? kept.length : list.slice(0, at).filter((i) => i.source !== 'resume').length;
  return { items: [...kept.slice(0, insertAt), ...parsed, ...kept.slice(insertAt)], removed };
}

/**
 * A national-format match that is really a date or a date range ("03/2016 - 12/2018", "2022-09"): the
 * resume parser reads those as numbers when it is given a default country. Numbers written with their
 * country code are always kept.
 */
export function looksLikeDates(phoneText: string): boolean {
  const t = phoneText.trim();
  if (/^(?:\+|00)/.test(t)) return false;
  const year = '(?:19|20)\\d{2}';
  return [
    new RegExp(`(?<!\\d)(?:0?[1-9]|1[0-2])[/.]${year}(?!\\d)`), // 03/2016
    new RegExp(`(?<!\\d)${year}[-/.](?:0?[1-9]|1[0-2])(?![-/.]?\\d)`), // 2022-09
    new RegExp(`(?<!\\d)${year}\\s*[-–—]\\s*(?:\\d{1,2}[/.])?${year}(?!\\d)`), // 2016 - 2018
  ].some((re) => re.test(t));
}

type Built = { bundle: CaseBundle; summary: Omit<ResumeImportSummary, 'changed' | 'fileId'> };

function buildBundle(
  current: CaseBundle,
  reading: ResumeReading & { text: string },
  file: { name: string; sha256: string; bytes: number; fileId: string },
  parsedAt: string,
): Built {
  const mediaType = RESUME_MEDIA_TYPES[reading.format];
  const textTruncated = reading.text.length > MAX_STORED_TEXT;
  const name = plausibleName(reading.name);
  const location = findResumeLocation(reading.text);
  const contact = {
    ...(name ? { name } : {}),
    emails: reading.emails,
    phones: reading.phones.filter((p) => !looksLikeDates(p.text)).map((p) => p.e164),
    links: reading.links.map((l) => ({ kind: l.kind, url: l.url })),
    ...(location ? { location } : {}),
  };
  const resume: NonNullable<CaseBundle['resume']> = {
    file: file.name,
    fileId: file.fileId,
    sha256: file.sha256,
    mediaType,
    format: reading.format,
    bytes: file.bytes,
    pages: reading.pages,
    photo: reading.photo,
    parsedAt,
    text: textTruncated ? reading.text.slice(0, MAX_STORED_TEXT) : reading.text,
    ...(textTruncated ? { textTruncated: true, characters: reading.text.length } : {}),
    contact,
    technologies: reading.technologies,
  };
  const employment = replaceResumeItems(current.employment, reading.employment);
  const education = replaceResumeItems(current.education, reading.education);
  const profiles = [...(current.subject.profiles ?? [])];
  const known = new Set(profiles.flatMap((p) => (p.url ? [profileKey(p.url)] : [])));
  const profilesAdded: string[] = [];
  for (const link of reading.links) {
    const key = profileKey(link.url);
    if (key === undefined || known.has(key)) continue;
    known.add(key);
    profiles.push({ kind: link.kind, url: link.url, source: 'resume' });
    profilesAdded.push(link.url);
  }
  const bundle: CaseBundle = {
    ...current,
    subject: { ...current.subject, ...(profiles.length > 0 ? { profiles } : {}) },
    resume,
    employment: employment.items,
    education: education.items,
  };
  return {
    bundle,
    summary: {
      file: file.name,
      format: reading.format,
      mediaType,
      bytes: file.bytes,
      sha256: file.sha256,
      pages: reading.pages,
      characters: reading.text.length,
      textTruncated,
      name: name ?? null,
      location: location ?? null,
      emails: contact.emails.length,
      phones: contact.phones.length,
      links: contact.links.length,
      employment: reading.employment.length,
      education: reading.education.length,
      technologies: reading.technologies.length,
      replaced: { employment: employment.removed, education: education.removed },
      profilesAdded,
    },
  };
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Reads the file; a file that is not a resume is a validation problem naming what is wrong. */
async function readFile(bytes: Uint8Array, defaultCountry: string | undefined) {
  if (bytes.length > RESUME_LIMITS.maxFileBytes) {
    throw new DomainError(
      'payload_too_large',
      `The resume is ${mb(bytes.length)}; the limit is ${mb(RESUME_LIMITS.maxFileBytes)}`,
    );
  }
  try {
    return await readResume(bytes, defaultCountry ? { defaultCountry } : {});
  } catch (error) {
    if (!(error instanceof ResumeFileError)) throw error;
    throw new DomainError('validation', `The resume cannot be read: ${error.message}; nothing was stored`, [
      { path: '(file)', message: error.message },
    ]);
  }
}

/** The encrypted file store of this installation (a context may bring its own). */
function resumeStore(app: AppContext): FileStore {
  return app.files ?? lazyDocumentStore(app.config);
}

/** A file-store key made from a generated id: letters, digits, - and _ only. */
const resumeFileKey = (id: string) => `resume-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128);

export async function importResume(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: ResumeImportInput,
): Promise<ResumeImportResult> {
  authorize(actor, 'subjects:write');
  const before = await findSubject(app.database.db, subjectId);
  if (!before) throw notFound('Subject', subjectId);
  // Reading is the slow part: done before the transaction, national phone numbers read in the claimed country.
  const reading = await readFile(input.bytes, before.bundle.subject.claimedLocation?.country);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  // The original, encrypted; the same bytes already stored for this subject are not stored twice.
  const store = resumeStore(app);
  const earlier = before.bundle.resume;
  const reuse =
    earlier?.sha256 === sha256 && typeof earlier.fileId === 'string' && (await store.exists(earlier.fileId));
  const fileId =
    reuse && typeof earlier?.fileId === 'string' ? earlier.fileId : resumeFileKey(app.ids.newId());
  if (!reuse) await store.put(fileId, input.bytes);
  const file = { name: sanitizeFileName(input.name), sha256, bytes: input.bytes.length, fileId };
  const who = toAuditActor(actor);
  let done: { result: ResumeImportResult; replacedFileId: string | null };
  try {
    done = await inTransaction(app, async (trx) => {
      const subject = await findSubject(trx, subjectId);
      if (!subject) throw notFound('Subject', subjectId);
      const current = subject.bundle;
      const now = app.clock.now().toISOString();
      const previous = current.resume;
      // The same file again keeps its first reading time, so an unchanged bundle compares equal.
      const parsedAt =
        previous?.sha256 === file.sha256 && typeof previous.parsedAt === 'string' ? previous.parsedAt : now;
      const built = buildBundle(current, reading, file, parsedAt);
      const checked = validateBundle(built.bundle);
      if (!checked.ok) {
        throw new DomainError(
          'validation',
          'What was read from the resume does not make a valid bundle; nothing was stored',
          checked.problems,
        );
      }
      const size = new TextEncoder().encode(JSON.stringify(checked.bundle)).length;
      if (size > app.config.maxBundleBytes) {
        throw new DomainError(
          'payload_too_large',
          `With the resume the bundle would be ${size} bytes; the limit is ${app.config.maxBundleBytes} bytes; nothing was stored`,
        );
      }
      const changed = canonicalJson(checked.bundle) !== canonicalJson(current);
      const replacedFileId =
        typeof previous?.fileId === 'string' && previous.fileId !== fileId ? previous.fileId : null;
      const summary: ResumeImportSummary = { ...built.summary, changed, fileId };
      if (changed) await updateSubjectBundle(trx, checked.bundle, now);
      await appendAudit(trx, {
        at: now,
        actor: who,
        action: 'resume.imported',
        targetType: 'subject',
        targetId: subjectId,
        data: {
          fileId,
          sha256: file.sha256,
          format: reading.format,
          bytes: file.bytes,
          changed,
          employment: summary.employment,
          education: summary.education,
          emails: summary.emails,
          phones: summary.phones,
          links: summary.links,
          technologies: summary.technologies,
          replaced: summary.replaced,
          profilesAdded: summary.profilesAdded.length,
          replacedFileId,
        },
      });
      if (changed) {
        const assessment = (await assessWithinPopulation(app, trx, [checked.bundle])).get(subjectId);
        if (assessment) await recordAssessment(app, trx, who, subjectId, assessment, 'evidence');
      }
      return {
        result: { subject: await loadSubjectDetail(trx, actor, subjectId), summary },
        replacedFileId,
      };
    });
  } catch (error) {
    // Nothing was stored: the file written for this import goes too.
    if (!reuse) await store.delete(fileId).catch(() => {});
    throw error;
  }
  // The replaced resume's file is no longer evidence of anything (its deletion is in the audit entry).
  if (done.replacedFileId !== null) await store.delete(done.replacedFileId).catch(() => {});
  return done.result;
}
