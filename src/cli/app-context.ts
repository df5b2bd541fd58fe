// Opens the application (database, migrations) for one-shot CLI commands, from the CLI's options.
import { loadConfig } from '../config/config.ts';
import type { AppContext } from '../services/context.ts';
import { closeAppContext, createAppContext } from '../services/create-app-context.ts';

export type StoreOptions = { dataDir: string; databaseUrl?: string };

/** Runs `work` with an application context (job worker off unless asked for), then closes it. */
export async function withAppContext<T>(
  options: StoreOptions,
  work: (app: AppContext) => Promise<T>,
  context: { startJobs?: boolean } = {},
): Promise<T> {
  const config = loadConfig({
    ...process.env,
    GATECHECK_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
  });
  const app = await createAppContext(config, { startJobs: context.startJobs ?? false });
  try {
    return await work(app);
  } finally {
    await closeAppContext(app);
  }
}
