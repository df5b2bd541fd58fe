// SQLite (one process): jobs run one at a time in this process; the jobs table survives restarts,
// and jobs that were queued or running when the process stopped run again at the next start.
import type { AuditActor, JobView, JsonObject } from '../adapters/db/records.ts';
import { insertJob, requeueUnfinishedJobs } from '../adapters/db/repositories/jobs.repository.ts';
import {
  getJobView,
  type JobHandler,
  type JobQueue,
  type JobQueueDeps,
  listJobViews,
  runRecordedJob,
} from './job-queue.ts';

export class InProcessJobQueue implements JobQueue {
  readonly implementation = 'in-process' as const;
  readonly #deps: JobQueueDeps;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #pending: string[] = [];
  #started = false;
  #draining: Promise<void> | null = null;

  constructor(deps: JobQueueDeps) {
    this.#deps = deps;
  }

  register(kind: string, handler: JobHandler): void {
    this.#handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: JsonObject, actor: AuditActor): Promise<string> {
    if (!this.#handlers.has(kind)) throw new Error(`no handler is registered for jobs of kind "${kind}"`);
    const id = this.#deps.ids.newId();
    await insertJob(this.#deps.database.db, {
      id,
      kind,
      payload,
      createdBy: actor,
      at: this.#deps.clock.now().toISOString(),
    });
    this.#pending.push(id);
    this.#drain();
    return id;
  }

  get(id: string): Promise<JobView | null> {
    return getJobView(this.#deps.database, id);
  }

  list(options: { limit?: number } = {}): Promise<JobView[]> {
    return listJobViews(this.#deps.database, options.limit);
  }

  async start(): Promise<void> {
    if (this.#started || !this.#deps.worker) return;
    this.#started = true;
    const leftOver = await requeueUnfinishedJobs(
      this.#deps.database.db,
      this.#deps.clock.now().toISOString(),
    );
    for (const id of leftOver) if (!this.#pending.includes(id)) this.#pending.push(id);
    this.#drain();
  }

  async stop(): Promise<void> {
    this.#started = false;
    await this.#draining;
  }

  #drain(): void {
    if (!this.#started || this.#draining) return;
    this.#draining = this.#runPending().finally(() => {
      this.#draining = null;
      // A job enqueued while the last one was finishing.
      if (this.#started && this.#pending.length > 0) this.#drain();
    });
  }

  async #runPending(): Promise<void> {
    // Yield first, so #draining is set before any job runs.
    await Promise.resolve();
    while (this.#started) {
      const id = this.#pending.shift();
      if (id === undefined) return;
      await runRecordedJob(this.#deps, this.#handlers, id);
    }
  }
}
