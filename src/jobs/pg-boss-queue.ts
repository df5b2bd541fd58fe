// PostgreSQL: pg-boss carries the queue, so N API processes enqueue and M worker processes on any machine
// take jobs from it; the jobs table mirrors status and progress for the API and UI.
import PgBoss from 'pg-boss';
import type { AuditActor, JobView, JsonObject } from '../adapters/db/records.ts';
import { finishJob, insertJob } from '../adapters/db/repositories/jobs.repository.ts';
import {
  getJobView,
  type JobHandler,
  type JobQueue,
  type JobQueueDeps,
  listJobViews,
  runRecordedJob,
} from './job-queue.ts';

export type PgBossQueueOptions = {
  connectionString: string;
  /** PostgreSQL schema pg-boss owns (default `pgboss`). */
  schema?: string;
  /** How often an idle worker polls (seconds, at least 0.5; default 2). */
  pollingIntervalSeconds?: number;
  onError?: (error: Error) => void;
};

type Message = { jobId: string };

const queueName = (kind: string) => `gatecheck.${kind}`;

export class PgBossJobQueue implements JobQueue {
  readonly implementation = 'pg-boss' as const;
  readonly #deps: JobQueueDeps;
  readonly #options: PgBossQueueOptions;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #workerIds = new Map<string, string>();
  #boss: Promise<PgBoss> | null = null;
  #working = false;

  constructor(deps: JobQueueDeps, options: PgBossQueueOptions) {
    this.#deps = deps;
    this.#options = options;
  }

  register(kind: string, handler: JobHandler): void {
    this.#handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: JsonObject, actor: AuditActor): Promise<string> {
    if (!this.#handlers.has(kind)) throw new Error(`no handler is registered for jobs of kind "${kind}"`);
    const boss = await this.#ensureBoss();
    const id = this.#deps.ids.newId();
    const at = this.#deps.clock.now().toISOString();
    await insertJob(this.#deps.database.db, { id, kind, payload, createdBy: actor, at });
    try {
      const message: Message = { jobId: id };
      await boss.send(queueName(kind), message, { retryLimit: 2, retryDelay: 5, expireInMinutes: 60 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await finishJob(
        this.#deps.database.db,
        id,
        { status: 'failed', error: `could not queue: ${reason}` },
        at,
      );
      throw error;
    }
    const workerId = this.#workerIds.get(kind);
    if (workerId) boss.notifyWorker(workerId);
    return id;
  }

  get(id: string): Promise<JobView | null> {
    return getJobView(this.#deps.database, id);
  }

  list(options: { limit?: number } = {}): Promise<JobView[]> {
    return listJobViews(this.#deps.database, options.limit);
  }

  async start(): Promise<void> {
    const boss = await this.#ensureBoss();
    if (!this.#deps.worker || this.#working) return;
    this.#working = true;
    for (const kind of this.#handlers.keys()) {
      const workerId = await boss.work<Message>(
        queueName(kind),
        { batchSize: 1, pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) {
            const outcome = await runRecordedJob(this.#deps, this.#handlers, job.data.jobId);
            // Failing the pg-boss job lets it retry (retryLimit) on this or another worker.
            if (!outcome.ok) throw new Error(outcome.error);
          }
        },
      );
      this.#workerIds.set(kind, workerId);
    }
  }

  async stop(): Promise<void> {
    const pending = this.#boss;
    this.#boss = null;
    this.#working = false;
    this.#workerIds.clear();
    if (!pending) return;
    const boss = await pending.catch(() => null);
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  #ensureBoss(): Promise<PgBoss> {
    if (!this.#boss) {
      const started = this.#startBoss();
      started.catch(() => {
        if (this.#boss === started) this.#boss = null;
      });
      this.#boss = started;
    }
    return this.#boss;
  }

  async #startBoss(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.#options.connectionString,
      schema: this.#options.schema ?? 'pgboss',
      max: 4,
      schedule: false,
    });
    boss.on('error', this.#options.onError ?? (() => {}));
    await boss.start();
    for (const kind of this.#handlers.keys()) {
      const name = queueName(kind);
      if (await boss.getQueue(name)) continue;
      try {
        await boss.createQueue(name);
      } catch (error) {
        // Another process created it at the same moment.
        if (!(await boss.getQueue(name))) throw error;
      }
    }
    return boss;
  }
}
