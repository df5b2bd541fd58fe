import type { Transaction } from 'kysely';
import { randomToken, sha256Hex } from '../../adapters/crypto/secrets.ts';
import { insertSession } from '../../adapters/db/repositories/sessions.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { AppContext } from '../context.ts';

/** What the server puts in the `gc_session` cookie (token) and hands to the page (csrfToken). */
export type NewSession = { token: string; csrfToken: string; expiresAt: string };

export async function openSession(
  app: AppContext,
  trx: Transaction<DB>,
  userId: string,
  ip: string | null,
): Promise<NewSession> {
  const token = randomToken('', 32);
  const csrfToken = randomToken('', 24);
  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + app.config.sessionTtlHours * 3_600_000).toISOString();
  await insertSession(trx, {
    id: sha256Hex(token),
    userId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
    ip,
  });
  return { token, csrfToken, expiresAt };
}
