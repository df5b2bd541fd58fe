import type { CaseStatus } from '../../../core/case/state-machine.ts';
import type { Executor } from '../database.ts';
import { parseJsonObject, parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, CaseEvent, CaseEventKind, CaseRecord, JsonObject, Note } from '../records.ts';
import type { CasesTable } from '../tables.ts';

function caseRowToCase(row: CasesTable): CaseRecord {
  return {
    subjectId: row.subject_id,
    status: row.status as CaseStatus,
    assigneeId: row.assignee_id,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

export async function insertCase(db: Executor, c: CaseRecord): Promise<void> {
  await db
    .insertInto('cases')
    .values({
      subject_id: c.subjectId,
      status: c.status,
      assignee_id: c.assigneeId,
      opened_at: c.openedAt,
      updated_at: c.updatedAt,
    })
    .execute();
}

export async function findCase(db: Executor, subjectId: string): Promise<CaseRecord | null> {
  const row = await db.selectFrom('cases').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
  return row ? caseRowToCase(row) : null;
}

/**
 * Compare-and-set on the status, so two concurrent transitions cannot both succeed from the same state.
 * Returns false when the case is no longer in `from`.
 */
export async function updateCaseStatus(
  db: Executor,
  subjectId: string,
  from: CaseStatus,
  to: CaseStatus,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ status: to, updated_at: at })
    .where('subject_id', '=', subjectId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateCaseAssignee(
  db: Executor,
  subjectId: string,
  assigneeId: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ assignee_id: assigneeId, updated_at: at })
    .where('subject_id', '=', subjectId)
    .execute();
}

export async function touchCase(db: Executor, subjectId: string, at: string): Promise<void> {
  await db.updateTable('cases').set({ updated_at: at }).where('subject_id', '=', subjectId).execute();
}

export async function insertCaseEvent(
  db: Executor,
  event: {
    id: string;
    subjectId: string;
    at: string;
    actor: AuditActor;
    kind: CaseEventKind;
    from: string | null;
    to: string | null;
    data?: JsonObject | null;
  },
): Promise<void> {
  await db
    .insertInto('case_events')
    .values({
      id: event.id,
      subject_id: event.subjectId,
      at: event.at,
      actor: toJsonText(event.actor),
      kind: event.kind,
      from_value: event.from,
      to_value: event.to,
      data: event.data ? toJsonText(event.data) : null,
    })
    .execute();
}

/** Oldest first. */
export async function listCaseEvents(db: Executor, subjectId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: parseJsonText<AuditActor>(r.actor),
    kind: r.kind as CaseEventKind,
    from: r.from_value,
    to: r.to_value,
    data: parseJsonObject(r.data),
  }));
}

export async function insertCaseNote(
  db: Executor,
  note: { id: string; subjectId: string; at: string; author: AuditActor; text: string },
): Promise<void> {
  await db
    .insertInto('case_notes')
    .values({
      id: note.id,
      subject_id: note.subjectId,
      at: note.at,
      author: toJsonText(note.author),
      text: note.text,
    })
    .execute();
}

/** Oldest first. */
export async function listCaseNotes(db: Executor, subjectId: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('case_notes')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, author: parseJsonText<AuditActor>(r.author), text: r.text }));
}
