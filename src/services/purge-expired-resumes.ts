// Retention for stored resume files: the encrypted original kept under `resume.fileId` is deleted once the
// resume retention (Settings → Privacy; GATECHECK_DOCUMENT_RETENTION_DAYS by default) has passed since the resume
// was read (`resume.parsedAt`), like uploaded documents; a subject under legal hold keeps it. What was read from
// it (employment, education, contact details) stays evidence; the bundle records `resume.fileDeletedAt`.
// One transaction per subject, each deletion audited as `document.deleted`.
import { appendAudit } from '../adapters/db/audit.ts';
import { listHeldSubjectIds } from '../adapters/db/repositories/privacy.repository.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';

const DAY_MS = 86_400_000;

export type ResumePurgeResult = { deleted: string[]; failed: { subjectId: string; error: string }[] };

/** The resume file of a bundle that is due for deletion at `nowMs`, if any. */
function expiredResumeFile(
  resume: { fileId?: unknown; parsedAt?: unknown; fileDeletedAt?: unknown } | undefined,
  nowMs: number,
  retentionDays: number,
): string | null {
  if (!resume || typeof resume.fileId !== 'string' || resume.fileDeletedAt !== undefined) return null;
  const parsed = typeof resume.parsedAt === 'string' ? Date.parse(resume.parsedAt) : Number.NaN;
  // A resume without a readable date was stored before dates were kept: it is due now.
  if (Number.isFinite(parsed) && parsed + retentionDays * DAY_MS > nowMs) return null;
  return resume.fileId;
}

export async function purgeExpiredResumeFiles(app: AppContext): Promise<ResumePurgeResult> {
  const nowMs = app.clock.now().getTime();
  const days = (await loadRetentionPolicy(app.database.db, app.config)).resumes;
  const held = await listHeldSubjectIds(app.database.db);
  const result: ResumePurgeResult = { deleted: [], failed: [] };
  // Only bundles that mention a stored file are read (the text filter is a cheap pre-selection).
  const rows = await app.database.db
    .selectFrom('subjects')
    .select('id')
    .where('bundle', 'like', '%"fileId"%')
    .orderBy('id')
    .execute();
  const store = documentStore(app);
  for (const { id } of rows) {
    if (held.has(id)) continue;
    try {
      const deleted = await inTransaction(app, async (trx) => {
        const subject = await findSubject(trx, id);
        const resume = subject?.bundle.resume;
        const fileId = expiredResumeFile(resume, nowMs, days);
        if (!subject || !resume || fileId === null) return false;
        await store.delete(fileId);
        const at = app.clock.now().toISOString();
        const checked = validateBundle({ ...subject.bundle, resume: { ...resume, fileDeletedAt: at } });
        if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        await updateSubjectBundle(trx, checked.bundle, at);
        await appendAudit(trx, {
          at,
          actor: toAuditActor(SYSTEM_ACTOR),
          action: 'document.deleted',
          targetType: 'subject',
          targetId: id,
          data: {
            fileId,
            kind: 'resume',
            sha256: typeof resume.sha256 === 'string' ? resume.sha256 : null,
            reason: 'retention',
            path: 'resume',
          },
        });
        return true;
      });
      if (deleted) result.deleted.push(id);
    } catch (error) {
      result.failed.push({ subjectId: id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
