import type { DetailedAssessment } from '../../../core/types.ts';
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
