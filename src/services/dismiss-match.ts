// An investigator dismisses a sanctions match as "not this person", with a reason. The decision is audited,
// remembered for that subject and list entry until the entry changes (its entryVersion), and the subject is
// re-assessed at once without the match.
import { appendAudit } from '../adapters/db/audit.ts';
import {
  type DismissalRecord,
  insertDismissal,
  listDismissals,
} from '../adapters/db/repositories/dismissals.repository.ts';
import { findSubject, subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

export const DISMISSABLE_SIGNALS = ['sanctions.name-match', 'sanctions.entity-match'] as const;
export const MIN_REASON = 5;
export const MAX_REASON = 2000;

export type DismissMatchInput = {
  signal: string;
  list: string;
  entryId: string;
  entryVersion: string;
  reason: string;
  matchedName?: string | undefined;
};

function validate(input: DismissMatchInput): DismissMatchInput {
  const problems: { path: string; message: string }[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (!(DISMISSABLE_SIGNALS as readonly string[]).includes(input.signal))
    problems.push({ path: 'signal', message: `one of ${DISMISSABLE_SIGNALS.join(', ')}` });
  for (const key of ['list', 'entryId', 'entryVersion'] as const) {
    const v = text(input[key]);
    if (v === '' || v.length > 200)
      problems.push({ path: key, message: 'required (at most 200 characters)' });
  }
  const reason = text(input.reason);
  if (reason.length < MIN_REASON || reason.length > MAX_REASON)
    problems.push({ path: 'reason', message: `say why, in ${MIN_REASON} to ${MAX_REASON} characters` });
  if (problems.length > 0) throw new DomainError('validation', 'The dismissal is not valid', problems);
  return {
    signal: input.signal,
    list: text(input.list),
    entryId: text(input.entryId),
    entryVersion: text(input.entryVersion),
    reason,
    ...(input.matchedName ? { matchedName: text(input.matchedName).slice(0, 300) } : {}),
  };
}

export async function dismissMatch(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: DismissMatchInput,
): Promise<SubjectDetail> {
  authorize(actor, 'cases:work');
  const value = validate(input);
  const who = toAuditActor(actor);
  await inTransaction(app, async (trx) => {
    const subject = await findSubject(trx, subjectId);
    if (!subject) throw notFound('Subject', subjectId);
    const at = app.clock.now().toISOString();
    const id = app.ids.newId();
    await insertDismissal(trx, {
      id,
      subjectId,
      signal: value.signal,
      list: value.list,
      entryId: value.entryId,
      entryVersion: value.entryVersion,
      matchedName: value.matchedName ?? null,
      reason: value.reason,
      dismissedBy: who,
      dismissedAt: at,
    });
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'sanctions.match_dismissed',
      targetType: 'subject',
      targetId: subjectId,
      data: {
        dismissalId: id,
        signal: value.signal,
        list: value.list,
        entryId: value.entryId,
        entryVersion: value.entryVersion,
      },
    });
    const assessment = (await assessWithinPopulation(app, trx, [subject.bundle])).get(subjectId);
    if (!assessment) throw new Error(`the assessment returned nothing for subject ${subjectId}`);
    await recordAssessment(app, trx, who, subjectId, assessment, 'dismissal');
  });
  return loadSubjectDetail(app.database.db, actor, subjectId);
}

export async function listMatchDismissals(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<{ items: DismissalRecord[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  return { items: await listDismissals(db, subjectId) };
}
