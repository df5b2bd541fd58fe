import { appendAudit } from '../adapters/db/audit.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { parseCaseExport, withoutCaseExport } from '../core/report/case-export.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { requireValidBundle } from './internal/bundles.ts';
import { restoreCase } from './internal/case-restore.ts';
import { insertSubjectWithCase } from './internal/subjects.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

/**
 * Stores a new subject from a case bundle, opens its case and assesses it. 409 if the id exists. A case
 * export's `caseExport` is kept out of the stored bundle and restores the case in the same transaction.
 */
export async function createSubject(app: AppContext, actor: Actor, value: unknown): Promise<SubjectDetail> {
  authorize(actor, 'subjects:write');
  const caseExport = parseCaseExport(value);
  if (!caseExport.ok) {
    throw new DomainError(
      'validation',
      'The case export is not valid; nothing was stored',
      caseExport.problems,
    );
  }
  const bundle = withoutCaseExport(requireValidBundle(value));
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
    if (caseExport.info) await restoreCase(app, trx, who, id, caseExport.info);
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: who,
      action: 'subject.created',
      targetType: 'subject',
      targetId: id,
      data: { kind: bundle.subject.kind ?? null },
    });
    const assessment = (await assessWithinPopulation(app, trx, [bundle])).get(id);
    if (assessment) await recordAssessment(app, trx, who, id, assessment, 'created');
    return loadSubjectDetail(trx, actor, id);
  });
}
