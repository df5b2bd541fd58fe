// Explicit links from an identity-provider account (login name or email, lower-cased) to a subject:
// they win over matching by the subject's email.

import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';

export type AccountLink = { account: string; subjectId: string; linkedBy: AuditActor; linkedAt: string };

export async function listAccountLinks(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('subject_accounts').select(['account', 'subject_id']).execute();
  return new Map(rows.map((r) => [r.account, r.subject_id]));
}

export async function findAccountLink(db: Executor, account: string): Promise<AccountLink | null> {
  const row = await db
    .selectFrom('subject_accounts')
    .selectAll()
    .where('account', '=', account)
    .executeTakeFirst();
  return row
    ? {
        account: row.account,
        subjectId: row.subject_id,
        linkedBy: parseJsonText<AuditActor>(row.linked_by),
        linkedAt: row.linked_at,
      }
    : null;
}

/** Links (or re-links) the account to the subject. */
export async function upsertAccountLink(db: Executor, link: AccountLink): Promise<void> {
  const by = toJsonText(link.linkedBy);
  await db
    .insertInto('subject_accounts')
    .values({ account: link.account, subject_id: link.subjectId, linked_by: by, linked_at: link.linkedAt })
    .onConflict((oc) =>
      oc
        .column('account')
        .doUpdateSet({ subject_id: link.subjectId, linked_by: by, linked_at: link.linkedAt }),
    )
    .execute();
}
