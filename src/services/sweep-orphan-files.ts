// Orphan files: stored files that no row refers to any more — left by a crash between writing a file and
// committing its row, or between a deletion's commit and the file's removal. Part of the hourly retention sweep.
// Only keys this program makes for personal data (documents, error-level images, recordings, verification traces
// and pictures, resumes) are considered, and only once they are a day old, so an upload in progress is never
// taken for an orphan. Audited as `retention.deleted` with kind `orphanFiles` and the count.
import { appendAudit } from '../adapters/db/audit.ts';
import type { Executor } from '../adapters/db/database.ts';
import { parseJsonText } from '../adapters/db/json.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';

export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
const SWEPT_PREFIXES = ['doc-', 'ela-', 'rec-', 'vtrace-', 'vkey-', 'resume-'];

/** Every stored-file key a row or a bundle still refers to. */
async function referencedKeys(db: Executor): Promise<Set<string>> {
  const keys = new Set<string>();
  const add = (k: string | null) => {
    if (k !== null) keys.add(k);
  };
  for (const d of await db.selectFrom('document_files').select(['storage_key', 'ela_key']).execute()) {
    add(d.storage_key);
    add(d.ela_key);
  }
  for (const r of await db.selectFrom('interview_recordings').select('storage_key').execute())
    add(r.storage_key);
  for (const s of await db.selectFrom('verification_sessions').select('trace_key').execute())
    add(s.trace_key);
  for (const k of await db.selectFrom('verification_keyframes').select('storage_key').execute())
    add(k.storage_key);
  const bundles = await db
    .selectFrom('subjects')
    .select('bundle')
    .where('bundle', 'like', '%"fileId"%')
    .execute();
  for (const { bundle } of bundles) {
    const resume = parseJsonText<{ resume?: { fileId?: unknown } }>(bundle).resume;
    if (typeof resume?.fileId === 'string') keys.add(resume.fileId);
  }
  return keys;
}

export type OrphanSweep = { removed: string[]; failed: { key: string; error: string }[] };

export async function sweepOrphanFiles(app: AppContext): Promise<OrphanSweep> {
  const result: OrphanSweep = { removed: [], failed: [] };
  const store = documentStore(app);
  if (store.list === undefined) return result;
  const before = app.clock.now().getTime() - ORPHAN_GRACE_MS;
  const candidates = (await store.list()).filter(
    (k) => SWEPT_PREFIXES.some((p) => k.key.startsWith(p)) && k.modifiedAt.getTime() <= before,
  );
  if (candidates.length === 0) return result;
  const referenced = await referencedKeys(app.database.db);
  for (const { key } of candidates) {
    if (referenced.has(key)) continue;
    try {
      await store.delete(key);
      result.removed.push(key);
    } catch (error) {
      result.failed.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (result.removed.length > 0)
    await inTransaction(app, (trx) =>
      appendAudit(trx, {
        at: app.clock.now().toISOString(),
        actor: toAuditActor(SYSTEM_ACTOR),
        action: 'retention.deleted',
        targetType: 'retention',
        targetId: 'orphanFiles',
        data: { kind: 'orphanFiles', count: result.removed.length },
      }),
    );
  return result;
}
