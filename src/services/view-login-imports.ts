// Sign-in log imports as the API shows them: progress (bytes), counts, the first problems by line
// number, why records were skipped as not sign-ins, and the accounts that matched no subject.
import {
  findLoginImport,
  type ImportCounts,
  type ImportProblem,
  type LoginImportRecord,
  type LoginImportStatus,
  listLoginImports as listImportRecords,
  type SkippedReason,
  type UnmatchedAccount,
} from '../adapters/db/repositories/login-imports.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';

export type LoginImportView = {
  id: string;
  fileName: string;
  format: string;
  status: LoginImportStatus;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  jobId: string | null;
  progress: { bytesRead: number; totalBytes: number };
  counts: ImportCounts;
  problems: ImportProblem[];
  /** Why records were skipped as not a person's sign-in, most frequent first (at most 20). */
  skippedReasons: SkippedReason[];
  unmatchedAccounts: UnmatchedAccount[];
  error: string | null;
};

export function toLoginImportView(r: LoginImportRecord): LoginImportView {
  return {
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    status: r.status,
    createdAt: r.createdAt,
    createdBy: r.createdBy.name,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    jobId: r.jobId,
    progress: r.progress,
    counts: r.counts,
    problems: r.problems,
    skippedReasons: r.skippedReasons,
    unmatchedAccounts: r.unmatchedAccounts,
    error: r.error,
  };
}

export async function listLoginImports(
  app: AppContext,
  actor: Actor,
  input: { limit?: number | undefined } = {},
): Promise<{ items: LoginImportView[] }> {
  authorize(actor, 'subjects:read');
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  const records = await listImportRecords(app.database.db, { limit });
  return { items: records.map(toLoginImportView) };
}

export async function getLoginImport(app: AppContext, actor: Actor, id: string): Promise<LoginImportView> {
  authorize(actor, 'subjects:read');
  const record = await findLoginImport(app.database.db, id);
  if (!record) throw notFound('Login import', id);
  return toLoginImportView(record);
}
