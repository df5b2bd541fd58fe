// `gatecheck jobs`: recent long-running work (imports, re-assessments) with status and progress.
import { cliActor } from '../../services/context.ts';
import { listJobs } from '../../services/view-jobs.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';

export async function listJobsCommand(options: StoreOptions & { json?: boolean }): Promise<number> {
  const { items } = await withAppContext(options, (app) =>
    listJobs(app, cliActor(process.env.USER ?? 'cli'), { limit: 50 }),
  );
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) process.stdout.write('No jobs yet.\n');
  for (const job of items) {
    const progress = job.total === null ? `${job.progress}` : `${job.progress}/${job.total}`;
    process.stdout.write(
      `${job.createdAt}  ${job.kind.padEnd(14)} ${job.status.padEnd(10)} ${progress.padEnd(10)} ${job.message ?? job.error ?? ''}\n`,
    );
  }
  return 0;
}
