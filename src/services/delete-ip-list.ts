// Removes an imported range list by name (audited); the runtime reloads and everyone is re-assessed.
import { appendAudit } from '../adapters/db/audit.ts';
import { deleteIpList as deleteRow, findIpList } from '../adapters/db/repositories/ip-lists.repository.ts';
import {
  type Actor,
  type AppContext,
  authorize,
  inTransaction,
  notFound,
  nowIso,
  toAuditActor,
} from './context.ts';
import { enqueueReassessAll } from './reassess-all.ts';

export async function deleteIpList(
  app: AppContext,
  actor: Actor,
  name: string,
  options: { reassess?: boolean } = {},
): Promise<{ reassessJobId: string | null }> {
  authorize(actor, 'policy:write');
  const who = toAuditActor(actor);
  await inTransaction(app, async (trx) => {
    const existing = await findIpList(trx, name);
    if (!existing || !(await deleteRow(trx, name))) throw notFound('IP list', name);
    await appendAudit(trx, {
      at: nowIso(app),
      actor: who,
      action: 'ip_list.removed',
      targetType: 'ip_list',
      targetId: name,
      data: {
        kind: existing.kind,
        provider: existing.provider,
        label: existing.label,
        entries: existing.entries,
      },
    });
  });
  await app.ip?.reloadLists();
  const job = options.reassess === false ? undefined : await enqueueReassessAll(app, who, 'reassess');
  return { reassessJobId: job?.id ?? null };
}
