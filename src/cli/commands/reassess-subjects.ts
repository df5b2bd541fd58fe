// `gatecheck reassess`: re-assesses every stored subject as a job (e.g. after a policy change), with progress.
import { cliActor } from '../../services/context.ts';
import { reassessAll } from '../../services/reassess-all.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { followJob } from '../progress.ts';

export async function reassessSubjects(options: StoreOptions & { json?: boolean }): Promise<number> {
  const job = await withAppContext(
    options,
    async (app) => {
      const queued = await reassessAll(app, cliActor(process.env.USER ?? 'cli'));
      return followJob(app, queued.id, options.json === true);
    },
    { startJobs: true },
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  else if (job.status === 'succeeded')
    process.stdout.write(
      `${paint('green', 'ok')}: re-assessed ${job.progress} subject(s). ${job.message ?? ''}\n`,
    );
  else warn(`${paint('red', 'failed')}: ${job.error ?? 'the job failed'}`);
  return job.status === 'succeeded' ? 0 : 1;
}
