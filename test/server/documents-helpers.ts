// A document-API test server over an isolated database AND its own data folder (the storage key and the
// encrypted files live there; the shared test server puts PostgreSQL tests' data in the system temp folder),
// with a fixed clock, seeded ids, a running job worker and API-token clients per role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/adapters/clock/clock.ts';
import type { Dialect } from '../../src/adapters/db/database.ts';
import { createSequentialIds } from '../../src/adapters/ids/ids.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { createJobQueue } from '../../src/jobs/create-job-queue.ts';
import { createApp } from '../../src/server/app.ts';
import type { ServerApp } from '../../src/server/types.ts';
import { type AppContext, SYSTEM_ACTOR } from '../../src/services/context.ts';
import { NO_INTEL, registerJobHandlers } from '../../src/services/create-app-context.ts';
import { createApiToken } from '../../src/services/manage-api-tokens.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { T0 } from '../services/helpers.ts';
import { type Client, tokenClient } from './helpers.ts';

export type DocumentServer = {
  app: AppContext;
  server: ServerApp;
  clock: FixedClock;
  db: TestDatabase;
  dataDir: string;
  as(role: Role): Promise<Client>;
  close(): Promise<void>;
};

export async function createDocumentServer(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<DocumentServer> {
  const db = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'gc-documents-'));
  const clock = new FixedClock(T0);
  const ids = createSequentialIds('id');
  const config = { ...loadConfig({ GATECHECK_DATA_DIR: dataDir, ...env }), databaseUrl: db.options.url };
  const jobs = createJobQueue(
    { database: db, clock, ids, worker: true },
    { databaseUrl: db.options.url, pollingIntervalSeconds: 0.5 },
  );
  const app: AppContext = { database: db, clock, ids, jobs, config, intel: NO_INTEL };
  registerJobHandlers(app);
  await jobs.start();
  const server = createApp(app);
  return {
    app,
    server,
    clock,
    db,
    dataDir,
    async as(role) {
      const created = await createApiToken(app, SYSTEM_ACTOR, { name: `${role} token`, role });
      return tokenClient(server, role, created.token);
    },
    async close() {
      await jobs.stop();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a job through the API until it has finished. */
export async function finishedJob(client: Client, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 2400; i++) {
    const body = (await (await client.request(`/api/v1/jobs/${id}`)).json()) as Record<string, unknown>;
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}
