// Imported threat indicators: one row per import (sha256 unique) and its indicators in normal form.
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';

export type IndicatorImportRecord = {
  id: string;
  name: string;
  format: string;
  sha256: string;
  bytes: number;
  indicators: number;
  problems: number;
  expired: number;
  importedAt: string;
  importedBy: AuditActor;
};

export type ThreatIndicatorRecord = {
  id: string;
  importId: string;
  kind: string;
  value: string;
  source: string;
  labels: string[];
  description: string | null;
  validFrom: string | null;
  validUntil: string | null;
  stixId: string | null;
  importedAt: string;
};

type ImportRow = {
  id: string;
  name: string;
  format: string;
  sha256: string;
  bytes: number | string;
  indicators: number | string;
  problems: number | string;
  expired: number | string;
  imported_at: string;
  imported_by: string;
};

type IndicatorRow = {
  id: string;
  import_id: string;
  kind: string;
  value: string;
  source: string;
  labels: string;
  description: string | null;
  valid_from: string | null;
  valid_until: string | null;
  stix_id: string | null;
  imported_at: string;
};

function toImport(row: ImportRow): IndicatorImportRecord {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    sha256: row.sha256,
    bytes: Number(row.bytes),
    indicators: Number(row.indicators),
    problems: Number(row.problems),
    expired: Number(row.expired),
    importedAt: row.imported_at,
    importedBy: parseJsonText<AuditActor>(row.imported_by),
  };
}

function toIndicator(row: IndicatorRow): ThreatIndicatorRecord {
  return {
    id: row.id,
    importId: row.import_id,
    kind: row.kind,
    value: row.value,
    source: row.source,
    labels: parseJsonText<string[]>(row.labels),
    description: row.description,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    stixId: row.stix_id,
    importedAt: row.imported_at,
  };
}

export async function findIndicatorImport(
  db: Executor,
  id: string,
): Promise<IndicatorImportRecord | undefined> {
  const row = await db.selectFrom('indicator_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toImport(row) : undefined;
}

export async function findIndicatorImportBySha(
  db: Executor,
  sha256: string,
): Promise<IndicatorImportRecord | undefined> {
  const row = await db
    .selectFrom('indicator_imports')
    .selectAll()
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row ? toImport(row) : undefined;
}

export async function listIndicatorImports(db: Executor): Promise<IndicatorImportRecord[]> {
  const rows = await db
    .selectFrom('indicator_imports')
    .selectAll()
    .orderBy('imported_at')
    .orderBy('id')
    .execute();
  return rows.map(toImport);
}

/** Inserts an import and its indicators (inside the caller's transaction), in batches. */
export async function insertIndicatorImport(
  db: Executor,
  record: IndicatorImportRecord,
  indicators: readonly ThreatIndicatorRecord[],
): Promise<void> {
  await db
    .insertInto('indicator_imports')
    .values({
      id: record.id,
      name: record.name,
      format: record.format,
      sha256: record.sha256,
      bytes: record.bytes,
      indicators: record.indicators,
      problems: record.problems,
      expired: record.expired,
      imported_at: record.importedAt,
      imported_by: toJsonText(record.importedBy),
    })
    .execute();
  // 11 columns per row: 500 rows stay under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < indicators.length; i += 500) {
    await db
      .insertInto('threat_indicators')
      .values(
        indicators.slice(i, i + 500).map((x) => ({
          id: x.id,
          import_id: x.importId,
          kind: x.kind,
          value: x.value,
          source: x.source,
          labels: toJsonText(x.labels),
          description: x.description,
          valid_from: x.validFrom,
          valid_until: x.validUntil,
          stix_id: x.stixId,
          imported_at: x.importedAt,
        })),
      )
      .execute();
  }
}

/** Removes an import and its indicators; returns how many indicators went. */
export async function deleteIndicatorImport(db: Executor, id: string): Promise<number> {
  const result = await db.deleteFrom('threat_indicators').where('import_id', '=', id).executeTakeFirst();
  await db.deleteFrom('indicator_imports').where('id', '=', id).execute();
  return Number(result.numDeletedRows);
}

/** Every indicator not expired at `nowIso` (for building the in-memory index). */
export async function listActiveIndicators(db: Executor, nowIso: string): Promise<ThreatIndicatorRecord[]> {
  const rows = await db
    .selectFrom('threat_indicators')
    .selectAll()
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', nowIso)]))
    .orderBy('id')
    .execute();
  return rows.map(toIndicator);
}

/** A page of indicators, newest import first, optionally of one kind or one import. */
export async function pageIndicators(
  db: Executor,
  filter: { kind?: string; importId?: string; limit: number; offset: number },
): Promise<{ items: ThreatIndicatorRecord[]; total: number }> {
  let query = db.selectFrom('threat_indicators');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.importId) query = query.where('import_id', '=', filter.importId);
  const count = await query
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('imported_at', 'desc')
    .orderBy('kind')
    .orderBy('value')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: rows.map(toIndicator), total: Number(count.n) };
}

/** Changes whenever an import is added or removed (another process's import is noticed by it). */
export async function indicatorsFingerprint(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('indicator_imports')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('id').as('last')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}:${row.last ?? ''}`;
}
