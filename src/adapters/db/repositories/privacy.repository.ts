// Privacy: legal holds, the subject access log, and stored files queued for deletion after a commit.
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';

export type LegalHoldRecord = {
  subjectId: string;
  active: boolean;
  reason: string;
  setBy: AuditActor;
  setAt: string;
};

export async function findLegalHold(db: Executor, subjectId: string): Promise<LegalHoldRecord | null> {
  const row = await db
    .selectFrom('legal_holds')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    subjectId: row.subject_id,
    active: row.active === 1,
    reason: row.reason,
    setBy: parseJsonText<AuditActor>(row.set_by),
    setAt: row.set_at,
  };
}

export async function putLegalHold(db: Executor, hold: LegalHoldRecord): Promise<void> {
  const values = {
    active: hold.active ? 1 : 0,
    reason: hold.reason,
    set_by: toJsonText(hold.setBy),
    set_at: hold.setAt,
  };
  await db
    .insertInto('legal_holds')
    .values({ subject_id: hold.subjectId, ...values })
    .onConflict((oc) => oc.column('subject_id').doUpdateSet(values))
    .execute();
}

export async function deleteLegalHold(db: Executor, subjectId: string): Promise<void> {
  await db.deleteFrom('legal_holds').where('subject_id', '=', subjectId).execute();
}

/** Subject ids under an active hold, as a subquery: `.where('subject_id', 'not in', heldSubjectIds(db))`. */
export function heldSubjectIds(db: Executor) {
  return db.selectFrom('legal_holds').select('subject_id').where('active', '=', 1);
}

export async function listHeldSubjectIds(db: Executor): Promise<Set<string>> {
  const rows = await heldSubjectIds(db).execute();
  return new Set(rows.map((r) => r.subject_id));
}

export type AccessEntry = {
  id: string;
  subjectId: string;
  at: string;
  actor: AuditActor;
  action: string;
  itemId: string | null;
};

export async function insertAccess(db: Executor, entry: AccessEntry): Promise<void> {
  await db
    .insertInto('subject_access_log')
    .values({
      id: entry.id,
      subject_id: entry.subjectId,
      at: entry.at,
      actor: toJsonText(entry.actor),
      actor_id: entry.actor.id ?? entry.actor.kind,
      action: entry.action,
      item_id: entry.itemId,
    })
    .execute();
}

/** True when the same actor recorded the same access to the same item since `since`. */
export async function hasRecentAccess(
  db: Executor,
  entry: Pick<AccessEntry, 'subjectId' | 'actor' | 'action' | 'itemId'>,
  since: string,
): Promise<boolean> {
  let q = db
    .selectFrom('subject_access_log')
    .select('id')
    .where('subject_id', '=', entry.subjectId)
    .where('actor_id', '=', entry.actor.id ?? entry.actor.kind)
    .where('action', '=', entry.action)
    .where('at', '>=', since);
  q = entry.itemId === null ? q.where('item_id', 'is', null) : q.where('item_id', '=', entry.itemId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** A subject's access log, newest first. */
export async function listAccess(db: Executor, subjectId: string, limit: number): Promise<AccessEntry[]> {
  const rows = await db
    .selectFrom('subject_access_log')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    at: r.at,
    actor: parseJsonText<AuditActor>(r.actor),
    action: r.action,
    itemId: r.item_id,
  }));
}

export async function queueFileDeletions(db: Executor, keys: readonly string[], at: string): Promise<void> {
  for (const key of new Set(keys))
    await db
      .insertInto('file_deletions')
      .values({ storage_key: key, queued_at: at })
      .onConflict((oc) => oc.column('storage_key').doNothing())
      .execute();
}

export async function listQueuedFileDeletions(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('file_deletions')
    .select('storage_key')
    .orderBy('queued_at')
    .orderBy('storage_key')
    .limit(limit)
    .execute();
  return rows.map((r) => r.storage_key);
}

export async function removeQueuedFileDeletion(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('file_deletions').where('storage_key', '=', key).execute();
}
