// Investigators' "not this person" decisions on sanctions matches, per subject and list entry version.
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';

export type DismissalRecord = {
  id: string;
  subjectId: string;
  signal: string;
  list: string;
  entryId: string;
  entryVersion: string;
  matchedName: string | null;
  reason: string;
  dismissedBy: AuditActor;
  dismissedAt: string;
};

type Row = {
  id: string;
  subject_id: string;
  signal: string;
  list: string;
  entry_id: string;
  entry_version: string;
  matched_name: string | null;
  reason: string;
  dismissed_by: string;
  dismissed_at: string;
};

function toRecord(row: Row): DismissalRecord {
  return {
    id: row.id,
    subjectId: row.subject_id,
    signal: row.signal,
    list: row.list,
    entryId: row.entry_id,
    entryVersion: row.entry_version,
    matchedName: row.matched_name,
    reason: row.reason,
    dismissedBy: parseJsonText<AuditActor>(row.dismissed_by),
    dismissedAt: row.dismissed_at,
  };
}

export async function insertDismissal(db: Executor, record: DismissalRecord): Promise<void> {
  await db
    .insertInto('match_dismissals')
    .values({
      id: record.id,
      subject_id: record.subjectId,
      signal: record.signal,
      list: record.list,
      entry_id: record.entryId,
      entry_version: record.entryVersion,
      matched_name: record.matchedName,
      reason: record.reason,
      dismissed_by: toJsonText(record.dismissedBy),
      dismissed_at: record.dismissedAt,
    })
    .execute();
}

/** A subject's dismissals, newest first. */
export async function listDismissals(db: Executor, subjectId: string): Promise<DismissalRecord[]> {
  const rows = await db
    .selectFrom('match_dismissals')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('dismissed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRecord);
}

/** Every dismissal, or only those of the given subjects. */
export async function listAllDismissals(
  db: Executor,
  subjectIds?: readonly string[],
): Promise<DismissalRecord[]> {
  if (subjectIds !== undefined && subjectIds.length === 0) return [];
  let query = db.selectFrom('match_dismissals').selectAll();
  if (subjectIds !== undefined) query = query.where('subject_id', 'in', [...subjectIds]);
  return (await query.execute()).map(toRecord);
}
