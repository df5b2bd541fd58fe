// Long work runs as jobs with progress. One small port; in-process on SQLite, pg-boss on PostgreSQL.
// The jobs table is the record of every job's status and progress in both cases.
import type { Clock } from '../adapters/clock/clock.ts';
import type { Database } from '../adapters/db/database.ts';
import type { AuditActor, JobView, JsonObject, JsonValue } from '../adapters/db/records.ts';
import {
  findJob,
  finishJob,
  jobToView,
  listJobs,
  markJobRunning,
  updateJobProgress,
} from '../adapters/db/repositories/jobs.repository.ts';
import type { IdGenerator } from '../adapters/ids/ids.ts';

export type JobContext = {
  jobId: string;
  payload: JsonObject;
  /** Records progress (written at most every few hundred milliseconds, and always on the last item). */
  reportProgress(done: number, total: number | null, message?: string | null): Promise<void>;
};

/** Returns the job's result (stored as JSON) or throws to fail it. */
export type JobHandler = (ctx: JobContext) => Promise<JsonValue | undefined>;

export interface JobQueue {
  readonly implementation: 'in-process' | 'pg-boss';
  register(kind: string, handler: JobHandler): void;
  /** Records the job (status queued) and hands it to a worker; returns its id. */
  enqueue(kind: string, payload: JsonObject, actor: AuditActor): Promise<string>;
  get(id: string): Promise<JobView | null>;
  list(options?: { limit?: number }): Promise<JobView[]>;
  /** Starts working (when this process is a worker) and picks up jobs left from an earlier run. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running one. */
  stop(): Promise<void>;
}

export type JobQueueDeps = {
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  /** Whether this process runs jobs (GATECHECK_WORKER=in-process) or only enqueues them (off). */
  worker: boolean;
};

const PROGRESS_INTERVAL_MS = 250;

/** Runs one recorded job through its handler, mirroring status and progress into the jobs table. */
export async function runRecordedJob(
  deps: Pick<JobQueueDeps, 'database' | 'clock'>,
  handlers: ReadonlyMap<string, JobHandler>,
  jobId: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const { db } = deps.database;
  const now = () => deps.clock.now().toISOString();
  const job = await findJob(db, jobId);
  if (!job) return { ok: false, error: `job ${jobId} is not recorded` };
  const handler = handlers.get(job.kind);
  if (!handler) {
    const error = `no handler is registered for jobs of kind "${job.kind}"`;
    await finishJob(db, jobId, { status: 'failed', error }, now());
    return { ok: false, error };
  }
  await markJobRunning(db, jobId, now());
  let lastWrite = 0;
  const ctx: JobContext = {
    jobId,
    payload: job.payload,
    async reportProgress(done, total, message = null) {
      const t = performance.now();
      const last = total !== null && done >= total;
      if (!last && t - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = t;
      await updateJobProgress(db, jobId, { done, total, message }, now());
    },
  };
  try {
    const result = await handler(ctx);
    await finishJob(db, jobId, { status: 'succeeded', result: result ?? null }, now());
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishJob(db, jobId, { status: 'failed', error: message }, now());
    return { ok: false, error: message };
  }
}

export async function getJobView(database: Database, id: string): Promise<JobView | null> {
  const job = await findJob(database.db, id);
  return job ? jobToView(job) : null;
}

export async function listJobViews(database: Database, limit?: number): Promise<JobView[]> {
  return (await listJobs(database.db, limit !== undefined ? { limit } : {})).map(jobToView);
}

const TERMINAL = new Set(['succeeded', 'failed']);

/** Polls until the job has finished (tests, CLI). */
export async function waitForJob(
  queue: JobQueue,
  id: string,
  timeoutMs = 15_000,
  pollMs = 25,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.get(id);
    if (job && TERMINAL.has(job.status)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${id} did not finish within ${timeoutMs} ms (${job?.status})`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
