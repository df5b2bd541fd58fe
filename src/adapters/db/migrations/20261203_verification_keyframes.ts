// Frozen: keyframes a candidate's browser uploads during a verification challenge (JPEG, encrypted in the file
// store at `storage_key`), spot-checked by the server against the trace; deleted at `retain_until`.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('verification_keyframes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('verification_sessions.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('t_ms', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addUniqueConstraint('verification_keyframes_session_idx_unique', ['session_id', 'idx'])
    .execute();
  await db.schema
    .createIndex('verification_keyframes_retain_idx')
    .on('verification_keyframes')
    .columns(['retain_until'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('verification_keyframes').ifExists().execute();
}
