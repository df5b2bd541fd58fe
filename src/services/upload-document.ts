// Uploads an ID document or other paper for a subject. The body is read up to GATECHECK_MAX_DOCUMENT_BYTES
// (reading stops past it: 413), the type is sniffed from the content (the declared type and name are
// ignored), pixels come from the image header and pages from the PDF, all before anything is stored. The file
// is encrypted into the file store under a generated key, then ONE transaction stores the document_files row,
// the bundle document item (an open request of the same kind is fulfilled, else one is appended; the bundle
// is validated) and the audit entry; the file is removed again if that transaction fails. The analysis runs
// as a job (`document.analyze`). The same bytes uploaded again for the same subject return the stored file.
// `storeDocumentUpload` is the same path without the permission check, for the candidate's ID photo sent
// through a verification link (src/services/upload-verification-document.ts).

import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JsonObject } from '../adapters/db/records.ts';
import {
  type DocumentFileRecord,
  findLiveDocumentFileBySha,
  insertDocumentFile,
} from '../adapters/db/repositories/document-files.repository.ts';
import {
  findSubject,
  subjectExists,
  updateSubjectBundle,
} from '../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import { DOCUMENT_KINDS } from '../core/bundle/schema.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { DomainError } from '../core/errors.ts';
import {
  type DocumentSize,
  measureDocument,
  type SniffedDocument,
  sniffDocument,
} from '../intel/documents/sniff.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import {
  cleanDocumentName,
  type DocumentFileView,
  documentStorageKey,
  documentStore,
  lockSubjectDocuments,
  queueDocumentAnalysis,
  toDocumentFileView,
  uploadTarget,
  withDocumentItem,
} from './internal/documents.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';
import { readBoundedBody, type UploadBody } from './internal/stored-uploads.ts';

const DAY_MS = 86_400_000;

export type UploadDocumentInput = {
  subjectId: string;
  /** A DOCUMENT_KINDS value. */
  kind: string | undefined;
  /** The client's file name, for display only. */
  name?: string | undefined;
  /** The file's bytes as a stream (an HTTP body, a file read stream) or at once. */
  body: UploadBody;
  /** Declared size (Content-Length), checked before reading when given. */
  declaredBytes?: number | undefined;
};

export type UploadedDocument = {
  file: DocumentFileView;
  documentIndex: number;
  /** The analysis job (null only when queueing it failed; it is queued again at the next start). */
  jobId: string | null;
  /** True when these bytes were already stored for the subject: nothing new was stored. */
  existing: boolean;
};

function tooLarge(limit: number): DomainError {
  return new DomainError(
    'payload_too_large',
    `The file is larger than the document limit of ${limit.toLocaleString('en-US')} bytes (${(limit / 1024 / 1024).toFixed(1)} MiB, GATECHECK_MAX_DOCUMENT_BYTES).`,
  );
}

/** Reads the body into memory, giving up (and so cancelling the upload) as soon as it passes `limit`. */
export function readBounded(body: UploadBody, limit: number): Promise<Buffer> {
  return readBoundedBody(body, limit, tooLarge);
}

export function checkDocumentKind(kind: string | undefined): string {
  if (kind === undefined || !(DOCUMENT_KINDS as readonly string[]).includes(kind))
    throw new DomainError(
      'validation',
      kind === undefined
        ? `Say what kind of document this is (kind: ${DOCUMENT_KINDS.join(', ')})`
        : `"${kind.slice(0, 60)}" is not a document kind`,
      [{ path: 'kind', message: `expected one of ${DOCUMENT_KINDS.join(', ')}` }],
    );
  return kind;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

function existingUpload(file: DocumentFileRecord): UploadedDocument {
  return {
    file: toDocumentFileView(file),
    documentIndex: file.documentIndex ?? -1,
    jobId: file.jobId,
    existing: true,
  };
}

export async function uploadDocument(
  app: AppContext,
  actor: Actor,
  input: UploadDocumentInput,
): Promise<UploadedDocument> {
  authorize(actor, 'subjects:write');
  return storeDocumentUpload(app, { who: toAuditActor(actor), jobActor: actor }, input);
}

/** Who uploads (recorded on the file and in the audit) and how, for storeDocumentUpload. */
export type UploadBy = {
  who: AuditActor;
  /** Who the analysis job runs for. */
  jobActor: Actor;
  /** The audit entry's action (default `document.uploaded`) and extra data. */
  audit?: { action: string; data: JsonObject };
  /** Runs first in the storing transaction (e.g. re-checking that a verification link is still live). */
  check?: (trx: Transaction<DB>) => Promise<void>;
};

/** The upload path without the permission check: the caller has authorised `by.who`. */
export async function storeDocumentUpload(
  app: AppContext,
  by: UploadBy,
  input: UploadDocumentInput,
): Promise<UploadedDocument> {
  const kind = checkDocumentKind(input.kind);
  const name = cleanDocumentName(input.name);
  const db = app.database.db;
  if (!(await subjectExists(db, input.subjectId))) throw notFound('Subject', input.subjectId);
  const limits = app.config.documents;
  if (input.declaredBytes !== undefined && input.declaredBytes > limits.maxBytes)
    throw tooLarge(limits.maxBytes);
  const bytes = await readBounded(input.body, limits.maxBytes);
  if (bytes.length === 0) throw new DomainError('validation', 'The file is empty');
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  const already = await findLiveDocumentFileBySha(db, input.subjectId, sha256);
  if (already !== null) return existingUpload(already);

  const sniffed: SniffedDocument = await sniffDocument(bytes);
  const size: DocumentSize = await measureDocument(bytes, sniffed, { maxPixels: limits.maxPixels });

  const fileId = app.ids.newId();
  const storageKey = documentStorageKey(fileId);
  const store = documentStore(app);
  const who = by.who;
  await store.put(storageKey, bytes);
  let stored: DocumentFileRecord;
  try {
    stored = await inTransaction(app, async (trx) => {
      await by.check?.(trx);
      await lockSubjectDocuments(trx, input.subjectId);
      const subject = await findSubject(trx, input.subjectId);
      if (!subject) throw notFound('Subject', input.subjectId);
      const now = app.clock.now();
      const at = now.toISOString();
      const index = uploadTarget(subject.bundle, kind);
      const bundle = withDocumentItem(subject.bundle, index, {
        kind,
        receivedAt: at,
        file: name,
        fileId,
        mediaType: sniffed.mediaType,
        sha256,
      });
      const checked = validateBundle(bundle);
      if (!checked.ok)
        throw new DomainError(
          'validation',
          'The document item would make the bundle invalid; nothing was stored',
          checked.problems,
        );
      const record: DocumentFileRecord = {
        id: fileId,
        subjectId: input.subjectId,
        name,
        kind,
        mediaType: sniffed.mediaType,
        bytes: bytes.length,
        sha256,
        width: size.width,
        height: size.height,
        pages: size.pages,
        storageKey,
        elaKey: null,
        uploadedAt: at,
        uploadedBy: who,
        retainUntil: new Date(
          now.getTime() + (await loadRetentionPolicy(trx, app.config)).documents * DAY_MS,
        ).toISOString(),
        status: 'analyzing',
        jobId: null,
        error: null,
        analysis: null,
        perceptualHash: null,
        deletedAt: null,
        deletedReason: null,
        documentIndex: index,
      };
      await insertDocumentFile(trx, { ...record, storageKey });
      await updateSubjectBundle(trx, checked.bundle, at);
      await appendAudit(trx, {
        at,
        actor: who,
        action: by.audit?.action ?? 'document.uploaded',
        targetType: 'subject',
        targetId: input.subjectId,
        data: {
          fileId,
          kind,
          mediaType: sniffed.mediaType,
          bytes: bytes.length,
          sha256,
          path: `documents[${index}]`,
          retainUntil: record.retainUntil,
          ...by.audit?.data,
        },
      });
      return record;
    });
  } catch (error) {
    await store.delete(storageKey);
    // The same bytes stored a moment ago by a concurrent upload: that one is the answer.
    if (isUniqueViolation(error)) {
      const winner = await findLiveDocumentFileBySha(db, input.subjectId, sha256);
      if (winner !== null) return existingUpload(winner);
    }
    throw error;
  }
  const jobId = await queueDocumentAnalysis(app, stored, by.jobActor);
  return {
    file: toDocumentFileView({ ...stored, jobId }),
    documentIndex: stored.documentIndex ?? -1,
    jobId,
    existing: false,
  };
}
