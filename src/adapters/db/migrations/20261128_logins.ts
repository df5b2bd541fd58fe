// Frozen: sign-in events from identity-provider logs (file imports and live hooks), the imports themselves
// (progress, counts, problems, unmatched accounts) and explicit account → subject links. Kysely<any>, no app code.
// Portable types only: text, integer, bigint, double precision (SQLite maps them to its affinities).
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('upload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('read_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('malformed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unmatched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('unmatched_accounts', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('login_imports_created_idx').on('login_imports').column('created_at').execute();

  await db.schema
    .createTable('login_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text')
    .addColumn('subject_id', 'text', (c) => c.references('subjects.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text')
    .addColumn('app', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('device', 'text')
    .addColumn('session_id', 'text')
    .addColumn('session_minutes', 'double precision')
    .addColumn('input_latency_ms', 'double precision')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('city', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('accuracy_km', 'double precision')
    .addColumn('asn', 'bigint')
    .addColumn('org', 'text')
    .addColumn('network_kind', 'text')
    .addColumn('provider', 'text')
    .addColumn('allow_list', 'text')
    .addColumn('allow_label', 'text')
    .addColumn('is_proxy', 'integer')
    .addColumn('risk', 'text')
    .addColumn('import_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('login_events_source_event_uq', ['source', 'event_id'])
    .execute();
  await db.schema
    .createIndex('login_events_subject_at_idx')
    .on('login_events')
    .columns(['subject_id', 'at'])
    .execute();
  await db.schema.createIndex('login_events_account_idx').on('login_events').column('account').execute();
  await db.schema
    .createIndex('login_events_ip_idx')
    .on('login_events')
    .columns(['ip', 'subject_id'])
    .execute();
  await db.schema.createIndex('login_events_import_idx').on('login_events').column('import_id').execute();

  await db.schema
    .createTable('subject_accounts')
    .addColumn('account', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subject_accounts_subject_idx')
    .on('subject_accounts')
    .column('subject_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('subject_accounts').ifExists().execute();
  await db.schema.dropTable('login_events').ifExists().execute();
  await db.schema.dropTable('login_imports').ifExists().execute();
}
