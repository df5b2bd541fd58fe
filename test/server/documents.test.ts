// Document uploads through the API on SQLite and PostgreSQL: upload → analysis job → analysis stored → bundle
// item updated → the assessment has documents.edited for a Photoshop-saved ID photo; the MRZ read by OCR from
// a rendered passport page lands in the bundle; content decrypts to the very bytes uploaded (audited per view);
// the size limit (413, by Content-Length and while reading), refused types (ZIP, EXE) and a pixel bomb
// (422), path-trick names, idempotent re-upload, manual deletion and retention (the app clock) with audits.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import type { AuditEntry } from '../../src/adapters/db/records.ts';
import { purgeExpiredDocuments } from '../../src/services/purge-expired-documents.ts';
import { uploadDocument } from '../../src/services/upload-document.ts';
import { dialects } from '../db.ts';
import { cameraJpeg, photoshopJpeg, pngBomb } from '../documents/forensic-fixtures.ts';
import { buildMrz, PERSON, printedFromPerson, renderIdImage } from '../documents/id-images.ts';
import { buildBundle } from '../services/factories.ts';
import { actorWith } from '../services/helpers.ts';
import { createDocumentServer, type DocumentServer, finishedJob } from './documents-helpers.ts';
import type { Client } from './helpers.ts';

type FileView = {
  id: string;
  name: string;
  kind: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  documentIndex: number | null;
  uploadedBy: string;
  retainUntil: string;
  status: string;
  jobId: string | null;
  error: string | null;
  deletedAt: string | null;
  deletedReason: string | null;
  hasEla: boolean;
  analysis: {
    mrz: {
      found: boolean;
      valid: boolean;
      lines: string[];
      source: string;
      fields: Record<string, string>;
    } | null;
    forensics: {
      metadata: Record<string, unknown>;
      findings: { kind: string; strength: string; detail: string }[];
      perceptualHash: string | null;
      ela: { meanDiff: number; maxDiff: number; suspicious: boolean } | null;
    };
    reuse: { subjectId: string; fileId: string | null; distance: number }[];
  } | null;
};
type Uploaded = { file: FileView; documentIndex: number; jobId: string | null; existing: boolean };

const SUBJECT = 'cand-0001';
const OTHER = 'cand-0002';
const DAY = 86_400_000;

function upload(
  client: Client,
  body: Uint8Array | ReadableStream<Uint8Array>,
  query: string,
  headers: Record<string, string> = {},
  subject = SUBJECT,
) {
  return client.request(`/api/v1/subjects/${subject}/documents/files?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function subjectAudit(t: DocumentServer, action: string): Promise<AuditEntry[]> {
  return (await listAuditEntries(t.db.db, { targetType: 'subject', limit: 1000 })).filter(
    (e) => e.action === action,
  );
}

/** The two-character folder a stored file lives in. */
async function folderOf(dataDir: string, name: string): Promise<string> {
  for (const entry of await readdir(join(dataDir, 'files'), { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name === name) return entry.parentPath.slice(-2);
  throw new Error(`${name} is not stored`);
}

async function storedFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'files');
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []))
    if (entry.isFile()) out.push(entry.name);
  return out.sort();
}

for (const dialect of dialects) {
  describe(`document API (${dialect})`, () => {
    let t: DocumentServer;
    let recruiter: Client;
    let viewer: Client;
    let edited: Buffer;
    let honest: Buffer;
    let passportPage: Buffer;

    beforeAll(async () => {
      t = await createDocumentServer(dialect);
      recruiter = await t.as('recruiter');
      viewer = await t.as('viewer');
      [edited, honest] = await Promise.all([photoshopJpeg(), cameraJpeg()]);
      passportPage = (
        await renderIdImage({
          format: 'TD3',
          lines: buildMrz('TD3', PERSON),
          printed: printedFromPerson(PERSON),
        })
      ).png;
      for (const bundle of [
        buildBundle({
          id: SUBJECT,
          name: 'Daniel Moreau',
          documents: [
            {
              kind: 'passport',
              requestedAt: '2026-03-10T09:00:00-07:00',
              dueAt: '2026-03-30T17:00:00-07:00',
            },
          ],
        }),
        buildBundle({ id: OTHER, name: 'Mina Park' }),
      ]) {
        const res = await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle });
        expect(res.status).toBe(201);
      }
    });
    afterAll(() => t?.close());

    let editedId = '';

    it('stores an upload, analyses it as a job and flags the Photoshop-saved photo (documents.edited)', async () => {
      // The declared type says PDF and the name is a Windows path: both are ignored.
      const res = await upload(recruiter, edited, 'kind=passport&name=C%3A%5Cfakepath%5C..%5Cpassport.jpg', {
        'content-type': 'application/pdf',
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as Uploaded;
      editedId = body.file.id;
      expect(body).toMatchObject({
        documentIndex: 0,
        existing: false,
        file: {
          name: 'passport.jpg',
          kind: 'passport',
          mediaType: 'image/jpeg',
          bytes: edited.length,
          status: 'analyzing',
          documentIndex: 0,
          uploadedBy: 'recruiter token',
          retainUntil: new Date(t.clock.now().getTime() + 365 * DAY).toISOString(),
          deletedAt: null,
        },
      });
      expect(body.jobId).toEqual(expect.any(String));
      const job = await finishedJob(viewer, body.jobId ?? '');
      expect(job.status, String(job.error)).toBe('succeeded');

      const view = (await (
        await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files/${editedId}`)
      ).json()) as FileView;
      expect(view.status).toBe('analyzed');
      expect(view.width).toBeGreaterThan(0);
      expect(view.hasEla).toBe(true);
      const forensics = view.analysis?.forensics;
      expect(forensics?.findings.some((f) => f.strength === 'strong')).toBe(true);
      expect(String(forensics?.metadata.software)).toContain('Adobe Photoshop');
      expect(forensics?.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
      expect(forensics?.ela).toEqual({
        meanDiff: expect.any(Number),
        maxDiff: expect.any(Number),
        suspicious: expect.any(Boolean),
      });

      const subject = (await (await viewer.request(`/api/v1/subjects/${SUBJECT}`)).json()) as {
        bundle: { documents: Record<string, unknown>[] };
        assessment: { signals: { id: string; evidence: string[] }[] };
      };
      // The open passport request was fulfilled (not a second item).
      expect(subject.bundle.documents).toHaveLength(1);
      const item = subject.bundle.documents[0] ?? {};
      expect(item).toMatchObject({
        kind: 'passport',
        requestedAt: '2026-03-10T09:00:00-07:00',
        receivedAt: t.clock.now().toISOString(),
        file: 'passport.jpg',
        fileId: editedId,
        mediaType: 'image/jpeg',
        sha256: view.sha256,
        forensics: { perceptualHash: forensics?.perceptualHash, ela: forensics?.ela },
      });
      expect(String((item.metadata as Record<string, unknown>).software)).toContain('Adobe Photoshop');
      expect(item).not.toHaveProperty('forensics.ela.png');
      const signal = subject.assessment.signals.find((s) => s.id === 'documents.edited');
      expect(signal?.evidence).toContain('documents[0].metadata.software');

      const actions = (
        await listAuditEntries(t.db.db, { targetType: 'subject', targetId: SUBJECT, limit: 100 })
      ).map((e) => e.action);
      expect(actions).toContain('document.uploaded');
      expect(actions).toContain('document.analyzed');
    });

    it('serves the decrypted bytes exactly as uploaded, and audits every view with who looked', async () => {
      const before = (await subjectAudit(t, 'document.viewed')).length;
      const res = await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files/${editedId}/content`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename="passport.jpg"; filename*=UTF-8''passport.jpg`,
      );
      expect(Buffer.from(await res.arrayBuffer()).equals(edited)).toBe(true);
      const viewed = await subjectAudit(t, 'document.viewed');
      expect(viewed).toHaveLength(before + 1);
      expect(viewed[0]).toMatchObject({
        actor: { name: 'viewer token' },
        targetId: SUBJECT,
        data: { fileId: editedId, part: 'file' },
      });
      expect(JSON.stringify(viewed[0]?.data)).not.toContain('passport.jpg');
      const ela = await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files/${editedId}/ela`);
      expect(ela.status).toBe(200);
      expect(ela.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await ela.arrayBuffer())
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
      expect((await subjectAudit(t, 'document.viewed'))[0]?.data).toMatchObject({ part: 'ela' });
      // On disk: only generated names, and no stored file contains the JPEG.
      const names = await storedFiles(t.dataDir);
      expect(names).toEqual([`doc-${editedId}`, `ela-${editedId}`].sort());
      for (const entry of await readdir(join(t.dataDir, 'files'), { withFileTypes: true, recursive: true })) {
        if (!entry.isFile()) continue;
        const bytes = await readFile(join(entry.parentPath, entry.name));
        expect(bytes.includes(edited.subarray(0, 64))).toBe(false);
        expect(bytes.includes(Buffer.from('Adobe Photoshop'))).toBe(false);
      }
    });

    it('returns the stored file for the same bytes uploaded again (nothing new stored or audited)', async () => {
      const uploads = (await subjectAudit(t, 'document.uploaded')).length;
      const res = await upload(recruiter, edited, 'kind=passport&name=again.jpg');
      expect(res.status).toBe(202);
      const body = (await res.json()) as Uploaded;
      expect(body).toMatchObject({
        existing: true,
        documentIndex: 0,
        file: { id: editedId, name: 'passport.jpg' },
      });
      expect((await subjectAudit(t, 'document.uploaded')).length).toBe(uploads);
      const list = (await (await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files`)).json()) as {
        files: FileView[];
      };
      expect(list.files.map((f) => f.id)).toEqual([editedId]);
    });

    it('reads the MRZ of a passport page by OCR into the bundle item (none was entered)', async () => {
      const res = await upload(recruiter, passportPage, 'kind=passport&name=page.png', {}, OTHER);
      expect(res.status).toBe(202);
      const body = (await res.json()) as Uploaded;
      expect(body.documentIndex).toBe(0);
      const job = await finishedJob(viewer, body.jobId ?? '');
      expect(job.status, String(job.error)).toBe('succeeded');
      const view = (await (
        await viewer.request(`/api/v1/subjects/${OTHER}/documents/files/${body.file.id}`)
      ).json()) as FileView;
      expect(view.analysis?.mrz).toMatchObject({
        source: 'ocr',
        found: true,
        lines: buildMrz('TD3', PERSON),
        fields: {
          surname: 'OKONKWO',
          givenNames: 'ADAEZE GRACE',
          documentNumber: 'X52G81B07',
          dateOfBirth: '1991-02-28',
        },
      });
      const subject = (await (await viewer.request(`/api/v1/subjects/${OTHER}`)).json()) as {
        bundle: { documents: Record<string, unknown>[] };
      };
      expect(subject.bundle.documents[0]).toMatchObject({
        kind: 'passport',
        mrz: buildMrz('TD3', PERSON),
        mrzSource: 'ocr',
        fileId: body.file.id,
      });
    });

    it('an altered MRZ read from the image lands in the bundle as printed, and documents.mrz-invalid fires', async () => {
      const id = 'cand-altered';
      const created = await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        json: buildBundle({ id, name: 'Adaeze Okonkwo' }),
      });
      expect(created.status).toBe(201);
      // The birth date changed from 1991 to 1989 without recomputing the check digits.
      const altered = buildMrz('TD3', PERSON).map((l, i) => (i === 1 ? l.replace('9102284', '8902284') : l));
      const page = await renderIdImage({ format: 'TD3', lines: altered, printed: printedFromPerson(PERSON) });
      const res = await upload(recruiter, page.png, 'kind=passport&name=passport.png', {}, id);
      const body = (await res.json()) as Uploaded;
      expect((await finishedJob(viewer, body.jobId ?? '')).status).toBe('succeeded');
      const subject = (await (await viewer.request(`/api/v1/subjects/${id}`)).json()) as {
        bundle: { documents: Record<string, unknown>[] };
        assessment: { signals: { id: string; severity: string; evidence: string[] }[] };
      };
      expect(subject.bundle.documents[0]).toMatchObject({ mrz: altered, mrzSource: 'ocr' });
      const signal = subject.assessment.signals.find((s) => s.id === 'documents.mrz-invalid');
      expect(signal).toMatchObject({ severity: 'critical' });
      expect(signal?.evidence.join(' ')).toContain('documents[0]');
      // Deleted by hand, so the retention test below counts only its own subjects' files.
      const gone = await recruiter.request(`/api/v1/subjects/${id}/documents/files/${body.file.id}`, {
        method: 'DELETE',
      });
      expect(gone.status).toBeLessThan(300);
    });

    it("lists another subject's document showing the same picture as reuse, and flags it", async () => {
      // The Photoshop-saved photo again, re-encoded (other bytes, same picture), sent for the other subject.
      const again = await sharp(edited).jpeg({ quality: 80 }).toBuffer();
      const res = await upload(recruiter, again, 'kind=national_id&name=id-card.jpg', {}, OTHER);
      const body = (await res.json()) as Uploaded;
      expect(body.documentIndex).toBe(1);
      expect((await finishedJob(viewer, body.jobId ?? '')).status).toBe('succeeded');
      const view = (await (
        await viewer.request(`/api/v1/subjects/${OTHER}/documents/files/${body.file.id}`)
      ).json()) as FileView;
      const reuse = view.analysis?.reuse ?? [];
      expect(reuse.map((r) => ({ subjectId: r.subjectId, fileId: r.fileId }))).toEqual([
        { subjectId: SUBJECT, fileId: editedId },
      ]);
      expect(reuse[0]?.distance).toBeLessThanOrEqual(6);
      const subject = (await (await viewer.request(`/api/v1/subjects/${OTHER}`)).json()) as {
        assessment: { signals: { id: string; evidence: string[] }[] };
      };
      const signal = subject.assessment.signals.find((s) => s.id === 'documents.edited');
      expect(signal?.evidence).toContain('documents[1].forensics.perceptualHash');
    });

    it('refuses a file over GATECHECK_MAX_DOCUMENT_BYTES with 413, by Content-Length or while reading', async () => {
      const before = await storedFiles(t.dataDir);
      const config = t.app.config;
      Object.assign(t.app, { config: { ...config, documents: { ...config.documents, maxBytes: 50_000 } } });
      try {
        const big = Buffer.alloc(200_000, 0x41);
        const declared = await upload(recruiter, big, 'kind=passport&name=big.jpg');
        expect(declared.status).toBe(413);
        expect(declared.headers.get('content-type')).toBe('application/problem+json');
        expect(((await declared.json()) as { detail: string }).detail).toBe(
          'The file is larger than the document limit of 50,000 bytes (0.0 MiB, GATECHECK_MAX_DOCUMENT_BYTES).',
        );
        const chunked = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(16_384));
            controller.close();
          },
        });
        expect((await upload(recruiter, chunked, 'kind=passport&name=stream.jpg')).status).toBe(413);
        // The service stops pulling the body as soon as it passes the limit (4 chunks of 16 KiB > 50,000).
        let pulled = 0;
        async function* endless() {
          for (;;) {
            pulled += 1;
            yield new Uint8Array(16_384);
          }
        }
        await expect(
          uploadDocument(t.app, actorWith('recruiter'), {
            subjectId: SUBJECT,
            kind: 'passport',
            body: endless(),
          }),
        ).rejects.toMatchObject({ code: 'payload_too_large' });
        expect(pulled).toBe(4);
      } finally {
        Object.assign(t.app, { config });
      }
      expect(await storedFiles(t.dataDir)).toEqual(before);
    });

    it('refuses other types naming what they are, and a pixel bomb by its header', async () => {
      const before = await storedFiles(t.dataDir);
      const zip = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(200)]);
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
      const cases: [Buffer, string][] = [
        [zip, 'The file is a ZIP archive; upload a JPEG, PNG, WebP, HEIC/HEIF or TIFF image, or a PDF'],
        [exe, 'The file is a Windows program (EXE);'],
        [Buffer.from('name,passport\nDaniel,X123\n'), 'The file is text, not an image or a PDF;'],
      ];
      for (const [bytes, message] of cases) {
        const res = await upload(recruiter, bytes, 'kind=passport&name=passport.jpg');
        expect(res.status, message).toBe(422);
        expect(((await res.json()) as { detail: string }).detail).toContain(message);
      }
      const bomb = pngBomb(50_000, 50_000);
      expect(bomb.length).toBeLessThan(60_000);
      const res = await upload(recruiter, bomb, 'kind=passport&name=bomb.png');
      expect(res.status).toBe(422);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        'The image is 50,000 × 50,000 pixels (2,500 million); the limit is 40 million pixels (GATECHECK_MAX_DOCUMENT_PIXELS)',
      );
      const kind = await upload(recruiter, honest, 'kind=selfie&name=x.jpg');
      expect(kind.status).toBe(422);
      expect(((await kind.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe('kind');
      expect(await storedFiles(t.dataDir)).toEqual(before);
    });

    it('keeps only a safe display name: no path parts, control or direction characters, at most 200 characters', async () => {
      const names: [string, string][] = [
        ['../../../etc/passwd', 'passwd'],
        ['..', 'document'],
        ['scan\u0000\u001b[31m.jpg', 'scan[31m.jpg'],
        ['photo\u202Egpj.exe', 'photogpj.exe'],
        [`${'a'.repeat(300)}.jpeg`, `${'a'.repeat(195)}.jpeg`],
      ];
      for (const [index, [given, kept]] of names.entries()) {
        // Different bytes each time (a re-upload of the same bytes returns the first); small, so quick to analyse.
        const bytes = await sharp({
          create: { width: 160, height: 100, channels: 3, background: { r: 40 * index, g: 90, b: 160 } },
        })
          .png()
          .toBuffer();
        const res = await upload(recruiter, bytes, `kind=other&name=${encodeURIComponent(given)}`, {}, OTHER);
        expect(res.status, given).toBe(202);
        const body = (await res.json()) as Uploaded;
        expect(body.file.name).toBe(kept);
        await finishedJob(viewer, body.jobId ?? '');
      }
      for (const name of await storedFiles(t.dataDir)) expect(name).toMatch(/^(doc|ela)-id-\d{6}$/);
    });

    it('marks a failed analysis with its error and keeps the file', async () => {
      // A PNG whose header is fine (300 × 200) but whose pixel data stops after one row.
      const truncated = pngBomb(300, 200);
      const res = await upload(recruiter, truncated, 'kind=other&name=scan.png', {}, OTHER);
      expect(res.status).toBe(202);
      const body = (await res.json()) as Uploaded;
      const job = await finishedJob(viewer, body.jobId ?? '');
      expect(job.status).toBe('failed');
      const view = (await (
        await viewer.request(`/api/v1/subjects/${OTHER}/documents/files/${body.file.id}`)
      ).json()) as FileView;
      expect(view).toMatchObject({
        status: 'failed',
        width: 300,
        height: 200,
        analysis: null,
        hasEla: false,
      });
      expect(view.error).toContain('cannot be decoded');
      const content = await viewer.request(
        `/api/v1/subjects/${OTHER}/documents/files/${body.file.id}/content`,
      );
      expect(content.status).toBe(200);
      expect(Buffer.from(await content.arrayBuffer()).equals(truncated)).toBe(true);
      expect((await subjectAudit(t, 'document.analysis_failed'))[0]?.data).toMatchObject({
        fileId: body.file.id,
        error: view.error,
      });
      // One byte changed on disk: the content is refused, saying why, and no view is audited.
      const viewed = (await subjectAudit(t, 'document.viewed')).length;
      const onDisk = join(
        t.dataDir,
        'files',
        await folderOf(t.dataDir, `doc-${body.file.id}`),
        `doc-${body.file.id}`,
      );
      const stored = await readFile(onDisk);
      stored[stored.length - 40] = (stored[stored.length - 40] ?? 0) ^ 0x10;
      await writeFile(onDisk, stored);
      const tampered = await viewer.request(
        `/api/v1/subjects/${OTHER}/documents/files/${body.file.id}/content`,
      );
      expect(tampered.status).toBe(409);
      expect(((await tampered.json()) as { detail: string }).detail).toBe(
        `The document file ${body.file.id} cannot be shown: stored file doc-${body.file.id} failed its integrity check (AES-GCM tag mismatch): it was altered or damaged on disk`,
      );
      expect((await subjectAudit(t, 'document.viewed')).length).toBe(viewed);
    });

    it('deletes a file by hand: blobs gone, record kept, bundle item marked, audited; viewers may not', async () => {
      const list = (await (await viewer.request(`/api/v1/subjects/${OTHER}/documents/files`)).json()) as {
        files: FileView[];
      };
      const target = list.files.find((f) => f.name === 'passwd');
      expect(target).toBeDefined();
      const id = target?.id ?? '';
      expect(
        (await viewer.request(`/api/v1/subjects/${OTHER}/documents/files/${id}`, { method: 'DELETE' }))
          .status,
      ).toBe(403);
      // Another subject's file is not found under this subject.
      expect(
        (await recruiter.request(`/api/v1/subjects/${SUBJECT}/documents/files/${id}`, { method: 'DELETE' }))
          .status,
      ).toBe(404);
      const res = await recruiter.request(`/api/v1/subjects/${OTHER}/documents/files/${id}`, {
        method: 'DELETE',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id,
        status: 'deleted',
        deletedReason: 'manual',
        deletedAt: t.clock.now().toISOString(),
        hasEla: false,
      });
      expect((await storedFiles(t.dataDir)).filter((n) => n.endsWith(id))).toEqual([]);
      const content = await viewer.request(`/api/v1/subjects/${OTHER}/documents/files/${id}/content`);
      expect(content.status).toBe(404);
      expect(((await content.json()) as { detail: string }).detail).toContain('deleted by hand');
      const deleted = await subjectAudit(t, 'document.deleted');
      expect(deleted[0]).toMatchObject({ targetId: OTHER, data: { fileId: id, reason: 'manual' } });
      const again = await recruiter.request(`/api/v1/subjects/${OTHER}/documents/files/${id}`, {
        method: 'DELETE',
      });
      expect(again.status).toBe(200);
      expect((await subjectAudit(t, 'document.deleted')).length).toBe(deleted.length);
      const subject = (await (await viewer.request(`/api/v1/subjects/${OTHER}`)).json()) as {
        bundle: { documents: Record<string, unknown>[] };
      };
      expect(subject.bundle.documents.find((d) => d.fileId === id)).toMatchObject({
        fileDeletedAt: t.clock.now().toISOString(),
        file: 'passwd',
      });
    });

    it('retention deletes every file whose period is over (clock), each audited, and nothing before', async () => {
      t.clock.advance(364 * DAY);
      expect(await purgeExpiredDocuments(t.app)).toEqual({
        deleted: 0,
        fileIds: [],
        resumeSubjects: [],
        failed: [],
      });
      const live = (
        (await (await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files`)).json()) as {
          files: FileView[];
        }
      ).files
        .concat(
          (
            (await (await viewer.request(`/api/v1/subjects/${OTHER}/documents/files`)).json()) as {
              files: FileView[];
            }
          ).files,
        )
        .filter((f) => f.deletedAt === null);
      expect(live.length).toBeGreaterThan(3);
      t.clock.advance(2 * DAY);
      const result = await purgeExpiredDocuments(t.app);
      expect(result.deleted).toBe(live.length);
      expect(result.fileIds.sort()).toEqual(live.map((f) => f.id).sort());
      expect(await storedFiles(t.dataDir)).toEqual([]);
      const audits = (await subjectAudit(t, 'document.deleted')).filter((e) => e.data.reason === 'retention');
      expect(audits.map((e) => e.data.fileId).sort()).toEqual(live.map((f) => f.id).sort());
      expect(audits[0]?.actor).toMatchObject({ kind: 'system' });
      const view = (await (
        await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files/${editedId}`)
      ).json()) as FileView;
      expect(view).toMatchObject({
        status: 'deleted',
        deletedReason: 'retention',
        deletedAt: t.clock.now().toISOString(),
      });
      // The analysis stays on the record; the file does not.
      expect(view.analysis?.forensics.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
      expect(
        (await viewer.request(`/api/v1/subjects/${SUBJECT}/documents/files/${editedId}/content`)).status,
      ).toBe(404);
      expect(await purgeExpiredDocuments(t.app)).toEqual({
        deleted: 0,
        fileIds: [],
        resumeSubjects: [],
        failed: [],
      });
    });
  });
}
