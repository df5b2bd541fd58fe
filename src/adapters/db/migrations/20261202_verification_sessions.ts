// Frozen: verification sessions sent to candidates (a single-use, expiring link). Only the sha256 of the link's
// token is stored. The submitted trace is compressed and encrypted in the file store at `trace_key`.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('verification_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('consent', 'text')
    .addColumn('plan', 'text')
    .addColumn('challenged_at', 'text')
    .addColumn('trace_key', 'text')
    .addColumn('trace_bytes', 'bigint')
    .addColumn('finished_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('retain_until', 'text')
    .execute();
  await db.schema
    .createIndex('verification_sessions_subject_idx')
    .on('verification_sessions')
    .columns(['subject_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('verification_sessions_status_idx')
    .on('verification_sessions')
    .columns(['status', 'expires_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('verification_sessions').ifExists().execute();
}
