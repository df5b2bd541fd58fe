// Keyframes a candidate's browser uploaded during a verification challenge: one row per JPEG (encrypted in the
// file store at `storageKey`), numbered in order of arrival within the session. Deleted rows keep their record
// (storage key cleared, deletedAt set).
import type { Executor } from '../database.ts';
import type { VerificationKeyframesTable } from '../tables.ts';
import { heldSubjectIds } from './privacy.repository.ts';

export type VerificationKeyframeRecord = {
  id: string;
  sessionId: string;
  /** 0-based order of arrival. */
  index: number;
  /** Milliseconds since the trace started, as the browser said. */
  t: number;
  stepId: string | null;
  storageKey: string | null;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  createdAt: string;
  retainUntil: string;
  deletedAt: string | null;
};

export function keyframeRowToRecord(row: VerificationKeyframesTable): VerificationKeyframeRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    index: Number(row.idx),
    t: Number(row.t_ms),
    stepId: row.step_id,
    storageKey: row.storage_key,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    width: Number(row.width),
    height: Number(row.height),
    createdAt: row.created_at,
    retainUntil: row.retain_until,
    deletedAt: row.deleted_at,
  };
}

export async function insertVerificationKeyframe(
  db: Executor,
  k: Omit<VerificationKeyframeRecord, 'deletedAt'> & { storageKey: string },
): Promise<void> {
  await db
    .insertInto('verification_keyframes')
    .values({
      id: k.id,
      session_id: k.sessionId,
      idx: k.index,
      t_ms: k.t,
      step_id: k.stepId,
      storage_key: k.storageKey,
      bytes: k.bytes,
      sha256: k.sha256,
      width: k.width,
      height: k.height,
      created_at: k.createdAt,
      retain_until: k.retainUntil,
      deleted_at: null,
    })
    .execute();
}

/** How many keyframes the session has received (deleted ones included: the numbering never restarts). */
export async function countVerificationKeyframes(db: Executor, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('verification_keyframes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The session's stored keyframes (not deleted), in order of arrival. */
export async function listVerificationKeyframes(
  db: Executor,
  sessionId: string,
): Promise<VerificationKeyframeRecord[]> {
  const rows = await db
    .selectFrom('verification_keyframes')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('storage_key', 'is not', null)
    .orderBy('idx')
    .execute();
  return rows.map(keyframeRowToRecord);
}

export async function findVerificationKeyframe(
  db: Executor,
  sessionId: string,
  index: number,
): Promise<VerificationKeyframeRecord | null> {
  const row = await db
    .selectFrom('verification_keyframes')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('idx', '=', index)
    .executeTakeFirst();
  return row ? keyframeRowToRecord(row) : null;
}

/** Keeps the session's keyframes as long as its trace. */
export async function setKeyframesRetainUntil(
  db: Executor,
  sessionId: string,
  retainUntil: string,
): Promise<void> {
  await db
    .updateTable('verification_keyframes')
    .set({ retain_until: retainUntil })
    .where('session_id', '=', sessionId)
    .where('storage_key', 'is not', null)
    .execute();
}

/** Sessions with stored keyframes past their retention, oldest first. */
export async function listSessionsWithExpiredKeyframes(
  db: Executor,
  now: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('verification_keyframes')
    .select('session_id')
    .where('storage_key', 'is not', null)
    .where('retain_until', '<=', now)
    // A subject under legal hold keeps everything (migration 20261210).
    .where(
      'session_id',
      'not in',
      db.selectFrom('verification_sessions').select('id').where('subject_id', 'in', heldSubjectIds(db)),
    )
    .groupBy('session_id')
    .orderBy('session_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.session_id);
}

/** Marks the listed keyframes deleted (their files are removed by the caller). */
export async function markKeyframesDeleted(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('verification_keyframes')
    .set({ storage_key: null, deleted_at: at })
    .where('id', 'in', [...ids])
    .execute();
}
