// Retention: deletes every stored document whose retain_until has passed (the file and its error-level image),
// and stored resume files as old (purge-expired-resumes.ts), one transaction per file, each audited as
// `document.deleted` with reason `retention`. The server runs it at
// start and every hour; `gatecheck documents purge` runs it from the shell. Safe to run from several processes.
import { listExpiredDocumentFiles } from '../adapters/db/repositories/document-files.repository.ts';
import { type AppContext, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { deleteStoredDocument } from './delete-document-file.ts';
import { type PeriodicTask, startPeriodic } from './internal/periodic.ts';
import { purgeExpiredRecordings } from './purge-expired-recordings.ts';
import { purgeExpiredResumeFiles } from './purge-expired-resumes.ts';

/** Files handled per query (the loop continues until none is left). */
const BATCH = 100;
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export type PurgeResult = {
  /** Files deleted: documents, their error-level images counted with them, and resume files. */
  deleted: number;
  fileIds: string[];
  /** Subjects whose stored resume file was deleted (what was read from it stays). */
  resumeSubjects: string[];
  /** Files that could not be deleted this time (tried again at the next run). */
  failed: { fileId: string; error: string }[];
};

export async function purgeExpiredDocuments(app: AppContext): Promise<PurgeResult> {
  const now = app.clock.now().toISOString();
  const actor = toAuditActor(SYSTEM_ACTOR);
  const result: PurgeResult = { deleted: 0, fileIds: [], resumeSubjects: [], failed: [] };
  let after: { retainUntil: string; id: string } | undefined;
  for (;;) {
    const batch = await listExpiredDocumentFiles(app.database.db, now, BATCH, after);
    if (batch.length === 0) break;
    for (const file of batch) {
      after = { retainUntil: file.retainUntil, id: file.id };
      try {
        if (await deleteStoredDocument(app, actor, file, 'retention')) result.fileIds.push(file.id);
      } catch (error) {
        result.failed.push({
          fileId: file.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  // Interview recordings follow the same retention (purge-expired-recordings.ts).
  const recordings = await purgeExpiredRecordings(app);
  result.fileIds.push(...recordings.deleted);
  for (const f of recordings.failed) result.failed.push({ fileId: f.recordingId, error: f.error });
  const resumes = await purgeExpiredResumeFiles(app);
  result.resumeSubjects = resumes.deleted;
  for (const f of resumes.failed) result.failed.push({ fileId: `resume of ${f.subjectId}`, error: f.error });
  result.deleted = result.fileIds.length + result.resumeSubjects.length;
  return result;
}

export type RetentionTimer = PeriodicTask;

/**
 * Runs the purge now and every hour in the background (the timer does not keep the process alive). Errors
 * are reported, never thrown: the next run tries again.
 */
export function startDocumentRetention(
  app: AppContext,
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    onDeleted?: (result: PurgeResult) => void /** called when something was deleted or failed */;
  } = {},
): RetentionTimer {
  return startPeriodic(
    async () => {
      const result = await purgeExpiredDocuments(app);
      if (result.deleted > 0 || result.failed.length > 0) options.onDeleted?.(result);
    },
    options.intervalMs ?? RETENTION_INTERVAL_MS,
    options.onError,
  );
}
