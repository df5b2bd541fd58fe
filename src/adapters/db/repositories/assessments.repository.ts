import { sql } from 'kysely';
import type { DetailedAssessment, Signal } from '../../../core/types.ts';
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';

export type StoredAssessment = {
  id: string;
  subjectId: string;
  createdAt: string;
  trigger: string;
  assessment: DetailedAssessment;
};

/** Appends one assessment; history is never overwritten. */
export async function insertAssessment(
  db: Executor,
  row: { id: string; subjectId: string; createdAt: string; trigger: string; assessment: DetailedAssessment },
): Promise<void> {
  await db
    .insertInto('assessments')
    .values({
      id: row.id,
      subject_id: row.subjectId,
      assessed_at: row.assessment.assessedAt,
      created_at: row.createdAt,
      score: row.assessment.score,
      band: row.assessment.band,
      result: toJsonText(row.assessment),
      trigger: row.trigger,
    })
    .execute();
}

/** Newest first (ids are time-ordered, so they break ties within one timestamp). */
export async function listAssessments(
  db: Executor,
  subjectId: string,
  limit = 200,
): Promise<StoredAssessment[]> {
  const rows = await db
    .selectFrom('assessments')
    .select(['id', 'subject_id', 'created_at', 'trigger', 'result'])
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    createdAt: r.created_at,
    trigger: r.trigger,
    assessment: parseJsonText<DetailedAssessment>(r.result),
  }));
}

export async function latestAssessment(db: Executor, subjectId: string): Promise<StoredAssessment | null> {
  return (await listAssessments(db, subjectId, 1))[0] ?? null;
}

export async function countAssessments(db: Executor, subjectId: string): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('subject_id', '=', subjectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The signals with the given ids from each subject's latest assessment, for subjects whose latest
 * assessment holds any of them (a text filter skips parsing the others).
 */
export async function listLatestSignals(
  db: Executor,
  signalIds: readonly string[],
): Promise<{ subjectId: string; signals: Signal[] }[]> {
  if (signalIds.length === 0) return [];
  const latest = db
    .selectFrom('assessments')
    .select([
      'subject_id',
      'result',
      sql<number>`row_number() over (partition by subject_id order by created_at desc, id desc)`.as('rn'),
    ])
    .as('latest');
  const rows = await db
    .selectFrom(latest)
    .select(['latest.subject_id', 'latest.result'])
    .where('latest.rn', '=', 1)
    .where((eb) => eb.or(signalIds.map((id) => eb('latest.result', 'like', `%"${id}"%`))))
    .orderBy('latest.subject_id')
    .execute();
  const wanted = new Set(signalIds);
  return rows.map((r) => ({
    subjectId: r.subject_id,
    signals: parseJsonText<DetailedAssessment>(r.result).signals.filter((s) => wanted.has(s.id)),
  }));
}
