// Removes one import of threat indicators and its indicators (audited); the runtime reloads and everyone is
// re-assessed, so signals that rested on them go away.
import { appendAudit } from '../adapters/db/audit.ts';
import {
  deleteIndicatorImport as deleteRows,
  findIndicatorImport,
} from '../adapters/db/repositories/threat-indicators.repository.ts';
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

export async function deleteIndicatorImport(
  app: AppContext,
  actor: Actor,
  id: string,
  options: { reassess?: boolean } = {},
): Promise<{ removed: number; reassessJobId: string | null }> {
  authorize(actor, 'policy:write');
  const who = toAuditActor(actor);
  const removed = await inTransaction(app, async (trx) => {
    const existing = await findIndicatorImport(trx, id);
    if (!existing) throw notFound('Indicator import', id);
    const count = await deleteRows(trx, id);
    await appendAudit(trx, {
      at: nowIso(app),
      actor: who,
      action: 'indicators.removed',
      targetType: 'indicator_import',
      targetId: id,
      data: { name: existing.name, format: existing.format, sha256: existing.sha256, indicators: count },
    });
    return count;
  });
  await app.indicators?.reload();
  const job = options.reassess === false ? undefined : await enqueueReassessAll(app, who, 'reassess');
  return { removed, reassessJobId: job?.id ?? null };
}
