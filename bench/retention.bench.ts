// `npm run bench retention`: the hourly retention sweep on SQLite. RETENTION_N subjects (default 2,000), each
// with 20 sign-ins and 10 change events in its bundle (half past their period) and 20 stored sign-in events
// (half past theirs), closed cases on 5% (past their period). Measured: the first sweep (everything due is
// deleted and audited) and the next one (nothing due: the cost paid every hour), with the subjects per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/adapters/clock/clock.ts';
import { createDatabase, migrateToLatest } from '../src/adapters/db/database.ts';
import { insertCase } from '../src/adapters/db/repositories/cases.repository.ts';
import { insertSubject } from '../src/adapters/db/repositories/subjects.repository.ts';
import { createSequentialIds } from '../src/adapters/ids/ids.ts';
import { loadConfig } from '../src/config/config.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { createJobQueue } from '../src/jobs/create-job-queue.ts';
import { applyRetention } from '../src/services/apply-retention.ts';
import type { AppContext } from '../src/services/context.ts';
import { NO_INTEL } from '../src/services/create-app-context.ts';
import { buildLoginEventRow } from '../test/factories.ts';

export type RetentionBenchRow = {
  subjects: number;
  firstSweepMs: number;
  deletedItems: number;
  closedCases: number;
  idleSweepMs: number;
  idleSubjectsPerSecond: number;
};

const NOW = '2027-06-01T00:00:00.000Z';
const DAY = 86_400_000;
const ago = (d: number) => new Date(Date.parse(NOW) - d * DAY).toISOString();

export async function runRetentionBench(
  n = Number(process.env.RETENTION_N ?? 2000),
): Promise<RetentionBenchRow> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-retention-bench-'));
  const database = createDatabase({ dataDir: dir });
  const clock = new FixedClock(NOW);
  const ids = createSequentialIds('b');
  const jobs = createJobQueue({ database, clock, ids, worker: false }, {});
  const app: AppContext = {
    database,
    clock,
    ids,
    jobs,
    config: loadConfig({ GATECHECK_DATA_DIR: dir }),
    intel: NO_INTEL,
  };
  try {
    await migrateToLatest(database.db);
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        const id = `s-${i}`;
        const bundle = {
          format: 'gatecheck.case-bundle/v1',
          subject: { id, kind: 'employee', name: `Person ${i}` },
          logins: Array.from({ length: 20 }, (_, k) => ({
            at: ago(k < 10 ? 400 + k : k),
            ip: '203.0.113.7',
          })),
          changes: Array.from({ length: 10 }, (_, k) => ({
            at: ago(k < 5 ? 400 + k : k),
            field: 'bank_account',
            to: `acct-${k}`,
          })),
        } as CaseBundle;
        await insertSubject(trx, bundle, ago(800));
        const closed = i % 20 === 0;
        await insertCase(trx, {
          subjectId: id,
          status: closed ? 'closed' : 'open',
          assigneeId: null,
          openedAt: ago(800),
          updatedAt: closed ? ago(800) : ago(1),
        });
        await trx
          .insertInto('login_events')
          .values(
            Array.from({ length: 20 }, (_, k) =>
              buildLoginEventRow(`${id}-e${k}`, id, ago(k < 10 ? 400 + k : k), ago(1)),
            ),
          )
          .execute();
      }
    });
    let start = performance.now();
    const first = await applyRetention(app);
    const firstSweepMs = performance.now() - start;
    if (first.failed.length > 0) throw new Error(`retention failed: ${first.failed[0]?.error}`);
    start = performance.now();
    await applyRetention(app);
    const idleSweepMs = performance.now() - start;
    return {
      subjects: n,
      firstSweepMs: Math.round(firstSweepMs),
      deletedItems: first.signIns + first.changes + first.payments,
      closedCases: first.closedCases.length,
      idleSweepMs: Math.round(idleSweepMs),
      idleSubjectsPerSecond: Math.round(n / (idleSweepMs / 1000)),
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
