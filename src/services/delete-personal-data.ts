// Data-subject deletion (DELETE /subjects/{id}/personal-data, and retention of closed cases): every row about
// the person goes in one transaction — the subject and bundle, assessments, case, events and notes, alerts,
// dismissals, their copies in stored daily digests, documents, recordings, verification sessions with their consent and snapshots, sign-in events
// (theirs and those of their linked accounts), case snapshots and checklist — and the stored files are queued in the same
// transaction and removed after the commit (a failure leaves them queued for the hourly sweep). A subject under
// legal hold is refused whole: the hold covers the case, so nothing is deleted until it is released.
// The audit entry holds the subject id and counts only; earlier audit entries stay (the chain is never cut),
// and the access log keeps who looked at the record.
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import { parseJsonText, toJsonText } from '../adapters/db/json.ts';
import { deleteLegalHold, queueFileDeletions } from '../adapters/db/repositories/privacy.repository.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, inTransaction, notFound, toAuditActor } from './context.ts';
import { lockSubjectDocuments } from './internal/documents.ts';
import { assertNoLegalHold, drainFileDeletions } from './internal/privacy.ts';

/** Rows deleted per kind of data (what the audit entry and the answer report). */
export type ErasedCounts = {
  subject: number;
  assessments: number;
  caseEvents: number;
  caseNotes: number;
  alerts: number;
  dismissals: number;
  documents: number;
  recordings: number;
  verificationSessions: number;
  keyframes: number;
  signIns: number;
  linkedAccounts: number;
  snapshots: number;
  checklistItems: number;
  files: number;
};

export type PersonalDataDeletion = { subjectId: string; deleted: ErasedCounts; filesPending: number };

const n = (r: { numDeletedRows: bigint } | undefined) => Number(r?.numDeletedRows ?? 0);

/** Stored daily digests (alert deliveries without an alert) keep a copy of each alert: the subject's are removed. */
async function removeFromDigests(trx: Transaction<DB>, subjectId: string): Promise<void> {
  const digests = await trx
    .selectFrom('alert_deliveries')
    .select(['id', 'payload'])
    .where('alert_id', 'is', null)
    .where('payload', 'like', `%${JSON.stringify(subjectId).slice(1, -1)}%`)
    .execute();
  for (const d of digests) {
    if (d.payload === null) continue;
    const digest = parseJsonText<{ alerts?: { subjectId?: unknown }[] }>(d.payload);
    if (!Array.isArray(digest.alerts)) continue;
    const alerts = digest.alerts.filter((a) => a.subjectId !== subjectId);
    if (alerts.length === digest.alerts.length) continue;
    await trx
      .updateTable('alert_deliveries')
      .set({ payload: toJsonText({ ...digest, alerts }) })
      .where('id', '=', d.id)
      .execute();
  }
}

/**
 * Deletes every row about the subject in the caller's transaction and queues its stored files; the caller
 * checks the legal hold and writes the audit entry. Returns the counts and the queued file keys.
 */
export async function eraseSubjectRows(
  trx: Transaction<DB>,
  subjectId: string,
  at: string,
): Promise<{ counts: ErasedCounts; keys: string[] }> {
  const subject = await findSubject(trx, subjectId);
  if (subject === null) throw notFound('Subject', subjectId);
  const keys: string[] = [];
  const docs = await trx
    .selectFrom('document_files')
    .select(['storage_key', 'ela_key'])
    .where('subject_id', '=', subjectId)
    .execute();
  for (const d of docs) keys.push(...[d.storage_key, d.ela_key].filter((k): k is string => k !== null));
  const recs = await trx
    .selectFrom('interview_recordings')
    .select('storage_key')
    .where('subject_id', '=', subjectId)
    .execute();
  for (const r of recs) if (r.storage_key !== null) keys.push(r.storage_key);
  const sessions = await trx
    .selectFrom('verification_sessions')
    .select(['id', 'trace_key'])
    .where('subject_id', '=', subjectId)
    .execute();
  for (const s of sessions) if (s.trace_key !== null) keys.push(s.trace_key);
  const sessionIds = sessions.map((s) => s.id);
  let keyframes = 0;
  if (sessionIds.length > 0) {
    const frames = await trx
      .selectFrom('verification_keyframes')
      .select('storage_key')
      .where('session_id', 'in', sessionIds)
      .execute();
    for (const f of frames) if (f.storage_key !== null) keys.push(f.storage_key);
    keyframes = n(
      await trx.deleteFrom('verification_keyframes').where('session_id', 'in', sessionIds).executeTakeFirst(),
    );
  }
  const resume = subject.bundle.resume;
  if (typeof resume?.fileId === 'string' && resume.fileDeletedAt === undefined) keys.push(resume.fileId);

  const accounts = (
    await trx.selectFrom('subject_accounts').select('account').where('subject_id', '=', subjectId).execute()
  ).map((a) => a.account);
  let signIns = n(
    await trx.deleteFrom('login_events').where('subject_id', '=', subjectId).executeTakeFirst(),
  );
  if (accounts.length > 0)
    signIns += n(await trx.deleteFrom('login_events').where('account', 'in', accounts).executeTakeFirst());
  const alertIds = (
    await trx.selectFrom('alerts').select('id').where('subject_id', '=', subjectId).execute()
  ).map((a) => a.id);
  if (alertIds.length > 0)
    await trx.deleteFrom('alert_deliveries').where('alert_id', 'in', alertIds).execute();
  await removeFromDigests(trx, subjectId);
  const bySubject = async (
    table:
      | 'verification_sessions'
      | 'document_files'
      | 'interview_recordings'
      | 'alerts'
      | 'assessments'
      | 'case_events'
      | 'case_notes'
      | 'cases'
      | 'match_dismissals'
      | 'subject_accounts'
      | 'login_reassess_pending'
      | 'case_snapshots'
      | 'case_checklist_items',
  ) => n(await trx.deleteFrom(table).where('subject_id', '=', subjectId).executeTakeFirst());
  const counts: ErasedCounts = {
    verificationSessions: await bySubject('verification_sessions'),
    keyframes,
    documents: await bySubject('document_files'),
    recordings: await bySubject('interview_recordings'),
    alerts: await bySubject('alerts'),
    assessments: await bySubject('assessments'),
    caseEvents: await bySubject('case_events'),
    caseNotes: await bySubject('case_notes'),
    dismissals: await bySubject('match_dismissals'),
    linkedAccounts: await bySubject('subject_accounts'),
    signIns,
    snapshots: await bySubject('case_snapshots'),
    checklistItems: await bySubject('case_checklist_items'),
    subject: 0,
    files: new Set(keys).size,
  };
  await bySubject('cases');
  await bySubject('login_reassess_pending');
  await deleteLegalHold(trx, subjectId);
  counts.subject = n(await trx.deleteFrom('subjects').where('id', '=', subjectId).executeTakeFirst());
  await queueFileDeletions(trx, keys, at);
  return { counts, keys: [...new Set(keys)] };
}

/**
 * Deletes everything stored about the person (admins only). `confirm` must repeat the subject id, so a stray
 * request cannot delete the wrong person. Refused with 409 while the case is on legal hold.
 */
export async function deletePersonalData(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  confirm: string | undefined,
): Promise<PersonalDataDeletion> {
  if (actor.role !== 'admin')
    throw new DomainError(
      'forbidden',
      `Only an admin can delete a person's data; the ${actor.role} role cannot`,
    );
  if (confirm !== subjectId)
    throw new DomainError(
      'validation',
      `To delete everything about ${JSON.stringify(subjectId)}, repeat the subject id as confirm`,
      [{ path: 'confirm', message: confirm === undefined ? 'missing' : 'does not match the subject id' }],
    );
  const { counts, keys } = await inTransaction(app, async (trx) => {
    await lockSubjectDocuments(trx, subjectId);
    await assertNoLegalHold(trx, subjectId, "Deleting this person's data");
    const at = app.clock.now().toISOString();
    const erased = await eraseSubjectRows(trx, subjectId, at);
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'subject.personal-data-deleted',
      targetType: 'subject',
      targetId: subjectId,
      data: { reason: 'request', counts: erased.counts },
    });
    return erased;
  });
  const drained = await drainFileDeletions(app, keys);
  return { subjectId, deleted: counts, filesPending: drained.failed.length };
}
