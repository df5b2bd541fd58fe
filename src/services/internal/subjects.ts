import type { Transaction } from 'kysely';
import type { AuditActor } from '../../adapters/db/records.ts';
import { insertCase, insertCaseEvent } from '../../adapters/db/repositories/cases.repository.ts';
import { insertSubject } from '../../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { AppContext } from '../context.ts';

/** A new subject always comes with its case, open, and the case's first event. */
export async function insertSubjectWithCase(
  app: AppContext,
  trx: Transaction<DB>,
  actor: AuditActor,
  bundle: CaseBundle,
): Promise<void> {
  const at = app.clock.now().toISOString();
  const subjectId = bundle.subject.id;
  await insertSubject(trx, bundle, at);
  await insertCase(trx, { subjectId, status: 'open', assigneeId: null, openedAt: at, updatedAt: at });
  await insertCaseEvent(trx, {
    id: app.ids.newId(),
    subjectId,
    at,
    actor,
    kind: 'opened',
    from: null,
    to: 'open',
  });
}
