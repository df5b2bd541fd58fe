// Uploaded documents: one row per stored file with what was sniffed and measured, the analysis, retention and
// deletion. The file bytes live encrypted in the file store under `storageKey` (see adapters/storage).
import type { Executor } from '../database.ts';
import { parseJsonObject, parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JsonObject } from '../records.ts';
import type { DocumentFilesTable } from '../tables.ts';
import { listExpiredUploadRows, listUnqueuedUploadRows, type RetentionCursor } from './stored-uploads.ts';

export type DocumentFileStatus = 'analyzing' | 'analyzed' | 'failed' | 'deleted';
export type DocumentDeletedReason = 'retention' | 'manual';

export type DocumentFileRecord = {
  id: string;
  subjectId: string;
  name: string;
  kind: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  storageKey: string | null;
  elaKey: string | null;
  uploadedAt: string;
  uploadedBy: AuditActor;
  retainUntil: string;
  status: DocumentFileStatus;
  jobId: string | null;
  error: string | null;
  analysis: JsonObject | null;
  perceptualHash: string | null;
  deletedAt: string | null;
  deletedReason: DocumentDeletedReason | null;
  documentIndex: number | null;
};

/** A new upload: stored, being analysed, nothing else known yet. */
export type NewDocumentFile = Pick<
  DocumentFileRecord,
  | 'id'
  | 'subjectId'
  | 'name'
  | 'kind'
  | 'mediaType'
  | 'bytes'
  | 'sha256'
  | 'width'
  | 'height'
  | 'pages'
  | 'uploadedAt'
  | 'uploadedBy'
  | 'retainUntil'
  | 'documentIndex'
> & { storageKey: string };

const intOrNull = (v: number | string | null) => (v === null ? null : Number(v));

export function documentFileRowToRecord(row: DocumentFilesTable): DocumentFileRecord {
  return {
    id: row.id,
    subjectId: row.subject_id,
    name: row.name,
    kind: row.kind,
    mediaType: row.media_type,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    width: intOrNull(row.width),
    height: intOrNull(row.height),
    pages: intOrNull(row.pages),
    storageKey: row.storage_key,
    elaKey: row.ela_key,
    uploadedAt: row.uploaded_at,
    uploadedBy: parseJsonText<AuditActor>(row.uploaded_by),
    retainUntil: row.retain_until,
    status: row.status as DocumentFileStatus,
    jobId: row.job_id,
    error: row.error,
    analysis: parseJsonObject(row.analysis),
    perceptualHash: row.perceptual_hash,
    deletedAt: row.deleted_at,
    deletedReason: row.deleted_reason as DocumentDeletedReason | null,
    documentIndex: intOrNull(row.document_index),
  };
}

export async function insertDocumentFile(db: Executor, file: NewDocumentFile): Promise<void> {
  await db
    .insertInto('document_files')
    .values({
      id: file.id,
      subject_id: file.subjectId,
      name: file.name,
      kind: file.kind,
      media_type: file.mediaType,
      bytes: file.bytes,
      sha256: file.sha256,
      width: file.width,
      height: file.height,
      pages: file.pages,
      storage_key: file.storageKey,
      ela_key: null,
      uploaded_at: file.uploadedAt,
      uploaded_by: toJsonText(file.uploadedBy),
      retain_until: file.retainUntil,
      status: 'analyzing',
      job_id: null,
      error: null,
      analysis: null,
      perceptual_hash: null,
      deleted_at: null,
      deleted_reason: null,
      document_index: file.documentIndex,
    })
    .execute();
}

export async function findDocumentFile(db: Executor, id: string): Promise<DocumentFileRecord | null> {
  const row = await db.selectFrom('document_files').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? documentFileRowToRecord(row) : null;
}

/** The stored (not deleted) file of this subject with these bytes, if any. */
export async function findLiveDocumentFileBySha(
  db: Executor,
  subjectId: string,
  sha256: string,
): Promise<DocumentFileRecord | null> {
  const row = await db
    .selectFrom('document_files')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('sha256', '=', sha256)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? documentFileRowToRecord(row) : null;
}

/** A subject's files, newest first (deleted ones too: their rows stay as the record). */
export async function listDocumentFiles(db: Executor, subjectId: string): Promise<DocumentFileRecord[]> {
  const rows = await db
    .selectFrom('document_files')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(documentFileRowToRecord);
}

export async function setDocumentFileJob(db: Executor, id: string, jobId: string): Promise<void> {
  await db.updateTable('document_files').set({ job_id: jobId }).where('id', '=', id).execute();
}

/** Stores the analysis of a file that is still there; false when it was deleted meanwhile. */
export async function recordDocumentAnalysis(
  db: Executor,
  id: string,
  result: { analysis: JsonObject; perceptualHash: string | null; elaKey: string | null },
): Promise<boolean> {
  const updated = await db
    .updateTable('document_files')
    .set({
      status: 'analyzed',
      error: null,
      analysis: toJsonText(result.analysis),
      perceptual_hash: result.perceptualHash,
      ela_key: result.elaKey,
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Marks the analysis failed (the file is kept); false when it was deleted meanwhile. */
export async function recordDocumentFailure(db: Executor, id: string, error: string): Promise<boolean> {
  const updated = await db
    .updateTable('document_files')
    .set({ status: 'failed', error })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Marks a stored file deleted; false when it already was (another process got there first). */
export async function markDocumentFileDeleted(
  db: Executor,
  id: string,
  deletion: { at: string; reason: DocumentDeletedReason },
): Promise<boolean> {
  const updated = await db
    .updateTable('document_files')
    .set({
      status: 'deleted',
      deleted_at: deletion.at,
      deleted_reason: deletion.reason,
      storage_key: null,
      ela_key: null,
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Stored files whose retention ended at or before `now`, oldest first, after the `after` cursor when given. */
export async function listExpiredDocumentFiles(
  db: Executor,
  now: string,
  limit: number,
  after?: RetentionCursor,
): Promise<DocumentFileRecord[]> {
  return (await listExpiredUploadRows(db, 'document_files', now, limit, after)).map(documentFileRowToRecord);
}

/** Stored files still waiting for an analysis that was never queued (a crash between upload and queueing). */
export async function listUnqueuedDocumentFiles(db: Executor): Promise<DocumentFileRecord[]> {
  return (await listUnqueuedUploadRows(db, 'document_files')).map(documentFileRowToRecord);
}

export type ReuseCandidate = { id: string; subjectId: string; sha256: string; perceptualHash: string | null };

/**
 * Other subjects' files that could show the same picture: every file with a perceptual hash, and files with
 * exactly these bytes. Deleted files count: the hashes are kept with the record (they are not the image).
 */
export async function listReuseCandidates(
  db: Executor,
  options: { exceptSubjectId: string; sha256: string },
): Promise<ReuseCandidate[]> {
  const rows = await db
    .selectFrom('document_files')
    .select(['id', 'subject_id', 'sha256', 'perceptual_hash'])
    .where('subject_id', '!=', options.exceptSubjectId)
    .where((eb) => eb.or([eb('perceptual_hash', 'is not', null), eb('sha256', '=', options.sha256)]))
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    sha256: r.sha256,
    perceptualHash: r.perceptual_hash,
  }));
}
