// Queries shared by the two tables of stored uploads — identity documents (`document_files`) and interview
// recordings (`interview_recordings`) — which keep the same columns for retention (`retain_until`,
// `deleted_at`), the analysis job (`status`, `job_id`) and the subject. Rows come back as stored; each
// repository maps them to its record.
import type { Executor } from '../database.ts';
import type { DB } from '../tables.ts';
import { heldSubjectIds } from './privacy.repository.ts';

export type StoredUploadTable = 'document_files' | 'interview_recordings';

/** Where the retention sweep got to: the last row it handled (rows are read by `retain_until`, then `id`). */
export type RetentionCursor = { retainUntil: string; id: string };

/**
 * Live uploads whose retention ended at or before `now`, oldest first, after the cursor when given. A subject
 * under legal hold keeps everything (migration 20261210).
 */
export async function listExpiredUploadRows<T extends StoredUploadTable>(
  db: Executor,
  table: T,
  now: string,
  limit: number,
  after?: RetentionCursor,
): Promise<DB[T][]> {
  let q = db
    .selectFrom(table as StoredUploadTable)
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('retain_until', '<=', now)
    .where('subject_id', 'not in', heldSubjectIds(db));
  if (after !== undefined)
    q = q.where((eb) =>
      eb.or([
        eb('retain_until', '>', after.retainUntil),
        eb.and([eb('retain_until', '=', after.retainUntil), eb('id', '>', after.id)]),
      ]),
    );
  return (await q.orderBy('retain_until').orderBy('id').limit(limit).execute()) as DB[T][];
}

/** Live uploads still waiting for an analysis that was never queued (a crash between upload and queueing). */
export async function listUnqueuedUploadRows<T extends StoredUploadTable>(
  db: Executor,
  table: T,
): Promise<DB[T][]> {
  return (await db
    .selectFrom(table as StoredUploadTable)
    .selectAll()
    .where('status', '=', 'analyzing')
    .where('job_id', 'is', null)
    .where('deleted_at', 'is', null)
    .execute()) as DB[T][];
}
