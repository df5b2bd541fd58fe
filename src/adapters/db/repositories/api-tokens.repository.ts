import type { Role } from '../../../core/auth/roles.ts';
import type { Executor } from '../database.ts';
import type { ApiTokenRecord } from '../records.ts';
import type { ApiTokensTable } from '../tables.ts';

function tokenRowToToken(row: ApiTokensTable): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertApiToken(
  db: Executor,
  token: { id: string; name: string; role: Role; tokenHash: string; createdBy: string | null; at: string },
): Promise<ApiTokenRecord> {
  const row: ApiTokensTable = {
    id: token.id,
    name: token.name,
    role: token.role,
    token_hash: token.tokenHash,
    created_by: token.createdBy,
    created_at: token.at,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return tokenRowToToken(row);
}

export async function findApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? tokenRowToToken(row) : null;
}

export async function findApiToken(db: Executor, id: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? tokenRowToToken(row) : null;
}

export async function listApiTokens(db: Executor): Promise<ApiTokenRecord[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(tokenRowToToken);
}

export async function revokeApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
