// Frozen: idempotency keys of HRIS/payroll change-event deliveries (POST /events/changes). A key is kept 7 days
// with a hash of the body it came with and the answer given, so a retried delivery gets the same answer and a
// reused key with another body is refused. Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('change_event_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_event_keys_created_idx')
    .on('change_event_keys')
    .columns(['created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('change_event_keys').ifExists().execute();
}
