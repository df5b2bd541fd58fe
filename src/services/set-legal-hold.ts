// Legal hold per case (PUT /subjects/{id}/legal-hold): while on, retention deletes nothing of the subject and a
// deletion request is refused. Admins set and release it with a reason; the change is audited (on/off only: the
// reason stays on the hold, since it may name people).
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor } from '../adapters/db/records.ts';
import { findLegalHold, putLegalHold } from '../adapters/db/repositories/privacy.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { lockSubjectDocuments } from './internal/documents.ts';

export const MAX_HOLD_REASON = 500;

export type LegalHoldView = {
  subjectId: string;
  on: boolean;
  /** Why it was set or released; null when never set. */
  reason: string | null;
  setBy: AuditActor | null;
  setAt: string | null;
};

export async function getLegalHold(app: AppContext, actor: Actor, subjectId: string): Promise<LegalHoldView> {
  authorize(actor, 'subjects:read');
  if (!(await subjectExists(app.database.db, subjectId))) throw notFound('Subject', subjectId);
  const hold = await findLegalHold(app.database.db, subjectId);
  return hold === null
    ? { subjectId, on: false, reason: null, setBy: null, setAt: null }
    : { subjectId, on: hold.active, reason: hold.reason, setBy: hold.setBy, setAt: hold.setAt };
}

export async function setLegalHold(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { on: boolean; reason: string },
): Promise<LegalHoldView> {
  authorize(actor, 'policy:write');
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_HOLD_REASON)
    throw new DomainError('validation', 'Say why the hold is set or released', [
      {
        path: 'reason',
        message: reason.length === 0 ? 'missing' : `${reason.length} characters; at most ${MAX_HOLD_REASON}`,
      },
    ]);
  return inTransaction(app, async (trx) => {
    await lockSubjectDocuments(trx, subjectId);
    if (!(await subjectExists(trx, subjectId))) throw notFound('Subject', subjectId);
    const previous = await findLegalHold(trx, subjectId);
    const at = app.clock.now().toISOString();
    const who = toAuditActor(actor);
    await putLegalHold(trx, { subjectId, active: input.on, reason, setBy: who, setAt: at });
    if ((previous?.active ?? false) !== input.on)
      await appendAudit(trx, {
        at,
        actor: who,
        action: input.on ? 'subject.legal-hold-set' : 'subject.legal-hold-released',
        targetType: 'subject',
        targetId: subjectId,
        data: { on: input.on },
      });
    return { subjectId, on: input.on, reason, setBy: who, setAt: at };
  });
}
