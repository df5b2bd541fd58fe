// Restores a case from a case export's `caseExport` into a subject created in the same transaction: status,
// assignee (when a user here has the email), notes with their author and time, and checklist step states,
// each marked as imported. One audit entry `case.imported` with the counts.
import type { Transaction } from 'kysely';
import { appendAudit } from '../../adapters/db/audit.ts';
import type { AuditActor } from '../../adapters/db/records.ts';
import {
  insertCaseEvent,
  insertCaseNote,
  updateCaseAssignee,
  updateCaseStatus,
} from '../../adapters/db/repositories/cases.repository.ts';
import { upsertChecklistState } from '../../adapters/db/repositories/checklists.repository.ts';
import { findUserByEmail } from '../../adapters/db/repositories/users.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { Problem } from '../../core/bundle/validate.ts';
import { importMarker, type ParsedCaseExport, planCaseRestore } from '../../core/report/case-export.ts';
import type { AppContext } from '../context.ts';

/** Someone named in the export who is not (or may not be) a user here: their name only. */
function exported(name: string): AuditActor {
  return { kind: 'user', id: null, name };
}

/** Writes the exported case over the just-opened case of `subjectId`; returns the warnings for the importer. */
export async function restoreCase(
  app: AppContext,
  trx: Transaction<DB>,
  who: AuditActor,
  subjectId: string,
  info: ParsedCaseExport,
): Promise<Problem[]> {
  const at = app.clock.now().toISOString();
  const plan = planCaseRestore(info, at);
  const source = importMarker(info);

  if (plan.status !== 'open') {
    await updateCaseStatus(trx, subjectId, 'open', plan.status, at);
    await insertCaseEvent(trx, {
      id: app.ids.newId(),
      subjectId,
      at,
      actor: who,
      kind: 'transitioned',
      from: 'open',
      to: plan.status,
      data: { imported: source },
    });
  }

  let assignee: 'matched' | 'kept as note' | null = null;
  const notes = plan.notes.map((n) => ({ at: n.at, author: exported(n.author), text: n.text }));
  if (plan.assignee) {
    const user = plan.assignee.email ? await findUserByEmail(trx, plan.assignee.email) : null;
    if (user && !user.disabled) {
      assignee = 'matched';
      await updateCaseAssignee(trx, subjectId, user.id, at);
      await insertCaseEvent(trx, {
        id: app.ids.newId(),
        subjectId,
        at,
        actor: who,
        kind: 'assigned',
        from: null,
        to: user.id,
        data: { assigneeName: user.name, imported: source },
      });
    } else {
      assignee = 'kept as note';
      notes.push({ at, author: who, text: plan.assignee.noteIfUnknown });
    }
  }
  for (const note of notes) {
    await insertCaseNote(trx, { id: app.ids.newId(), subjectId, ...note });
  }
  for (const item of plan.checklist) {
    await upsertChecklistState(trx, subjectId, {
      itemId: item.itemId,
      status: item.status,
      note: item.note,
      by: exported(item.by),
      at: item.at,
    });
  }
  await appendAudit(trx, {
    at,
    actor: who,
    action: 'case.imported',
    targetType: 'subject',
    targetId: subjectId,
    data: {
      source,
      status: plan.status,
      assignee,
      notes: plan.notes.length,
      checklist: plan.checklist.length,
      skipped: plan.warnings.length,
    },
  });
  return plan.warnings;
}
