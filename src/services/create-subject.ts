import { appendAudit } from '../adapters/db/audit.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { requireValidBundle } from './internal/bundles.ts';
import { insertSubjectWithCase } from './internal/subjects.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

/** Stores a new subject from a case bundle, opens its case and assesses it. 409 if the id exists. */
export async function createSubject(app: AppContext, actor: Actor, value: unknown): Promise<SubjectDetail> {
  authorize(actor, 'subjects:write');
  const bundle = requireValidBundle(value);
  const id = bundle.subject.id;
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    if (await subjectExists(trx, id)) {
      throw new DomainError(
        'conflict',
        `A subject with id ${JSON.stringify(id)} already exists; use PUT to replace it`,
      );
    }
    await insertSubjectWithCase(app, trx, who, bundle);
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: who,
      action: 'subject.created',
      targetType: 'subject',
      targetId: id,
      data: { name: bundle.subject.name ?? null, kind: bundle.subject.kind ?? null },
    });
    const assessment = (await assessWithinPopulation(app, trx, [bundle])).get(id);
    if (assessment) await recordAssessment(app, trx, who, id, assessment, 'created');
    return loadSubjectDetail(trx, actor, id);
  });
}
