// Read models the API returns: SubjectDetail and CaseView.
import type { Executor } from '../../adapters/db/database.ts';
import type { CaseEvent, Note } from '../../adapters/db/records.ts';
import { latestAssessment } from '../../adapters/db/repositories/assessments.repository.ts';
import { findCase, listCaseEvents, listCaseNotes } from '../../adapters/db/repositories/cases.repository.ts';
import { findSubject } from '../../adapters/db/repositories/subjects.repository.ts';
import { findUserById } from '../../adapters/db/repositories/users.repository.ts';
import { can } from '../../core/auth/roles.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import { CASE_TRANSITIONS, type CaseStatus } from '../../core/case/state-machine.ts';
import type { DetailedAssessment } from '../../core/types.ts';
import { type Actor, notFound } from '../context.ts';

export type CaseView = {
  status: CaseStatus;
  assignee: { id: string; name: string } | null;
  /** The statuses this actor may move the case to now (empty without the cases:work permission). */
  allowedTransitions: CaseStatus[];
  openedAt: string;
  updatedAt: string;
  /** Oldest first. */
  events: CaseEvent[];
  /** Oldest first. */
  notes: Note[];
};

export type SubjectDetail = {
  id: string;
  bundle: CaseBundle;
  assessment: DetailedAssessment | null;
  case: CaseView;
  createdAt: string;
  updatedAt: string;
};

export async function loadCaseView(db: Executor, actor: Actor, subjectId: string): Promise<CaseView> {
  const record = await findCase(db, subjectId);
  if (!record) throw notFound('Subject', subjectId);
  const [events, notes, assignee] = await Promise.all([
    listCaseEvents(db, subjectId),
    listCaseNotes(db, subjectId),
    record.assigneeId ? findUserById(db, record.assigneeId) : Promise.resolve(null),
  ]);
  return {
    status: record.status,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    allowedTransitions: can(actor.role, 'cases:work') ? [...CASE_TRANSITIONS[record.status]] : [],
    openedAt: record.openedAt,
    updatedAt: record.updatedAt,
    events,
    notes,
  };
}

export async function loadSubjectDetail(db: Executor, actor: Actor, id: string): Promise<SubjectDetail> {
  const subject = await findSubject(db, id);
  if (!subject) throw notFound('Subject', id);
  const [latest, caseView] = await Promise.all([latestAssessment(db, id), loadCaseView(db, actor, id)]);
  return {
    id: subject.id,
    bundle: subject.bundle,
    assessment: latest?.assessment ?? null,
    case: caseView,
    createdAt: subject.createdAt,
    updatedAt: subject.updatedAt,
  };
}
