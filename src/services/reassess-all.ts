import type { AuditActor, JobView, JsonObject } from '../adapters/db/records.ts';
import { assessPopulation } from '../core/assess.ts';
import { DomainError } from '../core/errors.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { type AssessmentTrigger, loadPolicy, recordAssessment } from './internal/assessing.ts';
import { loadDismissals, prepareIntel } from './internal/sanctions.ts';
import { loadPopulation } from './internal/stored-logins.ts';

export const REASSESS_ALL_JOB = 'reassess-all';
const CHUNK = 100;

/** Queues a job that re-assesses every subject (after a policy change, an intel update, …). */
export async function reassessAll(
  app: AppContext,
  actor: Actor,
  input: { trigger?: 'policy' | 'reassess' } = {},
): Promise<JobView> {
  authorize(actor, 'policy:write');
  return enqueueReassessAll(app, toAuditActor(actor), input.trigger ?? 'reassess');
}

export async function enqueueReassessAll(
  app: AppContext,
  actor: AuditActor,
  trigger: AssessmentTrigger,
): Promise<JobView> {
  const payload: JsonObject = { trigger, actor };
  const id = await app.jobs.enqueue(REASSESS_ALL_JOB, payload, actor);
  const job = await app.jobs.get(id);
  if (!job) throw new DomainError('not_found', `job ${id} was not recorded`);
  return job;
}

function readActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

/** One population pass, then the results written in chunks, each chunk in one transaction. */
export function reassessAllHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const actor = readActor(payload.actor);
    const trigger = (typeof payload.trigger === 'string' ? payload.trigger : 'reassess') as AssessmentTrigger;
    const db = app.database.db;
    const now = app.clock.now();
    const [bundles, policy, dismissals] = await Promise.all([
      loadPopulation(app, db, now),
      loadPolicy(db),
      loadDismissals(db),
      prepareIntel(app),
    ]);
    const total = bundles.length;
    await reportProgress(0, total, 'assessing');
    const results = assessPopulation(bundles, { now, policy, intel: app.intel, dismissals });
    const bands: Record<string, number> = {};
    for (let start = 0; start < total; start += CHUNK) {
      const end = Math.min(start + CHUNK, total);
      await inTransaction(app, async (trx) => {
        for (let i = start; i < end; i++) {
          const bundle = bundles[i];
          const assessment = results[i];
          if (!bundle || !assessment) continue;
          await recordAssessment(app, trx, actor, bundle.subject.id, assessment, trigger);
        }
      });
      for (let i = start; i < end; i++) {
        const band = results[i]?.band;
        if (band) bands[band] = (bands[band] ?? 0) + 1;
      }
      await reportProgress(end, total, `${end} of ${total} subjects re-assessed`);
    }
    return { subjects: total, bands };
  };
}
