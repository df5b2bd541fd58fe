// Live-ingestion re-assessments coalesce, on both dialects: each delivery records its subjects in the same
// transaction as its events, and at most one queued `logins-reassess` job takes everything recorded so
// far. 20 deliveries while the worker is busy make one job that re-assesses all 20 subjects; with the
// worker running every subject is still re-assessed and nothing is left waiting; subjects recorded by a
// delivery whose job was never queued (a crash between the commit and the queueing) are re-assessed at
// the next start and by the next delivery; a subject recorded again while a job runs stays waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssessments } from '../../src/adapters/db/repositories/assessments.repository.ts';
import {
  clearPendingReassessment,
  insertLoginEvents,
  listPendingReassessment,
  recordPendingReassessment,
} from '../../src/adapters/db/repositories/login-events.repository.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { LoginEvent } from '../../src/intel/logins/model.ts';
import type { AppContext } from '../../src/services/context.ts';
import { closeAppContext, createAppContext } from '../../src/services/create-app-context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import {
  ingestLoginEvents,
  REASSESS_LOGINS_JOB,
  resumeLoginReassessment,
} from '../../src/services/ingest-login-events.ts';
import { loadAccountMatcher, prepareEvents } from '../../src/services/internal/logins.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { createTestApp, investigator, recruiter, type TestApp, waitForJob } from './helpers.ts';

async function reassessJobs(app: AppContext) {
  return app.database.db
    .selectFrom('jobs')
    .select(['id', 'status', 'result'])
    .where('kind', '=', REASSESS_LOGINS_JOB)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Waits until no re-assessment job is queued or running. */
async function waitForReassessments(app: AppContext) {
  for (let i = 0; i < 1200; i++) {
    const jobs = await reassessJobs(app);
    if (jobs.every((j) => j.status === 'succeeded' || j.status === 'failed')) return jobs;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('re-assessment jobs did not finish');
}

/** A Toronto sign-in, then one from Pyongyang: the re-assessment shows network.high-risk-country. */
function delivery(id: string, day: number) {
  const at = (h: number) => `2026-03-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
  return [
    { at: at(8), account: `${id}@example.com`, ip: '99.230.12.10', country: 'CA', eventId: `${id}-${day}-1` },
    {
      at: at(9),
      account: `${id}@example.com`,
      ip: '175.45.176.20',
      country: 'KP',
      eventId: `${id}-${day}-2`,
    },
  ].map((record) => ({ record }));
}

async function signalsOf(app: AppContext, id: string): Promise<{ trigger?: string; signals: string[] }> {
  const [latest] = await listAssessments(app.database.db, id);
  return { trigger: latest?.trigger, signals: latest?.assessment.signals.map((s) => s.id) ?? [] };
}

/** What a delivery commits when the process dies before it could queue the job: events and the record. */
async function commitWithoutQueueing(app: AppContext, id: string, day: number) {
  const events: LoginEvent[] = [
    {
      source: 'generic',
      eventId: `${id}-crash-${day}`,
      at: `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
      account: `${id}@example.com`,
      ip: '175.45.176.20',
      outcome: 'success',
      reported: { country: 'KP' },
    },
  ];
  const rows = prepareEvents(events, {
    ids: app.ids,
    place: () => undefined,
    matcher: await loadAccountMatcher(app.database.db),
    importId: 'hook:logins',
    receivedAt: app.clock.now().toISOString(),
  });
  await app.database.db.transaction().execute(async (trx) => {
    const stored = await insertLoginEvents(trx, rows);
    expect([...stored.subjects.keys()]).toEqual([id]);
    await recordPendingReassessment(trx, [id], { token: app.ids.newId(), at: app.clock.now().toISOString() });
  });
}

describe.each(dialects)('live-ingestion re-assessments coalesce (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;
  const busy = Array.from({ length: 20 }, (_, i) => `emp-q${String(i + 1).padStart(2, '0')}`);
  const live = Array.from({ length: 20 }, (_, i) => `emp-l${String(i + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    app = t.app;
    for (const id of [...busy, ...live, 'emp-x1', 'emp-x2', 'emp-x3'])
      await createSubject(app, recruiter, buildBundle({ id, name: `Subject ${id}` }));
  });
  afterAll(() => t.close());

  it('20 deliveries while the worker is busy make one job that re-assesses all 20 subjects', async () => {
    await app.jobs.stop();
    const jobIds: (string | null)[] = [];
    for (const id of busy) {
      const result = await ingestLoginEvents(app, investigator, { hook: 'logins', items: delivery(id, 2) });
      expect(result).toMatchObject({ accepted: 2, rejected: 0 });
      jobIds.push(result.jobId);
    }
    // every delivery points at the one queued job
    expect(new Set(jobIds).size).toBe(1);
    expect(jobIds[0]).not.toBeNull();
    expect((await listPendingReassessment(app.database.db)).map((p) => p.subjectId).sort()).toEqual(busy);
    await app.jobs.start();
    const job = await waitForJob(app, jobIds[0] ?? '');
    expect(job).toMatchObject({ status: 'succeeded', result: { subjects: 20 } });
    expect((await reassessJobs(app)).length).toBe(1);
    for (const id of busy) {
      const seen = await signalsOf(app, id);
      expect(seen.trigger, id).toBe('logins');
      expect(seen.signals, id).toContain('network.high-risk-country');
    }
    expect(await listPendingReassessment(app.database.db)).toEqual([]);
    // a delivery of events already stored queues nothing
    const again = await ingestLoginEvents(app, investigator, {
      hook: 'logins',
      items: delivery(busy[0] ?? '', 2),
    });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, jobId: null });
    expect((await reassessJobs(app)).length).toBe(1);
  });

  it('with the worker running, 20 deliveries in a row re-assess every subject and leave nothing waiting', async () => {
    const before = (await reassessJobs(app)).length;
    for (const id of live) {
      const result = await ingestLoginEvents(app, investigator, { hook: 'logins', items: delivery(id, 3) });
      expect(result.jobId).not.toBeNull();
    }
    const jobs = await waitForReassessments(app);
    expect(jobs.every((j) => j.status === 'succeeded')).toBe(true);
    const made = jobs.length - before;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThanOrEqual(live.length);
    for (const id of live) {
      const seen = await signalsOf(app, id);
      expect(seen.trigger, id).toBe('logins');
      expect(seen.signals, id).toContain('network.high-risk-country');
    }
    expect(await listPendingReassessment(app.database.db)).toEqual([]);
  });

  it('subjects whose job was never queued are re-assessed at the next start', async () => {
    await commitWithoutQueueing(app, 'emp-x1', 5);
    expect((await signalsOf(app, 'emp-x1')).trigger).toBe('created');
    const before = (await reassessJobs(app)).length;
    // a new process on the same store (createAppContext is what `gatecheck start` runs)
    const config = {
      ...loadConfig({ GATECHECK_DATA_DIR: t.db.options.dataDir }),
      databaseUrl: t.db.options.url,
    };
    const second = await createAppContext(config, {
      sanctions: false,
      ip: false,
      jobPollingIntervalSeconds: 0.5,
    });
    try {
      const jobs = await waitForReassessments(second);
      expect(jobs.length).toBe(before + 1);
      expect(jobs.at(-1)).toMatchObject({ status: 'succeeded' });
    } finally {
      await closeAppContext(second);
    }
    const seen = await signalsOf(app, 'emp-x1');
    expect(seen.trigger).toBe('logins');
    expect(seen.signals).toContain('network.high-risk-country');
    expect(await listPendingReassessment(app.database.db)).toEqual([]);
    // nothing waiting: starting again queues nothing
    expect(await resumeLoginReassessment(app)).toBeNull();
  });

  it('subjects whose job was never queued are re-assessed by the next delivery', async () => {
    await commitWithoutQueueing(app, 'emp-x2', 6);
    const result = await ingestLoginEvents(app, investigator, {
      hook: 'logins',
      items: delivery('emp-x3', 6),
    });
    expect(result.jobId).not.toBeNull();
    await waitForReassessments(app);
    for (const id of ['emp-x2', 'emp-x3']) {
      const seen = await signalsOf(app, id);
      expect(seen.trigger, id).toBe('logins');
      expect(seen.signals, id).toContain('network.high-risk-country');
    }
    expect(await listPendingReassessment(app.database.db)).toEqual([]);
  });

  it('a subject recorded again while a job runs stays waiting for the next job', async () => {
    const db = app.database.db;
    await recordPendingReassessment(db, ['emp-x1', 'emp-x2'], {
      token: 'first',
      at: app.clock.now().toISOString(),
    });
    const read = await listPendingReassessment(db);
    expect(read.map((p) => [p.subjectId, p.token])).toEqual([
      ['emp-x1', 'first'],
      ['emp-x2', 'first'],
    ]);
    // a delivery records emp-x2 again before the job that read the list is done
    await recordPendingReassessment(db, ['emp-x2'], { token: 'second', at: app.clock.now().toISOString() });
    expect(await clearPendingReassessment(db, read)).toBe(1);
    expect(await listPendingReassessment(db)).toEqual([{ subjectId: 'emp-x2', token: 'second' }]);
    const jobId = await resumeLoginReassessment(app);
    expect(jobId).not.toBeNull();
    await waitForReassessments(app);
    expect(await listPendingReassessment(db)).toEqual([]);
  });
});
