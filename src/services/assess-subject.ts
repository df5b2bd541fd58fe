import { listAssessments as listStoredAssessments } from '../adapters/db/repositories/assessments.repository.ts';
import { findSubject, subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { isIsoDateTimeWithOffset } from '../core/bundle/formats.ts';
import { DomainError } from '../core/errors.ts';
import type { DetailedAssessment } from '../core/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { type AssessmentTrigger, assessWithinPopulation, recordAssessment } from './internal/assessing.ts';

export type AssessStoredSubjectInput = {
  /** The moment to assess for (ISO 8601 with offset); default now. */
  at?: string | undefined;
  trigger?: AssessmentTrigger | undefined;
};

/** Assesses a stored subject now (or `at`) and appends the result to its history; returns it. */
export async function assessStoredSubject(
  app: AppContext,
  actor: Actor,
  id: string,
  input: AssessStoredSubjectInput = {},
): Promise<DetailedAssessment> {
  authorize(actor, 'subjects:write');
  let at: Date | undefined;
  if (input.at !== undefined) {
    if (!isIsoDateTimeWithOffset(input.at)) {
      throw new DomainError('validation', 'Invalid assessment time', [
        { path: 'at', message: `${JSON.stringify(input.at)} is not ISO 8601 with an offset` },
      ]);
    }
    at = new Date(input.at);
  }
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const subject = await findSubject(trx, id);
    if (!subject) throw notFound('Subject', id);
    const assessment = (await assessWithinPopulation(app, trx, [subject.bundle], at)).get(id);
    if (!assessment) throw new Error(`the assessment returned nothing for subject ${id}`);
    return recordAssessment(app, trx, who, id, assessment, input.trigger ?? 'manual');
  });
}

/** The subject's assessment history, newest first. */
export async function listAssessments(
  app: AppContext,
  actor: Actor,
  id: string,
): Promise<{ items: DetailedAssessment[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, id))) throw notFound('Subject', id);
  const stored = await listStoredAssessments(db, id);
  return { items: stored.map((s) => s.assessment) };
}
