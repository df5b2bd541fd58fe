// The checklist of one subject as core sees it: the subject's kind and start date, its band, its case
// status and the policy, with the stored item states. Shared by the checklist service and recordAssessment.
import type { Executor } from '../../adapters/db/database.ts';
import { findCase } from '../../adapters/db/repositories/cases.repository.ts';
import { listChecklistStates } from '../../adapters/db/repositories/checklists.repository.ts';
import { findSubject } from '../../adapters/db/repositories/subjects.repository.ts';
import {
  buildChecklist,
  type ChecklistContext,
  type ChecklistView,
  checklistGaps,
} from '../../core/checklist/checklist.ts';
import type { Band, NotEvaluated, Policy } from '../../core/types.ts';

export type LoadedChecklist = { context: ChecklistContext; view: ChecklistView };

/**
 * The subject's checklist, or null when the subject does not exist. `band` overrides the stored band
 * (recordAssessment passes the band of the assessment it is about to store).
 */
export async function loadChecklist(
  db: Executor,
  subjectId: string,
  policy: Policy,
  now: Date,
  band?: Band,
): Promise<LoadedChecklist | null> {
  const [subject, kase, states] = await Promise.all([
    findSubject(db, subjectId),
    findCase(db, subjectId),
    listChecklistStates(db, subjectId),
  ]);
  if (!subject) return null;
  const s = subject.bundle.subject;
  const context: ChecklistContext = {
    subjectKind: s.kind,
    startDate: s.startDate,
    band: band ?? subject.band,
    caseStatus: kase?.status ?? null,
    policy: policy.checklist,
    inPersonWindowDays: policy.inPersonWindowDays,
    now,
  };
  return { context, view: buildChecklist(context, states) };
}

/** The open checklist items of a subject as not-evaluated gaps (none when the subject does not exist). */
export async function loadChecklistGaps(
  db: Executor,
  subjectId: string,
  policy: Policy,
  now: Date,
  band: Band,
): Promise<NotEvaluated[]> {
  const loaded = await loadChecklist(db, subjectId, policy, now, band);
  return loaded ? checklistGaps(loaded.view) : [];
}
