import { sql } from 'kysely';
import type { CaseBundle } from '../../../core/bundle/schema.ts';
import type { CaseStatus } from '../../../core/case/state-machine.ts';
import type { Band } from '../../../core/types.ts';
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { SubjectsTable } from '../tables.ts';

export type SubjectRecord = {
  id: string;
  kind: string | null;
  name: string | null;
  role: string | null;
  claimedCountry: string | null;
  bundle: CaseBundle;
  band: Band | null;
  score: number | null;
  signalCount: number | null;
  createdAt: string;
  updatedAt: string;
};

export type SubjectSummary = {
  id: string;
  name: string | null;
  kind: string | null;
  role: string | null;
  claimedCountry: string | null;
  band: Band | null;
  score: number | null;
  caseStatus: CaseStatus;
  assignee: { id: string; name: string } | null;
  signalCount: number | null;
  updatedAt: string;
};

export function subjectRowToSubject(row: SubjectsTable): SubjectRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    role: row.role,
    claimedCountry: row.claimed_country,
    bundle: parseJsonText<CaseBundle>(row.bundle),
    band: row.band as Band | null,
    score: row.score === null ? null : Number(row.score),
    signalCount: row.signal_count === null ? null : Number(row.signal_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Columns derived from the bundle (kept in sync on every write). */
function bundleColumns(bundle: CaseBundle) {
  const s = bundle.subject;
  const search = [s.id, s.name, s.email, ...(s.aliases ?? [])]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' ')
    .toLowerCase();
  return {
    kind: s.kind ?? null,
    name: s.name ?? null,
    role: s.role ?? null,
    claimed_country: s.claimedLocation?.country ?? null,
    search,
    bundle: toJsonText(bundle),
  };
}

export async function insertSubject(db: Executor, bundle: CaseBundle, at: string): Promise<void> {
  await db
    .insertInto('subjects')
    .values({
      id: bundle.subject.id,
      ...bundleColumns(bundle),
      band: null,
      score: null,
      signal_count: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function updateSubjectBundle(db: Executor, bundle: CaseBundle, at: string): Promise<void> {
  await db
    .updateTable('subjects')
    .set({ ...bundleColumns(bundle), updated_at: at })
    .where('id', '=', bundle.subject.id)
    .execute();
}

export async function updateSubjectAssessment(
  db: Executor,
  id: string,
  latest: { band: Band; score: number; signalCount: number },
): Promise<void> {
  await db
    .updateTable('subjects')
    .set({ band: latest.band, score: latest.score, signal_count: latest.signalCount })
    .where('id', '=', id)
    .execute();
}

export async function findSubject(db: Executor, id: string): Promise<SubjectRecord | null> {
  const row = await db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? subjectRowToSubject(row) : null;
}

/** The latest band and score only (no bundle parsing). */
export async function findSubjectRisk(
  db: Executor,
  id: string,
): Promise<{ band: Band | null; score: number | null } | null> {
  const row = await db
    .selectFrom('subjects')
    .select(['band', 'score'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { band: row.band as Band | null, score: row.score === null ? null : Number(row.score) } : null;
}

export async function subjectExists(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('subjects').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Every stored bundle, in id order: the population the detectors compare people within. */
export async function listAllBundles(db: Executor): Promise<CaseBundle[]> {
  const rows = await db.selectFrom('subjects').select('bundle').orderBy('id').execute();
  return rows.map((r) => parseJsonText<CaseBundle>(r.bundle));
}

export async function listSubjectIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('subjects').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export type SubjectQuery = {
  q?: string | undefined;
  band?: Band | undefined;
  status?: CaseStatus | undefined;
  kind?: string | undefined;
  assigneeId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Riskiest first, then most recently updated. */
export async function querySubjects(
  db: Executor,
  query: SubjectQuery,
): Promise<{ items: SubjectSummary[]; total: number }> {
  let base = db
    .selectFrom('subjects')
    .innerJoin('cases', 'cases.subject_id', 'subjects.id')
    .leftJoin('users', 'users.id', 'cases.assignee_id');
  const q = query.q?.trim().toLowerCase();
  if (q) base = base.where(sql<boolean>`subjects.search like ${`%${escapeLike(q)}%`} escape '\\'`);
  if (query.band) base = base.where('subjects.band', '=', query.band);
  if (query.kind) base = base.where('subjects.kind', '=', query.kind);
  if (query.status) base = base.where('cases.status', '=', query.status);
  if (query.assigneeId) base = base.where('cases.assignee_id', '=', query.assigneeId);

  const totalRow = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'subjects.id',
      'subjects.name',
      'subjects.kind',
      'subjects.role',
      'subjects.claimed_country',
      'subjects.band',
      'subjects.score',
      'subjects.signal_count',
      'subjects.updated_at',
      'cases.status',
      'cases.assignee_id',
      'users.name as assignee_name',
    ])
    .orderBy(sql`case when subjects.score is null then 1 else 0 end`)
    .orderBy('subjects.score', 'desc')
    .orderBy('subjects.updated_at', 'desc')
    .orderBy('subjects.id')
    .limit(Math.min(Math.max(query.limit ?? 50, 1), 500))
    .offset(Math.max(query.offset ?? 0, 0))
    .execute();
  return {
    total: Number(totalRow.n),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      role: r.role,
      claimedCountry: r.claimed_country,
      band: r.band as Band | null,
      score: r.score === null ? null : Number(r.score),
      caseStatus: r.status as CaseStatus,
      assignee: r.assignee_id !== null ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
      signalCount: r.signal_count === null ? null : Number(r.signal_count),
      updatedAt: r.updated_at,
    })),
  };
}

/** Every stored subject with its bundle and latest band and score, in id order (the link graph's input). */
export async function listSubjectsWithBundles(db: Executor): Promise<SubjectRecord[]> {
  const rows = await db.selectFrom('subjects').selectAll().orderBy('id').execute();
  return rows.map(subjectRowToSubject);
}

/** Up to `limit` subjects with their bundles, ordered by id, after the id `after` (keyset pagination). */
export async function listSubjectsWithBundlesPage(
  db: Executor,
  page: { after: string | null; limit: number },
): Promise<SubjectRecord[]> {
  let query = db.selectFrom('subjects').selectAll().orderBy('id').limit(page.limit);
  if (page.after !== null) query = query.where('id', '>', page.after);
  return (await query.execute()).map(subjectRowToSubject);
}

/**
 * What changes whenever a subject is stored, changed, deleted or re-assessed: counts and latest times of
 * subjects and assessments (for caches of views computed over the whole population).
 */
export async function populationFingerprint(db: Executor): Promise<string> {
  const s = await db
    .selectFrom('subjects')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at')])
    .executeTakeFirstOrThrow();
  const a = await db
    .selectFrom('assessments')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('created_at').as('at')])
    .executeTakeFirstOrThrow();
  return `${Number(s.n)}|${s.at ?? ''}|${Number(a.n)}|${a.at ?? ''}`;
}
