import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/db.ts';
import { FixedClock } from '../adapters/clock/clock.ts';
import type { AuditActor } from '../adapters/db/records.ts';
import { findJob } from '../adapters/db/repositories/jobs.repository.ts';
import { createSequentialIds } from '../adapters/ids/ids.ts';
import { createJobQueue } from './create-job-queue.ts';
import { type JobHandler, type JobQueue, waitForJob } from './job-queue.ts';

const actor: AuditActor = { kind: 'system', id: null, name: 'test' };

const countTo: JobHandler = async ({ payload, reportProgress }) => {
  const n = Number(payload.n);
  for (let i = 1; i <= n; i++) await reportProgress(i, n, `item ${i}`);
  return { counted: n };
};
const explode: JobHandler = async () => {
  throw new Error('the handler failed on purpose');
};

for (const dialect of dialects) {
  describe(`job queue (${dialect})`, () => {
    let t: TestDatabase;
    const queues: JobQueue[] = [];
    const clock = new FixedClock('2026-01-10T12:00:00.000Z');
    let idSeed = 0;

    function makeQueue(worker: boolean): JobQueue {
      idSeed += 1;
      const queue = createJobQueue(
        { database: t, clock, ids: createSequentialIds(`job${idSeed}`), worker },
        { databaseUrl: t.options.url, pollingIntervalSeconds: 0.5 },
      );
      queue.register('count', countTo);
      queue.register('explode', explode);
      queues.push(queue);
      return queue;
    }

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      for (const q of queues) await q.stop();
      await t?.destroy();
    });

    it('is chosen by dialect', () => {
      expect(makeQueue(false).implementation).toBe(dialect === 'postgres' ? 'pg-boss' : 'in-process');
    });

    it('runs a job, records progress and the result', async () => {
      const queue = makeQueue(true);
      await queue.start();
      const id = await queue.enqueue('count', { n: 5 }, actor);
      const done = await waitForJob(queue, id);
      expect(done).toMatchObject({
        id,
        kind: 'count',
        status: 'succeeded',
        progress: 5,
        total: 5,
        message: 'item 5',
        result: { counted: 5 },
        createdBy: actor,
      });
      expect((await queue.list()).map((j) => j.id)).toContain(id);
    });

    it('records a failing job with its error', async () => {
      const queue = makeQueue(true);
      await queue.start();
      const id = await queue.enqueue('explode', {}, actor);
      const done = await waitForJob(queue, id);
      expect(done.status).toBe('failed');
      expect(done.error).toBe('the handler failed on purpose');
    });

    it('refuses unknown kinds', async () => {
      await expect(makeQueue(false).enqueue('nope', {}, actor)).rejects.toThrow(/no handler/);
    });

    it('hands jobs from a process that does not work to one that does', async () => {
      const producer = makeQueue(false);
      await producer.start();
      const ids = [
        await producer.enqueue('count', { n: 2 }, actor),
        await producer.enqueue('count', { n: 3 }, actor),
      ];
      expect((await producer.get(ids[0]!))?.status).toBe('queued');
      // pg-boss: two workers (two processes, possibly on two machines) share the queue; each job runs once.
      // SQLite has one process, so one worker.
      const workers = dialect === 'postgres' ? [makeQueue(true), makeQueue(true)] : [makeQueue(true)];
      for (const w of workers) await w.start();
      for (const id of ids) {
        expect((await waitForJob(producer, id)).status).toBe('succeeded');
        expect((await findJob(t.db, id))?.attempts).toBe(1);
      }
    });
  });
}
