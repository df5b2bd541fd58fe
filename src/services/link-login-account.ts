// Links an identity-provider account to a subject: the link wins over email matching from now on, every
// stored event of the account moves to the subject, and the subjects concerned are re-assessed.
import { z } from 'zod';
import { appendAudit } from '../adapters/db/audit.ts';
import {
  attributeAccountEvents,
  countAccountEvents,
} from '../adapters/db/repositories/login-events.repository.ts';
import {
  findAccountLink,
  upsertAccountLink,
} from '../adapters/db/repositories/subject-accounts.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { reassessSubjects } from './internal/logins.ts';

export const linkAccountSchema = z.object({
  account: z.string().trim().min(1).max(320),
  subjectId: z.string().min(1).max(200),
});

export type LinkedAccount = { account: string; subjectId: string; events: number };

export async function linkLoginAccount(
  app: AppContext,
  actor: Actor,
  input: unknown,
): Promise<LinkedAccount> {
  authorize(actor, 'logins:import');
  const parsed = linkAccountSchema.safeParse(input);
  if (!parsed.success)
    throw new DomainError(
      'validation',
      'The link is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
    );
  const account = parsed.data.account.toLowerCase();
  const { subjectId } = parsed.data;
  const who = toAuditActor(actor);
  const outcome = await inTransaction(app, async (trx) => {
    if (!(await subjectExists(trx, subjectId))) throw notFound('Subject', subjectId);
    const previous = await findAccountLink(trx, account);
    const at = app.clock.now().toISOString();
    await upsertAccountLink(trx, { account, subjectId, linkedBy: who, linkedAt: at });
    const moved = await attributeAccountEvents(trx, account, subjectId);
    const events = await countAccountEvents(trx, account);
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'logins.account_linked',
      targetType: 'subject',
      targetId: subjectId,
      data: {
        previousSubjectId: previous?.subjectId ?? null,
        eventsMoved: moved.changed,
        eventsFrom: moved.previousSubjects,
      },
    });
    return { events, moved };
  });
  await reassessSubjects(app, who, [subjectId, ...outcome.moved.previousSubjects], 'logins');
  return { account, subjectId, events: outcome.events };
}
