// Retention for interview recordings: every stored video whose retain_until (upload +
// GATECHECK_DOCUMENT_RETENTION_DAYS) has passed is deleted from the file store and the row marked deleted,
// audited `recording.deleted` with reason `retention`. The analysis summary and the bundle's frames stay as
// the record. Run with the document purge (purge-expired-documents.ts). The blob goes first, so a crash in
// between leaves the video gone and the row live; the next run finishes the record.
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor } from '../adapters/db/records.ts';
import {
  type InterviewRecordingRecord,
  listExpiredRecordings,
  markRecordingDeleted,
  type RecordingDeletedReason,
} from '../adapters/db/repositories/interview-recordings.repository.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { documentStore, lockSubjectDocuments } from './internal/documents.ts';
import { recordingStorageKey } from './internal/recordings.ts';

const BATCH = 100;

export async function deleteStoredRecording(
  app: AppContext,
  actor: AuditActor,
  rec: InterviewRecordingRecord,
  reason: RecordingDeletedReason,
): Promise<boolean> {
  await documentStore(app).delete(rec.storageKey ?? recordingStorageKey(rec.id));
  return inTransaction(app, async (trx) => {
    await lockSubjectDocuments(trx, rec.subjectId);
    const at = app.clock.now().toISOString();
    if (!(await markRecordingDeleted(trx, rec.id, { at, reason }))) return false;
    await appendAudit(trx, {
      at,
      actor,
      action: 'recording.deleted',
      targetType: 'subject',
      targetId: rec.subjectId,
      // Ids only: the file name may name the person, and this entry outlives the file (docs/privacy.md).
      data: { recordingId: rec.id, sha256: rec.sha256, reason, retainUntil: rec.retainUntil },
    });
    return true;
  });
}

export type RecordingPurgeResult = { deleted: string[]; failed: { recordingId: string; error: string }[] };

export async function purgeExpiredRecordings(app: AppContext): Promise<RecordingPurgeResult> {
  const now = app.clock.now().toISOString();
  const actor = toAuditActor(SYSTEM_ACTOR);
  const result: RecordingPurgeResult = { deleted: [], failed: [] };
  let after: { retainUntil: string; id: string } | undefined;
  for (;;) {
    const batch = await listExpiredRecordings(app.database.db, now, BATCH, after);
    if (batch.length === 0) break;
    for (const rec of batch) {
      after = { retainUntil: rec.retainUntil, id: rec.id };
      try {
        if (await deleteStoredRecording(app, actor, rec, 'retention')) result.deleted.push(rec.id);
      } catch (error) {
        result.failed.push({
          recordingId: rec.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return result;
}
