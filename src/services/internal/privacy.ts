// Shared by the privacy services and the upload services: the stored retention policy, the legal-hold check,
// the access log, and stored files removed after a commit.
import type { Executor } from '../../adapters/db/database.ts';
import {
  findLegalHold,
  hasRecentAccess,
  insertAccess,
  listQueuedFileDeletions,
  removeQueuedFileDeletion,
} from '../../adapters/db/repositories/privacy.repository.ts';
import { getSetting } from '../../adapters/db/repositories/settings.repository.ts';
import type { Config } from '../../config/config.ts';
import { DomainError } from '../../core/errors.ts';
import {
  defaultRetentionPolicy,
  parseRetentionPolicy,
  type RetentionPolicy,
} from '../../core/privacy/retention.ts';
import { type Actor, type AppContext, toAuditActor } from '../context.ts';
import { documentStore } from './documents.ts';

export const RETENTION_SETTING = 'retention';

/** The defaults: GATECHECK_DOCUMENT_RETENTION_DAYS for documents and resume files, the rest built in. */
export function retentionDefaults(config: Config): RetentionPolicy {
  return defaultRetentionPolicy(config.documents.retentionDays);
}

/** The organisation's retention policy (the defaults for any kind not set). */
export async function loadRetentionPolicy(db: Executor, config: Config): Promise<RetentionPolicy> {
  const defaults = retentionDefaults(config);
  const stored = await getSetting(db, RETENTION_SETTING);
  if (stored === undefined) return defaults;
  const parsed = parseRetentionPolicy(stored, defaults);
  // Valid when written; if the kinds moved on, the defaults are the safe reading.
  return parsed.ok ? parsed.policy : defaults;
}

/** Refuses to change or delete data of a subject under legal hold (409, saying who set it and when). */
export async function assertNoLegalHold(db: Executor, subjectId: string, what: string): Promise<void> {
  const hold = await findLegalHold(db, subjectId);
  if (hold?.active)
    throw new DomainError(
      'conflict',
      `${what} is not possible: ${hold.setBy.name} put this case on legal hold on ${hold.setAt.slice(0, 10)}, which keeps everything about the person until the hold is released`,
    );
}

/** The actions the access log records. */
export const ACCESS_ACTIONS = [
  'subject.viewed',
  'document.viewed',
  'verification.trace-viewed',
  'verification.keyframe-viewed',
  'subject.exported',
  'snapshot.viewed',
  'report.pdf-generated',
  'report.json-generated',
  'case.exported',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Copies that leave Gatecheck: every one is an entry, never folded into an earlier one. The CSV exports of all
 * subjects are not here: they are one audit entry each (`subjects.exported`, `signals.exported`), not one
 * access-log line per subject on every download.
 */
const ALWAYS_RECORDED: ReadonlySet<AccessAction> = new Set([
  'subject.exported',
  'report.pdf-generated',
  'report.json-generated',
  'case.exported',
]);

/** The same person opening the same thing again within this window is one entry. */
const ACCESS_DEDUPE_MS = 10 * 60 * 1000;

/**
 * Records that `actor` looked at a subject's sensitive data. System work (analysis jobs) is not a viewing.
 * Written outside any transaction the caller holds, so it needs the plain database handle.
 */
export async function recordAccess(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  action: AccessAction,
  itemId: string | null = null,
): Promise<void> {
  if (actor.kind === 'system') return;
  const now = app.clock.now();
  const entry = { subjectId, actor: toAuditActor(actor), action, itemId };
  const since = new Date(now.getTime() - ACCESS_DEDUPE_MS).toISOString();
  if (!ALWAYS_RECORDED.has(action) && (await hasRecentAccess(app.database.db, entry, since))) return;
  await insertAccess(app.database.db, { ...entry, id: app.ids.newId(), at: now.toISOString() });
}

/**
 * Removes stored files whose rows are gone (queued in the deleting transaction). A failure leaves the key
 * queued for the next sweep. Returns how many were removed and the errors.
 */
export async function drainFileDeletions(
  app: AppContext,
  keys?: readonly string[],
): Promise<{ removed: number; failed: { key: string; error: string }[] }> {
  const store = documentStore(app);
  const todo = keys ?? (await listQueuedFileDeletions(app.database.db, 1000));
  const result = { removed: 0, failed: [] as { key: string; error: string }[] };
  for (const key of todo) {
    try {
      await store.delete(key);
      await removeQueuedFileDeletion(app.database.db, key);
      result.removed += 1;
    } catch (error) {
      result.failed.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
