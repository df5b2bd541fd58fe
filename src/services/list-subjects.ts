import { querySubjects, type SubjectSummary } from '../adapters/db/repositories/subjects.repository.ts';
import { type CaseStatus, isCaseStatus } from '../core/case/state-machine.ts';
import { DomainError } from '../core/errors.ts';
import { BANDS, type Band } from '../core/types.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export type { SubjectSummary };

export type ListSubjectsInput = {
  q?: string | undefined;
  band?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  assigneeId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

/** Riskiest first; filters combine. */
export async function listSubjects(
  app: AppContext,
  actor: Actor,
  input: ListSubjectsInput = {},
): Promise<{ items: SubjectSummary[]; total: number }> {
  authorize(actor, 'subjects:read');
  const problems = [];
  if (input.band !== undefined && !(BANDS as readonly string[]).includes(input.band)) {
    problems.push({ path: 'band', message: `expected one of ${BANDS.join(', ')}` });
  }
  if (input.status !== undefined && !isCaseStatus(input.status)) {
    problems.push({ path: 'status', message: 'not a case status' });
  }
  if (problems.length > 0) throw new DomainError('validation', 'Invalid subject filter', problems);
  return querySubjects(app.database.db, {
    q: input.q,
    band: input.band as Band | undefined,
    status: input.status as CaseStatus | undefined,
    kind: input.kind,
    assigneeId: input.assigneeId,
    limit: input.limit,
    offset: input.offset,
  });
}
