import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JobStatus, JobView, JsonObject, JsonValue } from '../records.ts';
import type { JobsTable } from '../tables.ts';

export type JobRecord = JobView & { payload: JsonObject; attempts: number };

function jobRowToJob(row: JobsTable): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    progress: Number(row.progress),
    total: row.total === null ? null : Number(row.total),
    message: row.message,
    ...(row.result !== null ? { result: parseJsonText<JsonValue>(row.result) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    createdBy: parseJsonText<AuditActor>(row.created_by),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    payload: parseJsonText<JsonObject>(row.payload),
    attempts: Number(row.attempts),
  };
}

export function jobToView(job: JobRecord): JobView {
  const { payload: _payload, attempts: _attempts, ...view } = job;
  return view;
}

export async function insertJob(
  db: Executor,
  job: { id: string; kind: string; payload: JsonObject; createdBy: AuditActor; at: string },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      status: 'queued',
      progress: 0,
      total: null,
      message: null,
      payload: toJsonText(job.payload),
      result: null,
      error: null,
      created_by: toJsonText(job.createdBy),
      created_at: job.at,
      updated_at: job.at,
      started_at: null,
      finished_at: null,
      attempts: 0,
    })
    .execute();
}

export async function findJob(db: Executor, id: string): Promise<JobRecord | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? jobRowToJob(row) : null;
}

export async function listJobs(
  db: Executor,
  query: { limit?: number; status?: JobStatus[] } = {},
): Promise<JobRecord[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (query.status && query.status.length > 0) q = q.where('status', 'in', query.status);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(query.limit ?? 50, 1), 500))
    .execute();
  return rows.map(jobRowToJob);
}

export async function markJobRunning(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      started_at: at,
      updated_at: at,
      error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function updateJobProgress(
  db: Executor,
  id: string,
  progress: { done: number; total: number | null; message: string | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress: progress.done, total: progress.total, message: progress.message, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(
  db: Executor,
  id: string,
  outcome: { status: 'succeeded'; result: JsonValue } | { status: 'failed'; error: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      result: outcome.status === 'succeeded' ? toJsonText(outcome.result ?? null) : null,
      error: outcome.status === 'failed' ? outcome.error : null,
      finished_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Jobs a crashed single process left behind, to run again at start. */
export async function requeueUnfinishedJobs(db: Executor, at: string): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length > 0) {
    await db
      .updateTable('jobs')
      .set({ status: 'queued', updated_at: at })
      .where('status', '=', 'running')
      .execute();
  }
  return rows.map((r) => r.id);
}
