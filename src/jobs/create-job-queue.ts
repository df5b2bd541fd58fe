// Picks the job queue for the store: pg-boss on PostgreSQL, in-process on SQLite. Nothing else knows which.

import { InProcessJobQueue } from './in-process-queue.ts';
import type { JobQueue, JobQueueDeps } from './job-queue.ts';
import { PgBossJobQueue } from './pg-boss-queue.ts';

export function createJobQueue(
  deps: JobQueueDeps,
  options: {
    databaseUrl?: string | undefined;
    pollingIntervalSeconds?: number;
    onError?: (error: Error) => void;
  } = {},
): JobQueue {
  if (deps.database.dialect === 'postgres') {
    if (!options.databaseUrl) throw new Error('the pg-boss job queue needs the PostgreSQL URL');
    return new PgBossJobQueue(deps, {
      connectionString: options.databaseUrl,
      ...(options.pollingIntervalSeconds !== undefined
        ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
        : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return new InProcessJobQueue(deps);
}
