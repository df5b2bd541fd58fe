import { appendAudit } from '../adapters/db/audit.ts';
import type { JobView, JsonObject } from '../adapters/db/records.ts';
import { putSetting } from '../adapters/db/repositories/settings.repository.ts';
import { DomainError } from '../core/errors.ts';
import { parsePolicy } from '../core/policy.ts';
import type { Policy } from '../core/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { loadPolicy, POLICY_SETTING } from './internal/assessing.ts';
import { enqueueReassessAll } from './reassess-all.ts';

export async function getPolicy(app: AppContext, actor: Actor): Promise<Policy> {
  authorize(actor, 'subjects:read');
  return loadPolicy(app.database.db);
}

/** Validates and stores the policy, then re-assesses everyone as a job. */
export async function updatePolicy(
  app: AppContext,
  actor: Actor,
  value: unknown,
): Promise<{ policy: Policy; job: JobView }> {
  authorize(actor, 'policy:write');
  const parsed = parsePolicy(value);
  if (!parsed.ok)
    throw new DomainError('validation', 'The policy is not valid; nothing was changed', parsed.problems);
  const policy = parsed.policy;
  const who = toAuditActor(actor);
  const policyJson = JSON.parse(JSON.stringify(policy)) as JsonObject;
  await inTransaction(app, async (trx) => {
    const previous = await loadPolicy(trx);
    const at = app.clock.now().toISOString();
    await putSetting(trx, POLICY_SETTING, policyJson, at);
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'policy.updated',
      targetType: 'policy',
      targetId: null,
      data: { previous: JSON.parse(JSON.stringify(previous)) as JsonObject, policy: policyJson },
    });
  });
  // After the commit: a worker must see the new policy. If queuing fails the policy still stands and
  // reassessAll can be run again.
  const job = await enqueueReassessAll(app, who, 'policy');
  return { policy, job };
}
