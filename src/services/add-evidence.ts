import { appendAudit } from '../adapters/db/audit.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

/** Bundle arrays that take one more item at a time. */
export const EVIDENCE_KINDS = [
  'interviews',
  'documents',
  'changes',
  'payments',
  'communications',
  'references',
  'logins',
  'devices',
  'incidents',
  'employment',
  'education',
  'verifications',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export function isEvidenceKind(value: string): value is EvidenceKind {
  return (EVIDENCE_KINDS as readonly string[]).includes(value);
}

/**
 * Appends one item to a bundle array, validates the whole resulting bundle (problems point at the new item,
 * e.g. `interviews[3].at`), stores it and re-assesses. Nothing changes when it does not validate.
 */
export async function addEvidence(
  app: AppContext,
  actor: Actor,
  id: string,
  kind: string,
  item: unknown,
): Promise<SubjectDetail> {
  authorize(actor, 'subjects:write');
  if (!isEvidenceKind(kind)) {
    throw new DomainError('validation', `"${kind}" is not an evidence kind`, [
      { path: '(kind)', message: `expected one of ${EVIDENCE_KINDS.join(', ')}` },
    ]);
  }
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const subject = await findSubject(trx, id);
    if (!subject) throw notFound('Subject', id);
    const current = subject.bundle[kind];
    const list: unknown[] = Array.isArray(current) ? [...current] : [];
    const index = list.length;
    list.push(item);
    const checked = validateBundle({ ...subject.bundle, [kind]: list });
    if (!checked.ok) {
      throw new DomainError(
        'validation',
        `The new ${kind} item is not valid; nothing was stored`,
        checked.problems,
      );
    }
    await updateSubjectBundle(trx, checked.bundle, app.clock.now().toISOString());
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: who,
      action: 'evidence.added',
      targetType: 'subject',
      targetId: id,
      data: { kind, index, path: `${kind}[${index}]` },
    });
    const assessment = (await assessWithinPopulation(app, trx, [checked.bundle])).get(id);
    if (assessment) await recordAssessment(app, trx, who, id, assessment, 'evidence');
    return loadSubjectDetail(trx, actor, id);
  });
}
