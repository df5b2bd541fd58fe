// Imports official list files as a new sanctions snapshot, as a job with progress: the files are stored under
// <dataDir>/intel/sanctions/<id>/, every one must parse (format detected from content) or the whole import fails
// and the previous snapshot stays active. Lists the upload does not contain are carried over from the previous
// snapshot. On success the snapshot is recorded with its lists, counts, dates, sha256 and the diff, the runtime
// swaps to it, and everyone is re-assessed.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JobView, JsonObject, JsonValue } from '../adapters/db/records.ts';
import {
  insertSnapshot,
  supersedeActiveSnapshots,
} from '../adapters/db/repositories/sanctions-snapshots.repository.ts';
import { DomainError } from '../core/errors.ts';
import {
  detectFormat,
  importSanctionsFiles,
  SanctionsImportError,
} from '../intel/sanctions/importers/index.ts';
import { listTitle } from '../intel/sanctions/lookup.ts';
import type { SanctionsListId } from '../intel/sanctions/model.ts';
import {
  buildLookup,
  type LoadedSnapshot,
  type StoredFile,
  type StoredList,
  type StoredManifest,
  snapshotDir,
} from '../intel/sanctions/runtime.ts';
import { diffSnapshots, mergeWallets } from '../intel/sanctions/snapshot.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { reassessAllHandler } from './reassess-all.ts';

export const IMPORT_SANCTIONS_JOB = 'sanctions-import';
export const MAX_IMPORT_FILES = 40;
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export type ListFile = { name: string; bytes: Uint8Array };

function safeName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).replace(/[^\w.-]/g, '_');
  return base === '' || base.startsWith('.') ? `file_${base}` : base;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores the files and queues the import job; returns the job (its result names the snapshot). */
export async function importSanctionsLists(
  app: AppContext,
  actor: Actor,
  files: readonly ListFile[],
): Promise<JobView> {
  authorize(actor, 'policy:write');
  if (!app.sanctions)
    throw new DomainError('validation', 'Sanctions screening is not available in this instance');
  if (files.length === 0) throw new DomainError('validation', 'Give at least one list file');
  if (files.length > MAX_IMPORT_FILES)
    throw new DomainError('validation', `At most ${MAX_IMPORT_FILES} files per import (got ${files.length})`);
  const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  if (total > MAX_IMPORT_BYTES)
    throw new DomainError(
      'payload_too_large',
      `The files add up to ${total} bytes, over ${MAX_IMPORT_BYTES}`,
    );
  const problems = files.flatMap((f, i) =>
    f.bytes.byteLength === 0 ? [{ path: `files[${i}]`, message: `${f.name} is empty` }] : [],
  );
  if (problems.length > 0)
    throw new DomainError('validation', 'Some files are empty; nothing was imported', problems);

  const id = app.ids.newId();
  const dir = snapshotDir(app.config.dataDir, id);
  const used = new Map<string, number>();
  const stored: string[] = [];
  for (const file of files) {
    const name = safeName(file.name);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    // Same name twice (two OFAC sdn.csv sets): each set keeps its own folder, as the importer joins by folder.
    const path = n === 1 ? join('upload', name) : join('upload', String(n), name);
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), file.bytes);
    stored.push(path);
  }
  const who = toAuditActor(actor);
  const payload: JsonObject = { snapshotId: id, files: stored, actor: who };
  const jobId = await app.jobs.enqueue(IMPORT_SANCTIONS_JOB, payload, who);
  const job = await app.jobs.get(jobId);
  if (!job) throw new DomainError('not_found', `job ${jobId} was not recorded`);
  return job;
}

function readActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

async function describeFile(
  dir: string,
  path: string,
  origin: StoredFile['origin'],
  format: string,
): Promise<StoredFile> {
  const bytes = await readFile(join(dir, path));
  return { path, sha256: sha256(bytes), bytes: bytes.byteLength, format, origin };
}

/** Copies the previous snapshot's files of the lists the upload lacks into the new folder. */
async function carryOver(
  previous: LoadedSnapshot,
  dir: string,
  lists: ReadonlySet<SanctionsListId>,
  hasWallets: boolean,
): Promise<{ paths: string[] }> {
  const paths: string[] = [];
  const copy = async (from: string, group: string) => {
    const path = join('carried', group, basename(from));
    await mkdir(join(dir, 'carried', group), { recursive: true });
    await copyFile(join(previous.dir, from), join(dir, path));
    paths.push(path);
  };
  for (const list of previous.lists) {
    if (lists.has(list.list)) continue;
    for (const file of list.files) await copy(file, list.list);
  }
  if (!hasWallets) for (const file of previous.walletFiles) await copy(file, 'wallets');
  return { paths };
}

export function importSanctionsHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress, jobId }) => {
    const runtime = app.sanctions;
    if (!runtime) throw new Error('Sanctions screening is not available in this instance');
    const id = typeof payload.snapshotId === 'string' ? payload.snapshotId : '';
    const uploaded = stringList(payload.files);
    const actor = readActor(payload.actor);
    const dir = snapshotDir(app.config.dataDir, id);
    const steps = uploaded.length + 4;
    try {
      // 1. every uploaded file: its format (a file that is none of ours fails the import here)
      const formats = new Map<string, string>();
      for (const [i, path] of uploaded.entries()) {
        await reportProgress(i, steps, `checking ${basename(path)}`);
        formats.set(path, await detectFormat(join(dir, path)));
      }
      // 2. parse the upload on its own to learn which lists it holds
      await reportProgress(uploaded.length, steps, 'parsing the lists');
      const upload = await importSanctionsFiles(uploaded.map((p) => join(dir, p)));
      const uploadedLists = new Set(
        upload.files.map((f) => f.list).filter((l): l is SanctionsListId => l !== undefined),
      );
      const previous = await runtime.snapshot();
      const carried = await carryOver(
        previous,
        dir,
        uploadedLists,
        upload.wallets.length > 0 || upload.files.some((f) => f.format.startsWith('wallet')),
      );
      for (const path of carried.paths) formats.set(path, await detectFormat(join(dir, path)));
      // 3. the whole new snapshot
      await reportProgress(uploaded.length + 1, steps, 'building the index');
      const all = [...uploaded, ...carried.paths];
      const result = await importSanctionsFiles(all.map((p) => join(dir, p)));
      const listOf = new Map<string, SanctionsListId | undefined>();
      const publishedAt = new Map<SanctionsListId, string>();
      for (const f of result.files) {
        listOf.set(f.file, f.list);
        if (f.list && f.publishedAt) publishedAt.set(f.list, f.publishedAt);
      }
      const counts = new Map<SanctionsListId, number>();
      for (const e of result.entries) counts.set(e.list, (counts.get(e.list) ?? 0) + 1);
      for (const l of previous.lists)
        if (!publishedAt.has(l.list) && l.publishedAt && !uploadedLists.has(l.list))
          publishedAt.set(l.list, l.publishedAt);
      const lists: StoredList[] = [];
      const walletFiles: StoredFile[] = [];
      for (const path of all) {
        const origin = carried.paths.includes(path) ? 'carried' : 'upload';
        const file = await describeFile(dir, path, origin, formats.get(path) ?? 'unknown');
        const list = listOf.get(join(dir, path));
        if (list === undefined) {
          walletFiles.push(file);
          continue;
        }
        let entry = lists.find((l) => l.list === list);
        if (!entry) {
          const date = publishedAt.get(list);
          entry = {
            list,
            title: listTitle(list),
            ...(date ? { publishedAt: date } : {}),
            entries: counts.get(list) ?? 0,
            files: [],
          };
          lists.push(entry);
        }
        entry.files.push(file);
      }
      const wallets = mergeWallets(result.wallets, result.entries);
      const manifest: StoredManifest = {
        lists,
        wallets: { entries: wallets.length, files: walletFiles },
        skipped: result.skipped.length,
      };
      const snapshot: LoadedSnapshot = {
        id,
        source: 'import',
        dir,
        lists: lists.map((l) => ({
          list: l.list,
          ...(l.publishedAt ? { publishedAt: l.publishedAt } : {}),
          entries: l.entries,
          files: l.files.map((f) => f.path),
        })),
        walletFiles: walletFiles.map((f) => f.path),
        entries: result.entries,
        wallets,
        loadMs: 0,
      };
      const lookup = buildLookup(snapshot);
      const diff = diffSnapshots(previous, snapshot);
      const diffSummary = diff.lists.map((l) => ({
        list: l.list,
        added: l.added.length,
        removed: l.removed.length,
        changed: l.changed.length,
      }));
      // 4. record it and make it active (same transaction as its audit entry)
      await reportProgress(uploaded.length + 2, steps, 'recording the snapshot');
      const manifestJson = JSON.parse(JSON.stringify(manifest)) as JsonObject;
      const diffJson = JSON.parse(JSON.stringify({ from: previous.id, lists: diff.lists })) as JsonObject;
      await inTransaction(app, async (trx) => {
        const at = app.clock.now().toISOString();
        await supersedeActiveSnapshots(trx);
        await insertSnapshot(trx, {
          id,
          createdAt: at,
          createdBy: actor,
          source: 'import',
          status: 'active',
          lists: manifestJson,
          diff: diffJson,
          error: null,
        });
        await appendAudit(trx, {
          at,
          actor,
          action: 'sanctions.imported',
          targetType: 'sanctions_snapshot',
          targetId: id,
          data: JSON.parse(
            JSON.stringify({
              previous: previous.id,
              lists: lists.map((l) => ({
                list: l.list,
                publishedAt: l.publishedAt ?? null,
                entries: l.entries,
                files: l.files.map((f) => ({ path: f.path, sha256: f.sha256, origin: f.origin })),
              })),
              wallets: wallets.length,
              diff: diffSummary,
            }),
          ) as JsonObject,
        });
      });
      runtime.activate(snapshot, lookup);
      // 5. everyone re-assessed against the new lists, within this job
      await reportProgress(uploaded.length + 3, steps, 're-assessing everyone');
      const reassessed = await reassessAllHandler(app)({
        jobId,
        payload: { trigger: 'sanctions', actor },
        reportProgress: async (done, total, message) => {
          await reportProgress(
            uploaded.length + 3,
            steps,
            message ?? `${done} of ${total ?? '?'} re-assessed`,
          );
        },
      });
      await reportProgress(steps, steps, 'imported');
      return JSON.parse(
        JSON.stringify({
          snapshotId: id,
          entries: result.entries.length,
          wallets: wallets.length,
          lists: lists.map((l) => ({ list: l.list, entries: l.entries, publishedAt: l.publishedAt ?? null })),
          diff: diffSummary,
          skipped: result.skipped.length,
          reassessed: reassessed ?? null,
        }),
      ) as JsonObject;
    } catch (error) {
      const message =
        error instanceof SanctionsImportError
          ? `${basename(error.file)}${error.line === undefined ? '' : `:${error.line}`}: ${error.reason}`
          : error instanceof Error
            ? error.message
            : String(error);
      // the failed attempt is recorded (and audited); the previous snapshot stays active
      await inTransaction(app, async (trx) => {
        const at = app.clock.now().toISOString();
        await insertSnapshot(trx, {
          id,
          createdAt: at,
          createdBy: actor,
          source: 'import',
          status: 'failed',
          lists: { files: uploaded.map((p) => basename(p)) },
          diff: null,
          error: message,
        });
        await appendAudit(trx, {
          at,
          actor,
          action: 'sanctions.import_failed',
          targetType: 'sanctions_snapshot',
          targetId: id,
          data: { files: uploaded.map((p) => basename(p)), error: message },
        });
      });
      await rm(dir, { recursive: true, force: true });
      throw new Error(`The sanctions import failed; the previous lists stay active. ${message}`);
    }
  };
}
