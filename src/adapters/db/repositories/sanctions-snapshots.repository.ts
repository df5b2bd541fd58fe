// Sanctions list snapshots: one row per import attempt (and the shipped default when recorded). Exactly one
// row is `active` at a time once anything was imported; with none, the runtime uses the shipped default.
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JsonValue } from '../records.ts';

export type SnapshotStatus = 'active' | 'superseded' | 'failed';
export type SnapshotSource = 'default' | 'import';

export type SnapshotRecord = {
  id: string;
  createdAt: string;
  createdBy: AuditActor;
  source: SnapshotSource;
  status: SnapshotStatus;
  lists: JsonValue;
  diff: JsonValue | null;
  error: string | null;
};

type Row = {
  id: string;
  created_at: string;
  created_by: string;
  source: string;
  status: string;
  lists: string;
  diff: string | null;
  error: string | null;
};

function toRecord(row: Row): SnapshotRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    createdBy: parseJsonText<AuditActor>(row.created_by),
    source: row.source === 'default' ? 'default' : 'import',
    status: row.status === 'active' ? 'active' : row.status === 'failed' ? 'failed' : 'superseded',
    lists: parseJsonText(row.lists),
    diff: row.diff === null ? null : parseJsonText(row.diff),
    error: row.error,
  };
}

export async function insertSnapshot(db: Executor, record: SnapshotRecord): Promise<void> {
  await db
    .insertInto('sanctions_snapshots')
    .values({
      id: record.id,
      created_at: record.createdAt,
      created_by: toJsonText(record.createdBy),
      source: record.source,
      status: record.status,
      lists: toJsonText(record.lists),
      diff: record.diff === null ? null : toJsonText(record.diff),
      error: record.error,
    })
    .execute();
}

export async function findActiveSnapshot(db: Executor): Promise<SnapshotRecord | undefined> {
  const row = await db
    .selectFrom('sanctions_snapshots')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Id of the active snapshot (one cheap query, used to notice imports made by another process). */
export async function findActiveSnapshotId(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('sanctions_snapshots')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** Newest first. */
export async function listSnapshots(db: Executor, limit = 50): Promise<SnapshotRecord[]> {
  const rows = await db
    .selectFrom('sanctions_snapshots')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** Marks every active snapshot superseded (before a new one becomes active, in the same transaction). */
export async function supersedeActiveSnapshots(db: Executor): Promise<void> {
  await db
    .updateTable('sanctions_snapshots')
    .set({ status: 'superseded' })
    .where('status', '=', 'active')
    .execute();
}
