// Progress of a job in the terminal (stderr, so --json stdout stays clean).
import { SingleBar } from 'cli-progress';
import type { JobView } from '../adapters/db/records.ts';
import type { AppContext } from '../services/context.ts';

const POLL_MS = 200;

/** Polls a job until it ends, drawing a progress bar on a terminal; returns the final view. */
export async function followJob(app: AppContext, jobId: string, quiet: boolean): Promise<JobView> {
  const bar =
    !quiet && process.stderr.isTTY === true
      ? new SingleBar({
          format: '  {bar} {value}/{total} {message}',
          stream: process.stderr,
          hideCursor: true,
        })
      : null;
  let started = false;
  let lastLine = '';
  try {
    for (;;) {
      const job = await app.jobs.get(jobId);
      if (job === null) throw new Error(`job ${jobId} disappeared`);
      const total = job.total ?? 0;
      if (bar !== null) {
        if (!started && total > 0) {
          bar.start(total, job.progress, { message: job.message ?? '' });
          started = true;
        } else if (started) bar.update(job.progress, { message: job.message ?? '' });
      } else if (!quiet) {
        const line = `${job.status} ${job.progress}/${job.total ?? '?'} ${job.message ?? ''}`.trim();
        if (line !== lastLine) process.stderr.write(`  ${line}\n`);
        lastLine = line;
      }
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (started) bar?.stop();
  }
}
