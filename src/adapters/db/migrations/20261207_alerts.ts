// Frozen: alerts raised when a subject's band rises (or a new critical signal appears), and their deliveries
// (one row per alert and destination, or per digest day and destination) with retry state.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('assessment_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('previous_band', 'text')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('previous_score', 'integer')
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('new_critical', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('read_by', 'text')
    .execute();
  await db.schema.createIndex('alerts_created_idx').on('alerts').columns(['created_at']).execute();
  await db.schema
    .createIndex('alerts_dedupe_idx')
    .on('alerts')
    .columns(['dedupe_key', 'created_at'])
    .execute();
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.references('alerts.id'))
    .addColumn('digest_day', 'text')
    .addColumn('destination_id', 'text', (c) => c.notNull())
    .addColumn('destination_kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_deliveries_alert_idx')
    .on('alert_deliveries')
    .columns(['alert_id'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_due_idx')
    .on('alert_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_digest_uq')
    .on('alert_deliveries')
    .columns(['destination_id', 'digest_day'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('alert_deliveries').ifExists().execute();
  await db.schema.dropTable('alerts').ifExists().execute();
}
