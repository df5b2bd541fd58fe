// The subject access log (GET /subjects/{id}/access-log): who viewed the person's record, documents,
// recordings and verification media, and who exported it — newest first. Kept after a deletion (ids only).
import type { AuditActor } from '../adapters/db/records.ts';
import { listAccess } from '../adapters/db/repositories/privacy.repository.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export type AccessLogEntry = { at: string; actor: AuditActor; action: string; itemId: string | null };

export const MAX_ACCESS_ENTRIES = 1000;

export async function readAccessLog(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  limit = 200,
): Promise<AccessLogEntry[]> {
  authorize(actor, 'audit:read');
  const entries = await listAccess(
    app.database.db,
    subjectId,
    Math.min(Math.max(limit, 1), MAX_ACCESS_ENTRIES),
  );
  return entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, itemId: e.itemId }));
}
