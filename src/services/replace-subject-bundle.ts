import { appendAudit } from '../adapters/db/audit.ts';
import { subjectExists, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { requireValidBundle } from './internal/bundles.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

/** Replaces a subject's whole bundle (same subject.id) and re-assesses it. */
export async function replaceSubjectBundle(
  app: AppContext,
  actor: Actor,
  id: string,
  value: unknown,
): Promise<SubjectDetail> {
  authorize(actor, 'subjects:write');
  const bundle = requireValidBundle(value);
  if (bundle.subject.id !== id) {
    throw new DomainError('validation', 'The bundle is for another subject', [
      {
        path: 'subject.id',
        message: `${JSON.stringify(bundle.subject.id)} does not match ${JSON.stringify(id)}`,
      },
    ]);
  }
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    if (!(await subjectExists(trx, id))) throw notFound('Subject', id);
    await updateSubjectBundle(trx, bundle, app.clock.now().toISOString());
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: who,
      action: 'subject.updated',
      targetType: 'subject',
      targetId: id,
    });
    const assessment = (await assessWithinPopulation(app, trx, [bundle])).get(id);
    if (assessment) await recordAssessment(app, trx, who, id, assessment, 'updated');
    return loadSubjectDetail(trx, actor, id);
  });
}
