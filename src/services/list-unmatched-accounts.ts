// Accounts in stored sign-in events that belong to no subject: who to link (POST /logins/accounts,
// `gatecheck logins link`) or to ignore.
import {
  type AccountSummary,
  listUnmatchedAccounts as listUnmatched,
} from '../adapters/db/repositories/login-events.repository.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export const MAX_UNMATCHED_ACCOUNTS = 1_000;

export async function listUnmatchedAccounts(
  app: AppContext,
  actor: Actor,
  input: { limit?: number | undefined } = {},
): Promise<{ items: AccountSummary[] }> {
  authorize(actor, 'subjects:read');
  const limit = Math.min(Math.max(input.limit ?? MAX_UNMATCHED_ACCOUNTS, 1), MAX_UNMATCHED_ACCOUNTS);
  return { items: await listUnmatched(app.database.db, { limit }) };
}
