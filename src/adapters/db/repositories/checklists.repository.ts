// Due-diligence checklist state per subject: rows mapped to core's ChecklistItemState at the boundary.
import type { ChecklistItemState, ChecklistItemStatus } from '../../../core/checklist/checklist.ts';
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';
import type { CaseChecklistItemsTable } from '../tables.ts';

function rowToState(row: CaseChecklistItemsTable): ChecklistItemState {
  return {
    itemId: row.item_id,
    status: row.status as ChecklistItemStatus,
    note: row.note,
    by: parseJsonText<AuditActor>(row.actor),
    at: row.at,
  };
}

/** Every recorded item state of one subject (items never changed have no row and are open). */
export async function listChecklistStates(db: Executor, subjectId: string): Promise<ChecklistItemState[]> {
  const rows = await db
    .selectFrom('case_checklist_items')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('item_id')
    .execute();
  return rows.map(rowToState);
}

export async function findChecklistState(
  db: Executor,
  subjectId: string,
  itemId: string,
): Promise<ChecklistItemState | null> {
  const row = await db
    .selectFrom('case_checklist_items')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row ? rowToState(row) : null;
}

/** Writes the item's state (insert or replace), who changed it and when. */
export async function upsertChecklistState(
  db: Executor,
  subjectId: string,
  state: { itemId: string; status: ChecklistItemStatus; note: string | null; by: AuditActor; at: string },
): Promise<void> {
  const values = { status: state.status, note: state.note, actor: toJsonText(state.by), at: state.at };
  await db
    .insertInto('case_checklist_items')
    .values({ subject_id: subjectId, item_id: state.itemId, ...values })
    .onConflict((oc) => oc.columns(['subject_id', 'item_id']).doUpdateSet(values))
    .execute();
}
