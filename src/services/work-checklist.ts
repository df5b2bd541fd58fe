// The due-diligence checklist of a subject: read it, and mark a step done, not applicable or open again.
// Each change is stored with who and when, audited in the same transaction, and refreshes the gaps of the
// subject's latest assessment (a new history entry with trigger "checklist"; score and band unchanged).
import { appendAudit } from '../adapters/db/audit.ts';
import type { Executor } from '../adapters/db/database.ts';
import { latestAssessment } from '../adapters/db/repositories/assessments.repository.ts';
import { touchCase } from '../adapters/db/repositories/cases.repository.ts';
import {
  findChecklistState,
  upsertChecklistState,
} from '../adapters/db/repositories/checklists.repository.ts';
import { getChecklistItem } from '../core/checklist/catalogue.ts';
import {
  type ChecklistItemState,
  type ChecklistView,
  checklistGaps,
  parseChecklistChange,
} from '../core/checklist/checklist.ts';
import type { Band, NotEvaluated } from '../core/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { loadPolicy, recordAssessment } from './internal/assessing.ts';
import { loadChecklist } from './internal/checklists.ts';

export type SubjectChecklist = ChecklistView & {
  subjectId: string;
  band: Band | null;
  /** The open items the assessment lists as not evaluated. */
  gaps: NotEvaluated[];
};

async function view(app: AppContext, db: Executor, subjectId: string): Promise<SubjectChecklist> {
  const policy = await loadPolicy(db);
  const loaded = await loadChecklist(db, subjectId, policy, app.clock.now());
  if (!loaded) throw notFound('Subject', subjectId);
  return { subjectId, band: loaded.context.band, ...loaded.view, gaps: checklistGaps(loaded.view) };
}

export async function getChecklist(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<SubjectChecklist> {
  authorize(actor, 'subjects:read');
  return view(app, app.database.db, subjectId);
}

/**
 * Sets one item's state. Hiring-stage steps need `cases:note` (recruiters and up); response-playbook steps
 * need `cases:work` (investigators and up). Not applicable needs a reason in `note`.
 */
export async function setChecklistItem(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  itemId: string,
  input: { state: unknown; note?: unknown },
): Promise<SubjectChecklist> {
  authorize(actor, 'cases:note');
  const change = parseChecklistChange(itemId, input);
  if (getChecklistItem(itemId)?.kind === 'playbook') authorize(actor, 'cases:work');
  const who = toAuditActor(actor);
  return inTransaction(app, async (trx) => {
    const before = await view(app, trx, subjectId);
    const previous: ChecklistItemState | null = await findChecklistState(trx, subjectId, itemId);
    const from = previous?.status ?? 'open';
    if (from === change.status && (previous?.note ?? null) === change.note) return before;
    const at = app.clock.now().toISOString();
    await upsertChecklistState(trx, subjectId, {
      itemId,
      status: change.status,
      note: change.note,
      by: who,
      at,
    });
    await touchCase(trx, subjectId, at);
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'checklist.item_changed',
      targetType: 'subject',
      targetId: subjectId,
      data: { itemId, from, to: change.status, noteLength: change.note?.length ?? 0 },
    });
    // The latest assessment's gaps follow the checklist: store it again with the new gaps.
    const latest = await latestAssessment(trx, subjectId);
    if (latest) await recordAssessment(app, trx, who, subjectId, latest.assessment, 'checklist');
    return view(app, trx, subjectId);
  });
}
