// Wires the application: opens and migrates the store, picks the job queue, registers job handlers.
import { type Clock, systemClock } from '../adapters/clock/clock.ts';
import { createDatabase, migrateToLatest } from '../adapters/db/database.ts';
import { type IdGenerator, uuidV7Ids } from '../adapters/ids/ids.ts';
import type { Config } from '../config/config.ts';
import type { IntelLookups } from '../core/types.ts';
import {
  createIndicatorRuntime,
  type IndicatorRuntime,
  withIndicatorIntel,
} from '../intel/indicators/runtime.ts';
import { createIpRuntime, type IpRuntime, withIpIntel } from '../intel/ip/runtime.ts';
import {
  createSanctionsIntel,
  createSanctionsRuntime,
  type SanctionsRuntime,
} from '../intel/sanctions/runtime.ts';
import { createJobQueue } from '../jobs/create-job-queue.ts';
import { ANALYZE_DOCUMENT_JOB, analyzeDocumentHandler, resumeDocumentAnalysis } from './analyze-document.ts';
import {
  ANALYZE_RECORDING_JOB,
  analyzeRecordingHandler,
  resumeRecordingAnalysis,
} from './analyze-recording.ts';
import type { AppContext } from './context.ts';
import { IMPORT_LOGINS_JOB, importLoginsHandler } from './import-logins.ts';
import { IMPORT_SANCTIONS_JOB, importSanctionsHandler } from './import-sanctions-lists.ts';
import {
  REASSESS_LOGINS_JOB,
  reassessLoginSubjectsHandler,
  resumeLoginReassessment,
} from './ingest-login-events.ts';
import { REASSESS_ALL_JOB, reassessAllHandler } from './reassess-all.ts';

export type AppContextOptions = {
  clock?: Clock;
  ids?: IdGenerator;
  /** Reference-data lookups; default: none available (detectors that need them report "not evaluated"). */
  intel?: IntelLookups;
  /**
   * Sanctions screening: a runtime, or false for none. Default: one over the active snapshot of this store,
   * loaded on first use (the server starts loading it in the background after it listens).
   */
  sanctions?: SanctionsRuntime | false;
  /**
   * IP intelligence: a runtime, or false for none. Default: the shipped databases plus this store's imported
   * lists, loaded on first use (`app.ip.ready()`).
   */
  ip?: IpRuntime | false;
  /** Imported threat indicators: a runtime, or false for none. Default: this store's, loaded on first use. */
  indicators?: IndicatorRuntime | false;
  /**
   * Start the job worker now (default true). One-shot CLI commands pass false so they do not pick up
   * queued work; with GATECHECK_WORKER=off this process only enqueues.
   */
  startJobs?: boolean;
  /** Faster pg-boss polling, for tests. */
  jobPollingIntervalSeconds?: number;
  onBackgroundError?: (error: Error) => void;
};

export const NO_INTEL: IntelLookups = { available: new Set<string>() };

export function registerJobHandlers(app: AppContext): void {
  app.jobs.register(REASSESS_ALL_JOB, reassessAllHandler(app));
  app.jobs.register(IMPORT_SANCTIONS_JOB, importSanctionsHandler(app));
  app.jobs.register(IMPORT_LOGINS_JOB, importLoginsHandler(app));
  app.jobs.register(REASSESS_LOGINS_JOB, reassessLoginSubjectsHandler(app));
  app.jobs.register(ANALYZE_DOCUMENT_JOB, analyzeDocumentHandler(app));
  app.jobs.register(ANALYZE_RECORDING_JOB, analyzeRecordingHandler(app));
}

export async function createAppContext(config: Config, options: AppContextOptions = {}): Promise<AppContext> {
  const database = createDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    ...(options.onBackgroundError ? { onConnectionError: options.onBackgroundError } : {}),
  });
  try {
    await migrateToLatest(database.db);
    const clock = options.clock ?? systemClock;
    const ids = options.ids ?? uuidV7Ids;
    const jobs = createJobQueue(
      { database, clock, ids, worker: config.worker === 'in-process' },
      {
        databaseUrl: config.databaseUrl,
        ...(options.jobPollingIntervalSeconds !== undefined
          ? { pollingIntervalSeconds: options.jobPollingIntervalSeconds }
          : {}),
        ...(options.onBackgroundError ? { onError: options.onBackgroundError } : {}),
      },
    );
    const sanctions =
      options.sanctions === false
        ? undefined
        : (options.sanctions ?? createSanctionsRuntime({ dataDir: config.dataDir, db: database.db }));
    const ip = options.ip === false ? undefined : (options.ip ?? createIpRuntime({ db: database.db }));
    const baseIntel = sanctions ? createSanctionsIntel(sanctions) : NO_INTEL;
    const indicators =
      options.indicators === false
        ? undefined
        : (options.indicators ?? createIndicatorRuntime({ db: database.db, salts: config.indicators.salts }));
    const ipIntel = ip ? withIpIntel(baseIntel, ip) : baseIntel;
    const intel = options.intel ?? (indicators ? withIndicatorIntel(ipIntel, indicators) : ipIntel);
    const app: AppContext = {
      database,
      clock,
      ids,
      jobs,
      config,
      intel,
      ...(sanctions ? { sanctions } : {}),
      ...(ip ? { ip } : {}),
      ...(indicators ? { indicators } : {}),
    };
    registerJobHandlers(app);
    if (options.startJobs ?? true) {
      await jobs.start();
      // Hook deliveries stored just before a crash, whose re-assessment was never queued.
      await resumeLoginReassessment(app);
      // Uploads stored just before a crash, whose analysis was never queued.
      await resumeDocumentAnalysis(app);
      await resumeRecordingAnalysis(app);
    }
    return app;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Stops the worker (waiting for the running job) and closes the database. */
export async function closeAppContext(app: AppContext): Promise<void> {
  await app.jobs.stop();
  await app.database.close();
}
