// Starts the HTTP server: builds the application context, listens, prints where to go (and, on the very
// first start, the one-time setup link), and shuts down cleanly on SIGINT/SIGTERM.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadStorageKey } from '../adapters/storage/storage-key.ts';
import type { Config } from '../config/config.ts';
import { describeRetention, startRetention } from '../services/apply-retention.ts';
import { closeAppContext, createAppContext } from '../services/create-app-context.ts';
import { startAlertDelivery } from '../services/deliver-alerts.ts';
import { startVerificationExpiry } from '../services/expire-verifications.ts';
import { issueSetupToken } from '../services/setup-instance.ts';
import { type CreateAppOptions, createApp } from './app.ts';
import { VERSION } from './version.ts';

export type StartServerOptions = CreateAppOptions & {
  /** Where the start-up lines go; default stdout. */
  print?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that stop the server and exit (default true). */
  handleSignals?: boolean;
};

export type RunningServer = {
  /** The public URL (GATECHECK_PUBLIC_URL, default http://localhost:<port>). */
  url: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting connections, waits for running jobs, closes the database. Idempotent. */
  close(): Promise<void>;
};

const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const ctx = await createAppContext(config);
  try {
    // The document storage key (GATECHECK_STORAGE_KEY or <dataDir>/storage.key, generated 0600 on first start):
    // an unusable one (a key file others can read) stops the start with what to do.
    await loadStorageKey({ configured: config.storageKey, dataDir: config.dataDir });
  } catch (error) {
    await closeAppContext(ctx);
    throw error;
  }
  const app = createApp(ctx, options.webDir === undefined ? {} : { webDir: options.webDir });

  let server: ReturnType<typeof serve>;
  let port: number;
  try {
    ({ server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
      (resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) =>
          resolve({ server: s, port: info.port }),
        );
        s.once('error', reject);
      },
    ));
  } catch (error) {
    await closeAppContext(ctx);
    throw error;
  }

  const url = config.publicUrl;
  print(
    `Gatecheck ${VERSION} is running at ${url} (database: ${ctx.database.dialect}, listening on ${config.host}:${port})`,
  );
  // The sanctions lists load in the background: listening is not delayed; the first assessment waits for them.
  ctx.sanctions?.lookup().catch((error: unknown) => {
    print(`Sanctions lists could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  // Same for the IP databases and imported range lists (about half a second): the first lookup need not wait.
  ctx.ip?.ready().catch((error: unknown) => {
    print(`IP databases could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  // And the imported threat indicators, so re-assessment jobs see them before any transaction ran.
  ctx.indicators?.ready().catch((error: unknown) => {
    print(`Threat indicators could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  // Retention (Settings → Privacy): what is past its period is deleted now and every hour (audited), in the
  // background; nothing of a case under legal hold.
  const retention = startRetention(ctx, {
    onError: (error) => print(`Retention failed: ${error instanceof Error ? error.message : String(error)}`),
    onDeleted: (result) => print(describeRetention(result)),
  });
  // Verification links past their deadline become expired, and stored traces past retention are deleted.
  const expiry = startVerificationExpiry(ctx, {
    onError: (error) =>
      print(`Verification expiry failed: ${error instanceof Error ? error.message : String(error)}`),
    onChanged: (result) =>
      print(
        `Verification expiry: ${result.expired.length} session(s) expired, ${result.tracesDeleted.length} trace(s) deleted${result.failed.length > 0 ? `, ${result.failed.length} failed (${result.failed[0]?.error})` : ''}`,
      ),
  });
  // Alerts: due deliveries (webhooks, email) and the daily digest go out every 30 s, never on a request.
  const alerts = startAlertDelivery(ctx, {
    onError: (error) =>
      print(`Alert delivery failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const setup = await issueSetupToken(ctx);
  if (setup !== null) {
    print('');
    print('No admin account exists yet. Open this one-time link to create it:');
    print(`  ${url}/setup?token=${encodeURIComponent(setup.token)}`);
    print('(A new link is printed at every start until the first admin is created.)');
    print('');
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      retention.stop();
      expiry.stop();
      alerts.stop();
      await Promise.all([retention.idle(), expiry.idle(), alerts.idle()]);
      await closeAppContext(ctx);
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      print(`Received ${signal}; shutting down…`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('[gatecheck] error during shutdown', error);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const plainClose = close;
    return {
      url,
      port,
      close: () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        return plainClose();
      },
    };
  }

  return { url, port, close };
}
