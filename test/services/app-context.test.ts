import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { waitForJob } from '../../src/jobs/job-queue.ts';
import { checkHealth } from '../../src/services/check-health.ts';
import { cliActor } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { reassessAll } from '../../src/services/reassess-all.ts';
import { getSetupState } from '../../src/services/setup-instance.ts';
import { createTestDatabase, dialects } from '../db.ts';
import { buildBundle } from './factories.ts';

for (const dialect of dialects) {
  describe(`createAppContext (${dialect})`, () => {
    it('opens and migrates the store, picks the queue, registers and runs jobs', async () => {
      const t = await createTestDatabase(dialect);
      await t.close();
      const config = loadConfig({
        GATECHECK_DATA_DIR: t.options.dataDir,
        ...(t.options.url ? { DATABASE_URL: t.options.url } : {}),
      });
      const app = await createAppContext(config, { jobPollingIntervalSeconds: 0.5, sanctions: false });
      try {
        expect(app.database.dialect).toBe(dialect);
        expect(app.jobs.implementation).toBe(dialect === 'postgres' ? 'pg-boss' : 'in-process');
        expect(await checkHealth(app)).toEqual({ ok: true, database: dialect });
        expect(await getSetupState(app)).toEqual({ needsSetup: true });
        const cli = cliActor('operator');
        await createSubject(app, cli, buildBundle({ id: 'x-1' }));
        const job = await reassessAll(app, cli);
        expect((await waitForJob(app.jobs, job.id)).status).toBe('succeeded');
      } finally {
        await closeAppContext(app);
        await t.destroy().catch(() => {});
      }
    });
  });
}
