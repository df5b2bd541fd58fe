// Sign-in log imports: one row per uploaded file, with its progress, counts, first problems, why records
// were skipped as not sign-ins, and the accounts it could not match. The job updates it after every committed batch.
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JsonObject } from '../records.ts';
import type { LoginImportsTable } from '../tables.ts';

export type LoginImportStatus = 'queued' | 'running' | 'done' | 'failed';

export type ImportCounts = {
  read: number;
  imported: number;
  duplicates: number;
  /** Records that cannot be read (bad JSON, no or an unreadable time…); `problems` lists the first 100. */
  malformed: number;
  /** Well-formed records that are not a person's sign-in; `skippedReasons` groups them by reason. */
  skipped: number;
  matched: number;
  unmatched: number;
};

export type ImportProblem = { line: number; message: string };
/** One reason records were skipped as not sign-ins, and how many were. */
export type SkippedReason = { reason: string; count: number };
export type UnmatchedAccount = { account: string; events: number; firstAt: string; lastAt: string };

export type LoginImportRecord = {
  id: string;
  fileName: string;
  format: string;
  mapping: JsonObject | null;
  status: LoginImportStatus;
  jobId: string | null;
  upload: string | null;
  createdAt: string;
  createdBy: AuditActor;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { bytesRead: number; totalBytes: number };
  counts: ImportCounts;
  problems: ImportProblem[];
  skippedReasons: SkippedReason[];
  unmatchedAccounts: UnmatchedAccount[];
  error: string | null;
};

export const EMPTY_COUNTS: ImportCounts = {
  read: 0,
  imported: 0,
  duplicates: 0,
  malformed: 0,
  skipped: 0,
  matched: 0,
  unmatched: 0,
};

function importRowToImport(row: LoginImportsTable): LoginImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    mapping: row.mapping === null ? null : parseJsonText<JsonObject>(row.mapping),
    status: row.status as LoginImportStatus,
    jobId: row.job_id,
    upload: row.upload,
    createdAt: row.created_at,
    createdBy: parseJsonText<AuditActor>(row.created_by),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: { bytesRead: Number(row.bytes_read), totalBytes: Number(row.total_bytes) },
    counts: {
      read: Number(row.read_count),
      imported: Number(row.imported),
      duplicates: Number(row.duplicates),
      malformed: Number(row.malformed),
      skipped: Number(row.skipped),
      matched: Number(row.matched),
      unmatched: Number(row.unmatched),
    },
    problems: parseJsonText<ImportProblem[]>(row.problems),
    skippedReasons: parseJsonText<SkippedReason[]>(row.skipped_reasons),
    unmatchedAccounts: parseJsonText<UnmatchedAccount[]>(row.unmatched_accounts),
    error: row.error,
  };
}

export async function insertLoginImport(
  db: Executor,
  entry: {
    id: string;
    fileName: string;
    format: string;
    mapping: JsonObject | null;
    upload: string;
    totalBytes: number;
    createdAt: string;
    createdBy: AuditActor;
  },
): Promise<void> {
  await db
    .insertInto('login_imports')
    .values({
      id: entry.id,
      file_name: entry.fileName,
      format: entry.format,
      mapping: entry.mapping === null ? null : toJsonText(entry.mapping),
      status: 'queued',
      job_id: null,
      upload: entry.upload,
      created_at: entry.createdAt,
      created_by: toJsonText(entry.createdBy),
      started_at: null,
      finished_at: null,
      bytes_read: 0,
      total_bytes: entry.totalBytes,
      read_count: 0,
      imported: 0,
      duplicates: 0,
      malformed: 0,
      skipped: 0,
      matched: 0,
      unmatched: 0,
      problems: '[]',
      skipped_reasons: '[]',
      unmatched_accounts: '[]',
      error: null,
    })
    .execute();
}

export async function setLoginImportJob(db: Executor, id: string, jobId: string): Promise<void> {
  await db.updateTable('login_imports').set({ job_id: jobId }).where('id', '=', id).execute();
}

export async function findLoginImport(db: Executor, id: string): Promise<LoginImportRecord | null> {
  const row = await db.selectFrom('login_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? importRowToImport(row) : null;
}

export async function listLoginImports(
  db: Executor,
  options: { limit: number },
): Promise<LoginImportRecord[]> {
  const rows = await db
    .selectFrom('login_imports')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(importRowToImport);
}

export async function markLoginImportRunning(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('login_imports')
    .set({ status: 'running', started_at: at, error: null })
    .where('id', '=', id)
    .execute();
}

/** Progress after a committed batch (written in the batch's transaction). */
export async function updateLoginImportProgress(
  db: Executor,
  id: string,
  progress: {
    bytesRead: number;
    totalBytes: number;
    counts: ImportCounts;
    problems: ImportProblem[];
    skippedReasons: SkippedReason[];
  },
): Promise<void> {
  await db
    .updateTable('login_imports')
    .set({
      bytes_read: progress.bytesRead,
      total_bytes: progress.totalBytes,
      read_count: progress.counts.read,
      imported: progress.counts.imported,
      duplicates: progress.counts.duplicates,
      malformed: progress.counts.malformed,
      skipped: progress.counts.skipped,
      matched: progress.counts.matched,
      unmatched: progress.counts.unmatched,
      problems: toJsonText(progress.problems),
      skipped_reasons: toJsonText(progress.skippedReasons),
    })
    .where('id', '=', id)
    .execute();
}

export async function finishLoginImport(
  db: Executor,
  id: string,
  outcome: {
    status: 'done' | 'failed';
    at: string;
    bytesRead: number;
    totalBytes: number;
    counts: ImportCounts;
    problems: ImportProblem[];
    skippedReasons: SkippedReason[];
    unmatchedAccounts: UnmatchedAccount[];
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('login_imports')
    .set({
      status: outcome.status,
      finished_at: outcome.at,
      upload: null,
      bytes_read: outcome.bytesRead,
      total_bytes: outcome.totalBytes,
      read_count: outcome.counts.read,
      imported: outcome.counts.imported,
      duplicates: outcome.counts.duplicates,
      malformed: outcome.counts.malformed,
      skipped: outcome.counts.skipped,
      matched: outcome.counts.matched,
      unmatched: outcome.counts.unmatched,
      problems: toJsonText(outcome.problems),
      skipped_reasons: toJsonText(outcome.skippedReasons),
      unmatched_accounts: toJsonText(outcome.unmatchedAccounts),
      error: outcome.error,
    })
    .where('id', '=', id)
    .execute();
}
