import type { JobView } from '../adapters/db/records.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';

export type { JobView };

export async function listJobs(
  app: AppContext,
  actor: Actor,
  input: { limit?: number | undefined } = {},
): Promise<{ items: JobView[] }> {
  authorize(actor, 'subjects:read');
  return { items: await app.jobs.list(input.limit !== undefined ? { limit: input.limit } : {}) };
}

export async function getJob(app: AppContext, actor: Actor, id: string): Promise<JobView> {
  authorize(actor, 'subjects:read');
  const job = await app.jobs.get(id);
  if (!job) throw notFound('Job', id);
  return job;
}
