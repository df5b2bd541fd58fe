// The retention sweep, run by the server at start and every hour: with the organisation's periods
// (Settings → Privacy), it deletes
//   - identity documents, interview recordings and resume files past their date (purge-expired-documents.ts,
//     which `gatecheck documents purge` runs alone; `gatecheck retention run` runs this whole sweep),
//   - verification traces and face snapshots past theirs (expire-verifications.ts),
//   - sign-in events older than the sign-in period (stored events and bundle `logins[]`),
//   - change events and payments older than the change period (bundle `changes[]`, `payments[]`),
//   - face measurements read from ID photos once the biometric period has passed,
//   - closed cases untouched for the closed-case period: everything about the person (delete-personal-data.ts),
// and removes stored files queued by a deletion whose removal failed, and orphan files (sweep-orphan-files.ts).
// Nothing of a subject under legal hold is touched. Each deletion is audited with its kind and count (ids only,
// no personal data). Safe to run from several processes: every deletion re-reads its rows in its own transaction.
import { appendAudit } from '../adapters/db/audit.ts';
import { heldSubjectIds, listHeldSubjectIds } from '../adapters/db/repositories/privacy.repository.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { pruneBundle } from '../core/privacy/prune-bundle.ts';
import { type RetentionPolicy, retentionCutoff } from '../core/privacy/retention.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { eraseSubjectRows } from './delete-personal-data.ts';
import { expireVerifications } from './expire-verifications.ts';
import { lockSubjectDocuments } from './internal/documents.ts';
import { type PeriodicTask, startPeriodic } from './internal/periodic.ts';
import { assertNoLegalHold, drainFileDeletions, loadRetentionPolicy } from './internal/privacy.ts';
import { purgeExpiredDocuments, RETENTION_INTERVAL_MS } from './purge-expired-documents.ts';
import { sweepOrphanFiles } from './sweep-orphan-files.ts';

export type RetentionResult = {
  /** Document, recording and resume files (see PurgeResult). */
  files: number;
  tracesDeleted: number;
  keyframeSessions: number;
  signIns: number;
  changes: number;
  payments: number;
  faceData: number;
  closedCases: string[];
  queuedFilesRemoved: number;
  /** Stored files no row referred to (see sweep-orphan-files.ts). */
  orphanFiles: number;
  failed: { item: string; error: string }[];
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function applyRetention(app: AppContext): Promise<RetentionResult> {
  const policy = await loadRetentionPolicy(app.database.db, app.config);
  const result: RetentionResult = {
    files: 0,
    tracesDeleted: 0,
    keyframeSessions: 0,
    signIns: 0,
    changes: 0,
    payments: 0,
    faceData: 0,
    closedCases: [],
    queuedFilesRemoved: 0,
    orphanFiles: 0,
    failed: [],
  };
  const files = await purgeExpiredDocuments(app);
  result.files = files.deleted;
  for (const f of files.failed) result.failed.push({ item: f.fileId, error: f.error });
  const verifications = await expireVerifications(app);
  result.tracesDeleted = verifications.tracesDeleted.length;
  result.keyframeSessions = verifications.keyframesDeleted.length;
  for (const f of verifications.failed)
    result.failed.push({ item: `session ${f.sessionId}`, error: f.error });
  result.signIns = await purgeSignInEvents(app, policy, result);
  await pruneBundles(app, policy, result);
  await purgeClosedCases(app, policy, result);
  const drained = await drainFileDeletions(app);
  result.queuedFilesRemoved = drained.removed;
  for (const f of drained.failed) result.failed.push({ item: `file ${f.key}`, error: f.error });
  try {
    const orphans = await sweepOrphanFiles(app);
    result.orphanFiles = orphans.removed.length;
    for (const f of orphans.failed) result.failed.push({ item: `file ${f.key}`, error: f.error });
  } catch (error) {
    result.failed.push({ item: 'orphan files', error: message(error) });
  }
  return result;
}

/** Stored sign-in events older than the period (unmatched ones too), in one audited transaction. */
async function purgeSignInEvents(
  app: AppContext,
  policy: RetentionPolicy,
  result: RetentionResult,
): Promise<number> {
  const cutoff = retentionCutoff(app.clock.now(), policy.signIns);
  try {
    return await inTransaction(app, async (trx) => {
      const deleted = await trx
        .deleteFrom('login_events')
        .where('at', '<=', cutoff)
        .where((eb) => eb.or([eb('subject_id', 'is', null), eb('subject_id', 'not in', heldSubjectIds(trx))]))
        .executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      // An import's summary names unmatched accounts and quotes unreadable lines: cleared after the same period.
      await trx
        .updateTable('login_imports')
        .set({ unmatched_accounts: '[]', problems: '[]' })
        .where('created_at', '<=', cutoff)
        .where((eb) => eb.or([eb('unmatched_accounts', '!=', '[]'), eb('problems', '!=', '[]')]))
        .execute();
      if (count > 0)
        await appendAudit(trx, {
          at: app.clock.now().toISOString(),
          actor: toAuditActor(SYSTEM_ACTOR),
          action: 'retention.deleted',
          targetType: 'retention',
          targetId: 'signIns',
          data: { kind: 'signIns', count, before: cutoff },
        });
      return count;
    });
  } catch (error) {
    result.failed.push({ item: 'sign-in events', error: message(error) });
    return 0;
  }
}

/** Sign-ins, changes, payments and face measurements inside bundles: one transaction per subject. */
async function pruneBundles(
  app: AppContext,
  policy: RetentionPolicy,
  result: RetentionResult,
): Promise<void> {
  const held = await listHeldSubjectIds(app.database.db);
  // A cheap text pre-selection: only bundles that hold a dated kind the sweep looks at are read.
  const rows = await app.database.db
    .selectFrom('subjects')
    .select('id')
    .where((eb) =>
      eb.or(
        ['"logins"', '"changes"', '"payments"', '"faceEmbedding"'].map((word) =>
          eb('bundle', 'like', `%${word}%`),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  for (const { id } of rows) {
    if (held.has(id)) continue;
    try {
      await inTransaction(app, async (trx) => {
        await lockSubjectDocuments(trx, id);
        const subject = await findSubject(trx, id);
        if (subject === null) return;
        const last = await trx
          .selectFrom('verification_sessions')
          .select((eb) => eb.fn.max('finished_at').as('at'))
          .where('subject_id', '=', id)
          .executeTakeFirst();
        const now = app.clock.now();
        const pruned = pruneBundle(subject.bundle, now, policy, last?.at ?? null);
        if (!pruned.changed) return;
        const checked = validateBundle(pruned.bundle);
        if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        const at = now.toISOString();
        await updateSubjectBundle(trx, checked.bundle, at);
        await appendAudit(trx, {
          at,
          actor: toAuditActor(SYSTEM_ACTOR),
          action: 'retention.deleted',
          targetType: 'subject',
          targetId: id,
          data: { kind: 'bundle', counts: pruned.removed },
        });
        result.signIns += pruned.removed.signIns;
        result.changes += pruned.removed.changes;
        result.payments += pruned.removed.payments;
        result.faceData += pruned.removed.faceData;
      });
    } catch (error) {
      result.failed.push({ item: `subject ${id}`, error: message(error) });
    }
  }
}

/** Closed cases unchanged for the closed-case period: everything about the person is deleted. */
async function purgeClosedCases(
  app: AppContext,
  policy: RetentionPolicy,
  result: RetentionResult,
): Promise<void> {
  const cutoff = retentionCutoff(app.clock.now(), policy.closedCases);
  const due = await app.database.db
    .selectFrom('cases')
    .select('subject_id')
    .where('status', '=', 'closed')
    .where('updated_at', '<=', cutoff)
    .where('subject_id', 'not in', heldSubjectIds(app.database.db))
    .orderBy('subject_id')
    .execute();
  for (const { subject_id: id } of due) {
    try {
      const keys = await inTransaction(app, async (trx) => {
        await lockSubjectDocuments(trx, id);
        await assertNoLegalHold(trx, id, 'Retention');
        // Re-read under the lock: the case may have been reopened since it was listed.
        const c = await trx
          .selectFrom('cases')
          .select(['status', 'updated_at'])
          .where('subject_id', '=', id)
          .executeTakeFirst();
        if (c?.status !== 'closed' || c.updated_at > cutoff) return null;
        const at = app.clock.now().toISOString();
        const erased = await eraseSubjectRows(trx, id, at);
        await appendAudit(trx, {
          at,
          actor: toAuditActor(SYSTEM_ACTOR),
          action: 'subject.personal-data-deleted',
          targetType: 'subject',
          targetId: id,
          data: { reason: 'retention', kind: 'closedCases', counts: erased.counts },
        });
        return erased.keys;
      });
      if (keys === null) continue;
      result.closedCases.push(id);
      await drainFileDeletions(app, keys);
    } catch (error) {
      result.failed.push({ item: `closed case ${id}`, error: message(error) });
    }
  }
}

export type RetentionTimer = PeriodicTask;

/**
 * Runs the sweep now and every hour in the background (the timer does not keep the process alive). Errors are
 * reported, never thrown: the next run tries again.
 */
export function startRetention(
  app: AppContext,
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    /** Called when something was deleted or failed. */
    onDeleted?: (result: RetentionResult) => void;
  } = {},
): RetentionTimer {
  return startPeriodic(
    async () => {
      const result = await applyRetention(app);
      const deleted =
        result.files +
        result.tracesDeleted +
        result.keyframeSessions +
        result.signIns +
        result.changes +
        result.payments +
        result.faceData +
        result.closedCases.length +
        result.queuedFilesRemoved +
        result.orphanFiles;
      if (deleted > 0 || result.failed.length > 0) options.onDeleted?.(result);
    },
    options.intervalMs ?? RETENTION_INTERVAL_MS,
    options.onError,
  );
}

/** A one-line summary for the server log: what was deleted (kinds with nothing left out) and what failed. */
export function describeRetention(result: RetentionResult): string {
  const counts: [number, string][] = [
    [result.files, 'file(s)'],
    [result.tracesDeleted, 'verification trace(s)'],
    [result.signIns, 'sign-in event(s)'],
    [result.changes + result.payments, 'change/payment record(s)'],
    [result.faceData, 'face measurement(s)'],
    [result.closedCases.length, 'closed case(s)'],
    [result.queuedFilesRemoved + result.orphanFiles, 'orphan file(s)'],
  ];
  const parts = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const deleted = parts.length > 0 ? `deleted ${parts.join(', ')}` : 'nothing deleted';
  const failed =
    result.failed.length > 0
      ? `; ${result.failed.length} could not be deleted (${result.failed[0]?.item}: ${result.failed[0]?.error})`
      : '';
  return `Retention: ${deleted}${failed}`;
}
