import { type AuditVerification, listAuditEntries, verifyAuditChain } from '../adapters/db/audit.ts';
import type { AuditEntry } from '../adapters/db/records.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';

export type { AuditEntry, AuditVerification };

/** Newest first; page backwards with `before` (a seq). */
export async function listAudit(
  app: AppContext,
  actor: Actor,
  input: { limit?: number | undefined; before?: number | undefined } = {},
): Promise<{ items: AuditEntry[] }> {
  authorize(actor, 'audit:read');
  return {
    items: await listAuditEntries(app.database.db, {
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      ...(input.before !== undefined ? { before: input.before } : {}),
    }),
  };
}

export async function listSubjectAudit(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<{ items: AuditEntry[] }> {
  authorize(actor, 'audit:read');
  if (!(await subjectExists(app.database.db, subjectId))) throw notFound('Subject', subjectId);
  return {
    items: await listAuditEntries(app.database.db, {
      targetType: 'subject',
      targetId: subjectId,
      limit: 1000,
    }),
  };
}

/** Walks the whole hash chain: ok, or the first entry that was edited, removed or moved. */
export async function verifyAudit(app: AppContext, actor: Actor): Promise<AuditVerification> {
  authorize(actor, 'audit:read');
  return verifyAuditChain(app.database.db);
}
