// A subject's verification sessions, newest first. Overdue ones are expired first (audited), so what is
// listed is what the bundle says.

import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import {
  listSubjectVerifications,
  type VerificationSessionRecord,
} from '../adapters/db/repositories/verification-sessions.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';
import {
  expireVerification,
  isOverdue,
  toVerificationView,
  type VerificationView,
} from './internal/verifications.ts';

export async function listVerifications(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<{ verifications: VerificationView[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  let sessions: VerificationSessionRecord[] = await listSubjectVerifications(db, subjectId);
  const now = app.clock.now();
  const overdue = sessions.filter((s) => isOverdue(s, now));
  if (overdue.length > 0) {
    for (const s of overdue) await expireVerification(app, s.id);
    sessions = await listSubjectVerifications(db, subjectId);
  }
  return { verifications: sessions.map(toVerificationView) };
}
