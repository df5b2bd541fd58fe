import { appendAudit } from '../adapters/db/audit.ts';
import {
  findCase,
  insertCaseEvent,
  insertCaseNote,
  touchCase,
  updateCaseAssignee,
  updateCaseStatus,
} from '../adapters/db/repositories/cases.repository.ts';
import { findUserById } from '../adapters/db/repositories/users.repository.ts';
import { assertTransition, isCaseStatus } from '../core/case/state-machine.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { type CaseView, loadCaseView } from './internal/views.ts';

export type { CaseView };

export const MAX_NOTE_LENGTH = 10_000;

function requireNoteText(text: unknown, path: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '')
    throw new DomainError('validation', 'The note is empty', [{ path, message: 'must not be empty' }]);
  if (trimmed.length > MAX_NOTE_LENGTH) {
    throw new DomainError('validation', 'The note is too long', [
      { path, message: `${trimmed.length} characters; the limit is ${MAX_NOTE_LENGTH}` },
    ]);
  }
  return trimmed;
}

export async function getCase(app: AppContext, actor: Actor, subjectId: string): Promise<CaseView> {
  authorize(actor, 'subjects:read');
  return loadCaseView(app.database.db, actor, subjectId);
}

/** Moves the case along the workflow (core decides what is allowed), optionally with a note. */
export async function transitionCase(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { to: string; note?: string | undefined },
): Promise<CaseView> {
  authorize(actor, 'cases:work');
  const to = input.to;
  if (!isCaseStatus(to)) {
    throw new DomainError('validation', `"${to}" is not a case status`, [
      { path: 'to', message: 'not a case status' },
    ]);
  }
  const noteText =
    input.note !== undefined && input.note.trim() !== '' ? requireNoteText(input.note, 'note') : null;
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const current = await findCase(trx, subjectId);
    if (!current) throw notFound('Subject', subjectId);
    assertTransition(current.status, to);
    const at = app.clock.now().toISOString();
    if (!(await updateCaseStatus(trx, subjectId, current.status, to, at))) {
      throw new DomainError(
        'conflict',
        'The case changed while you were working on it; reload and try again',
      );
    }
    let noteId: string | null = null;
    if (noteText !== null) {
      noteId = app.ids.newId();
      await insertCaseNote(trx, { id: noteId, subjectId, at, author: who, text: noteText });
    }
    await insertCaseEvent(trx, {
      id: app.ids.newId(),
      subjectId,
      at,
      actor: who,
      kind: 'transitioned',
      from: current.status,
      to,
      data: noteId ? { noteId } : null,
    });
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'case.transitioned',
      targetType: 'subject',
      targetId: subjectId,
      data: { from: current.status, to, noteId },
    });
    return loadCaseView(trx, actor, subjectId);
  });
}

/** Assigns the case to an active user, or unassigns it (null). */
export async function assignCase(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { userId: string | null },
): Promise<CaseView> {
  authorize(actor, 'cases:work');
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const current = await findCase(trx, subjectId);
    if (!current) throw notFound('Subject', subjectId);
    let assigneeName: string | null = null;
    if (input.userId !== null) {
      const user = await findUserById(trx, input.userId);
      if (!user || user.disabled) {
        throw new DomainError('validation', 'The case can only be assigned to an active user', [
          { path: 'userId', message: user ? 'this user is disabled' : 'no such user' },
        ]);
      }
      assigneeName = user.name;
    }
    if (current.assigneeId === input.userId) return loadCaseView(trx, actor, subjectId);
    const at = app.clock.now().toISOString();
    await updateCaseAssignee(trx, subjectId, input.userId, at);
    await insertCaseEvent(trx, {
      id: app.ids.newId(),
      subjectId,
      at,
      actor: who,
      kind: 'assigned',
      from: current.assigneeId,
      to: input.userId,
      data: assigneeName ? { assigneeName } : null,
    });
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'case.assigned',
      targetType: 'subject',
      targetId: subjectId,
      data: { from: current.assigneeId, to: input.userId },
    });
    return loadCaseView(trx, actor, subjectId);
  });
}

export async function addCaseNote(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { text: string },
): Promise<CaseView> {
  authorize(actor, 'cases:note');
  const text = requireNoteText(input.text, 'text');
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    if (!(await findCase(trx, subjectId))) throw notFound('Subject', subjectId);
    const at = app.clock.now().toISOString();
    const id = app.ids.newId();
    await insertCaseNote(trx, { id, subjectId, at, author: who, text });
    await touchCase(trx, subjectId, at);
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'case.note_added',
      targetType: 'subject',
      targetId: subjectId,
      data: { noteId: id, length: text.length },
    });
    return loadCaseView(trx, actor, subjectId);
  });
}
