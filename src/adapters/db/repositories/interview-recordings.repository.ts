// Uploaded interview recordings: one row per stored video with what was sniffed, the analysis summary,
// retention and deletion. The video lives encrypted in the file store under `storageKey`.
import type { Executor } from '../database.ts';
import { parseJsonObject, parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JsonObject } from '../records.ts';
import type { InterviewRecordingsTable } from '../tables.ts';
import { listExpiredUploadRows, listUnqueuedUploadRows, type RetentionCursor } from './stored-uploads.ts';

export type RecordingStatus = 'analyzing' | 'analyzed' | 'failed' | 'deleted';
export type RecordingDeletedReason = 'retention' | 'manual';

export type InterviewRecordingRecord = {
  id: string;
  subjectId: string;
  interviewIndex: number;
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  storageKey: string | null;
  uploadedAt: string;
  uploadedBy: AuditActor;
  retainUntil: string;
  status: RecordingStatus;
  jobId: string | null;
  error: string | null;
  analysis: JsonObject | null;
  deletedAt: string | null;
  deletedReason: RecordingDeletedReason | null;
};

export type NewInterviewRecording = Pick<
  InterviewRecordingRecord,
  | 'id'
  | 'subjectId'
  | 'interviewIndex'
  | 'name'
  | 'mediaType'
  | 'bytes'
  | 'sha256'
  | 'uploadedAt'
  | 'uploadedBy'
  | 'retainUntil'
> & { storageKey: string };

export function recordingRowToRecord(row: InterviewRecordingsTable): InterviewRecordingRecord {
  return {
    id: row.id,
    subjectId: row.subject_id,
    interviewIndex: Number(row.interview_index),
    name: row.name,
    mediaType: row.media_type,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    uploadedAt: row.uploaded_at,
    uploadedBy: parseJsonText<AuditActor>(row.uploaded_by),
    retainUntil: row.retain_until,
    status: row.status as RecordingStatus,
    jobId: row.job_id,
    error: row.error,
    analysis: parseJsonObject(row.analysis),
    deletedAt: row.deleted_at,
    deletedReason: row.deleted_reason as RecordingDeletedReason | null,
  };
}

export async function insertInterviewRecording(db: Executor, rec: NewInterviewRecording): Promise<void> {
  await db
    .insertInto('interview_recordings')
    .values({
      id: rec.id,
      subject_id: rec.subjectId,
      interview_index: rec.interviewIndex,
      name: rec.name,
      media_type: rec.mediaType,
      bytes: rec.bytes,
      sha256: rec.sha256,
      storage_key: rec.storageKey,
      uploaded_at: rec.uploadedAt,
      uploaded_by: toJsonText(rec.uploadedBy),
      retain_until: rec.retainUntil,
      status: 'analyzing',
      job_id: null,
      error: null,
      analysis: null,
      deleted_at: null,
      deleted_reason: null,
    })
    .execute();
}

export async function findInterviewRecording(
  db: Executor,
  id: string,
): Promise<InterviewRecordingRecord | null> {
  const row = await db.selectFrom('interview_recordings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? recordingRowToRecord(row) : null;
}

/** A subject's recordings, newest first (deleted ones too: their rows stay as the record). */
export async function listInterviewRecordings(
  db: Executor,
  subjectId: string,
): Promise<InterviewRecordingRecord[]> {
  const rows = await db
    .selectFrom('interview_recordings')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(recordingRowToRecord);
}

export async function setRecordingJob(db: Executor, id: string, jobId: string): Promise<void> {
  await db.updateTable('interview_recordings').set({ job_id: jobId }).where('id', '=', id).execute();
}

/** Stores the analysis of a recording that is still there; false when it was deleted meanwhile. */
export async function recordRecordingAnalysis(
  db: Executor,
  id: string,
  analysis: JsonObject,
): Promise<boolean> {
  const updated = await db
    .updateTable('interview_recordings')
    .set({ status: 'analyzed', error: null, analysis: toJsonText(analysis) })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Marks the analysis failed (the video is kept until retention); false when it was deleted meanwhile. */
export async function recordRecordingFailure(db: Executor, id: string, error: string): Promise<boolean> {
  const updated = await db
    .updateTable('interview_recordings')
    .set({ status: 'failed', error })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Marks a stored recording deleted; false when it already was (another process got there first). */
export async function markRecordingDeleted(
  db: Executor,
  id: string,
  deletion: { at: string; reason: RecordingDeletedReason },
): Promise<boolean> {
  const updated = await db
    .updateTable('interview_recordings')
    .set({ status: 'deleted', deleted_at: deletion.at, deleted_reason: deletion.reason, storage_key: null })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Stored recordings whose retention ended at or before `now`, oldest first, after the `after` cursor. */
export async function listExpiredRecordings(
  db: Executor,
  now: string,
  limit: number,
  after?: RetentionCursor,
): Promise<InterviewRecordingRecord[]> {
  return (await listExpiredUploadRows(db, 'interview_recordings', now, limit, after)).map(
    recordingRowToRecord,
  );
}

/** Stored recordings still waiting for an analysis that was never queued (a crash between upload and queueing). */
export async function listUnqueuedRecordings(db: Executor): Promise<InterviewRecordingRecord[]> {
  return (await listUnqueuedUploadRows(db, 'interview_recordings')).map(recordingRowToRecord);
}
