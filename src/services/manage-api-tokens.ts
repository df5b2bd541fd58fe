// API tokens for integrations: `gc_` + 32 random bytes, shown once, stored as sha256.
import { randomToken, sha256Hex } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import type { ApiTokenRecord } from '../adapters/db/records.ts';
import {
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens as listTokenRecords,
  revokeApiToken as revokeTokenRecord,
  touchApiToken,
} from '../adapters/db/repositories/api-tokens.repository.ts';
import type { Role } from '../core/auth/roles.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { checkRole, throwIfProblems } from './internal/users.ts';

export const API_TOKEN_PREFIX = 'gc_';
const TOUCH_INTERVAL_MS = 60_000;

export type ApiTokenView = ApiTokenRecord;

export async function createApiToken(
  app: AppContext,
  actor: Actor,
  input: { name: string; role: Role },
): Promise<{ id: string; token: string; name: string; role: Role; createdAt: string }> {
  authorize(actor, 'tokens:manage');
  const problems: { path: string; message: string }[] = [];
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200) {
    problems.push({ path: 'name', message: 'expected a name (1-200 characters)' });
  }
  checkRole(input.role, problems);
  throwIfProblems(problems, 'The API token is not valid');
  const token = randomToken(API_TOKEN_PREFIX, 32);
  return inTransaction(app, async (trx) => {
    const at = app.clock.now().toISOString();
    const record = await insertApiToken(trx, {
      id: app.ids.newId(),
      name: input.name.trim(),
      role: input.role,
      tokenHash: sha256Hex(token),
      createdBy: actor.id,
      at,
    });
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'token.created',
      targetType: 'token',
      targetId: record.id,
      data: { name: record.name, role: record.role },
    });
    return { id: record.id, token, name: record.name, role: record.role, createdAt: at };
  });
}

export async function listApiTokens(app: AppContext, actor: Actor): Promise<{ items: ApiTokenView[] }> {
  authorize(actor, 'tokens:manage');
  return { items: await listTokenRecords(app.database.db) };
}

export async function revokeApiToken(app: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tokens:manage');
  await inTransaction(app, async (trx) => {
    const token = await findApiToken(trx, id);
    if (!token) throw notFound('API token', id);
    if (token.revokedAt !== null) return;
    const at = app.clock.now().toISOString();
    await revokeTokenRecord(trx, id, at);
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'token.revoked',
      targetType: 'token',
      targetId: id,
      data: { name: token.name },
    });
  });
}

/** The actor behind a bearer token, or null if unknown or revoked. */
export async function resolveApiToken(app: AppContext, token: string): Promise<Actor | null> {
  if (typeof token !== 'string' || !token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = app.database.db;
  const record = await findApiTokenByHash(db, sha256Hex(token));
  if (!record || record.revokedAt !== null) return null;
  const now = app.clock.now();
  if (
    record.lastUsedAt === null ||
    now.getTime() - new Date(record.lastUsedAt).getTime() > TOUCH_INTERVAL_MS
  ) {
    await touchApiToken(db, record.id, now.toISOString());
  }
  return { kind: 'token', id: record.id, name: record.name, role: record.role };
}
