// `gatecheck start` (what `npm start` runs): builds the web UI if needed, then serves UI and API.
import { loadConfig } from '../../config/config.ts';
import { startServer } from '../../server/main.ts';
import { ensureWebBuild } from '../web-build.ts';

export type StartOptions = {
  port: string;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  build: boolean;
};

export async function startCommand(options: StartOptions): Promise<void> {
  const config = loadConfig({
    ...process.env,
    PORT: options.port,
    GATECHECK_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    ...(options.host === undefined ? {} : { HOST: options.host }),
  });
  if (options.build) await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
  await startServer(config);
}
