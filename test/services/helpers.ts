// A fully wired AppContext over an isolated database of one dialect, with a fixed clock and seeded ids.
import { FixedClock } from '../../src/adapters/clock/clock.ts';
import type { Dialect } from '../../src/adapters/db/database.ts';
import { createSequentialIds } from '../../src/adapters/ids/ids.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { createJobQueue } from '../../src/jobs/create-job-queue.ts';
import type { Actor, AppContext } from '../../src/services/context.ts';
import { NO_INTEL, registerJobHandlers } from '../../src/services/create-app-context.ts';
import { getJob } from '../../src/services/view-jobs.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

export const T0 = '2026-03-20T12:00:00.000Z';

export type TestApp = { app: AppContext; clock: FixedClock; db: TestDatabase; close(): Promise<void> };

export async function createTestApp(dialect: Dialect): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const clock = new FixedClock(T0);
  const ids = createSequentialIds('id');
  const config = {
    ...loadConfig({ GATECHECK_DATA_DIR: db.options.dataDir }),
    databaseUrl: db.options.url,
  };
  const jobs = createJobQueue(
    { database: db, clock, ids, worker: true },
    { databaseUrl: db.options.url, pollingIntervalSeconds: 0.5 },
  );
  const app: AppContext = { database: db, clock, ids, jobs, config, intel: NO_INTEL };
  registerJobHandlers(app);
  await jobs.start();
  return {
    app,
    clock,
    db,
    async close() {
      await jobs.stop();
      await db.destroy();
    },
  };
}

/** Polls a job (as an admin would) until it has succeeded or failed; gives up after a minute. */
export async function waitForJob(app: AppContext, id: string) {
  for (let i = 0; i < 1200; i++) {
    const job = await getJob(app, admin, id);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

export function actorWith(role: Role, id = `${role}-1`): Actor {
  return { kind: 'user', id, name: `${role} user`, role };
}

export const admin = actorWith('admin');
export const investigator = actorWith('investigator');
export const recruiter = actorWith('recruiter');
export const viewer = actorWith('viewer');
