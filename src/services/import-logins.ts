// Imports a sign-in log file (Okta, Entra, Google Workspace, generic CSV/NDJSON) as a job with progress.
// The upload is streamed to <dataDir>/uploads/ under a generated name (never the client's path) and capped
// at config.maxUploadBytes; the job reads it as a stream, places each event (IP intel, cached per address),
// matches its account to a subject and stores it in batches of BATCH events per transaction, skipping events
// already stored (unique by source and event id), so memory stays flat and a re-import adds nothing. Records
// that are not a person's sign-in are counted as skipped, grouped by reason; unreadable ones as malformed. A crash
// mid-way leaves the committed batches; the job runs again at the next start and finishes. Then the subjects
// that got events are re-assessed and the import is recorded as done, with its audit entry.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JsonObject, JsonValue } from '../adapters/db/records.ts';
import {
  attributeUnmatchedEvents,
  insertLoginEvents,
  listUnmatchedAccountNames,
} from '../adapters/db/repositories/login-events.repository.ts';
import {
  EMPTY_COUNTS,
  findLoginImport,
  finishLoginImport,
  type ImportCounts,
  type ImportProblem,
  insertLoginImport,
  markLoginImportRunning,
  type SkippedReason,
  setLoginImportJob,
  type UnmatchedAccount,
  updateLoginImportProgress,
} from '../adapters/db/repositories/login-imports.repository.ts';
import { DomainError } from '../core/errors.ts';
import {
  type ColumnMapping,
  LOGIN_FORMATS,
  type LoginEvent,
  type LoginFormat,
} from '../intel/logins/model.ts';
import { readLogins } from '../intel/logins/read-logins.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import {
  createIpCache,
  loadAccountMatcher,
  prepareEvents,
  readyIpLookup,
  reassessSubjects,
} from './internal/logins.ts';

export const IMPORT_LOGINS_JOB = 'logins-import';
/** Events per transaction. */
export const BATCH = 1_000;
/** Problems kept per import (all are counted). */
export const MAX_PROBLEMS = 100;
/** Reasons for skipped records kept per import, most frequent first (all skipped records are counted). */
export const MAX_SKIPPED_REASONS = 20;
/** Distinct skip reasons tracked while reading (bounds memory on hostile files). */
const MAX_SKIP_REASONS_TRACKED = 1_000;
/** A stored problem message or skip reason is cut to this many characters. */
const MAX_MESSAGE = 500;
/** Progress is written at least this often (records), also while no event is found. */
const PROGRESS_EVERY = 10_000;
/** Unmatched accounts listed per import (most events first; all are counted). */
export const MAX_UNMATCHED_LISTED = 1_000;
/** Distinct unmatched accounts tracked while reading (bounds memory on hostile files). */
const MAX_UNMATCHED_TRACKED = 20_000;

export const IMPORT_FORMATS = ['auto', ...LOGIN_FORMATS] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const fieldName = z.string().trim().min(1).max(200);
export const columnMappingSchema = z
  .object({
    at: fieldName,
    account: fieldName,
    ip: fieldName.optional(),
    eventId: fieldName.optional(),
    outcome: fieldName.optional(),
    userAgent: fieldName.optional(),
    app: fieldName.optional(),
    device: fieldName.optional(),
    sessionId: fieldName.optional(),
    sessionMinutes: fieldName.optional(),
    inputLatencyMs: fieldName.optional(),
    country: fieldName.optional(),
    eventType: fieldName.optional(),
  })
  .strict();

export type ImportLoginsInput = {
  /** The client's file name, for display only. */
  fileName: string;
  format?: ImportFormat | undefined;
  mapping?: unknown;
  /** The file's bytes as a stream (an HTTP body, a file read stream). */
  body: AsyncIterable<Uint8Array>;
  /** Declared size (Content-Length), checked before reading when given. */
  declaredBytes?: number | undefined;
};

export type ImportQueued = { importId: string; jobId: string };

export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

/** What a client may call the file: its last path segment, printable, at most 200 characters. */
export function displayName(fileName: string): string {
  const base =
    fileName
      .replaceAll('\\', '/')
      .split('/')
      .pop()
      ?.replace(/\p{Cc}/gu, '')
      .trim() ?? '';
  return (base === '' ? 'upload' : base).slice(0, 200);
}

function parseMapping(value: unknown): ColumnMapping | null {
  if (value === undefined || value === null || value === '') return null;
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new DomainError('validation', 'The column mapping is not JSON', [
        { path: 'mapping', message: 'expected a JSON object such as {"at":"Timestamp","account":"User"}' },
      ]);
    }
  }
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError(
      'validation',
      'The column mapping is not valid',
      parsed.error.issues.map((i) => ({
        path: ['mapping', ...i.path].join('.'),
        message: i.message,
      })),
    );
  const mapping: ColumnMapping = { at: parsed.data.at, account: parsed.data.account };
  for (const [key, v] of Object.entries(parsed.data))
    if (v !== undefined) Object.assign(mapping, { [key]: v });
  return mapping;
}

function tooLarge(limit: number): DomainError {
  return new DomainError(
    'payload_too_large',
    `The file is larger than the upload limit of ${limit} bytes (GATECHECK_MAX_UPLOAD_BYTES).`,
  );
}

/** Streams the body to `path`, failing (and removing the part written) once it passes `limit` bytes. */
async function storeUpload(body: AsyncIterable<Uint8Array>, path: string, limit: number): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      if (bytes > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'validation',
      `The upload could not be stored: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return bytes;
}

/** Stores the upload and queues its import; returns the import and job ids. */
export async function importLogins(
  app: AppContext,
  actor: Actor,
  input: ImportLoginsInput,
): Promise<ImportQueued> {
  authorize(actor, 'logins:import');
  const format = input.format ?? 'auto';
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new DomainError('validation', `Unknown format ${JSON.stringify(format)}`, [
      { path: 'format', message: `expected one of ${IMPORT_FORMATS.join(', ')}` },
    ]);
  const mapping = parseMapping(input.mapping);
  const limit = app.config.maxUploadBytes;
  if (input.declaredBytes !== undefined && input.declaredBytes > limit) throw tooLarge(limit);
  const id = app.ids.newId();
  const upload = `logins-${id.replace(/[^\w-]/g, '_')}.upload`;
  const dir = uploadsDir(app.config.dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, upload);
  const totalBytes = await storeUpload(input.body, path, limit);
  if (totalBytes === 0) {
    await rm(path, { force: true });
    throw new DomainError('validation', 'The file is empty');
  }
  const who = toAuditActor(actor);
  const fileName = displayName(input.fileName);
  try {
    await inTransaction(app, async (trx) => {
      const at = app.clock.now().toISOString();
      await insertLoginImport(trx, {
        id,
        fileName,
        format,
        mapping: mapping as JsonObject | null,
        upload,
        totalBytes,
        createdAt: at,
        createdBy: who,
      });
      await appendAudit(trx, {
        at,
        actor: who,
        action: 'logins.import_queued',
        targetType: 'login_import',
        targetId: id,
        data: { fileName, format, bytes: totalBytes },
      });
    });
    const jobId = await app.jobs.enqueue(IMPORT_LOGINS_JOB, { importId: id, actor: who }, who);
    await setLoginImportJob(app.database.db, id, jobId);
    return { importId: id, jobId };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

function readActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

const kib = (bytes: number) => Math.ceil(bytes / 1024);

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

type AccountTally = { events: number; firstAt: string; lastAt: string };

function clipMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

/** How often each reason was given, for skipped records. */
function countReason(reasons: Map<string, number>, reason: string): void {
  const key = clipMessage(reason);
  const seen = reasons.get(key);
  if (seen !== undefined) reasons.set(key, seen + 1);
  else if (reasons.size < MAX_SKIP_REASONS_TRACKED) reasons.set(key, 1);
}

/** The most frequent reasons first (ties by reason), at most MAX_SKIPPED_REASONS. */
function topReasons(reasons: Map<string, number>): SkippedReason[] {
  return [...reasons.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
    .slice(0, MAX_SKIPPED_REASONS);
}

function tally(map: Map<string, AccountTally>, account: string, at: string): void {
  const seen = map.get(account);
  if (seen) {
    seen.events += 1;
    if (at < seen.firstAt) seen.firstAt = at;
    if (at > seen.lastAt) seen.lastAt = at;
    return;
  }
  if (map.size >= MAX_UNMATCHED_TRACKED) return;
  map.set(account, { events: 1, firstAt: at, lastAt: at });
}

export function importLoginsHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const db = app.database.db;
    const importId = typeof payload.importId === 'string' ? payload.importId : '';
    const actor = readActor(payload.actor);
    const record = await findLoginImport(db, importId);
    if (!record) throw new Error(`login import ${importId} is not recorded`);
    if (record.status === 'done' || record.status === 'failed')
      return { importId, status: record.status, counts: record.counts };
    const file = record.upload === null ? null : join(uploadsDir(app.config.dataDir), record.upload);
    const finishFailed = async (
      message: string,
      counts: ImportCounts,
      problems: ImportProblem[],
      skippedReasons: SkippedReason[],
    ) => {
      await inTransaction(app, async (trx) => {
        const at = app.clock.now().toISOString();
        await finishLoginImport(trx, importId, {
          status: 'failed',
          at,
          bytesRead: record.progress.bytesRead,
          totalBytes: record.progress.totalBytes,
          counts,
          problems,
          skippedReasons,
          unmatchedAccounts: [],
          error: message,
        });
        await appendAudit(trx, {
          at,
          actor,
          action: 'logins.import_failed',
          targetType: 'login_import',
          targetId: importId,
          data: { fileName: record.fileName, error: message },
        });
      });
      if (file !== null) await rm(file, { force: true });
    };
    if (file === null) {
      await finishFailed('The uploaded file is no longer stored', EMPTY_COUNTS, [], []);
      throw new Error('The uploaded file is no longer stored');
    }

    const counts: ImportCounts = { ...EMPTY_COUNTS };
    const problems: ImportProblem[] = [];
    const reasons = new Map<string, number>();
    try {
      await markLoginImportRunning(db, importId, app.clock.now().toISOString());
      const totalBytes = (await stat(file)).size;
      const matcher = await loadAccountMatcher(db);
      const place = createIpCache(await readyIpLookup(app));
      const unmatched = new Map<string, AccountTally>();
      let bytesRead = 0;

      let batch: LoginEvent[] = [];
      let sinceFlush = 0;
      const flush = async () => {
        const events = batch;
        batch = [];
        sinceFlush = 0;
        const receivedAt = app.clock.now().toISOString();
        const rows = prepareEvents(events, { ids: app.ids, place, matcher, importId, receivedAt });
        for (const row of rows) {
          if (row.subjectId !== null) counts.matched += 1;
          else {
            counts.unmatched += 1;
            if (row.account !== '') tally(unmatched, row.account, row.at);
          }
        }
        await inTransaction(app, async (trx) => {
          const stored = await insertLoginEvents(trx, rows);
          counts.imported += stored.inserted;
          counts.duplicates += rows.length - stored.inserted;
          await updateLoginImportProgress(trx, importId, {
            bytesRead,
            totalBytes,
            counts,
            problems,
            skippedReasons: topReasons(reasons),
          });
        });
        await reportProgress(
          kib(bytesRead),
          kib(totalBytes),
          `${counts.read} records read, ${megabytes(bytesRead)} of ${megabytes(totalBytes)}`,
        );
      };

      const options = {
        format: record.format as LoginFormat | 'auto',
        ...(record.mapping ? { mapping: record.mapping as unknown as ColumnMapping } : {}),
        onBytes: (n: number) => {
          bytesRead = n;
        },
      };
      await reportProgress(0, kib(totalBytes), 'reading');
      for await (const item of readLogins(createReadStream(file), options)) {
        counts.read += 1;
        sinceFlush += 1;
        if (item.kind === 'event') batch.push(item.event);
        else if (item.kind === 'skipped') {
          counts.skipped += 1;
          countReason(reasons, item.reason);
        } else {
          counts.malformed += 1;
          if (problems.length < MAX_PROBLEMS)
            problems.push({ line: item.line, message: clipMessage(item.message) });
        }
        // A long run of skipped or broken records still shows progress.
        if (batch.length >= BATCH || sinceFlush >= PROGRESS_EVERY) await flush();
      }
      if (batch.length > 0) await flush();
      bytesRead = totalBytes;

      // Events of earlier imports whose account now matches (a subject added or linked since).
      const rematched = new Set<string>();
      for (const account of await listUnmatchedAccountNames(db)) {
        const match = matcher.match(account);
        if (match === null) continue;
        if ((await attributeUnmatchedEvents(db, account, match.subjectId)) > 0)
          rematched.add(match.subjectId);
      }

      // Exact totals, right after a crash and re-run too: what this import stored vs. what was there.
      const stored = await db
        .selectFrom('login_events')
        .select(['subject_id'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('import_id', '=', importId)
        .groupBy('subject_id')
        .execute();
      const good = counts.read - counts.malformed - counts.skipped;
      counts.imported = stored.reduce((sum, r) => sum + Number(r.n), 0);
      counts.duplicates = Math.max(0, good - counts.imported);
      const subjects = new Set(rematched);
      for (const r of stored) if (r.subject_id !== null) subjects.add(r.subject_id);

      await reportProgress(kib(totalBytes), kib(totalBytes), `re-assessing ${subjects.size} subjects`);
      const reassessed = await reassessSubjects(app, actor, subjects, 'logins');

      const unmatchedAccounts: UnmatchedAccount[] = [...unmatched.entries()]
        .map(([account, t]) => ({ account, ...t }))
        .sort((a, b) => b.events - a.events || (a.account < b.account ? -1 : 1))
        .slice(0, MAX_UNMATCHED_LISTED);
      await inTransaction(app, async (trx) => {
        const at = app.clock.now().toISOString();
        await finishLoginImport(trx, importId, {
          status: 'done',
          at,
          bytesRead: totalBytes,
          totalBytes,
          counts,
          problems,
          skippedReasons: topReasons(reasons),
          unmatchedAccounts,
          error: null,
        });
        await appendAudit(trx, {
          at,
          actor,
          action: 'logins.imported',
          targetType: 'login_import',
          targetId: importId,
          data: {
            fileName: record.fileName,
            format: record.format,
            bytes: totalBytes,
            counts: { ...counts },
            subjects: [...subjects].sort().slice(0, 1000),
            unmatchedAccounts: unmatched.size,
          },
        });
      });
      await rm(file, { force: true });
      await reportProgress(kib(totalBytes), kib(totalBytes), `${counts.imported} imported`);
      const result: JsonValue = { importId, status: 'done', counts: { ...counts }, reassessed };
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishFailed(message, counts, problems, topReasons(reasons));
      throw new Error(`The sign-in import failed: ${message}`);
    }
  };
}
