// `gatecheck intel sanctions import <file...>` and `gatecheck intel sanctions list`: the sanctions list snapshots.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cliActor } from '../../services/context.ts';
import { importSanctionsLists } from '../../services/import-sanctions-lists.ts';
import { listSanctionsSnapshots } from '../../services/list-sanctions-snapshots.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { followJob } from '../progress.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export async function importSanctionsCommand(
  paths: string[],
  options: StoreOptions & { json?: boolean },
): Promise<number> {
  if (paths.length === 0) throw new UsageError('name at least one list file');
  const files = await Promise.all(
    paths.map(async (p) => ({
      name: path.basename(p),
      bytes: new Uint8Array(
        await readFile(p).catch((error: unknown) => {
          throw unreadableFile(p, error);
        }),
      ),
    })),
  );
  const job = await withAppContext(
    options,
    async (app) => {
      const queued = await importSanctionsLists(app, cliActor(process.env.USER ?? 'cli'), files);
      return followJob(app, queued.id, options.json === true);
    },
    { startJobs: true },
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  else if (job.status === 'succeeded')
    process.stdout.write(`${paint('green', 'ok')}: ${job.message ?? 'lists imported'}\n`);
  else warn(`${paint('red', 'failed')}: ${job.error ?? 'the import failed'}`);
  return job.status === 'succeeded' ? 0 : 1;
}

type ListSummary = { list?: string; title?: string; publishedAt?: string; entries?: unknown };

export async function listSanctionsCommand(options: StoreOptions & { json?: boolean }): Promise<number> {
  const view = await withAppContext(options, (app) =>
    listSanctionsSnapshots(app, cliActor(process.env.USER ?? 'cli')),
  );
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return 0;
  }
  for (const snapshot of view.snapshots) {
    const when = snapshot.createdAt ?? 'shipped with Gatecheck';
    process.stdout.write(
      `${paint('bold', snapshot.id)}  ${snapshot.status}  ${snapshot.source}  ${when}${snapshot.error ? `  ${snapshot.error}` : ''}\n`,
    );
    const lists = (snapshot.lists as { lists?: ListSummary[] } | null)?.lists ?? [];
    for (const l of lists) {
      process.stdout.write(
        `  ${(l.title ?? l.list ?? '?').padEnd(60)} ${String(l.publishedAt ?? '').padEnd(12)} ${JSON.stringify(l.entries ?? '')}\n`,
      );
    }
  }
  return 0;
}
